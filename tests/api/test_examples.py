"""The API asked about the four example datasets (data/examples, issue 14): each question the
example texts answer, each answer checked against its verbatim quote in the example's own
source text (the examples cite texts beside them: `sources_dir: sources`).

The module loads the seeds, the vocabulary and the examples into its own database (the shared
`seeded` fixture leaves data/examples out, so the seed answers never change)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from graph.db import wipe
from graph.settings import Settings
from loaders.load import load
from loaders.quotes import normalise_text
from tests.support import DATA_DIR, DATABASE, READER, SEED_PATHS, SOURCES_DIR, app_client

V1 = "/api/v1"
EXAMPLES = DATA_DIR / "examples"
NAMES = (
    "zone-dijlevallei",
    "veiligheidsregio-lage-landen",
    "arrondissement-scheldeland",
    "zone-kempenland",
)


@pytest.fixture(scope="module")
def client(driver: Driver, api_settings: Settings) -> Iterator[TestClient]:
    wipe(driver, database=DATABASE)
    examples = [EXAMPLES / n / f"{n}.yaml" for n in NAMES]
    report = load(driver, [*SEED_PATHS, *examples], database=DATABASE, sources_dir=SOURCES_DIR)
    assert {f"example-{n}" for n in NAMES} <= {d.dataset for d in report.datasets}
    with app_client(api_settings, driver) as c:
        yield c


def text_of(example: str) -> str:
    path = EXAMPLES / example / "sources" / f"{example}.txt"
    return normalise_text(path.read_text(encoding="utf-8"))


def cited(source: dict[str, Any], example: str, *words: str) -> None:
    """`source` cites the example's text with a quote found in it that says `words`."""
    assert source["id"] == f"example-{example}"
    assert source["file"] == f"{example}.txt"
    quote = source["quote"]
    assert normalise_text(quote) in text_of(example), quote
    for w in words:
        assert w in quote, (w, quote)


def get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    r = client.get(V1 + path, params=params, headers=READER)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def relations(client: TestClient, eid: str, rtype: str, direction: str) -> list[dict[str, Any]]:
    (row,) = get(client, f"/entities/{eid}")["rows"]
    return [r for r in row["relationships"] if r["type"] == rtype and r["direction"] == direction]


# --- zone-dijlevallei: politiecollege, politieraad, zonale veiligheidsraad ------------------


def test_who_chairs_the_zonale_veiligheidsraad(client: TestClient) -> None:
    (chair,) = relations(client, "dijlevallei-zonale-veiligheidsraad", "CHAIRS", "in")
    assert chair["other"] == {"id": "marc-de-wolf", "name": "Marc De Wolf", "kind": "Person"}
    cited(chair["source"], "zone-dijlevallei", "voorgezeten door burgemeester Marc De Wolf")
    # and whose mayor he is
    (holds,) = relations(client, "marc-de-wolf", "HOLDS", "out")
    assert holds["other"]["id"] == "gemeente-dijlegem-burgemeester"
    cited(holds["source"], "zone-dijlevallei", "Marc De Wolf (Dijlegem)")


def test_who_sits_in_the_zonale_veiligheidsraad(client: TestClient) -> None:
    # found by its name, as a user asks
    body = get(client, "/representatives", at="Zonale veiligheidsraad")
    members = {r["id"]: r for r in body["rows"]}
    assert {
        "gemeente-heverdonk-burgemeester", "gemeente-dijlegem-burgemeester",
        "gemeente-oostmolen-burgemeester", "gemeente-ravelingen-burgemeester",
        "hilde-moens", "koen-verhaegen", "luc-baeyens",
    } == set(members)  # fmt: skip
    for row in members.values():
        assert row["relation"] == "MEMBER_OF"
        cited(row["source"], "zone-dijlevallei", "In de zonale veiligheidsraad zetelen")
    assert members["gemeente-ravelingen-burgemeester"]["holders"] == [
        {"id": "jan-goossens", "name": "Jan Goossens"}
    ]
    assert "Luc Baeyens" in members["luc-baeyens"]["source"]["quote"]


def test_who_approved_the_zonaal_veiligheidsplan(client: TestClient) -> None:
    (approved,) = relations(client, "dijlevallei-zvp-2020-2025", "APPROVES", "in")
    assert approved["other"]["id"] == "dijlevallei-zonale-veiligheidsraad"
    assert approved["other"]["kind"] == "Board"
    assert approved["props"]["when"] == "2020-12"
    cited(approved["source"], "zone-dijlevallei", "keurde de zonale veiligheidsraad")


