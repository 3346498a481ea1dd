"""The floors hold: the import contract of `.importlinter` passes on the tree, and it does
catch a violation (graph/ importing a floor above it), so a passing `make lint` means something.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("module", "added", "contract", "edge"),
    [
        ("graph/db.py", "queries.resolve", "graph imports no other project package", "graph.db"),
        ("viz/views.py", "api.service", "viz and loaders never import api", "viz.views"),
    ],
)
def test_an_import_against_the_floors_is_caught(
    tmp_path: Path, module: str, added: str, contract: str, edge: str
) -> None:
    """graph/ importing a floor above it, viz importing api: each breaks its contract."""
    _copy_tree(tmp_path)
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\nimport {added}  # noqa\n")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert f"{contract} BROKEN" in done.stdout
    assert f"{edge} -> {added}" in done.stdout
