"""API keys and roles: every data endpoint needs a key; `/health` does not.

Keys come from ``settings.api_keys`` (``ORGGRAPH_API_KEYS="reader:KEY,analyst:KEY"``). A key is
checked against *every* configured key with ``hmac.compare_digest`` so the time taken does not
reveal which key (or how much of one) matched. Keys are never logged, echoed or put in errors.

`RequestGuard` runs before FastAPI reads a body: an `/api/` request that carries a body is
refused (401) unless its key is good, *before* one byte of the body is read, and every body is
bounded by ``settings.api_max_body_bytes`` (413: from Content-Length up front, or counted while
a chunked body streams in). FastAPI parses a JSON body before it resolves dependencies, so
without this two unauthenticated 20 MB bodies were parsed in full before their 401.

A 401 on a page (`/viz/...`) is a small HTML page that says how to give a key
(`install_key_pages`); the API (`/api/...`) keeps answering JSON.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, Security
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import APIKeyCookie, APIKeyHeader
from pydantic import SecretStr
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import ConfigError
from viz import message_html

# Higher rank includes the rights of lower ones: analyst ⊇ reader.
ROLE_RANK = {"reader": 1, "analyst": 2}
HEADER_NAME = "X-API-Key"
COOKIE_NAME = "orggraph_key"
NO_KEYS_MESSAGE = (
    "No API keys are configured, so every data endpoint refuses requests. Set "
    "ORGGRAPH_API_KEYS='reader:<key>,analyst:<key>' (roles: reader, analyst) and restart the "
    "API, or start it with `make demo`, which generates keys and prints them once."
)
MISSING_KEY_MESSAGE = f"missing API key: send it in the {HEADER_NAME} header"
UNKNOWN_KEY_MESSAGE = "unknown API key"
_CHALLENGE = {"WWW-Authenticate": "APIKey"}


@dataclass(frozen=True)
class Principal:
    """Who is calling: the role, and the key as a SHA-256 digest (per-key limits count by it);
    the key itself is dropped as soon as it is checked."""

    role: str
    key_id: str

    def has(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


@dataclass(frozen=True)
class Keyring:
    """The configured keys as (role, key bytes), and each key's digest (its `key_id`), worked
    out once when the app is created instead of on every request. Never shown (repr)."""

    entries: tuple[tuple[str, bytes], ...] = field(repr=False)
    ids: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        digests = tuple(hashlib.sha256(key).hexdigest() for _, key in self.entries)
        object.__setattr__(self, "ids", digests)

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

    def principal(self, key: str) -> Principal | None:
        """The highest role whose key equals `key`, with that key's digest; compared against
        all keys (no early exit), so the time taken does not tell which one matched."""
        given = key.encode("utf-8", errors="surrogateescape")
        found: int | None = None
        for i, (role, expected) in enumerate(self.entries):
            if hmac.compare_digest(given, expected) and (
                found is None or ROLE_RANK[role] > ROLE_RANK[self.entries[found][0]]
            ):
                found = i
        return None if found is None else Principal(self.entries[found][0], self.ids[found])

    def role_for(self, key: str) -> str | None:
        found = self.principal(key)
        return None if found is None else found.role


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
    principal = check_key(request.app.state.keyring, header_key or cookie_key)
    request.state.audit_role = principal.role
    return principal


def check_key(keyring: Keyring, key: str | None) -> Principal:
    """Who `key` is, or the 401 that `authenticate`, `RequestGuard` and `/session` give."""
    if keyring.empty:
        raise HTTPException(401, NO_KEYS_MESSAGE, headers=_CHALLENGE)
    if not key:
        raise HTTPException(401, MISSING_KEY_MESSAGE, headers=_CHALLENGE)
    principal = keyring.principal(key)
    if principal is None:
        raise HTTPException(401, UNKNOWN_KEY_MESSAGE, headers=_CHALLENGE)
    return principal


PAGES_PREFIX = "/viz"
_HOW_TO_GIVE_A_KEY = (
    "Vul je API-sleutel (rol reader of analyst) in op het overzicht via de link hieronder: de "
    "server bewaart hem in een cookie die geen script kan lezen, en daarna opent deze pagina. "
    f"Een programma stuurt de sleutel mee in de {HEADER_NAME}-header."
)
# (title, text) of the page per cause of a 401; texts in the language of the other pages.
KEY_PAGES: dict[str, tuple[str, str]] = {
    MISSING_KEY_MESSAGE: (
        "Sleutel nodig",
        "Deze pagina vraagt een API-sleutel. " + _HOW_TO_GIVE_A_KEY,
    ),
    UNKNOWN_KEY_MESSAGE: (
        "Onbekende sleutel",
        "Deze API-sleutel is onbekend. " + _HOW_TO_GIVE_A_KEY,
    ),
    NO_KEYS_MESSAGE: (
        "Geen sleutels ingesteld",
        "Er zijn geen API-sleutels ingesteld, dus geen pagina met gegevens opent. De beheerder "
        "zet ORGGRAPH_API_KEYS='reader:<sleutel>,analyst:<sleutel>' en herstart de API, of "
        "start `orggraph demo`, dat sleutels maakt en ze één keer toont.",
    ),
}


def install_key_pages(app: FastAPI) -> None:
    """A 401 on a page under PAGES_PREFIX answers an HTML page (a browser user reads it; the
    JSON was a dead end); every other HTTPException, and every 401 of the API, is FastAPI's own
    JSON answer, unchanged."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        path = request.url.path
        is_page = path == PAGES_PREFIX or path.startswith(PAGES_PREFIX + "/")
        if exc.status_code == 401 and is_page:
            title, text = KEY_PAGES.get(str(exc.detail), KEY_PAGES[MISSING_KEY_MESSAGE])
            headers = {**(exc.headers or {}), "Cache-Control": "no-store"}
            page = message_html(title, text, link_base=PAGES_PREFIX)
            return HTMLResponse(page, 401, headers=headers)
        return await http_exception_handler(request, exc)


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


