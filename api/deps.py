"""Typed dependencies: the process-wide driver and settings, taken from the app state, and
`AnswerDep`, a library question answered with them; and the one place where a rows answer
becomes CSV (`result_format` and `RowsRoute`).

They are `async def` although they do not await: FastAPI runs a sync dependency in the
threadpool, and a thread hop per dependency cost more CPU than the rest of a request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.datastructures import DefaultPlaceholder
from fastapi.dependencies.utils import get_typed_return_annotation
from fastapi.routing import APIRoute
from neo4j import Driver

from api.models import CypherResult, PagedRows, Rows
from api.params import FormatQuery, ResultFormat
from api.rows_csv import rows_csv
from api.service import Asked, Refs, answer, answer_page
from graph.settings import Settings


async def get_driver(request: Request) -> Driver:
    driver: Driver = request.app.state.driver
    return driver


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DriverDep = Annotated[Driver, Depends(get_driver)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


@dataclass(frozen=True)
class Answerer:
    """`api.service.answer` bound to the request, its driver and settings: an endpoint passes
    only its question (query, parameters, references, free text asked, the scope `org`)."""

    request: Request
    driver: Driver
    settings: Settings

    async def __call__(
        self,
        query: str,
        params: dict[str, Any],
        refs: Refs | None = None,
        asked: Asked | None = None,
        org: str | None = None,
    ) -> Rows:
        return await answer(
            self.request, self.driver, self.settings, query, params, refs, asked, org
        )

    async def page(
        self,
        query: str,
        params: dict[str, Any],
        refs: Refs | None = None,
        asked: Asked | None = None,
        org: str | None = None,
    ) -> PagedRows:
        """One page of a paged query's answer (queries.paging), with its total."""
        return await answer_page(
            self.request, self.driver, self.settings, query, params, refs, asked, org
        )


async def get_answerer(request: Request) -> Answerer:
    """One dependency, not three: FastAPI solves each dependency of each request anew, and
    the driver and settings are the app's, fixed at startup."""
    state = request.app.state
    return Answerer(request, state.driver, state.settings)


AnswerDep = Annotated[Answerer, Depends(get_answerer)]


# -- results as CSV ----------------------------------------------------------------------------

CSV_MEDIA_TYPE = "text/csv"
MAX_ACCEPT_PARTS = 20
CSV_DOC = (
    "As CSV (RFC 4180, UTF-8, header line first) when asked with `?format=csv` or "
    "`Accept: text/csv`. One column per key of the JSON rows, in the same order; a text is the "
    "text itself, a number or true/false is written as in JSON, null is an empty cell, and a "
    "nested value (the `source` provenance map, lists) is compact JSON in its cell, so "
    "`json.loads` gives back the JSON value. Errors stay JSON."
)


def prefers_csv(accept: str) -> bool:
    """True when the Accept header ranks text/csv at least as high as JSON; a wildcard counts
    for JSON, so browsers and plain clients get JSON."""
    csv_q = json_q = 0.0
    for part in accept.split(",", MAX_ACCEPT_PARTS)[:MAX_ACCEPT_PARTS]:
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        if media == CSV_MEDIA_TYPE:
            csv_q = max(csv_q, q)
        elif media in {"application/json", "application/*", "*/*"}:
            json_q = max(json_q, q)
    return csv_q > 0 and csv_q >= json_q


async def result_format(request: Request, format_: FormatQuery = None) -> ResultFormat:
    """The format of a rows answer: `?format=` (an unknown value is a 422), else the Accept
    header. Kept on the request for RowsRoute, which renders the answer."""
    chosen: ResultFormat = format_ or (
        "csv" if prefers_csv(request.headers.get("accept", "")) else "json"
    )
    request.state.result_format = chosen
    return chosen


def _with_csv(responses: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """The route's documented responses with text/csv beside the JSON of its 200."""
    ok = dict(responses.get(200) or {})
    content = dict(ok.get("content") or {})
    example = (content.get("application/json") or {}).get("example")
    csv_doc: dict[str, Any] = {"schema": {"type": "string"}}
    if isinstance(example, dict):
        csv_doc["example"] = rows_csv(example)
    content.setdefault("application/json", {})
    content[CSV_MEDIA_TYPE] = csv_doc
    ok["content"] = content
    ok.setdefault("description", "The rows as JSON. " + CSV_DOC)
    return {**responses, 200: ok}


class RowsRoute(APIRoute):
    """A route that answers CSV too when its response model holds rows (Rows, CypherResult):
    it gains the `format` parameter and the text/csv documentation, and renders its JSON answer
    as CSV when asked. The one place CSV is made; a router opts in with route_class=RowsRoute."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        model = kwargs.get("response_model")
        if model is None or isinstance(model, DefaultPlaceholder):
            model = get_typed_return_annotation(endpoint)
        self.csv = model in (Rows, PagedRows, CypherResult)
        if self.csv:
            deps = list(kwargs.get("dependencies") or [])
            if not any(d.dependency is result_format for d in deps):  # include_router re-adds
                deps.append(Depends(result_format))
            kwargs["dependencies"] = deps
            kwargs["responses"] = _with_csv(dict(kwargs.get("responses") or {}))
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if not self.csv:
            return handler

        async def json_or_csv(request: Request) -> Response:
            response = await handler(request)
            if (
                getattr(request.state, "result_format", "json") != "csv"
                or response.status_code != 200
                or not isinstance(response.body, bytes)
            ):
                return response
            body = json.loads(response.body)
            name = re.sub(r"[^\w.-]", "_", str(body.get("query") or "cypher"))
            return Response(
                rows_csv(body),
                media_type=f"{CSV_MEDIA_TYPE}; charset=utf-8",
                headers={"Content-Disposition": f'inline; filename="{name}.csv"'},
            )

        return json_or_csv
