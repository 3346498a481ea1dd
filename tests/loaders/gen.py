"""Generated, valid datasets of any size (a tree of units under one organisation)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def write_dataset(path: Path, name: str, entities: int, *, quote_len: int = 40) -> Path:
    """A valid dataset `name` with `entities` entities (1 Organisation + Units) and
    `entities - 1` PART_OF relations forming a tree. Quotes are not checked (no sources dir)."""
    ents: list[dict[str, Any]] = [
        {"id": f"{name}-org", "kind": "Organisation", "name": f"Org {name}", "quote": "org"}
    ]
    rels = []
    for i in range(1, entities):
        ents.append(
            {
                "id": f"{name}-u{i}",
                "kind": "Unit",
                "name": f"Unit {i} of {name}",
                "type": "team",
                "quote": ("x" * quote_len) + f" {i}",
                "props": {"n": i},
            }
        )
        parent = f"{name}-org" if i == 1 else f"{name}-u{i // 2}"
        rels.append({"type": "PART_OF", "from": f"{name}-u{i}", "to": parent, "quote": f"q{i}"})
    doc = {
        "dataset": name,
        "title": f"Generated {name}",
        "defaults": {"source": f"{name}-src", "status": "current"},
        "sources": [{"id": f"{name}-src", "file": "gen.txt", "title": "gen", "kind": "test"}],
        "entities": ents,
        "relations": rels,
    }
    path.write_text(yaml.safe_dump(doc, sort_keys=False, width=10_000), encoding="utf-8")
    return path
