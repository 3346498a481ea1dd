"""Response and request models of the API (pydantic v2), with OpenAPI examples."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    neo4j_version: str | None = Field(default=None, examples=["5.26.30"])
    detail: str | None = None


class OrgName(BaseModel):
    """An organisation as a candidate names it."""

    id: str = Field(examples=["zone-000"])
    name: str = Field(examples=["Politiezone 000"])


class CandidateRef(BaseModel):
    """An entity a reference may mean, told apart from its namesakes by its organisation and
    the path of units between it and that organisation (top first)."""

    id: str = Field(examples=["o-ltf-zone-000"])
    name: str = Field(examples=["Operationele Local Taskforce Foreign Fighters"])
    kind: str = Field(examples=["PartnerBody"])
    organisation: OrgName | None = Field(
        default=None,
        description="the organisation it belongs to (the first one up PART_OF, LEADS, HOLDS; "
        "for an organisation the one it is part of); null for shared vocabulary",
    )
    path: list[str] = Field(
        default_factory=list,
        description="names of the units (for a person: and the post) between it and its "
        "organisation, top first",
        examples=[[]],
    )


class EntityRef(CandidateRef):
    """An entity a name or id in the request resolved to, and by which rule."""

    rule: str | None = Field(
        default=None,
        description="which resolution rule matched: `id` (an exact id), `exact` (the one "
        "name, abbreviation or alias equal to it within the scope) or `fulltext` (the clearly "
        "best full-text hit); README, 'How names are resolved'",
        examples=["exact"],
    )


class Rows(BaseModel):
    """Rows of one library query. Rows that describe relationships carry their provenance
    (source document, verbatim quote, inferred, status, validity), as the query returns it.

    A lookup by free text (search, contact, responsible, representatives) that finds nothing
    is still a 200 with `rows: []`, plus a `hint` saying what was looked for and
    `suggestions`: close names as `id (name, kind)`, as a 404 for an unknown id lists them."""

    query: str = Field(description="library query that produced the rows", examples=["search"])
    params: dict[str, Any] = Field(
        default_factory=dict, description="parameters sent to the query (after resolution)"
    )
    resolved: dict[str, EntityRef] = Field(
        default_factory=dict,
        description="request parameters given as a name or abbreviation, and what they meant",
    )
    count: int = Field(examples=[1])
    rows: list[dict[str, Any]]
    hint: str | None = Field(
        default=None,
        description="only when there are no rows: what was looked for, and where else to look",
        examples=[None],
    )
    suggestions: list[str] = Field(
        default_factory=list,
        description="only when there are no rows: close names, as `id (name, kind)`",
        examples=[[]],
    )


class PagedRows(Rows):
    """One page of an answer that can run long (who represents at a body, who takes part in
    it): `rows` are rows `offset` .. `offset + count - 1` of `total`, in the query's stable
    order, so asking `offset + limit` next covers every row exactly once. `total` is counted by
    the query over the whole answer; a page past the end has no rows and the same `total`."""

    total: int = Field(description="rows in the whole answer", examples=[1])
    limit: int = Field(description="the page size asked (default 50)", examples=[50])
    offset: int = Field(description="rows of the answer skipped before this page", examples=[0])


class QueryParam(BaseModel):
    name: str = Field(examples=["id"])
    type: str = Field(examples=["str"])
    optional: bool = Field(examples=[False])
    declaration: str = Field(examples=["as_of: date?"])
    kinds: list[str] | None = Field(
        default=None,
        description="a reference (`ref[...]`): the kinds of entity its id, name or "
        "abbreviation may resolve to (`Entity`: any kind); null when not a reference",
        examples=[None],
    )


class QueryInfo(BaseModel):
    """A library query as its `.cypher` header documents it."""

    name: str = Field(examples=["chain_of_command"])
    doc: str = Field(examples=["Who a post reports to, up to the top of the organisation."])
    params: list[QueryParam]
    returns: str = Field(examples=["level: int, id: str, name: str, source: str, quote: str"])


MAX_CYPHER = 20_000


class CypherRequest(BaseModel):
    """An ad-hoc read-only Cypher query (analyst role): the text as `statement` (as the CLI,
    `orggraph cypher STATEMENT`, calls it) or as `cypher`; exactly one of the two."""

    model_config = ConfigDict(extra="forbid")

    statement: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_CYPHER,
        description="the Cypher text (give this or `cypher`, not both)",
        examples=["MATCH (p:Post)-[r:REPORTS_TO]->(b) RETURN p.name, b.name, r.quote LIMIT 5"],
    )
    cypher: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_CYPHER,
        description="the Cypher text, the older name of `statement`",
    )
    params: dict[str, Any] = Field(default_factory=dict, examples=[{}])

    @model_validator(mode="after")
    def _one_text(self) -> CypherRequest:
        if (self.statement is None) == (self.cypher is None):
            given = "both" if self.statement is not None else "neither"
            raise ValueError(
                f"give the Cypher text as exactly one of `statement` or `cypher` ({given} "
                'was given), e.g. {"statement": "MATCH (n:Organisation) RETURN n.name"}'
            )
        return self

    @property
    def text(self) -> str:
        """The Cypher text, whichever name it came under."""
        return self.statement if self.statement is not None else (self.cypher or "")


class CypherResult(BaseModel):
    columns: list[str] = Field(examples=[["p.name", "b.name", "r.quote"]])
    rows: list[dict[str, Any]] = Field(
        examples=[
            [
                {
                    "p.name": "Operationeel coördinator",
                    "b.name": "Korpschef",
                    "r.quote": "rapporteert aan de korpschef",
                }
            ]
        ]
    )
    count: int = Field(examples=[1])
    truncated: bool = Field(
        description="true when the row limit (ORGGRAPH_CYPHER_ROW_LIMIT) cut the result",
        examples=[False],
    )


class ErrorBody(BaseModel):
    # A message from orggraph, or FastAPI's list of request-validation errors (422).
    detail: str | list[dict[str, Any]] = Field(
        examples=["entity 'oltff' not found. Did you mean: o-ltf-zone-000?"]
    )
    suggestions: list[str] | None = Field(
        default=None,
        description="404: the closest names, as `id (name, kind)`",
        examples=[["o-ltf-zone-000 (Operationele Local Taskforce Foreign Fighters, PartnerBody)"]],
    )
    candidates: list[CandidateRef] | None = Field(
        default=None,
        description="409: the entities the reference may mean (pick one by id, or narrow with "
        "`org`); 404: the closest ones, as the suggestions",
    )
