"""Files only the user may read: police data, passwords and API keys never sit world-readable.

One writer for every such file (keys, the local server's password, exports, viz pages), the
umask guard for files others create meanwhile (the local Neo4j's store), and the tightening of a
home that an older version left readable.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


def write_private(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path` with mode 0600 from the first byte: a temporary
    file beside it, then a rename, so a reader never sees a half file and a file that existed
    with looser bits ends up 0600 too. A missing parent folder is created 0700."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:  # os.write may write less than asked (large pages, signals)
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    path.chmod(0o600)


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Files and folders created meanwhile are the user's only (umask 077)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def make_private(home: Path) -> None:
    """Create `home` 0700, or tighten an existing one: folders 0700, files 0600 (group and
    others lose every bit; symlinks are not followed)."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    home.chmod(0o700)
    for root, dirs, files in os.walk(home):
        for name in dirs:
            path = Path(root) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & 0o700 | 0o700)
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & 0o700)


__all__ = ["make_private", "private_files", "write_private"]
