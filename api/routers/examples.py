"""Response examples for the OpenAPI docs, taken from the seed datasets (trimmed).

Data, built with helpers: `rows_example` (the envelope of every rows answer), `paged` (the
envelope of one page of a paged answer) and `cited` (a row's `source`, the seed document and
its verbatim quote)."""

from __future__ import annotations

from typing import Any

from api.routers.docs import ref, rows_example
from queries.paging import DEFAULT_LIMIT

SEEDS: dict[str, tuple[str, str]] = {  # seed source id: (file, title)
    "seed-000": ("000_94f20631c6620d4f.txt", "Operationele coördinatie"),
    "seed-001": ("001_c20bdcf4eda624e1.txt", "Directie Operaties"),
    "seed-002": (
        "002_1ed0885c2c022708.txt",
        "Opdrachtbrief 2019-2024 – Korpschef Lokale Politie Lokeren",
    ),
    # An invented example text (data/examples/zone-kempenland): the seeds state no staffing.
    "example-zone-kempenland": (
        "zone-kempenland.txt",
        "Politiezone Kempenland – Jaarverslag 2023: onze organisatie",
    ),
}


def cited(quote: str, seed: str = "seed-000", *, reason: str | None = None) -> dict[str, Any]:
    """A row's `source` as the queries return it; a fact with a reason is inferred."""
    file, title = SEEDS[seed]
    return {
        "reason": reason,
        "quote": quote,
        "file": file,
        "inferred": reason is not None,
        "id": seed,
        "title": title,
    }


def paged(example: dict[str, Any]) -> dict[str, Any]:
    """A rows example as the first page of a paged answer (api.models.PagedRows)."""
    params = {**example["params"], "limit": DEFAULT_LIMIT, "offset": 0}
    return {
        **example,
        "params": params,
        "total": example["count"],
        "limit": DEFAULT_LIMIT,
        "offset": 0,
    }


def step(
    type: str, frm: dict[str, Any], to: dict[str, Any], quote: str, seed: str = "seed-000"
) -> dict[str, Any]:
    """One step of a row's `via`: the relation, its two ends, its quote and source."""
    return {
        "type": type,
        "from": {"id": frm["id"], "name": frm["name"]},
        "to": {"id": to["id"], "name": to["name"]},
        "quote": quote,
        "source": seed,
    }


COORD = ref("zone-000-operationeel-coordinator", "Operationeel coördinator", "Post")
HEAD_DSI = ref("zone-000-diensthoofd-dsi", "Diensthoofd DSI", "Post")
KORPSCHEF = ref("zone-000-korpschef", "Korpschef", "Post")
OLTF = ref("o-ltf-zone-000", "Operationele Local Taskforce Foreign Fighters", "PartnerBody")
ZONE_000 = ref("zone-000", "Politiezone (seed 000)", "Organisation")
ZONE_001 = ref("zone-001", "Politiezone (seed 001)", "Organisation")

REPRESENTS_OLTF = (
    "vertegenwoordigt de politiezone op de Operationele Local Taskforce Foreign Fighters (O-LTF)"
)
RECHERCHE = ref("kempenland-cluster-recherche", "Cluster recherche", "Unit")
RECHERCHE_STAFF = "De lokale recherche telt 8 rechercheurs: 3 hoofdinspecteurs en 5 inspecteurs."


def figure(n: int, count: int, rank: str) -> dict[str, Any]:
    """A staffing figure of the recherche as the staffing query returns it."""
    return {
        "id": f"{RECHERCHE['id']}--staffing-{n}",
        "entity": RECHERCHE,
        "depth": 0,
        "count": count,
        "rank": rank,
        "per": None,
        "note": "rechercheurs",
        "summed": True,
        "source": cited(RECHERCHE_STAFF, "example-zone-kempenland"),
    }


WEEKLY_MEETING = (
    "het wekelijkse operationeel overleg met de korpschef en alle afdelings- en "
    "diensthoofden van de politiezone"
)

