"""Questions as users ask them (issue 15), over many organisations in one graph: the seeds,
data/examples, the invented datasets of tests/api/data and a generated national set, loaded
together (the `combined` fixture). Each question is ONE request, with `org` where the question
names the organisation, and each answer is checked against what the datasets say: ids, names
and quotes written here from reading the datasets and their source texts, never recorded from
what the code answers.

The table reads as a list of user questions: (question, request, expected). Names are typed as
users type them: abbreviations, partial names, wrong case, without accents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.support import READER, Combined, stale_placements

V1 = "/api/v1"

Body = Any  # the JSON body (a dict), or the HTML text of a view
Check = Callable[[int, Body], None]


# --- what an answer must hold -------------------------------------------------------------


def _ok(status: int, body: Body) -> dict[str, Any]:
    assert status == 200, f"expected 200, got {status}: {str(body)[:400]}"
    assert isinstance(body, dict)
    return body


def _ids(body: dict[str, Any], key: str = "id") -> list[str]:
    return [r.get(key) for r in body["rows"]]


def resolved(label: str, want: str, rule: str | None = None) -> Check:
    """The request's `label` (id, at, for, org, from, to) resolved to entity `want`."""

    def check(status: int, body: Body) -> None:
        got = _ok(status, body)["resolved"].get(label)
        assert got is not None, f"nothing resolved for {label!r}: {body['resolved']}"
        assert got["id"] == want, f"{label!r} resolved to {got}, not {want}"
        if rule is not None:
            assert got.get("rule") == rule, f"{label!r} resolved by {got.get('rule')!r}, not {rule}"

    return check


def includes(*want: str, key: str = "id") -> Check:
    def check(status: int, body: Body) -> None:
        got = set(_ids(_ok(status, body), key))
        missing = set(want) - got
        assert not missing, f"rows lack {sorted(missing)}; rows: {sorted(map(str, got))[:40]}"

    return check


def excludes(*unwanted: str, key: str = "id") -> Check:
    def check(status: int, body: Body) -> None:
        got = set(_ids(_ok(status, body), key))
        wrong = set(unwanted) & got
        assert not wrong, f"rows hold {sorted(wrong)}, which do not answer the question"

    return check


def exactly(*want: str, key: str = "id") -> Check:
    def check(status: int, body: Body) -> None:
        got = set(_ids(_ok(status, body), key))
        assert got == set(want), f"rows {sorted(map(str, got))}, expected {sorted(want)}"

    return check


def all_prefixed(prefix: str, key: str = "id") -> Check:
    """Every row is an entity of that organisation (its ids share the prefix)."""

    def check(status: int, body: Body) -> None:
        rows = _ids(_ok(status, body), key)
        assert rows, "no rows"
        strays = [i for i in rows if not str(i).startswith(prefix)]
        assert not strays, f"rows from elsewhere: {strays[:10]}"

    return check


def upward(*chain: str) -> Check:
    """A chain of command: the start first, then these in this order (other upward rows, such
    as the units passed, may come between)."""

    def check(status: int, body: Body) -> None:
        rows = _ids(_ok(status, body))
        assert rows and rows[0] == chain[0], f"first row {rows[:1]}, not the start {chain[0]}"
        at = 0
        for want in chain[1:]:
            assert want in rows[at + 1 :], f"{want} not above {rows[at]} in {rows}"
            at = rows.index(want, at + 1)

    return check


def bare_start(status: int, body: Body) -> None:
    """The start row of a chain carries no step's relation, line or quote."""
    row = _ok(status, body)["rows"][0]
    assert row["depth"] == 0, row
    assert not row.get("via") and not row.get("line") and row.get("source") is None, row


def ambiguous(*want: str) -> Check:
    """A 409 whose candidates include `want`, each as {id, name, kind, organisation, path}."""

    def check(status: int, body: Body) -> None:
        assert status == 409, f"expected 409, got {status}: {str(body)[:400]}"
        cands = body["candidates"]
        got = {c["id"] for c in cands}
        assert set(want) <= got, f"candidates {sorted(got)} lack {sorted(set(want) - got)}"
        for c in cands:
            assert {"id", "name", "kind", "organisation", "path"} <= set(c), c
            org = c["organisation"]
            assert org is None or set(org) == {"id", "name"}, c

    return check


def candidate(cid: str, org: str | None, path: list[str] | None = None) -> Check:
    """The 409 candidate `cid` says its organisation (and the units above it)."""

    def check(status: int, body: Body) -> None:
        assert status == 409, f"expected 409, got {status}: {str(body)[:300]}"
        (c,) = [c for c in body["candidates"] if c["id"] == cid]
        assert (c["organisation"] or {}).get("id") == org, c
        if path is not None:
            assert c["path"] == path, c

    return check


def not_found(status: int, body: Body) -> None:
    assert status == 404, f"expected 404, got {status}: {str(body)[:300]}"


