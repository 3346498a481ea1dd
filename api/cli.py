"""The `orggraph` command line. Each area registers its commands from its own module."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from neo4j import Driver
from rich.console import Console
from rich.markup import escape

from graph.db import create_driver
from graph.errors import OrgGraphError, ValidationFailed
from graph.server import Connection, local_server, resolve_connection
from graph.settings import Settings, get_settings

app = typer.Typer(
    name="orggraph",
    help="Organisational knowledge graph for police zones, every fact cited.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Run a local Neo4j (Docker or Maven jars).", no_args_is_help=True)
app.add_typer(db_app, name="db")

out = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(code)


def connection(settings: Settings, *, start: bool = True) -> Connection:
    """Resolve (and, for a local server, start) Neo4j, reporting the choice in one line."""
    conn = resolve_connection(settings, start=start)
    err.print(conn.describe(), highlight=False)
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
        out.print(f"ORGGRAPH_NEO4J_URI is set ({settings.neo4j_uri}): nothing to start.")
        return
    server = local_server(settings)
    conn = server.start()
    st = server.status()
    out.print(f"{conn.describe()}; version {st.version}; pid {st.pid}")


@db_app.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j (SIGTERM, then wait)."""
    server = local_server(get_settings())
    out.print("stopped" if server.stop() else "not running")


@db_app.command("status")
def db_status() -> None:
    """URI, version, pid and data directory of the local Neo4j."""
    settings = get_settings()
    if settings.neo4j_uri:
        with open_driver(start=False) as (driver, s):
            from graph.db import server_version

            out.print(
                f"uri: {s.neo4j_uri}\nversion: {server_version(driver, database=s.neo4j_database)}"
            )
        return
    st = local_server(settings).status()
    out.print(
        f"backend: {st.backend}\nuri: {st.uri}\nrunning: {st.running}\nversion: {st.version}\n"
        f"pid: {st.pid}\ndata: {st.data_dir}",
        highlight=False,
    )
    if not st.running:
        raise typer.Exit(3)


@db_app.command("logs")
def db_logs(lines: int = typer.Option(50, "--lines", "-n", help="how many lines")) -> None:
    """The last lines of the local Neo4j's log."""
    out.print(local_server(get_settings()).logs(lines), highlight=False, markup=False)


@app.command("schema-apply")
def schema_apply() -> None:
    """Create constraints and indexes (idempotent) and record the schema version."""
    from graph.schema import apply_schema

    with open_driver() as (driver, s):
        rep = apply_schema(driver, database=s.neo4j_database)
    out.print(
        f"schema v{rep.from_version} -> v{rep.to_version}; created {len(rep.created)} object(s)"
    )


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
        settings = ensure_demo_keys(
            settings, echo=lambda s: out.print(s, markup=False, highlight=False)
        )
        app_ = create_app(settings, driver)
        host = host or settings.api_host
        url = f"http://{host}:{port or settings.api_port}"
        out.print(f"serving {url}  (API docs: {url}/docs; Ctrl-C to stop)")
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
        out.print(f"seed datasets loaded: {line}", highlight=False)


def _register_areas() -> None:
    """Commands of other areas live beside their code; import them for their side effect."""
    import importlib

    for module in ("api.cli_data", "api.cli_query", "api.cli_viz", "api.cli_export"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise


def main() -> None:
    _register_areas()
    try:
        app()
    except ValidationFailed as e:
        for problem in e.problems:
            err.print(str(problem), highlight=False, markup=False)
        err.print(f"[bold red]error:[/] {escape(str(e))}")
        sys.exit(1)
    except OrgGraphError as e:
        err.print(f"[bold red]error:[/] {escape(str(e))}", highlight=False)
        sys.exit(1)
