"""API keys and roles: every data endpoint needs a key; `/health` does not.

Keys come from ``settings.api_keys`` (``ORGGRAPH_API_KEYS="reader:KEY,analyst:KEY"``). A key is
checked against *every* configured key with ``hmac.compare_digest`` so the time taken does not
reveal which key (or how much of one) matched. Keys are never logged, echoed or put in errors.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyCookie, APIKeyHeader
from pydantic import SecretStr

from graph.errors import ConfigError

# Higher rank includes the rights of lower ones: analyst ⊇ reader.
ROLE_RANK = {"reader": 1, "analyst": 2}
HEADER_NAME = "X-API-Key"
COOKIE_NAME = "orggraph_key"
NO_KEYS_MESSAGE = (
    "No API keys are configured, so every data endpoint refuses requests. Set "
    "ORGGRAPH_API_KEYS='reader:<key>,analyst:<key>' (roles: reader, analyst) and restart the "
    "API, or start it with `make demo`, which generates keys and prints them once."
)
_CHALLENGE = {"WWW-Authenticate": "APIKey"}


@dataclass(frozen=True)
class Keyring:
    """The configured keys as (role, key bytes); parsed once when the app is created."""

    entries: tuple[tuple[str, bytes], ...]

    @classmethod
    def parse(cls, raw: SecretStr | None) -> Keyring:
        """Parse ``role:key,role:key``; a malformed entry is a ConfigError that names its
        position and role but never the key."""
        text = raw.get_secret_value() if raw is not None else ""
        entries: list[tuple[str, bytes]] = []
        for pos, item in enumerate((s.strip() for s in text.split(",")), start=1):
            if not item:
                continue
            role, sep, key = item.partition(":")
            role, key = role.strip(), key.strip()
            if not sep or not key:
                raise ConfigError(
                    f"ORGGRAPH_API_KEYS entry {pos} is not 'role:key' (roles: "
                    f"{', '.join(ROLE_RANK)})"
                )
            if role not in ROLE_RANK:
                raise ConfigError(
                    f"ORGGRAPH_API_KEYS entry {pos} has unknown role {role!r}; use one of "
                    f"{', '.join(ROLE_RANK)}"
                )
            entries.append((role, key.encode("utf-8")))
        return cls(tuple(entries))

    @property
    def empty(self) -> bool:
        return not self.entries

    def role_for(self, key: str) -> str | None:
        """The highest role whose key equals `key`, comparing against all keys (no early exit)."""
        given = key.encode("utf-8", errors="surrogateescape")
        found: str | None = None
        for role, expected in self.entries:
            if hmac.compare_digest(given, expected) and (
                found is None or ROLE_RANK[role] > ROLE_RANK[found]
            ):
                found = role
        return found


@dataclass(frozen=True)
class Principal:
    """Who is calling: only the role; the key itself is dropped as soon as it is checked."""

    role: str

    def has(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


_header = APIKeyHeader(
    name=HEADER_NAME,
    auto_error=False,
    description="API key (role reader or analyst), from ORGGRAPH_API_KEYS.",
)
_cookie = APIKeyCookie(
    name=COOKIE_NAME,
    auto_error=False,
    description="The same API key as a cookie, for the visualisation pages.",
)


async def authenticate(
    request: Request,
    header_key: Annotated[str | None, Security(_header)],
    cookie_key: Annotated[str | None, Security(_cookie)],
) -> Principal:
    """401 unless a configured key is given (header first, then cookie).

    `async def` (like the role checks below) only so that FastAPI calls it on the event loop
    instead of the threadpool: it never blocks.
    """
    keyring: Keyring = request.app.state.keyring
    if keyring.empty:
        raise HTTPException(401, NO_KEYS_MESSAGE, headers=_CHALLENGE)
    key = header_key or cookie_key
    if not key:
        raise HTTPException(
            401, f"missing API key: send it in the {HEADER_NAME} header", headers=_CHALLENGE
        )
    role = keyring.role_for(key)
    if role is None:
        raise HTTPException(401, "unknown API key", headers=_CHALLENGE)
    request.state.audit_role = role
    return Principal(role)


async def require_reader(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
    return principal


async def require_analyst(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
    """403 for a valid key whose role is below analyst."""
    if not principal.has("analyst"):
        raise HTTPException(
            403, f"this endpoint needs the analyst role; your role is {principal.role}"
        )
    return principal


ReaderDep = Annotated[Principal, Depends(require_reader)]
AnalystDep = Annotated[Principal, Depends(require_analyst)]
