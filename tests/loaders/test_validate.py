"""Unit tests of the validator: positions, cross-file checks and hostile input."""

from __future__ import annotations

import json
import os
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.validate import (
    Problem,
    ValidationReport,
    json_schema,
    normalise_text,
    validate_paths,
    write_json_schema,
)
from loaders.yamlsrc import MAX_BYTES, load_yaml_text
from tests.stress_stats import count

pytestmark = pytest.mark.reliability("crashes")

SOURCE_TEXT = """Alpha unit text.
De dienst   steun en informatie (DSI) staat onder leiding
van een hoofdinspecteur. Beta. Gamma. Hij zegt ‘ja’ en “nee”.
"""

HEADER = """\
dataset: {name}
defaults:
  source: src
"""

SOURCES = """\
dataset: sources
sources:
  - id: src
    file: s.txt
    title: S
    kind: web page
"""


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def setup(tmp: Path) -> Path:
    """A sources dir with s.txt and a data dir with the sources file; returns the data dir."""
    (tmp / "seeds").mkdir(exist_ok=True)
    (tmp / "seeds" / "s.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    data = tmp / "data"
    write(data, "sources.yaml", SOURCES)
    return data


def run(tmp: Path, *, known: tuple[str, ...] = ()) -> ValidationReport:
    return validate_paths([tmp / "data"], sources_dir=tmp / "seeds", known_ids=known)


def at(report: ValidationReport, name: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in report.problems if p.file.endswith(name)]


def entities(*specs: tuple[str, str]) -> str:
    out = ["entities:"]
    for eid, kind in specs:
        out += [
            f"  - id: {eid}",
            f"    kind: {kind}",
            f"    name: {eid}",
            "    quote: Alpha unit text",
        ]
    return "\n".join(out) + "\n"


def relation(rtype: str, src: str, dst: str, extra: str = "") -> str:
    return (
        f"  - type: {rtype}\n    from: {src}\n    to: {dst}\n    quote: Alpha unit text\n" + extra
    )


# --- happy path ---------------------------------------------------------------------------


def test_valid_files_pass_with_stats(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "zone.yaml",
        HEADER.format(name="zone")
        + entities(("zone", "Organisation"), ("dsi", "Unit"), ("head", "Post"))
        + "relations:\n"
        + relation("PART_OF", "dsi", "zone")
        + relation("LEADS", "head", "dsi")
        + relation("REPORTS_TO", "head", "zone", "    props: {line: hierarchical}\n"),
    )
    report = run(tmp_path)
    assert report.ok, str(report)
    assert [p.dataset.dataset for p in report.datasets] == ["sources", "zone"]
    stats = report.stats().as_dict()
    assert stats["datasets"]["zone"]["entities"] == 3
    assert stats["datasets"]["zone"]["relations"] == 3
    assert stats["datasets"]["zone"]["by_type"]["PART_OF"] == 1
    assert stats["sources"]["src"]["facts"] == 6
    assert stats["datasets"]["sources"]["facts"] == 0


def test_quotes_are_whitespace_and_curly_quote_normalised(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "z.yaml",
        HEADER.format(name="z")
        + """\
entities:
  - id: dsi
    kind: Unit
    name: DSI
    quote: "De dienst steun en informatie (DSI) staat onder leiding van een hoofdinspecteur."
  - id: x
    kind: Unit
    name: X
    quote: |
      Hij zegt 'ja' en "nee".
""",
    )
    report = run(tmp_path)
    assert report.ok, str(report)
    assert normalise_text(" a\n\t b  ’c” ") == "a b 'c\""


# --- everything at once, with positions ---------------------------------------------------


def test_five_errors_in_one_file_all_reported_with_positions(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "five.yaml",
        """\
dataset: five
defaults:
  source: src
entities:
  - id: a-unit
    kind: Unit
    name: A
    quote: Alpha unit text
    colour: red
  - id: b-unit
    kind: Unitt
    name: B
    quote: Beta
  - id: c-post
    kind: Post
    name: C
    quote: Gamma
    inferred: true
relations:
  - type: PART_OF
    from: c-post
    to: a-unti
    quote: Alpha unit text
  - type: REPORTS_TO
    from: c-post
    to: a-unit
    quote: Alpha unit text
""",
    )
    problems = at(run(tmp_path), "five.yaml")
    assert [(line, col) for line, col, _ in problems] == [
        (9, 5),
        (11, 11),
        (18, 15),
        (22, 9),
        (24, 5),
    ], problems
    messages = [m for _, _, m in problems]
    assert "unknown key 'colour'" in messages[0]
    assert "'Unitt'" in messages[1] and "did you mean 'Unit'" in messages[1]
    assert "reason" in messages[2]
    assert "unknown entity 'a-unti'" in messages[3] and "did you mean 'a-unit'" in messages[3]
    assert "REPORTS_TO needs props.line" in messages[4]


def test_problem_str_and_sorting(tmp_path: Path) -> None:
    p = Problem("data/x.yaml", 3, 7, "boom")
    assert str(p) == "data/x.yaml:3:7: boom"
    assert sorted([Problem("b", 1, 1, "m"), Problem("a", 2, 1, "m"), Problem("a", 1, 9, "m")]) == [
        Problem("a", 1, 9, "m"),
        Problem("a", 2, 1, "m"),
        Problem("b", 1, 1, "m"),
    ]


def test_schema_errors_missing_and_wrong_types(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "s.yaml",
        """\
dataset: Bad_Name
defaults:
  source: src
  status: sometimes
entities:
  - id: x
    kind: Unit
    name: [not, a, string]
  - kind: Unit
    name: Y
    quote: Alpha unit text
    valid_from: 2020-02-30
relations: {}
""",
    )
    problems = at(run(tmp_path), "s.yaml")
    text = "\n".join(f"{line}:{col} {m}" for line, col, m in problems)
    assert "1:10 dataset: 'Bad_Name' is not a valid id" in text
    assert "did you mean 'bad-name'" in text
    assert "4:11 status: invalid value 'sometimes'" in text
    assert "6:5 missing required key 'quote'" in text
    assert "8:11 name:" in text
    assert "9:5 missing required key 'id'" in text
    assert "12:17 invalid timestamp value '2020-02-30'" in text
    assert "13:12 relations: expected a list" in text


# --- cross-file ---------------------------------------------------------------------------


def test_duplicate_ids_across_files_name_first_place(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(data, "a.yaml", HEADER.format(name="a") + entities(("dsi", "Unit")))
    write(data, "b.yaml", HEADER.format(name="b") + entities(("zone", "Unit"), ("dsi", "Unit")))
    report = run(tmp_path)
    (problem,) = report.problems
    assert problem.file.endswith("b.yaml")
    assert (problem.line, problem.col) == (9, 9)
    assert f"duplicate entity id 'dsi' (first defined at {data / 'a.yaml'}:5:9)" in problem.message


def test_duplicate_dataset_names(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(data, "a.yaml", HEADER.format(name="same"))
    write(data, "b.yaml", HEADER.format(name="same"))
    (problem,) = run(tmp_path).problems
    assert problem.file.endswith("b.yaml")
    assert "dataset 'same' is also declared in" in problem.message


def test_duplicate_default_relation_ids(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        HEADER.format(name="a")
        + entities(("u", "Unit"), ("v", "Unit"))
        + "relations:\n"
        + relation("PART_OF", "u", "v")
        + relation("PART_OF", "u", "v"),
    )
    (problem,) = run(tmp_path).problems
    assert "duplicate relation id 'u--part_of--v'" in problem.message
    assert "explicit distinct `id`" in problem.message


def test_unknown_references_with_suggestions(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        """\
dataset: a
defaults:
  source: srx
sources:
  - id: other
    file: s.txt
    title: T
    kind: web page
    organisation: zone-lokerenn
"""
        + entities(("zone-lokeren", "Organisation"), ("dsi", "Unit"))
        + "    source: sr\n"
        + "relations:\n"
        + relation("PART_OF", "dsl", "zone-lokeren"),
    )
    msgs = [m for _, _, m in at(run(tmp_path), "a.yaml")]
    assert any("unknown source 'srx'; did you mean 'src'?" in m for m in msgs), msgs
    assert any("organisation refers to unknown entity 'zone-lokerenn'" in m for m in msgs)
    assert any("did you mean 'zone-lokeren'" in m for m in msgs)
    assert any("unknown source 'sr'" in m for m in msgs)
    assert any(
        "PART_OF 'from' refers to unknown entity 'dsl'; did you mean 'dsi'?" in m for m in msgs
    )


def test_known_ids_accept_references_to_database(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        HEADER.format(name="a")
        + entities(("dsi", "Unit"))
        + "relations:\n"
        + relation("PART_OF", "dsi", "zone-in-db"),
    )
    assert not run(tmp_path).ok
    assert run(tmp_path, known=("zone-in-db",)).ok


def test_no_source_at_all(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(data, "a.yaml", "dataset: a\n" + entities(("dsi", "Unit")))
    (problem,) = run(tmp_path).problems
    assert (problem.line, problem.col, problem.message) == (
        3,
        5,
        "no source: set `source` here or `defaults.source`",
    )


# --- semantic checks ----------------------------------------------------------------------


def test_endpoint_kind_errors(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        HEADER.format(name="a")
        + entities(("zone-x-drugs", "Domain"), ("dsi", "Unit"), ("p", "Person"))
        + "relations:\n"
        + relation("REPORTS_TO", "zone-x-drugs", "dsi", "    props: {line: coordination}\n")
        + relation("HOLDS", "p", "dsi"),
    )
    msgs = [m for _, _, m in at(run(tmp_path), "a.yaml")]
    assert msgs == [
        "REPORTS_TO cannot start at a Domain (zone-x-drugs); allowed: Post, Unit, Organisation, "
        "Board, PartnerBody",
        "HOLDS cannot end at a Unit (dsi); allowed: Post",
    ]


def test_required_and_reference_props(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        HEADER.format(name="a")
        + entities(("post", "Post"), ("livc", "PartnerBody"), ("zone", "Organisation"))
        + "relations:\n"
        + relation("REPRESENTS_AT", "post", "livc")
        + relation("REPRESENTS_AT", "post", "livc", "    id: r2\n    props: {on_behalf_of: post}\n")
        + relation("REPRESENTS_AT", "post", "livc", "    id: r3\n    props: {on_behalf_of: zone}\n")
        + relation("REPORTS_TO", "post", "zone", "    props: {line: hierarchic}\n"),
    )
    msgs = [m for _, _, m in at(run(tmp_path), "a.yaml")]
    # Issue 14: on_behalf_of is optional and may name an Organisation, Unit or PartnerBody.
    assert msgs == [
        "props.on_behalf_of must name one of Organisation, Unit, PartnerBody, but 'post' is a Post",
        "props.line 'hierarchic' is not one of: administrative, coordination, hierarchical, "
        "judicial; did you mean 'hierarchical'?",
    ]


def test_dates_and_inferred(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        """\
dataset: a
defaults:
  source: src
  valid_from: 2020-01-01
entities:
  - id: u
    kind: Unit
    name: U
    quote: Alpha unit text
    valid_to: 2019-12-31
  - id: v
    kind: Unit
    name: V
    quote: Alpha unit text
    inferred: true
    reason: "   "
  - id: w
    kind: Unit
    name: W
    quote: Alpha unit text
    inferred: true
    reason: the text implies it
""",
    )
    assert at(run(tmp_path), "a.yaml") == [
        (10, 15, "valid_to 2019-12-31 is before valid_from 2020-01-01"),
        (15, 15, "inferred: true needs a non-empty `reason`"),
    ]


def test_cycles_reported_with_path(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        HEADER.format(name="a")
        + entities(("a", "Unit"), ("b", "Unit"), ("c", "Unit"), ("d", "Unit"), ("p", "Post"))
        + "relations:\n"
        + relation("PART_OF", "a", "b")
        + relation("PART_OF", "b", "c")
        + relation("PART_OF", "c", "a")
        + relation("PART_OF", "d", "a")
        + relation("REPORTS_TO", "p", "p", "    props: {line: hierarchical}\n")
        # same pair on different lines or statuses is not a cycle
        + relation("REPORTS_TO", "a", "p", "    props: {line: hierarchical}\n")
        + relation("REPORTS_TO", "p", "a", "    props: {line: administrative}\n")
        + relation("PART_OF", "a", "d", "    status: planned\n"),
    )
    msgs = [m for _, _, m in at(run(tmp_path), "a.yaml")]
    assert msgs == [
        "cycle in PART_OF: a -> b -> c -> a",
        "cycle in REPORTS_TO (line hierarchical): p -> p",
    ]


def test_deep_chain_is_not_a_recursion_problem(tmp_path: Path) -> None:
    data = setup(tmp_path)
    n = 3000
    ids = [(f"u{i}", "Unit") for i in range(n)]
    rels = "".join(relation("PART_OF", f"u{i}", f"u{i + 1}") for i in range(n - 1))
    rels += relation("PART_OF", f"u{n - 1}", "u0")
    write(data, "a.yaml", HEADER.format(name="a") + entities(*ids) + "relations:\n" + rels)
    (problem,) = run(tmp_path).problems
    assert problem.message.startswith("cycle in PART_OF: u0 -> u1 -> u2")


def test_quote_not_in_source(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        HEADER.format(name="a")
        + """\
entities:
  - id: dsi
    kind: Unit
    name: DSI
    quote: De dienst steun en informatie (DSI) staat onder toezicht van iemand.
""",
    )
    ((line, col, msg),) = at(run(tmp_path), "a.yaml")
    assert (line, col) == (8, 12)
    assert msg.startswith('quote not found in source src: "De dienst steun en informatie')
    assert '(matches up to "… steun en informatie (DSI) staat onder ", then differs)' in msg


def test_quote_check_skipped_without_sources_dir(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        HEADER.format(name="a") + entities(("dsi", "Unit")).replace("Alpha", "Omega"),
    )
    assert not run(tmp_path).ok
    assert validate_paths([data], sources_dir=None).ok


def test_missing_sources_folder_is_one_problem(tmp_path: Path) -> None:
    data = setup(tmp_path)
    extra = "  - id: src2\n    file: t.txt\n    title: T\n    kind: web page\n"
    write(data, "sources.yaml", SOURCES + extra)
    write(data, "a.yaml", HEADER.format(name="a") + entities(("dsi", "Unit")))
    report = validate_paths([data], sources_dir=tmp_path / "absent")
    (problem,) = report.problems
    assert problem.file.endswith("sources.yaml") and (problem.line, problem.col) == (4, 11)
    assert "sources folder" in problem.message and "does not exist" in problem.message
    assert "--no-quote-check" in problem.message


def test_source_outside_the_sources_folder(tmp_path: Path) -> None:
    data = setup(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("Alpha unit text.", encoding="utf-8")
    write(data, "sources.yaml", SOURCES.replace("s.txt", "../secret.txt"))
    write(data, "a.yaml", HEADER.format(name="a") + entities(("dsi", "Unit")))
    (problem,) = run(tmp_path).problems
    assert (problem.line, problem.col) == (4, 11)
    assert "'../secret.txt' lies outside the sources folder" in problem.message


def test_source_symlink_out_of_the_sources_folder(tmp_path: Path) -> None:
    data = setup(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("Alpha unit text.", encoding="utf-8")
    (tmp_path / "seeds" / "link.txt").symlink_to(secret)
    write(data, "sources.yaml", SOURCES.replace("s.txt", "link.txt"))
    write(data, "a.yaml", HEADER.format(name="a") + entities(("dsi", "Unit")))
    (problem,) = run(tmp_path).problems
    assert "lies outside the sources folder" in problem.message


def test_dataset_cannot_cite_itself(tmp_path: Path) -> None:
    data = setup(tmp_path)
    # The data folder inside the sources folder: a dataset file is reachable as a source.
    seeds = tmp_path / "seeds"
    own = seeds / "own.yaml"
    own.write_text(
        SOURCES.replace("s.txt", "own.yaml")
        + "entities:\n  - {id: x, kind: Unit, name: X, source: src, quote: 'kind: Unit'}\n",
        encoding="utf-8",
    )
    (data / "sources.yaml").unlink()
    report = validate_paths([own], sources_dir=seeds)
    (problem,) = report.problems
    assert "is a dataset file" in problem.message


def test_context_files_supply_ids_but_not_problems(tmp_path: Path) -> None:
    data = setup(tmp_path)
    vocab = data / "vocab"
    write(vocab, "common.yaml", HEADER.format(name="common") + entities(("drugs", "Domain")))
    write(vocab, "broken.yaml", "dataset: broken\nentities: [{id: q}]\n")
    edited = write(
        data,
        "zone.yaml",
        HEADER.format(name="zone")
        + entities(("dsi", "Unit"))
        + "relations:\n  - {type: RESPONSIBLE_FOR, from: dsi, to: drugs, quote: Beta.}\n",
    )
    alone = validate_paths([edited], sources_dir=tmp_path / "seeds")
    assert any("unknown entity 'drugs'" in p.message for p in alone.problems)
    report = validate_paths(
        [edited], sources_dir=tmp_path / "seeds", context=[vocab, data / "sources.yaml"]
    )
    assert report.ok, report
    assert [d.dataset.dataset for d in report.datasets] == ["zone"]
    # A clash with the vocabulary is reported in the edited file.
    write(data, "zone.yaml", HEADER.format(name="zone") + entities(("drugs", "Domain")))
    report = validate_paths(
        [edited], sources_dir=tmp_path / "seeds", context=[vocab, data / "sources.yaml"]
    )
    (problem,) = report.problems
    assert problem.file == str(edited) and "duplicate" in problem.message


def test_reserved_props_and_unstorable_numbers_are_refused(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "a.yaml",
        HEADER.format(name="a")
        + entities(("dsi", "Unit"))
        + "    props: {quote: forged, big: 123456789012345678901234567890, n: .nan}\n"
        + "relations:\n"
        + relation("PART_OF", "dsi", "dsi", "    props: {source: x, dataset: other, f: -.inf}\n"),
    )
    problems = at(run(tmp_path), "a.yaml")
    messages = {m.split(":", 1)[0]: (line, m) for line, _, m in problems}
    for key in ("quote", "source", "dataset"):
        assert "is reserved" in messages[key][1], problems
    assert messages["quote"][0] == 9 and messages["source"][0] == 15
    assert "64-bit range" in messages["big"][1]
    assert "not a finite number" in messages["n"][1]
    assert "not a finite number" in messages["f"][1]


def test_missing_source_file(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(data, "sources.yaml", SOURCES.replace("s.txt", "nope.txt"))
    write(data, "a.yaml", HEADER.format(name="a") + entities(("dsi", "Unit")))
    problems = run(tmp_path).problems
    assert [(p.line, p.col) for p in problems] == [(4, 11)]
    assert "source file 'nope.txt' not found" in problems[0].message


# --- hostile YAML -------------------------------------------------------------------------


def test_yaml_syntax_error_position(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(data, "bad.yaml", "dataset: a\nentities:\n  - id: x\n    name: [unclosed\n")
    ((line, col, msg),) = at(run(tmp_path), "bad.yaml")
    assert msg.startswith("YAML syntax error")
    assert line >= 4 and col >= 1


def test_yaml_syntax_error_bad_indent(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(data, "bad.yaml", "dataset: a\n  title: x\n")
    ((line, _col, msg),) = at(run(tmp_path), "bad.yaml")
    assert (line, msg.startswith("YAML syntax error")) == (2, True)


def test_alias_bomb_rejected_quickly(tmp_path: Path) -> None:
    data = setup(tmp_path)
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    write(data, "bomb.yaml", "\n".join(bomb) + "\n")
    start = time.monotonic()
    ((line, col, msg),) = at(run(tmp_path), "bomb.yaml")
    assert time.monotonic() - start < 2
    assert (line, col) == (1, 4)
    assert "anchors" in msg


def test_alias_alone_rejected() -> None:
    doc = load_yaml_text("a: 1\nb: *x\n")
    assert doc.data is None
    assert [(i.line, i.col) for i in doc.issues] == [(2, 4)]


def test_binary_junk_and_bad_encoding(tmp_path: Path) -> None:
    data = setup(tmp_path)
    (data / "junk.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (data / "latin.yaml").write_bytes(b"dataset: a\ntitle: co\xf6rdinatie\n")
    (data / "utf16.yaml").write_bytes("dataset: a\n".encode("utf-16"))
    (data / "ctrl.yaml").write_bytes(b"dataset: a\ntitle: x\x07y\n")
    report = run(tmp_path)
    assert at(report, "latin.yaml") == [(2, 10, "file is not valid UTF-8 (byte 0xf6)")]
    assert "binary" in at(report, "junk.yaml")[0][2]
    assert "UTF-16" in at(report, "utf16.yaml")[0][2]
    ((line, _, msg),) = at(report, "ctrl.yaml")
    assert (line, msg) == (2, "unacceptable character U+0007 (control characters)")


def test_oversized_file_rejected(tmp_path: Path) -> None:
    data = setup(tmp_path)
    (data / "big.yaml").write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    ((_, _, msg),) = at(run(tmp_path), "big.yaml")
    assert "larger than 5 MB" in msg


def test_duplicate_keys_reported_with_both_lines(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "dup.yaml",
        HEADER.format(name="dup") + entities(("u", "Unit")) + "    name: again\n",
    )
    assert at(run(tmp_path), "dup.yaml") == [
        (9, 5, "duplicate key 'name' (first defined on line 7)")
    ]


def test_tags_rejected_and_yes_no_stay_text(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(
        data,
        "tags.yaml",
        HEADER.format(name="tags")
        + entities(("u", "Unit"))
        + "    abbreviation: NO\n"
        + "    description: !!python/object/apply:os.system [echo hi]\n",
    )
    assert at(run(tmp_path), "tags.yaml") == [
        (10, 18, "unsupported YAML tag tag:yaml.org,2002:python/object/apply:os.system"),
    ]
    doc = load_yaml_text("a: yes\nb: on\nc: true\nd: !custom x\n")
    assert doc.data == {"a": "yes", "b": "on", "c": True, "d": None}


def test_top_level_not_a_mapping_and_empty(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(data, "list.yaml", "- a\n- b\n")
    write(data, "empty.yaml", "# nothing\n")
    write(data, "multi.yaml", "dataset: a\n---\ndataset: b\n")
    report = run(tmp_path)
    assert "top level must be a mapping" in at(report, "list.yaml")[0][2]
    assert at(report, "empty.yaml") == [(1, 1, "file is empty")]
    assert "YAML syntax error" in at(report, "multi.yaml")[0][2]


def test_deep_nesting_bounded() -> None:
    doc = load_yaml_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert doc.data is None
    assert "nesting deeper" in doc.issues[0].message


# --- paths, schema and helpers ------------------------------------------------------------


def test_directory_expansion(tmp_path: Path) -> None:
    data = setup(tmp_path)
    write(data, "z/b.yml", HEADER.format(name="b"))
    write(data, ".hidden/x.yaml", "junk: [")
    write_json_schema(data / "dataset.schema.json")
    report = validate_paths(
        [data, data / "sources.yaml", tmp_path / "missing"], sources_dir=tmp_path / "seeds"
    )
    assert [p.name for p in report.files] == ["sources.yaml", "b.yml"]
    assert [p.message for p in report.problems] == ["no such file or directory"]


def test_json_schema() -> None:
    schema = json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["title"] == "orggraph dataset file"
    assert schema["additionalProperties"] is False
    defs = schema["$defs"]
    assert "from" in defs["Relation"]["properties"]
    assert defs["Entity"]["additionalProperties"] is False
    assert "PART_OF" in json.dumps(defs)
    json.dumps(schema)


# --- property tests: never a traceback ----------------------------------------------------

_FIELD_NAMES = [
    "dataset",
    "entities",
    "relations",
    "sources",
    "defaults",
    "id",
    "kind",
    "name",
    "quote",
    "type",
    "from",
    "to",
    "props",
    "source",
    "valid_from",
    "valid_to",
    "inferred",
    "status",
    "line",
    "file",
]
_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["Unit", "PART_OF", "REPORTS_TO", "a", "b", "src", "2020-01-01"])
    | st.dates()
)
_json_like = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(_FIELD_NAMES) | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


def _check_report(report: ValidationReport) -> None:
    count("examples")
    for p in report.problems:
        assert p.line >= 1 and p.col >= 1, p
        assert p.message


def _validate_bytes(content: bytes) -> ValidationReport:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.yaml"
        path.write_bytes(content)
        (Path(d) / "s.txt").write_text("a b", encoding="utf-8")
        return validate_paths([path], sources_dir=Path(d))


_HYP = settings(
    max_examples=int(os.environ.get("ORGGRAPH_STRESS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@_HYP
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(content: bytes) -> None:
    _check_report(_validate_bytes(content))


@_HYP
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(content: str) -> None:
    _check_report(_validate_bytes(content.encode("utf-8", "surrogatepass")))


@_HYP
@given(_json_like)
def test_arbitrary_structures_never_raise(value: Any) -> None:
    _check_report(_validate_bytes(yaml.safe_dump(value, allow_unicode=True).encode("utf-8")))


@_HYP
@given(
    st.lists(
        st.fixed_dictionaries(
            {"type": st.sampled_from(["PART_OF", "REPORTS_TO", "LEADS"])},
            optional={
                "from": st.sampled_from(["a", "b", "c", "x"]),
                "to": st.sampled_from(["a", "b", "c", "x"]),
                "quote": st.sampled_from(["a b", "zzz", ""]),
                "props": st.dictionaries(st.sampled_from(["line", "on_behalf_of"]), _scalars),
                "source": st.sampled_from(["src", "nope"]),
            },
        ),
        max_size=6,
    )
)
def test_plausible_datasets_never_raise(relations: list[dict[str, Any]]) -> None:
    doc = {
        "dataset": "p",
        "defaults": {"source": "src"},
        "sources": [{"id": "src", "file": "s.txt", "title": "S", "kind": "k"}],
        "entities": [
            {"id": i, "kind": k, "name": i, "quote": "a b"}
            for i, k in (("a", "Unit"), ("b", "Post"), ("c", "Domain"))
        ],
        "relations": relations,
    }
    _check_report(_validate_bytes(yaml.safe_dump(doc).encode("utf-8")))
