"""The real data under data/ must validate cleanly against the seed documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.validate import validate_paths

ROOT = Path(__file__).parents[2]
DATA = ROOT / "data"
SEEDS = ROOT / ".." / "shared" / "seeds"


def test_seed_data_validates() -> None:
    if not DATA.is_dir() or not any(DATA.rglob("*.yaml")):
        pytest.skip("data/ has no YAML files yet")
    sources_dir = SEEDS if SEEDS.is_dir() else None
    report = validate_paths([DATA], sources_dir=sources_dir)
    listing = "\n".join(str(p) for p in report.problems)
    assert report.ok, f"{len(report.problems)} problem(s) in data/:\n{listing}"
    assert report.datasets, "no dataset files parsed"
