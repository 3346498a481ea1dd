"""Zero silent wrong picks (issue 15): over the combined graph (seeds, data/examples, the invented
datasets of tests/api/data and a generated national set, loaded together), every pair of
entities with the same or nearly the same name is looked up by that name, without and with the
organisation of each, and each answer either resolves to the right entity or is a 409 that
lists it (and the other entities that name means there).

The pairs come from the graph itself (one read query): entities whose name, abbreviation or an
alias fold to the same key (case, accents, spaces and punctuation removed, as the resolver
folds), or to keys one edit apart (a cheap similarity: one letter or digit inserted, deleted or
changed, keys of at least 6 characters; 'Team Interventie 1' and 'Team Interventie 2',
'Team drugs' and 'Team Drugs 1' are near, 'Lokeren' and 'Politiezone Lokeren'
are not).

What the right answer is, is computed from the graph, not from the resolver: the entities whose
key equals the asked one, within the organisation when one is given (the membership rule of
docs/model.md: up PART_OF, LEADS and HOLDS to the first Organisation, that organisation's
PART_OF ancestors counting too).

Bounded, so the module stays short: every pair with a hand-written entity (seeds, examples,
tests/api/data) is checked, against entities of the whole graph; pairs of two generated entities
are not (the generated zones repeat one another's names, zone number aside: 'Korpschef' of
zone 005 and of zone 009 are the same case as 'Korpschef' of Lokeren and of zone 009, which is
checked). A name is asked without org once, and with the organisation of each hand-written
entity and of each generated one of the sample (the generated vocabulary and zone 002). The
module prints how many pairs there are and how many it checked.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.support import DATABASE, READER, SEED_FILES, Combined

V1 = "/api/v1"
CUT_LIST = 20  # a 409 listing at least this many candidates may leave the rest out
NEAR_MIN = 6  # shorter keys ('io', 'dpo', 'livc') are only compared for equality
# Generated datasets whose entities are also asked with their own organisation.
GENERATED_SAMPLE = frozenset({"bench-vocab", "zone-002"})

ENTITIES = """
MATCH (e:Entity)
RETURN e.id AS id, e.name AS name, e.kind AS kind, e.abbreviation AS abbreviation,
       coalesce(e.aliases, []) AS aliases, e.dataset AS dataset
"""
# The climbing steps of the membership rule, and Organisation PART_OF Organisation.
STEPS = """
MATCH (a:Entity)-[r:PART_OF|LEADS|HOLDS]->(b:Entity)
RETURN a.id AS a, b.id AS b, b:Organisation AS org
"""


def fold(text: str) -> str:
    """Case, accents, spaces and punctuation away: the resolver's exact-match key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    dataset: str
    texts: tuple[str, ...]  # name, abbreviation, aliases

    @property
    def generated(self) -> bool:
        """From bench/generate.py: its vocabulary or one of its zones (the seeds' own zone
        datasets are named like them, but the generated ones with those names are left out)."""
        return self.dataset == "bench-vocab" or (
            self.dataset.startswith("zone-") and self.dataset not in SEED_DATASETS
        )


SEED_DATASETS = frozenset(p.stem for p in SEED_FILES)


@dataclass
class Graph:
    entities: dict[str, Entity]
    by_key: dict[str, set[str]]  # folded key -> ids
    text_of: dict[tuple[str, str], str]  # (id, key) -> the text that folds to it
    org_of: dict[str, str | None]  # own organisation
    inside: dict[str, set[str]]  # id -> organisations it is in (own and their ancestors)


def read_graph(combined: Combined) -> Graph:
    with combined.driver.session(database=DATABASE, default_access_mode="READ") as s:
        rows = s.run(ENTITIES).data()
        steps = s.run(STEPS).data()
    entities: dict[str, Entity] = {}
    by_key: dict[str, set[str]] = defaultdict(set)
    text_of: dict[tuple[str, str], str] = {}
    for r in rows:
        texts = tuple(t for t in (r["name"], r["abbreviation"], *r["aliases"]) if t)
        e = Entity(r["id"], r["name"], r["kind"], r["dataset"] or "", texts)
        entities[e.id] = e
        for t in texts:
            k = fold(t)
            if k:
                by_key[k].add(e.id)
                text_of.setdefault((e.id, k), t)
    up: dict[str, set[str]] = defaultdict(set)
    is_org = {i for i, e in entities.items() if e.kind == "Organisation"}
    for st in steps:
        up[st["a"]].add(st["b"])
    org_of = {i: own_organisation(i, up, is_org) for i in entities}
    inside: dict[str, set[str]] = {}
    for i in entities:
        own = org_of[i]
        inside[i] = set() if own is None else ancestors(own, up, is_org)
    return Graph(entities, dict(by_key), text_of, org_of, inside)


def own_organisation(start: str, up: dict[str, set[str]], is_org: set[str]) -> str | None:
    """The first Organisation going up PART_OF/LEADS/HOLDS (at most 8 steps; breadth first, the
    smallest id among equally near ones); an Organisation is its own."""
    if start in is_org:
        return start
    frontier, seen = {start}, {start}
    for _ in range(8):
        nxt = {b for a in frontier for b in up.get(a, ()) if b not in seen}
        orgs = sorted(nxt & is_org)
        if orgs:
            return orgs[0]
        seen |= nxt
        frontier = nxt
        if not frontier:
            break
    return None


