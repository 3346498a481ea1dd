"""CLI output through pipes, narrow terminals and hostile data: `orggraph` run as a subprocess.

One problem per physical line at COLUMNS=60 in a pipe; names holding ANSI escapes or Rich
markup print as visible text in tables, records, on a terminal and in CSV.
"""

from __future__ import annotations

import errno
import os
import pty
import re
import subprocess
import textwrap
from pathlib import Path

import pytest
from neo4j import Driver

from loaders.load import load
from tests.support import DATABASE, ORGGRAPH

PROBLEM = re.compile(r"^.+:\d+:\d+: .+$")
EVIL_NAME = "Evilzone \x1b[31mRED\x1b[0m [bold]x[/bold] [link=file:///etc/passwd]l[/link]"
VISIBLE = ("\\x1b[31mRED\\x1b[0m", "[bold]x[/bold]", "[link=file:///etc/passwd]l[/link]")


def cli(
    env: dict[str, str], *args: str, columns: int = 60, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ORGGRAPH, *args],
        env={**env, "COLUMNS": str(columns)},
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write_tiny_dataset(root: Path) -> tuple[Path, Path]:
    """A sources folder and a data folder with one hostile organisation and a unit in it."""
    seeds, data = root / "seeds", root / "data"
    seeds.mkdir(parents=True)
    data.mkdir()
    (seeds / "s.txt").write_text("Alpha unit text. Beta text.\n", encoding="utf-8")
    (data / "sources.yaml").write_text(
        "dataset: sources\nsources:\n  - id: src\n    file: s.txt\n    title: S\n"
        "    kind: web page\n",
        encoding="utf-8",
    )
    (data / "evil.yaml").write_text(
        textwrap.dedent(
            """\
            dataset: evil
            defaults:
              source: src
            entities:
              - id: evil
                kind: Organisation
                name: "Evilzone \\e[31mRED\\e[0m [bold]x[/bold] [link=file:///etc/passwd]l[/link]"
                quote: Alpha unit text
                props: {org_type: police_zone}
              - id: evil-unit
                kind: Unit
                name: Beta
                quote: Beta text
            relations:
              - type: PART_OF
                from: evil-unit
                to: evil
                quote: Beta text
            """
        ),
        encoding="utf-8",
    )
    return data, seeds


@pytest.fixture
def hostile(db: Driver, tmp_path: Path) -> Driver:
    data, seeds = write_tiny_dataset(tmp_path)
    load(db, [data], database=DATABASE, sources_dir=seeds)
    return db


BROKEN = """\
dataset: broken
defaults:
  source: nosuchsource
entities:
  - id: a-unit
    kind: Unitt
    name: A unit whose name is long enough to pass sixty columns by itself, surely
    quote: Alpha unit text
    colour: red
  - id: b-post
    kind: Post
    name: B
    quote: Alpha unit text
relations:
  - type: PART_OF
    from: b-post
    to: "a-unti\\e[31m[bold]x[/bold]"
    quote: Alpha unit text
"""


def test_validate_problems_stay_one_per_line_at_60_columns_in_a_pipe(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    res = cli(cli_env, "validate", str(bad), columns=60)
    assert res.returncode == 1, res.stdout + res.stderr
    lines = res.stderr.splitlines()
    problems = [line for line in lines if line.startswith(str(bad))]
    assert len(problems) >= 4, res.stderr
    assert all(PROBLEM.match(line) for line in problems), problems
    summary = [line for line in lines if line.startswith("error: ")]
    assert len(summary) == 1 and summary[0].startswith(f"error: {len(problems)} problems")
    # The long ones are whole: no wrap put their end on a line of its own.
    assert max(len(p) for p in problems) > 100
    kind = next(p for p in problems if "'Unitt'" in p)
    assert kind.endswith(")") and "allowed:" in kind
    continuation = [ln for ln in lines if ln[:1].isspace() or ln.startswith(("Functionality", "'"))]
    assert not continuation, continuation
    assert "\x1b" not in res.stderr  # the id's escape sequence is shown, not sent


@pytest.mark.parametrize("columns", [60, 300])
def test_hostile_names_print_as_visible_text_in_query_and_cypher(
    hostile: Driver, cli_env: dict[str, str], columns: int
) -> None:
    runs = [
        cli(cli_env, "query", "organisations", columns=columns),
        cli(cli_env, "cypher", "MATCH (o:Organisation) RETURN o.name AS name", columns=columns),
        cli(cli_env, "query", "organisations", "-f", "csv", columns=columns),
    ]
    for res in runs:
        assert res.returncode == 0, res.stderr
        assert all(v in res.stdout for v in VISIBLE), res.stdout
        assert "\x1b" not in res.stdout and "…" not in res.stdout
    table = runs[1].stdout
    if columns == 300:
        assert table.startswith("┏") and "┃ name" in table
    else:
        assert table.startswith("-- row 1 --") and "name: Evilzone \\x1b[31mRED" in table


def test_hostile_names_on_a_terminal(hostile: Driver, cli_env: dict[str, str]) -> None:
    """On a terminal Rich styles its own output; the data's escapes and markup stay inert."""
    primary, replica = pty.openpty()
    proc = subprocess.Popen(
        [ORGGRAPH, "query", "organisations"],
        env={**cli_env, "COLUMNS": "60", "TERM": "xterm-256color"},
        stdin=subprocess.DEVNULL,
        stdout=replica,
        stderr=subprocess.PIPE,
    )
    os.close(replica)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError as e:  # EIO: the child closed the terminal
            assert e.errno == errno.EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    assert proc.wait(120) == 0, proc.stderr.read() if proc.stderr else ""
    text = b"".join(chunks).decode("utf-8", "replace")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)  # Rich's own styles
    assert "-- row 1 --" in plain
    assert all(v in plain for v in VISIBLE), plain
    assert "\x1b[31mRED" not in text and "\x1b]8;" not in text
