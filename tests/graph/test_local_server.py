"""The jar-based local server, driven through the CLI the way a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph.server import ClassArchive
from graph.settings import PROJECT_ROOT
from tests.support import ORGGRAPH, free_port


def non_loopback_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent for UDP connect
            addr = s.getsockname()[0]
    except OSError:
        return None
    return None if addr.startswith("127.") else str(addr)


@pytest.fixture(scope="module")
def local_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("neo4j-home")
    lib = PROJECT_ROOT / ".neo4j" / "lib"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}
    env.update(
        ORGGRAPH_HOME=str(home), ORGGRAPH_BOLT_PORT=str(free_port()), ORGGRAPH_BACKEND="jars"
    )
    # Reuse the suite's jar cache rather than fetching again.
    (home / "lib").symlink_to(lib, target_is_directory=True)
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ORGGRAPH, *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )


def _exposed(home: Path) -> list[str]:
    """Files and folders under `home` that group or others can read, write or enter."""
    found = []
    for path in [home, *home.rglob("*")]:
        if not path.is_symlink() and path.stat().st_mode & 0o077:
            found.append(f"{path.relative_to(home)} {path.stat().st_mode & 0o777:o}")
    return found


def test_db_lifecycle(local_env: dict[str, str]) -> None:
    home = Path(local_env["ORGGRAPH_HOME"])
    port = local_env["ORGGRAPH_BOLT_PORT"]
    # An existing home left readable (as the first version created it) is tightened on start.
    home.chmod(0o755)
    (home / "old.log").write_text("x", encoding="utf-8")
    (home / "old.log").chmod(0o644)
    started = run(local_env, "db", "start")
    try:
        assert started.returncode == 0, started.stderr
        assert f"bolt://127.0.0.1:{port} (local jars)" in started.stdout + started.stderr
        again = run(local_env, "db", "start")  # a second start is a no-op
        assert again.returncode == 0, again.stderr

        status = run(local_env, "db", "status")
        assert status.returncode == 0, status.stderr
        assert f"uri: bolt://127.0.0.1:{port}" in status.stdout
        assert "version: 5.26." in status.stdout
        pid = int(status.stdout.split("pid: ")[1].split()[0])

        password_file = home / "password"
        assert password_file.stat().st_mode & 0o777 == 0o600
        password = password_file.read_text().strip()
        uri = f"bolt://127.0.0.1:{port}"
        with GraphDatabase.driver(uri, auth=("neo4j", password)) as d:
            assert d.execute_query("RETURN 1 AS one").records[0]["one"] == 1
        with (
            GraphDatabase.driver(uri, auth=("neo4j", "wrong-password")) as d,
            pytest.raises(AuthError),
        ):
            d.verify_connectivity()

        conf = (home / "conf" / "neo4j.conf").read_text()
        assert f"server.bolt.listen_address=127.0.0.1:{port}" in conf
        assert "server.http.enabled=false" in conf
        other = non_loopback_address()
        if other is not None:
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((other, int(port))) != 0, "Bolt reachable off loopback"

        # The store (transaction logs hold the data in plain text), auth.ini and debug.log
        # are the user's only (before the fix: home 755, files 644).
        assert list((home / "data").rglob("*")), "the store is empty?"
        assert _exposed(home) == []

        logs = run(local_env, "db", "logs", "-n", "5")
        assert "Started" in logs.stdout or "Bolt enabled" in logs.stdout
    finally:
        stopped = run(local_env, "db", "stop")
    assert stopped.returncode == 0, stopped.stderr
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert run(local_env, "db", "status").returncode == 3


def _own_jars(root: Path) -> Path:
    """A jar directory of its own (links to the suite's jars), so this test's class archive is
    never the one the suite's servers map."""
    lib = root / "lib"
    lib.mkdir()
    shared = PROJECT_ROOT / ".neo4j" / "lib"
    for f in shared.iterdir():
        if f.suffix == ".jar":
            (lib / f.name).symlink_to(f)
        elif f.name.startswith(".complete-"):
            (lib / f.name).write_text(f.read_text())
    return lib


def _cmdline(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")


def test_class_archive_is_written_once_checked_and_then_mapped(tmp_path: Path) -> None:
    lib = _own_jars(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    (home / "lib").symlink_to(lib, target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}
    env.update(
        ORGGRAPH_HOME=str(home), ORGGRAPH_BOLT_PORT=str(free_port()), ORGGRAPH_BACKEND="jars"
    )
    archives = tmp_path / "class-archive"

    def pid() -> int:
        return int((home / "run" / "neo4j.pid").read_text())

    # First start: no archive yet, so the JVM records one, written when it stops; the stop
    # runs in another process than the start (the CLI), so it finds the file in state.json.
    assert run(env, "db", "start").returncode == 0
    try:
        partial = json.loads((home / "state.json").read_text())["class_archive_partial"]
        assert partial and Path(partial).parent == archives
        assert f"-XX:ArchiveClassesAtExit={partial}" in _cmdline(pid())
    finally:
        assert run(env, "db", "stop").returncode == 0
    made = sorted(p.name for p in archives.iterdir() if p.suffix in (".jsa", ".partial"))
    assert len(made) == 1 and made[0].endswith(".jsa"), made
    archive = archives / made[0]

    # Every later start maps it: the JVM has the file mapped, and the server answers.
    assert run(env, "db", "start").returncode == 0
    try:
        assert json.loads((home / "state.json").read_text())["class_archive_partial"] is None
        assert f"-XX:SharedArchiveFile={archive}" in _cmdline(pid())
        assert str(archive) in Path(f"/proc/{pid()}/maps").read_text()
        password = (home / "password").read_text().strip()
        uri = f"bolt://127.0.0.1:{env['ORGGRAPH_BOLT_PORT']}"
        with GraphDatabase.driver(uri, auth=("neo4j", password)) as d:
            assert d.execute_query("RETURN 1 AS one").records[0]["one"] == 1
    finally:
        assert run(env, "db", "stop").returncode == 0

    # What a JVM left half-written (killed while writing) crashes a JVM that maps it: it is
    # dropped, never taken, and the archive in use stays as it was.
    before = archive.read_bytes()
    half = archives / f"{archive.name}.0000.partial"
    half.write_bytes(before[: len(before) // 3])
    assert not ClassArchive(shutil.which("java") or "java", lib).promote(half)
    assert not half.exists() and archive.read_bytes() == before
