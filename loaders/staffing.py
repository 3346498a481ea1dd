"""Staffing figures: how many people a unit, post or board has, each figure cited on its own.

"8 rechercheurs: 3 hoofdinspecteurs en 5 inspecteurs" is two figures with one quote; "1
wijkinspecteur per 4000 inwoners" is a ratio (`per`). A figure is a fact like any other (its
quote is checked against its source) but belongs to its entity: it takes the entity's source,
status and validity unless it names its own source, and is stored as a (:Staffing) node the
entity HAS_STAFFING. This module imports no other project module: loaders.dataset builds its
Entity model on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Final, TypeAlias

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt
from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from loaders.dataset import Provenance

# Entity kinds whose staff can be counted (EntityKind values; loaders.dataset checks them).
STAFFED_KINDS: Final = ("Unit", "Post", "Board")
MAX_FIGURES: Final = 100  # per entity: a staffing table, not a personnel register
MAX_COUNT: Final = 1_000_000  # more than any police organisation has; catches typos
MAX_LABEL_CHARS: Final = 200  # rank, per, note
MAX_SOURCE_ID_CHARS: Final = 200  # as loaders.dataset.MAX_ID_CHARS
ID_INFIX: Final = "--staffing-"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return value


Label: TypeAlias = Annotated[
    str, Field(min_length=1, max_length=MAX_LABEL_CHARS), AfterValidator(_not_blank)
]


class StaffingFigure(BaseModel):
    """One figure: `count` people (of `rank`, `per` something), with its verbatim quote."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    count: StrictInt = Field(ge=0, le=MAX_COUNT, description="How many (0 or more)")
    rank: Label | None = Field(default=None, description="Rank code of the people counted: HINP")
    per: Label | None = Field(
        default=None, description='A ratio\'s unit: "dag", "shift", "5000 inwoners"'
    )
    note: Label | None = Field(
        default=None, description="What is counted, when not a rank: wijkinspecteurs, medewerkers"
    )
    quote: Annotated[str, Field(min_length=1), AfterValidator(_not_blank)] = Field(
        description="Verbatim passage of the source document stating the figure"
    )
    # An id like every `source`; an unknown or malformed one is reported as "unknown source".
    source: Annotated[str, Field(max_length=MAX_SOURCE_ID_CHARS)] | None = Field(
        default=None, description="Source id; default: the entity's source"
    )
    inferred: StrictBool = False
    reason: str | None = Field(default=None, description="Required when inferred is true")

    @property
    def summable(self) -> bool:
        """Whether totals by rank may add this figure: a head count of one rank, not a ratio.
        A stated total beside its breakdown ("41 medewerkers: 6 … en 35 …") has no rank, so
        it is listed but never added a second time."""
        return self.rank is not None and self.per is None


def check_staffing(figures: Sequence[StaffingFigure], kind: str | None) -> None:
    """Only units, posts and boards have staff; raised as the `staffing` field's error."""
    if figures and kind is not None and kind not in STAFFED_KINDS:
        raise PydanticCustomError(
            "staffing_kind",
            "{kind} has no staff to count: only a {kinds} may carry `staffing`; put the "
            "figures on the unit or post the text counts",
            {
                "kind": f"{'an' if kind[:1] in 'AEIOU' else 'a'} {kind}",
                "kinds": ", ".join(STAFFED_KINDS[:-1]) + " or " + STAFFED_KINDS[-1],
            },
        )
    if len(figures) > MAX_FIGURES:
        raise PydanticCustomError(
            "too_long",
            "{n} staffing figures; at most {max} per entity",
            {"n": len(figures), "max": MAX_FIGURES},
        )


def staffing_id(entity_id: str, n: int) -> str:
    """The id of an entity's n-th figure (1-based, the order of the file)."""
    return f"{entity_id}{ID_INFIX}{n}"


def staffing_entity(figure_id: str) -> str:
    """The entity id of a figure id (entity ids are slugs: they never contain '--')."""
    return figure_id.rsplit(ID_INFIX, 1)[0]


def staffing_number(figure_id: str) -> int:
    tail = figure_id.rsplit(ID_INFIX, 1)[-1]
    return int(tail) if tail.isdigit() else 0


def figure_provenance(figure: StaffingFigure, entity: Provenance) -> Provenance:
    """The entity's provenance with the figure's own quote, source and inference: the figure
    holds while its entity holds (its status and validity), so it has no dates of its own."""
    return entity._replace(
        source=figure.source if figure.source is not None else entity.source,
        quote=figure.quote,
        inferred=figure.inferred,
        reason=figure.reason,
        valid_from=None,
        valid_to=None,
    )


__all__ = [
    "STAFFED_KINDS",
    "StaffingFigure",
    "check_staffing",
    "figure_provenance",
    "staffing_entity",
    "staffing_id",
    "staffing_number",
]
