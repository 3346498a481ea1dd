"""The one private-file writer (graph.files), pure: no Neo4j."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from graph.files import write_private


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_private_is_0600_new_or_existing_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "secret.txt"
    write_private(target, "één\n")
    assert target.read_bytes() == "één\n".encode()
    assert _mode(target) == 0o600
    assert _mode(target.parent) == 0o700  # the folder it had to create is private too
    target.chmod(0o644)
    write_private(target, b"\x00\xffbytes")
    assert target.read_bytes() == b"\x00\xffbytes"
    assert _mode(target) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["secret.txt"]


def test_write_private_failure_keeps_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "keys"
    write_private(target, "old")
    with pytest.raises(TypeError):
        write_private(target, 42)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keys"]
