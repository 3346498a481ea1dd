"""CLI commands for datasets: schema, validate, load, load-hr."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from api.cli import app, err, open_driver, out
from graph.errors import OrgGraphError, ValidationFailed
from graph.settings import get_settings
from loaders.validate import json_schema, validate_paths

PathsArg = typer.Argument(..., help="dataset files or directories", exists=True)
SourcesOpt = typer.Option(
    None,
    "--sources",
    help="folder of the cited documents for quote checks (default: ORGGRAPH_SOURCES_DIR, "
    "else data/sources of the project)",
)
NoQuoteCheckOpt = typer.Option(
    False,
    "--no-quote-check",
    help="do not check quotes against their source documents (prints a warning every run)",
)


def _sources(sources: Path | None, no_quote_check: bool) -> Path | None:
    """The folder quotes are checked against; None only when the user asked for it."""
    if no_quote_check:
        err.print(
            "warning: --no-quote-check: quotes are NOT checked against their source documents",
            style="yellow",
            markup=False,
            highlight=False,
        )
        return None
    return sources if sources is not None else get_settings().sources_dir


class PhaseLog:
    """Progress of validate/plan/write: a bar per phase on a terminal, else one line per
    phase with its timing on stderr (so a log of a long load shows where it spent time)."""

    def __init__(self, progress: Progress | None) -> None:
        self.bar = progress
        self.tasks: dict[str, TaskID] = {}
        self.totals: dict[str, int] = {}
        self.started: dict[str, float] = {}

    def begin(self, phase: str, total: int) -> None:
        self.totals[phase] = total
        self.started[phase] = time.perf_counter()
        if self.bar is not None:
            self.tasks[phase] = self.bar.add_task(phase, total=total or None)

    def advance(self, phase: str, done: int, total: int) -> None:
        self.totals[phase] = total
        if self.bar is not None and phase in self.tasks:
            self.bar.update(self.tasks[phase], completed=done, total=total)

    def end(self, phase: str, seconds: float) -> None:
        if self.bar is not None and phase in self.tasks:
            self.bar.update(self.tasks[phase], completed=self.totals.get(phase, 0))
            self.bar.remove_task(self.tasks.pop(phase))
        unit = "files" if phase == "validate" else "datasets"
        n = self.totals.get(phase, 0)
        err.print(f"{phase}: {n} {unit} in {seconds:.2f} s", highlight=False, markup=False)


@contextmanager
def phase_log() -> Iterator[PhaseLog]:
    if not err.is_terminal:
        yield PhaseLog(None)
        return
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=err, transient=True,
    ) as bar:  # fmt: skip
        yield PhaseLog(bar)


@app.command("schema")
def schema_cmd(
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        help="file to write, or - for standard output (default: the project's "
        "data/dataset.schema.json)",
    ),
) -> None:
    """Write the JSON Schema of the dataset format (editors validate and complete with it)."""
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is not None and str(output) == "-":
        sys.stdout.write(text)
        return
    target = output if output is not None else get_settings().data_dir / "dataset.schema.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as e:
        raise OrgGraphError(
            f"cannot write the schema to {target}: {e.strerror}; give another file with -o"
        ) from e
    out.print(f"wrote {target}", highlight=False, markup=False)


def _editing_context(paths: list[Path]) -> tuple[list[Path], set[str], str | None]:
    """When single files (not the whole data folder) are validated, the shared vocabulary
    and the ids already in the database (when it answers) count as known, as `load` does."""
    settings = get_settings()
    data = settings.data_dir.resolve()
    if any(p.is_dir() and data.is_relative_to(p.resolve()) for p in paths):
        return [], set(), None
    vocab = settings.data_dir / "vocab"
    context = [vocab] if vocab.is_dir() else []
    from graph.db import create_driver
    from graph.server import resolve_connection
    from loaders.load import known_ids

    try:
        conn = resolve_connection(settings, start=False)
        driver = create_driver(conn)
    except OrgGraphError:
        return context, set(), "database not reachable: only ids of data/vocab count as known"
    try:
        ids = known_ids(driver, database=settings.neo4j_database)
    except OrgGraphError:
        return context, set(), "database not reachable: only ids of data/vocab count as known"
    finally:
        driver.close()
    return context, ids, f"{len(ids)} ids in the database at {conn.uri} count as known"


@app.command("validate")
def validate_cmd(
    paths: list[Path] = PathsArg,
    sources: Path | None = SourcesOpt,
    no_quote_check: bool = NoQuoteCheckOpt,
    stats: bool = typer.Option(False, "--stats", help="print the count of facts per source"),
) -> None:
    """Check dataset files; report every problem at once, one per line, as
    file:line:col: message. Writes nothing."""
    sources_dir = _sources(sources, no_quote_check)
    context, known, note = _editing_context(paths)
    if note:
        err.print(note, highlight=False, markup=False)
    with phase_log() as phases:
        t0 = time.perf_counter()
        phases.begin("validate", 0)
        report = validate_paths(
            paths,
            sources_dir=sources_dir,
            known_ids=known,
            context=context,
            progress=lambda done, total: phases.advance("validate", done, total),
        )
        phases.end("validate", time.perf_counter() - t0)
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
        n = len(report.problems)
        raise ValidationFailed(
            list(report.problems), f"{n} problem{'s' if n != 1 else ''} in {len(report.files)} "
            f"file{'s' if len(report.files) != 1 else ''}",
        )  # fmt: skip
    n = len(report.files)
    out.print(f"{n} file{'s' if n != 1 else ''} valid", highlight=False, markup=False)


@app.command("load")
def load_cmd(
    paths: list[Path] = PathsArg,
    dry_run: bool = typer.Option(False, "--dry-run", help="report changes, write nothing"),
    prune: bool = typer.Option(False, "--prune", help="remove facts a dataset no longer states"),
    sources: Path | None = SourcesOpt,
    no_quote_check: bool = NoQuoteCheckOpt,
    as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
) -> None:
    """Validate everything, then write each dataset in one transaction (idempotent)."""
    from loaders.load import load, summarise

    sources_dir = _sources(sources, no_quote_check)
    with open_driver() as (driver, settings), phase_log() as phases:
        report = load(
            driver,
            paths,
            database=settings.neo4j_database,
            sources_dir=sources_dir,
            dry_run=dry_run,
            prune=prune,
            phases=phases,
        )
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    for line in summarise(report):
        out.print(line, highlight=False, markup=False)
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
        out.print(line, highlight=False, markup=False)
