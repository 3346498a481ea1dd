"""`orggraph export --format org-jsonld|org-turtle|popolo|csv` (called by api.cli.export) and
`orggraph import --format popolo|org-jsonld FILE -o DATASET.yaml` (attached in api.cli.main)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from api.cli.data import NoQuoteCheckOpt, SourcesOpt
from api.cli.driver import open_driver
from api.cli.output import echo, plural
from graph.errors import OrgGraphError
from graph.settings import get_settings
from loaders.formats import Format, export_format
from queries.resolve import resolve_id

MAX_REF_CHARS = 200


def export_standard(directory: Path, fmt: str, org: str | None) -> None:
    """Export the graph (or, `org`, one organisation's part of it) in a standard format."""
    if org is not None and len(org) > MAX_REF_CHARS:
        raise OrgGraphError(f"--org is {len(org)} characters long; at most {MAX_REF_CHARS}")
    with open_driver() as (driver, settings):
        db = settings.neo4j_database
        org_id = None if org is None else resolve_id(driver, org, database=db)
        report = export_format(driver, directory, Format(fmt), database=db, org=org_id)
    what = f" of {org_id}" if org_id else ""
    echo(
        f"exported {fmt}{what} to {directory}: {plural(len(report.files), 'file')}, "
        f"{plural(report.entities, 'entity', 'entities')}, {plural(report.relations, 'relation')}"
    )


class ImportFormat(StrEnum):
    POPOLO = "popolo"
    ORG_JSONLD = "org-jsonld"


def import_cmd(
    file: Path = typer.Argument(..., help="the Popolo JSON or ORG JSON-LD file to import"),
    fmt: ImportFormat = typer.Option(..., "--format", help="popolo or org-jsonld"),
    output: Path = typer.Option(..., "-o", "--output", help="the dataset YAML file to write"),
    dataset: str | None = typer.Option(
        None, "--dataset", help="the dataset's id (default: the file name, slugged)"
    ),
    sources: Path | None = SourcesOpt,
    no_quote_check: bool = NoQuoteCheckOpt,
) -> None:
    """Turn a Popolo or W3C ORG file into an orggraph dataset (validated; nothing is written
    when the file or the dataset it gives has a problem). Load it with `orggraph load`."""
    from loaders.formats.importer import import_file

    if dataset is not None and len(dataset) > MAX_REF_CHARS:
        raise OrgGraphError(f"--dataset is {len(dataset)} characters long; at most 200")
    sources_dir = None if no_quote_check else (sources or get_settings().sources_dir)
    report = import_file(file, Format(fmt.value), output, dataset=dataset, sources_dir=sources_dir)
    echo(
        f"imported {file} as dataset {report.dataset} into {output}: "
        f"{plural(report.entities, 'entity', 'entities')}, "
        f"{plural(report.relations, 'relation')}, {plural(report.sources, 'source')}"
    )
