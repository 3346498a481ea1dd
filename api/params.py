"""The query and path parameters the routers share, each declared once with its bounds, so
every endpoint that takes an entity, a date or free text accepts the same input.

A builder (`ref_path`, `ref_query`, `text_query`, `limit_query`) keeps the bounds and leaves
the description and examples to the endpoint, whose docs say what the value means there.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from fastapi.openapi.models import Example

from queries import paging

MAX_REF = 200  # an id, name or abbreviation
MAX_TEXT = 500  # free text: search words, a task
MAX_LIMIT = 100  # rows a text search returns at most


def ref_path(description: str, **examples: Example) -> Any:
    """A path parameter naming an entity by id, name or abbreviation."""
    return Path(
        min_length=1, max_length=MAX_REF, description=description, openapi_examples=examples
    )


def ref_query(description: str, *, alias: str | None = None, **examples: Example) -> Any:
    """A required query parameter naming an entity by id, name or abbreviation."""
    return Query(
        alias=alias,
        min_length=1,
        max_length=MAX_REF,
        description=description,
        openapi_examples=examples,
    )


def text_query(description: str, **examples: Example) -> Any:
    """Required free text (words, in Dutch or English)."""
    return Query(
        min_length=1, max_length=MAX_TEXT, description=description, openapi_examples=examples
    )


def limit_query(what: str) -> Any:
    return Query(ge=1, le=MAX_LIMIT, description=f"maximum number of {what}")


# A page of a long answer (queries.paging): the bounds the queries' headers declare.
PageLimit = Annotated[
    int,
    Query(
        ge=1,
        le=paging.MAX_LIMIT,
        description=f"rows per page, 1 to {paging.MAX_LIMIT} (default {paging.DEFAULT_LIMIT}); "
        "the answer's `total` says how many rows there are in all",
    ),
]
PageOffset = Annotated[
    int,
    Query(
        ge=0,
        le=paging.MAX_OFFSET,
        description=f"rows to skip, 0 to {paging.MAX_OFFSET}: the next page starts at "
        "offset + limit",
    ),
]

AsOf = Annotated[
    dt.date | None,
    Query(
        description="only facts valid on this date (ISO YYYY-MM-DD); default: all current facts",
        openapi_examples={"2024": Example(summary="on 1 January 2024", value="2024-01-01")},
    ),
]
IncludePlanned = Annotated[
    bool,
    Query(description="also show planned structure (announced, not yet in force), flagged as such"),
]
OrgRef = Annotated[
    str,
    ref_path(
        "organisation (or unit) id, name or abbreviation",
        zone=Example(summary="zone 001", value="zone-001"),
    ),
]
OrgOption = Annotated[
    str | None,
    Query(
        max_length=MAX_REF,
        description="the organisation represented: id, name or abbreviation",
        openapi_examples={"zone": Example(summary="zone 000", value="zone-000")},
    ),
]
ScopeOrg = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=MAX_REF,
        description="look only within this organisation (id, name or abbreviation): names "
        "are resolved inside it (README, 'How names are resolved') and the answer is limited "
        "to it where the question allows",
        openapi_examples={"zone": Example(summary="zone 000", value="zone-000")},
    ),
]
KindFilter = Annotated[
    str | None,
    Query(
        max_length=40,
        description="only entities of this kind (Organisation, Unit, Post, Role, Person, "
        "PartnerBody, Forum, Domain, Plan, Task …)",
        openapi_examples={"posts": Example(summary="posts", value="Post")},
    ),
]
OrgType = Annotated[
    str | None,
    Query(
        max_length=100,
        description="only this type (police_zone, federal_police, city, prosecutor …)",
        openapi_examples={"zones": Example(summary="police zones", value="police_zone")},
    ),
]
Levels = Annotated[
    int | None, Query(ge=1, le=20, description="how many levels down (default: all)")
]

# -- the pages (/viz) and the rows format ------------------------------------------------------

PageRef = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_REF,
        description="entity id, name or abbreviation",
        examples=["lokeren"],
    ),
]
Hops = Annotated[int, Query(ge=1, le=3, description="hops from the entity")]

ResultFormat = Literal["json", "csv"]
FormatQuery = Annotated[
    ResultFormat | None,
    Query(
        alias="format",
        description="`json` (default) or `csv`; overrides the Accept header",
    ),
]