def row(rid: str, key: str = "id", **fields: Any) -> Check:
    """Some row `rid` has these field values (a callable value is a predicate)."""

    def check(status: int, body: Body) -> None:
        rows = [r for r in _ok(status, body)["rows"] if r.get(key) == rid]
        assert rows, f"no row {rid}; rows: {_ids(body, key)[:30]}"

        def fits(r: dict[str, Any]) -> bool:
            return all(v(r.get(k)) if callable(v) else r.get(k) == v for k, v in fields.items())

        assert any(fits(r) for r in rows), f"no row {rid} with {fields}: {rows}"

    return check


def has_id(want: str) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, dict) and v.get("id") == want


def says(*words: str) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and all(w.casefold() in v.casefold() for w in words)


def quote_says(*words: str) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, dict) and says(*words)(v.get("quote"))


def covered(*fids: str, units: dict[str, str] | None = None) -> Check:
    def check(status: int, body: Body) -> None:
        rows = {r["id"]: r for r in _ok(status, body)["rows"]}
        assert len(rows) == 7, f"{len(rows)} functionalities, not the seven"
        for f in fids:
            assert rows[f]["covered"], f"{f} reported uncovered: {rows[f]}"
        for f, unit in (units or {}).items():
            ids = {u.get("id") for u in rows[f]["units"]}
            assert unit in ids, f"{f} covered by {ids}, not by {unit}"

    return check


def uncovered(*fids: str) -> Check:
    def check(status: int, body: Body) -> None:
        rows = {r["id"]: r for r in _ok(status, body)["rows"]}
        for f in fids:
            assert not rows[f]["covered"], f"{f} reported covered: {rows[f]}"

    return check


def _mentions(value: Any, wanted: str) -> bool:
    if isinstance(value, dict):
        return any(_mentions(v, wanted) for v in value.values())
    if isinstance(value, list):
        return any(_mentions(v, wanted) for v in value)
    return bool(value == wanted)


def chairs(*pairs: tuple[str, str, str]) -> Check:
    """(chair, body, capacity): a row says that this post or person chairs that body."""

    def check(status: int, body: Body) -> None:
        rows = _ok(status, body)["rows"]
        for who, what, capacity in pairs:
            hit = [
                r
                for r in rows
                if r.get("id") == who and _mentions(r.get("body"), what)
                and r.get("capacity") == capacity
            ]  # fmt: skip
            seen = [(r.get("id"), r.get("capacity"), r.get("body")) for r in rows]
            assert hit, f"no row: {who} {capacity} {what}; rows: {seen}"

    return check


def explained(status: int, body: Body) -> None:
    """Every row says through which relations it was found, each step with its quote."""
    rows = _ok(status, body)["rows"]
    assert rows, "no rows"
    for r in rows:
        steps = r.get("via")
        assert isinstance(steps, list) and steps, f"row without `via` steps: {r}"
        for s in steps:
            assert {"type", "from", "to", "quote"} <= set(s), s
            assert set(s["from"]) >= {"id", "name"} and set(s["to"]) >= {"id", "name"}, s
        assert isinstance(r.get("via_text"), str) and r["via_text"], r


def on_behalf_of_as_ref(status: int, body: Body) -> None:
    """`on_behalf_of` is {id, name} (or null) in every row."""
    for r in _ok(status, body)["rows"]:
        v = r.get("on_behalf_of")
        assert v is None or (isinstance(v, dict) and set(v) == {"id", "name"}), r


def rows_carry_organisation(name: str, org: str) -> Check:
    """Search rows carry `organisation` {id, name} and `path`; the first row named `name` is
    the one of organisation `org`, and every row so named says its organisation."""

    def check(status: int, body: Body) -> None:
        rows = _ok(status, body)["rows"]
        for r in rows:
            assert "organisation" in r and "path" in r, r
        named = [r for r in rows if r["name"] == name]
        assert len(named) >= 2, f"rows named {name!r}: {named}"
        assert (named[0]["organisation"] or {}).get("id") == org, named[0]
        for r in named:
            o = r["organisation"]
            assert isinstance(o, dict) and o.get("id") and o.get("name"), r

    return check


def kinds_only(*kinds: str) -> Check:
    def check(status: int, body: Body) -> None:
        got = {r["kind"] for r in _ok(status, body)["rows"]}
        assert got and got <= set(kinds), f"kinds {got}"

    return check


def path_ends(first: str, last: str, steps: int | None = None) -> Check:
    def check(status: int, body: Body) -> None:
        rows = _ok(status, body)["rows"]
        assert rows and rows[0]["from_id"] == first and rows[-1]["to_id"] == last, rows
        if steps is not None:
            assert len(rows) == steps, rows

    return check


def first_row(**fields: Any) -> Check:
    def check(status: int, body: Body) -> None:
        r = _ok(status, body)["rows"][0]
        for k, v in fields.items():
            assert r.get(k) == v, f"{k}={r.get(k)!r}, not {v!r}: {r}"

    return check


def zone_not_city(status: int, body: Body) -> None:
    """'Lokeren' alone: the police zone, or a 409 naming the zone and the city; never the city
    silently."""
    if status == 409:
        ambiguous("lokeren", "lokeren-stad")(status, body)
    else:
        resolved("id", "lokeren")(status, body)


