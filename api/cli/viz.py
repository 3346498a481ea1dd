"""`orggraph viz organisation|entity|partners|chain ID -o FILE.html` and `orggraph viz path A B
-o FILE.html`: a self-contained page that opens offline (vis-network inlined, nothing loaded from
the network), with the same options as the /viz pages (`--org`, `--lang`, `--as-of`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import typer

from api.cli.driver import open_driver
from api.cli.output import echo, err, fail
from api.viz_views import View, build_path, build_view
from graph.files import write_private
from viz import VizPage

viz_app = typer.Typer(
    help="Write an interactive, self-contained HTML visualisation (opens offline).",
    no_args_is_help=True,
)
OUTPUT = typer.Option(..., "--output", "-o", help="HTML file to write", dir_okay=False)
BUDGET = typer.Option(
    None, "--budget", help="node budget (default ORGGRAPH_VIZ_NODE_BUDGET, 500)", min=1
)
ORG = typer.Option(
    None, "--org", help="resolve names within this organisation (id, name or abbreviation)"
)
LANG = typer.Option("nl", "--lang", help="page language: nl or en")
AS_OF = typer.Option(
    None, "--as-of", help="show the posts' holders on this date (YYYY-MM-DD; default today)"
)
Lang = Literal["nl", "en"]


def _lang(value: str) -> Lang:
    if value not in ("nl", "en"):
        raise typer.BadParameter(f"{value!r}: give nl or en", param_hint="--lang")
    return "nl" if value == "nl" else "en"


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r}: give a date as YYYY-MM-DD", param_hint="--as-of"
        ) from None


def _write(
    view: View,
    ref: str,
    output: Path,
    *,
    depth: int = 1,
    budget: int | None,
    org: str | None = None,
    lang: str = "nl",
    as_of: str | None = None,
) -> None:
    language, day = _lang(lang), _date(as_of)
    with open_driver() as (driver, settings):
        page = build_view(
            driver,
            view,
            ref,
            database=settings.neo4j_database,
            budget=budget or settings.viz_node_budget,
            depth=depth,
            timeout_s=settings.cypher_timeout_s,
            lang=language,
            as_of=day,
            org=org,
        )
    _save(page, output)


def _save(page: VizPage, output: Path) -> None:
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
    org: str | None = ORG,
    lang: str = LANG,
    as_of: str | None = AS_OF,
) -> None:
    """Org chart: organisation → units → posts (cards with holder and rank); planned dashed."""
    _write("organisation", id, output, budget=budget, org=org, lang=lang, as_of=as_of)


@viz_app.command("entity")
def viz_entity(
    id: str = typer.Argument(..., help="entity id, name or abbreviation"),
    depth: int = typer.Option(1, "--depth", "-d", min=1, max=3, help="hops (1-3)"),
    output: Path = OUTPUT,
    budget: int | None = BUDGET,
    org: str | None = ORG,
    lang: str = LANG,
) -> None:
    """Neighbourhood of any entity, 1 to 3 hops."""
    _write("entity", id, output, depth=depth, budget=budget, org=org, lang=lang)


@viz_app.command("partners")
def viz_partners(
    id: str = typer.Argument(..., help="organisation id, name or abbreviation"),
    output: Path = OUTPUT,
    budget: int | None = BUDGET,
    org: str | None = ORG,
    lang: str = LANG,
) -> None:
    """Partner network: internal posts/units and the bodies and forums they work with."""
    _write("partners", id, output, budget=budget, org=org, lang=lang)


@viz_app.command("chain")
def viz_chain(
    id: str = typer.Argument(..., help="post id, name or abbreviation"),
    output: Path = OUTPUT,
    budget: int | None = BUDGET,
    org: str | None = ORG,
    lang: str = LANG,
    as_of: str | None = AS_OF,
) -> None:
    """Chain of command of a post as a ladder, its organisation faded behind it."""
    _write("chain", id, output, budget=budget, org=org, lang=lang, as_of=as_of)


@viz_app.command("path")
def viz_path(
    start: str = typer.Argument(..., help="from: entity id, name or abbreviation"),
    end: str = typer.Argument(..., help="to: entity id, name or abbreviation"),
    output: Path = OUTPUT,
    org: str | None = ORG,
    lang: str = LANG,
    as_of: str | None = AS_OF,
    include_planned: bool = typer.Option(
        False, "--include-planned", help="also follow planned relations"
    ),
) -> None:
    """How two entities are connected, drawn step by step (the path_between query)."""
    language, day = _lang(lang), _date(as_of)
    with open_driver() as (driver, settings):
        page = build_path(
            driver,
            start,
            end,
            database=settings.neo4j_database,
            timeout_s=settings.cypher_timeout_s,
            lang=language,
            as_of=day,
            include_planned=include_planned,
            org=org,
        )
    _save(page, output)
