"""who_represents and forum_participants answer a page at a time (`limit`/`offset`, default 50,
the whole answer's `total` on every row), in a stable order, so the pages of a body with more
than 50 representatives cover every row exactly once; the header grammar bounds an int by the
range of its values (`int(lo..hi)`), refused before Neo4j sees it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

import queries
from graph.cypher import parse_query_file
from graph.db import wipe
from graph.errors import QueryError
from queries.paging import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    Page,
    describe,
    is_paged,
    page_of,
)
from tests.queries import big_body as bb
from tests.support import DATABASE

PAGED = ("who_represents", "forum_participants")
# A row's identity in each answer: what tells two rows apart.
KEYS: dict[str, Callable[[dict[str, Any]], tuple[str, str, str | None]]] = {
    "who_represents": lambda r: (r["id"], r["relation"], (r["via_role"] or {}).get("id")),
    "forum_participants": lambda r: (r["capacity"], r["id"], (r["via_role"] or {}).get("id")),
}
BODY_PARAM = {"who_represents": "at", "forum_participants": "id"}


# --- the header grammar (pure) ----------------------------------------------------------------


def _file(tmp: Path, params: str, body: str = "RETURN $n AS x\n") -> Path:
    path = tmp / "q.cypher"
    path.write_text(
        f"// name: q\n// doc: A test query.\n// params: {params}\n// returns: x: int\n"
        f"// mode: read\n{body}",
        encoding="utf-8",
    )
    return path


def test_an_int_declares_the_range_of_its_values(tmp_path: Path) -> None:
    q = parse_query_file(_file(tmp_path, "n: int(1..500)?"))
    (n,) = q.params
    assert (n.type, n.min, n.max, n.optional, n.describe()) == (
        "int", 1, 500, True, "n: int(1..500)?",
    )  # fmt: skip
    assert q.bind({"n": "500"}) == {"n": 500}
    assert q.bind({}) == {"n": None}
    for bad in (0, 501, "-3", 10**12):
        with pytest.raises(QueryError, match=r"parameter 'n' must be between 1 and 500 \(") as e:
            q.bind({"n": bad})
        assert len(str(e.value)) < 120


@pytest.mark.parametrize(
    ("decl", "message"),
    [
        ("n: int(3)", r"only str and list take a \(max\).*an int takes the range.*int\(1\.\.500\)"),
        ("n: int(9..2)", r"bad range in 'n: int\(9\.\.2\)'.*lo <= hi"),
        ("n: str(1..5)", r"bad range .*only an int takes \(lo\.\.hi\)"),
        ("n: float(1..5)", r"bad range"),
    ],
)
def test_a_bad_range_names_file_line_and_the_fix(tmp_path: Path, decl: str, message: str) -> None:
    path = _file(tmp_path, decl)
    with pytest.raises(QueryError, match=rf"{path}:3: {message}"):
        parse_query_file(path)


def test_the_paged_queries_declare_the_shared_bounds() -> None:
    for name in PAGED:
        assert is_paged(name), name
        params = {p.name: p for p in queries.get(name).params}
        assert (params["limit"].min, params["limit"].max) == (1, MAX_LIMIT), name
        assert (params["offset"].min, params["offset"].max) == (0, MAX_OFFSET), name
        assert params["limit"].optional and params["offset"].optional
    assert not is_paged("chain_of_command") and not is_paged("search")


def test_describe_says_which_rows_of_how_many() -> None:
    row: dict[str, Any] = {"id": "x"}
    assert describe(Page([row] * 50, 134, 50, 50)) == (
        "rows 51-100 of 134; the next page starts at offset 100 (limit 50)"
    )
    assert describe(Page([row] * 34, 134, 50, 100)) == "rows 101-134 of 134"
    assert describe(Page([], 134, 50, 200)) == "no rows at offset 200: the answer has 134"


# --- against Neo4j: a body with more than one page --------------------------------------------


@pytest.fixture(scope="module")
def big(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    wipe(driver, database=DATABASE)
    bb.load_big_body(driver, tmp_path_factory.mktemp("big-body"))
    return driver


def run(driver: Driver, name: str, **params: Any) -> list[dict[str, Any]]:
    return queries.run(driver, name, {BODY_PARAM[name]: bb.BODY, **params}, database=DATABASE)


def expected(name: str) -> set[tuple[str, str, str | None]]:
    return bb.expected_representatives() if name == "who_represents" else bb.expected_participants()


@pytest.mark.parametrize("name", PAGED)
def test_the_default_page_is_50_rows_with_the_whole_answer_s_total(big: Driver, name: str) -> None:
    want = expected(name)
    assert len(want) > DEFAULT_LIMIT  # the body needs more than one page
    rows = run(big, name)
    assert len(rows) == DEFAULT_LIMIT
    assert {r["total"] for r in rows} == {len(want)}


@pytest.mark.parametrize("size", [1, 13, 50, 500])
@pytest.mark.parametrize("name", PAGED)
def test_pages_cover_every_row_exactly_once(big: Driver, name: str, size: int) -> None:
    whole = run(big, name, limit=MAX_LIMIT)
    assert len(whole) == whole[0]["total"] == len(expected(name))
    keys = [KEYS[name](r) for r in whole]
    assert len(set(keys)) == len(keys) and set(keys) == expected(name)
    paged: list[dict[str, Any]] = []
    offset = 0
    while offset < whole[0]["total"]:
        rows = run(big, name, limit=size, offset=offset)
        assert 0 < len(rows) <= size  # only the page is sent
        assert {r["total"] for r in rows} == {len(whole)}
        paged += rows
        offset += size
    assert paged == whole  # same rows, same order: no overlap, no gap
    assert run(big, name, limit=size, offset=offset) == []


def test_representatives_come_in_the_documented_order(big: Driver) -> None:
    rank = {"Person": 0, "Post": 1, "Role": 2, "Unit": 3}
    rows = run(big, "who_represents", limit=MAX_LIMIT)
    order = [
        (rank.get(r["kind"], 4), r["inferred"], r["name"], r["id"], r["relation"],
         r["via_role"] is None, (r["via_role"] or {}).get("id") or "")
        for r in rows
    ]  # fmt: skip
    assert order == sorted(order)  # (Neo4j sorts a null last: a row without a role after)
    # namesakes (the names repeat every 20 posts) follow each other by id
    fours = list(dict.fromkeys(r["id"] for r in rows if r["name"] == "Wijkinspecteur 4"))
    assert fours == sorted(fours) == ["pg-post-004", "pg-post-024", "pg-post-044", "pg-post-064"]


def test_participants_come_in_the_documented_order(big: Driver) -> None:
    rank = {c: i for i, c in enumerate(
        ["chairs", "vice-chair", "leads", "organises", "represents", "participates", "member"]
    )}  # fmt: skip
    rows = run(big, "forum_participants", limit=MAX_LIMIT)
    order = [
        (rank[r["capacity"]], r["name"], r["id"], r["via_role"] is not None,
         (r["via_role"] or {}).get("id") or "")
        for r in rows
    ]  # fmt: skip
    assert order == sorted(order)
    assert rows[0]["id"] == "pg-an-janssens" and rows[-1]["capacity"] == "member"


def run_page(driver: Driver, name: str, params: dict[str, Any]) -> Page:
    """One page the way the API and the CLI get it: run the query, hand its rows to page_of."""
    rows = queries.run(driver, name, params, database=DATABASE)
    return page_of(driver, name, params, rows, database=DATABASE)


@pytest.mark.parametrize("name", PAGED)
def test_a_page_past_the_end_still_knows_the_total(big: Driver, name: str) -> None:
    params = {BODY_PARAM[name]: bb.BODY, "limit": 10, "offset": 400}
    page = run_page(big, name, params)
    assert page == Page([], len(expected(name)), 10, 400)
    last = run_page(big, name, {**params, "offset": len(expected(name)) - 3})
    assert len(last.rows) == 3 and last.total == len(expected(name))
    assert all("total" not in r for r in last.rows)


def test_the_total_counts_what_the_filters_keep(big: Driver) -> None:
    other = run(big, "who_represents", org=bb.OTHER_ZONE, limit=5)
    assert len(other) == 5 and other[0]["total"] == len(
        bb.expected_representatives(org=bb.OTHER_ZONE)
    )
    own = run(big, "who_represents", org=bb.ZONE, limit=MAX_LIMIT)
    assert {KEYS["who_represents"](r) for r in own} == bb.expected_representatives(org=bb.ZONE)
    planned = run(big, "who_represents", include_planned=True, limit=1)
    assert planned[0]["total"] == len(expected("who_represents")) + bb.PLANNED
    with_planned = run(big, "forum_participants", include_planned=True, limit=1)
    assert with_planned[0]["total"] == len(expected("forum_participants")) + bb.PLANNED


@pytest.mark.parametrize("name", PAGED)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": 0}, "parameter 'limit' must be between 1 and 500 (0 given)"),
        ({"limit": 501}, "parameter 'limit' must be between 1 and 500 (501 given)"),
        ({"offset": -1}, "parameter 'offset' must be between 0 and 100000 (-1 given)"),
        ({"offset": 100_001}, "parameter 'offset' must be between 0 and 100000 (100001 given)"),
        ({"limit": "many"}, "parameter 'limit' must be int"),
    ],
)
def test_bounds_are_refused_before_the_query_runs(
    big: Driver, name: str, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(QueryError) as e:
        run(big, name, **params)
    assert message in str(e.value)


def test_the_same_page_twice_is_the_same(big: Driver) -> None:
    for name in PAGED:
        assert run(big, name, limit=7, offset=21) == run(big, name, limit=7, offset=21)
