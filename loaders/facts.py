"""The schema-valid facts of one dataset file with their positions, as the checks see them.

Shared by the per-file reading (loaders.validate), the cross-file checks (loaders.crossref)
and the quote check (loaders.quotes): every problem they find points at file:line:col.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import Problem
from loaders.dataset import Defaults, Entity, Provenance, Relation, Source, provenance
from loaders.staffing import StaffingFigure, figure_provenance
from loaders.yamlsrc import JsonPath, YamlDocument

# What the checks of every fact see: entities, relations and the entities' staffing figures.
Fact = Entity | Relation | StaffingFigure


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
    # The file's own `sources_dir:` (unresolved, joined to the file's folder); None: the
    # global sources folder. A refused one is reported and its sources are not read.
    sources_dir: Path | None = None
    sources_dir_refused: bool = False
    sources: list[tuple[int, Source]] = field(default_factory=list)
    entities: list[tuple[int, Entity]] = field(default_factory=list)
    relations: list[tuple[int, Relation]] = field(default_factory=list)
    # ids of items that failed the schema: referencing them is not a *second* error
    broken_ids: set[str] = field(default_factory=set)
    broken_source_ids: set[str] = field(default_factory=set)
    # relation ends written as free text, not ids: (path, value, relation type); crossref
    # says what to do once it knows every id (a Task to create, or the id that was meant)
    free_text_ends: list[tuple[JsonPath, str, str | None]] = field(default_factory=list)

    _facts: list[tuple[JsonPath, Fact, Provenance]] | None = None

    @property
    def effective_defaults(self) -> Defaults:
        return self.defaults or Defaults()

    def facts(self) -> list[tuple[JsonPath, Fact, Provenance]]:
        """Every entity, staffing figure and relation with its path ("entities", i),
        ("entities", i, "staffing", j), ("relations", i) and its provenance, worked out once
        for all the checks that need it (so a figure's quote and source are checked as any)."""
        if self._facts is None:
            d = self.effective_defaults
            found: list[tuple[JsonPath, Fact, Provenance]] = [
                (("entities", i), e, provenance(e, d)) for i, e in self.entities
            ]
            found += [
                (("entities", i, "staffing", j), s, figure_provenance(s, p))
                for (i, e), (_, _, p) in zip(self.entities, found, strict=True)
                if e.staffing
                for j, s in enumerate(e.staffing)
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
