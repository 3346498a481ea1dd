"""Rows as CSV, one rule for the API's `text/csv` answers and the CLI's `--format csv`: a
text is the text itself, a number or true/false as in JSON, null an empty cell, and a nested
value (the `source` provenance map, lists) compact JSON, so `json.loads` gives it back."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from typing import Any

import queries


def csv_cell(value: Any) -> str:
    """One CSV field of a JSON value."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _declared_columns(query: str | None) -> list[str]:
    """The columns a library query's header declares (`returns: a: str, b: map`), for the header
    line of an empty answer; [] when the header is not a plain column list."""
    if query is None or query not in queries.library():
        return []
    parts = [p.strip() for p in queries.get(query).returns.split(",")]
    names = [m.group(1) for p in parts if (m := re.fullmatch(r"(\w+)\s*:\s*\w+", p))]
    return names if len(names) == len(parts) else []


def rows_csv(body: Mapping[str, Any]) -> str:
    """A rows answer (Rows or CypherResult as JSON) as CSV text; see api.deps.CSV_DOC."""
    rows: list[dict[str, Any]] = list(body.get("rows") or [])
    columns: list[str] = list(body.get("columns") or [])
    seen = set(columns)
    for row in rows:
        for key in row:
            if key not in seen:
                seen.add(key)
                columns.append(key)
    if not columns:
        columns = _declared_columns(body.get("query"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([csv_cell(row.get(c)) for c in columns] for row in rows)
    return out.getvalue()
