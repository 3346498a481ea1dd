"""CLI commands for datasets: schema, validate, load, load-hr (attached in api.cli.main)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from api.cli.driver import open_driver
from api.cli.output import FORMAT_OPTION, Format, echo, err, plural, print_rows, warn
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
        warn("--no-quote-check: quotes are NOT checked against their source documents")
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
        unit = "file" if phase == "validate" else "dataset"
        echo(f"{phase}: {plural(self.totals.get(phase, 0), unit)} in {seconds:.2f} s", to=err)


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
    echo(f"wrote {target}")


def _editing_context(paths: list[Path]) -> tuple[list[Path], set[str], str | None]:
    """When single files are validated (the file one is editing, not a whole data folder),
    the vocabulary and the ids already in the database (when it answers) count as known, as
    they do for `load`. The vocabulary is the nearest `vocab/` folder in or above the file's
    folder, else the project's (ORGGRAPH_DATA_DIR/vocab): a user's own dataset anywhere on
    disk cites the shared vocabulary without naming it."""
    if any(p.is_dir() for p in paths):
        return [], set(), None  # a folder is a complete set of datasets
    settings = get_settings()
    context: list[Path] = []
    for f in paths:
        found = next(
            (d / "vocab" for d in f.resolve().parents if (d / "vocab").is_dir()),
            settings.data_dir / "vocab",
        )
        if found.is_dir() and found not in context:
            context.append(found)
    from graph.connection import connection_from_settings
    from graph.db import connected
    from loaders.load import known_ids

    try:
        conn = connection_from_settings(settings, start=False)
        with connected(conn) as driver:
            ids = known_ids(driver, database=settings.neo4j_database)
    except OrgGraphError:
        where = ", ".join(str(c) for c in context) if context else "no vocabulary folder found"
        note = f"database not reachable: only the files' own ids and the vocabulary count ({where})"
        return context, set(), note
    return context, ids, f"{len(ids)} ids in the database at {conn.uri} count as known"


def validate_cmd(
    paths: list[Path] = PathsArg,
    sources: Path | None = SourcesOpt,
    no_quote_check: bool = NoQuoteCheckOpt,
    stats: bool = typer.Option(False, "--stats", help="print the count of facts per source"),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Check dataset files; report every problem at once, one per line, as
    file:line:col: message. Writes nothing."""
    sources_dir = _sources(sources, no_quote_check)
    context, known, note = _editing_context(paths)
    if note:
        echo(note, to=err)
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
    for w in report.warnings:  # loaded anyway: printed, never an exit code
        echo(f"{w.file}:{w.line}:{w.col}: warning: {w.message}", to=err)
    if stats:
        st = report.stats()
        for what, counts in (("source", st.by_source), ("dataset", st.by_dataset)):
            rows = [
                {what: name, "facts": c.facts, "entities": c.entities, "relations": c.relations}
                for name, c in sorted(counts.items())
            ]
            if fmt == Format.TABLE:
                echo(f"facts per {what}")
            print_rows(rows, fmt, [what, "facts", "entities", "relations"])
    if not report.ok:
        raise ValidationFailed(
            list(report.problems),
            f"{plural(len(report.problems), 'problem')} in {plural(len(report.files), 'file')}",
        )
    echo(f"{plural(len(report.files), 'file')} valid")


def load_cmd(
    paths: list[Path] = PathsArg,
    dry_run: bool = typer.Option(False, "--dry-run", help="report changes, write nothing"),
    prune: bool = typer.Option(False, "--prune", help="remove facts a dataset no longer states"),
    sources: Path | None = SourcesOpt,
    no_quote_check: bool = NoQuoteCheckOpt,
    as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
    accept_draft: bool = typer.Option(
        False,
        "--accept-draft",
        help="load datasets marked draft: true (orggraph draft) without review",
    ),
    initial: bool = typer.Option(
        False,
        "--initial",
        help="first load into an EMPTY local database: the same validation, then Neo4j's bulk "
        "importer (the local server is stopped and started again)",
    ),
) -> None:
    """Validate everything, then write each dataset in one transaction (idempotent).
    Drafts (draft: true) are refused unless --accept-draft. --initial writes into an empty
    local database through neo4j-admin's importer instead (README: "The first load")."""
    from loaders.bulk import initial_load, initial_server
    from loaders.load import load, summarise

    if initial and (dry_run or prune):
        raise typer.BadParameter("--initial writes everything; leave out --dry-run and --prune")
    sources_dir = _sources(sources, no_quote_check)
    server = initial_server(get_settings()) if initial else None  # refused before anything
    with open_driver() as (driver, settings), phase_log() as phases:
        if server is not None:
            report = initial_load(
                server, driver, paths, database=settings.neo4j_database,
                sources_dir=sources_dir, phases=phases, accept_draft=accept_draft,
            )  # fmt: skip
        else:
            report = load(
                driver,
                paths,
                database=settings.neo4j_database,
                sources_dir=sources_dir,
                dry_run=dry_run,
                prune=prune,
                phases=phases,
                accept_draft=accept_draft,
            )
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    for line in summarise(report):
        echo(line)
    if initial:
        t = report.timings
        echo(f"initial load: {t['write_s'] + t['validate_s']:.1f} s (" + ", ".join(
            f"{k.removesuffix('_s')} {v:.1f} s" for k, v in t.items() if k != "write_s"
        ) + ")")  # fmt: skip
    if dry_run:
        for d in report.datasets:
            for detail in d.details:
                echo(f"  {d.dataset}: {detail}")


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
        echo(line)
