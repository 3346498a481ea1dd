"""The Neo4j a command uses: chosen once, reported in one line on stderr, its driver closed on
exit. Every area's commands open it here, so the choice reads the same everywhere."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver

from api.cli.output import echo, err
from graph.connection import Connection, connection_from_settings
from graph.db import create_driver
from graph.settings import Settings, get_settings


def connection(settings: Settings, *, start: bool = True) -> Connection:
    """The Neo4j to use (a local server started first when `start`), reported in one line."""
    conn = connection_from_settings(settings, start=start)
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


__all__ = ["connection", "open_driver"]
