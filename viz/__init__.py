"""Interactive, self-contained visualisations (pyvis / vis-network) of `graph_*` query rows.

Pure HTML building: the callers (API router, CLI) run the queries and pass the rows in; viz
stands on graph/ only and never opens a session. See docs/architecture.md.
"""

from graph.errors import NothingToShow, ViewTooLarge
from viz.render import landing_html, message_html
from viz.views import (
    VizPage,
    chain_page,
    hierarchy_page,
    neighbourhood_page,
    partner_page,
    path_page,
)

__all__ = [
    "NothingToShow",
    "ViewTooLarge",
    "VizPage",
    "chain_page",
    "hierarchy_page",
    "landing_html",
    "message_html",
    "neighbourhood_page",
    "partner_page",
    "path_page",
]
