"""The node budget: a view above it is trimmed level by level, deepest first, and the hidden
nodes are shown as counts on the node they hang from; a view still too big at its first level
is refused with a message asking for a narrower view (a browser asked to lay out thousands of
nodes freezes, which helps nobody)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graph.errors import ViewTooLarge
from viz.model import VizGraph


@dataclass(frozen=True)
class BudgetReport:
    original_nodes: int
    kept_nodes: int
    budget: int
    folded_from_level: int | None

    @property
    def message(self) -> str | None:
        return self.text("nl")

    def text(self, lang: str) -> str | None:
        """The banner in the page's language (nl, else English)."""
        if self.folded_from_level is None:
            return None
        hidden = self.original_nodes - self.kept_nodes
        if lang != "nl":
            return (
                f"This view has {self.original_nodes} nodes, more than the budget of "
                f"{self.budget}: {hidden} nodes from level {self.folded_from_level} on are "
                f"summarised as counts on the node above them (+N). Choose a narrower view "
                f"(e.g. less depth, or one unit) to see them."
            )
        return (
            f"Deze weergave telt {self.original_nodes} knopen, meer dan het budget van "
            f"{self.budget}: {hidden} knopen vanaf niveau {self.folded_from_level} zijn "
            f"samengevat als aantallen bij hun bovenliggende knoop (+N). Kies een smallere "
            f"weergave (bv. minder diepte of een eenheid) om ze te zien."
        )


def apply_budget(
    graph: VizGraph, budget: int, *, protect: frozenset[str] = frozenset()
) -> BudgetReport:
    """Fold the deepest level into counts until at most `budget` nodes remain (in place).
    Protected nodes (the root, a highlighted chain) are never folded. Raises ViewTooLarge when
    only the root and its first level would remain and that is still too many."""
    original = len(graph.nodes)
    if original <= budget:
        return BudgetReport(original, original, budget, None)
    keep_always = protect | {graph.root}
    folded_from: int | None = None
    while len(graph.nodes) > budget:
        foldable = [n for n in graph.nodes.values() if n.id not in keep_always]
        deepest = max((n.level for n in foldable), default=0)
        if deepest <= 1:
            raise ViewTooLarge(
                f"Deze weergave telt {original} knopen; zelfs samengevat tot het eerste niveau "
                f"blijven er {len(graph.nodes)} over, meer dan het budget van {budget} "
                f"(ORGGRAPH_VIZ_NODE_BUDGET). Vraag een smallere weergave: een eenheid in plaats "
                f"van de hele organisatie, of een kleinere diepte.",
                nodes=original,
                budget=budget,
            )
        drop = [n for n in foldable if n.level == deepest]
        dropped = {n.id for n in drop}
        for n in drop:
            anchor = n.parent
            if anchor is None or anchor in dropped or anchor not in graph.nodes:
                anchor = next(
                    (
                        o
                        for e in graph.edges
                        for o in ((e.target,) if e.source == n.id else (e.source,))
                        if (e.source == n.id or e.target == n.id)
                        and o not in dropped
                        and o in graph.nodes
                    ),
                    graph.root,
                )
            target = graph.nodes[anchor]
            target.collapsed = target.collapsed + Counter({n.kind: 1}) + n.collapsed
        graph.keep(nid for nid in graph.nodes if nid not in dropped)
        folded_from = deepest
    return BudgetReport(original, len(graph.nodes), budget, folded_from)
