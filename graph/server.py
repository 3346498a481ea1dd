"""A local Neo4j for machines without one: Docker when an engine answers, else Community jars.

Process management only (start, stop, status, logs, the generated password, the private home);
which server to use and with which credentials is graph.connection's.

The jar backend exists because our own machines (and CI) have Java and Maven but no Docker
engine: the ``org.neo4j:neo4j`` artifact's runtime closure *is* the server, so Maven fetches it
once and we launch ``CommunityEntryPoint`` with the JVM flags of Neo4j's own launcher.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import string
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.connection import Connection
from graph.errors import ConfigError, Neo4jUnavailable
from graph.files import make_private, private_files, write_private
from graph.settings import Settings

POM = Path(__file__).resolve().parent / "neo4j_server" / "pom.xml"
NEO4J_VERSION = re.search(r"<neo4j.version>([^<]+)<", POM.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]

# The JVM flags Neo4j 5.26's own launcher passes (server.jvm.additional defaults).
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    uri: str
    pid: int | None
    data_dir: str
    backend: str
    version: str | None = None


class LocalServer(Protocol):
    backend: str
    started: bool  # True once `start` launched the server (it was not running before)

    def start(self) -> Connection: ...
    def stop(self) -> bool: ...
    def status(self) -> ServerStatus: ...
    def logs(self, lines: int = 50) -> str: ...
    def connection(self) -> Connection: ...


def read_or_create_password(path: Path) -> str:
    """The generated password lives in a file only the user can read."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    # Letters and digits only: a leading '-' would read as an option to neo4j-admin.
    alphabet = string.ascii_letters + string.digits
    password = "".join(secrets.choice(alphabet) for _ in range(32))
    write_private(path, password)
    return password


def wait_for_bolt(
    conn: Connection, timeout_s: float, log_tail: Callable[[], str] | None = None
) -> str:
    """Block until Bolt answers; return the server version."""
    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as drv:
                drv.verify_connectivity()
                recs, _, _ = drv.execute_query(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                    database_="system",
                )
                return str(recs[0]["v"])
        except AuthError as e:
            raise Neo4jUnavailable(
                f"Neo4j at {conn.uri} refused the stored password: {e.message}. "
                "If the data directory predates the password file, remove the local home "
                "(orggraph db stop; rm -rf the home dir) and start again."
            ) from e
        except (ServiceUnavailable, OSError) as e:
            last = e
            time.sleep(0.25)
    tail = log_tail() if log_tail else ""
    raise Neo4jUnavailable(
        f"Neo4j did not answer on {conn.uri} within {timeout_s:.0f}s ({last}).\n"
        f"Last log lines:\n{tail}"
    )


