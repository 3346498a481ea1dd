"""The one place the CLI prints: consoles, escaping, rows, problems and exit codes.

Text from the data (names, quotes, file paths, error messages that echo input) is never
interpreted: the consoles have markup, emoji and highlighting off, and `safe` turns control
characters into visible escapes, so a name holding an ANSI sequence or `[link=…]` prints as
the characters it is. Lines are never wrapped or cropped by Rich (the terminal wraps them), so
`file:line:col: message` and URLs stay one physical line in pipes and narrow terminals.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from functools import cache
from typing import Any

import typer
from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from api.rows_csv import csv_cell
from queries.adhoc import to_jsonable

EXIT_OK = 0
EXIT_PROBLEM = 1  # the data or the query: invalid, not found, ambiguous, refused, too large …
EXIT_USAGE = 2  # the command line: bad option value, key=value syntax, unknown query or param

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 a problem with the data or the query (validation failed, not found, "
    "ambiguous, Cypher error, read-only violation, view too large, Neo4j unreachable, "
    "a declined confirmation); 2 wrong usage (bad option value, bad -p key=value, unknown "
    "query or parameter). `db status` exits 3 when the local Neo4j is not running."
)


def _console(*, stderr: bool) -> Console:
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=True)


out = _console(stderr=False)
err = _console(stderr=True)

# C0 controls (newline and tab included), DEL, C1 controls, line/paragraph separators and the
# bidirectional overrides that can make a terminal show text other than what it holds.
_UNSAFE_NON_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_CHARS = "\x00-\x1f" + _UNSAFE_NON_C0


@cache
def _unsafe(keep: str) -> re.Pattern[str]:
    kept = "".join(re.escape(c) for c in sorted(keep))
    return re.compile(f"(?![{kept}])[{_UNSAFE_CHARS}]" if kept else f"[{_UNSAFE_CHARS}]")


def _escape_char(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object, *, keep: str = "") -> str:
    """`text` with every control character shown as a visible escape (`\\x1b`, `\\n`→`\\x0a`,
    `\\u202e`); characters in `keep` (e.g. "\\n" for our own multi-line messages) pass."""
    return _unsafe(keep).sub(_escape_char, str(text))


def echo(text: object, *, to: Console | None = None, style: str | None = None) -> None:
    """Print one message as literal text (no markup), newlines kept, never wrapped by Rich."""
    (to or out).print(Text(safe(text, keep="\n"), style=style or ""), soft_wrap=True)


def warn(message: object) -> None:
    err.print(Text("warning: ", style="bold yellow") + Text(safe(message, keep="\n")))


def fail(message: object, code: int = EXIT_PROBLEM) -> typer.Exit:
    """Print `error: message` on stderr; `raise fail(...)` ends the command with `code`."""
    err.print(Text("error: ", style="bold red") + Text(safe(message, keep="\n")), soft_wrap=True)
    return typer.Exit(code)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 row', '3 rows', '0 rows' (no 'row(s)')."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def print_problems(problems: Iterable[object], *, to: Console | None = None) -> int:
    """Each problem (`file:line:col: message`) on one physical line, at any width and in a
    pipe: control characters (newlines too) escaped, no wrapping. Returns the count."""
    console = to or err
    n = 0
    for problem in problems:
        console.print(Text(safe(problem)), soft_wrap=True)
        n += 1
    return n


# --- rows --------------------------------------------------------------------------------


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


# The `--format/-f table|json|csv` option of every row-printing command.
FORMAT_OPTION: Any = typer.Option(
    Format.TABLE,
    "--format",
    "-f",
    case_sensitive=False,
    help="table (a vertical record layout when the table does not fit) | json | csv",
)


def cell(value: Any) -> str:
    """A compact table cell: a source shows its quote, an entity map its name and id."""
    v = to_jsonable(value)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "; ".join(cell(x) for x in v)
    if isinstance(v, dict):
        if "quote" in v:
            return str(v["quote"]) + (" [inferred]" if v.get("inferred") else "")
        if "name" in v and "id" in v:
            return f"{v['name']} ({v['id']})"
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _columns(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns:
        return list(columns)
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _json_text(rows: list[dict[str, Any]]) -> str:
    # json.dumps escapes C0 controls; DEL, C1 and the bidi controls get \\u escapes too.
    text = json.dumps(to_jsonable(rows), ensure_ascii=False, indent=2)
    return re.sub(f"[{_UNSAFE_NON_C0}]", lambda m: f"\\u{ord(m.group()):04x}", text)


def print_rows(
    rows: Sequence[Mapping[str, Any]],
    fmt: str = Format.TABLE,
    columns: Sequence[str] | None = None,
    *,
    console: Console | None = None,
    count: bool = True,
) -> None:
    """Rows on stdout as a table (or records when a table would not fit), JSON or CSV.

    JSON is a list of row objects; CSV has the same columns (header row first). In a table,
    cells are escaped and never interpreted; a table is drawn only when every cell fits at the
    console's width, else each row is a block of `column: value` lines (wrapped on a terminal,
    one line per field otherwise), so no value is ever cut.
    """
    console = console or out
    cols = _columns(rows, columns)
    if fmt == Format.JSON:
        console.file.write(_json_text([dict(r) for r in rows]) + "\n")
        console.file.flush()
        return
    if fmt == Format.CSV:
        writer = csv.writer(console.file, lineterminator="\n")
        writer.writerow([safe(c) for c in cols])
        for row in rows:
            writer.writerow([safe(csv_cell(to_jsonable(row.get(c))), keep="\n\t") for c in cols])
        console.file.flush()
        return
    if fmt != Format.TABLE:
        raise ValueError(f"unknown format {fmt!r}")
    cells = [[safe(cell(row.get(c))) for c in cols] for row in rows]
    headers = [safe(c) for c in cols]
    if cols:
        table = Table(*(Column(Text(h), overflow="fold") for h in headers))
        for line in cells:
            table.add_row(*(Text(v) for v in line))
        natural = console.measure(table, options=console.options.update_width(10**6)).maximum
        if natural <= console.width:
            console.print(table, soft_wrap=False)
        else:
            _print_records(console, headers, cells)
    if count:
        console.print(Text(plural(len(rows), "row")))


def _print_records(console: Console, headers: list[str], cells: list[list[str]]) -> None:
    """One block per row: `column: value`, wrapped under the value on a terminal."""
    width = max(len(h) for h in headers) + 1
    for i, line in enumerate(cells, start=1):
        console.print(Text(f"-- row {i} --", style="dim"))
        if console.is_terminal:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, style="bold")
            grid.add_column(overflow="fold")
            for h, v in zip(headers, line, strict=True):
                grid.add_row(Text(f"{h}:".ljust(width)), Text(v))
            console.print(grid, soft_wrap=False)
        else:
            for h, v in zip(headers, line, strict=True):
                console.print(Text(f"{h}:".ljust(width) + " " + v), soft_wrap=True)
