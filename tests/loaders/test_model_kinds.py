"""The issue-14 model: kinds Board and System, the decision relations, INSTANCE_OF, USES and
MANAGES, the widened endpoints and the checked `requested_by` / optional `on_behalf_of`.

Pure: small datasets in a temporary folder through the validator, no Neo4j.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from graph.schema import migrations
from loaders.dataset import ENDPOINT_TABLE, SAME_KIND_RELATIONS, RelType, ordered_kinds
from loaders.validate import ValidationReport, validate_paths
from tests.support import DATA_DIR, SOURCES_DIR

SOURCE_TEXT = "Het politiecollege keurde het protocol goed op vraag van de korpschef.\n"
QUOTE = "Het politiecollege keurde het protocol goed"

HEADER = """\
dataset: {name}
defaults:
  source: src
sources:
  - id: src
    file: s.txt
    title: S
    kind: web page
"""

# One entity per kind the tests link (ids name their kind).
KINDS = {
    "zone": "Organisation",
    "college": "Board",
    "generic-college": "Board",
    "unit": "Unit",
    "generic-unit": "Unit",
    "post": "Post",
    "generic-post": "Post",
    "role": "Role",
    "person": "Person",
    "livc": "PartnerBody",
    "generic-livc": "PartnerBody",
    "forum": "Forum",
    "plan": "Plan",
    "wet": "LegalText",
    "task": "Task",
    "objective": "Objective",
    "isl": "System",
    "gen-org": "Organisation",
}


def entities(ids: dict[str, str] = KINDS) -> str:
    out = ["entities:"]
    for eid, kind in ids.items():
        out += [f"  - id: {eid}", f"    kind: {kind}", f"    name: {eid}", f"    quote: {QUOTE}"]
    return "\n".join(out) + "\n"


def relation(rtype: str, src: str, dst: str, extra: str = "") -> str:
    return f"  - type: {rtype}\n    from: {src}\n    to: {dst}\n    quote: {QUOTE}\n" + extra


def validate(tmp: Path, relations: str, *, name: str = "a") -> tuple[ValidationReport, Path]:
    (tmp / "seeds").mkdir(exist_ok=True)
    (tmp / "seeds" / "s.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (tmp / "data").mkdir(exist_ok=True)
    path = tmp / "data" / f"{name}.yaml"
    text = HEADER.format(name=name) + entities() + "relations:\n" + relations
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return validate_paths([tmp / "data"], sources_dir=tmp / "seeds"), path


def problems(report: ValidationReport) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in report.problems]


def position(path: Path, needle: str, nth: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of the value after `needle` (e.g. "to: ") in the file."""
    hits = [m for m in re.finditer(re.escape(needle), path.read_text(encoding="utf-8"))]
    offset = hits[nth].end()
    before = path.read_text(encoding="utf-8")[:offset]
    return before.count("\n") + 1, offset - before.rfind("\n")


# Every rule issue 14 adds or widens, as (type, from kind's entity, to kind's entity).
NEW_RULES = [
    ("PART_OF", "college", "zone"),
    ("PART_OF", "college", "unit"),
    ("MEMBER_OF", "post", "college"),
    ("MEMBER_OF", "person", "unit"),
    ("MEMBER_OF", "gen-org", "zone"),
    ("PARTICIPATES_IN", "post", "college"),
    ("PARTICIPATES_IN", "role", "unit"),
    ("CHAIRS", "person", "college"),
    ("REPRESENTS_AT", "post", "college"),
    ("COLLABORATES_WITH", "post", "post"),
    ("COLLABORATES_WITH", "role", "board-as-object"),
    ("COLLABORATES_WITH", "livc", "role"),
    ("COLLABORATES_WITH", "college", "unit"),
    ("LIAISES_WITH", "post", "role"),
    ("RESPONSIBLE_FOR", "college", "task"),
    ("RESPONSIBLE_FOR", "livc", "plan"),
    ("PERFORMS", "college", "task"),
    ("PERFORMS", "livc", "task"),
    ("REPORTS_TO", "college", "generic-college"),
    ("REPORTS_TO", "livc", "zone"),
    ("SUPERVISES", "college", "unit"),
    ("SUPERVISES", "livc", "task"),
    ("SUPERVISES", "post", "college"),
    ("LEADS", "college", "task"),
    ("LEADS", "livc", "forum"),
    ("GOVERNED_BY", "college", "wet"),
    ("GOVERNED_BY", "zone", "college"),
    ("APPROVES", "college", "plan"),
    ("APPROVES", "zone", "wet"),
    ("APPROVES", "post", "task"),
    ("APPROVES", "person", "objective"),
    ("ESTABLISHES", "college", "generic-college"),
    ("ESTABLISHES", "zone", "livc"),
    ("ESTABLISHES", "post", "forum"),
    ("ESTABLISHES", "unit", "generic-unit"),
    ("ESTABLISHES", "college", "plan"),
    ("APPOINTS", "college", "post"),
    ("APPOINTS", "zone", "person"),
    ("APPOINTS", "post", "role"),
    ("INSTANCE_OF", "post", "generic-post"),
    ("INSTANCE_OF", "unit", "generic-unit"),
    ("INSTANCE_OF", "college", "generic-college"),
    ("INSTANCE_OF", "livc", "generic-livc"),
    ("INSTANCE_OF", "zone", "gen-org"),
    ("USES", "unit", "isl"),
    ("USES", "post", "isl"),
    ("USES", "role", "isl"),
    ("USES", "zone", "isl"),
    ("USES", "livc", "isl"),
    ("MANAGES", "unit", "isl"),
    ("MANAGES", "livc", "isl"),
]


