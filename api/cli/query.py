"""CLI commands for reading the graph: the query library, one library query, ad-hoc Cypher
(attached in api.cli.main)."""

from __future__ import annotations

import json
from typing import Any

import typer

import queries
from api.adhoc import run_adhoc
from api.cli.driver import open_driver
from api.cli.output import EXIT_USAGE, FORMAT_OPTION, Format, echo, err, fail, print_rows
from graph.cypher import QueryDef
from graph.errors import Ambiguous, NotFound, QueryError
from queries import paging
from queries.resolve import ORG_PARAM, resolve_params


def is_internal(q: QueryDef) -> bool:
    """Queries that serve the code rather than analysts: the `graph_*` ones return one row
    holding a whole graph for the visualisations, the `*_ref` ones are the steps of resolving
    a typed reference to an id. (The headers have no audience key; names are the marker.)"""
    return q.name.startswith("graph_") or q.name.endswith("_ref")


def parse_params(query: QueryDef, pairs: list[str]) -> dict[str, Any]:
    """`key=value` pairs to raw values by the header types (lists: JSON or comma-separated;
    maps: JSON). Raises QueryError naming the valid parameters. `org` is accepted by every
    query (the scope, see `split_scope`)."""
    declared = {p.name: p for p in query.params}
    valid = ", ".join(p.describe() for p in query.params) or "none"
    raw: dict[str, Any] = {}
    scope: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"parameter {pair!r} must look like key=value; valid: {valid}")
        if key == ORG_PARAM and key not in declared:
            scope[key] = value
            continue
        if key not in declared:
            raise QueryError(f"query {query.name!r} has no parameter {key!r}; valid: {valid}")
        ptype = declared[key].type
        if ptype == "list":
            raw[key] = (
                json.loads(value)
                if value.strip().startswith("[")
                else [v.strip() for v in value.split(",") if v.strip()]
            )
        elif ptype == "map":
            try:
                raw[key] = json.loads(value)
            except json.JSONDecodeError as e:
                raise QueryError(f"parameter {key!r} must be a JSON object: {e}") from e
        else:
            raw[key] = value
    query.bind(raw)  # types and required parameters, before touching the database
    return {**raw, **scope}


def split_scope(
    query: QueryDef, raw: dict[str, Any], org_option: str | None
) -> tuple[dict[str, Any], str | None]:
    """(the query's parameters, the scope). `--org X` is `-p org=X` (both at once: a usage
    error): the query's own `org` when it declares one (a scope, who_represents' "on behalf
    of", objectives' subject), else the scope its names are resolved in."""
    params = dict(raw)
    if org_option is not None:
        if ORG_PARAM in params:
            raise QueryError("give the organisation once: --org or -p org=, not both")
        params[ORG_PARAM] = org_option
    if ORG_PARAM in query.param_names:
        query.bind(params)
        return params, None
    return params, params.pop(ORG_PARAM, None)


def list_queries(
    all_: bool = typer.Option(
        False, "--all", help="include internal queries (graph_* views, *_ref resolution)"
    ),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """List the analysts' library queries: parameters, what they answer and return."""
    rows: list[dict[str, Any]] = [
        {
            "name": name,
            "params": [p.describe() for p in q.params],
            "doc": q.doc,
            "returns": q.returns,
            **({"internal": is_internal(q)} if all_ else {}),
        }
        for name, q in sorted(queries.library().items())
        if all_ or not is_internal(q)
    ]
    columns = ["name", "params", "doc", "returns", *(["internal"] if all_ else [])]
    print_rows(rows, fmt, columns)


def query_cmd(
    name: str = typer.Argument(..., help="library query name (see `orggraph queries`)"),
    param: list[str] = typer.Option(
        [], "-p", "--param", help="key=value; entity params accept names and abbreviations"
    ),
    org: str | None = typer.Option(
        None,
        "--org",
        help="organisation (id, name or abbreviation): names are resolved within it, and a "
        "query with an `org` scope answers only about it (same as -p org=)",
    ),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Run one library query; ids may be given as names, abbreviations or aliases, resolved
    as README "How names are resolved" says (ambiguous: exit 1 with the candidates).

    A paged query (who_represents, forum_participants) answers one page, `-p limit=` rows
    (default 50, at most 500) from `-p offset=`; stderr says which rows of how many."""
    try:
        q = queries.get(name)
        raw, scope = split_scope(q, parse_params(q, param), org)
    except (QueryError, json.JSONDecodeError) as e:
        raise fail(str(e), EXIT_USAGE) from None
    with open_driver() as (driver, settings):
        db = settings.neo4j_database
        try:
            raw, _ = resolve_params(driver, name, raw, database=db, org=scope)
        except (NotFound, Ambiguous) as e:
            raise fail(_explained(e)) from None
        rows = queries.run(driver, name, raw, database=db)
        page = (
            paging.page_of(driver, name, raw, rows, database=db) if paging.is_paged(name) else None
        )
    print_rows(rows, fmt, None if rows else _declared_columns(q))
    if page is not None:  # on stderr, so the rows on stdout stay a clean table, JSON or CSV
        echo(paging.describe(page), to=err)


def _explained(e: NotFound | Ambiguous) -> str:
    """The error and, one per line, each candidate with its organisation and path, so a
    namesake can be told apart (then given by id, or narrowed with --org)."""
    lines = [str(e)]
    for c in e.candidates:
        org = c.get("organisation") or {}
        where = " > ".join([*([org["name"]] if org else []), *c.get("path", [])])
        lines.append(f"  {c['id']}  {c['name']} ({c['kind']}){'  in ' + where if where else ''}")
    return "\n".join(lines)


def _declared_columns(q: QueryDef) -> list[str] | None:
    """The column order of the header's `// returns: a: t, b: t` (None when it is prose)."""
    names = [part.split(":", 1)[0].strip() for part in q.returns.split(",")]
    return names if all(n.isidentifier() for n in names) else None


def cypher_cmd(
    statement: str = typer.Argument(..., help="a read-only Cypher statement"),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Run ad-hoc read-only Cypher (timeout and row limit from the settings).

    A statement that writes is refused (exit 1), as is one Neo4j rejects."""
    with open_driver() as (driver, settings):
        res = run_adhoc(driver, settings, statement)
    print_rows(res.rows, fmt, res.columns)
    if res.truncated:
        echo(f"truncated at {settings.cypher_row_limit} rows (ORGGRAPH_CYPHER_ROW_LIMIT)", to=err)
