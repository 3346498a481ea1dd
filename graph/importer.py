"""Neo4j's own bulk importer (`neo4j-admin database import full`) on the local jar server.

The importer writes store files directly, so the store must be offline: the server is
stopped, the database's (empty) store moved aside, the importer run from the same jars and
configuration as the server (``org.neo4j.cli.AdminTool``, as ``set-initial-password`` is),
and the server started again. When the importer fails, or the server does not come up on
the imported store, the old store is put back and the server started on it: the database is
as it was before. What goes into the CSV files is the loader's business (loaders.bulk).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ConfigError, Neo4jUnavailable, OrgGraphError
from graph.files import private_files
from graph.server import JarServer

IMPORT_TIMEOUT_S = 3600.0
# Arrays in the CSV files are joined with the ASCII unit separator: no dataset text uses it
# (loaders.bulk sends a value that contains it through Cypher instead).
ARRAY_DELIMITER = "\x1f"
_TOOL_HEAP = "1g"


@dataclass
class ImportFiles:
    """The CSV files of one import: node files with their labels ("Entity:Unit"),
    relationship files with their type, and which files hold values with line breaks."""

    nodes: list[tuple[str, Path]] = field(default_factory=list)
    relationships: list[tuple[str, Path]] = field(default_factory=list)
    multiline: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class ImportTimings:
    stop_s: float
    import_s: float
    start_s: float
    output: str  # the importer's summary (its last lines)


def admin_command(server: JarServer, *args: str, heap: str = _TOOL_HEAP) -> list[str]:
    """`neo4j-admin …` as Neo4j's own launcher runs it, from the server's cached jars."""
    return [
        server._java(), f"-Xmx{heap}", *server.tool_flags(), "-cp", f"{server.lib_dir}/*",
        "org.neo4j.cli.AdminTool", *args,
    ]  # fmt: skip


def import_command(server: JarServer, database: str, files: ImportFiles, report: Path) -> list[str]:
    """The importer's command line; any bad entry aborts it (the loader validated everything,
    so a bad entry is a bug, never something to skip)."""
    args = [
        "database", "import", "full", database,
        f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
        "--bad-tolerance=0",
        "--skip-bad-relationships=false",
        "--skip-duplicate-nodes=false",
        "--ignore-empty-strings=false",
        "--trim-strings=false",
        f"--report-file={report}",
    ]  # fmt: skip
    if files.multiline:
        args += [
            "--multiline-fields-format=v2",
            f"--multiline-fields={','.join(str(p) for p in files.multiline)}",
        ]
    args += [f"--nodes={labels}={path}" for labels, path in files.nodes]
    args += [f"--relationships={rtype}={path}" for rtype, path in files.relationships]
    return admin_command(server, *args)


def store_dirs(server: JarServer, database: str) -> list[Path]:
    """Where the database's store and transaction logs live (Neo4j 5's layout)."""
    return [server.data_dir / "databases" / database, server.data_dir / "transactions" / database]


def import_offline(
    server: JarServer, database: str, files: ImportFiles, *, workdir: Path
) -> ImportTimings:
    """Stop the server, import `files` into `database`, start the server again.

    The caller has made sure the database is empty; its store is kept aside until the
    imported one is up, and put back if anything fails."""
    if server._pid() is None:
        raise Neo4jUnavailable(
            f"the local Neo4j ({server.home}) is not running; start it (orggraph db start) and "
            "run the load again"
        )
    t0 = time.perf_counter()
    server.stop()
    t1 = time.perf_counter()
    backup = server.data_dir / f".before-import-{database}"
    shutil.rmtree(backup, ignore_errors=True)
    moved: list[tuple[Path, Path]] = []
    try:
        with private_files():
            backup.mkdir(parents=True)
            for i, d in enumerate(store_dirs(server, database)):
                if d.exists():
                    target = backup / str(i)
                    d.rename(target)
                    moved.append((d, target))
            output = run_importer(server, database, files, workdir)
        t2 = time.perf_counter()
        server.start()
        t3 = time.perf_counter()
    except BaseException:
        _restore(server, database, moved)
        shutil.rmtree(backup, ignore_errors=True)
        raise
    shutil.rmtree(backup, ignore_errors=True)
    return ImportTimings(t1 - t0, t2 - t1, t3 - t2, output)


def run_importer(server: JarServer, database: str, files: ImportFiles, workdir: Path) -> str:
    report = workdir / "import.report"
    cmd = import_command(server, database, files, report)
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env=server._env(), cwd=workdir,
            timeout=IMPORT_TIMEOUT_S, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as e:
        raise OrgGraphError(
            f"neo4j-admin database import did not finish within {IMPORT_TIMEOUT_S:.0f} s; "
            "the database was left as it was"
        ) from e
    except OSError as e:
        raise ConfigError(f"cannot run neo4j-admin from {server.lib_dir}: {e}") from e
    text = proc.stdout + proc.stderr
    if proc.returncode != 0:
        bad = (
            report.read_text(encoding="utf-8", errors="replace")[-1500:] if report.exists() else ""
        )
        raise OrgGraphError(
            f"neo4j-admin database import failed (exit {proc.returncode}); the database was "
            f"left as it was. Its last lines:\n{_tail(text)}"
            + (f"\nBad entries:\n{bad}" if bad else "")
        )
    return _tail(text, 12)


def _restore(server: JarServer, database: str, moved: list[tuple[Path, Path]]) -> None:
    """Drop what the importer wrote, put the store that was there back, start the server."""
    server.stop()
    for d in store_dirs(server, database):
        shutil.rmtree(d, ignore_errors=True)
    for original, kept in moved:
        kept.rename(original)
    server.start()


def _tail(text: str, lines: int = 30) -> str:
    kept = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith(".")]
    return "\n".join(kept[-lines:])


__all__ = [
    "ARRAY_DELIMITER",
    "ImportFiles",
    "ImportTimings",
    "import_offline",
    "run_importer",
    "store_dirs",
]
