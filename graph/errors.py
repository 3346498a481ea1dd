"""The error hierarchy: one root, so callers can catch everything orggraph raises.

Only `api/` maps these to HTTP statuses; library code raises them with a message that says
what went wrong, where, and how to fix it.
"""

from __future__ import annotations

from typing import Any


class OrgGraphError(Exception):
    """Root of every error orggraph raises on purpose."""


class ConfigError(OrgGraphError):
    """Settings or the environment make the requested action impossible."""


class Neo4jUnavailable(OrgGraphError):
    """Neo4j cannot be reached or refused us (down, wrong address, wrong password)."""


class NotFound(OrgGraphError):
    """An id or name matched nothing; `suggestions` holds the closest matches."""

    def __init__(self, what: str, suggestions: list[str] | None = None) -> None:
        self.what = what
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"{what} not found.{hint}")


class Ambiguous(OrgGraphError):
    """A name matched several entities; the caller must pick one by id."""

    def __init__(self, what: str, candidates: list[dict[str, str]]) -> None:
        self.what = what
        self.candidates = candidates
        ids = ", ".join(c.get("id", "?") for c in candidates)
        super().__init__(f"{what} is ambiguous; candidates: {ids}")


class ValidationFailed(OrgGraphError):
    """Dataset files are invalid; `problems` lists every problem with file:line:col."""

    def __init__(self, problems: list[Any], message: str | None = None) -> None:
        self.problems = problems
        super().__init__(message or f"{len(problems)} validation problem(s); nothing was written")


class QueryError(OrgGraphError):
    """A library query or parameter set is invalid, or Cypher failed on user input."""


class ReadOnlyViolation(QueryError):
    """An ad-hoc query tried to write, change the schema or administer the server."""


class LoadConflict(OrgGraphError):
    """A concurrent load of the same data won; this one wrote nothing."""
