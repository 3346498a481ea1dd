"""CLI command for backups and standard formats: `orggraph export --format dataset|org-jsonld|
org-turtle|popolo|csv [--org ORG] DIR` (attached in api.cli.main; formats: loaders.formats)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from api.cli.driver import open_driver
from api.cli.output import echo, plural, warn


class ExportFormat(StrEnum):
    DATASET = "dataset"
    ORG_JSONLD = "org-jsonld"
    ORG_TURTLE = "org-turtle"
    POPOLO = "popolo"
    CSV = "csv"


def export_cmd(
    directory: Path = typer.Argument(..., help="directory to write the files into"),
    fmt: ExportFormat = typer.Option(
        ExportFormat.DATASET,
        "--format",
        help="dataset: one YAML dataset file per dataset; org-jsonld, org-turtle: W3C ORG; "
        "popolo: Popolo JSON; csv: one file per kind and relation type",
    ),
    org: str | None = typer.Option(
        None, "--org", help="only this organisation (id, name or abbreviation; not for dataset)"
    ),
) -> None:
    """Write the graph back to dataset YAML files (a backup `orggraph load DIR` restores), or
    export it (or one organisation) as W3C ORG, Popolo or CSV."""
    from loaders.export import export_datasets

    if org is not None and fmt is ExportFormat.DATASET:
        raise typer.BadParameter("a dataset backup is the whole graph", param_hint="--org")
    if fmt is not ExportFormat.DATASET:
        from api.cli.formats import export_standard

        export_standard(directory, fmt.value, org)
        return
    with open_driver() as (driver, settings):
        report = export_datasets(driver, directory, database=settings.neo4j_database)
    echo(
        f"exported {plural(len(report.files), 'dataset file')} to {directory}: "
        f"{plural(report.entities, 'entity', 'entities')}, "
        f"{plural(report.relations, 'relation')}, {plural(report.sources, 'source')}"
        + (f", {plural(len(report.texts), 'cited text')} beside them" if report.texts else "")
    )
    for missing in report.missing_texts:
        warn(f"cited text not copied: {missing}")