class ClassArchive:
    """The JVM's class data sharing archive for one JDK and one set of server jars.

    Most of a Neo4j start is the JVM loading and verifying its classes. A server started
    without an archive records what it loads and writes it out when it stops
    (-XX:ArchiveClassesAtExit: once, about 10 s more on that stop and 4 s on that start);
    every later start maps it (-XX:SharedArchiveFile): 11.5 -> 7.6 s and ~16 -> ~11 CPU-s a
    start, measured on our 2-core VM. A truncated archive crashes the JVM while mapping it
    (SIGBUS, measured), so what a stopping JVM wrote is taken only after `java -Xshare:on`,
    which refuses an archive it cannot map or that was made for other jars or another JDK,
    ran with it. The archive sits beside the jars (not among them: `-cp lib/*` must stay the
    classpath it was made for) and is named by what it depends on, so a new JDK or new jars
    make a new one instead of a refused one."""

    def __init__(self, java: str, lib_dir: Path) -> None:
        self.java = java
        self.lib_dir = lib_dir
        self.dir = lib_dir.parent / "class-archive"
        self.path = self.dir / f"neo4j-{NEO4J_VERSION}-{self._fingerprint()}.jsa"

    def _fingerprint(self) -> str:
        jdk = Path(os.path.realpath(self.java)).parent.parent
        h = hashlib.sha256()
        for f in (jdk / "release", jdk / "lib" / "server" / "libjvm.so"):
            with contextlib.suppress(OSError):
                st = f.stat()
                h.update(f"{f}:{st.st_size}:{st.st_mtime_ns}\n".encode())
        for jar in sorted(self.lib_dir.glob("*.jar")):
            h.update(f"{jar.name}:{jar.stat().st_size}\n".encode())
        return h.hexdigest()[:16]

    def mapped(self) -> list[str]:
        """The flags of a JVM that only maps the archive (the admin tools): none without one."""
        return [f"-XX:SharedArchiveFile={self.path}"] if self.path.is_file() else []

    def flags(self) -> tuple[list[str], Path | None]:
        """A start's JVM flags: map the archive, or record one; and where that one will be
        written (None when the archive is used)."""
        if used := self.mapped():
            return used, None
        self.dir.mkdir(parents=True, exist_ok=True)
        self._sweep()
        partial = self.dir / f"{self.path.name}.{secrets.token_hex(4)}.partial"
        return [f"-XX:ArchiveClassesAtExit={partial}"], partial

    def _sweep(self) -> None:
        """Drop archives of other JDKs or jars, and what JVMs stopped by others than a
        JarServer (a test watchdog) wrote and nobody checked: a partial file appears when its
        JVM exits, so one older than ten minutes is complete or never will be."""
        now = time.time()
        for f in self.dir.iterdir():
            with contextlib.suppress(OSError):
                other = f.suffix == ".jsa" and f != self.path
                stale = f.suffix == ".partial" and now - f.stat().st_mtime > 600
                if other or stale:
                    f.unlink()

    def promote(self, partial: Path) -> bool:
        """Take what a JVM that stopped cleanly wrote, if a JVM can map it; else drop it."""
        if not partial.is_file():
            return False
        cmd = [self.java, "-Xshare:on", f"-XX:SharedArchiveFile={partial}"]
        cmd += [f"-XX:ErrorFile={self.dir / 'check-crash.log'}", "-cp", f"{self.lib_dir}/*"]
        cmd += ["-version"]
        try:
            ok = subprocess.run(cmd, capture_output=True, timeout=60, check=False).returncode == 0
        except (OSError, subprocess.SubprocessError):
            ok = False
        with contextlib.suppress(OSError):
            if ok:
                os.replace(partial, self.path)
            else:
                partial.unlink()
        return ok


