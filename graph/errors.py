"""The error hierarchy: one root, so callers can catch everything orggraph raises.

Only `api/` maps these to HTTP statuses; library code raises them with a message that says
what went wrong, where, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Sequence


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
    """Dataset files are invalid; `problems` lists every problem with file:line:col.

    The message names the first few problems, so a log or a failing test says what is wrong
    without a debugger; `summary` is the count alone, for a CLI that prints them all."""

    SHOWN = 5

    def __init__(self, problems: Sequence[object], message: str | None = None) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        self.summary = message or (f"{n} problem{'' if n == 1 else 's'}; nothing was written")
        first = "".join(f"\n  {p}" for p in self.problems[: self.SHOWN])
        more = f"\n  ... and {n - self.SHOWN} more" if n > self.SHOWN else ""
        super().__init__(f"{self.summary}:{first}{more}" if n else self.summary)


class QueryError(OrgGraphError):
    """A library query or parameter set is invalid, or Cypher failed on user input."""


class ReadOnlyViolation(QueryError):
    """An ad-hoc query tried to write, change the schema or administer the server."""


class LoadConflict(OrgGraphError):
    """A concurrent load of the same data won; this one wrote nothing."""
