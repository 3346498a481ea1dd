"""`orggraph viz` as a user runs it (a subprocess against the suite's Neo4j over the seeds): the
same options as the /viz pages, the page in the asked language, names resolved inside `--org`,
and a bad option refused before anything is written."""

from __future__ import annotations

import subprocess
from pathlib import Path

from neo4j import Driver

from tests.support import ORGGRAPH


def viz(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ORGGRAPH, "viz", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_org_chart_in_english_and_dutch(
    seeded: Driver, cli_env: dict[str, str], tmp_path: Path
) -> None:
    en, nl = tmp_path / "en.html", tmp_path / "nl.html"
    res = viz(cli_env, "organisation", "lokeren", "--lang", "en", "-o", str(en))
    assert res.returncode == 0, res.stderr
    assert viz(cli_env, "organisation", "lokeren", "-o", str(nl)).returncode == 0
    page_en, page_nl = en.read_text(encoding="utf-8"), nl.read_text(encoding="utf-8")
    assert '<html lang="en"' in page_en and "Organisation chart" in page_en
    assert '<html lang="nl"' in page_nl and "Organigram" in page_nl
    assert en.stat().st_mode & 0o077 == 0  # the page holds the graph's data


def test_names_resolve_inside_org_and_path_is_drawn(
    seeded: Driver, cli_env: dict[str, str], tmp_path: Path
) -> None:
    # "korpschef" alone names a post in several seed zones; inside one zone it is one post.
    out = tmp_path / "chain.html"
    ambiguous = viz(cli_env, "chain", "korpschef", "-o", str(out))
    assert ambiguous.returncode == 1 and "ambiguous" in ambiguous.stderr
    assert not out.exists()
    res = viz(cli_env, "chain", "korpschef", "--org", "zone-000", "-o", str(out))
    assert res.returncode == 0, res.stderr
    page = out.read_text(encoding="utf-8")
    assert "zone-000-korpschef" in page and "lokeren-korpschef" not in page
    path = tmp_path / "path.html"
    res = viz(cli_env, "path", "DSI", "korpschef", "--org", "zone-000", "-o", str(path))
    assert res.returncode == 0, res.stderr
    assert "Verband" in path.read_text(encoding="utf-8")


def test_bad_options_write_nothing(seeded: Driver, cli_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    res = viz(cli_env, "organisation", "lokeren", "--lang", "fr", "-o", str(out))
    assert res.returncode == 2 and "nl or en" in res.stderr
    res = viz(cli_env, "organisation", "lokeren", "--as-of", "1-2-2024", "-o", str(out))
    assert res.returncode == 2 and "YYYY-MM-DD" in res.stderr
    res = viz(cli_env, "organisation", "lokeren", "--org", "no-such-org-anywhere", "-o", str(out))
    assert res.returncode == 1 and "not found" in res.stderr
    assert not out.exists()
