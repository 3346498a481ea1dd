"""Constructions of Dutch organisational prose the drafter reads (issue 18), each on invented
texts in draft_texts/ (fictional zones, several phrasings each): the leadership of listed units
"in handen van" / "berust bij" / "ligt bij" their respective heads, what a post does in the
capacity of a role it takes, enumerations whose items hold a slash or an explanation in
brackets, a combined unit ("Dienst X & Y") and its conjuncts, an inverted subject after an
opening phrase ("Vanuit de afdeling X neemt een Y deel aan …"), "onze dienst" and "binnen de
zone" as membership of the text's own organisation, long abbreviations spelled over function
words, "<rol> voor <domein>", the end of a list, and lists of units as bullets below an
introduction or a heading ("bestaat uit:", "Onze diensten", "Teams van de dienst X:").

Each text's expected set lists every relation of the target types the text states, so the
tests measure precision as well as recall. Pure tests: no Neo4j."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest

from loaders.draft.build import Draft
from loaders.draft.vocab import load_vocabulary
from loaders.draft.write import draft_path
from tests.support import DATA_DIR

TEXTS = Path(__file__).parent / "draft_texts"
VOCAB = load_vocabulary(DATA_DIR / "vocab")
TARGET_TYPES = frozenset(
    {"PART_OF", "LEADS", "REPORTS_TO", "MEMBER_OF", "PARTICIPATES_IN", "REPRESENTS_AT"}
    | {"CHAIRS", "RESPONSIBLE_FOR"}
)
ORG = "Organisatie (naam invullen)"

Rel = tuple[str, str, str]

# Every target-type relation each text states (and a few others it must find).
EXPECTED: dict[str, set[Rel]] = {
    "zone-mergelland-leiding.txt": {
        ("PART_OF", "Dienst wijkzorg", "Afdeling Operaties"),
        ("PART_OF", "Dienst interventie", "Afdeling Operaties"),
        ("PART_OF", "Dienst slachtofferzorg", "Afdeling Operaties"),
        # "de leiding van deze diensten is in handen van de respectieve diensthoofden"
        ("LEADS", "Diensthoofd wijkzorg", "Dienst wijkzorg"),
        ("LEADS", "Diensthoofd interventie", "Dienst interventie"),
        ("LEADS", "Diensthoofd DSZ", "Dienst slachtofferzorg"),
        # ", onder toezicht van de directeur operaties": the heads answer to him (inferred)
        ("REPORTS_TO", "Diensthoofd wijkzorg", "Directeur operaties"),
        ("REPORTS_TO", "Diensthoofd interventie", "Directeur operaties"),
        ("REPORTS_TO", "Diensthoofd DSZ", "Directeur operaties"),
        ("SUPERVISES", "Directeur operaties", "Dienst wijkzorg"),
        # "berust bij", "ligt bij", "is in handen van" one leader
        ("LEADS", "Teamleider hondensteun", "Team Hondensteun"),
        ("LEADS", "Milieucoördinator", "Cel Milieu"),
        ("LEADS", "Coördinator opvang", "Dienst Opvang"),
        ("RESPONSIBLE_FOR", "Milieucoördinator", "milieu"),
        ("PART_OF", "Dienst logistiek", "Afdeling Ondersteuning"),
        ("PART_OF", "Dienst personeel", "Afdeling Ondersteuning"),
        # "Elk van deze diensten staat onder leiding van een eigen diensthoofd"
        ("LEADS", "Diensthoofd logistiek", "Dienst logistiek"),
        ("LEADS", "Diensthoofd personeel", "Dienst personeel"),
        # "In die hoedanigheid heeft hij de leiding over …": the post taking the role
        ("TAKES_ROLE", "Directeur operaties", "Evenementencoördinator"),
        ("RESPONSIBLE_FOR", "Evenementencoördinator", "evenementen"),
        ("LEADS", "Directeur operaties", "Team Evenementen"),
        ("MEMBER_OF", "Directeur operaties", "Veiligheidscel"),
        ("PART_OF", "Afdeling Operaties", ORG),
        ("PART_OF", "Afdeling Ondersteuning", ORG),
        # "De leiding van deze cellen ligt bij de celverantwoordelijken": plural, so each
        # cel its own head too
        ("PART_OF", "Cel Snelheid", "Afdeling Verkeer"),
        ("PART_OF", "Cel Ongevallen", "Afdeling Verkeer"),
        ("LEADS", "Celverantwoordelijke Snelheid", "Cel Snelheid"),
        ("LEADS", "Celverantwoordelijke Ongevallen", "Cel Ongevallen"),
        ("PART_OF", "Afdeling Verkeer", ORG),
    },
    "zone-scheldeoever-teams.txt": {
        # a combined unit and its conjuncts named on their own
        ("PART_OF", "Dienst Jeugd", "Dienst Jeugd & Gezin"),
        ("PART_OF", "Dienst Gezin", "Dienst Jeugd & Gezin"),
        ("PART_OF", "Afdeling Wijk", "Afdeling Wijk en Verkeer"),
        ("PART_OF", "Afdeling Verkeer", "Afdeling Wijk en Verkeer"),
        # items with a slash, and an explanation in brackets after the last
        ("PART_OF", "Team handhaving/snelheid", "Afdeling Verkeer"),
        ("PART_OF", "Team ongevallen", "Afdeling Verkeer"),
        ("PART_OF", "Team fraude/witwas", "Dienst Opsporing"),
        ("PART_OF", "Team geweld", "Dienst Opsporing"),
        ("PART_OF", "Team diefstal", "Dienst Opsporing"),
        ("RESPONSIBLE_FOR", "Team Preventie", "Woninginbraakpreventie"),
        ("RESPONSIBLE_FOR", "Team Preventie", "BPA (Buurtpreventieadvies)"),
        ("RESPONSIBLE_FOR", "Team Preventie", "Sensibilisering – scholen (Verkeersklassen)"),
        ("PART_OF", "Dienst Jeugd & Gezin", ORG),
        ("PART_OF", "Afdeling Wijk en Verkeer", ORG),
        ("PART_OF", "Dienst Opsporing", ORG),
    },
    "zone-duinrand-opdrachtbrief.txt": {
        # "Vanuit de afdeling X neemt een Y deel aan Z": Y is the subject, and from X
        ("PARTICIPATES_IN", "Wijkcoördinator", "Lokaal Jeugdoverleg"),
        ("PART_OF", "Wijkcoördinator", "Afdeling Wijkzorg"),
        # "Binnen de dienst X heeft één Y de dagelijkse leiding over A en B"
        ("PART_OF", "Teamchef", "Dienst Lokale Opsporing"),
        ("LEADS", "Teamchef", "Team Zeden"),
        ("LEADS", "Teamchef", "Team Fraude"),
        # "onze verkeersdienst", "binnen de zone", "binnen het eigen korps"
        ("PART_OF", "Verkeersdienst", "Politiezone Duinrand"),
        ("PART_OF", "Cel Cybercrime", "Politiezone Duinrand"),
        ("PART_OF", "Beleidsmedewerker", "Politiezone Duinrand"),
        # an abbreviation spelled over function words, a place between name and bracket (a
        # post is PART_OF the unit it "maakt deel uit van")
        (
            "PART_OF",
            "Preventieadviseur",
            "Interne Dienst voor Preventie en Bescherming op het Werk",
        ),
        ("PART_OF", "Interne Dienst voor Preventie en Bescherming op het Werk", "Stad Duinrand"),
        ("COLLABORATES_WITH", "Wijkcoördinator", "Centrum voor Algemeen Welzijnswerk"),
        # "<rol> voor <domein>", in prose and as a list item
        ("TAKES_ROLE", "Wijkcoördinator", "Aanspreekpunt voor drugs"),
        ("RESPONSIBLE_FOR", "Aanspreekpunt voor drugs", "drugs"),
        ("TAKES_ROLE", "Dienst Slachtofferzorg", "Vertrouwenspersoon voor intrafamiliaal geweld"),
        (
            "RESPONSIBLE_FOR",
            "Vertrouwenspersoon voor intrafamiliaal geweld",
            "intrafamiliaal-geweld",
        ),
        ("TAKES_ROLE", "Dienst Slachtofferzorg", "Referentiepersoon voor de scholen"),
        ("RESPONSIBLE_FOR", "Dienst Slachtofferzorg", "Opvolgen van verontrustende situaties"),
        # units with parts and no stated parent: the top of the text's tree, under the zone
        # (inferred, as on every text)
        ("PART_OF", "Afdeling Wijkzorg", "Politiezone Duinrand"),
        ("PART_OF", "Dienst Lokale Opsporing", "Politiezone Duinrand"),
    },
    # Written after the rules above, with new phrasings of the same constructions, and
    # measured before any change: P 0.90 R 0.79 over both texts. The fixes that followed
    # ("deze afdelingen" picks the listed afdelingen, "beide divisies", "zetelt een X in",
    # a bracketed explanation is no list item) are general; what is still missed is below.
    "zone-lindeveld-organogram.txt": {
        ("PART_OF", "Afdeling Noord", "Directie Operationele Werking"),
        ("PART_OF", "Afdeling Zuid", "Directie Operationele Werking"),
        ("PART_OF", "Team Verkeersveiligheid/Handhaving", "Directie Operationele Werking"),
        ("LEADS", "Afdelingshoofd Noord", "Afdeling Noord"),
        ("LEADS", "Afdelingshoofd Zuid", "Afdeling Zuid"),
        ("REPORTS_TO", "Afdelingshoofd Noord", "Directeur operationele werking"),
        ("REPORTS_TO", "Afdelingshoofd Zuid", "Directeur operationele werking"),
        ("LEADS", "Teamleider", "Team Verkeersveiligheid/Handhaving"),
        ("LEADS", "Officier van dienst", "Interventieploeg"),
        ("PART_OF", "Dienst Recherche", "Dienst Recherche & Informatie"),
        ("PART_OF", "Dienst Informatie", "Dienst Recherche & Informatie"),
        ("PART_OF", "Wijkchef", "Afdeling Noord"),
        ("LEADS", "Wijkchef", "Wijkpost Centrum"),
        ("PART_OF", "Directieadviseur", "Directie Operationele Werking"),
        ("MEMBER_OF", "Directieadviseur", "Zonale veiligheidsraad"),
        ("REPRESENTS_AT", "Bestuurlijk coördinator", "Provinciaal overleg"),
        ("REPRESENTS_AT", "Directeur operationele werking", "Provinciaal overleg"),
        ("LEADS", "Directeur operationele werking", "Cel Crisisbeheer"),
        ("PART_OF", "Hondenbrigade", "Politiezone Lindeveld"),
        ("RESPONSIBLE_FOR", "Referentiepersoon voor cybercrime", "cybercrime"),
        ("PART_OF", "Directie Operationele Werking", "Politiezone Lindeveld"),
        ("PART_OF", "Dienst Recherche & Informatie", "Politiezone Lindeveld"),
    },
    "veiligheidsdienst-havenstad.md": {
        ("PART_OF", "Divisie Haven/Industrie", "Sector Toezicht"),
        ("PART_OF", "Divisie Binnenstad", "Sector Toezicht"),
        ("LEADS", "Sectormanager toezicht", "Divisie Haven/Industrie"),
        ("LEADS", "Sectormanager toezicht", "Divisie Binnenstad"),
        ("PART_OF", "Teamcoördinator", "Divisie Haven/Industrie"),
        ("LEADS", "Teamcoördinator", "Handhavingsteam Haven"),
        ("PART_OF", "Team Meldkamer", "Team Meldkamer & Camera"),
        ("PART_OF", "Team Camera", "Team Meldkamer & Camera"),
        ("RESPONSIBLE_FOR", "Contactpersoon voor ondermijning", "ondermijning"),
        ("PART_OF", "Sector Toezicht", ORG),
        ("PART_OF", "Team Meldkamer & Camera", ORG),
    },
    # a list of units as bullets below "bestaat uit:", a heading "Onze diensten", a title
    # "Teams van de dienst X:", "omvat volgende eenheden:" with numbered items; bullets of
    # tasks below "verzorgt onder meer:" are no units
    "zone-kustdorp-diensten.txt": {
        ("PART_OF", "Dienst Wijkwerking", "Afdeling Buurtzorg"),
        ("PART_OF", "Team Jeugd", "Afdeling Buurtzorg"),
        ("PART_OF", "Cel Slachtofferbejegening", "Afdeling Buurtzorg"),
        ("REPORTS_TO", "Dienst Wijkwerking", "Directeur operaties"),
        ("PART_OF", "Verkeersdienst", "Politiezone (naam invullen)"),
        ("PART_OF", "Hondenbrigade", "Politiezone (naam invullen)"),
        ("PART_OF", "Dienst Noodplanning", "Politiezone (naam invullen)"),
        ("PART_OF", "Team drugs", "Dienst Recherche"),
        ("PART_OF", "Team fraude", "Dienst Recherche"),
        ("PART_OF", "Dienst Logistiek", "Politiezone (naam invullen)"),
        ("PART_OF", "Dienst Personeel en Organisatie", "Politiezone (naam invullen)"),
        ("PART_OF", "Afdeling Buurtzorg", "Politiezone (naam invullen)"),
        ("PART_OF", "Dienst Recherche", "Politiezone (naam invullen)"),
        # a plural head with names, as subject and as object
        ("PART_OF", "Afdeling Noord", "Directie Buitendienst"),
        ("PART_OF", "Afdeling Oost", "Directie Buitendienst"),
        ("PART_OF", "Afdeling Zuid", "Directie Buitendienst"),
        ("PART_OF", "Directie Buitendienst", "Politiezone (naam invullen)"),
        ("LEADS", "Wijkcoördinator", "Wijkpost Dorp"),
        ("LEADS", "Wijkcoördinator", "Wijkpost Haven"),
    },
    # the same lists in a saved web page (<ul><li>), and a management board the zone's own
    # posts chair and sit on is the zone's (the zonale veiligheidsraad, a governing body the
    # korpschef sits on, is not)
    "zone-zeeveld.html": {
        ("PART_OF", "Dienst Wijkzorg", "Politiezone Zeeveld"),
        ("PART_OF", "Interventiedienst", "Politiezone Zeeveld"),
        ("PART_OF", "Dienst Verkeer", "Politiezone Zeeveld"),
        ("PART_OF", "Dienst ICT", "Directie Ondersteuning"),
        ("PART_OF", "Dienst Financiën", "Directie Ondersteuning"),
        ("LEADS", "ICT-coördinator", "Dienst ICT"),
        ("CHAIRS", "Korpschef", "Managementteam"),
        ("MEMBER_OF", "Directeur ondersteuning", "Managementteam"),
        ("MEMBER_OF", "Korpschef", "Zonale veiligheidsraad"),
        ("PART_OF", "Directie Ondersteuning", "Politiezone Zeeveld"),
        ("PART_OF", "Managementteam", "Politiezone Zeeveld"),
    },
    # Written after the rules too and measured first: P 1.00 R 0.56. Then, generally: the
    # spelling "ressorteert" beside "resorteert", "Onder de directie X ressorteren A en B"
    # (a name of several words), a fronted "Aan het hoofd van X staat Y", "Y zit X voor",
    # a plural head with names ("De wijkteams Noord en Zuid": one unit per name).
    "zone-bergenland-structuur.txt": {
        ("LEADS", "Els Wouters", "Dienst Verkeer"),
        ("PART_OF", "Wijkteam Noord", "Afdeling Wijk"),
        ("PART_OF", "Wijkteam Zuid", "Afdeling Wijk"),
        ("PART_OF", "Team Interventie", "Dienst Operaties"),  # directie = dienst Operaties
        ("PART_OF", "Afdeling Wijk", "Dienst Operaties"),
        ("PART_OF", "Afdeling Interventie", "Dienst Operaties"),
        ("REPORTS_TO", "Dienst Interne Zaken", "Korpschef"),
        ("LEADS", "Diensthoofd jeugd", "Dienst Jeugd"),
        ("REPORTS_TO", "Coördinator preventie", "Korpschef"),
        ("RESPONSIBLE_FOR", "Coördinator preventie", "Preventiebeleid"),
        ("MEMBER_OF", "Korpschef", "Directiecomité"),
        ("MEMBER_OF", "Directeur operaties", "Directiecomité"),
        ("MEMBER_OF", "Directeur ondersteuning", "Directiecomité"),
        ("CHAIRS", "Korpschef", "Directiecomité"),
        ("REPRESENTS_AT", "Directeur operaties", "LIVC"),
        ("PART_OF", "Dienst Operaties", "Politiezone Bergenland"),
        ("PART_OF", "Directiecomité", "Politiezone Bergenland"),
    },
    # "het hoofd van de dienst X" is a post that leads X; a relative clause with the verb
    # last ("…, die de dienst X leidt", "…, die het overleg voorzit"); "De leden van X zijn
    # A, B en C"; "staat aan het hoofd van het korps" stays the korps' leadership
    "zone-rivierdal-leiding.txt": {
        ("LEADS", "Hoofd dienst Verkeer", "Dienst Verkeer"),
        ("REPORTS_TO", "Hoofd dienst Verkeer", "Directeur operaties"),
        ("LEADS", "Verantwoordelijke team Wijkzorg", "Team Wijkzorg"),
        ("MEMBER_OF", "Verantwoordelijke team Wijkzorg", "Wijkoverleg"),
        ("LEADS", "Adjunct-korpschef", "Dienst Interne Controle"),
        ("CHAIRS", "Beleidsadviseur", "Strategisch overleg"),
        ("MEMBER_OF", "Korpschef", "Directiecomité"),
        ("MEMBER_OF", "Directeur operaties", "Directiecomité"),
        ("MEMBER_OF", "Directeur ondersteuning", "Directiecomité"),
        ("PART_OF", "Directiecomité", "Politiezone Rivierdal"),
        ("LEADS", "Korpschef", "Politiezone Rivierdal"),
    },
}
# Stated, not drafted yet: a post named with a prepositional phrase ("officier van dienst"
# is drafted as "Officier"), and a plural pronoun standing for the heads just distributed
# ("Zij werken onder toezicht van X").
KNOWN_MISSES: Final[set[Rel]] = {
    ("LEADS", "Officier van dienst", "Interventieploeg"),
    ("REPORTS_TO", "Afdelingshoofd Noord", "Directeur operationele werking"),
    ("REPORTS_TO", "Afdelingshoofd Zuid", "Directeur operationele werking"),
}
KNOWN_EXTRAS: Final[set[Rel]] = {("LEADS", "Officier", "Interventieploeg")}


def drafted(name: str) -> tuple[Draft, set[Rel]]:
    d = draft_path(TEXTS / name, vocab=VOCAB)
    _, rels = d.active()
    names = {e.id: e.name for e in d.entities}
    return d, {(r.type, names.get(r.from_, r.from_), names.get(r.to, r.to)) for r in rels}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_construction_is_found(name: str) -> None:
    _, got = drafted(name)
    missing = EXPECTED[name] - got - KNOWN_MISSES
    assert not missing, f"missing {sorted(missing)}; drafted {sorted(got)}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_nothing_the_text_does_not_state(name: str) -> None:
    _, got = drafted(name)
    extra = {r for r in got if r[0] in TARGET_TYPES} - EXPECTED[name] - KNOWN_EXTRAS
    assert not extra, f"drafted, not stated: {sorted(extra)}"


def test_a_list_item_explained_in_brackets_is_named_both_ways() -> None:
    d, _ = drafted("zone-scheldeoever-teams.txt")
    bpa = next(e for e in d.entities if e.name == "BPA (Buurtpreventieadvies)")
    assert {"BPA", "Buurtpreventieadvies"} <= set(bpa.aliases)


def test_a_list_ends_at_a_gap_and_a_call_to_action_is_no_item() -> None:
    d, got = drafted("zone-scheldeoever-teams.txt")
    assert not any("Mail" in e.name for e in d.entities if e.kind == "Task"), got


def test_the_combined_unit_is_not_split_when_its_parts_are_not_named() -> None:
    _, got = drafted("zone-scheldeoever-teams.txt")
    assert not any(r[2] == "Divisie Toezicht & Veiligheid" for r in got if r[0] == "PART_OF")


def test_the_name_before_an_abbreviated_unit_does_not_take_its_en() -> None:
    d, _ = drafted("zone-mergelland-leiding.txt")
    assert "Dienst interventie" in {e.name for e in d.entities}
    assert not any(e.name.endswith(" en") for e in d.entities)


def scores() -> str:
    """Precision and recall over the target types on these texts (as make eval does on the
    seeds): `python -m tests.loaders.test_draft_constructions`."""
    lines, tp, dr, ex = [], 0, 0, 0
    for name in sorted(EXPECTED):
        _, got = drafted(name)
        mine = {r for r in got if r[0] in TARGET_TYPES}
        want = {r for r in EXPECTED[name] if r[0] in TARGET_TYPES}
        t = len(mine & want)
        tp, dr, ex = tp + t, dr + len(mine), ex + len(want)
        lines.append(f"{name}: P {t / max(1, len(mine)):.2f} R {t / len(want):.2f}")
    lines.append(
        f"all: P {tp / max(1, dr):.2f} R {tp / ex:.2f} ({tp} of {dr} drafted, {ex} stated)"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(scores())