def page_of_zone_not_city(status: int, body: Body) -> None:
    """The organigram view for 'Lokeren': the police zone's page, or a 409 page linking both."""
    assert isinstance(body, str)
    if status == 409:
        for i in ("lokeren", "lokeren-stad"):
            assert f"/viz/organisations/{i}" in body, f"the 409 page does not link {i}"
    else:
        assert status == 200, f"{status}: {body[:300]}"
        assert "lokeren-lokale-recherche" in body, "not the police zone's organigram"
        assert "lokeren-gemeenteraad" not in body, "the city's organigram"


# --- the questions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Q:
    question: str
    path: str
    params: dict[str, Any]
    expect: tuple[Check, ...]
    needs: tuple[str, ...] = field(default=())  # tests/api/data files the answer rests on


BEEKVELD = "zone-beekveld.yaml"
BEEKVELD_COVERS = "zone-beekveld-functionaliteiten.yaml"
BEEKVELD_VICE = "zone-beekveld-ondervoorzitter.yaml"

LOKEREN_UNITS = ("lokeren-lokale-recherche", "lokeren-lccu", "lokeren-interventiedienst",
                 "lokeren-wijkdienst")  # fmt: skip
KORPSCHEFS = ("zone-000-korpschef", "lokeren-korpschef", "dijlevallei-korpschef",
              "kempenland-korpschef", "beekveld-korpschef", "zone-002-korpschef")  # fmt: skip
LOKALE_RECHERCHES = ("zone-000-lokale-recherche", "zone-001-lokale-recherche",
                     "lokeren-lokale-recherche", "kempenland-cluster-recherche",
                     "beekveld-lokale-recherche")  # fmt: skip
FUNCTIONALITIES = tuple(
    f"functionality-{f}"
    for f in ("wijkwerking", "onthaal", "interventie", "slachtofferbejegening",
              "lokale-opsporing", "openbare-orde", "verkeer")
)  # fmt: skip
DIJLEVALLEI_RAAD = ("gemeente-heverdonk-burgemeester", "gemeente-dijlegem-burgemeester",
                    "gemeente-oostmolen-burgemeester", "gemeente-ravelingen-burgemeester",
                    "hilde-moens", "koen-verhaegen", "luc-baeyens", "marc-de-wolf")  # fmt: skip

