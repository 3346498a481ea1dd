"""Response models of the API."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    neo4j_version: str | None = Field(default=None, examples=["5.26.30"])
    detail: str | None = None
