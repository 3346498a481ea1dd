"""The validator's messages for the misleading cases of issue 14: what, where, how to fix.

Pure: files in a temporary folder, no database."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from graph.errors import Problem
from loaders.ranks import RANKS, rank_problem
from loaders.validate import ValidationReport, validate_paths

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

HEAD = """\
dataset: case
sources:
  - {id: src, file: s.txt, title: S, kind: web page}
defaults:
  source: src
entities:
  - {id: post-a, kind: Post, name: A, quote: S}
"""


def run(tmp: Path, body: str) -> ValidationReport:
    path = tmp / "case.yaml"
    if body.startswith(" " * 10):  # a block written indented in the test: two spaces
        body = textwrap.indent(textwrap.dedent(body), "  ")
    path.write_text(HEAD + body, encoding="utf-8")
    return validate_paths([path], sources_dir=None)


def found(items: Sequence[Problem]) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in items]


def test_unquoted_comma_in_flow_mapping_says_quote_it(tmp_path: Path) -> None:
    report = run(
        tmp_path, "  - {id: pz, kind: Organisation, name: Politiezone Brugge, Oostkamp, quote: S}\n"
    )
    [(line, col, msg)] = found(report.problems)  # nothing about an unknown key 'Oostkamp'
    assert (line, col) == (8, 40)
    assert msg.startswith("quote the value: it contains a comma inside {…}")
    assert 'name: "Politiezone Brugge, Oostkamp"' in msg


def test_quoted_comma_and_null_keys_elsewhere_are_left_alone(tmp_path: Path) -> None:
    report = run(tmp_path, '  - {id: pz, kind: Unit, name: "Brugge, Oostkamp", quote: S}\n')
    assert report.ok and not report.warnings


def test_comma_splitting_an_alias_in_a_flow_list_warns(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        """\
          - id: pz
            kind: Organisation
            name: Politiezone Brugge, Oostkamp
            aliases: [PZ Brugge, Politiezone Brugge, Oostkamp]
            quote: S
        """,
    )
    assert report.ok  # two aliases side by side are possible: loaded, with a warning
    [(line, col, msg)] = found(report.warnings)
    assert (line, col) == (11, 26)
    assert "quote the value: it contains a comma inside [" in msg
    assert '["Politiezone Brugge, Oostkamp"]' in msg


def test_non_string_alias_names_its_field_path(tmp_path: Path) -> None:
    report = run(tmp_path, "  - {id: pz, kind: Unit, name: P, aliases: [ok, 1], quote: S}\n")
    assert found(report.problems) == [(8, 49, "aliases[1]: Input should be a valid string")]


def test_free_text_target_says_create_a_task(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        "relations:\n"
        "  - {type: RESPONSIBLE_FOR, from: post-a, to: beslissen over uitgaven, quote: S}\n",
    )
    [(line, col, msg)] = found(report.problems)
    assert (line, col) == (9, 47)
    assert "create a Task" in msg and "Domain" in msg
    assert "{id: beslissen-over-uitgaven, kind: Task, name: beslissen over uitgaven" in msg
    assert "did you mean" not in msg  # the slug names no entity


def test_free_text_end_that_slugs_to_an_existing_id_suggests_it(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        "  - {id: task-x, kind: Task, name: X, quote: S}\n"
        "relations:\n"
        "  - {type: PERFORMS, from: post-a, to: Task X, quote: S}\n",
    )
    [(line, col, msg)] = found(report.problems)
    assert (line, col, msg) == (10, 40, "to: 'Task X' is not an entity id; did you mean 'task-x'?")


def test_endpoint_kind_message_uses_an_before_vowels(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        "  - {id: org, kind: Organisation, name: O, quote: S}\n"
        "relations:\n"
        "  - {type: HOLDS, from: post-a, to: org, quote: S}\n",
    )
    messages = [p.message for p in report.problems]
    assert any("an Organisation (org)" in m for m in messages), messages
    assert not any("a Organisation" in m for m in messages)


def test_unknown_rank_warns_with_a_suggestion_and_does_not_fail(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        """\
          - {id: post-b, kind: Post, name: B, props: {rank: HNP}, quote: S}
          - {id: post-c, kind: Post, name: C, props: {rank: hoofdagent}, quote: S}
          - {id: post-d, kind: Post, name: D, props: {rank: NL-BRIG}, quote: S}
        """,
    )
    assert report.ok
    warnings = found(report.warnings)
    assert [(line, col) for line, col, _ in warnings] == [(8, 53), (9, 53)]
    assert "unknown rank 'HNP'; did you mean 'HINP'" in warnings[0][2]
    assert "write 'NL-HAGT' (hoofdagent)" in warnings[1][2]


def test_rank_table_covers_belgian_and_dutch_ranks() -> None:
    for code in ("AGP", "INP", "HINP", "CP", "HCP", "CALOG-A", "CALOG-D", "NL-EHCIE"):
        assert code in RANKS and rank_problem(code) is None
    problem = rank_problem("hoofdinspecteur")
    assert problem is not None and "'HINP'" in problem and "'NL-HINSP'" in problem


def test_data_folder_validates_without_warnings() -> None:
    report = validate_paths([DATA_DIR], sources_dir=DATA_DIR / "sources")
    assert report.ok, report
    assert report.warnings == [], report.warnings
