"""An invented partner body with more participants and representatives than one page holds,
for the paging tests (tests/queries/test_paging.py, tests/api/test_paging.py).

Politiezone Paginadorp sends 70 wijkinspecteurs to the Paginaoverleg (their names repeat every
20 posts, so namesakes are told apart by id only); every 7th also sits in it as a member, ten
of them through the role Verbindingsofficier too; five posts are part of the body, a person
chairs it, three posts are only planned, and eight speak for the neighbouring zone. The
expected rows are computed here from the facts, not read back from the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import Driver

from tests.queries.invented import ent, load_text, rel

BODY = "pg-overleg"
ZONE = "zone-pg"
OTHER_ZONE = "zone-pg2"
ROLE = "pg-verbindingsofficier"
POSTS = 70
MEMBER_EVERY = 7  # posts 0, 7, 14 … are members as well as representatives
ROLE_POSTS = range(10)  # posts taking the role
PLANNED = 3  # planned posts representing the zone (not in the answer unless asked)
ON_BEHALF_OF_OTHER = range(60, 68)  # representatives speaking for the other zone
BODY_POSTS = 5  # posts PART_OF the body: members


def post_id(i: int) -> str:
    return f"pg-post-{i:03d}"


def dataset() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    entities = [
        ent(ZONE, "Organisation", "Politiezone Paginadorp", "Politiezone Paginadorp"),
        ent(OTHER_ZONE, "Organisation", "Politiezone Buurdorp", "Politiezone Buurdorp"),
        ent(BODY, "PartnerBody", "Paginaoverleg", "het Paginaoverleg van de regio"),
        ent(ROLE, "Role", "Verbindingsofficier", "de rol van verbindingsofficier"),
        ent("pg-an-janssens", "Person", "An Janssens", "commissaris An Janssens"),
    ]
    relations = [
        rel(
            "CHAIRS", "pg-an-janssens", BODY, "Commissaris An Janssens zit het Paginaoverleg voor."
        ),
        rel("REPRESENTS_AT", ROLE, BODY, "De verbindingsofficier vertegenwoordigt de zone."),
    ]
    for i in range(POSTS):
        pid = post_id(i)
        entities.append(
            ent(pid, "Post", f"Wijkinspecteur {i % 20}", f"wijkinspecteur {i} van de zone")
        )
        relations.append(rel("PART_OF", pid, ZONE, f"Wijkinspecteur {i} hoort bij de zone."))
        props = {"on_behalf_of": OTHER_ZONE} if i in ON_BEHALF_OF_OTHER else {}
        relations.append(
            rel(
                "REPRESENTS_AT",
                pid,
                BODY,
                f"Wijkinspecteur {i} vertegenwoordigt de zone in het Paginaoverleg.",
                **({"props": props} if props else {}),
            )
        )
        if i % MEMBER_EVERY == 0:
            relations.append(
                rel("MEMBER_OF", pid, BODY, f"Wijkinspecteur {i} is lid van het Paginaoverleg.")
            )
        if i in ROLE_POSTS:
            relations.append(
                rel("TAKES_ROLE", pid, ROLE, f"Wijkinspecteur {i} is ook verbindingsofficier.")
            )
        if i < 15:
            person = f"pg-persoon-{i:03d}"
            entities.append(ent(person, "Person", f"Persoon {i}", f"inspecteur Persoon {i}"))
            relations.append(
                rel("HOLDS", person, pid, f"Inspecteur Persoon {i} is wijkinspecteur {i}.")
            )
    for i in range(PLANNED):
        pid = f"pg-gepland-{i}"
        entities.append(ent(pid, "Post", f"Geplande post {i}", f"de geplande post {i}"))
        relations.append(
            rel(
                "REPRESENTS_AT",
                pid,
                BODY,
                f"De geplande post {i} zal de zone vertegenwoordigen.",
                status="planned",
            )
        )
    for i in range(BODY_POSTS):
        pid = f"pg-lid-{i}"
        entities.append(ent(pid, "Post", f"Secretaris {i}", f"secretaris {i} van het overleg"))
        relations.append(rel("PART_OF", pid, BODY, f"Secretaris {i} hoort bij het overleg."))
    return entities, relations


def load_big_body(driver: Driver, tmp_path: Path) -> None:
    """Load the dataset into `driver`'s (already emptied) test database."""
    entities, relations = dataset()
    load_text(driver, tmp_path, "paginadorp", entities, relations)


def expected_representatives(*, org: str | None = None) -> set[tuple[str, str, str | None]]:
    """(id, relation, via role id) of every row who_represents must answer at BODY."""
    rows: set[tuple[str, str, str | None]] = {(ROLE, "REPRESENTS_AT", None)}
    for i in range(POSTS):
        rows.add((post_id(i), "REPRESENTS_AT", None))
        if i % MEMBER_EVERY == 0:
            rows.add((post_id(i), "MEMBER_OF", None))
        if i in ROLE_POSTS:
            rows.add((post_id(i), "REPRESENTS_AT", ROLE))
    if org is None:
        return rows
    other = {post_id(i) for i in ON_BEHALF_OF_OTHER}
    speaks_for_other = {(pid, "REPRESENTS_AT", None) for pid in other}
    return {r for r in rows if (r in speaks_for_other) == (org == OTHER_ZONE)}


def expected_participants() -> set[tuple[str, str, str | None]]:
    """(capacity, id, via role id) of every row forum_participants must answer for BODY."""
    rows: set[tuple[str, str, str | None]] = {
        ("chairs", "pg-an-janssens", None),
        ("represents", ROLE, None),
    }
    for i in range(POSTS):
        rows.add(("represents", post_id(i), None))
        if i % MEMBER_EVERY == 0:
            rows.add(("member", post_id(i), None))
        if i in ROLE_POSTS:
            rows.add(("represents", post_id(i), ROLE))
    rows |= {("member", f"pg-lid-{i}", None) for i in range(BODY_POSTS)}
    return rows
