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
import json
import math
import re
import socket
import threading
import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Any

from neo4j import READ_ACCESS, Driver, Query, Session
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

from graph.catalog import catalog
from graph.cypher import analyst_cypher
from graph.errors import QueryError, ReadOnlyViolation, translate_driver_errors
from graph.settings import get_settings

# The client-side deadline is the server-side timeout plus this: Neo4j normally stops the query
# itself; the deadline is for a server that never answers (e.g. a stack overflow in its parser).
DEADLINE_MARGIN_S = 2.0
# The metadata key that tags an ad-hoc query's transactions, so that the caller can terminate
# them in Neo4j when it gives up at its deadline (graph/cypher/terminate_tagged.cypher).
TAG_KEY = "orggraph_request"
# At the deadline the caller waits this long for Neo4j to answer the termination, and once it
# is confirmed this long again for the terminated run to end (Neo4j stops it at its next check);
# only a worker still blocked after that has its connection dropped.
TERMINATE_WAIT_S = 0.5
# Result values nested deeper than this are refused (a 422): JSON encoders recurse per level.
MAX_RESULT_DEPTH = 100
# Records fetched per round trip: a small batch keeps what is buffered ahead of the byte budget
# small (the budget is checked per record as it is consumed).
FETCH_SIZE = 50
_OPEN = frozenset("([{")
_CLOSE = frozenset(")]}")
_SURROGATE = re.compile("[\ud800-\udfff]")

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


def nesting_depth(cypher: str) -> int:
    """The deepest nesting of ( [ { outside string literals and comments (stray closers do not
    go below zero). Cheap and linear: Neo4j's parser recurses per level and a few hundred levels
    overflow its stack without an answer."""
    depth = deepest = 0
    for ch in strip_literals(cypher):
        if ch in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
    return deepest


def check_text(cypher: str, *, max_chars: int | None = None, max_nesting: int | None = None) -> str:
    """Refuse statements that are too long, nest too deep, write, change the schema or
    administer; return the statement without a single trailing semicolon. Raises QueryError
    for the bounds and ReadOnlyViolation naming what was found."""
    if max_chars is not None and len(cypher) > max_chars:
        raise QueryError(
            f"the statement has {len(cypher)} characters; the limit is {max_chars} "
            "(ORGGRAPH_CYPHER_MAX_CHARS): shorten it or use a library query"
        )
    _refuse_surrogates(cypher, "the statement")
    body = cypher.strip()
    if max_nesting is not None:
        depth = nesting_depth(body)
        if depth > max_nesting:
            raise QueryError(
                f"the statement is nested {depth} deep (brackets ( [ {{ inside each other); the "
                f"limit is {max_nesting} (ORGGRAPH_CYPHER_MAX_NESTING): flatten it, e.g. build "
                "deep values with reduce() or pass them as a parameter"
            )
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


def _refuse_surrogates(text: str, where: str) -> None:
    """A lone surrogate (e.g. JSON "\\ud800") is not Unicode text and cannot be sent as UTF-8."""
    m = _SURROGATE.search(text)
    if m:
        raise QueryError(
            f"{where} contains a lone surrogate (U+{ord(m.group(0)):04X}) at character "
            f"{m.start() + 1}, which is not valid Unicode text; remove it or use a real character"
        )


def _check_param_text(value: Any, name: str, depth: int = 0) -> None:
    if depth > MAX_RESULT_DEPTH:
        raise QueryError(f"parameter {name!r} is nested more than {MAX_RESULT_DEPTH} deep")
    if isinstance(value, str):
        _refuse_surrogates(value, f"parameter {name!r}")
    elif isinstance(value, dict):
        for k, v in value.items():
            _refuse_surrogates(str(k), f"parameter {name!r} (a key)")
            _check_param_text(v, name, depth + 1)
    elif isinstance(value, list | tuple):
        for v in value:
            _check_param_text(v, name, depth + 1)


def _abandoned() -> QueryError:
    """What the worker raises once the caller gave up on it (nobody sees it but the log)."""
    return QueryError("the query was abandoned at its deadline")


class _Attempt:
    """One run of the statement in its own thread and session, so that the caller can give up
    at the deadline, terminate it in Neo4j (its transactions carry `tag`) and, if the worker is
    still blocked then, drop the connection it is blocked on."""

    def __init__(self) -> None:
        self.tag = uuid.uuid4().hex
        self.session: Session | None = None
        self.result: AdhocResult | None = None
        self.error: BaseException | None = None
        self.abandoned = threading.Event()
        self.lock = threading.Lock()

    def drop_connection(self) -> bool:
        """Shut the socket of the session's connection down, which wakes the blocked read in
        the worker with an error: the fallback for a server that does not answer even the
        termination. The neo4j driver (6.x) has no public cancel for the sync API (Session.cancel
        is async only), so this reaches the socket through the session's connection (private
        attributes, checked with getattr: if a driver version moves them, the caller still
        answers at the deadline, only the connection is then left to Neo4j's own timeout).
        Returns whether it did."""
        with self.lock:
            self.abandoned.set()
            connection = getattr(self.session, "_connection", None)
            bolt_socket = getattr(connection, "socket", None)
            raw = getattr(bolt_socket, "_socket", None)
            if not isinstance(raw, socket.socket):
                return False
            try:
                raw.shutdown(socket.SHUT_RDWR)
            except OSError:
                return False
            return True


