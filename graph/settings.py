"""The one place orggraph reads its configuration (env prefix ``ORGGRAPH_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every knob of orggraph. Nothing else reads ``os.environ``."""

    model_config = SettingsConfigDict(env_prefix="ORGGRAPH_", extra="ignore")

    # An explicit server: when set, orggraph starts nothing and uses it.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"

    # Local server (Docker or Maven jars) options.
    home: Path = Field(default=PROJECT_ROOT / ".neo4j", description="local Neo4j home")
    bolt_port: int = 7687
    http_port: int | None = None  # HTTP is off unless a port is given
    heap: str = "512m"
    pagecache: str = "256m"
    start_timeout_s: float = 90.0
    # Class data sharing for the jar server's JVM (graph.server.ClassArchive): the first
    # server that stops writes the classes it loaded, later starts map them.
    class_archive: bool = True
    # Seconds a cached Cypher plan is kept before a change in the graph's statistics may
    # replan it (Neo4j's dbms.cypher.min_replan_interval; None: Neo4j's 10 s). Replanning
    # one of the library's queries costs 1-2.5 CPU-s (measured), so a server whose graph is
    # wiped and reloaded again and again (the test suite's) keeps its plans longer.
    cypher_min_replan_s: int | None = Field(default=None, ge=1, le=86_400)
    backend: Literal["auto", "docker", "jars"] = "auto"  # auto: Docker if an engine answers
    docker_image: str = "neo4j:5.26-community"

    # Ad-hoc Cypher safety: every bound is checked before or while the query runs.
    cypher_timeout_s: float = 10.0
    cypher_row_limit: int = 1000
    cypher_max_chars: int = 10_000  # statement length, refused before anything is sent
    cypher_max_nesting: int = 50  # brackets inside brackets ([[[…]]]): deeper is refused
    cypher_max_response_bytes: int = 5 * 1024 * 1024  # rows beyond it: truncated, as the row limit
    cypher_concurrency_per_key: int = 2  # running ad-hoc queries per API key; more: 429

    # API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_keys: SecretStr | None = None  # comma-separated role:key
    api_max_body_bytes: int = 1024 * 1024  # larger request bodies: 413, before parsing
    audit_log: Path = Field(default=PROJECT_ROOT / ".orggraph" / "audit.log")
    viz_node_budget: int = 500

    # Data.
    data_dir: Path = PROJECT_ROOT / "data"
    # The documents the datasets cite; kept in the repository so a clone checks every quote.
    sources_dir: Path = PROJECT_ROOT / "data" / "sources"

    @property
    def password_file(self) -> Path:
        """Where the generated password of the local server lives (mode 0600)."""
        return self.home / "password"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process; a bad value is a ConfigError naming its variable."""
    try:
        return Settings()
    except ValidationError as e:
        raise ConfigError(_describe(e)) from None


def _describe(e: ValidationError) -> str:
    """`ORGGRAPH_BACKEND='dockr': Input should be 'auto', 'docker' or 'jars'`, one per bad
    variable (the input echoed short: it may be long, and the names say where to fix it)."""
    prefix = Settings.model_config.get("env_prefix", "")
    problems = []
    for error in e.errors(include_url=False):
        field = Settings.model_fields.get(str(error["loc"][0])) if error["loc"] else None
        name = prefix + "_".join(str(part) for part in error["loc"]).upper()
        if field is not None and SecretStr in (field.annotation, *get_args(field.annotation)):
            problems.append(f"{name}: {error['msg']}")  # a secret is never echoed
            continue
        value = repr(error.get("input"))
        if len(value) > 60:
            value = value[:57] + "…"
        problems.append(f"{name}={value}: {error['msg']}")
    return f"invalid setting{'s' if len(problems) > 1 else ''} " + "; ".join(problems)
