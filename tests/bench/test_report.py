"""The benchmark's markdown report lists every worker count of the API phase (pure)."""

from __future__ import annotations

from pathlib import Path

from bench.report import write_markdown


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
