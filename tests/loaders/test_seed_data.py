"""The real data under data/ must validate cleanly against the seed documents."""

from __future__ import annotations

from pathlib import Path

from loaders.validate import validate_paths
from tests.support import DATA_DIR, SOURCES_DIR

ROOT = Path(__file__).parents[2]
DATA = DATA_DIR
SEEDS = SOURCES_DIR


def test_seed_data_validates() -> None:
    assert any(DATA.rglob("*.yaml")), "data/ has no dataset files"
    # Every quote is checked against the documents kept in the repository (data/sources).
    assert SEEDS.is_dir(), f"source texts not found at {SEEDS}"
    report = validate_paths([DATA], sources_dir=SEEDS)
    listing = "\n".join(str(p) for p in report.problems)
    assert report.ok, f"{len(report.problems)} problem(s) in data/:\n{listing}"
    assert report.datasets, "no dataset files parsed"
