"""Every shipped .cypher file has a complete header that matches its body; the checker itself
names file:line for each kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

import queries
from graph.catalog import FOLDERS, catalog
from graph.cypher import HEADER_KEYS, load_dir, parse_query_file
from graph.errors import QueryError
from graph.settings import PROJECT_ROOT

CYPHER_DIRS = list(FOLDERS.values())
LIBRARY = {
    "search", "entity", "chain_of_command", "subordinates", "org_tree", "who_represents",
    "responsible_for", "contact_for", "collaborations", "partner_network", "path_between",
    "forum_participants", "objectives", "functionality_coverage", "resolve_ref",
}  # fmt: skip


@pytest.mark.parametrize(
    "path",
    [p for d in CYPHER_DIRS for p in sorted(d.glob("*.cypher"))],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_cypher_file_has_a_complete_header(path: Path) -> None:
    q = parse_query_file(path)
    assert q.name == path.stem
    assert set(q.header) == set(HEADER_KEYS)
    assert q.doc and q.returns and q.mode in {"read", "write", "schema"}


def test_library_has_the_analyst_queries_and_they_are_reads() -> None:
    lib = queries.library()
    assert set(lib) >= LIBRARY
    for name in LIBRARY:
        assert lib[name].mode == "read", name
    for d in CYPHER_DIRS:
        load_dir(d)  # no duplicate names within a directory


def test_time_bound_queries_take_as_of() -> None:
    lib = queries.library()
    for name in LIBRARY - {"resolve_ref"}:
        assert "as_of" in lib[name].param_names, name
        assert next(p for p in lib[name].params if p.name == "as_of").type == "date"


HEADER = """// name: {name}
// doc: A test query.
// params: {params}
// returns: x: int
// mode: read
"""


def _write(tmp: Path, name: str, params: str, body: str) -> Path:
    path = tmp / f"{name}.cypher"
    path.write_text(HEADER.format(name=name, params=params) + body, encoding="utf-8")
    return path


def test_undeclared_param_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "q", "a: int", "WITH $a AS a\nRETURN a + $b AS x\n")
    with pytest.raises(QueryError) as e:
        parse_query_file(path)
    assert f"{path}:7:" in str(e.value) and "$b" in str(e.value)


def test_unused_param_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "q", "a: int, b: str(10)?", "RETURN $a AS x\n")
    with pytest.raises(QueryError) as e:
        parse_query_file(path)
    assert f"{path}:3:" in str(e.value) and "'b'" in str(e.value)


def test_param_only_in_a_comment_counts_as_unused(tmp_path: Path) -> None:
    path = _write(tmp_path, "q", "a: int", "// uses $a? no\nRETURN 1 AS x\n")
    with pytest.raises(QueryError, match="declared but never used"):
        parse_query_file(path)


def test_duplicate_name_is_an_error_naming_file(tmp_path: Path) -> None:
    _write(tmp_path, "one", "", "RETURN 1 AS x\n")
    two = tmp_path / "two.cypher"
    two.write_text(HEADER.format(name="one", params="") + "RETURN 2 AS x\n", encoding="utf-8")
    with pytest.raises(QueryError) as e:
        load_dir(tmp_path)
    assert f"{two}:1:" in str(e.value)


def test_missing_header_key_and_bad_type_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    path.write_text(
        "// name: q\n// doc: x\n// params:\n// mode: read\nRETURN 1\n", encoding="utf-8"
    )
    with pytest.raises(QueryError, match=r"q\.cypher:1: header lacks '// returns:'"):
        parse_query_file(path)
    bad = _write(tmp_path, "r", "a: integer", "RETURN $a AS x\n")
    with pytest.raises(QueryError, match=rf"{bad}:3: bad param declaration"):
        parse_query_file(bad)


def test_duplicate_param_declaration_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "q", "a: int, a: str(10)", "RETURN $a AS x\n")
    with pytest.raises(QueryError, match=rf"{path}:3: a parameter is declared twice"):
        parse_query_file(path)


def test_every_string_param_declares_a_maximum(tmp_path: Path) -> None:
    path = _write(tmp_path, "q", "a: str, b: int", "RETURN $a + $b AS x\n")
    with pytest.raises(QueryError, match=rf"{path}:3: parameter 'a' needs a maximum length"):
        parse_query_file(path)
    items = _write(tmp_path, "r", "k: list[str]?", "RETURN $k AS x\n")
    with pytest.raises(QueryError, match="parameter 'k' needs a maximum length"):
        parse_query_file(items)
    bound = _write(tmp_path, "s", "n: int(3)", "RETURN $n AS x\n")
    with pytest.raises(QueryError, match="only str and list take a"):
        parse_query_file(bound)


def test_declared_maximum_is_enforced_without_echoing_the_input(tmp_path: Path) -> None:
    q = parse_query_file(_write(tmp_path, "q", "a: str(5), k: list[str](2)?", "RETURN $a, $k\n"))
    assert [p.describe() for p in q.params] == ["a: str(5)", "k: list[str](2)?"]
    assert q.bind({"a": "abcde"}) == {"a": "abcde", "k": None}
    with pytest.raises(QueryError) as e:
        q.bind({"a": "x" * 300_000})
    assert "longer than 5 characters (300000 given)" in str(e.value)
    assert len(str(e.value)) < 200
    with pytest.raises(QueryError, match="more than 2 items"):
        q.bind({"a": "a", "k": ["1", "2", "3"]})
    with pytest.raises(QueryError, match="longer than 200 characters"):
        q.bind({"a": "a", "k": ["y" * 201]})
    with pytest.raises(QueryError) as e:
        q.bind({"a": ["z" * 10_000]})
    assert len(str(e.value)) < 300  # a wrong type is named with a short prefix of the value


def test_every_shipped_string_param_is_bounded() -> None:
    from queries import library

    for q in library().values():
        for p in q.params:
            if p.type == "str" or p.item_type == "str":
                assert p.max is not None and p.max <= 500, (q.name, p.describe())


def test_every_shipped_int_param_declares_its_range() -> None:
    """A limit or depth without a range reaches Neo4j as given through `orggraph query` and
    POST /api/v1/queries/{name} (search with limit 10**9 reads that many full-text hits)."""
    from queries import library

    unbounded = [
        (q.name, p.describe())
        for q in library().values()
        for p in q.params
        if p.type == "int" and (p.min is None or p.max is None)
    ]
    assert unbounded == []
    search = library()["search"]
    with pytest.raises(QueryError, match="between 1 and 100"):
        search.bind({"q": "drugs", "limit": 10**9})


def test_the_catalog_holds_every_folder_under_its_namespace() -> None:
    assert set(FOLDERS) == {"graph", "loader", "library"}
    assert {p.resolve() for p in FOLDERS.values()} == {
        (PROJECT_ROOT / "queries").resolve(),
        (PROJECT_ROOT / "loaders" / "cypher").resolve(),
        (PROJECT_ROOT / "graph" / "cypher").resolve(),
    }
    cat = catalog()
    assert cat.get("loader.upsert_entities").mode == "write"
    assert cat.get("graph.server_version").path.parent == FOLDERS["graph"]
    assert cat.namespace("library") is queries.library()
    assert "upsert_entities" not in queries.library(), "loader writes are not analysts' queries"


def test_an_unknown_catalog_name_lists_what_exists() -> None:
    with pytest.raises(QueryError, match=r"valid queries: .*who_represents"):
        catalog().get("library.who_represepts")
    with pytest.raises(QueryError, match=r"unknown query namespace .nope.*graph, loader, library"):
        catalog().get("nope.x")