QUESTIONS: tuple[Q, ...] = (
    # --- one name, many organisations: scope by `org` ------------------------------------
    Q(
        "Wie staat er onder de korpschef van PZ Lokeren?",
        "/subordinates/korpschef",
        {"org": "PZ Lokeren"},
        (
            resolved("id", "lokeren-korpschef"),
            resolved("org", "lokeren"),
            includes(*LOKEREN_UNITS),
            all_prefixed("lokeren"),
        ),
    ),
    Q(
        "Wie staat er onder de korpschef?",
        "/subordinates/korpschef",
        {},
        (
            ambiguous(*KORPSCHEFS),
            candidate("lokeren-korpschef", "lokeren"),
            candidate("zone-002-korpschef", "zone-002"),
        ),
    ),
    Q(
        "Wie staat er onder de korpschef van de stad Lokeren?",
        "/subordinates/korpschef",
        {"org": "Stad Lokeren"},
        (not_found,),
    ),
    Q(
        "Wat weten we over de lokale recherche van politiezone lokeren?",
        "/entities/lokale recherche",
        {"org": "politiezone lokeren"},
        (
            resolved("id", "lokeren-lokale-recherche", "exact"),
            first_row(id="lokeren-lokale-recherche"),
        ),
    ),
    Q(
        "De lokale recherche?",
        "/entities/lokale recherche",
        {},
        (
            ambiguous(*LOKALE_RECHERCHES),
            candidate("kempenland-cluster-recherche", "zone-kempenland", ["Luik operaties"]),
            candidate(
                "zone-000-lokale-recherche",
                "zone-000",
                ["Afdeling/Dienst operationele coördinatie"],
            ),
        ),
    ),
    Q(
        "Wat doet de Lokale Recherche van zone 001?",
        "/entities/Lokale Recherche",
        {"org": "zone-001"},
        (resolved("id", "zone-001-lokale-recherche"),),
    ),
    Q(
        "Wie zit in de lokale recherche van Kempenland?",
        "/entities/lokale recherche",
        {"org": "Kempenland"},
        (resolved("id", "kempenland-cluster-recherche"), resolved("org", "zone-kempenland")),
    ),
    Q(
        "Wat doet de recherche in Dijlevallei? (deel van de naam)",
        "/entities/recherche",
        {"org": "Politiezone Dijlevallei"},
        (resolved("id", "dijlevallei-afdeling-recherche"),),
    ),
    Q(
        "Wie is de korpschef van Dijlevallei?",
        "/entities/korpschef",
        {"org": "Dijlevallei"},
        (
            resolved("id", "dijlevallei-korpschef"),
            first_row(id="dijlevallei-korpschef", name="Korpschef"),
        ),
    ),
    Q(
        "Het LIK van Kempenland",
        "/entities/LIK",
        {"org": "Politiezone Kempenland"},
        (resolved("id", "kempenland-lik"),),
    ),
    Q(
        "Wat is het LIK?",
        "/entities/lik",
        {},
        (ambiguous("lokeren-lik", "kempenland-lik", "zone-001-task-lik"),),
    ),
    Q(
        "Wie is de operationeel coordinator? (zonder accent)",
        "/entities/operationeel coordinator",
        {},
        (
            ambiguous(
                "zone-000-operationeel-coordinator",
                "nl-coordinatiecentrum-operationeel-coordinator-oov",
            ),
        ),
    ),
    Q(
        "Wie is de operationeel coordinator van zone 000?",
        "/entities/operationeel coordinator",
        {"org": "zone-000"},
        (resolved("id", "zone-000-operationeel-coordinator"),),
    ),
    Q(
        "Wie valt onder de OPERATIONEEL COÖRDINATOR van zone 000?",
        "/subordinates/OPERATIONEEL COÖRDINATOR",
        {"org": "zone-000"},
        (
            includes("zone-000-diensthoofd-dsi", "zone-000-dsi", "zone-000-spottersteam"),
            all_prefixed("zone-000"),
        ),
    ),
    Q(
        "Wat wordt de Directie Operaties van Lokeren? (gepland)",
        "/entities/directie operaties",
        {"org": "PZ Lokeren"},
        (resolved("id", "lokeren-directie-operaties"),),
    ),
    Q(
        "Welke Directie Operaties?",
        "/entities/Directie Operaties",
        {},
        (ambiguous("zone-001-directie-operaties", "lokeren-directie-operaties", "zone-003-dir-0"),),
    ),
    Q(
        "Wat doet de dienst verkeer van zone 000?",
        "/entities/dienst verkeer",
        {"org": "zone-000"},
        (resolved("id", "zone-000-verkeersdienst"),),
    ),
    Q(
        "Wat is OOV?",
        "/entities/OOV",
        {},
        (ambiguous("nl-coordinatiecentrum-sector-oov", "openbare-orde"),),
    ),
    Q("Wat is de DSI?", "/entities/dsi", {}, (resolved("id", "zone-000-dsi", "exact"),)),
    Q(
        "Wat doet het coordinatiecentrum? (zonder accent)",
        "/entities/coordinatiecentrum",
        {},
        (resolved("id", "nl-coordinatiecentrum-centrum"),),
    ),
    Q(
        "Wie is dirk de paepe?",
        "/entities/dirk de paepe",
        {},
        (resolved("id", "lokeren-dirk-de-paepe"),),
    ),
    Q(
        "Wie is Jan Goossens van Ravelingen?",
        "/entities/jan goossens",
        {"org": "Gemeente Ravelingen"},
        (resolved("id", "jan-goossens"),),
    ),
    Q(
        "Wie is Hendrik-Jan? (alleen de voornaam)",
        "/entities/Hendrik-Jan",
        {},
        (resolved("id", "hendrik-jan-van-leeuwen", "fulltext"),),
    ),
    Q(
        "Wat doet de gerechtelijke directie? (deel van de naam)",
        "/entities/gerechtelijke directie",
        {},
        (resolved("id", "scheldeland-gerechtelijke-directie", "fulltext"),),
    ),
    Q("Welke CSD?", "/entities/CSD", {}, (ambiguous("scheldeland-csd", "federal-csd"),)),
    Q(
        "Wat doet de CSD Scheldeland?",
        "/entities/csd scheldeland",
        {},
        (resolved("id", "scheldeland-csd"),),
    ),
    Q(
        "Wat is de Federale politie?",
        "/entities/federale politie",
        {},
        (ambiguous("federal-police", "federale-politie"),),
    ),
    Q(
        "Het diensthoofd lokale recherche van PZ Synthetisch 009 en zijn mensen",
        "/subordinates/diensthoofd lokale recherche",
        {"org": "PZ Synthetisch 009"},
        (
            resolved("id", "zone-009-dir-1-d-0-diensthoofd"),
            includes(
                "zone-009-dir-1-d-0-team-0-teamchef", "zone-009-dir-1-d-0-team-3-inspecteur-1"
            ),
            all_prefixed("zone-009-"),
        ),
    ),
    # --- Lokeren the police zone, Stad Lokeren the city --------------------------------
    Q("Het organigram van Lokeren", "/organisations/Lokeren/tree", {}, (zone_not_city,)),
    Q(
        "Het organigram van Lokeren, als pagina",
        "/viz/organisations/Lokeren",
        {},
        (page_of_zone_not_city,),
    ),
    Q(
        "Het organigram van PZ Lokeren",
        "/organisations/PZ Lokeren/tree",
        {},
        (
            resolved("id", "lokeren"),
            includes("lokeren-lokale-recherche", "lokeren-lccu"),
            excludes("lokeren-burgemeester"),
        ),
    ),
    Q(
        "De stad Lokeren: wat hoort erbij?",
        "/organisations/stad lokeren/tree",
        {},
        (
            resolved("id", "lokeren-stad"),
            includes("lokeren-burgemeester"),
            excludes("lokeren-korpschef", "lokeren-lokale-recherche"),
        ),
    ),
    Q(
        "Het organigram van PZ Synthetisch 007",
        "/organisations/pz synthetisch 007/tree",
        {},
        (
            resolved("id", "zone-007"),
            includes("zone-007-dir-0", "zone-007-korpschef"),
            all_prefixed("zone-007"),
        ),
    ),
    # --- search rows say where they belong ---------------------------------------------
    Q(
        "korpschef lokeren (zoekvak)",
        "/search",
        {"q": "korpschef lokeren"},
        (
            rows_carry_organisation("Korpschef", "lokeren"),
            row("lokeren-korpschef", organisation={"id": "lokeren", "name": "Politiezone Lokeren"}),
        ),
    ),
    Q(
        "korpschef, alleen in Kempenland (zoekvak)",
        "/search",
        {"q": "korpschef", "org": "Kempenland"},
        (
            includes("kempenland-korpschef"),
            excludes(
                "lokeren-korpschef",
                "zone-000-korpschef",
                "dijlevallei-korpschef",
                "zone-002-korpschef",
            ),
        ),
    ),
    Q(
        "Which organisations are called Lokeren?",
        "/search",
        {"q": "lokeren", "kind": "Organisation"},
        (includes("lokeren", "lokeren-stad"), kinds_only("Organisation")),
    ),
    Q(
        "Welke Becors zijn er?",
        "/search",
        {"q": "becor", "kind": "Role"},
        (
            includes(
                "zone-000-becor", "beekveld-becor", "zone-scheldebocht-becor", "zone-002-role-becor"
            ),
            kinds_only("Role"),
        ),
    ),
    # --- chain of command: only upward ------------------------------------------------
    Q(
        "Aan wie rapporteert de inspecteur van interventieploeg Noord in Beekveld?",
        "/chain-of-command/inspecteur interventieploeg noord",
        {"org": "PZ Beekveld"},
        (
            upward(
                "beekveld-inspecteur-noord",
                "beekveld-ploegcommandant",
                "beekveld-diensthoofd-interventie",
                "beekveld-korpschef",
            ),
            excludes("beekveld-atlasploeg", "beekveld-interventieploeg-zuid"),
            bare_start,
        ),
        needs=(BEEKVELD,),
    ),
    Q(
        "Wie staat boven de ploegcommandant in Beekveld?",
        "/chain-of-command/ploegcommandant",
        {"org": "Beekveld"},
        (
            upward(
                "beekveld-ploegcommandant", "beekveld-diensthoofd-interventie", "beekveld-korpschef"
            ),
            excludes(
                "beekveld-atlasploeg",
                "beekveld-interventieploeg-noord",
                "beekveld-interventieploeg-zuid",
            ),
            bare_start,
        ),
        needs=(BEEKVELD,),
    ),
    Q(
        "Wie geeft leiding aan interventieploeg zuid, en daarboven?",
        "/chain-of-command/interventieploeg zuid",
        {},
        (
            upward(
                "beekveld-interventieploeg-zuid",
                "beekveld-ploegcommandant",
                "beekveld-diensthoofd-interventie",
                "beekveld-korpschef",
            ),
            excludes("beekveld-atlasploeg", "beekveld-interventieploeg-noord"),
            bare_start,
        ),
        needs=(BEEKVELD,),
    ),
    Q(
        "Wie stuurt de interventieploegen van Kempenland aan?",
        "/chain-of-command/interventieploegen",
        {"org": "Kempenland"},
        (
            upward("kempenland-interventieploegen", "kempenland-officier-van-dienst"),
            excludes("kempenland-verkeersploeg"),
            bare_start,
        ),
    ),
    Q(
        "Aan wie rapporteert de korpschef van Kempenland?",
        "/chain-of-command/korpschef",
        {"org": "Politiezone Kempenland"},
        (
            first_row(id="kempenland-korpschef"),
            excludes(
                "kempenland-korpsleiding",
                "kempenland-luikverantwoordelijke-operaties",
                "kempenland-luikverantwoordelijke-ondersteuning",
            ),
            bare_start,
        ),
    ),
    Q(
        "Wie stond boven het SICAD?",
        "/chain-of-command/SICAD",
        {},
        (
            first_row(id="scheldeland-sicad"),
            excludes("scheldeland-cik", "scheldeland-aik", "scheldeland-dienst-operaties"),
            bare_start,
        ),
    ),
    Q(
        "Aan wie rapporteert het diensthoofd DSI?",
        "/chain-of-command/diensthoofd dsi",
        {},
        (
            exactly(
                "zone-000-diensthoofd-dsi",
                "zone-000-operationeel-coordinator",
                "zone-000-korpschef",
                "zone-000-burgemeester-politiecollege",
            ),
            upward(
                "zone-000-diensthoofd-dsi",
                "zone-000-operationeel-coordinator",
                "zone-000-korpschef",
                "zone-000-burgemeester-politiecollege",
            ),
            row(
                "zone-000-operationeel-coordinator",
                via="REPORTS_TO",
                source=quote_says("onder toezicht en verantwoordelijkheid van de operationeel"),
            ),
            bare_start,
        ),
    ),
    Q(
        "Boven wie staat de coordinator overlast?",
        "/chain-of-command/coordinator overlast",
        {},
        (
            upward(
                "nl-coordinatiecentrum-coordinator-overlast",
                "nl-coordinatiecentrum-operationeel-coordinator-oov",
            ),
            excludes(
                "nl-coordinatiecentrum-centrum",
                "nl-coordinatiecentrum-dvl",
                "nl-coordinatiecentrum-dvo",
                "nl-coordinatiecentrum-coordinator-vvc-ondermijning",
            ),
            bare_start,
        ),
    ),
    Q(
        "Aan wie rapporteert de korpschef van PZ Synthetisch 005?",
        "/chain-of-command/korpschef",
        {"org": "PZ Synthetisch 005"},
        (
            resolved("id", "zone-005-korpschef"),
            first_row(id="zone-005-korpschef"),
            includes("zone-005-politiecollege", "dirco-arr-05"),
            bare_start,
        ),
    ),
    # --- coverage: the zone's own COVERS and its units' ---------------------------------
    Q(
        "Welke basisfunctionaliteiten verzekert PZ Beekveld?",
        "/organisations/PZ Beekveld/coverage",
        {},
        (
            covered(
                *FUNCTIONALITIES,
                units={
                    "functionality-verkeer": "zone-beekveld",
                    "functionality-interventie": "beekveld-dienst-interventie",
                },
            ),
        ),
        needs=(BEEKVELD, BEEKVELD_COVERS),
    ),
    Q(
        "Welke basisfunctionaliteiten dekt politiezone (seed 001)?",
        "/organisations/politiezone (seed 001)/coverage",
        {},
        (
            covered(
                *FUNCTIONALITIES,
                units={"functionality-slachtofferbejegening": "zone-001-sociale-politie"},
            ),
        ),
    ),
    Q(
        "Basisfunctionaliteiten van Dijlevallei",
        "/organisations/Politiezone Dijlevallei/coverage",
        {},
        (
            covered(
                "functionality-wijkwerking",
                "functionality-interventie",
                "functionality-lokale-opsporing",
            ),
            uncovered(
                "functionality-onthaal",
                "functionality-verkeer",
                "functionality-openbare-orde",
                "functionality-slachtofferbejegening",
            ),
        ),
    ),
    Q(
        "Basisfunctionaliteiten van Kempenland",
        "/organisations/politiezone kempenland/coverage",
        {},
        (
            covered(
                "functionality-wijkwerking",
                "functionality-interventie",
                "functionality-lokale-opsporing",
                "functionality-onthaal",
            ),
            uncovered(
                "functionality-verkeer",
                "functionality-openbare-orde",
                "functionality-slachtofferbejegening",
            ),
        ),
    ),
    # --- responsible: roles, bodies and what they address ---------------------------------
    Q(
        "Wie is er verantwoordelijk voor radicalisering?",
        "/responsible",
        {"for": "radicalisering"},
        (
            resolved("for", "radicalisering", "id"),
            includes(
                "zone-000-livc",
                "zone-004-livc",
                "zone-000-information-officer",
                "zone-004-referentiepersoon-radicalisering",
                "zone-000-operationeel-coordinator",
            ),
            row(
                "zone-004-livc",
                via=lambda v: any(
                    s.get("type") == "ADDRESSES"
                    and says("radicalisering helpen voorkomen")(s.get("quote"))
                    for s in v or []
                ),
            ),
            explained,
        ),
    ),
    Q(
        "Wie is de referentiepersoon voor haatmisdrijven?",
        "/responsible",
        {"for": "haatmisdrijven"},
        (
            resolved("for", "discriminatie-haatmisdrijven", "fulltext"),
            includes("zone-001-referentiepersoon-discriminatie", "zone-001-sociale-politie"),
            row("zone-001-sociale-politie", via_text=says("Referentiepersoon")),
            explained,
        ),
    ),
    Q(
        "Who handles hate crimes?",
        "/responsible",
        {"for": "hate crimes"},
        (
            resolved("for", "discriminatie-haatmisdrijven", "exact"),
            includes("zone-001-referentiepersoon-discriminatie"),
        ),
    ),
    Q(
        "Wie volgt voetbal op in zone 000?",
        "/responsible",
        {"for": "voetbal", "org": "zone-000"},
        (
            row("zone-000-operationeel-coordinator", via_text=says("Voetbalco")),
            all_prefixed("zone-000"),
            explained,
        ),
    ),
    # --- who keeps contact with whom ----------------------------------------------------
    Q(
        "Wie houdt contact met de federale Dirco?",
        "/contact",
        {"task": "federale dirco"},
        (
            row(
                "zone-000-operationeel-coordinator",
                relation="LIAISES_WITH",
                via_role=has_id("zone-000-becor"),
                via_text=says("Becor"),
            ),
            row("beekveld-diensthoofd-lokale-recherche", via_role=has_id("beekveld-becor")),
            explained,
        ),
        needs=(BEEKVELD,),
    ),
    Q(
        "Wie houdt in zone 000 contact met de Dirco?",
        "/contact",
        {"task": "dirco", "org": "zone-000"},
        (
            row("zone-000-operationeel-coordinator", relation="LIAISES_WITH"),
            all_prefixed("zone-000"),
        ),
    ),
    Q(
        "Wie houdt contact met de Becor van Scheldebocht?",
        "/contact",
        {"task": "becor scheldebocht"},
        (row("scheldeland-dirco", relation="LIAISES_WITH", task_id="zone-scheldebocht-becor"),),
    ),
    Q(
        "Waar geef ik een fietsdiefstal aan in zone 001?",
        "/contact",
        {"task": "fietsdiefstal", "org": "zone-001"},
        (
            row("zone-001-onthaal", task_id="zone-001-task-aangifte-fietsdiefstal"),
            all_prefixed("zone-001"),
        ),
    ),
    # --- bodies: participants, chairs, representatives -------------------------------------
    Q(
        "Wie zetelt in de zonale veiligheidsraad van Dijlevallei?",
        "/forums/zonale veiligheidsraad/participants",
        {"org": "Politiezone Dijlevallei"},
        (
            resolved("id", "dijlevallei-zonale-veiligheidsraad"),
            includes(*DIJLEVALLEI_RAAD),
            row("marc-de-wolf", capacity="chairs", source=quote_says("voorgezeten")),
            on_behalf_of_as_ref,
        ),
    ),
    Q(
        "Wie zetelt in de zonale veiligheidsraad?",
        "/forums/zonale veiligheidsraad/participants",
        {},
        (
            ambiguous("dijlevallei-zonale-veiligheidsraad", "beekveld-zonale-veiligheidsraad"),
            candidate("beekveld-zonale-veiligheidsraad", "zone-beekveld"),
        ),
        needs=(BEEKVELD,),
    ),
    Q(
        "Wie zit de zonale veiligheidsraad van Beekveld voor, en wie is ondervoorzitter?",
        "/forums/zonale veiligheidsraad/participants",
        {"org": "PZ Beekveld"},
        (
            row("hanne-ooms", capacity="chairs"),
            row("ruben-dewaele", capacity="vice-chair", source=quote_says("ondervoorzitter")),
            row("beekveld-korpschef", capacity="member"),
        ),
        needs=(BEEKVELD, BEEKVELD_VICE),
    ),
    Q(
        "Wie zit het Algemeen Bestuur voor en wie zetelt erin?",
        "/forums/algemeen bestuur/participants",
        {},
        (
            row("hendrik-jan-van-leeuwen", capacity="chairs"),
            row("lage-landen-voorzitter", capacity="chairs"),
            includes("gemeente-waterdijk-burgemeester", "gemeente-brakelzand-burgemeester"),
            row("gemeente-oosterveen-burgemeester", capacity="member"),
            explained,
        ),
    ),
    Q(
        "Wie zetelt in de veiligheidsdirectie, en voor welke kolom?",
        "/forums/veiligheidsdirectie/participants",
        {},
        (
            row("lage-landen-directeur-veiligheidsregio", capacity="chairs"),
            row("lage-landen-dpg", on_behalf_of={"id": "lage-landen-ghor", "name": "GHOR"}),
            row(
                "politie-district-lage-landen-politiechef",
                on_behalf_of={
                    "id": "politie-district-lage-landen",
                    "name": "Politie, district Lage Landen",
                },
            ),
            on_behalf_of_as_ref,
        ),
    ),
    Q(
        "Wie neemt deel aan het Becor-overleg?",
        "/forums/becor-overleg/participants",
        {},
        (
            row("scheldeland-dirco", capacity="chairs"),
            row(
                "zone-polderrand-becor",
                on_behalf_of={"id": "zone-polderrand", "name": "Politiezone Polderrand"},
            ),
            on_behalf_of_as_ref,
            explained,
        ),
    ),
    Q(
        "Wie zit wat voor in Dijlevallei?",
        "/organisations/Politiezone Dijlevallei/chairs",
        {},
        (
            chairs(
                ("annelies-vandermeulen", "dijlevallei-politiecollege", "chairs"),
                ("annelies-vandermeulen", "dijlevallei-politieraad", "chairs"),
                ("marc-de-wolf", "dijlevallei-zonale-veiligheidsraad", "chairs"),
            ),
            explained,
            on_behalf_of_as_ref,
        ),
    ),
    Q(
        "Wie zit wat voor in veiligheidsregio lage landen?",
        "/organisations/veiligheidsregio lage landen/chairs",
        {},
        (
            chairs(
                ("hendrik-jan-van-leeuwen", "lage-landen-algemeen-bestuur", "chairs"),
                ("lage-landen-voorzitter", "lage-landen-algemeen-bestuur", "chairs"),
                (
                    "lage-landen-directeur-veiligheidsregio",
                    "lage-landen-veiligheidsdirectie",
                    "chairs",
                ),
            ),
        ),
    ),
    Q(
        "Wat zit de federale politie voor?",
        "/organisations/federal-police/chairs",
        {},
        (
            chairs(("scheldeland-dirco", "scheldeland-becor-overleg", "chairs")),
            excludes("dirco-arr-00", "dirco-arr-05"),
        ),
    ),
    Q(
        "Wat zit de korpschef van PZ Lokeren voor (ook gepland)?",
        "/organisations/PZ Lokeren/chairs",
        {"include_planned": "true"},
        (chairs(("lokeren-korpschef", "lokeren-directiecomite", "chairs")),),
    ),
    Q(
        "Wie zit de raad van Beekveld voor, en wie vervangt haar?",
        "/organisations/zone-beekveld/chairs",
        {},
        (
            chairs(
                ("hanne-ooms", "beekveld-zonale-veiligheidsraad", "chairs"),
                ("ruben-dewaele", "beekveld-zonale-veiligheidsraad", "vice-chair"),
            ),
        ),
        needs=(BEEKVELD, BEEKVELD_VICE),
    ),
    Q(
        "Wie vertegenwoordigt zone 000 in het O-LTF?",
        "/representatives",
        {"at": "O-LTF", "org": "zone-000"},
        (
            resolved("at", "o-ltf-zone-000"),
            row(
                "zone-000-operationeel-coordinator",
                on_behalf_of={"id": "zone-000", "name": "Politiezone (seed 000)"},
            ),
            on_behalf_of_as_ref,
            explained,
        ),
    ),
    Q(
        "Wie zit in de oltf?",
        "/representatives",
        {"at": "oltf"},
        (ambiguous("o-ltf-zone-000", "oltf-arr-00", "oltf-arr-05"),),
    ),
    Q(
        "Wie vertegenwoordigt de veiligheidsregio in de veiligheidsdirectie?",
        "/representatives",
        {"at": "Veiligheidsdirectie"},
        (
            row(
                "lage-landen-commandant-brandweer",
                on_behalf_of={"id": "lage-landen-brandweer", "name": "Regionale brandweer"},
            ),
            row(
                "lage-landen-coordinerend-gemeentesecretaris",
                on_behalf_of={
                    "id": "lage-landen-gemeenten",
                    "name": "De gemeenten (gemeentelijke kolom)",
                },
            ),
            on_behalf_of_as_ref,
            explained,
        ),
    ),
    Q(
        "Wie vertegenwoordigt Kempenland op het overleg van de korpschefs?",
        "/representatives",
        {"at": "arrondissementeel overleg van de korpschefs"},
        (
            row(
                "kempenland-korpschef",
                on_behalf_of={"id": "zone-kempenland", "name": "Politiezone Kempenland"},
            ),
            on_behalf_of_as_ref,
        ),
    ),
    Q(
        "Wie vertegenwoordigt de federale politie op het provinciaal veiligheidsoverleg?",
        "/representatives",
        {"at": "provinciaal veiligheidsoverleg"},
        (
            row(
                "scheldeland-dirco",
                on_behalf_of={"id": "federal-police", "name": "Federale politie"},
            ),
            on_behalf_of_as_ref,
        ),
    ),
    # --- other questions about one organisation -----------------------------------------
    Q(
        "Hoe hangt de LCCU samen met de korpschef van Lokeren?",
        "/path",
        {"from": "LCCU", "to": "korpschef", "org": "PZ Lokeren"},
        (
            resolved("from", "lokeren-lccu"),
            resolved("to", "lokeren-korpschef"),
            path_ends("lokeren-lccu", "lokeren-korpschef", 3),
        ),
    ),
    Q(
        "Welke doelstellingen had PZ Lokeren midden 2024?",
        "/organisations/PZ Lokeren/objectives",
        {"as_of": "2024-06-30"},
        (
            includes("lokeren-obj-radicalisering", "lokeren-visie-2025-veiligheidsgevoel"),
            excludes("zone-004-obj-informatiegaring-radicalisering"),
        ),
    ),
    Q(
        "Hoeveel rechercheurs telt de lokale recherche van Kempenland?",
        "/organisations/lokale recherche/staffing",
        {"org": "Kempenland"},
        (
            resolved("id", "kempenland-cluster-recherche"),
            first_row(id="kempenland-cluster-recherche", ranked_total=8),
        ),
    ),
    Q(
        "Met welke partners werkt zone 000 samen?",
        "/organisations/zone-000/partners",
        {},
        (includes("o-ltf-zone-000", "zone-000-livc"),),
    ),
)


