"""The graph a view draws: nodes and edges parsed from a `graph_*` query row.

Pure data, no database and no HTML: the query row (``{root, nodes, edges}``) becomes a
`VizGraph` whose nodes carry a `level` (distance from the view's root, used by the hierarchical
layout, the depth control and the node budget) and a `parent` (the node a collapsed node is
counted at).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.placement import PLACEMENT_PROPS

# Node properties that are bookkeeping, not facts: never shown.
HIDDEN_PROPS = frozenset({"search_text", "content_hash"}) | PLACEMENT_PROPS
# Edge types that make up an organigram: (child → parent) semantics for the layout.
TREE_EDGES = frozenset({"PART_OF", "LEADS", "HOLDS", "TAKES_ROLE"})


def jsonable(value: Any) -> Any:
    """Neo4j temporal values, tuples and the like → JSON-ready values (dates as ISO text)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    iso = getattr(value, "iso_format", None)
    if callable(iso):
        return str(iso())
    return str(value)


class _Fact:
    """A node or edge: a fact of the graph, current unless its props say otherwise."""

    props: dict[str, Any]

    @property
    def status(self) -> str:
        return str(self.props.get("status") or "current")


@dataclass
class VizNode(_Fact):
    id: str
    kind: str
    name: str
    props: dict[str, Any]
    level: int = 0
    parent: str | None = None
    highlight: bool = False
    collapsed: Counter[str] = field(default_factory=Counter)


@dataclass
class VizEdge(_Fact):
    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any]
    highlight: bool = False


@dataclass
class VizGraph:
    root: str
    nodes: dict[str, VizNode]
    edges: list[VizEdge]

    def neighbours(self) -> dict[str, list[tuple[VizEdge, str]]]:
        adj: dict[str, list[tuple[VizEdge, str]]] = {nid: [] for nid in self.nodes}
        for e in self.edges:
            adj[e.source].append((e, e.target))
            adj[e.target].append((e, e.source))
        return adj

    def keep(self, node_ids: Iterable[str]) -> None:
        """Drop every node not in `node_ids` and the edges that touch a dropped node."""
        wanted = set(node_ids)
        self.nodes = {k: v for k, v in self.nodes.items() if k in wanted}
        self.edges = [e for e in self.edges if e.source in wanted and e.target in wanted]

    @property
    def max_level(self) -> int:
        return max((n.level for n in self.nodes.values()), default=0)


def _node(raw: Mapping[str, Any]) -> VizNode:
    props = {k: jsonable(v) for k, v in raw.items() if k not in HIDDEN_PROPS and v is not None}
    node_id = str(props.get("id", ""))
    return VizNode(
        id=node_id,
        kind=str(props.get("kind") or "Entity"),
        name=str(props.get("name") or node_id),
        props=props,
    )


def _edge(raw: Mapping[str, Any]) -> VizEdge:
    props = {k: jsonable(v) for k, v in dict(raw.get("props") or {}).items() if v is not None}
    if raw.get("source_title"):
        props["source_title"] = str(raw["source_title"])
    return VizEdge(
        id=str(raw.get("id") or props.get("id") or f"{raw['from']}--{raw['type']}--{raw['to']}"),
        type=str(raw["type"]),
        source=str(raw["from"]),
        target=str(raw["to"]),
        props=props,
    )


def graph_from_row(row: Mapping[str, Any]) -> VizGraph:
    """One `graph_*` query row → a VizGraph; duplicate nodes/edges (by id) are merged and
    edges whose endpoints are missing are dropped."""
    root = dict(row.get("root") or {})
    nodes: dict[str, VizNode] = {}
    for raw in row.get("nodes") or []:
        n = _node(raw)
        if n.id and n.id not in nodes:
            nodes[n.id] = n
    root_id = str(root.get("id") or next(iter(nodes), ""))
    if root_id and root_id not in nodes and root:
        nodes = {root_id: _node(root), **nodes}
    edges: list[VizEdge] = []
    seen: set[str] = set()
    for raw in row.get("edges") or []:
        e = _edge(raw)
        if e.id in seen or e.source not in nodes or e.target not in nodes:
            continue
        seen.add(e.id)
        edges.append(e)
    return VizGraph(root=root_id, nodes=nodes, edges=edges)


def merge(base: VizGraph, extra: VizGraph) -> VizGraph:
    """`base` plus the nodes and edges of `extra` it lacks (root of `base` kept)."""
    nodes = dict(base.nodes)
    for nid, n in extra.nodes.items():
        nodes.setdefault(nid, n)
    ids = {e.id for e in base.edges}
    edges = list(base.edges) + [e for e in extra.edges if e.id not in ids]
    return VizGraph(root=base.root, nodes=nodes, edges=edges)


def assign_tree_levels(graph: VizGraph) -> None:
    """Levels for an organigram: BFS down from the root over PART_OF / LEADS / HOLDS /
    TAKES_ROLE taken as child → parent (a unit sits under what it is part of, a post under
    what it leads, a person under the post held). Nodes reached otherwise are placed next to
    a placed neighbour: above what reports to them or is part of / led by them, else one level
    below. The
    smallest level is shifted to 0."""
    children: dict[str, list[str]] = {nid: [] for nid in graph.nodes}
    for e in graph.edges:
        if e.type in TREE_EDGES:
            children[e.target].append(e.source)
    level: dict[str, int] = {}
    parent: dict[str, str | None] = {}
    if graph.root in graph.nodes:
        level[graph.root] = 0
        parent[graph.root] = None
        queue = deque([graph.root])
        while queue:
            cur = queue.popleft()
            for child in children[cur]:
                if child not in level:
                    level[child] = level[cur] + 1
                    parent[child] = cur
                    queue.append(child)
    adj = graph.neighbours()
    changed = True
    while changed and len(level) < len(graph.nodes):
        changed = False
        for nid in graph.nodes:
            if nid in level:
                continue
            for e, other in adj[nid]:
                if other not in level:
                    continue
                above = e.type == "REPORTS_TO" or e.type in TREE_EDGES
                if above and e.target == nid:
                    level[nid] = level[other] - 1
                else:
                    level[nid] = level[other] + 1
                parent[nid] = other
                changed = True
                break
    fallback = max(level.values(), default=0) + 1
    low = min(level.values(), default=0)
    for nid, n in graph.nodes.items():
        n.level = level.get(nid, fallback) - min(low, 0)
        n.parent = parent.get(nid)


def assign_given_levels(graph: VizGraph, prop: str) -> None:
    """Levels from a node property the query computed (e.g. `depth` of the neighbourhood);
    the parent is a neighbour one level closer to the root."""
    for n in graph.nodes.values():
        raw = n.props.get(prop)
        n.level = int(raw) if isinstance(raw, int | float) else (0 if n.id == graph.root else 1)
    adj = graph.neighbours()
    for n in graph.nodes.values():
        n.parent = next(
            (o for _, o in adj[n.id] if graph.nodes[o].level == n.level - 1),
            None,
        )
