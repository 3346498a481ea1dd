"""A dataset's own `sources_dir:`: its quotes are checked against the texts beside it, inside
that folder only; and `orggraph validate my.yaml` finds the project's vocabulary by itself.

Pure tests: no Neo4j (the CLI runs against a port nothing listens on)."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from loaders.validate import ValidationReport, validate_paths
from tests.support import DATA_DIR, ORGGRAPH, SOURCES_DIR, free_port

pytestmark = pytest.mark.reliability("crashes")

TEXT = "De korpsleiding bestaat uit de korpschef en twee luikverantwoordelijken.\n"

DATASET = """\
dataset: my-zone
sources_dir: {sources_dir}
defaults:
  source: my-text
sources:
  - id: my-text
    file: {file}
    title: Jaarverslag
    kind: annual report
entities:
  - id: my-zone-korpsleiding
    kind: Unit
    name: Korpsleiding
    quote: "De korpsleiding bestaat uit de korpschef"
"""


def own_dataset(
    folder: Path, *, sources_dir: str = "sources", file: str = "text.txt", text: str = TEXT
) -> Path:
    """A dataset `folder/my.yaml` whose text lies in `folder/sources/text.txt`."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "text.txt").write_text(text, encoding="utf-8")
    path = folder / "my.yaml"
    path.write_text(DATASET.format(sources_dir=sources_dir, file=file), encoding="utf-8")
    return path


def problems(report: ValidationReport) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in report.problems]


def test_own_sources_folder_is_where_quotes_are_checked(tmp_path: Path) -> None:
    path = own_dataset(tmp_path / "mine")
    # The global folder has no such text: the dataset's own folder is the one read.
    report = validate_paths([path], sources_dir=SOURCES_DIR)
    assert report.ok, report
    assert report.datasets[0].dataset.sources_dir == "sources"
    (tmp_path / "mine" / "sources" / "text.txt").write_text("Iets anders.\n", "utf-8")
    report = validate_paths([path], sources_dir=SOURCES_DIR)
    ((line, col, message),) = problems(report)
    assert (line, col) == (14, 12)
    assert message.startswith("quote not found in source my-text:")


def test_without_sources_dir_the_global_folder_is_used(tmp_path: Path) -> None:
    path = own_dataset(tmp_path / "mine")
    path.write_text(path.read_text(encoding="utf-8").replace("sources_dir: sources\n", ""), "utf-8")
    ((line, col, message),) = problems(validate_paths([path], sources_dir=tmp_path / "global"))
    assert (line, col) == (6, 11)  # the sources: entry; the global folder does not exist
    assert f"sources folder '{tmp_path / 'global'}' does not exist" in message
    (tmp_path / "global").mkdir()
    (tmp_path / "global" / "text.txt").write_text(TEXT, encoding="utf-8")
    assert validate_paths([path], sources_dir=tmp_path / "global").ok


def test_a_source_outside_the_own_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    path = own_dataset(folder, file="../secret.txt")
    (folder / "secret.txt").write_text(TEXT, encoding="utf-8")
    ((line, col, message),) = problems(validate_paths([path], sources_dir=SOURCES_DIR))
    assert (line, col) == (7, 11)
    assert message == (
        f"source file '../secret.txt' lies outside the sources folder {folder / 'sources'}; "
        "cite a document inside it"
    )


def test_a_symlink_out_of_the_own_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    path = own_dataset(folder, file="link.txt")
    (tmp_path / "elsewhere.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sources" / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    ((_, _, message),) = problems(validate_paths([path], sources_dir=SOURCES_DIR))
    assert "'link.txt' lies outside the sources folder" in message
    # A symlink that stays inside is followed.
    (folder / "sources" / "link.txt").unlink()
    (folder / "sources" / "link.txt").symlink_to(folder / "sources" / "text.txt")
    assert validate_paths([path], sources_dir=SOURCES_DIR).ok


def test_the_dataset_file_itself_is_refused_as_its_source(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    path = own_dataset(folder, sources_dir=".", file="my.yaml")
    ((line, col, message),) = problems(validate_paths([path], sources_dir=SOURCES_DIR))
    assert (line, col) == (7, 11)
    assert message == "source file 'my.yaml' is a dataset file; cite the original document"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("../elsewhere", "lies outside the dataset file's folder"),
        ("/etc", "must be a path relative to the dataset file"),
    ],
)
def test_sources_dir_must_stay_beside_the_file(tmp_path: Path, value: str, says: str) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "text.txt").write_text(TEXT, encoding="utf-8")
    path = own_dataset(tmp_path / "mine", sources_dir=value)
    for checked in (SOURCES_DIR, None):  # a refused folder is a data error, quotes or not
        ((line, col, message),) = problems(validate_paths([path], sources_dir=checked))
        assert (line, col) == (2, 14)
        assert says in message and f"'{value}'" in message


def test_a_missing_own_folder_is_one_problem_at_sources_dir(tmp_path: Path) -> None:
    path = own_dataset(tmp_path / "mine", sources_dir="texts")
    ((line, col, message),) = problems(validate_paths([path], sources_dir=SOURCES_DIR))
    assert (line, col) == (2, 14)
    assert "(this file's sources_dir) does not exist" in message
    assert "--no-quote-check" in message


def test_no_quote_check_still_skips_every_check(tmp_path: Path) -> None:
    path = own_dataset(tmp_path / "mine", sources_dir="texts")  # folder missing
    assert validate_paths([path], sources_dir=None).ok
    (tmp_path / "mine" / "sources" / "text.txt").write_text("Iets anders.\n", "utf-8")
    path = own_dataset(tmp_path / "mine", text="Iets anders.\n")  # quote missing
    assert validate_paths([path], sources_dir=None).ok


