"""`orggraph viz organisation|entity|partners|chain ID -o FILE.html`: a self-contained page that
opens offline (vis-network inlined, nothing loaded from the network)."""

from __future__ import annotations

from pathlib import Path

import typer

from api.cli.driver import open_driver
from api.cli.output import echo, err, fail
from api.viz_views import View, build_view
from graph.files import write_private

viz_app = typer.Typer(
    help="Write an interactive, self-contained HTML visualisation (opens offline).",
    no_args_is_help=True,
)
OUTPUT = typer.Option(..., "--output", "-o", help="HTML file to write", dir_okay=False)
BUDGET = typer.Option(
    None, "--budget", help="node budget (default ORGGRAPH_VIZ_NODE_BUDGET, 500)", min=1
)


def _write(view: View, ref: str, output: Path, *, depth: int = 1, budget: int | None) -> None:
    with open_driver() as (driver, settings):
        page = build_view(
            driver,
            view,
            ref,
            database=settings.neo4j_database,
            budget=budget or settings.viz_node_budget,
            depth=depth,
            timeout_s=settings.cypher_timeout_s,
        )
    if page.refused:
        raise fail(page.message or "the view is too large for the node budget")
    if output.exists() and not output.is_file():  # /dev/null, a pipe: write through it
        with output.open("w", encoding="utf-8") as f:
            f.write(page.html)
    else:
        write_private(output, page.html)  # mode 0600: the page holds the graph's data
    if page.message:
        echo(page.message, to=err)
    echo(f"wrote {output} ({page.nodes} nodes, {page.edges} edges; root {page.root})")


@viz_app.command("organisation")
def viz_organisation(
    id: str = typer.Argument(..., help="organisation (or unit) id, name or abbreviation"),
    output: Path = OUTPUT,
    budget: int | None = BUDGET,
) -> None:
    """Organigram: organisation → units → posts → holders; planned structures dashed."""
    _write("organisation", id, output, budget=budget)


@viz_app.command("entity")
def viz_entity(
    id: str = typer.Argument(..., help="entity id, name or abbreviation"),
    depth: int = typer.Option(1, "--depth", "-d", min=1, max=3, help="hops (1-3)"),
    output: Path = OUTPUT,
    budget: int | None = BUDGET,
) -> None:
    """Neighbourhood of any entity, 1 to 3 hops."""
    _write("entity", id, output, depth=depth, budget=budget)


@viz_app.command("partners")
def viz_partners(
    id: str = typer.Argument(..., help="organisation id, name or abbreviation"),
    output: Path = OUTPUT,
    budget: int | None = BUDGET,
) -> None:
    """Partner network: internal posts/units and the bodies and forums they work with."""
    _write("partners", id, output, budget=budget)


@viz_app.command("chain")
def viz_chain(
    id: str = typer.Argument(..., help="post id, name or abbreviation"),
    output: Path = OUTPUT,
    budget: int | None = BUDGET,
) -> None:
    """Chain of command of a post, highlighted in its organisation's hierarchy."""
    _write("chain", id, output, budget=budget)
