"""CLI command for backups: `orggraph export --format dataset DIR` (attached in api.cli.main)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from api.cli.driver import open_driver
from api.cli.output import echo, plural


class ExportFormat(StrEnum):
    DATASET = "dataset"


def export_cmd(
    directory: Path = typer.Argument(..., help="directory to write the files into"),
    fmt: ExportFormat = typer.Option(
        ExportFormat.DATASET, "--format", help="dataset: one YAML dataset file per dataset"
    ),
) -> None:
    """Write the graph back to dataset YAML files (a backup `orggraph load DIR` restores)."""
    from loaders.export import export_datasets

    with open_driver() as (driver, settings):
        report = export_datasets(driver, directory, database=settings.neo4j_database)
    echo(
        f"exported {plural(len(report.files), 'dataset file')} to {directory}: "
        f"{plural(report.entities, 'entity', 'entities')}, "
        f"{plural(report.relations, 'relation')}, {plural(report.sources, 'source')}"
    )
