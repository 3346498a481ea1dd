"""The `orggraph` command line. Each area registers its commands from its own module.

Output goes through api.cli_output (escaped, never interpreted as markup, one line per problem);
`out`, `err` and `fail` are re-exported here for the area modules.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from neo4j import Driver
from rich.text import Text

from api.cli_output import (
    EXIT_CODES_HELP,
    EXIT_PROBLEM,
    echo,
    err,
    fail,
    out,
    plural,
    print_problems,
    safe,
)
from graph.db import create_driver
from graph.errors import OrgGraphError, ValidationFailed
from graph.server import Connection, local_server, resolve_connection
from graph.settings import Settings, get_settings

__all__ = ["app", "connection", "db_app", "err", "fail", "main", "open_driver", "out"]

app = typer.Typer(
    name="orggraph",
    help="Organisational knowledge graph for police zones, every fact cited.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Run a local Neo4j (Docker or Maven jars).", no_args_is_help=True)
app.add_typer(db_app, name="db")


def connection(settings: Settings, *, start: bool = True) -> Connection:
    """Resolve (and, for a local server, start) Neo4j, reporting the choice in one line."""
    conn = resolve_connection(settings, start=start)
    echo(conn.describe(), to=err)
    return conn


@contextmanager
def open_driver(*, start: bool = True) -> Iterator[tuple[Driver, Settings]]:
    """One driver for the command's lifetime."""
    settings = get_settings()
    driver = create_driver(connection(settings, start=start))
    try:
        yield driver, settings
    finally:
        driver.close()


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


@app.command("schema-apply")
def schema_apply() -> None:
    """Create constraints and indexes (idempotent) and record the schema version."""
    from graph.schema import apply_schema

    with open_driver() as (driver, s):
        rep = apply_schema(driver, database=s.neo4j_database)
    echo(f"schema v{rep.from_version} -> v{rep.to_version}; created {len(rep.created)} object(s)")


@app.command("serve")
def serve(
    host: str = typer.Option(None, help="bind address (default 127.0.0.1)"),
    port: int = typer.Option(None, help="port (default 8000)"),
) -> None:
    """Serve the API (and visualisations) with uvicorn."""
    import uvicorn

    settings = get_settings()
    connection(settings, start=True)
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host or settings.api_host,
        port=port or settings.api_port,
        log_level="info",
    )


@app.command("demo")
def demo(
    host: str = typer.Option(None, help="bind address (default 127.0.0.1)"),
    port: int = typer.Option(None, help="API port (default 8000)"),
) -> None:
    """Start Neo4j, apply the schema, load the seed datasets and serve the API until Ctrl-C."""
    import uvicorn

    from api.app import create_app
    from api.keys import ensure_demo_keys
    from graph.schema import apply_schema

    settings = get_settings()
    conn = connection(settings, start=True)
    driver = create_driver(conn)
    try:
        apply_schema(driver, database=settings.neo4j_database)
        _demo_load(driver, settings)
        settings = ensure_demo_keys(settings, echo=echo)
        app_ = create_app(settings, driver)
        host = host or settings.api_host
        url = f"http://{host}:{port or settings.api_port}"
        echo(f"serving {url}  (API docs: {url}/docs; Ctrl-C to stop)")
        uvicorn.run(app_, host=host, port=port or settings.api_port)
    finally:
        driver.close()


def _demo_load(driver: Driver, settings: Settings) -> None:
    """Load the seed datasets; a second demo finds 0 changes."""
    from loaders.load import load, summarise

    sources = settings.sources_dir if settings.sources_dir.is_dir() else None
    report = load(
        driver, [settings.data_dir], database=settings.neo4j_database, sources_dir=sources
    )
    for line in summarise(report)[-1:]:
        echo(f"seed datasets loaded: {line}")


def _register_areas() -> None:
    """Commands of other areas live beside their code; import them for their side effect."""
    import importlib

    for module in ("api.cli_data", "api.cli_query", "api.cli_viz", "api.cli_export"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise


def _problems_summary(e: ValidationFailed, count: int) -> str:
    """The raiser's one-line summary ('4 problems in 1 file'), its default '6 validation
    problem(s); nothing was written' worded as '6 problems; nothing was written'."""
    summary = str(getattr(e, "summary", None) or e).splitlines()[0]
    return re.sub(r"^\d+ validation problem(\(s\)|s)?", plural(count, "problem"), summary)


def main() -> None:
    _register_areas()
    try:
        app()
    except ValidationFailed as e:
        n = print_problems(e.problems)
        fail(_problems_summary(e, n))
        sys.exit(EXIT_PROBLEM)
    except OrgGraphError as e:
        fail(str(e))
        sys.exit(EXIT_PROBLEM)
