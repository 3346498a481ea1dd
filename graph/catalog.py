"""The one catalog of every `.cypher` file orggraph ships, loaded and checked once.

Namespaced by folder, the aiosql way: `graph.*` (graph/cypher: version, counts, schema
bookkeeping), `loader.*` (loaders/cypher: writes, ownership, exports) and `library.*` (queries/:
the analysts' library, the names the CLI and the API show). The folders are named here as
paths, not imported: graph/ stays the ground floor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from graph.cypher import QueryDef, load_dir
from graph.errors import QueryError

Namespace = Literal["graph", "loader", "library"]

_ROOT = Path(__file__).resolve().parent.parent
FOLDERS: dict[Namespace, Path] = {
    "graph": _ROOT / "graph" / "cypher",
    "loader": _ROOT / "loaders" / "cypher",
    "library": _ROOT / "queries",
}


@dataclass(frozen=True)
class Catalog:
    by_namespace: dict[str, dict[str, QueryDef]]

    def namespace(self, ns: Namespace) -> dict[str, QueryDef]:
        """The queries of one folder by their file name (the library's public names)."""
        return self.by_namespace[ns]

    def get(self, qualified: str) -> QueryDef:
        """`'loader.upsert_entities'` → its query; an unknown name lists the valid ones."""
        ns, _, name = qualified.partition(".")
        queries = self.by_namespace.get(ns)
        if queries is None:
            raise QueryError(
                f"unknown query namespace {ns!r} in {qualified!r}; valid: "
                + ", ".join(self.by_namespace)
            )
        try:
            return queries[name]
        except KeyError:
            valid = ", ".join(sorted(queries))
            raise QueryError(f"unknown query {name!r}; valid queries: {valid}") from None


@cache
def catalog() -> Catalog:
    """Every folder parsed once per process; a header error names file:line on first use."""
    return Catalog({ns: load_dir(folder) for ns, folder in FOLDERS.items()})