def test_own_and_global_sources_side_by_side(tmp_path: Path) -> None:
    """A dataset with its own folder citing a vocabulary entity whose source is global."""
    own = own_dataset(tmp_path / "mine")
    own.write_text(
        own.read_text(encoding="utf-8")
        + textwrap.dedent("""\
            relations:
              - type: PART_OF
                from: my-zone-korpsleiding
                to: federal-police
                quote: "De korpsleiding bestaat uit de korpschef"
            """),
        "utf-8",
    )
    report = validate_paths([own], sources_dir=SOURCES_DIR, context=[DATA_DIR / "vocab"])
    assert report.ok, report


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`orggraph` against a Neo4j that is not there: only files count as known."""
    env = dict(os.environ)
    env.update(
        ORGGRAPH_NEO4J_URI=f"bolt://127.0.0.1:{free_port()}",
        ORGGRAPH_NEO4J_PASSWORD="x",
    )
    env.pop("ORGGRAPH_DATA_DIR", None)
    env.pop("ORGGRAPH_SOURCES_DIR", None)
    return subprocess.run(
        [ORGGRAPH, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_validate_one_file_finds_the_project_vocabulary(tmp_path: Path) -> None:
    """A dataset outside the project, citing vocabulary ids, validates without naming
    data/vocab; the vocabulary's own problems stay hidden as before."""
    own = own_dataset(tmp_path / "mine")
    own.write_text(
        own.read_text(encoding="utf-8")
        + "relations:\n  - {type: PART_OF, from: my-zone-korpsleiding, to: federal-police,\n"
        + '     quote: "De korpsleiding bestaat uit de korpschef"}\n',
        "utf-8",
    )
    ran = cli("validate", str(own), cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "1 file valid" in ran.stdout
    assert f"({DATA_DIR / 'vocab'})" in ran.stderr  # the note names the vocabulary used
    own.write_text(own.read_text(encoding="utf-8").replace("federal-police", "federal-polic"))
    ran = cli("validate", str(own), cwd=tmp_path)
    assert ran.returncode == 1
    assert "unknown entity 'federal-polic'; did you mean 'federal-police'" in ran.stderr


# --- a whole folder: a dataset's own sources folder holds texts, not datasets ---------------

MINUTES = "dataset: geen-dataset\nverslag: De korpsleiding vergadert elke week.\n"


def test_a_folder_walk_skips_a_datasets_own_sources_folder(tmp_path: Path) -> None:
    """A .yaml or .json text kept in `sources/` is a source, never read as a dataset; it
    may be cited like any other text."""
    mine = own_dataset(tmp_path / "project" / "mine")
    (mine.parent / "sources" / "minutes.yaml").write_text(MINUTES, encoding="utf-8")
    (mine.parent / "sources" / "export.json").write_text('{"rows": []}\n', encoding="utf-8")
    other = tmp_path / "project" / "other.yaml"
    other.write_text("dataset: other\nentities: []\n", encoding="utf-8")
    report = validate_paths([tmp_path / "project"], sources_dir=None)
    assert report.ok, report
    assert sorted(report.files) == sorted([mine, other])
    # the YAML text is citable: its quote is checked against it
    mine.write_text(
        mine.read_text(encoding="utf-8").replace(
            "sources:\n",
            "sources:\n  - {id: minutes, file: minutes.yaml, title: Verslag, kind: minutes}\n",
        )
        + "  - id: my-zone-overleg\n    kind: Forum\n    name: Weekoverleg\n"
        + "    source: minutes\n    quote: De korpsleiding vergadert elke week.\n",
        "utf-8",
    )
    report = validate_paths([tmp_path / "project"], sources_dir=SOURCES_DIR)
    assert report.ok, report
    assert sorted(report.files) == sorted([mine, other])


def test_a_file_named_in_the_sources_folder_is_still_read(tmp_path: Path) -> None:
    """Only a folder walk skips: a file asked for by name is a dataset (and says why not)."""
    mine = own_dataset(tmp_path / "mine")
    minutes = mine.parent / "sources" / "minutes.yaml"
    minutes.write_text(MINUTES, encoding="utf-8")
    ((line, col, message),) = problems(validate_paths([minutes], sources_dir=None))
    assert (line, col, message) == (2, 1, "unknown key 'verslag'")


@pytest.mark.parametrize("sources_dir", [".", "../elsewhere", "texts"])
def test_only_an_own_subfolder_is_skipped(tmp_path: Path, sources_dir: str) -> None:
    """A sources_dir that is the file's own folder, a refused one or one that does not exist
    hides nothing; neither does a folder named sources that no dataset declares."""
    mine = own_dataset(tmp_path / "project", sources_dir=sources_dir)
    nested = tmp_path / "project" / "sources" / "nested.yaml"
    nested.write_text("dataset: nested\nentities: []\n", encoding="utf-8")
    report = validate_paths([tmp_path / "project"], sources_dir=None)
    assert sorted(report.files) == sorted([mine, nested])
    mine.write_text(mine.read_text(encoding="utf-8").replace(f"sources_dir: {sources_dir}\n", ""))
    assert sorted(validate_paths([tmp_path / "project"], sources_dir=None).files) == sorted(
        [mine, nested]
    )


def test_validate_a_folder_skips_its_datasets_sources(tmp_path: Path) -> None:
    """The CLI over a folder of one's own datasets: the texts beside each are not read."""
    mine = own_dataset(tmp_path / "project" / "mine")
    (mine.parent / "sources" / "minutes.yaml").write_text(MINUTES, encoding="utf-8")
    ran = cli("validate", str(tmp_path / "project"), cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "1 file valid" in ran.stdout