GUARDED_PREFIX = "/api/"


class BodyTooLarge(Exception):
    """A request body passed the limit while it streamed in."""


class RequestGuard:
    """Pure ASGI middleware: key first, then a bounded body (see the module docstring).

    A body within the limit is read here (at most ``max_body`` bytes) and replayed to the app,
    so the app never pulls more than the limit from the connection.
    """

    def __init__(self, app: ASGIApp, keyring: Keyring, max_body: int) -> None:
        self.app = app
        self.keyring = keyring
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length_header = headers.get("content-length")
        chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        if length_header is None and not chunked:  # no body (a GET): nothing to guard
            await self.app(scope, receive, send)
            return
        try:
            length = int(length_header) if length_header is not None else None
        except ValueError:
            await JSONResponse({"detail": "invalid Content-Length header"}, 400)(
                scope, receive, send
            )
            return
        if str(scope.get("path", "")).startswith(GUARDED_PREFIX):
            cookies = cookie_parser(headers.get("cookie", ""))
            try:
                check_key(self.keyring, headers.get(HEADER_NAME) or cookies.get(COOKIE_NAME))
            except HTTPException as e:
                await JSONResponse({"detail": e.detail}, e.status_code, headers=e.headers)(
                    scope, receive, send
                )
                return
        if length is not None and length > self.max_body:
            await self._too_large(scope, receive, send)
            return
        try:
            body = await self._read(receive)
        except BodyTooLarge:
            await self._too_large(scope, receive, send)
            return
        if body is None:  # the client went away
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise BodyTooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = (
            f"request body too large: at most {self.max_body} bytes are accepted "
            "(ORGGRAPH_API_MAX_BODY_BYTES)"
        )
        # Connection: close: the rest of the body is never read, so the connection cannot be
        # reused for another request.
        await JSONResponse({"detail": detail}, 413, headers={"Connection": "close"})(
            scope, receive, send
        )
