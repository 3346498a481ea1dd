"""From mentions and facts to a draft dataset: ids, one entity per group, relations deduplicated,
no PART_OF/REPORTS_TO cycle, the organisation the text is about (a placeholder when the text
does not name it) and its top-level units."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from loaders.draft import lexicon as lx
from loaders.draft import sentences as sent
from loaders.draft.extract import Extraction, Extractor, Mention
from loaders.draft.names import Group, aliases, display_name, merge, norm, slug, unit_key
from loaders.draft.rules import HIGH, OWN_ORG_REASON, THRESHOLD, Rules
from loaders.draft.vocab import Vocabulary

PLACEHOLDER_REASON: Final = (
    "the text speaks of its organisation without naming it: name it and give it a real id"
)
TOP_LEVEL_REASON: Final = (
    "the text describes this unit of its own organisation without saying where it sits"
)
# Below the threshold: most texts describe a part of the organisation, so a unit without a
# stated parent is often not directly under the organisation; the reviewer switches it on.
_FREQUENCIES: Final = (
    ("tweewekelijks", "biweekly"), ("wekelijks", "weekly"), ("maandelijks", "monthly"),
    ("jaarlijks", "yearly"), ("dagelijks", "daily"),
)  # fmt: skip
_SPACES: Final = {0xA0: 0x20, 0x202F: 0x20, 0x2007: 0x20}
TOP_LEVEL_CONFIDENCE: Final = 0.45
TOP_CONFIDENCE: Final = 0.55
PLACEHOLDER_NAMES: Final = {"police_zone": "Politiezone (naam invullen)"}
ENTITY_KINDS: Final = (
    "Organisation", "Unit", "Post", "Role", "Person", "Board", "PartnerBody", "Forum",
    "Domain", "Plan", "Task",
)  # fmt: skip


@dataclass
class DEntity:
    id: str
    kind: str
    name: str
    quote: str
    confidence: float
    type: str | None = None
    abbreviation: str | None = None
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    inferred: bool = False
    reason: str | None = None
    props: dict[str, str] = field(default_factory=dict)
    staffing: list[dict[str, object]] = field(default_factory=list)


@dataclass
class DRelation:
    type: str
    from_: str
    to: str
    quote: str
    confidence: float
    reason: str | None = None
    inferred: bool = False
    props: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.from_, self.to)


@dataclass
class Draft:
    dataset: str
    title: str
    source_id: str
    source_file: str
    text: str
    entities: list[DEntity]
    relations: list[DRelation]
    vocab_ids: frozenset[str] = frozenset()

    def active(self) -> tuple[list[DEntity], list[DRelation]]:
        """What is written live: relations at or above the threshold whose ends are live,
        entities that are sure or that a live relation needs."""
        rels = [r for r in self.relations if r.confidence >= THRESHOLD]
        needed = {r.from_ for r in rels} | {r.to for r in rels}
        ents = [e for e in self.entities if e.confidence >= THRESHOLD or e.id in needed]
        live = {e.id for e in ents} | self.vocab_ids
        return ents, [r for r in rels if r.from_ in live and r.to in live]


def _span(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]]


def build(
    text: str, *, dataset: str, title: str, source_id: str, source_file: str, vocab: Vocabulary
) -> Draft:
    # The rules read the text with no-break spaces as spaces (same offsets: every quote is
    # still cut from the text as it is).
    flat = text.translate(_SPACES)
    sentences = sent.split(flat)
    ex = Extractor(flat, sentences, vocab)
    result: Extraction = Rules(ex).run()
    mentions = list(result.mentions)
    for f in result.facts:  # mentions made by the rules themselves (list items, tasks, roles)
        for m in (f.src, f.dst, f.on_behalf_of):
            if m is not None and id(m) not in result.first_quote:
                mentions.append(m)
                result.first_quote[id(m)] = f.quote
    groups, of = merge(mentions)
    used: set[str] = set(vocab.ids)
    ids: dict[int, str] = {}  # id(group) -> entity id
    entities: list[DEntity] = []
    self_org: DEntity | None = None
    in_fact = {id(of[id(m)]) for f in result.facts for m in (f.src, f.dst) if id(m) in of}

    def new_id(name: str) -> str:
        base = f"{dataset}-{slug(name)}"
        i, cand = 2, base
        while cand in used:
            cand, i = f"{base}-{i}", i + 1
        used.add(cand)
        return cand

    collective: set[str] = set()  # "alle diensthoofden": a post that stands for several
    named_orgs = [
        g for g in groups if g.kind == "Organisation" and g.key[0] != "self" and g.key[0] != "vocab"
    ]
    for g in groups:
        m = g.first
        if g.key[0] == "vocab":
            assert m.vocab is not None
            ids[id(g)] = m.vocab.id
            continue
        if g.kind not in ENTITY_KINDS:
            continue
        quote = _span(text, result.first_quote[id(m)])
        if g.key[0] == "self":
            # the organisation the text is about: a named one if the text names a zone
            zone = next((x for x in named_orgs if "zone" in x.first.name.lower()), None)
            if zone is not None:
                ids[id(g)] = ids.get(id(zone)) or ""
                if ids[id(g)]:
                    continue
                del ids[id(g)]
            org_type = m.head if isinstance(m.head, str) else None
            e = DEntity(
                new_id("organisation"), "Organisation",
                PLACEHOLDER_NAMES.get(org_type or "", "Organisatie (naam invullen)"),
                quote, 0.9, description="Placeholder for the organisation the text describes; "
                "the reviewer names it.", inferred=True, reason=PLACEHOLDER_REASON,
                props={"org_type": org_type} if org_type else {},
            )  # fmt: skip
            ids[id(g)] = e.id
            entities.append(e)
            self_org = e
            continue
        name = display_name(g)
        conf = (
            HIGH
            if id(g) in in_fact
            else (
                0.6
                if g.kind
                in (
                    "Unit",
                    "Post",
                    "Board",
                    "PartnerBody",
                    "Forum",
                    "Person",
                    "Role",
                    "Organisation",
                )
                else 0.3
            )
        )
        e = DEntity(new_id(name), g.kind, name, quote, conf)
        if g.kind == "Unit":
            e.type = _unit_type(g)
        if g.kind == "Forum":
            freq = next((f for w, f in _FREQUENCIES if w in name.lower()), None)
            if freq:
                e.props["frequency"] = freq
        if g.kind == "Post":
            rank = next((x.rank for x in g.mentions if x.rank), None)
            if rank:
                e.props["rank"] = rank
        e.abbreviation = g.abbreviation
        e.aliases = aliases(g, name)
        explained = _EXPLAINED.match(name) if g.kind == "Task" else None
        if explained:  # "BPA (Buurtpreventieadvies)": either part names the task too
            for part in explained.groups():
                if part.lower() not in {a.lower() for a in e.aliases}:
                    e.aliases.append(part)
        if g.kind == "Post" and len(name.split()) == 1 and any(x.plural for x in g.mentions):
            collective.add(e.id)
        if g.kind == "Organisation" and any(
            w in name.lower() for w in ("zone", "korps", "lokale politie")
        ):
            e.props["org_type"] = "police_zone"
        ids[id(g)] = e.id
        entities.append(e)
    by_id = {e.id: e for e in entities}

    def eid(m: Mention | None) -> str | None:
        if m is None:
            return None
        g = of.get(id(m))
        return ids.get(id(g)) if g is not None else None

    rels: dict[tuple[str, str, str], DRelation] = {}
    for f in result.facts:
        a, b = eid(f.src), eid(f.dst)
        if not a or not b or a == b:
            continue
        props = dict(f.props)
        behalf = eid(f.on_behalf_of)
        if behalf and behalf != a:
            props["on_behalf_of"] = behalf
        r = DRelation(f.type, a, b, _span(text, f.quote), f.confidence, f.reason, f.inferred, props)
        old = rels.get(r.key)
        if old is None or old.confidence < r.confidence:
            rels[r.key] = r
    _own_org_parent_only(rels)
    _combined_units(rels, entities)
    _through_roles(rels, {e.id: e for e in entities})
    _distribute(rels, entities, collective)
    _heads_report(rels, {e.id: e for e in entities})
    relations = _acyclic(sorted(rels.values(), key=lambda r: -r.confidence))
    order = {k: i for i, k in enumerate(rels)}
    relations.sort(key=lambda r: order[r.key])
    # staffing figures on their entities
    for fig in result.figures:
        owner = by_id.get(eid(fig.owner) or "")
        if owner is not None and owner.kind in ("Unit", "Post", "Board"):
            item: dict[str, object] = {"count": fig.count}
            if fig.rank:
                item["rank"] = fig.rank
            if fig.note:
                item["note"] = fig.note
            item["quote"] = _span(text, fig.quote)
            if item not in owner.staffing:
                owner.staffing.append(item)
    # the organisation and its top-level units
    if self_org is None and any(e.kind == "Unit" for e in entities):
        org_ids = {ids.get(id(g)) for g in named_orgs}
        named = [
            e for e in entities if e.id in org_ids and e.props.get("org_type") == "police_zone"
        ]
        if named:
            self_org = named[0]
        else:
            first = next(s for s in sent.split(text))
            self_org = DEntity(
                new_id("organisation"), "Organisation", "Organisatie (naam invullen)",
                first.text, 0.9, description="Placeholder for the organisation the text "
                "describes; the reviewer names it.", inferred=True, reason=PLACEHOLDER_REASON,
            )  # fmt: skip
            entities.insert(0, self_org)
    if self_org is not None:
        parents = {r.from_ for r in relations if r.type == "PART_OF"}
        # A unit the text gives sub-units to, or a board, and that sits under nothing stated:
        # the top of the text's tree, under the organisation (still inferred); other
        # parentless units are often placed elsewhere in the organigram: commented out.
        has_parts = {r.to for r in relations if r.type == "PART_OF"}
        # A board the organisation's own posts chair or sit on ("een directiecomité onder
        # voorzitterschap van de korpschef") is the organisation's, unless it is one of the
        # municipal or governing bodies a zone answers to.
        kinds = {e.id: e.kind for e in entities}
        own_boards = {
            r.to
            for r in relations
            if r.type in ("CHAIRS", "MEMBER_OF")
            and r.confidence >= THRESHOLD
            and kinds.get(r.from_) == "Post"
            and kinds.get(r.to) == "Board"
        }
        has_parts |= {
            e.id for e in entities if e.id in own_boards and norm(e.name) not in lx.GOVERNING_BOARDS
        }
        for e in entities:
            if e.kind in ("Unit", "Board") and e.id not in parents and e.confidence >= THRESHOLD:
                top = e.id in has_parts
                relations.append(
                    DRelation(
                        "PART_OF",
                        e.id,
                        self_org.id,
                        e.quote,
                        TOP_CONFIDENCE if top else TOP_LEVEL_CONFIDENCE,
                        TOP_LEVEL_REASON,
                        True,
                    )
                )
    return Draft(dataset, title, source_id, source_file, text, entities, relations, vocab.ids)


_EXPLAINED: Final = re.compile(r"^(\S.{1,80}?)\s*\(([^()]{2,80})\)$")
_COMBINED: Final = re.compile(r"^(\S+)\s+(.+?)\s+(?:&|en)\s+(.+)$")
COMBINED_REASON: Final = "the unit's name joins the names of two units the text describes"


def _own_org_parent_only(rels: dict[tuple[str, str, str], DRelation]) -> None:
    """ "onze verkeersdienst" places the unit in the organisation; when the text also gives
    it a parent unit, that parent is where it sits."""
    parents: dict[str, int] = {}
    for r in rels.values():
        if r.type == "PART_OF" and r.reason != OWN_ORG_REASON:
            parents[r.from_] = parents.get(r.from_, 0) + 1
    for k, r in list(rels.items()):
        if r.type == "PART_OF" and r.reason == OWN_ORG_REASON:
            r.reason = None
            if parents.get(r.from_):
                del rels[k]


def _combined_units(rels: dict[tuple[str, str, str], DRelation], entities: list[DEntity]) -> None:
    """ "Dienst Wijk & Onthaal" and, described on their own, "de dienst Wijk" and "de dienst
    Onthaal": the two are parts of the combined unit (when the text gives them no other
    parent)."""
    units = [e for e in entities if e.kind == "Unit"]
    keys: dict[str, DEntity] = {}
    for e in units:
        for n in (e.name, *e.aliases):
            keys.setdefault(unit_key(n), e)
    parents = {r.from_ for r in rels.values() if r.type == "PART_OF"}
    for whole in units:
        m = _COMBINED.match(whole.name)
        if m is None or m.group(1).lower() not in lx.UNIT_HEADS:
            continue
        head = m.group(1)
        parts = [keys.get(unit_key(f"{head} {x}")) for x in (m.group(2), m.group(3))]
        if any(p is None or p is whole for p in parts):
            continue
        for p in parts:
            assert p is not None
            key = ("PART_OF", p.id, whole.id)
            if p.id not in parents and key not in rels:
                rels[key] = DRelation(
                    "PART_OF", p.id, whole.id, whole.quote, 0.6, COMBINED_REASON, True
                )


ROLE_REASON: Final = "stated of a role the post takes (docs/model.md: the post gets it too)"


def _through_roles(rels: dict[tuple[str, str, str], DRelation], by_id: dict[str, DEntity]) -> None:
    """What a role represents at or leads, the post that takes the role does too (inferred,
    with the role in `in_role`), so a question about the post finds it."""
    takes = [r for r in rels.values() if r.type == "TAKES_ROLE"]
    for r in list(rels.values()):
        role = by_id.get(r.from_)
        if r.type not in ("REPRESENTS_AT", "LEADS") or role is None or role.kind != "Role":
            continue
        for t in takes:
            post = by_id.get(t.from_)
            if t.to != role.id or post is None or post.kind != "Post":
                continue
            key = (r.type, post.id, r.to)
            if key not in rels:
                rels[key] = DRelation(
                    r.type, post.id, r.to, r.quote, 0.6, ROLE_REASON, True,
                    {**r.props, "in_role": role.id},
                )  # fmt: skip


HEADS_REASON: Final = "the post leads a unit that the other post supervises"


def _heads_report(rels: dict[tuple[str, str, str], DRelation], by_id: dict[str, DEntity]) -> None:
    """X supervises unit U and post P leads U: P reports to X (inferred, hierarchical)."""
    for sup in [r for r in rels.values() if r.type == "SUPERVISES"]:
        x = by_id.get(sup.from_)
        if x is None or x.kind != "Post":
            continue
        for lead in [r for r in rels.values() if r.type == "LEADS" and r.to == sup.to]:
            head = by_id.get(lead.from_)
            if head is None or head.kind != "Post" or head.id == x.id:
                continue
            key = ("REPORTS_TO", head.id, x.id)
            if key not in rels:
                rels[key] = DRelation(
                    "REPORTS_TO", head.id, x.id, sup.quote, 0.6, HEADS_REASON, True,
                    {"line": "hierarchical"},
                )  # fmt: skip


COLLECTIVE_REASON: Final = "stated of all posts of this kind together ('alle diensthoofden')"


def _distribute(
    rels: dict[tuple[str, str, str], DRelation], entities: list[DEntity], collective: set[str]
) -> None:
    """ "met alle diensthoofden": each named post of that kind takes part too (inferred)."""
    for r in list(rels.values()):
        if r.from_ not in collective or r.type not in ("PARTICIPATES_IN", "MEMBER_OF"):
            continue
        head = next(e.name.lower() for e in entities if e.id == r.from_)
        named = [
            e
            for e in entities
            if e.kind == "Post" and e.id != r.from_ and e.name.lower().split()[0] == head
        ]
        for e in named:
            key = (r.type, e.id, r.to)
            if key not in rels:
                rels[key] = DRelation(
                    r.type, e.id, r.to, r.quote, 0.6, COLLECTIVE_REASON, True, dict(r.props)
                )
        if named:
            # docs/model.md: where the heads are identifiable they are separate posts; the
            # collective one is left for the reviewer
            r.confidence = min(r.confidence, 0.45)
            r.reason = "the named posts of this kind carry it (see the relations below)"


def _unit_type(g: Group) -> str | None:
    heads = [m.head for m in g.mentions if m.head]
    for h in heads:
        if h in lx.DEPARTMENT_LEVEL:
            return h
    return heads[0].lower() if heads else None


def _acyclic(rels: list[DRelation]) -> list[DRelation]:
    """Sure facts first; a PART_OF or REPORTS_TO that would close a cycle is left out."""
    out: list[DRelation] = []
    edges: dict[str, dict[str, set[str]]] = {"PART_OF": {}, "REPORTS_TO": {}}
    for r in rels:
        g = edges.get(r.type)
        if g is not None:
            if _reaches(g, r.to, r.from_):
                continue
            g.setdefault(r.from_, set()).add(r.to)
        out.append(r)
    return out


def _reaches(g: dict[str, set[str]], a: str, b: str) -> bool:
    todo, seen = [a], set()
    while todo:
        x = todo.pop()
        if x == b:
            return True
        if x in seen:
            continue
        seen.add(x)
        todo.extend(g.get(x, ()))
    return False


def dataset_id(path: Path) -> str:
    return "draft-" + slug(path.stem)
