"""Models for the YAML dataset format; docs/dataset-format.md is their prose contract.

Strict on purpose: hand-written data drifts silently unless unknown keys, loose ids and
coerced types are rejected at load time, long before they reach the graph.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Final, NamedTuple, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from graph.placement import PLACEMENT_PROPS
from loaders.staffing import StaffingFigure, check_staffing

SLUG_REGEX: Final = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"
# Relation ids also admit "_" and "--" because the default id is "<from>--<type lower>--<to>".
RELATION_ID_REGEX: Final = r"^[a-z0-9_]+(?:(?:--?|\.)[a-z0-9_]+)*$"
PROP_KEY_REGEX: Final = r"^[a-z][a-z0-9_]*$"
_SLUG = re.compile(SLUG_REGEX)
_RELATION_ID = re.compile(RELATION_ID_REGEX)
_PROP_KEY = re.compile(PROP_KEY_REGEX)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EntityKind(enum.StrEnum):
    ORGANISATION = "Organisation"
    UNIT = "Unit"
    POST = "Post"
    ROLE = "Role"
    PERSON = "Person"
    PARTNER_BODY = "PartnerBody"
    FORUM = "Forum"
    DOMAIN = "Domain"
    PLAN = "Plan"
    TASK = "Task"
    LEGAL_TEXT = "LegalText"
    OBJECTIVE = "Objective"
    MEASUREMENT = "Measurement"
    FUNCTIONALITY = "Functionality"
    BOARD = "Board"
    SYSTEM = "System"


class RelType(enum.StrEnum):
    PART_OF = "PART_OF"
    LEADS = "LEADS"
    HOLDS = "HOLDS"
    REPORTS_TO = "REPORTS_TO"
    SUPERVISES = "SUPERVISES"
    TAKES_ROLE = "TAKES_ROLE"
    RESPONSIBLE_FOR = "RESPONSIBLE_FOR"
    PERFORMS = "PERFORMS"
    REPRESENTS_AT = "REPRESENTS_AT"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    MEMBER_OF = "MEMBER_OF"
    CHAIRS = "CHAIRS"
    ORGANISES = "ORGANISES"
    LIAISES_WITH = "LIAISES_WITH"
    COLLABORATES_WITH = "COLLABORATES_WITH"
    GOVERNED_BY = "GOVERNED_BY"
    PURSUES = "PURSUES"
    MEASURED_BY = "MEASURED_BY"
    ADDRESSES = "ADDRESSES"
    COVERS = "COVERS"
    REPLACES = "REPLACES"
    APPROVES = "APPROVES"
    ESTABLISHES = "ESTABLISHES"
    APPOINTS = "APPOINTS"
    INSTANCE_OF = "INSTANCE_OF"
    USES = "USES"
    MANAGES = "MANAGES"


class Status(enum.StrEnum):
    CURRENT = "current"
    PLANNED = "planned"
    HISTORICAL = "historical"


K = EntityKind
# Ordered as in the doc table so error messages read like the documentation. Widening a rule
# is safe; narrowing one would make existing files invalid (tests validate every file in data/).
_SYSTEM_USERS: Final = (K.UNIT, K.POST, K.ROLE, K.ORGANISATION, K.PARTNER_BODY)
_COLLABORATORS: Final = (K.ORGANISATION, K.UNIT, K.POST, K.ROLE, K.PARTNER_BODY, K.BOARD)
ENDPOINT_TABLE: Final[Mapping[RelType, tuple[tuple[EntityKind, ...], tuple[EntityKind, ...]]]] = {
    RelType.PART_OF: (
        (K.UNIT, K.POST, K.ORGANISATION, K.PARTNER_BODY, K.FORUM, K.BOARD),
        (K.UNIT, K.ORGANISATION, K.PARTNER_BODY),
    ),
    RelType.LEADS: (
        (K.POST, K.PERSON, K.BOARD, K.PARTNER_BODY),
        (K.UNIT, K.ORGANISATION, K.FORUM, K.PARTNER_BODY, K.TASK),
    ),
    RelType.HOLDS: ((K.PERSON,), (K.POST,)),
    RelType.REPORTS_TO: (
        (K.POST, K.UNIT, K.ORGANISATION, K.BOARD, K.PARTNER_BODY),
        (K.POST, K.UNIT, K.ORGANISATION, K.PARTNER_BODY, K.BOARD),
    ),
    RelType.SUPERVISES: (
        (K.POST, K.UNIT, K.BOARD, K.PARTNER_BODY),
        (K.UNIT, K.POST, K.TASK, K.BOARD),
    ),
    RelType.TAKES_ROLE: ((K.POST, K.UNIT), (K.ROLE,)),
    RelType.RESPONSIBLE_FOR: (
        (K.POST, K.UNIT, K.ROLE, K.ORGANISATION, K.BOARD, K.PARTNER_BODY),
        (K.DOMAIN, K.PLAN, K.TASK, K.OBJECTIVE, K.FUNCTIONALITY),
    ),
    RelType.PERFORMS: ((K.UNIT, K.POST, K.ROLE, K.BOARD, K.PARTNER_BODY), (K.TASK,)),
    RelType.REPRESENTS_AT: (
        (K.POST, K.ROLE, K.UNIT, K.PERSON),
        (K.PARTNER_BODY, K.FORUM, K.BOARD),
    ),
    RelType.PARTICIPATES_IN: (
        (K.POST, K.ROLE, K.UNIT, K.ORGANISATION, K.PERSON, K.PARTNER_BODY),
        (K.PARTNER_BODY, K.FORUM, K.UNIT, K.BOARD),
    ),
    RelType.MEMBER_OF: (
        (K.POST, K.PERSON, K.ORGANISATION, K.UNIT, K.PARTNER_BODY),
        (K.PARTNER_BODY, K.FORUM, K.UNIT, K.BOARD, K.ORGANISATION),
    ),
    RelType.CHAIRS: ((K.POST, K.PERSON), (K.FORUM, K.PARTNER_BODY, K.BOARD)),
    RelType.ORGANISES: ((K.POST, K.UNIT, K.ORGANISATION, K.ROLE), (K.FORUM,)),
    RelType.LIAISES_WITH: (
        (K.POST, K.ROLE, K.UNIT),
        (K.POST, K.PARTNER_BODY, K.ORGANISATION, K.UNIT, K.ROLE),
    ),
    RelType.COLLABORATES_WITH: (_COLLABORATORS, _COLLABORATORS),
    RelType.GOVERNED_BY: (
        (K.ORGANISATION, K.UNIT, K.POST, K.PLAN, K.PARTNER_BODY, K.BOARD),
        (K.LEGAL_TEXT, K.PLAN, K.ORGANISATION, K.PARTNER_BODY, K.BOARD),
    ),
    RelType.PURSUES: ((K.ORGANISATION, K.UNIT, K.PLAN), (K.OBJECTIVE,)),
    RelType.MEASURED_BY: ((K.OBJECTIVE,), (K.MEASUREMENT,)),
    RelType.ADDRESSES: (
        (K.OBJECTIVE, K.PLAN, K.TASK, K.UNIT, K.PARTNER_BODY, K.FORUM),
        (K.DOMAIN,),
    ),
    RelType.COVERS: ((K.UNIT, K.ORGANISATION), (K.FUNCTIONALITY,)),
    RelType.REPLACES: ((K.UNIT, K.POST), (K.UNIT, K.POST)),
    RelType.APPROVES: (
        (K.BOARD, K.ORGANISATION, K.POST, K.PERSON),
        (K.PLAN, K.LEGAL_TEXT, K.TASK, K.OBJECTIVE),
    ),
    RelType.ESTABLISHES: (
        (K.BOARD, K.ORGANISATION, K.POST, K.UNIT),
        (K.BOARD, K.PARTNER_BODY, K.FORUM, K.UNIT, K.PLAN),
    ),
    RelType.APPOINTS: ((K.BOARD, K.ORGANISATION, K.POST), (K.POST, K.PERSON, K.ROLE)),
    # A named entity and the generic (vocabulary) one it is an instance of: same kind both
    # ends, checked by SAME_KIND_RELATIONS (the table alone would let a Post be a Unit).
    RelType.INSTANCE_OF: (
        (K.POST, K.UNIT, K.BOARD, K.PARTNER_BODY, K.ORGANISATION),
        (K.POST, K.UNIT, K.BOARD, K.PARTNER_BODY, K.ORGANISATION),
    ),
    RelType.USES: (_SYSTEM_USERS, (K.SYSTEM,)),
    RelType.MANAGES: (_SYSTEM_USERS, (K.SYSTEM,)),
}

ALLOWED_ENDPOINTS: Final[dict[RelType, tuple[frozenset[EntityKind], frozenset[EntityKind]]]] = {
    rel: (frozenset(src), frozenset(dst)) for rel, (src, dst) in ENDPOINT_TABLE.items()
}

# Relation types whose two ends must be entities of the same kind.
SAME_KIND_RELATIONS: Final = frozenset({RelType.INSTANCE_OF})

# Property name -> allowed values (None: any non-empty value). Checked by the validator.
REQUIRED_PROPS: Final[dict[RelType, dict[str, frozenset[str] | None]]] = {
    RelType.REPORTS_TO: {
        "line": frozenset({"hierarchical", "administrative", "judicial", "coordination"}),
    },
}

# Props whose value is an entity id, and the kinds that id may point at. `on_behalf_of` may be
# left out: the representative then speaks for its own organisation (who_represents says so).
REFERENCE_PROPS: Final[dict[str, frozenset[EntityKind]]] = {
    "on_behalf_of": frozenset((K.ORGANISATION, K.UNIT, K.PARTNER_BODY)),
    "requested_by": frozenset((K.ORGANISATION, K.UNIT, K.POST, K.PERSON, K.BOARD, K.PARTNER_BODY)),
}
del K

# Reference props that only some relation types take (the others: any type).
REFERENCE_PROP_TYPES: Final[dict[str, frozenset[RelType]]] = {
    "requested_by": frozenset({RelType.APPROVES, RelType.ESTABLISHES, RelType.APPOINTS}),
}


# --- scalar types -------------------------------------------------------------------------


def slug_suggestion(value: str) -> str:
    """Best-effort slug for an invalid id, so the error can say what to write instead."""
    s = re.sub(r"[^a-z0-9.]+", "-", value.strip().lower())
    s = re.sub(r"([-.])[-.]+", r"\1", s).strip("-.")
    return s


def is_slug(value: str) -> bool:
    return _SLUG.fullmatch(value) is not None


# Ids are looked up by name from the API and the CLI, whose inputs are bounded at 200 chars.
MAX_ID_CHARS: Final = 200
MAX_TITLE_CHARS: Final = 2000


def _check_slug(value: str) -> str:
    if len(value) > MAX_ID_CHARS:
        raise PydanticCustomError(
            "slug",
            "id is {n} characters long; ids are at most {max} characters",
            {"n": len(value), "max": MAX_ID_CHARS},
        )
    if _SLUG.fullmatch(value):
        return value
    hint = slug_suggestion(value)
    extra = f"; did you mean '{hint}'?" if hint and hint != value else ""
    raise PydanticCustomError(
        "slug",
        "'{value}' is not a valid id: use lower-case letters and digits separated by '-' or '.'"
        + extra,
        {"value": value},
    )


def _check_title(value: str) -> str:
    if len(value) > MAX_TITLE_CHARS:
        raise PydanticCustomError(
            "too_long",
            "title is {n} characters long; at most {max}",
            {"n": len(value), "max": MAX_TITLE_CHARS},
        )
    return value


def _check_relation_id(value: str) -> str:
    if _RELATION_ID.fullmatch(value):
        return value
    raise PydanticCustomError(
        "relation_id",
        "'{value}' is not a valid relation id: lower-case letters, digits, '_', '-', '--', '.'",
        {"value": value},
    )


def _check_not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return value


def _check_lower(value: str) -> str:
    if value != value.lower():
        raise PydanticCustomError(
            "lower_case", "must be lower case (got '{value}')", {"value": value}
        )
    return value


def _parse_date(value: object) -> date:
    # YAML gives date objects for unquoted dates; quoted ones arrive as str. Anything else
    # (ints as Unix timestamps, date-times) is a mistake pydantic's lax mode would accept.
    if isinstance(value, datetime):
        raise PydanticCustomError("date_type", "expected a date YYYY-MM-DD, not a date-time")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
        raise PydanticCustomError("date_value", "'{value}' is not a real date", {"value": value})
    raise PydanticCustomError(
        "date_type", "expected a date YYYY-MM-DD, got {value}", {"value": repr(value)}
    )


Slug: TypeAlias = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_REGEX}),
]
RelationId: TypeAlias = Annotated[
    str,
    AfterValidator(_check_relation_id),
    WithJsonSchema({"type": "string", "pattern": RELATION_ID_REGEX}),
]
Text: TypeAlias = Annotated[
    str, AfterValidator(_check_not_blank), WithJsonSchema({"type": "string", "minLength": 1})
]
LowerText: TypeAlias = Annotated[
    str,
    AfterValidator(_check_not_blank),
    AfterValidator(_check_lower),
    WithJsonSchema({"type": "string", "minLength": 1}),
]
IsoDate: TypeAlias = Annotated[
    date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]

PropScalar: TypeAlias = str | int | float | bool | date
PropValue: TypeAlias = PropScalar | list[PropScalar]

_PROP_SCALAR_TYPES: Final = (str, bool, int, float, date)


def _scalar_kind(value: object) -> type | None:
    if isinstance(value, datetime):
        return None
    for t in _PROP_SCALAR_TYPES:  # bool before int: bool is an int subclass
        if isinstance(value, t):
            return t
    return None


_INT64: Final = (-(2**63), 2**63 - 1)


def _check_number(value: object) -> None:
    """Neo4j stores 64-bit integers and finite floats: anything else would crash the write
    (OverflowError) or come back as null."""
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not _INT64[0] <= value <= _INT64[1]:
        raise PydanticCustomError(
            "prop_value",
            "integer {value} is outside the 64-bit range Neo4j stores; write it as text",
            {"value": str(value) if len(str(value)) <= 40 else str(value)[:39] + "…"},
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError(
            "prop_value",
            "{value} is not a finite number (NaN and infinities cannot be stored); "
            "write it as text or leave the key out",
            {"value": str(value)},
        )


def _check_prop_value(value: object) -> PropValue:
    # Neo4j stores only scalars and homogeneous lists of scalars as properties.
    if isinstance(value, list):
        kinds = {_scalar_kind(v) for v in value}
        if None in kinds:
            raise PydanticCustomError(
                "prop_value", "list items must be str, int, float, bool or date"
            )
        for v in value:
            _check_number(v)
        if len(kinds) > 1:
            raise PydanticCustomError(
                "prop_value", "list items must all have the same type (Neo4j stores only those)"
            )
        return list(value)
    if _scalar_kind(value) is None:
        raise PydanticCustomError(
            "prop_value",
            "props values must be str, int, float, bool, date or a list of one of those; "
            "got {type}",
            {"type": type(value).__name__ if value is not None else "null"},
        )
    assert isinstance(value, str | int | float | bool | date)
    _check_number(value)
    return value


# Keys the loader writes itself (provenance, identity, bookkeeping, the named fields): a
# `props` entry with one of these names could forge a fact's quote, source or owner.
RESERVED_PROPS: Final = frozenset(
    {
        "id", "kind", "name", "type", "abbreviation", "aliases", "description", "dataset",
        "source", "quote", "inferred", "reason", "status", "valid_from", "valid_to",
        "content_hash", "search_text", "from", "to",
    }
) | PLACEMENT_PROPS  # fmt: skip


def _check_prop_key(value: str) -> str:
    if not _PROP_KEY.fullmatch(value):
        raise PydanticCustomError(
            "prop_key", "props key '{value}' must be snake_case", {"value": value}
        )
    if value in RESERVED_PROPS:
        raise PydanticCustomError(
            "prop_key",
            "props key '{value}' is reserved: orggraph sets it from the fact itself "
            "(provenance and identity cannot come from props); use the fact's own field "
            "or another key",
            {"value": value},
        )
    return value


_SCALAR_SCHEMA: Final[list[dict[str, Any]]] = [
    {"type": "string"},
    {"type": "integer"},
    {"type": "number"},
    {"type": "boolean"},
]
PropKey: TypeAlias = Annotated[
    str,
    AfterValidator(_check_prop_key),
    WithJsonSchema(
        {"type": "string", "pattern": PROP_KEY_REGEX, "not": {"enum": sorted(RESERVED_PROPS)}}
    ),
]
CheckedPropValue: TypeAlias = Annotated[
    Any,
    PlainValidator(_check_prop_value),
    WithJsonSchema(
        {"anyOf": [*_SCALAR_SCHEMA, {"type": "array", "items": {"anyOf": _SCALAR_SCHEMA}}]}
    ),
]


# --- models -------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(_Strict):
    """A source document; loaded as a :Source node that facts cite."""

    id: Slug
    file: Text = Field(description="Path relative to the sources dir, e.g. 000_….txt")
    title: Text
    kind: Text = Field(description="web page | mission letter | annual report | …")
    language: Text = "nl"
    organisation: Slug | None = Field(
        default=None, description="Entity id of the organisation the document is about"
    )
    url: Text | None = None


class Defaults(_Strict):
    """Values applied to every fact of the file that omits the field."""

    source: Slug | None = None
    status: Status | None = None
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None


class _Fact(_Strict):
    quote: Text = Field(description="Verbatim passage of the source document stating the fact")
    source: Slug | None = None
    inferred: StrictBool = False
    reason: str | None = Field(default=None, description="Required when inferred is true")
    status: Status | None = None
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    props: dict[PropKey, CheckedPropValue] = Field(default_factory=dict)
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] | None = Field(
        default=None,
        description="Drafts (orggraph draft): how sure the drafting rule was, 0-1; a reviewer's "
        "hint, never loaded into the graph",
    )


class Entity(_Fact):
    id: Slug
    kind: EntityKind
    name: Text
    type: LowerText | None = Field(default=None, description="Free-text sub-type, lower case")
    abbreviation: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    description: str | None = None
    staffing: list[StaffingFigure] = Field(
        default_factory=list,
        description="Units, posts and boards: head counts, each with its own quote",
    )

    @field_validator("staffing")
    @classmethod
    def _staffed_kind(cls, v: list[StaffingFigure], info: ValidationInfo) -> list[StaffingFigure]:
        kind = info.data.get("kind")
        check_staffing(v, kind.value if isinstance(kind, EntityKind) else None)
        return v


class Relation(_Fact):
    type: RelType
    from_: Slug = Field(alias="from")
    to: Slug
    id: RelationId | None = Field(default=None, description='Default "<from>--<type lower>--<to>"')

    @property
    def effective_id(self) -> str:
        return self.id if self.id is not None else default_relation_id(self)


class DatasetFile(_Strict):
    """One YAML file under data/."""

    dataset: Slug = Field(description="Owner of every fact in this file (used by --prune)")
    title: Annotated[Text, AfterValidator(_check_title)] | None = None
    defaults: Defaults = Field(default_factory=Defaults)
    draft: StrictBool = Field(
        default=False,
        description="Drafted by `orggraph draft` and not yet reviewed: `orggraph load` refuses "
        "it unless --accept-draft; remove the key once reviewed",
    )
    sources_dir: Text | None = Field(
        default=None,
        description="Folder of this file's cited documents, relative to the file and inside "
        "its folder (default: the global sources folder)",
    )
    sources: list[Source] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


def default_relation_id(rel: Relation) -> str:
    return f"{rel.from_}--{_LOWER_TYPES[rel.type._value_]}--{rel.to}"


_LOWER_TYPES: Final = {t._value_: t._value_.lower() for t in RelType}


# --- the defaults rule --------------------------------------------------------------------


class Provenance(NamedTuple):
    """A fact's effective provenance: its own fields, else the file's `defaults`."""

    source: str | None  # None only in a file validation refuses ("no source")
    quote: str
    inferred: bool
    reason: str | None
    status: Status
    valid_from: date | None
    valid_to: date | None


def provenance(fact: Entity | Relation, defaults: Defaults) -> Provenance:
    """The one defaults rule, used by validation, stats and the loader's rows.

    An explicit `source: null` or `status: null` still falls back (a fact without a source
    cannot be cited); an explicit null date means "open" and is kept, an omitted one takes the
    default. The owning dataset is always the file's own `dataset`, never a per-fact value.
    A tuple, not a model: validation and the load build one per fact.
    """
    set_ = fact.__pydantic_fields_set__
    return _new_tuple(
        Provenance,
        (
            fact.source if fact.source is not None else defaults.source,
            fact.quote,
            fact.inferred,
            fact.reason,
            fact.status or defaults.status or Status.CURRENT,
            fact.valid_from if "valid_from" in set_ else defaults.valid_from,
            fact.valid_to if "valid_to" in set_ else defaults.valid_to,
        ),
    )


# The NamedTuple's own __new__ parses keywords: half the cost of a call made once per fact.
_new_tuple: Final = tuple.__new__


def ordered_kinds(kinds: Sequence[EntityKind]) -> str:
    return ", ".join(k.value for k in kinds)


_KIND_ORDER: Final = {k: i for i, k in enumerate(EntityKind)}


def kinds_in_order(kinds: Collection[EntityKind]) -> list[EntityKind]:
    """A set of kinds in declaration order, so messages list them the same way every run."""
    return sorted(kinds, key=_KIND_ORDER.__getitem__)


def a_kind(kind: EntityKind) -> str:
    """The kind with its article: "a Unit", "an Organisation"."""
    return f"{'an' if kind.value[0] in 'AEIO' else 'a'} {kind.value}"
