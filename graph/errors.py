"""The error hierarchy: one root, so callers can catch everything orggraph raises.

Only `api/` maps these to HTTP statuses; library code raises them with a message that says
what went wrong, where, and how to fix it. Driver errors become these in one place,
`translate_driver_errors` (httpx's `map_httpcore_exceptions` pattern).

    OrgGraphError
    ├── ConfigError            settings or environment make the action impossible
    ├── Neo4jUnavailable       Neo4j down, unreachable, or refusing the credentials (503)
    ├── NotFound               an id or name matched nothing; carries suggestions (404)
    ├── Ambiguous              a name matched several entities; carries candidates (409)
    ├── ValidationFailed       dataset files invalid; carries every Problem (422)
    ├── UnresolvedSource       a fact has no source of its own nor a dataset default
    ├── QueryError             a query, a parameter or user Cypher is invalid (422)
    │   └── ReadOnlyViolation  ad-hoc Cypher tried to write or administer (403)
    ├── LoadConflict           a concurrent load won; this one wrote nothing (409)
    └── ViewError              a view cannot be drawn
        ├── NothingToShow      the view's query found nothing (404)
        └── ViewTooLarge       the view exceeds its node/edge budget (422)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)


class OrgGraphError(Exception):
    """Root of every error orggraph raises on purpose."""


class ConfigError(OrgGraphError):
    """Settings or the environment make the requested action impossible."""


class Neo4jUnavailable(OrgGraphError):
    """Neo4j cannot be reached or refused us (down, wrong address, wrong password)."""


class NotFound(OrgGraphError):
    """An id or name matched nothing; `suggestions` holds the closest matches (`candidates`,
    when given, the same as {id, name, kind, organisation, path})."""

    def __init__(
        self,
        what: str,
        suggestions: list[str] | None = None,
        candidates: list[dict[str, Any]] | None = None,
    ) -> None:
        self.what = what
        self.suggestions = suggestions or []
        self.candidates = candidates or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"{what} not found.{hint}")


class Ambiguous(OrgGraphError):
    """A name matched several entities; the caller must pick one by id."""

    def __init__(self, what: str, candidates: list[dict[str, Any]]) -> None:
        self.what = what
        self.candidates = candidates
        ids = ", ".join(c.get("id", "?") for c in candidates)
        super().__init__(f"{what} is ambiguous; candidates: {ids}")


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing wrong in an input file, where an editor can jump to it."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class ValidationFailed(OrgGraphError):
    """Dataset files are invalid; `problems` lists every problem with file:line:col.

    The message names the first few problems, so a log or a failing test says what is wrong
    without a debugger; `summary` is the count alone, for a CLI that prints them all."""

    SHOWN = 5

    def __init__(self, problems: Sequence[Problem], message: str | None = None) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        self.summary = message or (f"{n} problem{'' if n == 1 else 's'}; nothing was written")
        first = "".join(f"\n  {p}" for p in self.problems[: self.SHOWN])
        more = f"\n  ... and {n - self.SHOWN} more" if n > self.SHOWN else ""
        super().__init__(f"{self.summary}:{first}{more}" if n else self.summary)


class UnresolvedSource(OrgGraphError):
    """A fact has neither its own source nor defaults.source; validation reports it first."""


class QueryError(OrgGraphError):
    """A library query or parameter set is invalid, or Cypher failed on user input."""


class ReadOnlyViolation(QueryError):
    """An ad-hoc query tried to write, change the schema or administer the server."""


class LoadConflict(OrgGraphError):
    """A concurrent load of the same data won; this one wrote nothing."""


class ViewError(OrgGraphError):
    """A view cannot be drawn from what the graph holds."""


class NothingToShow(ViewError):
    """The view's query found nothing to draw (an unknown or empty start)."""


class ViewTooLarge(ViewError):
    """The view exceeds the node budget even with everything below the first level folded."""

    def __init__(self, message: str, *, nodes: int, budget: int) -> None:
        super().__init__(message)
        self.message = message
        self.nodes = nodes
        self.budget = budget


@contextmanager
def translate_driver_errors(
    what: str | None = None,
    *,
    unreachable: str = "Neo4j is not reachable",
) -> Iterator[None]:
    """Driver errors raised in the block, as OrgGraphErrors (the original kept as `__cause__`).

    `what` names the work in messages ("query 'search'"); `unreachable` words the lost
    connection. Errors the caller handles itself (a constraint clash in a load) are caught
    inside the block; orggraph's own errors pass through untouched.
    """
    doing = f"{what} " if what else ""
    try:
        yield
    except OrgGraphError:
        raise
    except AuthError as e:
        raise Neo4jUnavailable(f"Neo4j refused the credentials: {e.message}") from e
    except (ServiceUnavailable, SessionExpired, OSError) as e:
        raise Neo4jUnavailable(f"{unreachable}: {e}") from e
    except ClientError as e:
        raise QueryError(f"{doing}failed: {e.message}") from e
    except Neo4jError as e:  # transient or database errors: the server could not answer
        raise Neo4jUnavailable(f"{doing}could not run: {e.message}") from e
    except (ValueError, OverflowError, TypeError) as e:  # the driver could not encode a param
        prefix = f"{what}: " if what else ""
        raise QueryError(f"{prefix}a parameter cannot be sent to Neo4j: {e}") from e
    except DriverError as e:
        raise Neo4jUnavailable(f"{doing}could not run: {e}") from e
