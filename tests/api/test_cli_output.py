"""The CLI's output helpers (api.cli.output), pure: no Neo4j, consoles writing to a buffer."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from typing import Any

import pytest
from rich.console import Console

from api.cli.output import Format, echo, fail, plural, print_problems, print_rows, safe, warn
from graph.errors import Problem, ValidationFailed
from tests.support import ORGGRAPH, csv_field_holds

EVIL = "red \x1b[31mRED\x1b[0m [bold]x[/bold] [link=file:///etc/passwd]l[/link] \x9b2J \u202eab"


def console(width: int, *, tty: bool) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    c = Console(
        file=buf,
        width=width,
        force_terminal=tty,
        color_system="truecolor" if tty else None,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=True,
    )
    return c, buf


def test_safe_shows_every_control_character_as_visible_text() -> None:
    assert safe("a\x1b[31mb") == "a\\x1b[31mb"
    assert safe("line\nnext\ttab\r\x00\x7f") == "line\\x0anext\\x09tab\\x0d\\x00\\x7f"
    assert safe("\x9b2J \u202eab \u2028") == "\\x9b2J \\u202eab \\u2028"
    assert safe("two\nlines\x1b", keep="\n") == "two\nlines\\x1b"
    assert safe("plain [bold] café ✓") == "plain [bold] café ✓"


@pytest.mark.parametrize("tty", [True, False])
@pytest.mark.parametrize("width", [60, 200])
def test_data_text_is_never_interpreted(tty: bool, width: int) -> None:
    c, buf = console(width, tty=tty)
    print_rows([{"name": EVIL, "id": "evil"}], Format.TABLE, console=c)
    text = buf.getvalue()
    assert "\\x1b[31mRED\\x1b[0m" in text and "\\x9b2J" in text and "\\u202eab" in text
    assert "[bold]x[/bold]" in text and "[link=file:///etc/passwd]l[/link]" in text
    # No escape sequence from the data, and the markup did not become style or a hyperlink.
    assert "\x1b[31m" not in text and "\x9b" not in text and "\u202e" not in text
    assert "\x1b]8;" not in text  # OSC 8 hyperlink


def test_a_table_that_fits_is_a_table() -> None:
    c, buf = console(120, tty=False)
    print_rows([{"id": "a", "n": 1}, {"id": "b", "n": None}], Format.TABLE, console=c)
    lines = buf.getvalue().splitlines()
    assert lines[0].startswith("┏") and any(line.startswith("│ b ") for line in lines)
    assert lines[-1] == "2 rows"


@pytest.mark.parametrize("tty", [True, False])
def test_a_table_too_wide_becomes_records_and_nothing_is_cut(tty: bool) -> None:
    long_id = "zone-000-operationeel-coordinator-" + "x" * 40
    prose = " ".join(["Operationeel coördinator van de zone"] * 6)
    rows = [{"id": long_id, "name": prose, "n": 3}, {"id": "b", "name": "B", "n": 4}]
    c, buf = console(60, tty=tty)
    print_rows(rows, Format.TABLE, console=c)
    text = buf.getvalue()
    assert "…" not in text and "┏" not in text
    assert text.count("-- row ") == 2 and text.rstrip().endswith("2 rows")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    if tty:  # wrapped to the width, under the value column
        assert all(len(line.rstrip()) <= 60 for line in plain.splitlines())
        folded = "".join(
            line[6:].strip() for line in plain.splitlines() if line[:6] in ("id:   ", "      ")
        )
        assert long_id in folded
    else:  # one physical line per field, whatever the width
        assert f"id:   {long_id}" in plain.splitlines()
        assert f"name: {prose}" in plain.splitlines()
        assert "n:    4" in plain.splitlines()


def test_plural() -> None:
    assert [plural(0, "row"), plural(1, "row"), plural(2, "entity", "entities")] == [
        "0 rows",
        "1 row",
        "2 entities",
    ]


ROWS: list[dict[str, Any]] = [
    {
        "id": "a",
        "name": "Dienst \"Onthaal\", zone 001\nline two",
        "score": 1.5,
        "count": 3,
        "ok": True,
        "none": None,
        "via": {"id": "r", "name": "Role"},
        "holders": ["p1", "p2"],
    },
    {"id": "b", "name": "B", "score": 0.0, "count": 0, "ok": False, "none": None, "via": None,
     "holders": []},
]  # fmt: skip


def test_csv_has_the_rows_and_columns_of_the_json() -> None:
    c, buf = console(80, tty=False)
    print_rows(ROWS, Format.JSON, console=c)
    as_json = json.loads(buf.getvalue())
    c, buf = console(80, tty=False)
    print_rows(ROWS, Format.CSV, console=c)
    reader = csv.reader(io.StringIO(buf.getvalue()))
    header, *records = list(reader)
    assert header == list(as_json[0])
    assert len(records) == len(as_json) == 2
    for record, row in zip(records, as_json, strict=True):
        fields = zip(record, header, strict=True)
        assert all(csv_field_holds(f, row[k]) for f, k in fields), (record, row)


def test_json_and_csv_escape_what_a_terminal_would_run() -> None:
    rows = [{"name": EVIL}]
    c, buf = console(80, tty=False)
    print_rows(rows, Format.JSON, console=c)
    assert "\x1b" not in buf.getvalue() and "\x9b" not in buf.getvalue()
    assert json.loads(buf.getvalue()) == rows  # lossless: JSON escapes
    c, buf = console(80, tty=False)
    print_rows(rows, Format.CSV, console=c)
    assert "\x1b" not in buf.getvalue() and "\\x1b[31m" in buf.getvalue()


def test_problems_are_one_physical_line_each_at_any_width() -> None:
    problems = [
        "data/zone-000.yaml:12:5: " + "a very long message " * 10,
        "data/zone-000.yaml:13:7: a message\nwith a newline and \x1b[31m",
    ]
    c, buf = console(40, tty=False)
    assert print_problems(problems, to=c) == 2
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2 and all(re.fullmatch(r".+:\d+:\d+: .+", line) for line in lines)
    assert lines[1].endswith("a message\\x0awith a newline and \\x1b[31m")


def test_problem_summary_counts_in_words() -> None:
    e = ValidationFailed(
        [Problem("a", 1, 1, "x"), Problem("a", 2, 1, "y"), Problem("a", 3, 1, "z")]
    )
    assert e.summary == "3 problems; nothing was written"
    custom = ValidationFailed([Problem("a", 1, 1, "x")], "1 problem in 1 file")
    assert custom.summary == "1 problem in 1 file"


def test_help_documents_the_exit_codes() -> None:
    res = subprocess.run(
        [ORGGRAPH, "--help"],
        env={**os.environ, "COLUMNS": "300"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    text = " ".join(res.stdout.split())
    assert "Exit codes: 0 ok; 1 a problem with the data or the query" in text
    assert "2 wrong usage" in text


def test_the_cli_consoles_never_interpret_text(capsys: pytest.CaptureFixture[str]) -> None:
    echo(EVIL)
    exit_ = fail(EVIL, 2)
    warn(EVIL)
    captured = capsys.readouterr()
    assert exit_.exit_code == 2
    for stream in (captured.out, captured.err):
        assert "[bold]x[/bold]" in stream and "\\x1b[31mRED" in stream and "\x1b" not in stream
    assert captured.err.startswith("error: red ") and "warning: red " in captured.err
