"""CLI commands for reading the graph: the query library, one library query, ad-hoc Cypher."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.table import Table

import queries
from api.cli import app, err, fail, open_driver, out
from graph.errors import Ambiguous, NotFound, QueryError, ReadOnlyViolation
from queries.adhoc import run_readonly, to_jsonable
from queries.library import QueryDef
from queries.resolve import resolve_entity

# Parameters that name an entity: a name, abbreviation or alias is resolved to its id.
ENTITY_PARAMS = frozenset({"id", "at", "org", "target", "from_id", "to_id", "zone"})
FORMATS = ("table", "json")


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}", 2)
    return fmt


def _cell(value: Any) -> str:
    """A compact cell: a source shows its quote, an entity map its name and id."""
    v = to_jsonable(value)
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        if "quote" in v:
            return str(v["quote"]) + (" [inferred]" if v.get("inferred") else "")
        if "name" in v and "id" in v:
            return f"{v['name']} ({v['id']})"
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def print_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    """Rows as a rich table, or as a JSON list of row objects on stdout."""
    if fmt == "json":
        sys.stdout.write(json.dumps(to_jsonable(rows), ensure_ascii=False, indent=2) + "\n")
        return
    cols = columns or (list(rows[0]) if rows else [])
    table = Table(*cols, show_lines=False)
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in cols))
    out.print(table)
    out.print(f"{len(rows)} row(s)", highlight=False)


def parse_params(query: QueryDef, pairs: list[str]) -> dict[str, Any]:
    """`key=value` pairs to raw values by the header types (lists: JSON or comma-separated;
    maps: JSON). Raises QueryError naming the valid parameters."""
    declared = {p.name: p for p in query.params}
    valid = ", ".join(p.describe() for p in query.params) or "none"
    raw: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"parameter {pair!r} must look like key=value; valid: {valid}")
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
    return raw


@app.command("queries")
def list_queries() -> None:
    """List the library queries with their parameters and what they answer."""
    table = Table("name", "params", "doc", "returns", show_lines=True)
    for name, q in sorted(queries.library().items()):
        table.add_row(name, "\n".join(p.describe() for p in q.params), q.doc, q.returns)
    out.print(table)


@app.command("query")
def query_cmd(
    name: str = typer.Argument(..., help="library query name (see `orggraph queries`)"),
    param: list[str] = typer.Option(
        [], "-p", "--param", help="key=value; entity params accept names and abbreviations"
    ),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    """Run one library query; ids may be given as names, abbreviations or aliases."""
    _check_format(fmt)
    try:
        q = queries.get(name)
        raw = parse_params(q, param)
    except (QueryError, json.JSONDecodeError) as e:
        raise fail(str(e), 2) from None
    with open_driver() as (driver, settings):
        db = settings.neo4j_database
        for key in sorted(ENTITY_PARAMS & set(raw)):
            if isinstance(raw[key], str):
                try:
                    raw[key] = resolve_entity(driver, raw[key], database=db)["id"]
                except (NotFound, Ambiguous) as e:
                    raise fail(f"parameter {key!r}: {e}", 2) from None
        rows = queries.run(driver, name, raw, database=db)
    print_rows(rows, fmt)


@app.command("cypher")
def cypher_cmd(
    statement: str = typer.Argument(..., help="a read-only Cypher statement"),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    """Run ad-hoc read-only Cypher (timeout and row limit from the settings)."""
    _check_format(fmt)
    with open_driver() as (driver, settings):
        try:
            res = run_readonly(
                driver,
                statement,
                database=settings.neo4j_database,
                timeout_s=settings.cypher_timeout_s,
                row_limit=settings.cypher_row_limit,
            )
        except ReadOnlyViolation as e:
            raise fail(str(e), 2) from None
    print_rows(res.rows, fmt, res.columns)
    if res.truncated:
        err.print(f"truncated at {settings.cypher_row_limit} rows (ORGGRAPH_CYPHER_ROW_LIMIT)")
