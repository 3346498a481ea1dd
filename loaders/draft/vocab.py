"""The shared vocabulary (data/vocab) as names a text may use: a draft links to these ids
instead of defining a second "drugs" or "federale politie"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

# Kinds a draft links to; others (legal texts, systems, sources) are not drafted from prose.
LINKED_KINDS: Final = frozenset(
    {"Domain", "Functionality", "Plan", "Organisation", "Post", "PartnerBody", "System"}
)
MAX_VOCAB_BYTES: Final = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class VocabEntry:
    id: str
    kind: str
    name: str
    names: tuple[str, ...]  # lower-cased name, abbreviation and aliases


@dataclass(frozen=True, slots=True)
class Vocabulary:
    entries: tuple[VocabEntry, ...]

    def by_name(self) -> dict[str, VocabEntry]:
        """Lower-cased name -> entry; a name two entries share goes to the first (file order),
        except that a Domain wins over a Functionality of the same name (drafts speak of
        domains; COVERS is inferred, not drafted)."""
        out: dict[str, VocabEntry] = {}
        for e in sorted(self.entries, key=lambda e: e.kind == "Functionality"):
            for n in e.names:
                out.setdefault(n, e)
        return out

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entries)


EMPTY: Final = Vocabulary(())
_DUTCH_ALIAS: Final = re.compile(r"[a-zà-ÿ]")


def load_vocabulary(folder: Path | None) -> Vocabulary:
    """Entries of the linked kinds from every YAML file in `folder` (none when it is absent)."""
    if folder is None or not folder.is_dir():
        return EMPTY
    entries: list[VocabEntry] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.stat().st_size > MAX_VOCAB_BYTES:
            continue
        try:
            doc: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue  # `orggraph validate` reports a broken vocabulary; a draft just skips it
        if not isinstance(doc, dict):
            continue
        for e in doc.get("entities") or []:
            if not isinstance(e, dict) or e.get("kind") not in LINKED_KINDS:
                continue
            names = [e.get("name"), e.get("abbreviation"), *(e.get("aliases") or [])]
            clean = tuple(
                dict.fromkeys(
                    " ".join(str(n).split()).lower()
                    for n in names
                    if isinstance(n, str) and len(n.strip()) >= 2 and _DUTCH_ALIAS.search(n)
                )
            )
            if isinstance(e.get("id"), str) and isinstance(e.get("name"), str):
                entries.append(VocabEntry(e["id"], e["kind"], e["name"], clean))
    return Vocabulary(tuple(entries))