def test_who_approved_the_bodycam_protocol_and_at_whose_request(client: TestClient) -> None:
    (approved,) = relations(client, "dijlevallei-protocol-bodycams", "APPROVES", "in")
    assert approved["other"]["id"] == "dijlevallei-politiecollege"
    assert approved["props"]["requested_by"] == "dijlevallei-korpschef"
    cited(approved["source"], "zone-dijlevallei", "Op vraag van de korpschef", "bodycams goed")
    # the request names a post that exists, and who holds it
    (holder,) = relations(client, "dijlevallei-korpschef", "HOLDS", "in")
    assert holder["other"]["id"] == "koen-verhaegen"
    # the working group the korpschef set up prepared it
    (made,) = relations(client, "dijlevallei-werkgroep-bodycams", "ESTABLISHES", "in")
    assert made["other"]["id"] == "dijlevallei-korpschef"
    cited(made["source"], "zone-dijlevallei", "richtte de korpschef een werkgroep bodycams op")


def test_who_is_responsible_for_the_management_of_the_korps(client: TestClient) -> None:
    rows = get(client, "/responsible", **{"for": "dijlevallei-task-beheer-politiekorps"})["rows"]
    (row,) = rows
    assert (row["id"], row["kind"], row["relation"]) == (
        "dijlevallei-politiecollege", "Board", "RESPONSIBLE_FOR",
    )  # fmt: skip
    cited(row["source"], "zone-dijlevallei", "verantwoordelijk voor het beheer")


# --- veiligheidsregio-lage-landen: Algemeen Bestuur, Veiligheidsdirectie, kolommen ----------


def test_who_represents_the_kolommen_in_the_veiligheidsdirectie(client: TestClient) -> None:
    rows = get(client, "/representatives", at="lage-landen-veiligheidsdirectie")["rows"]
    represents = {r["id"]: r for r in rows if r["relation"] == "REPRESENTS_AT"}
    behalf = {rid: r["on_behalf_of"]["id"] for rid, r in represents.items()}
    assert behalf == {
        "lage-landen-commandant-brandweer": "lage-landen-brandweer",
        "lage-landen-dpg": "lage-landen-ghor",
        "politie-district-lage-landen-politiechef": "politie-district-lage-landen",
        "lage-landen-coordinerend-gemeentesecretaris": "lage-landen-gemeenten",
    }
    says = {
        "lage-landen-commandant-brandweer": "De commandant brandweer vertegenwoordigt",
        "lage-landen-dpg": "vertegenwoordigt de geneeskundige hulpverlening (GHOR)",
        "politie-district-lage-landen-politiechef": "vertegenwoordigt de politie",
        "lage-landen-coordinerend-gemeentesecretaris": "vertegenwoordigt de gemeenten",
    }
    for rid, words in says.items():
        cited(represents[rid]["source"], "veiligheidsregio-lage-landen", words)


def test_who_approved_the_beleidsplan_and_at_whose_proposal(client: TestClient) -> None:
    (approved,) = relations(client, "lage-landen-beleidsplan-2024-2027", "APPROVES", "in")
    assert approved["other"]["id"] == "lage-landen-algemeen-bestuur"
    assert approved["props"]["requested_by"] == "lage-landen-veiligheidsdirectie"
    cited(
        approved["source"], "veiligheidsregio-lage-landen", "Op voorstel van de Veiligheidsdirectie"
    )


# --- arrondissement-scheldeland: a named DirCo and CSD, INSTANCE_OF the vocabulary ----------


def test_which_csd_the_dirco_of_scheldeland_leads(client: TestClient) -> None:
    (leads,) = relations(client, "scheldeland-dirco", "LEADS", "out")
    assert leads["other"]["id"] == "scheldeland-csd"
    cited(leads["source"], "arrondissement-scheldeland", "staat onder leiding van de directeur")
    (holder,) = relations(client, "scheldeland-dirco", "HOLDS", "in")
    assert holder["other"] == {"id": "evelien-maes", "name": "Evelien Maes", "kind": "Person"}


