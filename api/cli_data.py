"""CLI commands for datasets: schema, validate, load, load-hr."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from api.cli import app, err, open_driver, out
from graph.errors import ValidationFailed
from graph.settings import get_settings
from loaders.validate import validate_paths, write_json_schema

PathsArg = typer.Argument(..., help="dataset files or directories", exists=True)


def _sources(sources: Path | None) -> Path | None:
    if sources is not None:
        return sources
    default = get_settings().sources_dir
    return default if default.is_dir() else None


@app.command("schema")
def schema_cmd(
    output: Path = typer.Option(Path("data/dataset.schema.json"), "-o", "--output"),
) -> None:
    """Write the JSON Schema of the dataset format (editors validate and complete with it)."""
    write_json_schema(output)
    out.print(f"wrote {output}")


@app.command("validate")
def validate_cmd(
    paths: list[Path] = PathsArg,
    sources: Path | None = typer.Option(
        None, "--sources", help="source texts for quote checks (default ../shared/seeds)"
    ),
    stats: bool = typer.Option(False, "--stats", help="print the count of facts per seed"),
) -> None:
    """Check dataset files; report every problem at once as file:line:col: message."""
    report = validate_paths(paths, sources_dir=_sources(sources))
    if stats:
        table = Table("source", "facts", "entities", "relations", title="facts per source")
        st = report.stats()
        for name, c in sorted(st.by_source.items()):
            table.add_row(name, str(c.facts), str(c.entities), str(c.relations))
        out.print(table)
        ds_table = Table("dataset", "facts", "entities", "relations", title="facts per dataset")
        for name, c in sorted(st.by_dataset.items()):
            ds_table.add_row(name, str(c.facts), str(c.entities), str(c.relations))
        out.print(ds_table)
    if not report.ok:
        raise ValidationFailed(list(report.problems))
    out.print(f"{len(report.files)} file(s) valid")


@app.command("load")
def load_cmd(
    paths: list[Path] = PathsArg,
    dry_run: bool = typer.Option(False, "--dry-run", help="report changes, write nothing"),
    prune: bool = typer.Option(False, "--prune", help="remove facts a dataset no longer states"),
    sources: Path | None = typer.Option(None, "--sources", help="source texts for quote checks"),
    as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
) -> None:
    """Validate everything, then write each dataset in one transaction (idempotent)."""
    from loaders.load import load, summarise

    with open_driver() as (driver, settings), Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=err, transient=True,
    ) as bar:  # fmt: skip
        tasks: dict[str, TaskID] = {}

        def progress(dataset: str, done: int, total: int) -> None:
            if dataset not in tasks:
                tasks[dataset] = bar.add_task(dataset, total=total)
            bar.update(tasks[dataset], completed=done, total=max(total, done))

        report = load(
            driver,
            paths,
            database=settings.neo4j_database,
            sources_dir=_sources(sources),
            dry_run=dry_run,
            prune=prune,
            progress=progress,
        )
    if as_json:
        out.print_json(json.dumps(report.as_dict()))
        return
    for line in summarise(report):
        out.print(line, highlight=False)
    if dry_run:
        for d in report.datasets:
            for detail in d.details:
                out.print(f"  {d.dataset}: {detail}", highlight=False, markup=False)


@app.command("load-hr")
def load_hr_cmd(
    csv_file: Path = typer.Argument(..., exists=True, help="HR export: person,post,from,to"),
    dataset: str = typer.Option(..., "--dataset", help="dataset id that owns these facts"),
    source: str = typer.Option(..., "--source", help="Source id the export is cited as"),
    dry_run: bool = typer.Option(False, "--dry-run"),
) -> None:
    """Load an HR export of who holds which post (HOLDS edges), same guarantees as `load`."""
    from loaders.hr_csv import load_hr_csv
    from loaders.load import summarise

    with open_driver() as (driver, settings):
        report = load_hr_csv(
            driver, csv_file, dataset=dataset, source=source,
            database=settings.neo4j_database, dry_run=dry_run,
        )  # fmt: skip
    for line in summarise(report):
        out.print(line, highlight=False)