NEW_TYPES = (
    RelType.APPROVES,
    RelType.ESTABLISHES,
    RelType.APPOINTS,
    RelType.INSTANCE_OF,
    RelType.USES,
    RelType.MANAGES,
)


def test_every_new_kind_and_relation_validates(tmp_path: Path) -> None:
    rels = ""
    for i, (rtype, src, dst) in enumerate(NEW_RULES):
        dst = "college" if dst == "board-as-object" else dst
        line = "    props: {line: administrative}\n" if rtype == "REPORTS_TO" else ""
        rels += relation(rtype, src, dst, f"    id: r{i}\n" + line)
    report, _ = validate(tmp_path, rels)
    assert report.ok, str(report)
    counts = report.stats().by_dataset["a"]
    assert counts.by_kind["Board"] == 2 and counts.by_kind["System"] == 1
    assert sum(counts.by_type[t.value] for t in NEW_TYPES) == sum(
        1 for r, _, _ in NEW_RULES if RelType(r) in NEW_TYPES
    )


def test_decisions_take_a_checked_requested_by(tmp_path: Path) -> None:
    rels = (
        relation("APPROVES", "college", "plan", "    props: {requested_by: post}\n")
        + relation("ESTABLISHES", "college", "unit", "    props: {requested_by: zone}\n")
        + relation("APPOINTS", "college", "post", "    props: {requested_by: college}\n")
        + relation("APPOINTS", "zone", "person", "    props: {requested_by: livc}\n")
    )
    report, _ = validate(tmp_path, rels)
    assert report.ok, str(report)


def test_requested_by_an_unknown_id_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    report, path = validate(
        tmp_path, relation("APPROVES", "college", "plan", "    props: {requested_by: pots}\n")
    )
    line, col = position(path, "requested_by: ")
    assert problems(report) == [
        (line, col, "props.requested_by refers to unknown entity 'pots'; did you mean 'post'?")
    ]


def test_requested_by_names_an_actor_and_only_on_decisions(tmp_path: Path) -> None:
    rels = relation("APPROVES", "college", "plan", "    props: {requested_by: task}\n") + relation(
        "PART_OF", "unit", "zone", "    props: {requested_by: post}\n"
    )
    report, path = validate(tmp_path, rels)
    assert problems(report) == [
        (
            *position(path, "requested_by: "),
            "props.requested_by must name one of Organisation, Unit, Post, Person, "
            "PartnerBody, Board, but 'task' is a Task",
        ),
        (
            *position(path, "requested_by: ", 1),
            "props.requested_by is only for APPROVES, ESTABLISHES, APPOINTS, not PART_OF",
        ),
    ]


def test_wrong_endpoint_is_a_positioned_error_naming_the_allowed_kinds(tmp_path: Path) -> None:
    rels = (
        relation("USES", "unit", "zone")
        + relation("APPROVES", "task", "plan")
        + relation("MEMBER_OF", "post", "isl")
    )
    report, path = validate(tmp_path, rels)
    assert problems(report) == [
        (
            *position(path, "to: ", 0),
            "USES cannot end at an Organisation (zone); allowed: System",
        ),
        (
            *position(path, "from: ", 1),
            "APPROVES cannot start at a Task (task); allowed: Board, Organisation, Post, Person",
        ),
        (
            *position(path, "to: ", 2),
            "MEMBER_OF cannot end at a System (isl); allowed: PartnerBody, Forum, Unit, Board, "
            "Organisation",
        ),
    ]
    assert all(p.file == str(path) for p in report.problems)


