"""The graph as CSV for spreadsheets: one file per entity kind and per relation type, with
the provenance columns (quote, source and its title, inferred, reason, status, validity).

Cells follow the API's CSV rule (a text is the text, lists and props compact JSON). A text
that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is prefixed
with an apostrophe: exports are opened by people, and police data is not a place for
injected formulas.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from loaders.formats import Snapshot, iso

PROVENANCE: Final = (
    "quote", "source", "source_title", "inferred", "reason", "status", "valid_from", "valid_to"
)  # fmt: skip
ENTITY_COLUMNS: Final = (
    "id", "kind", "name", "type", "abbreviation", "aliases", "description", *PROVENANCE, "props"
)  # fmt: skip
RELATION_COLUMNS: Final = (
    "id", "type", "from", "from_name", "from_kind", "to", "to_name", "to_kind", *PROVENANCE,
    "props",
)  # fmt: skip
SOURCE_COLUMNS: Final = ("id", "file", "title", "kind", "language", "organisation", "url")
STAFFING_COLUMNS: Final = (
    "entity", "entity_name", "count", "rank", "per", "note", "quote", "source", "source_title",
    "inferred", "reason",
)  # fmt: skip
_FORMULA: Final = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA) else value
    if isinstance(value, int | float):
        return json.dumps(value)
    return cell(json.dumps(value, ensure_ascii=False, default=iso, separators=(",", ":")))


def _table(columns: Iterable[str], rows: Iterable[Mapping[str, Any]]) -> str:
    cols = list(columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(cols)
    writer.writerows([cell(row.get(c)) for c in cols] for row in rows)
    return out.getvalue()


def to_csv(snap: Snapshot) -> dict[str, str]:
    """File name -> CSV text: entities-<kind>.csv, relations-<type>.csv, sources.csv and
    (when there are figures) staffing.csv."""

    def title(sid: Any) -> str | None:
        src = snap.sources.get(str(sid)) if sid else None
        return None if src is None else str(src.get("title"))

    kinds: dict[str, list[dict[str, Any]]] = {}
    figures: list[dict[str, Any]] = []
    for e in snap.entities.values():
        kinds.setdefault(str(e["kind"]), []).append(
            {**e, "source_title": title(e.get("source")), "inferred": bool(e.get("inferred"))}
        )
        for f in e.get("staffing") or []:
            figures.append(
                {**f, "entity": e["id"], "entity_name": e["name"],
                 "source_title": title(f.get("source")), "inferred": bool(f.get("inferred"))}
            )  # fmt: skip
    types: dict[str, list[dict[str, Any]]] = {}
    for r in snap.relations:
        types.setdefault(str(r["type"]), []).append(
            {
                **r,
                "from_name": snap.name(r["from"]), "from_kind": snap.kind(r["from"]),
                "to_name": snap.name(r["to"]), "to_kind": snap.kind(r["to"]),
                "source_title": title(r.get("source")), "inferred": bool(r.get("inferred")),
            }
        )  # fmt: skip
    files = {"sources.csv": _table(SOURCE_COLUMNS, snap.sources.values())}
    for kind in sorted(kinds):
        files[f"entities-{kind.lower()}.csv"] = _table(ENTITY_COLUMNS, kinds[kind])
    for rtype in sorted(types):
        files[f"relations-{rtype.lower()}.csv"] = _table(RELATION_COLUMNS, types[rtype])
    if figures:
        files["staffing.csv"] = _table(STAFFING_COLUMNS, figures)
    return files
