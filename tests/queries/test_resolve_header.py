"""The `ref[Kind|Kind]` param type of the `.cypher` headers (issue 15): what it accepts, how a
bad declaration is named (file:line), and that every library param naming an entity is one.
Pure: no Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest

import queries
from graph.cypher import ENTITY_KINDS, REF_MAX_CHARS, parse_query_file
from graph.errors import QueryError
from loaders.dataset import EntityKind

HEADER = """// name: q
// doc: A test query.
// params: {params}
// returns: x: str
// mode: read
MATCH (n:Entity {{id: $id}}) RETURN n.id AS x
"""


def _parse(tmp: Path, params: str) -> list[str]:
    path = tmp / "q.cypher"
    path.write_text(HEADER.format(params=params), encoding="utf-8")
    return [p.describe() for p in parse_query_file(path).params]


def test_a_ref_is_a_bounded_str_with_kinds(tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    path.write_text(HEADER.format(params="id: ref[Post|Unit]"), encoding="utf-8")
    (param,) = parse_query_file(path).params
    assert (param.type, param.max, param.kinds, param.is_ref) == (
        "str",
        REF_MAX_CHARS,
        ("Post", "Unit"),
        True,
    )
    assert param.describe() == "id: ref[Post|Unit]" and param.ref_kinds == ["Post", "Unit"]
    with pytest.raises(QueryError, match="longer than 200"):
        param.coerce("x" * 201)
    assert _parse(tmp_path, "id: ref[Entity]?") == ["id: ref[Entity]?"]


@pytest.mark.parametrize(
    ("decl", "message"),
    [
        ("id: ref[Postt]", "unknown kind 'Postt'"),
        ("id: ref[Post|post]", "unknown kind 'post'"),
        ("id: ref[Post|Post]", "names a kind twice"),
        ("id: ref[Post](50)", "without (max)"),
        ("id: ref", "a reference is 'id: ref[Kind|Kind]'"),
        ("id: str[Post]", "bad param declaration"),
    ],
)
def test_a_bad_ref_names_file_and_line(tmp_path: Path, decl: str, message: str) -> None:
    path = tmp_path / "q.cypher"
    path.write_text(HEADER.format(params=decl), encoding="utf-8")
    with pytest.raises(QueryError) as e:
        parse_query_file(path)
    assert f"{path}:3:" in str(e.value) and message in str(e.value), str(e.value)


def test_the_header_kinds_are_the_models() -> None:
    assert set(ENTITY_KINDS) == {k.value for k in EntityKind}


ENTITY_PARAM_NAMES = {"id", "at", "target", "from_id", "to_id", "zone"}


def test_every_library_param_naming_an_entity_is_a_ref() -> None:
    for name, q in queries.library().items():
        if name.endswith("_ref"):  # the resolver's own steps take the raw text
            continue
        for p in q.params:
            if p.name in ENTITY_PARAM_NAMES | {"org"}:
                assert p.is_ref, (name, p.describe())
