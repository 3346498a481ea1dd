"""`orggraph draft`: a cited dataset drafted from an organisation's own text (loaders.draft).

`orggraph draft FILE… -o OUT` writes OUT/<dataset>.yaml per input and the cited texts in
OUT/sources; `orggraph draft --diff FILE DATASET` says what the text states that the dataset
does not (+) and the reverse (-). No database is needed for either.
"""

from __future__ import annotations

from pathlib import Path

import typer

from api.cli.output import echo, err, plural
from graph.errors import OrgGraphError


def draft_cmd(
    files: list[Path] = typer.Argument(
        ..., exists=True, dir_okay=False, help="documents (.txt .md .html .pdf .docx)"
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="folder for the drafts and their sources/ (created)"
    ),
    dataset: str | None = typer.Option(
        None, "--dataset", help="dataset id of the draft (one input only; default draft-<name>)"
    ),
    diff: bool = typer.Option(
        False,
        "--diff",
        help="FILE DATASET: what FILE now states that DATASET does not (+), and the reverse (-)",
    ),
) -> None:
    """Draft a dataset from documents: every fact quotes its text; review it, then load it
    (drafts are marked draft: true and load only with --accept-draft)."""
    if diff:
        _diff(files)
        return
    if output is None:
        raise OrgGraphError("give the folder for the drafts with -o OUT")
    if output.exists() and not output.is_dir():
        raise OrgGraphError(f"-o {output}: exists and is not a folder")
    from loaders.draft.write import write_drafts

    written = write_drafts(list(files), output, dataset=dataset)
    for w in written:
        ents, rels = w.draft.active()
        off = len(w.draft.entities) - len(ents) + len(w.draft.relations) - len(rels)
        echo(
            f"{w.dataset}: {plural(len(ents), 'entity', 'entities')}, "
            f"{plural(len(rels), 'relation')}, {off} commented out (source {w.source})"
        )
    echo(
        f"review, then: orggraph validate {output}/*.yaml; orggraph load --accept-draft …",
        to=err,
    )


def _diff(files: list[Path]) -> None:
    if len(files) != 2:
        raise OrgGraphError("--diff takes two files: the document and the dataset (FILE DATASET)")
    from loaders.draft.diff import diff_lines, side_of_dataset, side_of_draft
    from loaders.draft.write import draft_path

    doc, dataset = files
    lines = diff_lines(side_of_draft(draft_path(doc)), side_of_dataset(dataset))
    for line in lines:
        echo(line)
    echo(f"{plural(len(lines), 'difference')} ({doc} against {dataset})", to=err)
