"""The schema-valid facts of one dataset file with their positions, as the checks see them.

Shared by the per-file reading (loaders.validate), the cross-file checks (loaders.crossref)
and the quote check (loaders.quotes): every problem they find points at file:line:col.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.errors import Problem
from loaders.dataset import Defaults, Entity, Provenance, Relation, Source, provenance
from loaders.yamlsrc import JsonPath, YamlDocument


@dataclass(frozen=True, slots=True)
class Where:
    """A file's name and positions: turns a JSON path into a Problem or a file:line:col."""

    file: str
    doc: YamlDocument

    def at(self, path: JsonPath, message: str, *, key: bool = False) -> Problem:
        line, col = self.doc.position(path, key=key)
        return Problem(self.file, line, col, message)

    def ref(self, path: JsonPath) -> str:
        line, col = self.doc.position(path)
        return f"{self.file}:{line}:{col}"


@dataclass(slots=True)
class FileFacts:
    """Schema-valid items of one file, even when other items of the file are invalid."""

    where: Where
    dataset: str | None
    defaults: Defaults | None  # None: the file's head failed the schema (already reported)
    sources: list[tuple[int, Source]] = field(default_factory=list)
    entities: list[tuple[int, Entity]] = field(default_factory=list)
    relations: list[tuple[int, Relation]] = field(default_factory=list)
    # ids of items that failed the schema: referencing them is not a *second* error
    broken_ids: set[str] = field(default_factory=set)
    broken_source_ids: set[str] = field(default_factory=set)

    _facts: list[tuple[JsonPath, Entity | Relation, Provenance]] | None = None

    @property
    def effective_defaults(self) -> Defaults:
        return self.defaults or Defaults()

    def facts(self) -> list[tuple[JsonPath, Entity | Relation, Provenance]]:
        """Every entity and relation with its path ("entities", i) / ("relations", i) and its
        provenance, worked out once for all the checks that need it."""
        if self._facts is None:
            d = self.effective_defaults
            found: list[tuple[JsonPath, Entity | Relation, Provenance]] = [
                (("entities", i), e, provenance(e, d)) for i, e in self.entities
            ]
            found += [(("relations", i), r, provenance(r, d)) for i, r in self.relations]
            self._facts = found
        return self._facts


def suggest(value: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    pool = list(dict.fromkeys(candidates))
    return difflib.get_close_matches(value, pool, n=n, cutoff=0.6)


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    hits = suggest(value, candidates)
    if not hits:
        return ""
    return "; did you mean " + " or ".join(f"'{h}'" for h in hits) + "?"
