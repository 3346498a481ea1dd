"""Checks across dataset files: unique ids, references that resolve, endpoint kinds (the same
kind at both ends of INSTANCE_OF), required and referencing props, dates, and no cycles in
PART_OF / REPORTS_TO.

Ids are global across files (and the database's ids count as defined), so these run once all
files are read; each problem points at the place to fix, with a suggestion where one exists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Final, TypeVar

from graph.errors import Problem
from loaders.dataset import (
    ALLOWED_ENDPOINTS,
    ENDPOINT_TABLE,
    REFERENCE_PROP_TYPES,
    REFERENCE_PROPS,
    REQUIRED_PROPS,
    SAME_KIND_RELATIONS,
    Entity,
    EntityKind,
    Relation,
    RelType,
    Source,
    Status,
    a_kind,
    kinds_in_order,
    ordered_kinds,
    provenance,
    slug_suggestion,
)
from loaders.facts import FileFacts, Where, did_you_mean
from loaders.graphs import strongly_connected
from loaders.ranks import rank_problem
from loaders.yamlsrc import JsonPath

_ANY: Final = object()  # a kind no endpoint set contains
_Item = TypeVar("_Item", Source, Entity, Relation)
Defined = dict[str, tuple[FileFacts, int, _Item]]


@dataclass(frozen=True, slots=True)
class CrossCheck:
    """What the files define, and the problems found across them."""

    problems: list[Problem]
    sources: dict[str, tuple[FileFacts, int, Source]]  # for the quote check
    warnings: list[Problem] = field(default_factory=list)  # loaded anyway


def check(files: Sequence[FileFacts], known_ids: Collection[str]) -> CrossCheck:
    problems = _dataset_names(files)
    sources, dup_sources = _unique(files, "sources", "source", _SOURCES, _ID)
    entities, dup_entities = _unique(files, "entities", "entity", _ENTITIES, _ID)
    problems += dup_sources + dup_entities
    broken = {i for f in files for i in f.broken_ids}
    refs = _Refs(
        entity_ids=set(entities) | set(known_ids) | broken,
        source_ids=set(sources) | set(known_ids) | {i for f in files for i in f.broken_source_ids},
        entity_pool=sorted(set(entities) | broken),
        source_pool=sorted(sources),
        kinds={eid: e.kind for eid, (_, _, e) in entities.items()},
        problems=problems,
    )
    warnings: list[Problem] = []
    for f in files:
        _source_refs(f, refs)
        _relation_refs(f, refs)
        _free_text_ends(f, refs)
        problems += _fact_fields(f)
        warnings += _ranks(f) + _split_aliases(f)
    problems += _relation_ids(files)
    problems += _cycles(files)
    return CrossCheck(problems, sources, warnings)


# Relations whose object is often written as a phrase ("beslissen over uitgaven"): the phrase
# is a Task (or a Domain) of its own, that the relation points at.
_PHRASE_ENDS: Final = frozenset({RelType.RESPONSIBLE_FOR.value, RelType.PERFORMS.value})


def _free_text_ends(f: FileFacts, refs: _Refs) -> None:
    """A relation end written as text, not an id: point at the id meant when it exists;
    else, for a task-like object, say to create the entity (never suggest an id that does
    not exist)."""
    for path, value, rtype in f.free_text_ends:
        end = str(path[-1])
        slug = slug_suggestion(value)
        bad = f"{end}: '{value}' is not an entity id"
        if slug and slug in refs.entity_ids:
            refs.problems.append(f.where.at(path, f"{bad}; did you mean '{slug}'?"))
        elif end == "to" and rtype in _PHRASE_ENDS and slug:
            refs.problems.append(
                f.where.at(
                    path,
                    f"{bad}: {rtype} points at an entity; create a Task (something done) "
                    f"or a Domain (a field of competence) for it and use its id, e.g. "
                    f'entities: - {{id: {slug}, kind: Task, name: {value}, quote: "…"}} '
                    f"then to: {slug}",
                )
            )
        else:
            hint = did_you_mean(slug or value, refs.entity_pool)
            refs.problems.append(
                f.where.at(
                    path,
                    f"{bad}: ids use lower-case letters and digits separated by '-' or '.'"
                    f"{hint or '; give the entity an id and use it here'}",
                )
            )


def _ranks(f: FileFacts) -> list[Problem]:
    """A `rank` (a prop, a staffing figure's field) not in loaders.ranks: a warning."""
    out = []
    for i, e in f.entities:
        rank = e.props.get("rank")
        if isinstance(rank, str) and (msg := rank_problem(rank)) is not None:
            out.append(f.where.at(("entities", i, "props", "rank"), msg))
        for j, s in enumerate(e.staffing or ()):
            if s.rank is not None and (msg := rank_problem(s.rank)) is not None:
                out.append(f.where.at(("entities", i, "staffing", j, "rank"), msg))
    return out


def _split_aliases(f: FileFacts) -> list[Problem]:
    """Two aliases on one line ("[Politiezone Brugge, Oostkamp]", a flow list) whose text
    joined by ", " is what the entity's name, description or quote says: probably one alias
    cut at its comma. A warning: two aliases side by side are just as possible."""
    out = []
    for i, e in f.entities:
        said = " ".join(t for t in (e.name, e.description, e.quote) if t)
        if "," not in said:
            continue
        for j in range(len(e.aliases) - 1):
            a, b = e.aliases[j], e.aliases[j + 1]
            here = f.where.doc.position(("entities", i, "aliases", j))
            there = f.where.doc.position(("entities", i, "aliases", j + 1))
            if here[0] == there[0] and f"{a}, {b}" in said:
                out.append(
                    f.where.at(
                        ("entities", i, "aliases", j),
                        f"aliases[{j}]: quote the value: it contains a comma inside […]: "
                        f'"{a}, {b}" became two aliases; write ["{a}, {b}"] if it is one',
                    )
                )
    return out


# -- ids ---------------------------------------------------------------------------------------


_ID: Final = attrgetter("id")
_SOURCES: Final = attrgetter("sources")
_ENTITIES: Final = attrgetter("entities")


def _dataset_names(files: Sequence[FileFacts]) -> list[Problem]:
    problems = []
    first: dict[str, Where] = {}
    for f in files:
        if f.dataset is None:
            continue
        if f.dataset in first:
            problems.append(
                f.where.at(
                    ("dataset",),
                    f"dataset '{f.dataset}' is also declared in {first[f.dataset].file}; "
                    "dataset names must be unique",
                )
            )
        else:
            first[f.dataset] = f.where
    return problems


def _unique(
    files: Sequence[FileFacts],
    key: str,
    what: str,
    items: Callable[[FileFacts], list[tuple[int, _Item]]],
    ident: Callable[[_Item], str],
    *,
    at: tuple[str, ...] = ("id",),
    hint: Callable[[_Item], str] | None = None,
) -> tuple[Defined[_Item], list[Problem]]:
    """The first definition of every id, and a problem at each later one naming the first."""
    out: Defined[_Item] = {}
    problems = []
    for f in files:
        for i, item in items(f):
            item_id = ident(item)
            if item_id not in out:
                out[item_id] = (f, i, item)
                continue
            g, j, _ = out[item_id]
            extra = hint(item) if hint is not None else ""
            problems.append(
                f.where.at(
                    (key, i, *at),
                    f"duplicate {what} id '{item_id}' (first defined at "
                    f"{g.where.ref((key, j, *at))}){extra}",
                )
            )
    return out, problems


def _relation_ids(files: Sequence[FileFacts]) -> list[Problem]:
    _, problems = _unique(
        files,
        "relations",
        "relation",
        attrgetter("relations"),
        attrgetter("effective_id"),
        at=(),
        hint=lambda r: "" if r.id else "; give one of them an explicit distinct `id`",
    )
    return problems


# -- references --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Refs:
    """Every id a reference may name, and where the problems go."""

    entity_ids: set[str]
    source_ids: set[str]
    entity_pool: list[str]  # suggestions: ids defined in the files
    source_pool: list[str]
    kinds: Mapping[str, EntityKind]
    problems: list[Problem]

    def entity(self, w: Where, path: JsonPath, value: str, what: str) -> bool:
        if value in self.entity_ids:
            return True
        hint = did_you_mean(value, self.entity_pool)
        self.problems.append(w.at(path, f"{what} refers to unknown entity '{value}'{hint}"))
        return False

    def source(self, w: Where, path: JsonPath, value: str | None) -> None:
        if value is None or value in self.source_ids:
            return
        hint = did_you_mean(value, self.source_pool)
        self.problems.append(w.at(path, f"unknown source '{value}'{hint}"))


def _source_refs(f: FileFacts, refs: _Refs) -> None:
    """Cited sources exist, every fact has one, source organisations exist."""
    w = f.where
    if f.defaults is not None:
        refs.source(w, ("defaults", "source"), f.defaults.source)
    for i, s in f.sources:
        if s.organisation is not None:
            refs.entity(w, ("sources", i, "organisation"), s.organisation, "organisation")
    for base, fact, prov in f.facts():
        if fact.source is not None and fact.source not in refs.source_ids:
            refs.source(w, (*base, "source"), fact.source)
        # without defaults the head failed the schema: already reported
        if prov.source is None and f.defaults is not None:
            refs.problems.append(w.at(base, "no source: set `source` here or `defaults.source`"))


def _relation_refs(f: FileFacts, refs: _Refs) -> None:
    """Endpoints exist and have kinds the relation type allows; props are checked too."""
    w, kinds, known = f.where, refs.kinds, refs.entity_ids
    for i, r in f.relations:
        base: JsonPath = ("relations", i)
        # The common case answered inline: building the message strings for ~450k
        # relations of a national load cost seconds.
        ok_from = r.from_ in known or refs.entity(
            w, (*base, "from"), r.from_, f"{r.type._value_} 'from'"
        )
        ok_to = r.to in known or refs.entity(w, (*base, "to"), r.to, f"{r.type._value_} 'to'")
        ends = ALLOWED_ENDPOINTS[r.type]
        kind_from, kind_to = kinds.get(r.from_, _ANY), kinds.get(r.to, _ANY)
        if (
            not r.props
            and r.type not in REQUIRED_PROPS
            and kind_from in ends[0]
            and kind_to in ends[1]
            and (kind_from is kind_to or r.type not in SAME_KIND_RELATIONS)
        ):
            continue  # the usual relation: known, well-typed ends, no props to check
        allowed_from, allowed_to = ENDPOINT_TABLE[r.type]
        from_fits = kinds.get(r.from_) in ends[0]
        to_fits = kinds.get(r.to) in ends[1]
        if ok_from and r.from_ in kinds and not from_fits:
            refs.problems.append(
                w.at(
                    (*base, "from"),
                    f"{r.type.value} cannot start at {a_kind(kinds[r.from_])} ({r.from_}); "
                    f"allowed: {ordered_kinds(allowed_from)}",
                )
            )
        if ok_to and r.to in kinds and not to_fits:
            refs.problems.append(
                w.at(
                    (*base, "to"),
                    f"{r.type.value} cannot end at {a_kind(kinds[r.to])} ({r.to}); "
                    f"allowed: {ordered_kinds(allowed_to)}",
                )
            )
        if (
            r.type in SAME_KIND_RELATIONS
            and from_fits
            and to_fits
            and kinds[r.from_] is not kinds[r.to]
        ):
            refs.problems.append(
                w.at(
                    (*base, "to"),
                    f"{r.type.value} links two entities of the same kind, but '{r.from_}' is "
                    f"{a_kind(kinds[r.from_])} and '{r.to}' is {a_kind(kinds[r.to])}; make "
                    f"'{r.to}' the generic {kinds[r.from_].value} that '{r.from_}' is an "
                    f"instance of (allowed kinds, the same at both ends: "
                    f"{ordered_kinds(allowed_from)})",
                )
            )
        _relation_props(w, base, r, refs)


def _relation_props(w: Where, base: JsonPath, r: Relation, refs: _Refs) -> None:
    """Props a relation type requires (with their allowed values) and props naming entities."""
    for prop, allowed in REQUIRED_PROPS.get(r.type, {}).items():
        value = r.props.get(prop)
        if value is None or value == "":
            need = f" (one of: {', '.join(sorted(allowed))})" if allowed else ""
            refs.problems.append(w.at(base, f"{r.type.value} needs props.{prop}{need}", key=False))
        elif allowed is not None and (not isinstance(value, str) or value not in allowed):
            hint = did_you_mean(str(value), allowed)
            refs.problems.append(
                w.at(
                    (*base, "props", prop),
                    f"props.{prop} {value!r} is not one of: {', '.join(sorted(allowed))}{hint}",
                )
            )
    for prop, ref_kinds in REFERENCE_PROPS.items():
        value = r.props.get(prop)
        if value is None:
            continue
        path: JsonPath = (*base, "props", prop)
        only = REFERENCE_PROP_TYPES.get(prop)
        if only is not None and r.type not in only:
            types = ", ".join(t.value for t in RelType if t in only)
            refs.problems.append(
                w.at(path, f"props.{prop} is only for {types}, not {r.type.value}")
            )
            continue
        if not isinstance(value, str):
            refs.problems.append(w.at(path, f"props.{prop} must be an entity id"))
            continue
        if not refs.entity(w, path, value, f"props.{prop}"):
            continue
        kind = refs.kinds.get(value)
        if kind is not None and kind not in ref_kinds:
            wanted = kinds_in_order(ref_kinds)
            what = a_kind(wanted[0]) if len(wanted) == 1 else f"one of {ordered_kinds(wanted)}"
            refs.problems.append(
                w.at(path, f"props.{prop} must name {what}, but '{value}' is {a_kind(kind)}")
            )


# -- fields of one fact ------------------------------------------------------------------------


def _fact_fields(f: FileFacts) -> list[Problem]:
    """`inferred` needs a reason; validity ends after it starts (defaults applied)."""
    w, problems = f.where, []
    for base, fact, p in f.facts():
        if fact.inferred and not (fact.reason and fact.reason.strip()):
            problems.append(w.at((*base, "inferred"), "inferred: true needs a non-empty `reason`"))
        start, end = p.valid_from, p.valid_to
        if start is not None and end is not None and end < start:
            own_end = "valid_to" in fact.model_fields_set
            problems.append(
                w.at(
                    (*base, "valid_to" if own_end else "valid_from"),
                    f"valid_to {end.isoformat()} is before valid_from {start.isoformat()}",
                )
            )
    d = f.defaults
    if d is not None and d.valid_from and d.valid_to and d.valid_to < d.valid_from:
        problems.append(
            w.at(
                ("defaults", "valid_to"),
                f"valid_to {d.valid_to.isoformat()} is before valid_from "
                f"{d.valid_from.isoformat()}",
            )
        )
    return problems


# -- cycles ------------------------------------------------------------------------------------

_Edge = tuple[str, FileFacts, int]  # (to, file, relation index)


def _cycles(files: Sequence[FileFacts]) -> list[Problem]:
    # Separate graphs per status (a planned structure may invert a current one) and, for
    # REPORTS_TO, per line (administrative and hierarchical lines are distinct graphs).
    graphs: dict[tuple[str, ...], dict[str, list[_Edge]]] = {}
    for f in files:
        defaults = f.effective_defaults
        for i, r in f.relations:
            if r.type not in (RelType.PART_OF, RelType.REPORTS_TO):
                continue
            key: tuple[str, ...] = (r.type.value, provenance(r, defaults).status.value)
            if r.type is RelType.REPORTS_TO:
                key = (*key, str(r.props.get("line", "")))
            graph = graphs.setdefault(key, defaultdict(list))
            graph[r.from_].append((r.to, f, i))
    problems = []
    for key, graph in sorted(graphs.items()):
        for cycle in _find_cycles(graph):
            names = " -> ".join([*(node for node, _, _ in cycle), cycle[0][0]])
            _, f, i = cycle[0]
            label = key[0] if len(key) == 2 else f"{key[0]} (line {key[2]})"
            among = "" if key[1] == Status.CURRENT.value else f" among {key[1]} facts"
            problems.append(f.where.at(("relations", i), f"cycle in {label}{among}: {names}"))
    return problems


def _find_cycles(graph: Mapping[str, list[_Edge]]) -> Iterator[list[_Edge]]:
    """One cycle per strongly connected component: the shortest from its smallest node back
    to itself, each step with the relation that makes it."""
    successors = {node: [e[0] for e in edges] for node, edges in graph.items()}
    for members in strongly_connected(successors):
        start = members[0]
        if len(members) == 1:
            self_loop = next((e for e in graph.get(start, []) if e[0] == start), None)
            if self_loop is not None:
                yield [(start, self_loop[1], self_loop[2])]
            continue
        comp = set(members)
        # BFS inside the component from start back to start; edges carry their origin.
        prev: dict[str, _Edge] = {}
        queue = [start]
        found: _Edge | None = None
        while queue and found is None:
            node = queue.pop(0)
            for nxt, f, i in graph.get(node, []):
                if nxt not in comp:
                    continue
                if nxt == start:
                    found = (node, f, i)
                    break
                if nxt not in prev:
                    prev[nxt] = (node, f, i)
                    queue.append(nxt)
        if found is None:  # pragma: no cover - a component always contains a cycle
            continue
        path = [found]
        node = found[0]
        while node != start:
            path.append(prev[node])
            node = prev[node][0]
        path.reverse()
        yield path
