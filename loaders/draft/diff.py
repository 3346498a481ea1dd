"""A draft against a dataset: which facts the text states that the dataset does not, and the
reverse. Entities are matched by name, alias or abbreviation (normalised as names.py merges
them), vocabulary ids by id, and the draft's placeholder organisation by the dataset's main
organisation (the one most units are PART_OF), since the reviewer will have named it.

Used by `orggraph draft --diff` and by the seed evaluation (bench/drafts_eval.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from graph.errors import OrgGraphError
from loaders.draft.build import PLACEHOLDER_REASON, Draft
from loaders.draft.names import fold, norm, unit_key

MAX_DATASET_BYTES: Final = 20 * 1024 * 1024
_KIND_FAMILY: Final = {
    "Board": "body", "PartnerBody": "body", "Forum": "body", "Unit": "unit",
    "Organisation": "org", "Post": "post", "Role": "post", "Person": "person",
    "Domain": "topic", "Task": "topic", "Plan": "topic", "Functionality": "topic",
    "Objective": "topic",
}  # fmt: skip


@dataclass(frozen=True)
class Ent:
    id: str
    kind: str
    names: frozenset[str]
    label: str
    placeholder: bool = False


@dataclass(frozen=True)
class Rel:
    type: str
    from_: str
    to: str
    quote: str


@dataclass
class Side:
    entities: dict[str, Ent] = field(default_factory=dict)
    relations: list[Rel] = field(default_factory=list)


_FREQUENCY_WORDS: Final = re.compile(
    r"^(?:(?:twee)?wekelijks|maandelijks|jaarlijks|dagelijks|driemaandelijks)e?\s+"
)


def name_keys(kind: str, names: list[str]) -> frozenset[str]:
    """Normalised names, and the same with an adjective's inflection undone ("wekelijkse
    overleg" = "wekelijks overleg") and without a frequency word ("operationeel overleg")."""
    out: set[str] = set()
    for n in names:
        k = fold(norm(n))
        if k:
            out.add(k)
            uninflected = re.sub(r"(\w{4,}s)e\b", r"\1", k)
            out.add(uninflected)
            out.add(_FREQUENCY_WORDS.sub("", uninflected))
            if kind == "Unit":
                out.add(unit_key(n))
    return frozenset(out)


def side_of_draft(d: Draft, *, include_commented: bool = False) -> Side:
    ents, rels = (d.entities, d.relations) if include_commented else d.active()
    s = Side()
    for e in ents:
        names = [e.name, *e.aliases, *([e.abbreviation] if e.abbreviation else [])]
        s.entities[e.id] = Ent(
            e.id, e.kind, name_keys(e.kind, names), e.name, e.reason == PLACEHOLDER_REASON
        )
    s.relations = [Rel(r.type, r.from_, r.to, r.quote) for r in rels]
    return s


def side_of_dataset(path: Path) -> Side:
    """Entities and relations of a dataset file, read as plain YAML (it may be a reviewed
    draft that no longer validates against today's vocabulary: the diff still answers)."""
    try:
        if path.stat().st_size > MAX_DATASET_BYTES:
            raise OrgGraphError(f"{path}: larger than {MAX_DATASET_BYTES} bytes")
        doc: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise OrgGraphError(f"{path}: cannot read it ({e.strerror})") from e
    except yaml.YAMLError as e:
        raise OrgGraphError(f"{path}: not valid YAML ({e}); run orggraph validate on it") from e
    if not isinstance(doc, dict):
        raise OrgGraphError(f"{path}: not a dataset file (no mapping at the top)")
    s = Side()
    for item in doc.get("entities") or []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        names = [item.get("name"), item.get("abbreviation"), *(item.get("aliases") or [])]
        kind = str(item.get("kind"))
        s.entities[item["id"]] = Ent(
            item["id"], kind, name_keys(kind, [n for n in names if isinstance(n, str)]),
            str(item.get("name")), item.get("reason") == PLACEHOLDER_REASON,
        )  # fmt: skip
    for r in doc.get("relations") or []:
        if isinstance(r, dict) and all(isinstance(r.get(k), str) for k in ("type", "from", "to")):
            s.relations.append(Rel(r["type"], r["from"], r["to"], str(r.get("quote", ""))))
    return s