def test_instance_of_across_kinds_is_a_positioned_error(tmp_path: Path) -> None:
    report, path = validate(
        tmp_path,
        relation("INSTANCE_OF", "post", "generic-unit") + relation("INSTANCE_OF", "task", "task"),
    )
    allowed = "Post, Unit, Board, PartnerBody, Organisation"
    assert problems(report) == [
        (
            *position(path, "to: ", 0),
            "INSTANCE_OF links two entities of the same kind, but 'post' is a Post and "
            "'generic-unit' is a Unit; make 'generic-unit' the generic Post that 'post' is an "
            f"instance of (allowed kinds, the same at both ends: {allowed})",
        ),
        (
            *position(path, "from: ", 1),
            f"INSTANCE_OF cannot start at a Task (task); allowed: {allowed}",
        ),
        (
            *position(path, "to: ", 1),
            f"INSTANCE_OF cannot end at a Task (task); allowed: {allowed}",
        ),
    ]


def test_on_behalf_of_is_optional_and_names_an_organisation_unit_or_partner_body(
    tmp_path: Path,
) -> None:
    rels = (
        relation("REPRESENTS_AT", "post", "college", "    id: r1\n")
        + relation("REPRESENTS_AT", "post", "forum", "    props: {on_behalf_of: unit}\n")
        + relation("REPRESENTS_AT", "post", "livc", "    props: {on_behalf_of: livc}\n")
        + relation("REPRESENTS_AT", "role", "forum", "    props: {on_behalf_of: zone}\n")
        + relation("REPRESENTS_AT", "person", "forum", "    props: {on_behalf_of: college}\n")
    )
    report, path = validate(tmp_path, rels)
    assert problems(report) == [
        (
            *position(path, "on_behalf_of: ", 3),
            "props.on_behalf_of must name one of Organisation, Unit, PartnerBody, "
            "but 'college' is a Board",
        )
    ]


def test_every_file_in_data_still_validates_unchanged() -> None:
    report = validate_paths([DATA_DIR], sources_dir=SOURCES_DIR)
    listing = "\n".join(str(p) for p in report.problems)
    assert report.ok, f"{len(report.problems)} problem(s) in data/:\n{listing}"
    assert "systems" in {d.dataset.dataset for d in report.datasets}


def test_shared_systems_are_vocabulary_cited_to_the_primer() -> None:
    import yaml

    doc = yaml.safe_load((DATA_DIR / "vocab" / "systems.yaml").read_text(encoding="utf-8"))
    systems = {e["id"]: e for e in doc["entities"]}
    assert {"galop", "focus"} <= set(systems)
    assert all(e["kind"] == "System" for e in systems.values())
    assert doc["defaults"]["source"] == "primer"


@pytest.mark.parametrize("rtype", list(RelType))
def test_every_relation_type_has_its_id_constraint(rtype: RelType) -> None:
    """Loads rely on the per-type uniqueness of relationship ids: a type without its constraint
    could be written twice."""
    wanted = (
        f"CREATE CONSTRAINT rel_{rtype.value.lower()}_id IF NOT EXISTS FOR ()-[r:{rtype.value}]-()"
    )
    assert any(s.startswith(wanted) for m in migrations() for s in m.statements), wanted


def test_the_one_endpoint_table_in_the_docs_is_the_model_s() -> None:
    """dataset-format.md's table lists exactly ENDPOINT_TABLE, each rule with an example."""
    doc = (DATA_DIR.parent / "docs" / "dataset-format.md").read_text(encoding="utf-8")
    rows = {}
    for line in doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] in RelType.__members__:
            rows[RelType(cells[0])] = cells
    assert set(rows) == set(RelType)
    for rtype, (src, dst) in ENDPOINT_TABLE.items():
        _, doc_from, doc_to, _, example = rows[rtype]
        assert doc_from == ordered_kinds(src), rtype
        if rtype in SAME_KIND_RELATIONS:
            assert doc_to == "the same kind as `from`" and src == dst
        else:
            assert doc_to == ordered_kinds(dst), rtype
        assert re.match(r'^"[A-Z][^"]+\."', example), (rtype, example)
