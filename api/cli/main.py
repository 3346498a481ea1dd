"""The `orggraph` app: its own commands (schema-apply, serve, demo, the `db` group), the table
that attaches every area's commands, and `main`, the console entry point.

The areas (data, query, viz, export) are imported by name: a missing one fails the import
rather than leaving its commands silently absent. Output goes through api.cli.output (escaped,
never interpreted as markup, one line per problem).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import typer
from neo4j import Driver
from rich.text import Text

from api.cli import data, draft, export, formats, query, viz
from api.cli.driver import connection, open_driver
from api.cli.output import (
    EXIT_CODES_HELP,
    EXIT_PROBLEM,
    EXIT_USAGE,
    echo,
    err,
    fail,
    out,
    plural,
    print_problems,
    safe,
)
from graph.connection import connection_from_settings
from graph.db import create_driver
from graph.errors import Neo4jUnavailable, OrgGraphError, ValidationFailed
from graph.server import LocalServer, local_server
from graph.settings import Settings, get_settings

__all__ = ["app", "main"]

app = typer.Typer(
    name="orggraph",
    help="Organisational knowledge graph for police zones, every fact cited.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Run a local Neo4j (Docker or Maven jars).", no_args_is_help=True)


@db_app.command("start")
def db_start() -> None:
    """Start the local Neo4j (a no-op when it runs already) and wait until Bolt answers."""
    settings = get_settings()
    if settings.neo4j_uri:
        echo(f"ORGGRAPH_NEO4J_URI is set ({settings.neo4j_uri}): nothing to start.")
        return
    server = local_server(settings)
    conn = server.start()
    st = server.status()
    echo(f"{conn.describe()}; version {st.version}; pid {st.pid}")


@db_app.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j (SIGTERM, then wait)."""
    server = local_server(get_settings())
    echo("stopped" if server.stop() else "not running")


@db_app.command("status")
def db_status() -> None:
    """URI, version, pid and data directory of the local Neo4j (exit 3 when it is not running)."""
    settings = get_settings()
    if settings.neo4j_uri:
        with open_driver(start=False) as (driver, s):
            from graph.db import server_version

            echo(
                f"uri: {s.neo4j_uri}\nversion: {server_version(driver, database=s.neo4j_database)}"
            )
        return
    st = local_server(settings).status()
    echo(
        f"backend: {st.backend}\nuri: {st.uri}\nrunning: {st.running}\nversion: {st.version}\n"
        f"pid: {st.pid}\ndata: {st.data_dir}"
    )
    if not st.running:
        raise typer.Exit(3)


@db_app.command("logs")
def db_logs(lines: int = typer.Option(50, "--lines", "-n", help="how many lines")) -> None:
    """The last lines of the local Neo4j's log."""
    for line in local_server(get_settings()).logs(lines).splitlines():
        out.print(Text(safe(line, keep="\t")), soft_wrap=True)


@db_app.command("reset")
def db_reset(
    yes: bool = typer.Option(False, "--yes", "-y", help="do not ask for confirmation"),
) -> None:
    """Empty the database after a confirmation (--yes skips it); the schema stays.

    Every node and relationship goes; constraints, indexes and the schema version stay. When
    the answer is no (or there is none), nothing is deleted and the exit code is 1."""
    from graph.db import counts, wipe
    from graph.schema import LATEST, apply_schema, current_version

    settings = get_settings()
    try:
        conn = connection(settings, start=False)
        driver = create_driver(conn)
    except Neo4jUnavailable as e:
        hint = "" if settings.neo4j_uri else " (is it running? `orggraph db start`)"
        raise fail(f"{e}{hint}; nothing deleted") from None
    db = settings.neo4j_database
    try:
        total = counts(driver, database=db)
        # The schema-version node is bookkeeping, not data: it is kept (recorded again).
        nodes = total["nodes"] - (1 if current_version(driver, database=db) > 0 else 0)
        rels = total["relationships"]
        if nodes == 0 and rels == 0:
            echo(f"database {db!r} at {conn.uri} is already empty")
            return
        question = (
            f"Delete all {plural(nodes, 'node')} and {plural(rels, 'relationship')} of "
            f"database {db!r} at {conn.uri}? The schema is kept."
        )
        try:
            agreed = yes or typer.confirm(safe(question), default=False, err=True)
        except typer.Abort:  # end of input: no answer is no
            agreed = False
        if not yes and not sys.stdin.isatty():
            err.print()  # the answer was not echoed: end the prompt's line
        if not agreed:
            raise fail("nothing deleted")
        wipe(driver, database=db)
        apply_schema(driver, database=db)  # records the schema version the wipe took along
    finally:
        driver.close()
    echo(
        f"deleted {plural(nodes, 'node')} and {plural(rels, 'relationship')} from database "
        f"{db!r} at {conn.uri}; schema v{LATEST} kept"
    )