def run_readonly(
    driver: Driver,
    cypher: str,
    *,
    database: str,
    timeout_s: float,
    row_limit: int,
    params: dict[str, Any] | None = None,
    max_chars: int | None = None,
    max_nesting: int | None = None,
    max_response_bytes: int | None = None,
) -> AdhocResult:
    """Run an analyst's statement read-only, once, within bounds.

    Before anything is sent: length (max_chars) and bracket nesting (max_nesting) are checked,
    and lone surrogates in the text or params refused. The statement runs in an auto-commit
    transaction with retries disabled (a stuck query is not run twice) and a server-side
    timeout; a client-side deadline of timeout_s + DEADLINE_MARGIN_S holds even when the server
    never answers: the caller gets a QueryError then, the query's transaction (tagged with
    TAG_KEY in its metadata) is terminated in Neo4j on a separate short session, and if the
    worker is still blocked after TERMINATE_WAIT_S its connection is dropped. Rows stop
    at row_limit or when the next row would take the JSON size of the rows past
    max_response_bytes; either sets truncated. A single row larger than the budget therefore
    gives no rows and truncated=True (it is still received from Neo4j once, but never kept
    or sent on). Limits left None come from the settings (ORGGRAPH_CYPHER_*).
    """
    settings = get_settings() if None in (max_chars, max_nesting, max_response_bytes) else None
    if settings is not None:
        max_chars = settings.cypher_max_chars if max_chars is None else max_chars
        max_nesting = settings.cypher_max_nesting if max_nesting is None else max_nesting
        if max_response_bytes is None:
            max_response_bytes = settings.cypher_max_response_bytes
    assert max_response_bytes is not None
    body = check_text(cypher, max_chars=max_chars, max_nesting=max_nesting)
    parameters = dict(params or {})
    for name, value in parameters.items():
        _refuse_surrogates(str(name), "a parameter name")
        _check_param_text(value, str(name))
    attempt = _Attempt()
    response_budget = max_response_bytes

    def work() -> None:
        try:
            attempt.result = _execute(
                attempt, driver, body, parameters, database, timeout_s, row_limit, response_budget
            )
        except BaseException as e:  # handed to the caller's thread, which raises it
            attempt.error = e

    worker = threading.Thread(target=work, name="orggraph-adhoc", daemon=True)
    worker.start()
    deadline = timeout_s + DEADLINE_MARGIN_S
    worker.join(deadline)
    if worker.is_alive():
        with attempt.lock:
            attempt.abandoned.set()  # a worker that has not begun yet never will
        terminated = terminate_tagged(driver, database, attempt.tag, wait_s=TERMINATE_WAIT_S)
        if terminated:  # Neo4j answers the blocked run with an error: the worker ends
            worker.join(2 * TERMINATE_WAIT_S)
        dropped = worker.is_alive() and attempt.drop_connection()
        worker.join(0.3)
        fate = "terminated in Neo4j" if terminated else "not confirmed terminated in Neo4j"
        if dropped:
            fate += "; its connection was dropped"
        elif worker.is_alive():
            fate += "; its connection will be dropped when Neo4j gives up"
        raise QueryError(
            f"Neo4j gave no answer within {deadline:g}s (timeout {timeout_s:g}s + "
            f"{DEADLINE_MARGIN_S:g}s margin); the query was abandoned and {fate}"
        )
    if attempt.error is not None:
        raise attempt.error
    assert attempt.result is not None
    return attempt.result


def terminate_tagged(driver: Driver, database: str, tag: str, *, wait_s: float) -> bool:
    """Terminate the transactions tagged `tag` (TAG_KEY in their metadata) on a separate short
    session. Waits at most `wait_s` for Neo4j's confirmation and says whether it came; a server
    that does not answer cannot hold the caller (the attempt goes on in a daemon thread).
    Neo4j stops a terminated query at its next check, as it does at its own timeout."""
    query = catalog().get("graph.terminate_tagged")
    params = query.bind_wire({"tag": tag})
    terminated: list[dict[str, Any]] = []
    answered = threading.Event()

    def work() -> None:
        try:
            with driver.session(
                database=database,
                default_access_mode=READ_ACCESS,
                disable_auto_commit_retries=True,
            ) as session:
                terminated.extend(session.run(Query(query.wire, timeout=5.0), params).data())
        except (DriverError, Neo4jError, OSError):
            pass  # the caller answers anyway; the connection drop is its fallback
        finally:
            answered.set()

    threading.Thread(target=work, name="orggraph-adhoc-terminate", daemon=True).start()
    answered.wait(wait_s)
    return bool(terminated)