def test_the_dirco_of_scheldeland_is_an_instance_of_the_generic_dirco(
    client: TestClient,
) -> None:
    (instance,) = relations(client, "scheldeland-dirco", "INSTANCE_OF", "out")
    assert instance["other"]["id"] == "federal-dirco"
    cited(instance["source"], "arrondissement-scheldeland", "bestuurlijke directeur-coördinator")
    # asked from the generic side, the named DirCos of both examples answer
    named = {r["other"]["id"]: r for r in relations(client, "federal-dirco", "INSTANCE_OF", "in")}
    assert {"scheldeland-dirco", "dijlevallei-dirco"} <= set(named)
    cited(named["dijlevallei-dirco"]["source"], "zone-dijlevallei", "directeur-coördinator")
    (csd,) = relations(client, "scheldeland-csd", "INSTANCE_OF", "out")
    assert csd["other"]["id"] == "federal-csd"


def test_the_csd_is_in_the_federal_police_tree(client: TestClient) -> None:
    rows = get(client, "/organisations/federal-police/tree")["rows"]
    by_id = {r["id"]: r for r in rows}
    assert "scheldeland-csd" in by_id and "scheldeland-aik" in by_id


# --- zone-kempenland: luiken, clusters, staffing by rank ------------------------------------


def staffing(client: TestClient, eid: str) -> dict[str, Any]:
    """The staffing answer: GET /organisations/{id}/staffing, or the library query it runs
    (POST /queries/staffing) while the endpoint is not there."""
    r = client.get(f"{V1}/organisations/{eid}/staffing", headers=READER)
    if r.status_code == 404 and r.json().get("detail") == "Not Found":  # no such route
        r = client.post(f"{V1}/queries/staffing", json={"id": eid}, headers=READER)
    assert r.status_code == 200, r.text
    (row,) = r.json()["rows"]
    assert isinstance(row, dict)
    return row


def test_how_many_inspecteurs_the_recherche_has(client: TestClient) -> None:
    row = staffing(client, "kempenland-cluster-recherche")
    totals = {t["rank"]: t["count"] for t in row["totals"]}
    assert totals == {"HINP": 3, "INP": 5}
    (inp,) = [f for f in row["figures"] if f["rank"] == "INP"]
    assert inp["count"] == 5 and inp["summed"]
    cited(inp["source"], "zone-kempenland", "3 hoofdinspecteurs en 5 inspecteurs")


def test_interventie_totals_do_not_count_the_stated_total_twice(client: TestClient) -> None:
    row = staffing(client, "kempenland-cluster-interventie")
    assert {t["rank"]: t["count"] for t in row["totals"]} == {"HINP": 6, "INP": 35}
    (total,) = [f for f in row["figures"] if f["count"] == 41]
    assert total["rank"] is None and not total["summed"]
    cited(total["source"], "zone-kempenland", "Zij telt 41 medewerkers")
    per_day = [f for f in row["figures"] if f["per"] == "dag"]
    assert {f["entity"]["id"] for f in per_day} == {
        "kempenland-interventieploegen",
        "kempenland-verkeersploeg",
    }
    assert not any(f["summed"] for f in per_day)


def test_who_leads_the_korpsleiding_s_members(client: TestClient) -> None:
    members = {
        r["other"]["id"] for r in relations(client, "kempenland-korpsleiding", "MEMBER_OF", "in")
    }
    assert members == {
        "kempenland-korpschef",
        "kempenland-luikverantwoordelijke-operaties",
        "kempenland-luikverantwoordelijke-ondersteuning",
    }
    (reports,) = relations(client, "kempenland-korpsleiding", "REPORTS_TO", "out")
    assert reports["other"]["id"] == "kempenland-politiecollege"
    cited(
        reports["source"], "zone-kempenland", "De korpsleiding rapporteert aan het politiecollege"
    )


# --- INSTANCE_OF in lookups: asked about the generic entity, the named instances answer ------


def instance_quote(source: dict[str, Any], instance: str, example: str, *words: str) -> None:
    """A row that came through an instance says which one, with the INSTANCE_OF quote."""
    via = source["via_instance"]
    assert via["id"] == instance
    cited(via["source"], example, *words)


def test_who_leads_the_generic_csd_finds_the_scheldeland_dirco(client: TestClient) -> None:
    rows = get(client, "/responsible", **{"for": "federal-csd"})["rows"]
    leads = [r for r in rows if r["id"] == "scheldeland-dirco" and r["relation"] == "LEADS"]
    (row,) = leads
    assert row["kind"] == "Post" and not row["direct"]
    assert row["holders"] == [{"id": "evelien-maes", "name": "Evelien Maes"}]
    cited(row["source"], "arrondissement-scheldeland", "staat onder leiding van de directeur")
    instance_quote(
        row["source"], "scheldeland-csd", "arrondissement-scheldeland", "gedeconcentreerde directie"
    )
    # asked about the named CSD itself, the same row is direct and has no instance marker
    (named,) = [
        r
        for r in get(client, "/responsible", **{"for": "scheldeland-csd"})["rows"]
        if r["id"] == "scheldeland-dirco" and r["relation"] == "LEADS"
    ]
    assert named["direct"] and "via_instance" not in named["source"]