def schema_apply() -> None:
    """Create constraints and indexes (idempotent) and record the schema version."""
    from graph.schema import apply_schema

    with open_driver() as (driver, s):
        rep = apply_schema(driver, database=s.neo4j_database)
    echo(f"schema v{rep.from_version} -> v{rep.to_version}; created {len(rep.created)} object(s)")


def _raise_interrupt(sig: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def _ends_on_ctrl_c() -> Iterator[None]:
    """Ctrl-C (or SIGTERM) is how `serve` and `demo` end, whenever it comes (starting Neo4j,
    loading, serving): the command returns normally (exit 0) without a traceback."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    except (KeyboardInterrupt, asyncio.CancelledError):
        echo("interrupted", to=err)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _serve(config: Any) -> None:
    """Run uvicorn until Ctrl-C/SIGTERM. uvicorn re-raises the signal once it has shut down;
    that reached asyncio's runner, which cancelled the app's lifespan (a ~40-line traceback,
    every time Ctrl-C was pressed twice). Here a signal only asks for the shutdown; a second
    one stops waiting for open connections, and the app's own shutdown still runs."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            if self.should_exit:
                self.force_exit = True
            self.should_exit = True

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            await super().shutdown(sockets)
            if self.force_exit:  # uvicorn skips the lifespan shutdown on a forced exit
                await self.lifespan.shutdown()

    server = Server(config)
    server.run()
    if not server.started:  # uvicorn logged why (e.g. the port is taken)
        raise typer.Exit(EXIT_PROBLEM)


def _serve_workers(config: Any) -> None:
    """Run `config.workers` uvicorn worker processes on one socket until Ctrl-C/SIGTERM
    (uvicorn's supervisor: a dead worker is replaced, SIGINT/SIGTERM stop them all, each
    worker finishing its requests and its lifespan). Each worker builds the app from the
    factory, so each has its own driver; the parent has none."""
    from uvicorn.config import STARTUP_FAILURE
    from uvicorn.supervisors import Multiprocess

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    sock = config.bind_socket()  # a port in use: uvicorn logs it and exits 1
    try:
        supervisor = Multiprocess(config, sockets=[sock])
        supervisor.run()
    finally:
        sock.close()
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    if any(p.exitcode == STARTUP_FAILURE for p in supervisor.processes):
        raise typer.Exit(EXIT_PROBLEM)  # uvicorn logged why a worker could not start


def max_workers() -> int:
    """The most `serve --workers` accepts: twice the CPUs (a worker waits on Neo4j part of
    the time); more only adds processes, drivers and connections."""
    return 2 * (os.cpu_count() or 1)


def serve(
    host: str = typer.Option(None, help="bind address (default 127.0.0.1)"),
    port: int = typer.Option(None, help="port (default 8000)"),
    workers: int = typer.Option(
        1,
        help="worker processes, 1 to twice the CPU count; each has its own Neo4j driver",
    ),
) -> None:
    """Serve the API (and visualisations) with uvicorn until Ctrl-C."""
    import uvicorn

    from api.app import create_app, uvicorn_log_config

    if not 1 <= workers <= max_workers():
        raise fail(
            f"--workers {workers}: give 1 to {max_workers()} (twice the {os.cpu_count() or 1} "
            "CPUs of this machine); each worker is a process with its own Neo4j driver",
            EXIT_USAGE,
        )
    settings = get_settings()
    with _ends_on_ctrl_c():
        connection(settings, start=True)
        config = uvicorn.Config(
            "api.app:serving_app",
            factory=True,
            host=host or settings.api_host,
            port=port or settings.api_port,
            workers=workers,
            # uvicorn pings each worker's pipe and replaces one that has not answered in time;
            # its 5 s default killed workers still importing on a busy machine, for ever.
            timeout_worker_healthcheck=60,
            log_level="info",
            log_config=uvicorn_log_config(),  # no query strings in the access log
        )
        if workers == 1:
            _serve(config)
            return
        # The factory once here: a bad setting (ORGGRAPH_API_KEYS) is one clear error, not
        # workers that fail on import and are restarted forever.
        create_app(settings)
        _serve_workers(config)


def demo(
    host: str = typer.Option(None, help="bind address (default 127.0.0.1)"),
    port: int = typer.Option(None, help="API port (default 8000)"),
) -> None:
    """Start Neo4j, apply the schema, load the seed datasets and serve the API until Ctrl-C.

    Then it stops the Neo4j it started; one that was running already is left running."""
    import uvicorn

    from api.app import create_app, uvicorn_log_config
    from api.keys import ensure_demo_keys
    from graph.schema import apply_schema

    settings = get_settings()
    server = None if settings.neo4j_uri else local_server(settings)
    with _ends_on_ctrl_c():
        try:
            conn = server.start() if server else connection_from_settings(settings)
            echo(conn.describe(), to=err)
            driver = create_driver(conn)
            try:
                apply_schema(driver, database=settings.neo4j_database)
                _demo_load(driver, settings)
                settings = ensure_demo_keys(settings, echo=echo)
                app_ = create_app(settings, driver, settle=True)
                host = host or settings.api_host
                url = f"http://{host}:{port or settings.api_port}"
                echo(f"serving {url}  (API docs: {url}/docs; Ctrl-C to stop)")
                _serve(
                    uvicorn.Config(
                        app_,
                        host=host,
                        port=port or settings.api_port,
                        log_config=uvicorn_log_config(),  # no query strings in the access log
                    )
                )
            finally:
                driver.close()
        finally:
            _stop_if_started(server, settings)


def _stop_if_started(server: LocalServer | None, settings: Settings) -> None:
    """Stop the local Neo4j if this process started it; say which either way."""
    if server is None:
        echo(f"left the Neo4j at {settings.neo4j_uri} running (ORGGRAPH_NEO4J_URI)", to=err)
        return
    uri = server.connection().uri
    if not server.started:
        echo(
            f"left the Neo4j at {uri} running (it was running before); `orggraph db stop` stops it",
            to=err,
        )
        return
    echo(f"stopping the local Neo4j at {uri} …", to=err)
    try:
        server.stop()
    except KeyboardInterrupt:
        echo(f"interrupted: the Neo4j at {uri} may still run; `orggraph db stop` stops it", to=err)
        raise
    echo("stopped the local Neo4j started by this demo", to=err)


def _demo_load(driver: Driver, settings: Settings) -> None:
    """Load the seed datasets; a second demo finds 0 changes."""
    from loaders.load import load, summarise

    # Quotes are always checked: the cited documents ship in the repository (data/sources).
    report = load(
        driver,
        [settings.data_dir],
        database=settings.neo4j_database,
        sources_dir=settings.sources_dir,
    )
    for line in summarise(report)[-1:]:
        echo(f"seed datasets loaded: {line}; quotes checked against {settings.sources_dir}")


# The command line, in the order `orggraph --help` lists it (commands, then groups).
app.command("schema-apply")(schema_apply)
app.command("serve")(serve)
app.command("demo")(demo)
app.command("schema")(data.schema_cmd)
app.command("validate")(data.validate_cmd)
app.command("load")(data.load_cmd)
app.command("load-hr")(data.load_hr_cmd)
app.command("draft")(draft.draft_cmd)
app.command("queries")(query.list_queries)
app.command("query")(query.query_cmd)
app.command("cypher")(query.cypher_cmd)
app.command("export")(export.export_cmd)
app.command("import")(formats.import_cmd)
app.add_typer(db_app, name="db")
app.add_typer(viz.viz_app, name="viz")


def main() -> None:
    try:
        app()
    except ValidationFailed as e:
        print_problems(e.problems)
        fail(e.summary)
        sys.exit(EXIT_PROBLEM)
    except OrgGraphError as e:
        fail(str(e))
        sys.exit(EXIT_PROBLEM)