EXAMPLES: dict[str, dict[str, Any]] = {
    "search": rows_example(
        "search",
        {"q": "oltf", "limit": 2},
        [
            {
                "rank": 1,
                **OLTF,
                "type": None,
                "status": "current",
                "score": 8.87597370147705,
                "match": "text",
                "via": [],
            }
        ],
    ),
    "entity": rows_example(
        "entity",
        {"id": COORD["id"]},
        [
            {
                **COORD,
                "labels": ["Entity", "Post"],
                "properties": {
                    "aliases": [
                        "commissaris operationeel coördinator",
                        "afdelingshoofd operationele coördinatie",
                        "verantwoordelijke officier",
                    ],
                    "kind": "Post",
                    "name": "Operationeel coördinator",
                    "rank": "CP",
                    "status": "current",
                },
                "source": cited(
                    "De dienst operationele coördinatie staat onder leiding van een "
                    "commissaris operationeel coördinator"
                ),
                "relationships": [
                    {
                        "current": True,
                        "other": {
                            "kind": "Unit",
                            "name": "Afdeling/Dienst operationele coördinatie",
                            "id": "zone-000-opco",
                        },
                        "source": cited(
                            "staat als afdelingshoofd aan de leiding van de afdeling "
                            "operationele coördinatie."
                        ),
                        "id": "zone-000-operationeel-coordinator--leads--zone-000-opco",
                        "type": "LEADS",
                        "direction": "out",
                        "status": "current",
                        "props": {
                            "reason": None,
                            "quote": None,
                            "inferred": None,
                            "source": None,
                            "id": None,
                            "content_hash": None,
                            "dataset": None,
                            "status": "current",
                        },
                    }
                ],
            }
        ],
        {"id": COORD},
    ),
    "chain_of_command": rows_example(
        "chain_of_command",
        {"id": HEAD_DSI["id"], "include_planned": False},
        [
            {
                "depth": 0,
                **HEAD_DSI,
                "via": None,
                "line": None,
                "status": "current",
                "source": None,
            },
            {
                "depth": 1,
                **COORD,
                "via": "REPORTS_TO",
                "line": "hierarchical",
                "status": "current",
                "source": cited(
                    "De dagelijkse leiding van deze diensten is in handen van de "
                    "respectievelijk diensthoofden, onder toezicht en verantwoordelijkheid "
                    "van de operationeel coördinator."
                ),
            },
        ],
        {"id": HEAD_DSI},
    ),
    "subordinates": rows_example(
        "subordinates",
        {"id": KORPSCHEF["id"], "max_depth": 1, "include_planned": False},
        [
            {
                "depth": 1,
                **COORD,
                "parent_id": KORPSCHEF["id"],
                "via": "REPORTS_TO",
                "line": "hierarchical",
                "status": "current",
                "span": 5,
                "source": cited("rapporteert aan de korpschef"),
            }
        ],
        {"id": KORPSCHEF},
    ),
    "who_represents": paged(
        rows_example(
            "who_represents",
            {"at": OLTF["id"], "include_planned": False},
            [
                {
                    **COORD,
                    "relation": "REPRESENTS_AT",
                    "via_role": {
                        "name": "Information Officer",
                        "id": "zone-000-information-officer",
                    },
                    "on_behalf_of": {"name": ZONE_000["name"], "id": ZONE_000["id"]},
                    "via": [
                        step(
                            "TAKES_ROLE",
                            COORD,
                            ref("zone-000-information-officer", "Information Officer", "Role"),
                            "neemt de functie van Information Officer (IO) op.",
                        ),
                        step(
                            "REPRESENTS_AT",
                            ref("zone-000-information-officer", "Information Officer", "Role"),
                            OLTF,
                            REPRESENTS_OLTF,
                        ),
                    ],
                    "via_text": "via rol Information Officer (IO)",
                    "holders": [],
                    "inferred": False,
                    "source": cited(REPRESENTS_OLTF),
                    "sources": [
                        cited(REPRESENTS_OLTF),
                        cited(
                            "neemt de functie van Information Officer (IO) op. Hij staat in deze "
                            "functie in voor de opvolging van het plan R (radicalisering), "
                            "vertegenwoordigt de politiezone op de Operationele Local Taskforce "
                            "Foreign Fighters (O-LTF)",
                            reason="The representation is done in the Information Officer role, "
                            "which is taken by the operationeel coördinator post.",
                        ),
                    ],
                }
            ],
            {"at": OLTF},
        )
    ),
    "responsible_for": rows_example(
        "responsible_for",
        {"target": "drugs", "include_planned": False},
        [
            {
                **COORD,
                "relation": "RESPONSIBLE_FOR",
                "via_role": None,
                "via_entity": None,
                "via": [
                    step(
                        "RESPONSIBLE_FOR",
                        COORD,
                        ref("drugs", "Drugs", "Domain"),
                        "is de verantwoordelijke officier voor de actiedomeinen drugs, overlast "
                        "en verkeer.",
                    )
                ],
                "via_text": "direct (RESPONSIBLE_FOR)",
                "holders": [],
                "direct": True,
                "source": cited(
                    "is de verantwoordelijke officier voor de actiedomeinen drugs, overlast "
                    "en verkeer."
                ),
            }
        ],
        {"for": ref("drugs", "Drugs", "Domain")},
    ),
    "contact_for": rows_example(
        "contact_for",
        {"task": "bicycle theft", "limit": 10},
        [
            {
                "task_id": "zone-001-task-aangifte-fietsdiefstal",
                "task_name": "Aangifte fietsdiefstal",
                "score": 15.09,
                **ref("zone-001-onthaal", "Dienst Onthaal", "Unit"),
                "relation": "PERFORMS",
                "via_role": None,
                "via_term": ref("bicycle-theft", "Bicycle theft", "Domain"),
                "organisation": {"name": ZONE_001["name"], "id": ZONE_001["id"]},
                "via": [
                    step(
                        "PERFORMS",
                        ref("zone-001-onthaal", "Dienst Onthaal", "Unit"),
                        ref(
                            "zone-001-task-aangifte-fietsdiefstal", "Aangifte fietsdiefstal", "Task"
                        ),
                        "Je kan bij deze collega's terecht voor aangifte van verlies en/of "
                        "diefstal, fietsdiefstal, vandalisme, gevonden voorwerpen, ...",
                        "seed-001",
                    )
                ],
                "via_text": "via term Bicycle theft",
                "source": cited(
                    "Je kan bij deze collega's terecht voor aangifte van verlies en/of "
                    "diefstal, fietsdiefstal, vandalisme, gevonden voorwerpen, ...",
                    "seed-001",
                ),
            }
        ],
    ),
    "path_between": rows_example(
        "path_between",
        {"from_id": HEAD_DSI["id"], "to_id": KORPSCHEF["id"], "include_planned": False},
        [
            {
                "step": 1,
                "from_id": HEAD_DSI["id"],
                "from_name": HEAD_DSI["name"],
                "type": "PARTICIPATES_IN",
                "direction": "->",
                "to_id": "zone-000-wekelijks-operationeel-overleg",
                "to_name": "Wekelijks operationeel overleg",
                "to_kind": "Forum",
                "source": cited(WEEKLY_MEETING),
            },
            {
                "step": 2,
                "from_id": "zone-000-wekelijks-operationeel-overleg",
                "from_name": "Wekelijks operationeel overleg",
                "type": "PARTICIPATES_IN",
                "direction": "<-",
                "to_id": KORPSCHEF["id"],
                "to_name": KORPSCHEF["name"],
                "to_kind": KORPSCHEF["kind"],
                "source": cited(WEEKLY_MEETING),
            },
        ],
        {"from": HEAD_DSI, "to": KORPSCHEF},
    ),
    "organisations": rows_example(
        "organisations",
        {},
        [
            {
                "id": "federal-police",
                "name": "Federale politie",
                "abbreviation": None,
                "org_type": "federal_police",
                "status": "current",
                "dataset": "partner-bodies",
                "units": 0,
                "source": cited(
                    "nauwe contacten met de bestuurlijke directeur-coördinator bij de "
                    "federale politie."
                ),
            }
        ],
    ),
    "org_tree": rows_example(
        "org_tree",
        {"id": ZONE_001["id"], "include_planned": False},
        [
            {
                "depth": 0,
                **ZONE_001,
                "type": None,
                "parent_id": None,
                "via": None,
                "status": "current",
                "planned": False,
                "source": cited(
                    "In iedere gemeente van onze politiezone is er eveneens een "
                    "wijkcommissariaat aanwezig.",
                    "seed-001",
                ),
            }
        ],
        {"id": ZONE_001},
    ),
    "functionality_coverage": rows_example(
        "functionality_coverage",
        {"zone": ZONE_001["id"], "include_planned": False},
        [
            {
                "id": "functionality-wijkwerking",
                "name": "Wijkwerking",
                "code": "wijkwerking",
                "order": 1,
                "covered": True,
                "units": [
                    {
                        "reason": "The service bears the name of the basic functionality and "
                        "its wijkinspecteurs do neighbourhood policing; the text does not use "
                        "the term 'basisfunctionaliteit'.",
                        "quote": "De dienst Wijkwerking vormt de basis van de politiezorg.",
                        "name": "Dienst Wijkwerking",
                        "kind": "Unit",
                        "inferred": True,
                        "source": "seed-001",
                        "id": "zone-001-wijkwerking",
                        "title": SEEDS["seed-001"][1],
                    }
                ],
                "via": [
                    step(
                        "COVERS",
                        ref("zone-001-wijkwerking", "Dienst Wijkwerking", "Unit"),
                        ref("functionality-wijkwerking", "Wijkwerking", "Functionality"),
                        "De dienst Wijkwerking vormt de basis van de politiezorg.",
                        "seed-001",
                    )
                ],
                "via_text": "COVERS door Dienst Wijkwerking",
            }
        ],
        {"id": ZONE_001},
    ),
    "partner_network": rows_example(
        "partner_network",
        {"id": ZONE_000["id"], "include_planned": False},
        [
            {
                "id": "zone-000-livc",
                "name": "Lokale Integrale Veiligheidscel (zone 000)",
                "kind": "PartnerBody",
                "level": "municipal",
                "links": [
                    {
                        "on_behalf_of": {"name": ZONE_000["name"], "id": ZONE_000["id"]},
                        "member": {
                            "name": "Information Officer",
                            "id": "zone-000-information-officer",
                            "kind": "Role",
                        },
                        "source": cited(
                            "neemt hij deel aan de Lokale Integrale Veiligheidscel (LIVC)"
                        ),
                        "relation": "PARTICIPATES_IN",
                    }
                ],
                "posts": [{"name": COORD["name"], "id": COORD["id"]}],
            }
        ],
        {"id": ZONE_000},
    ),
    "collaborations": rows_example(
        "collaborations", {"id": ZONE_001["id"], "include_planned": False}, [], {"id": ZONE_001}
    ),
    "objectives": rows_example(
        "objectives",
        {"org": "lokeren", "include_planned": False},
        [
            {
                "id": "lokeren-visie-2025-criminaliteitsgraad",
                "name": "Middenpositie criminaliteitsgraad in het arrondissement (visie 2025)",
                "description": "Objective safety - mid position on the crime rate within the "
                "judicial arrondissement Oost-Vlaanderen, afdeling Dendermonde.",
                "target_year": 2025,
                "status": "current",
                "via": [],
                "source": cited(
                    "Op basis van de criminaliteitsgraad, binnen het gerechtelijk "
                    "arrondissement Oost-Vlaanderen Afdeling Dendermonde, een middenpositie "
                    "in te nemen (objectieve veiligheid);",
                    "seed-002",
                ),
                "measurements": [],
            }
        ],
        {"id": ref("lokeren", "Politiezone Lokeren", "Organisation")},
    ),
    "staffing": rows_example(
        "staffing",
        {"id": RECHERCHE["id"], "include_planned": False},
        [
            {
                **RECHERCHE,
                "ranked_total": 8,
                "totals": [
                    {"rank": "HINP", "count": 3, "figures": 1},
                    {"rank": "INP", "count": 5, "figures": 1},
                ],
                "figures": [figure(1, 3, "HINP"), figure(2, 5, "INP")],
            }
        ],
        {"id": RECHERCHE},
    ),
    "forum_participants": paged(
        rows_example(
            "forum_participants",
            {"id": OLTF["id"], "include_planned": False},
            [
                {
                    "capacity": "represents",
                    "id": "zone-000-information-officer",
                    "name": "Information Officer",
                    "kind": "Role",
                    "via_role": None,
                    "on_behalf_of": {"name": ZONE_000["name"], "id": ZONE_000["id"]},
                    "via": [
                        step(
                            "REPRESENTS_AT",
                            ref("zone-000-information-officer", "Information Officer", "Role"),
                            OLTF,
                            REPRESENTS_OLTF,
                        )
                    ],
                    "via_text": "direct (REPRESENTS_AT)",
                    "holders": [],
                    "source": cited(REPRESENTS_OLTF),
                }
            ],
            {"id": OLTF},
        )
    ),
    "chairs": rows_example(
        "chairs",
        {"org": "lokeren", "include_planned": True},
        [
            {
                "body": ref("lokeren-directiecomite", "Directiecomité", "Board"),
                "capacity": "chairs",
                **ref("lokeren-korpschef", "Korpschef", "Post"),
                "via_role": None,
                "on_behalf_of": None,
                "holders": [{"name": "Dirk De Paepe", "id": "lokeren-dirk-de-paepe"}],
                "via": [
                    step(
                        "CHAIRS",
                        ref("lokeren-korpschef", "Korpschef", "Post"),
                        ref("lokeren-directiecomite", "Directiecomité", "Board"),
                        "De oprichting van een Directiecomité onder voorzitterschap van de "
                        "Korpschef",
                        "seed-002",
                    )
                ],
                "via_text": "direct (CHAIRS)",
                "source": cited(
                    "De oprichting van een Directiecomité onder voorzitterschap van de Korpschef",
                    "seed-002",
                ),
            }
        ],
        {"id": ref("lokeren", "Politiezone Lokeren", "Organisation")},
    ),
}