def _id(q: Q) -> str:
    return q.question


@pytest.fixture(scope="module")
def asked(combined_client: TestClient, combined: Combined) -> Iterator[Callable[[Q], None]]:
    def ask(q: Q) -> None:
        refused = {f: combined.refused[f] for f in q.needs if f in combined.refused}
        assert not refused, f"the loader refused the data this question needs: {refused}"
        r = combined_client.get(V1 + q.path if not q.path.startswith("/viz") else q.path,
                                params=q.params, headers=READER)  # fmt: skip
        body: Body = r.json() if "json" in r.headers.get("content-type", "") else r.text
        for check in q.expect:
            check(r.status_code, body)

    yield ask


def test_at_least_sixty_questions() -> None:
    assert len(QUESTIONS) >= 60
    assert len({q.question for q in QUESTIONS}) == len(QUESTIONS)


@pytest.mark.parametrize("q", QUESTIONS, ids=_id)
def test_question(q: Q, asked: Callable[[Q], None]) -> None:
    asked(q)


def test_every_stored_placement_is_what_a_fresh_walk_says(combined: Combined) -> None:
    """The search rows' organisation and path are stored at load time (graph/cypher/place.cypher):
    after the combined graph's many datasets, loaded in groups (some hanging below others),
    recomputing every placement from scratch changes none."""
    assert stale_placements(combined.driver) == 0
