"""Small invented datasets for the traversal tests: each sentence of an invented Dutch text is
one fact, so every quote is verbatim in the text the loader checks it against."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from neo4j import Driver

from loaders.load import load
from tests.support import DATA_DIR, DATABASE, SOURCES_DIR


def load_text(
    db: Driver,
    tmp_path: Path,
    name: str,
    entities: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    *,
    vocab: bool = False,
) -> None:
    """Write `entities` and `relations` as the JSON dataset `name` whose source text is every
    quote, one per line, and load it into `db` (the `db` fixture: an empty database)."""
    quotes = [e["quote"] for e in entities] + [r["quote"] for r in relations]
    sources = tmp_path / "sources"
    sources.mkdir(exist_ok=True)
    (sources / f"{name}.txt").write_text("\n".join(dict.fromkeys(quotes)) + "\n", encoding="utf-8")
    doc = {
        "dataset": name,
        "sources_dir": "sources",
        "defaults": {"source": name},
        "sources": [{"id": name, "file": f"{name}.txt", "title": name, "kind": "web page"}],
        "entities": entities,
        "relations": relations,
    }
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    paths = [DATA_DIR / "vocab", path] if vocab else [path]
    load(db, paths, database=DATABASE, sources_dir=SOURCES_DIR)


def ent(id: str, kind: str, name: str, quote: str, **extra: Any) -> dict[str, Any]:
    return {"id": id, "kind": kind, "name": name, "quote": quote, **extra}


def rel(type: str, frm: str, to: str, quote: str, **extra: Any) -> dict[str, Any]:
    return {"type": type, "from": frm, "to": to, "quote": quote, **extra}