def _main_org(s: Side) -> str | None:
    orgs = {i for i, e in s.entities.items() if e.kind == "Organisation"}
    counts = Counter(r.to for r in s.relations if r.type == "PART_OF" and r.to in orgs)
    if counts:
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return min(orgs) if orgs else None


def match(a: Side, b: Side) -> dict[str, str]:
    """a's entity ids -> b's, by shared names (same kind first, then the same family)."""
    out: dict[str, str] = {}
    index: dict[str, list[Ent]] = {}
    for e in b.entities.values():
        for n in e.names:
            index.setdefault(n, []).append(e)
    main_b = _main_org(b)
    for e in a.entities.values():
        if e.placeholder and main_b is not None:
            out[e.id] = main_b
            continue
        cands: Counter[str] = Counter()
        for n in e.names:
            for x in index.get(n, []):
                score = (
                    4
                    if x.kind == e.kind
                    else 2
                    if _KIND_FAMILY.get(x.kind) == _KIND_FAMILY.get(e.kind)
                    else 0
                )
                if score:
                    cands[x.id] += score
        if cands:
            out[e.id] = sorted(cands.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return out


@dataclass
class Comparison:
    only_a: list[Rel]
    only_b: list[Rel]
    both: list[tuple[Rel, Rel]]
    entities_only_a: list[Ent]
    entities_only_b: list[Ent]
    mapping: dict[str, str]


def compare(a: Side, b: Side, *, types: frozenset[str] | None = None) -> Comparison:
    """a's relations against b's after mapping a's entities onto b's (ids unknown to a's
    entities, the vocabulary, map to themselves)."""
    mapping = match(a, b)

    def key(r: Rel) -> tuple[str, str, str]:
        return (r.type, mapping.get(r.from_, r.from_), mapping.get(r.to, r.to))

    ra = [r for r in a.relations if types is None or r.type in types]
    rb = [r for r in b.relations if types is None or r.type in types]
    b_keys: dict[tuple[str, str, str], Rel] = {}
    for r in rb:
        b_keys.setdefault((r.type, r.from_, r.to), r)
    both: list[tuple[Rel, Rel]] = []
    only_a: list[Rel] = []
    hit: set[tuple[str, str, str]] = set()
    for r in ra:
        k = key(r)
        if k in b_keys:
            if k not in hit:
                both.append((r, b_keys[k]))
                hit.add(k)
        else:
            only_a.append(r)
    only_b = [r for r in rb if (r.type, r.from_, r.to) not in hit]
    mapped = set(mapping.values())
    return Comparison(
        only_a, only_b, both,
        [e for e in a.entities.values() if e.id not in mapping],
        [e for e in b.entities.values() if e.id not in mapped],
        mapping,
    )  # fmt: skip


def diff_lines(a: Side, b: Side) -> list[str]:
    """`+` what the text states that the dataset does not, `-` the reverse."""
    c = compare(a, b)

    def label(side: Side, i: str) -> str:
        e = side.entities.get(i)
        return f"{e.label} ({i})" if e else i

    lines = [f"+ {e.kind} {e.label}" for e in c.entities_only_a]
    lines += [f'+ {r.type} {label(a, r.from_)} -> {label(a, r.to)}: "{r.quote}"' for r in c.only_a]
    lines += [f"- {e.kind} {e.label} ({e.id})" for e in c.entities_only_b]
    lines += [f"- {r.type} {label(b, r.from_)} -> {label(b, r.to)}" for r in c.only_b]
    return lines
