"""Contract tests: schemathesis generates requests from the RUNNING API's own OpenAPI document.

Every JSON operation under /api/v1 is called over real HTTP (uvicorn in a subprocess, seed data
loaded) with an analyst key; no response may be a 5xx, and every response must use a documented
status code and content type and match the schema published for it. The HTML pages (`/`,
`/viz/...`) are left out: their schema is `text/html`, nothing to validate against.

`make stress` raises the example count through ORGGRAPH_STRESS_EXAMPLES.
"""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import Any

import hypothesis_jsonschema._from_schema as hjs_from_schema
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.internal.conjecture import utils as conjecture_utils
from requests.structures import CaseInsensitiveDict
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import BaseOpenAPISchema

from api.app import create_app
from graph.settings import Settings
from tests.api.live import LiveAPI
from tests.stress_stats import count

pytestmark = pytest.mark.reliability("5xx")

STRESS = bool(os.environ.get("ORGGRAPH_STRESS_EXAMPLES"))
EXAMPLES = max(5, int(os.environ.get("ORGGRAPH_STRESS_EXAMPLES", "0")) // 100)
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)


# FastAPI publishes OpenAPI 3.1, which schemathesis 3.x validates only with this switched on.
schemathesis.experimental.OPEN_API_3_1.enable()


class _LegacyMany:
    """The `while elements.more(): ... elements.reject()` protocol hypothesis-jsonschema 0.23
    (schemathesis 3.x) drives, on top of the context-manager `many` of newer Hypothesis, which
    dropped `more()`: without this every object schema (query parameters included) fails with
    "'many' object has no attribute 'more'" before a single request is sent."""

    def __init__(self, data: Any, **kwargs: Any) -> None:
        self._many = conjecture_utils.many(data, **kwargs)
        self._many.__enter__()
        self._elements = iter(self._many)

    def more(self) -> bool:
        try:
            next(self._elements)
        except StopIteration:
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


if not hasattr(conjecture_utils.many, "more"):
    # Only hypothesis-jsonschema's reference is replaced; Hypothesis itself is left alone.
    # (`cu` is that module's private import, a module: a namespace stands in for it on purpose.)
    hjs_from_schema.cu = SimpleNamespace(  # type: ignore[attr-defined,assignment]
        **{**vars(conjecture_utils), "many": _LegacyMany}
    )


@pytest.fixture(scope="module")
def api_schema(live: LiveAPI) -> BaseOpenAPISchema:
    return schemathesis.from_uri(f"{live.root}/openapi.json", base_url=live.root)


def _json_operations() -> list[tuple[str, str]]:
    """(METHOD, path) of every /api/v1 operation, for test ids; the live document is checked to
    list exactly these, so none is skipped silently."""
    spec = create_app(Settings()).openapi()
    return [
        (method.upper(), path)
        for path, ops in spec["paths"].items()
        if path.startswith("/api/v1/")
        for method in ops
    ]


OPERATIONS = _json_operations()

# Known API bugs found by this test: each is xfail(strict=True), so a fix shows up as XPASS.
# (The 422 body/schema mismatch it found is fixed: ErrorBody.detail admits FastAPI's list.)
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _param(method: str, path: str) -> Any:
    bug = KNOWN_BUGS.get((method, path))
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(method, path, id=f"{method} {path}", marks=marks)


def test_live_document_lists_the_tested_operations(api_schema: BaseOpenAPISchema) -> None:
    live_ops = {
        (method.upper(), path)
        for path, ops in api_schema.raw_schema["paths"].items()
        if path.startswith("/api/v1/")
        for method in ops
    }
    assert live_ops == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), [_param(m, p) for m, p in OPERATIONS])
def test_operation_honours_its_openapi_contract(
    method: str, path: str, api_schema: BaseOpenAPISchema, live: LiveAPI
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=not STRESS,  # reproducible in `make test`; random under `make stress`
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case: schemathesis.Case) -> None:
        # Authentication is fixed to the analyst key (test_api_auth.py covers keys): the
        # optional `X-API-Key` header and `orggraph_key` cookie the schema declares are not
        # generated.
        case.headers = CaseInsensitiveDict({"X-API-Key": live.key})  # the type Case declares
        case.cookies = {}
        count("requests")
        case.call_and_validate(base_url=live.root, checks=CHECKS, timeout=30)

    check()