def ancestors(org: str, up: dict[str, set[str]], is_org: set[str]) -> set[str]:
    """The organisation and every Organisation above it by PART_OF: 'e in O' for each."""
    out, frontier = {org}, {org}
    while frontier:
        frontier = {b for a in frontier for b in up.get(a, ()) if b in is_org} - out
        out |= frontier
    return out


def near_keys(keys: Iterable[str]) -> set[tuple[str, str]]:
    """Pairs of distinct keys one edit apart (deletion neighbourhoods: two keys within one
    edit share a key with one character deleted, or one is the other with one deleted)."""
    variants: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        if len(k) < NEAR_MIN:
            continue
        variants[k].add(k)
        for i in range(len(k)):
            variants[k[:i] + k[i + 1 :]].add(k)
    pairs: set[tuple[str, str]] = set()
    for group in variants.values():
        for a, b in combinations(sorted(group), 2):
            if edit_distance_at_most_one(a, b):
                pairs.add((a, b))
    return pairs


def edit_distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@dataclass(frozen=True)
class Ask:
    """One lookup: `text` (folding to `key`), within `org` or the whole graph; `pair` is one
    pair of entities this lookup tells apart (for the failure message)."""

    text: str
    key: str
    org: str | None
    pair: tuple[str, str]


def pairs_and_asks(g: Graph) -> tuple[int, int, list[Ask]]:
    """(all pairs, checked pairs, the lookups that check them)."""
    pairs: set[tuple[str, str, str, str]] = set()  # (a, key of a, b, key of b)
    for k, ids in g.by_key.items():
        for a, b in combinations(sorted(ids), 2):
            pairs.add((a, k, b, k))
    for ka, kb in near_keys(g.by_key):
        for a in g.by_key[ka]:
            for b in g.by_key[kb]:
                if a != b:
                    pairs.add((a, ka, b, kb))
    checked = [p for p in pairs if checked_pair(g, p[0], p[2])]
    asks: dict[tuple[str, str | None], Ask] = {}
    for a, ka, b, kb in sorted(checked):
        for e, k in ((a, ka), (b, kb)):
            if not asked_for(g, e):
                continue
            text = g.text_of[(e, k)]
            for org in (None, g.org_of[e]):
                if org is None and (k, None) in asks:
                    continue
                asks.setdefault((k, org), Ask(text, k, org, (a, b)))
    return len(pairs), len(checked), sorted(asks.values(), key=lambda x: (x.key, x.org or ""))


def checked_pair(g: Graph, a: str, b: str) -> bool:
    """A pair with a hand-written entity (the generated zones repeat one another's names)."""
    return not g.entities[a].generated or not g.entities[b].generated


def asked_for(g: Graph, e: str) -> bool:
    """Whose name (and organisation) is asked: hand-written entities and the sample's."""
    ent = g.entities[e]
    return not ent.generated or ent.dataset in GENERATED_SAMPLE


def expected(g: Graph, ask: Ask) -> set[str]:
    """The entities the text names exactly, within the organisation when one is given."""
    ids = g.by_key.get(ask.key, set())
    if ask.org is None:
        return set(ids)
    return {i for i in ids if ask.org in g.inside[i]}


def verdict(g: Graph, ask: Ask, status: int, body: dict[str, Any]) -> str | None:
    """None when the answer is right; else what is wrong with it."""
    want = expected(g, ask)
    where = f"{ask.text!r}" + (f" with org={ask.org}" if ask.org else "")
    if status == 200:
        got = body["resolved"]["id"]["id"]
        if len(want) == 1 and got in want:
            return None
        return f"{where}: silently picked {got}; the name means {sorted(want)}"
    if status == 409:
        listed = {c["id"] for c in body.get("candidates") or []}
        if want <= listed and (len(want) > 1 or len(listed) > 1):
            return None
        # A long list may be cut (the caller narrows it with org): then all it lists are right.
        if len(listed) >= CUT_LIST and listed < want:
            return None
        return f"{where}: 409 listing {sorted(listed)}, not all of {sorted(want)}"
    return f"{where}: {status} {str(body)[:200]}; the name means {sorted(want)}"


@pytest.fixture(scope="module")
def graph(combined: Combined) -> Graph:
    return read_graph(combined)


def test_every_pair_of_alike_names_resolves_right_or_is_ambiguous(
    combined_client: TestClient, graph: Graph, capsys: pytest.CaptureFixture[str]
) -> None:
    total, checked, asks = pairs_and_asks(graph)
    assert checked > 100, "the combined graph must hold many alike names"
    wrong: list[str] = []
    for ask in asks:
        params = {"org": ask.org} if ask.org else {}
        r = combined_client.get(
            f"{V1}/entities/{quote(ask.text, safe='')}", params=params, headers=READER
        )
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
        problem = verdict(graph, ask, r.status_code, body)
        if problem is not None:
            wrong.append(problem)
    with capsys.disabled():
        print(
            f"\nno silent picks: {total} pairs of alike names, {checked} checked by "
            f"{len(asks)} lookups, {len(wrong)} wrong"
        )
    assert not wrong, f"{len(wrong)} of {len(asks)} lookups wrong:\n" + "\n".join(wrong[:40])
