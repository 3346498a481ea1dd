"""The floors hold: the import contract of `.importlinter` passes on the tree, and it does
catch a violation (graph/ importing a floor above it), so a passing `make lint` means something.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from graph.settings import PROJECT_ROOT

PACKAGES = ("graph", "loaders", "queries", "viz", "api", "bench")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / ".importlinter"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy_tree(dest: Path) -> None:
    shutil.copy(PROJECT_ROOT / ".importlinter", dest / ".importlinter")
    for pkg in PACKAGES:
        shutil.copytree(
            PROJECT_ROOT / pkg, dest / pkg, ignore=shutil.ignore_patterns("__pycache__", "*.cypher")
        )


def test_the_tree_keeps_every_contract(tmp_path: Path) -> None:
    _copy_tree(tmp_path)
    done = _lint(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_graph_importing_a_floor_above_is_caught(tmp_path: Path) -> None:
    _copy_tree(tmp_path)
    db = tmp_path / "graph" / "db.py"
    db.write_text(db.read_text(encoding="utf-8") + "\nimport queries.resolve  # noqa\n")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "graph imports no other project package BROKEN" in done.stdout
    assert "graph.db -> queries.resolve" in done.stdout


def test_viz_importing_api_is_caught(tmp_path: Path) -> None:
    _copy_tree(tmp_path)
    views = tmp_path / "viz" / "views.py"
    views.write_text(views.read_text(encoding="utf-8") + "\nimport api.service  # noqa\n")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "viz and loaders never import api BROKEN" in done.stdout
