"""Running an analyst's own Cypher, read-only, bounded in time and rows.

Three independent guards, any one of which refuses a write: a keyword scan of the statement
with comments and string literals removed (so a write hidden in a comment is refused while
``WHERE n.name = 'create'`` passes), the query type of Neo4j's own EXPLAIN plan (must be
``r``), and a READ access-mode session, in which the server itself refuses writes. Every refusal
is a ReadOnlyViolation; timeouts and other Cypher errors are QueryErrors.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, LiteralString, cast

from neo4j import READ_ACCESS, Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import (
    ClientError,
    CypherSyntaxError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.errors import Neo4jUnavailable, QueryError, ReadOnlyViolation

# Procedures an analyst may CALL: read-only look-ups, nothing that touches caches or schema.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.index.fulltext.querynodes",
        "db.index.fulltext.queryrelationships",
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
    }
)

_FORBIDDEN: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        ("CREATE", r"\bCREATE\b"),
        ("MERGE", r"\bMERGE\b"),
        ("SET", r"\bSET\b"),
        ("DELETE", r"\bDELETE\b"),
        ("REMOVE", r"\bREMOVE\b"),
        ("DETACH", r"\bDETACH\b"),
        ("DROP", r"\bDROP\b"),
        ("LOAD CSV", r"\bLOAD\s+CSV\b"),
        ("CALL … IN TRANSACTIONS", r"\bIN\s+(?:\d+\s+|CONCURRENT\s+)*TRANSACTIONS\b"),
        ("FOREACH", r"\bFOREACH\b"),
        ("dbms.*", r"\bdbms\s*\."),
        ("db.create*", r"\bdb\s*\.\s*create"),
        ("apoc.*", r"\bapoc\s*\."),
        ("ALTER", r"\bALTER\b"),
        ("GRANT", r"\bGRANT\b"),
        ("REVOKE", r"\bREVOKE\b"),
        ("DENY", r"\bDENY\b"),
        ("RENAME", r"\bRENAME\b"),
        ("START/STOP DATABASE", r"\b(?:START|STOP)\s+DATABASES?\b"),
        ("ENABLE/DEALLOCATE/REALLOCATE", r"\b(?:ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)\b"),
        (
            "SHOW users/roles/privileges/…",
            r"\bSHOW\b[\w\s]*?\b(?:USERS?|ROLES?|PRIVILEGES?|SERVERS?|ALIAS(?:ES)?|"
            r"SETTINGS?|TRANSACTIONS?|DATABASES?|SUPPORTED)\b",
        ),
        ("TERMINATE", r"\bTERMINATE\b"),
        ("USE (another database)", r"\bUSE\b"),
        ("multiple statements (;)", r";"),
    )
)
EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")
_CALL_PROC = re.compile(r"\bCALL\s+([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*)\s*(?=[(\s]|$)")
_STRING_OR_COMMENT = re.compile(
    r"""
      //[^\n]*                      # line comment
    | /\*.*?(?:\*/|\Z)              # block comment (unterminated: to the end)
    | '(?:\\.|[^'\\])*(?:'|\Z)      # single-quoted string
    | "(?:\\.|[^"\\])*(?:"|\Z)      # double-quoted string
    | `(?:``|[^`])*(?:`|\Z)          # backtick-quoted identifier
    """,
    re.DOTALL | re.VERBOSE,
)


@dataclass
class AdhocResult:
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows, "truncated": self.truncated}


def strip_literals(cypher: str) -> str:
    """The statement with comments blanked and string literals emptied (kept as ''), after
    NFKC normalisation so full-width or compatibility letters cannot disguise a keyword."""
    text = unicodedata.normalize("NFKC", cypher)

    def blank(m: re.Match[str]) -> str:
        s = m.group(0)
        if s.startswith("'"):
            return "''"
        if s.startswith('"'):
            return '""'
        if s.startswith("`"):
            # `db`.`clearQueryCaches` must read as db.clearQueryCaches to the checks below, and
            # an identifier such as `//` must not open a comment: plain names are unquoted,
            # anything else becomes a neutral identifier.
            inner = s[1:-1] if s.endswith("`") and len(s) > 1 else s[1:]
            inner = inner.replace("``", "`")
            return inner if re.fullmatch(r"[A-Za-z_]\w*", inner) else "_q"
        return " "

    return _STRING_OR_COMMENT.sub(blank, text)


def check_text(cypher: str) -> str:
    """Refuse statements that write, change the schema or administer; return the statement
    without a single trailing semicolon. Raises ReadOnlyViolation naming what was found."""
    body = cypher.strip()
    code = strip_literals(body).rstrip()
    if code.endswith(";"):
        code = code[:-1]
        body = body.rstrip()[:-1]
    if not code.strip():
        raise QueryError("empty query")
    for label, pattern in _FORBIDDEN:
        if pattern.search(code):
            raise ReadOnlyViolation(
                f"ad-hoc queries are read-only: {label} is not allowed (use the data loader or "
                "a library query for changes)"
            )
    for m in _CALL_PROC.finditer(code):
        proc = re.sub(r"\s+", "", m.group(1)).lower()
        if proc not in ALLOWED_PROCEDURES:
            raise ReadOnlyViolation(
                f"ad-hoc queries may not call procedure {proc!r}; allowed: "
                f"{', '.join(sorted(ALLOWED_PROCEDURES))}"
            )
    return body


def _as_query(text: str) -> LiteralString:
    # The analyst's statement is the query by design; check_text and the READ session guard it.
    return cast(LiteralString, text)  # type: ignore[redundant-cast]


def run_readonly(
    driver: Driver,
    cypher: str,
    *,
    database: str,
    timeout_s: float,
    row_limit: int,
    params: dict[str, Any] | None = None,
) -> AdhocResult:
    """Run an analyst's statement read-only with a server-side timeout and a row limit."""
    body = check_text(cypher)
    query = _as_query(body)
    explain = _as_query(EXPLAIN + body)
    parameters = dict(params or {})
    planned = [False]  # errors before the plan is checked are about the EXPLAIN text

    @unit_of_work(timeout=timeout_s)
    def work(tx: ManagedTransaction) -> AdhocResult:
        planned[0] = False
        _check_plan(tx, explain, parameters)
        planned[0] = True
        result = tx.run(query, parameters)
        columns = list(result.keys())
        rows: list[dict[str, Any]] = []
        truncated = False
        for record in result:
            if len(rows) >= row_limit:
                truncated = True
                break
            rows.append({k: to_jsonable(v) for k, v in zip(columns, record.values(), strict=True)})
        return AdhocResult(columns, rows, truncated)

    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            return session.execute_read(work)
    except (ServiceUnavailable, SessionExpired, OSError) as e:
        raise Neo4jUnavailable(f"Neo4j is not reachable: {e}") from e
    except Neo4jError as e:
        message = e.message or str(e)
        if not planned[0]:
            message = without_explain(message, body)
        raise _map_error(e, timeout_s, message) from e
    except (ValueError, OverflowError, TypeError) as e:  # the driver could not encode a param
        raise QueryError(f"a parameter cannot be sent to Neo4j: {e}") from e
    except DriverError as e:
        raise Neo4jUnavailable(f"the ad-hoc query could not run: {e}") from e


def _check_plan(tx: ManagedTransaction, explain: LiteralString, params: dict[str, Any]) -> None:
    """Neo4j's own classification of the statement must be read-only ('r')."""
    query_type = tx.run(explain, params).consume().query_type
    if query_type != "r":
        raise ReadOnlyViolation(
            f"ad-hoc queries are read-only; Neo4j classifies this one as {query_type!r} "
            "(w: writes, rw: reads and writes, s: schema)"
        )


def without_explain(message: str, body: str) -> str:
    """Neo4j's message about `EXPLAIN <body>` as if it were about the analyst's own text: the
    prefix is ours, so positions move back by its length (columns on the first line only),
    the echoed first line loses it and its caret moves with it."""
    shift = len(EXPLAIN)

    def position(m: re.Match[str]) -> str:
        line, column, offset = (int(g) for g in m.groups())
        if line == 1:
            column = max(1, column - shift)
        return f"(line {line}, column {column} (offset: {max(0, offset - shift)}))"

    lines = _POSITION.sub(position, message).split("\n")
    for i, text in enumerate(lines):
        if text.startswith('"' + EXPLAIN):
            lines[i] = '"' + text[1 + shift :]
            caret = lines[i + 1] if i + 1 < len(lines) else ""
            if caret.strip() == "^" and caret.startswith(" " * shift):
                lines[i + 1] = caret[shift:]
    return "\n".join(lines).replace(EXPLAIN + body, body)


def _map_error(e: Neo4jError, timeout_s: float, message: str | None = None) -> Exception:
    code = e.code or ""
    message = message or e.message or str(e)
    if "TransactionTimedOut" in code or "timed out" in message.lower():
        return QueryError(f"the query did not finish within {timeout_s:g}s and was stopped")
    if (
        "AccessMode" in code
        or code.startswith("Neo.ClientError.Security.Forbidden")
        or "read access mode" in message.lower()
        or ("not allowed" in message.lower() and "write" in message.lower())
    ):
        return ReadOnlyViolation(f"ad-hoc queries are read-only; Neo4j refused: {message}")
    if isinstance(e, CypherSyntaxError):
        return QueryError(f"Cypher syntax error: {message}")
    if isinstance(e, ClientError):
        return QueryError(f"the query failed: {message}")
    return QueryError(f"the query failed ({code}): {message}")


def _ref(node: Node) -> Any:
    return node.get("id", node.element_id)


def to_jsonable(value: Any) -> Any:
    """A JSON-safe copy of a neo4j value: nodes, relationships and paths become maps, temporal
    values ISO strings, non-finite floats None, bytes base64."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Node):
        return {
            "id": _ref(value),
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: to_jsonable(v) for k, v in value.items()},
        }
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        return {
            "id": value.get("id", value.element_id),
            "element_id": value.element_id,
            "type": value.type,
            "start": _ref(start) if start is not None else None,
            "end": _ref(end) if end is not None else None,
            "properties": {k: to_jsonable(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_jsonable(n) for n in value.nodes],
            "relationships": [to_jsonable(r) for r in value.relationships],
        }
    if isinstance(value, Date | DateTime | Time):
        return value.iso_format()
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Duration | dt.timedelta):
        return str(value)
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return str(value)
