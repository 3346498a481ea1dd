"""Response examples for the OpenAPI docs, taken from the seed datasets (trimmed)."""

from __future__ import annotations

from typing import Any

EXAMPLES: dict[str, dict[str, Any]] = {
    "search": {
        "query": "search",
        "params": {"q": "oltf", "limit": 2},
        "resolved": {},
        "count": 1,
        "rows": [
            {
                "rank": 1,
                "id": "o-ltf-zone-000",
                "name": "Operationele Local Taskforce Foreign Fighters",
                "kind": "PartnerBody",
                "type": None,
                "status": "current",
                "score": 8.87597370147705,
                "match": "text",
                "via": [],
            }
        ],
    },
    "entity": {
        "query": "entity",
        "params": {"id": "zone-000-operationeel-coordinator"},
        "resolved": {
            "id": {
                "id": "zone-000-operationeel-coordinator",
                "name": "Operationeel coördinator",
                "kind": "Post",
            }
        },
        "count": 1,
        "rows": [
            {
                "id": "zone-000-operationeel-coordinator",
                "name": "Operationeel coördinator",
                "kind": "Post",
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
                "source": {
                    "reason": None,
                    "quote": "De dienst operationele coördinatie staat onder "
                    "leiding van een commissaris operationeel "
                    "coördinator",
                    "file": "000_94f20631c6620d4f.txt",
                    "inferred": False,
                    "id": "seed-000",
                    "title": "Operationele coördinatie",
                },
                "relationships": [
                    {
                        "current": True,
                        "other": {
                            "kind": "Unit",
                            "name": "Afdeling/Dienst operationele coördinatie",
                            "id": "zone-000-opco",
                        },
                        "source": {
                            "reason": None,
                            "quote": "staat als afdelingshoofd aan de "
                            "leiding van de afdeling "
                            "operationele coördinatie.",
                            "file": "000_94f20631c6620d4f.txt",
                            "inferred": False,
                            "id": "seed-000",
                            "title": "Operationele coördinatie",
                        },
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
    },
    "chain_of_command": {
        "query": "chain_of_command",
        "params": {"id": "zone-000-diensthoofd-dsi", "include_planned": False},
        "resolved": {
            "id": {"id": "zone-000-diensthoofd-dsi", "name": "Diensthoofd DSI", "kind": "Post"}
        },
        "count": 2,
        "rows": [
            {
                "depth": 0,
                "id": "zone-000-diensthoofd-dsi",
                "name": "Diensthoofd DSI",
                "kind": "Post",
                "via": None,
                "line": None,
                "status": "current",
                "source": None,
            },
            {
                "depth": 1,
                "id": "zone-000-operationeel-coordinator",
                "name": "Operationeel coördinator",
                "kind": "Post",
                "via": "REPORTS_TO",
                "line": "hierarchical",
                "status": "current",
                "source": {
                    "reason": None,
                    "quote": "De dagelijkse leiding van deze diensten "
                    "is in handen van de respectievelijk "
                    "diensthoofden, onder toezicht en "
                    "verantwoordelijkheid van de operationeel "
                    "coördinator.",
                    "file": "000_94f20631c6620d4f.txt",
                    "inferred": False,
                    "id": "seed-000",
                    "title": "Operationele coördinatie",
                },
            },
        ],
    },
    "subordinates": {
        "query": "subordinates",
        "params": {"id": "zone-000-korpschef", "max_depth": 1, "include_planned": False},
        "resolved": {"id": {"id": "zone-000-korpschef", "name": "Korpschef", "kind": "Post"}},
        "count": 1,
        "rows": [
            {
                "depth": 1,
                "id": "zone-000-operationeel-coordinator",
                "name": "Operationeel coördinator",
                "kind": "Post",
                "parent_id": "zone-000-korpschef",
                "via": "REPORTS_TO",
                "line": "hierarchical",
                "status": "current",
                "span": 5,
                "source": {
                    "reason": None,
                    "quote": "rapporteert aan de korpschef",
                    "file": "000_94f20631c6620d4f.txt",
                    "inferred": False,
                    "id": "seed-000",
                    "title": "Operationele coördinatie",
                },
            }
        ],
    },
    "who_represents": {
        "query": "who_represents",
        "params": {"at": "o-ltf-zone-000", "include_planned": False},
        "resolved": {
            "at": {
                "id": "o-ltf-zone-000",
                "name": "Operationele Local Taskforce Foreign Fighters",
                "kind": "PartnerBody",
            }
        },
        "count": 1,
        "rows": [
            {
                "id": "zone-000-operationeel-coordinator",
                "name": "Operationeel coördinator",
                "kind": "Post",
                "relation": "REPRESENTS_AT",
                "via_role": {"name": "Information Officer", "id": "zone-000-information-officer"},
                "on_behalf_of": {"name": "Politiezone (seed 000)", "id": "zone-000"},
                "holders": [],
                "inferred": False,
                "source": {
                    "reason": None,
                    "quote": "vertegenwoordigt de politiezone op de "
                    "Operationele Local Taskforce Foreign "
                    "Fighters (O-LTF)",
                    "file": "000_94f20631c6620d4f.txt",
                    "inferred": False,
                    "id": "seed-000",
                    "title": "Operationele coördinatie",
                },
                "sources": [
                    {
                        "reason": None,
                        "quote": "vertegenwoordigt de politiezone op de "
                        "Operationele Local Taskforce Foreign "
                        "Fighters (O-LTF)",
                        "file": "000_94f20631c6620d4f.txt",
                        "inferred": False,
                        "id": "seed-000",
                        "title": "Operationele coördinatie",
                    },
                    {
                        "reason": "The representation is done in the "
                        "Information Officer role, which is "
                        "taken by the operationeel coördinator "
                        "post.",
                        "quote": "neemt de functie van Information Officer "
                        "(IO) op. Hij staat in deze functie in "
                        "voor de opvolging van het plan R "
                        "(radicalisering), vertegenwoordigt de "
                        "politiezone op de Operationele Local "
                        "Taskforce Foreign Fighters (O-LTF)",
                        "file": "000_94f20631c6620d4f.txt",
                        "inferred": True,
                        "id": "seed-000",
                        "title": "Operationele coördinatie",
                    },
                ],
            }
        ],
    },
    "responsible_for": {
        "query": "responsible_for",
        "params": {"target": "drugs", "include_planned": False},
        "resolved": {"for": {"id": "drugs", "name": "Drugs", "kind": "Domain"}},
        "count": 1,
        "rows": [
            {
                "id": "zone-000-operationeel-coordinator",
                "name": "Operationeel coördinator",
                "kind": "Post",
                "relation": "RESPONSIBLE_FOR",
                "via_role": None,
                "via": None,
                "holders": [],
                "direct": True,
                "source": {
                    "reason": None,
                    "quote": "is de verantwoordelijke officier voor de "
                    "actiedomeinen drugs, overlast en verkeer.",
                    "file": "000_94f20631c6620d4f.txt",
                    "inferred": False,
                    "id": "seed-000",
                    "title": "Operationele coördinatie",
                },
            }
        ],
    },
    "contact_for": {
        "query": "contact_for",
        "params": {"task": "bicycle theft", "limit": 10},
        "resolved": {},
        "count": 1,
        "rows": [
            {
                "task_id": "zone-001-task-aangifte-fietsdiefstal",
                "task_name": "Aangifte fietsdiefstal",
                "score": 15.09,
                "id": "zone-001-onthaal",
                "name": "Dienst Onthaal",
                "kind": "Unit",
                "relation": "PERFORMS",
                "via_role": None,
                "via_term": {"id": "bicycle-theft", "name": "Bicycle theft", "kind": "Domain"},
                "organisation": {"name": "Politiezone (seed 001)", "id": "zone-001"},
                "source": {
                    "reason": None,
                    "quote": "Je kan bij deze collega's terecht voor "
                    "aangifte van verlies en/of diefstal, "
                    "fietsdiefstal, vandalisme, gevonden "
                    "voorwerpen, ...",
                    "file": "001_c20bdcf4eda624e1.txt",
                    "inferred": False,
                    "id": "seed-001",
                    "title": "Directie Operaties",
                },
            }
        ],
    },
    "path_between": {
        "query": "path_between",
        "params": {
            "from_id": "zone-000-diensthoofd-dsi",
            "to_id": "zone-000-korpschef",
            "include_planned": False,
        },
        "resolved": {
            "from": {"id": "zone-000-diensthoofd-dsi", "name": "Diensthoofd DSI", "kind": "Post"},
            "to": {"id": "zone-000-korpschef", "name": "Korpschef", "kind": "Post"},
        },
        "count": 2,
        "rows": [
            {
                "step": 1,
                "from_id": "zone-000-diensthoofd-dsi",
                "from_name": "Diensthoofd DSI",
                "type": "PARTICIPATES_IN",
                "direction": "->",
                "to_id": "zone-000-wekelijks-operationeel-overleg",
                "to_name": "Wekelijks operationeel overleg",
                "to_kind": "Forum",
                "source": {
                    "reason": None,
                    "quote": "het wekelijkse operationeel overleg met de "
                    "korpschef en alle afdelings- en "
                    "diensthoofden van de politiezone",
                    "file": "000_94f20631c6620d4f.txt",
                    "inferred": False,
                    "id": "seed-000",
                    "title": "Operationele coördinatie",
                },
            },
            {
                "step": 2,
                "from_id": "zone-000-wekelijks-operationeel-overleg",
                "from_name": "Wekelijks operationeel overleg",
                "type": "PARTICIPATES_IN",
                "direction": "<-",
                "to_id": "zone-000-korpschef",
                "to_name": "Korpschef",
                "to_kind": "Post",
                "source": {
                    "reason": None,
                    "quote": "het wekelijkse operationeel overleg met de "
                    "korpschef en alle afdelings- en "
                    "diensthoofden van de politiezone",
                    "file": "000_94f20631c6620d4f.txt",
                    "inferred": False,
                    "id": "seed-000",
                    "title": "Operationele coördinatie",
                },
            },
        ],
    },
    "organisations": {
        "query": "organisations",
        "params": {},
        "resolved": {},
        "count": 1,
        "rows": [
            {
                "id": "federal-police",
                "name": "Federale politie",
                "abbreviation": None,
                "org_type": "federal_police",
                "status": "current",
                "dataset": "partner-bodies",
                "units": 0,
                "source": {
                    "reason": None,
                    "quote": "nauwe contacten met de bestuurlijke "
                    "directeur-coördinator bij de federale "
                    "politie.",
                    "file": "000_94f20631c6620d4f.txt",
                    "inferred": False,
                    "id": "seed-000",
                    "title": "Operationele coördinatie",
                },
            }
        ],
    },
    "org_tree": {
        "query": "org_tree",
        "params": {"id": "zone-001", "include_planned": False},
        "resolved": {
            "id": {"id": "zone-001", "name": "Politiezone (seed 001)", "kind": "Organisation"}
        },
        "count": 1,
        "rows": [
            {
                "depth": 0,
                "id": "zone-001",
                "name": "Politiezone (seed 001)",
                "kind": "Organisation",
                "type": None,
                "parent_id": None,
                "via": None,
                "status": "current",
                "planned": False,
                "source": {
                    "reason": None,
                    "quote": "In iedere gemeente van onze politiezone is er "
                    "eveneens een wijkcommissariaat aanwezig.",
                    "file": "001_c20bdcf4eda624e1.txt",
                    "inferred": False,
                    "id": "seed-001",
                    "title": "Directie Operaties",
                },
            }
        ],
    },
    "functionality_coverage": {
        "query": "functionality_coverage",
        "params": {"zone": "zone-001", "include_planned": False},
        "resolved": {
            "id": {"id": "zone-001", "name": "Politiezone (seed 001)", "kind": "Organisation"}
        },
        "count": 1,
        "rows": [
            {
                "id": "functionality-wijkwerking",
                "name": "Wijkwerking",
                "code": "wijkwerking",
                "order": 1,
                "covered": True,
                "units": [
                    {
                        "reason": "The service bears the name of the "
                        "basic functionality and its "
                        "wijkinspecteurs do neighbourhood "
                        "policing; the text does not use "
                        "the term 'basisfunctionaliteit'.",
                        "quote": "De dienst Wijkwerking vormt de basis van de politiezorg.",
                        "name": "Dienst Wijkwerking",
                        "inferred": True,
                        "source": "seed-001",
                        "id": "zone-001-wijkwerking",
                        "title": "Directie Operaties",
                    }
                ],
            }
        ],
    },
    "partner_network": {
        "query": "partner_network",
        "params": {"id": "zone-000", "include_planned": False},
        "resolved": {
            "id": {"id": "zone-000", "name": "Politiezone (seed 000)", "kind": "Organisation"}
        },
        "count": 1,
        "rows": [
            {
                "id": "zone-000-livc",
                "name": "Lokale Integrale Veiligheidscel (zone 000)",
                "kind": "PartnerBody",
                "level": "municipal",
                "links": [
                    {
                        "on_behalf_of": "zone-000",
                        "member": {
                            "name": "Information Officer",
                            "id": "zone-000-information-officer",
                            "kind": "Role",
                        },
                        "source": {
                            "reason": None,
                            "quote": "neemt hij deel aan de Lokale Integrale Veiligheidscel (LIVC)",
                            "file": "000_94f20631c6620d4f.txt",
                            "inferred": False,
                            "id": "seed-000",
                            "title": "Operationele coördinatie",
                        },
                        "relation": "PARTICIPATES_IN",
                    }
                ],
                "posts": [
                    {"name": "Operationeel coördinator", "id": "zone-000-operationeel-coordinator"}
                ],
            }
        ],
    },
    "collaborations": {
        "query": "collaborations",
        "params": {"id": "zone-001", "include_planned": False},
        "resolved": {
            "id": {"id": "zone-001", "name": "Politiezone (seed 001)", "kind": "Organisation"}
        },
        "count": 0,
        "rows": [],
    },
    "objectives": {
        "query": "objectives",
        "params": {"org": "lokeren", "include_planned": False},
        "resolved": {
            "id": {"id": "lokeren", "name": "Politiezone Lokeren", "kind": "Organisation"}
        },
        "count": 1,
        "rows": [
            {
                "id": "lokeren-visie-2025-criminaliteitsgraad",
                "name": "Middenpositie criminaliteitsgraad in het arrondissement (visie 2025)",
                "description": "Objective safety - mid position on the crime rate "
                "within the judicial arrondissement Oost-Vlaanderen, "
                "afdeling Dendermonde.",
                "target_year": 2025,
                "status": "current",
                "via": [],
                "source": {
                    "reason": None,
                    "quote": "Op basis van de criminaliteitsgraad, binnen "
                    "het gerechtelijk arrondissement "
                    "Oost-Vlaanderen Afdeling Dendermonde, een "
                    "middenpositie in te nemen (objectieve "
                    "veiligheid);",
                    "file": "002_1ed0885c2c022708.txt",
                    "inferred": False,
                    "id": "seed-002",
                    "title": "Opdrachtbrief 2019-2024 – Korpschef Lokale Politie Lokeren",
                },
                "measurements": [],
            }
        ],
    },
    "forum_participants": {
        "query": "forum_participants",
        "params": {"id": "o-ltf-zone-000", "include_planned": False},
        "resolved": {
            "id": {
                "id": "o-ltf-zone-000",
                "name": "Operationele Local Taskforce Foreign Fighters",
                "kind": "PartnerBody",
            }
        },
        "count": 1,
        "rows": [
            {
                "capacity": "represents",
                "id": "zone-000-information-officer",
                "name": "Information Officer",
                "kind": "Role",
                "via_role": None,
                "on_behalf_of": "zone-000",
                "holders": [],
                "source": {
                    "reason": None,
                    "quote": "vertegenwoordigt de politiezone op de "
                    "Operationele Local Taskforce Foreign "
                    "Fighters (O-LTF)",
                    "file": "000_94f20631c6620d4f.txt",
                    "inferred": False,
                    "id": "seed-000",
                    "title": "Operationele coördinatie",
                },
            }
        ],
    },
}