class JarServer:
    """Neo4j Community from Maven Central jars, in a local home directory."""

    backend = "local jars"

    def __init__(
        self,
        settings: Settings,
        *,
        home: Path | None = None,
        lib_dir: Path | None = None,
        bolt_port: int | None = None,
    ) -> None:
        self.settings = settings
        self.home = (home or settings.home).resolve()
        self.lib_dir = (lib_dir or settings.home / "lib").resolve()
        self.bolt_port = bolt_port or settings.bolt_port
        self.conf_dir = self.home / "conf"
        self.data_dir = self.home / "data"
        self.logs_dir = self.home / "logs"
        self.pid_file = self.home / "run" / "neo4j.pid"
        self.console_log = self.logs_dir / "console.log"
        self.password_file = self.home / "password"
        self.started = False

    # -- provisioning -------------------------------------------------------------------
    def ensure_jars(self) -> None:
        """Fetch the server's runtime closure once; later starts reuse it. Concurrent first
        starts (two test workers, two shells) serialise on a lock file: one fetches, the other
        finds the marker."""
        marker = self.lib_dir / f".complete-{NEO4J_VERSION}"
        if marker.exists():
            return
        java, mvn = shutil.which("java"), shutil.which("mvn")
        if not java or not mvn:
            raise ConfigError(_nothing_to_run_message())
        self.lib_dir.mkdir(parents=True, exist_ok=True)
        with open(self.lib_dir / ".fetch.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not marker.exists():
                self._fetch_jars(mvn)
                marker.write_text(NEO4J_VERSION, encoding="utf-8")

    def _fetch_jars(self, mvn: str) -> None:
        proc = subprocess.run(
            [
                mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
                "-DincludeScope=runtime", f"-DoutputDirectory={self.lib_dir}",
            ],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            raise ConfigError(
                "Maven could not fetch Neo4j "
                f"{NEO4J_VERSION} from Maven Central:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
            )

    def write_conf(self) -> None:
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        lines = [
            "# Written by orggraph; edit Settings (ORGGRAPH_*) instead.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{self.bolt_port}",
            "server.https.enabled=false",
            f"server.memory.heap.initial_size={self.settings.heap}",
            f"server.memory.heap.max_size={self.settings.heap}",
            f"server.memory.pagecache.size={self.settings.pagecache}",
            "dbms.usage_report.enabled=false",
            "dbms.security.auth_enabled=true",
            f"server.directories.data={self.data_dir}",
            f"server.directories.logs={self.logs_dir}",
            f"server.directories.run={self.home / 'run'}",
            f"server.directories.import={self.home / 'import'}",
            f"server.directories.plugins={self.home / 'plugins'}",
            "dbms.security.allow_csv_import_from_file_urls=false",
            "db.transaction.timeout=120s",
            # Bolt's Netty event loops wait this many seconds for new work before they shut
            # down, twice, after every connection is closed and every database stopped: 10 of
            # the 11 s a stop took (neo4j's debug.log), on every `db stop` and `load --initial`.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        ]
        if self.settings.cypher_min_replan_s is not None:
            lines.append(f"dbms.cypher.min_replan_interval={self.settings.cypher_min_replan_s}s")
        if self.settings.http_port:
            lines += [
                "server.http.enabled=true",
                f"server.http.listen_address=127.0.0.1:{self.settings.http_port}",
            ]
        else:
            lines.append("server.http.enabled=false")
        (self.conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.conf_dir)
        return env

    def _class_archive(self) -> ClassArchive | None:
        """The class archive of these jars, None when it is turned off."""
        return ClassArchive(self._java(), self.lib_dir) if self.settings.class_archive else None

    def _class_archive_flags(self) -> tuple[list[str], Path | None]:
        archive = self._class_archive()
        return archive.flags() if archive else ([], None)

    def tool_flags(self) -> list[str]:
        """JVM flags of the admin tools run from these jars (neo4j-admin): the archive, if
        a server wrote one; a tool never records one."""
        archive = self._class_archive()
        return archive.mapped() if archive else []

    def _state(self) -> dict[str, object]:
        """What the last start recorded (state.json); {} when there is none."""
        try:
            state = json.loads((self.home / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def _java(self) -> str:
        java = shutil.which("java")
        if not java:
            raise ConfigError(_nothing_to_run_message())
        return java

    def ensure_password(self) -> str:
        """Set the generated initial password before the very first start."""
        password = read_or_create_password(self.password_file)
        if (
            not (self.data_dir / "dbms" / "auth.ini").exists()
            and not (self.data_dir / "databases" / "system").exists()
        ):
            proc = subprocess.run(
                [
                    self._java(), *self.tool_flags(), "-cp", f"{self.lib_dir}/*",
                    "org.neo4j.cli.AdminTool",
                    "dbms", "set-initial-password", password,
                ],
                capture_output=True, text=True, env=self._env(), check=False,
            )  # fmt: skip
            if proc.returncode != 0:
                raise ConfigError(f"set-initial-password failed: {proc.stderr[-1500:]}")
        return password

    # -- lifecycle ---------------------------------------------------------------------
    def _pid(self) -> int | None:
        """The pid of *our* server: a stale pid file may name an unrelated process now."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            return None
        ours = b"CommunityEntryPoint" in cmdline and f"--home-dir={self.home}".encode() in cmdline
        return pid if ours else None

    def connection(self) -> Connection:
        password = read_or_create_password(self.password_file)
        return Connection(
            uri=f"bolt://127.0.0.1:{self.bolt_port}",
            user="neo4j",
            password=password,
            database=self.settings.neo4j_database,
            origin=self.backend,
        )

    def start(self) -> Connection:
        """Start (or find running) the server; concurrent starts serialise on a lock file.

        The store holds the organisational data in plain text (transaction logs) and the
        auth file: everything under the home is created private (umask 077) and an existing
        home is tightened to 0700/0600 first."""
        with private_files():
            make_private(self.home)
            self.pid_file.parent.mkdir(parents=True, exist_ok=True)
            with open(self.pid_file.parent / "start.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                return self._start_locked()

    def _start_locked(self) -> Connection:
        if self._pid() is not None:
            conn = self.connection()
            wait_for_bolt(conn, self.settings.start_timeout_s, self.logs)
            return conn
        self.ensure_jars()
        self.write_conf()
        self.ensure_password()
        for d in (self.data_dir, self.logs_dir, self.pid_file.parent):
            d.mkdir(parents=True, exist_ok=True)
        archive_flags, partial = self._class_archive_flags()
        cmd = [
            self._java(),
            f"-Xms{self.settings.heap}",
            f"-Xmx{self.settings.heap}",
            *JVM_FLAGS,
            *archive_flags,
            "-cp",
            f"{self.lib_dir}/*",
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
            "--console-mode",
        ]
        with open(self.console_log, "ab") as log:
            proc = subprocess.Popen(
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self._env(),
                start_new_session=True,
                umask=0o077,  # the store, logs and auth file Neo4j writes: the user's only
            )
        self.started = True
        self.pid_file.write_text(str(proc.pid), encoding="utf-8")
        (self.home / "state.json").write_text(
            json.dumps(
                {
                    "bolt_port": self.bolt_port,
                    "version": NEO4J_VERSION,
                    "class_archive_partial": str(partial) if partial else None,
                }
            ),
            encoding="utf-8",
        )
        conn = self.connection()
        try:
            wait_for_bolt(conn, self.settings.start_timeout_s, self.logs)
        except Neo4jUnavailable:
            if proc.poll() is None:
                self.stop()
            raise
        return conn

    def stop(self, timeout_s: float = 60.0) -> bool:
        """SIGTERM and wait; SIGKILL only if the server ignores us. True if one was running."""
        pid = self._pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        partial = self._state().get("class_archive_partial")
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        clean = True
        while time.monotonic() < deadline:
            if not _alive(pid):
                break
            time.sleep(0.2)
        else:
            clean = False
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)
        self.pid_file.unlink(missing_ok=True)
        if isinstance(partial, str):
            if clean:
                ClassArchive(self._java(), self.lib_dir).promote(Path(partial))
            else:  # killed, perhaps while writing it
                Path(partial).unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """SIGKILL, for fault-injection tests."""
        pid = self._pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.05)

    def status(self) -> ServerStatus:
        pid = self._pid()
        conn = self.connection()
        version = None
        if pid is not None:
            with contextlib.suppress(Neo4jUnavailable):
                version = wait_for_bolt(conn, 5.0)
        return ServerStatus(
            running=pid is not None,
            uri=conn.uri,
            pid=pid,
            data_dir=str(self.data_dir),
            backend=self.backend,
            version=version,
        )

    def logs(self, lines: int = 50) -> str:
        if not self.console_log.exists():
            return ""
        text = self.console_log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])


def _alive(pid: int) -> bool:
    try:
        # Reap our own child if it is one, so it does not linger as a zombie.
        with contextlib.suppress(ChildProcessError):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done == pid:
                return False
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class DockerServer:
    """``neo4j:5.26-community`` with a named volume, for users who have a Docker engine."""

    backend = "docker"
    container = "orggraph-neo4j"
    volume = "orggraph-neo4j-data"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.password_file = settings.password_file
        self.started = False

    def connection(self) -> Connection:
        return Connection(
            uri=f"bolt://127.0.0.1:{self.settings.bolt_port}",
            user="neo4j",
            password=read_or_create_password(self.password_file),
            database=self.settings.neo4j_database,
            origin=self.backend,
        )

    def _docker(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["docker", *args], capture_output=True, text=True, check=False, env=env
        )

    def start(self) -> Connection:
        conn = self.connection()
        state = self._docker("inspect", "-f", "{{.State.Running}}", self.container)
        if state.returncode == 0 and state.stdout.strip() == "true":
            wait_for_bolt(conn, self.settings.start_timeout_s, self.logs)
            return conn
        if state.returncode == 0:
            proc = self._docker("start", self.container)
        else:
            proc = self._docker(
                "run", "-d", "--name", self.container,
                "-p", f"127.0.0.1:{self.settings.bolt_port}:7687",
                "-v", f"{self.volume}:/data",
                # The value comes from our environment, not the command line (ps shows that).
                "-e", "NEO4J_AUTH",
                "-e", f"NEO4J_server_memory_heap_max__size={self.settings.heap}",
                "-e", f"NEO4J_server_memory_pagecache_size={self.settings.pagecache}",
                "-e", "NEO4J_dbms_usage__report_enabled=false",
                self.settings.docker_image,
                env={**os.environ, "NEO4J_AUTH": f"neo4j/{conn.password}"},
            )  # fmt: skip
        if proc.returncode != 0:
            raise ConfigError(f"docker could not start Neo4j: {proc.stderr.strip()}")
        self.started = True
        wait_for_bolt(conn, self.settings.start_timeout_s, self.logs)
        return conn

    def stop(self) -> bool:
        return self._docker("stop", self.container).returncode == 0

    def status(self) -> ServerStatus:
        state = self._docker("inspect", "-f", "{{.State.Running}} {{.State.Pid}}", self.container)
        running = state.returncode == 0 and state.stdout.startswith("true")
        conn = self.connection()
        version = None
        if running:
            with contextlib.suppress(Neo4jUnavailable):
                version = wait_for_bolt(conn, 5.0)
        pid = int(state.stdout.split()[1]) if running else None
        return ServerStatus(running, conn.uri, pid, f"volume {self.volume}", self.backend, version)

    def logs(self, lines: int = 50) -> str:
        proc = self._docker("logs", "--tail", str(lines), self.container)
        return proc.stdout + proc.stderr


def docker_available() -> bool:
    if not shutil.which("docker"):
        return False
    try:
        proc = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"],
            capture_output=True, text=True, timeout=5, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0 and bool(proc.stdout.strip())


def java_and_maven_available() -> bool:
    java = shutil.which("java")
    if not java or not shutil.which("mvn"):
        return False
    proc = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    m = re.search(r'version "(\d+)', proc.stderr)
    return bool(m and int(m.group(1)) >= 17)


def _nothing_to_run_message() -> str:
    return (
        "No Neo4j to use: ORGGRAPH_NEO4J_URI is not set, no Docker engine answers, and Java >= 17 "
        "with Maven is not installed. Install Docker (then `docker compose up neo4j`) or "
        "Java 17 + Maven (then `orggraph db start`), or point orggraph at an existing server: "
        "export ORGGRAPH_NEO4J_URI=bolt://host:7687 ORGGRAPH_NEO4J_PASSWORD=…"
    )


def local_server(settings: Settings) -> LocalServer:
    """Pick the local backend by the documented resolution order (steps 2-4)."""
    if settings.backend == "docker" or (settings.backend == "auto" and docker_available()):
        return DockerServer(settings)
    if settings.backend == "jars" or (settings.backend == "auto" and java_and_maven_available()):
        return JarServer(settings)
    raise ConfigError(_nothing_to_run_message())