def _execute(
    attempt: _Attempt,
    driver: Driver,
    body: str,
    parameters: dict[str, Any],
    database: str,
    timeout_s: float,
    row_limit: int,
    max_response_bytes: int,
) -> AdhocResult:
    tag = {TAG_KEY: attempt.tag}
    query = Query(analyst_cypher(body), timeout=timeout_s, metadata=tag)
    explain = Query(analyst_cypher(EXPLAIN + body), timeout=timeout_s, metadata=tag)
    planned = False  # errors before the plan is checked are about the EXPLAIN text
    with translate_driver_errors("the ad-hoc query"):
        try:
            with driver.session(
                database=database,
                default_access_mode=READ_ACCESS,
                disable_auto_commit_retries=True,
                fetch_size=FETCH_SIZE,
            ) as session:
                with attempt.lock:
                    if attempt.abandoned.is_set():
                        raise _abandoned()
                    attempt.session = session
                _check_plan(session, explain, parameters)
                planned = True
                if attempt.abandoned.is_set():  # given up during the plan check
                    raise _abandoned()
                result = session.run(query, parameters)
                columns = list(result.keys())
                rows: list[dict[str, Any]] = []
                truncated = False
                size = 2  # the brackets of the JSON list
                for record in result:
                    if len(rows) >= row_limit:
                        truncated = True
                        break
                    row = {
                        k: _jsonable_cell(v, k)
                        for k, v in zip(columns, record.values(), strict=True)
                    }
                    size += len(_dumps(row)) + (1 if rows else 0)
                    if size > max_response_bytes:
                        truncated = True
                        break
                    rows.append(row)
                if truncated:
                    result.consume()  # discards the rest on the server, nothing more is kept
                return AdhocResult(columns, rows, truncated)
        except (ServiceUnavailable, SessionExpired, OSError, DriverError) as e:
            if attempt.abandoned.is_set():  # the caller's deadline dropped the connection
                raise _abandoned() from e
            raise
        except Neo4jError as e:  # Neo4j's own classification words the message
            if attempt.abandoned.is_set():  # terminated because the caller gave up
                raise _abandoned() from e
            message = e.message or str(e)
            if not planned:
                message = without_explain(message, body)
            raise _map_error(e, timeout_s, message) from e


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "backslashreplace"
    )


def _jsonable_cell(value: Any, column: str) -> Any:
    try:
        return to_jsonable(value)
    except ValueTooDeep as e:
        raise QueryError(
            f"a value in column {column!r} is nested more than {MAX_RESULT_DEPTH} deep and "
            "cannot be returned as JSON; return a flatter value (e.g. size() or a slice)"
        ) from e


def _check_plan(session: Session, explain: Query, params: dict[str, Any]) -> None:
    """Neo4j's own classification of the statement must be read-only ('r')."""
    query_type = session.run(explain, params).consume().query_type
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


class ValueTooDeep(QueryError):
    """A result value nested more than MAX_RESULT_DEPTH deep."""


def to_jsonable(value: Any, _depth: int = 0) -> Any:
    """A JSON-safe copy of a neo4j value: nodes, relationships and paths become maps, temporal
    values ISO strings, non-finite floats None, bytes base64. Deeper than MAX_RESULT_DEPTH is
    ValueTooDeep (a QueryError): JSON encoders recurse per level and would fail with a 500."""
    if _depth > MAX_RESULT_DEPTH:
        raise ValueTooDeep(
            f"a value is nested more than {MAX_RESULT_DEPTH} deep and cannot be returned as JSON"
        )
    d = _depth + 1
    if value is None or isinstance(value, bool | int | str):
        return value
    # Plain maps and lists first (most of every API answer), by exact type: a subclass, such
    # as a Record (a tuple), still takes the checks below.
    t = type(value)
    if t is dict:
        return {str(k): to_jsonable(v, d) for k, v in value.items()}
    if t is list:
        return [to_jsonable(v, d) for v in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Node):
        return {
            "id": _ref(value),
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: to_jsonable(v, d) for k, v in value.items()},
        }
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        return {
            "id": value.get("id", value.element_id),
            "element_id": value.element_id,
            "type": value.type,
            "start": _ref(start) if start is not None else None,
            "end": _ref(end) if end is not None else None,
            "properties": {k: to_jsonable(v, d) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_jsonable(n, d) for n in value.nodes],
            "relationships": [to_jsonable(r, d) for r in value.relationships],
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
        return {str(k): to_jsonable(v, d) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v, d) for v in value]
    return str(value)
