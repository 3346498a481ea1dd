"""Where Neo4j is and which credentials reach it, decided from the settings.

An explicit server (ORGGRAPH_NEO4J_URI) wins and nothing is started; otherwise the local server
of graph.server (Docker or jars) is the answer. Running that server is graph.server's business.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import ConfigError
from graph.settings import Settings


@dataclass(frozen=True)
class Connection:
    """Where and how to reach Neo4j, and how we found out (for the one-line report)."""

    uri: str
    user: str
    password: str
    database: str
    origin: str

    def describe(self) -> str:
        return f"using Neo4j at {self.uri} ({self.origin})"

    def __repr__(self) -> str:  # never show the password
        return f"Connection(uri={self.uri!r}, user={self.user!r}, origin={self.origin!r})"


def connection_from_settings(settings: Settings, *, start: bool = False) -> Connection:
    """Step 1: an explicit URI wins and nothing is started. Else the local server's (started
    first when `start`)."""
    if settings.neo4j_uri:
        if settings.neo4j_password is None:
            raise ConfigError(
                "ORGGRAPH_NEO4J_URI is set but ORGGRAPH_NEO4J_PASSWORD is not; set both."
            )
        return Connection(
            uri=settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database,
            origin="ORGGRAPH_NEO4J_URI",
        )
    # Imported here: graph.server builds on Connection, and a process given a server never
    # loads the local-server machinery (nor reads its pom.xml).
    from graph.server import local_server

    server = local_server(settings)
    return server.start() if start else server.connection()


__all__ = ["Connection", "connection_from_settings"]