def test_the_generic_dirco_reaches_the_scheldeland_dirco_s_holder_through_its_instance(
    client: TestClient,
) -> None:
    body = get(client, "/path", **{"from": "federal-dirco", "to": "evelien-maes"})
    steps = body["rows"]
    assert [(s["from_id"], s["type"], s["direction"], s["to_id"]) for s in steps] == [
        ("federal-dirco", "INSTANCE_OF", "<-", "scheldeland-dirco"),
        ("scheldeland-dirco", "HOLDS", "<-", "evelien-maes"),
    ]
    cited(steps[0]["source"], "arrondissement-scheldeland", "De DirCo Scheldeland is")


def test_the_generic_csd_s_participants_include_who_leads_its_instance(
    client: TestClient,
) -> None:
    rows = get(client, "/forums/federal-csd/participants")["rows"]
    (lead,) = [r for r in rows if r["capacity"] == "leads"]
    assert lead["id"] == "scheldeland-dirco"
    cited(lead["source"], "arrondissement-scheldeland", "staat onder leiding van de directeur")
    instance_quote(
        lead["source"],
        "scheldeland-csd",
        "arrondissement-scheldeland",
        "gedeconcentreerde directie",
    )


# --- who_represents at a generic body: the representatives at its named instances ---------

HEUVEL_TEXT = """\
In elke stad komt een lokale integrale veiligheidscel (LIVC) samen rond radicalisering.
De LIVC Noordberg is de lokale integrale veiligheidscel van de stad Noordberg.
De korpschef van de politiezone Heuvelland vertegenwoordigt de zone in de LIVC Noordberg.
De LIVC Zuidhoven is de lokale integrale veiligheidscel van de stad Zuidhoven.
De wijkcommissaris van de politiezone Heuvelland zetelt in de LIVC Zuidhoven.
Vanaf volgend jaar krijgt ook de stad Oosteind een LIVC, de LIVC Oosteind.
Het diensthoofd recherche zal de zone vertegenwoordigen in de LIVC Oosteind.
"""

HEUVEL = """\
dataset: test-heuvelland
sources_dir: sources
defaults: {source: heuvelland-tekst}
sources:
  - {id: heuvelland-tekst, file: heuvelland.txt, title: Heuvelland LIVC, kind: web page}
entities:
  - {id: heuvel-livc, kind: PartnerBody, name: Lokale integrale veiligheidscel (algemeen),
     quote: lokale integrale veiligheidscel (LIVC)}
  - {id: heuvel-livc-noordberg, kind: PartnerBody, name: LIVC Noordberg,
     quote: De LIVC Noordberg is de lokale integrale veiligheidscel van de stad Noordberg.}
  - {id: heuvel-livc-zuidhoven, kind: PartnerBody, name: LIVC Zuidhoven,
     quote: De LIVC Zuidhoven is de lokale integrale veiligheidscel van de stad Zuidhoven.}
  - {id: heuvel-livc-oosteind, kind: PartnerBody, name: LIVC Oosteind, status: planned,
     quote: "Vanaf volgend jaar krijgt ook de stad Oosteind een LIVC, de LIVC Oosteind."}
  - {id: heuvel-zone, kind: Organisation, name: Politiezone Heuvelland,
     quote: de politiezone Heuvelland}
  - {id: heuvel-korpschef, kind: Post, name: Korpschef Heuvelland,
     quote: De korpschef van de politiezone Heuvelland}
  - {id: heuvel-wijkcommissaris, kind: Post, name: Wijkcommissaris Heuvelland,
     quote: De wijkcommissaris van de politiezone Heuvelland}
  - {id: heuvel-diensthoofd-recherche, kind: Post, name: Diensthoofd recherche Heuvelland,
     quote: Het diensthoofd recherche}
relations:
  - {type: INSTANCE_OF, from: heuvel-livc-noordberg, to: heuvel-livc,
     quote: De LIVC Noordberg is de lokale integrale veiligheidscel van de stad Noordberg.}
  - {type: INSTANCE_OF, from: heuvel-livc-zuidhoven, to: heuvel-livc,
     quote: De LIVC Zuidhoven is de lokale integrale veiligheidscel van de stad Zuidhoven.}
  - {type: INSTANCE_OF, from: heuvel-livc-oosteind, to: heuvel-livc, status: planned,
     quote: "krijgt ook de stad Oosteind een LIVC, de LIVC Oosteind."}
  - {type: PART_OF, from: heuvel-korpschef, to: heuvel-zone,
     quote: De korpschef van de politiezone Heuvelland}
  - {type: PART_OF, from: heuvel-wijkcommissaris, to: heuvel-zone,
     quote: De wijkcommissaris van de politiezone Heuvelland}
  - {type: PART_OF, from: heuvel-diensthoofd-recherche, to: heuvel-zone,
     quote: Het diensthoofd recherche zal de zone vertegenwoordigen}
  - {type: REPRESENTS_AT, from: heuvel-korpschef, to: heuvel-livc-noordberg,
     props: {on_behalf_of: heuvel-zone},
     quote: vertegenwoordigt de zone in de LIVC Noordberg.}
  - {type: MEMBER_OF, from: heuvel-wijkcommissaris, to: heuvel-livc-zuidhoven,
     quote: De wijkcommissaris van de politiezone Heuvelland zetelt in de LIVC Zuidhoven.}
  - {type: REPRESENTS_AT, from: heuvel-diensthoofd-recherche, to: heuvel-livc-oosteind,
     status: planned, props: {on_behalf_of: heuvel-zone},
     quote: zal de zone vertegenwoordigen in de LIVC Oosteind.}
"""


