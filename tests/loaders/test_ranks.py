"""The rank table (loaders/ranks.py) is the one docs/dataset-format.md shows, and its warnings
point at a code for what texts write instead. Pure tests."""

from __future__ import annotations

import re

import pytest

from graph.settings import PROJECT_ROOT
from loaders.ranks import RANKS, rank_problem

DOCS = PROJECT_ROOT / "docs" / "dataset-format.md"


def docs_rank_rows() -> dict[str, tuple[str, str, str]]:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Ranks", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| ([A-Z][A-Z-]+) \| (BE|NL) \| ([^|]+) \| ([^|]+) \|$", section, re.M)
    return {code: (country, cadre.strip(), name.strip()) for code, country, cadre, name in rows}


def test_the_docs_table_is_the_code_table() -> None:
    assert docs_rank_rows() == RANKS


def test_the_docs_say_which_codes_are_orggraphs_own() -> None:
    section = DOCS.read_text(encoding="utf-8").split("### Ranks", 1)[1].split("\n### ", 1)[0]
    assert "`CALOG-A` …\n`CALOG-D` and every `NL-` code are orggraph's own" in section
    assert "PRIMER.md" in section  # where the Belgian abbreviations are attested


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("niveau B", "CALOG-B"),
        ("CALog niveau C", "CALOG-C"),
        ("calog a", "CALOG-A"),
        ("consulent", "CALOG-B"),
        ("attaché", "CALOG-A"),
        ("bediende", "CALOG-D"),
        ("hoofdagent", "NL-HAGT"),
        ("agent van politie", "AGP"),
    ],
)
def test_what_texts_write_is_answered_with_the_code(written: str, code: str) -> None:
    problem = rank_problem(written)
    assert problem is not None and problem.startswith(f"rank {written!r} is not a rank code")
    assert f"write '{code}'" in problem
    assert rank_problem(code) is None


def test_a_hint_is_not_a_rank() -> None:
    for word in ("attaché", "bediende"):
        assert word not in RANKS and rank_problem(word) is not None
