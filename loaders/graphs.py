"""Strongly connected components, the one implementation the loader and the validator share.

The validator reports a cycle per component (PART_OF, REPORTS_TO); the loader writes datasets
that reference each other in a cycle in one transaction, dependencies first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def strongly_connected(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Components of `graph` (node -> successors; a node missing as a key has none), each
    sorted, in Tarjan's order: a component comes after every component it reaches, so
    dependencies come first. Roots are tried in sorted order and successors in the given
    order, which makes the result deterministic. Iterative: no recursion limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, ())
            if pos < len(edges):
                work.append((node, pos + 1))
                nxt = edges[pos]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                comp: list[str] = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                components.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components
