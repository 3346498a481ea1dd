"""The benchmark's markdown report: every worker count of the API phase, and the fewest
workers that held the API target (pure)."""

from __future__ import annotations

from pathlib import Path

from bench.report import api_target, write_markdown


def _run(p99: float, errors: int) -> dict[str, float | int]:
    return {"ok": 100 - errors, "errors": errors, "p50_ms": 1.0, "p99_ms": p99}


def test_every_api_worker_count_gets_a_row_per_endpoint(tmp_path: Path) -> None:
    res = {
        "mode": "full",
        "api_workers": {"1": {"chain_of_command": _run(40.0, 0)}, "2": {"health": _run(3.0, 0)}},
    }
    out = tmp_path / "r.md"
    write_markdown(res, out)
    text = out.read_text(encoding="utf-8")
    assert "| chain_of_command | 1 | 100 | 0 | 1.0 | 40.0 | **missed** |" in text
    assert "| health | 2 | 100 | 0 | 1.0 | 3.0 | met |" in text


def test_one_worker_count_adds_no_table(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    write_markdown({"mode": "quick", "api_workers": {"1": {"health": _run(3.0, 0)}}}, out)
    assert "API by worker count" not in out.read_text(encoding="utf-8")


def _both(p99: float, errors: int = 0) -> dict[str, dict[str, float | int]]:
    return {"chain_of_command": _run(p99, errors), "representatives": _run(p99, errors)}


def test_the_api_target_names_the_fewest_workers_that_held_it() -> None:
    runs = {"4": _both(9.0), "1": _both(60.0), "2": _both(20.0)}
    assert api_target(runs) == {"workers": 2}


def test_the_api_target_needs_both_endpoints_and_no_errors() -> None:
    one_slow = {"chain_of_command": _run(9.0, 0), "representatives": _run(26.0, 0)}
    errors = _both(9.0, errors=1)
    missing = {"chain_of_command": _run(9.0, 0), "representatives": {"error": "boom"}}
    got = api_target({"1": one_slow, "2": errors, "3": missing})
    assert got == {"error": "no worker count tried held it (tried: 1, 2, 3)", "missed": True}


def test_the_report_says_missed_when_no_worker_count_held_the_api_target(
    tmp_path: Path,
) -> None:
    out = tmp_path / "r.md"
    write_markdown({"mode": "full", "api_target": api_target({"1": _both(60.0)})}, out)
    row = next(line for line in out.read_text(encoding="utf-8").splitlines() if "N workers" in line)
    assert "tried: 1" in row and row.endswith("| **missed** |")


def test_the_report_names_the_worker_count_that_held_the_api_target(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    write_markdown({"mode": "full", "api_target": api_target({"2": _both(9.0)})}, out)
    row = next(line for line in out.read_text(encoding="utf-8").splitlines() if "N workers" in line)
    assert row.endswith("| 2.00 | any N (`serve --workers N`) | met |")


def test_only_the_full_run_writes_the_committed_floors_file(tmp_path: Path) -> None:
    from bench.floors import RESULTS, floors_markdown_path

    assert floors_markdown_path(RESULTS / "latest.json") == RESULTS / "floors.md"
    partial = RESULTS / "phases-load-floors.json"
    assert floors_markdown_path(partial) == RESULTS / "phases-load-floors-floors.md"
    assert floors_markdown_path(RESULTS / "quick.json") == RESULTS / "quick-floors.md"
    assert floors_markdown_path(tmp_path / "x.json") == tmp_path / "x-floors.md"