@pytest.fixture(scope="module")
def heuvelland(
    client: TestClient, driver: Driver, tmp_path_factory: pytest.TempPathFactory
) -> TestClient:
    """An invented zone whose two LIVCs are INSTANCE_OF a generic LIVC (a third one is
    planned), loaded beside the examples with its text in its own sources folder."""
    folder = tmp_path_factory.mktemp("heuvelland")
    (folder / "sources").mkdir()
    (folder / "sources" / "heuvelland.txt").write_text(HEUVEL_TEXT, encoding="utf-8")
    (folder / "heuvelland.yaml").write_text(HEUVEL, encoding="utf-8")
    load(driver, [folder], database=DATABASE, sources_dir=SOURCES_DIR)
    return client


def heuvel_cited(source: dict[str, Any], *words: str) -> None:
    assert source["id"] == "heuvelland-tekst" and source["file"] == "heuvelland.txt"
    assert normalise_text(source["quote"]) in normalise_text(HEUVEL_TEXT), source["quote"]
    for w in words:
        assert w in source["quote"], (w, source["quote"])


def test_who_represents_at_a_generic_body_lists_its_instances_representatives(
    heuvelland: TestClient,
) -> None:
    rows = get(heuvelland, "/representatives", at="heuvel-livc")["rows"]
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {"heuvel-korpschef", "heuvel-wijkcommissaris"}  # not the planned one
    korpschef, wijk = by_id["heuvel-korpschef"], by_id["heuvel-wijkcommissaris"]
    assert (korpschef["relation"], wijk["relation"]) == ("REPRESENTS_AT", "MEMBER_OF")
    # on whose behalf: the relation's own, else the representative's organisation
    assert korpschef["on_behalf_of"]["id"] == wijk["on_behalf_of"]["id"] == "heuvel-zone"
    heuvel_cited(korpschef["source"], "vertegenwoordigt de zone in de LIVC Noordberg")
    heuvel_cited(wijk["source"], "zetelt in de LIVC Zuidhoven")
    for row, instance, town in (
        (korpschef, "heuvel-livc-noordberg", "Noordberg"),
        (wijk, "heuvel-livc-zuidhoven", "Zuidhoven"),
    ):
        via = row["source"]["via_instance"]
        assert (via["id"], via["kind"]) == (instance, "PartnerBody")
        heuvel_cited(via["source"], f"De LIVC {town} is de lokale integrale veiligheidscel")
    # the planned instance (and its planned representative) only when planned is asked for
    rows = get(heuvelland, "/representatives", at="heuvel-livc", include_planned="true")["rows"]
    (planned,) = [r for r in rows if r["id"] == "heuvel-diensthoofd-recherche"]
    assert planned["source"]["via_instance"]["id"] == "heuvel-livc-oosteind"
    # asked about a named instance: its own representative, directly, no instance marker
    (own,) = get(heuvelland, "/representatives", at="heuvel-livc-noordberg")["rows"]
    assert own["id"] == "heuvel-korpschef" and "via_instance" not in own["source"]
