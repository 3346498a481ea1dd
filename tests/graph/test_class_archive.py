"""Which class archive a jar server maps or records (graph.server.ClassArchive), without a JVM:
named by the JDK and the jars it was made from, other archives and stale partial files swept,
and none at all when turned off. The JVM side is tests/graph/test_local_server.py's."""

from __future__ import annotations

import os
import time
from pathlib import Path

from graph.server import NEO4J_VERSION, ClassArchive, JarServer
from graph.settings import Settings


def _jars(root: Path, *names: str) -> Path:
    lib = root / "lib"
    lib.mkdir(exist_ok=True)
    for n in names:
        (lib / n).write_bytes(b"jar " + n.encode())
    return lib


def test_a_new_start_records_an_archive_named_by_jdk_and_jars(tmp_path: Path) -> None:
    lib = _jars(tmp_path, "a.jar", "b.jar")
    archive = ClassArchive("/usr/bin/java", lib)
    assert archive.path.parent == tmp_path / "class-archive"
    assert archive.path.name.startswith(f"neo4j-{NEO4J_VERSION}-")
    flags, partial = archive.flags()
    assert partial is not None and partial.parent == archive.path.parent
    assert partial.name.startswith(archive.path.name) and partial.suffix == ".partial"
    assert flags == [f"-XX:ArchiveClassesAtExit={partial}"]
    assert archive.mapped() == []  # a tool never records one

    # Made: later starts and the tools map it.
    archive.path.write_bytes(b"archive")
    assert archive.flags() == ([f"-XX:SharedArchiveFile={archive.path}"], None)
    assert archive.mapped() == [f"-XX:SharedArchiveFile={archive.path}"]

    # Other jars (an upgrade) mean another archive, never the old one refused at each start.
    _jars(tmp_path, "c.jar")
    assert ClassArchive("/usr/bin/java", lib).path != archive.path


def test_other_archives_and_stale_partial_files_are_swept(tmp_path: Path) -> None:
    lib = _jars(tmp_path, "a.jar")
    archive = ClassArchive("/usr/bin/java", lib)
    archive.dir.mkdir()
    old = archive.dir / "neo4j-5.26.0-0000000000000000.jsa"
    stale = archive.dir / f"{archive.path.name}.dead.partial"
    fresh = archive.dir / f"{archive.path.name}.live.partial"  # a JVM writing it right now
    for f in (old, stale, fresh):
        f.write_bytes(b"x")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    archive.flags()
    assert not old.exists() and not stale.exists() and fresh.exists()


def test_turned_off_a_server_neither_maps_nor_records(tmp_path: Path) -> None:
    lib = _jars(tmp_path, "a.jar")
    ClassArchive("/usr/bin/java", lib).dir.mkdir()
    ClassArchive("/usr/bin/java", lib).path.write_bytes(b"archive")
    off = JarServer(Settings(home=tmp_path / "home", class_archive=False), lib_dir=lib)
    assert off._class_archive_flags() == ([], None)
    assert off.tool_flags() == []
    on = JarServer(Settings(home=tmp_path / "home"), lib_dir=lib)
    assert on.tool_flags() == [f"-XX:SharedArchiveFile={ClassArchive(on._java(), lib).path}"]
