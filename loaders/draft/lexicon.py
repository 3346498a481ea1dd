"""The Dutch words the rules stand on: heads of unit, post, body and forum names, ranks,
function words, and the verb patterns of organisational prose.

Everything here is general Dutch (and Belgian/Dutch police) vocabulary, never one text's own
names: the drafts are measured on other organisations' pages too.
"""

from __future__ import annotations

from typing import Final

# --- nouns that head a name -----------------------------------------------------------

# Unit heads: "de dienst X", "het team X", compounds "verkeersdienst", "interventieploeg".
UNIT_HEADS: Final = {
    "dienst": "dienst", "diensten": "dienst", "directie": "directie", "directies": "directie",
    "afdeling": "afdeling", "afdelingen": "afdeling", "luik": "luik", "luiken": "luik",
    "team": "team", "teams": "team", "cel": "cel", "cellen": "cel", "ploeg": "ploeg",
    "ploegen": "ploeg", "cluster": "cluster", "clusters": "cluster", "sector": "sector",
    "sectoren": "sector", "divisie": "divisie", "divisies": "divisie", "unit": "unit",
    "units": "unit", "pijler": "pijler", "pijlers": "pijler", "werkgroep": "werkgroep",
    "werkgroepen": "werkgroep", "bureau": "bureau", "bureaus": "bureau", "eenheid": "eenheid",
    "eenheden": "eenheid", "departement": "departement", "departementen": "departement",
    "stafdienst": "stafdienst", "stafdiensten": "stafdienst", "commissariaat": "commissariaat",
    "commissariaten": "commissariaat", "kern": "kern", "brigade": "brigade",
    "brigades": "brigade", "recherche": "recherche", "onthaal": "onthaal",
    "centrum": "centrum", "centra": "centrum", "wijkpost": "wijkpost", "wijkposten": "wijkpost",
    "secretariaat": "secretariaat", "meldkamer": "meldkamer", "staf": "staf",
}  # fmt: skip
# Heads that name a unit on their own ("het secretariaat", "het onthaal").
SELF_NAMING_UNITS: Final = frozenset(
    {"secretariaat", "onthaal", "recherche", "meldkamer", "staf", "wijkpost", "centrum"}
)
# Heads that name the same level: "dienst X" and "afdeling X" in one text are one unit.
DEPARTMENT_LEVEL: Final = frozenset({"dienst", "afdeling", "directie", "departement"})
# Compound heads only count at the end of a longer word ("interventieploeg", not "team").
COMPOUND_UNIT_HEADS: Final = (
    "dienst", "diensten", "afdeling", "team", "teams", "cel", "ploeg", "ploegen", "sector",
    "divisie", "recherche", "eenheid", "brigade", "centrum", "centrale", "pijler", "commissariaat",
)  # fmt: skip

POST_HEADS: Final = {
    "korpschef": "korpschef", "diensthoofd": "diensthoofd", "diensthoofden": "diensthoofd",
    "afdelingshoofd": "afdelingshoofd", "afdelingshoofden": "afdelingshoofd",
    "directeur": "directeur", "directeurs": "directeur", "coördinator": "coördinator",
    "coordinator": "coördinator", "coördinatoren": "coördinator", "teamleider": "teamleider",
    "teamleiders": "teamleider", "teamchef": "teamchef", "ploegchef": "ploegchef",
    "ploegchefs": "ploegchef", "ploegleider": "ploegleider",
    "verantwoordelijke": "verantwoordelijke",
    "officier": "officier", "burgemeester": "burgemeester", "gouverneur": "gouverneur",
    "procureur": "procureur", "secretaris": "secretaris", "adviseur": "adviseur",
    "consulent": "consulent", "leidinggevende": "leidinggevende", "chef": "chef",
    "hoofd": "hoofd", "manager": "manager", "jurist": "jurist", "analist": "analist",
    "wijkinspecteur": "wijkinspecteur", "wijkinspecteurs": "wijkinspecteur",
    "wijkagent": "wijkagent", "wijkagenten": "wijkagent", "dispatcher": "dispatcher",
    "commandant": "commandant", "schepen": "schepen",
    "adjunct-korpschef": "adjunct-korpschef", "sectorhoofd": "sectorhoofd",
    "divisiehoofd": "divisiehoofd", "teamverantwoordelijke": "teamverantwoordelijke",
    "rechercheur": "rechercheur", "rechercheurs": "rechercheur", "leider": "leider",
    "pijlerverantwoordelijke": "pijlerverantwoordelijke", "preventieadviseur": "preventieadviseur",
    "beleidsmedewerker": "beleidsmedewerker", "kwartiermaker": "kwartiermaker",
}  # fmt: skip
COMPOUND_POST_HEADS: Final = (
    "coördinator", "coordinator", "hoofd", "chef", "leider", "verantwoordelijke", "inspecteur",
    "directeur", "adviseur", "agent", "manager", "commissaris", "officier",
)  # fmt: skip

# Ranks (Belgian and Dutch police): "een hoofdinspecteur diensthoofd" is a post with a rank.
RANKS: Final = {
    "hoofdcommissaris": "HCP", "commissaris": "CP", "hoofdinspecteur": "HINP",
    "inspecteur": "INP", "agent": "AGP", "hcp": "HCP", "cp": "CP", "hinp": "HINP",
    "inp": "INP", "agp": "AGP", "brigadier": "NL-BRIG", "hoofdagent": "NL-HAGT",
}  # fmt: skip
RANK_PLURALS: Final = {
    "hoofdcommissarissen": "HCP", "commissarissen": "CP", "hoofdinspecteurs": "HINP",
    "inspecteurs": "INP", "agenten": "AGP", "brigadiers": "NL-BRIG",
}  # fmt: skip

# Collegial bodies of an organisation (Board) and outside bodies (PartnerBody).
BOARD_NAMES: Final = (
    "politiecollege", "politieraad", "gemeenteraad", "zonale veiligheidsraad", "veiligheidsraad",
    "directiecomité", "korpsleiding", "korpsdirectie", "directieraad", "schepencollege",
    "college van burgemeester en schepenen", "stadsbestuur", "gemeentebestuur",
    "algemeen bestuur", "dagelijks bestuur", "veiligheidsdirectie", "managementteam",
    "directieteam", "stuurgroep", "bestuurscomité", "beheerscomité", "raad van bestuur",
    "provincieraad", "deputatie", "veiligheidscollege", "regionaal beleidsteam",
    "gemeentelijk beleidsteam", "regionaal operationeel team", "algemeen bestuur",
)  # fmt: skip
# Bodies a zone answers to or reports to (not its own management boards).
GOVERNING_BOARDS: Final = frozenset(
    [
        "politiecollege", "politieraad", "gemeenteraad", "zonale veiligheidsraad",
        "veiligheidsraad", "schepencollege", "college van burgemeester en schepenen",
        "stadsbestuur", "gemeentebestuur", "provincieraad", "deputatie", "veiligheidscollege",
        "algemeen bestuur", "dagelijks bestuur", "raad van bestuur",
    ]
)  # fmt: skip
PARTNER_NAMES: Final = (
    "lokale integrale veiligheidscel", "local taskforce", "taskforce", "arrondissementele "
    "veiligheidsraad", "parket", "openbaar ministerie", "provinciale veiligheidscel",
    "communicatie- en informatiecentrale", "informatiecentrale", "noodcentrale",
    "hulpverleningszone", "brandweerzone", "brandweer", "ocmw", "ocmw's", "veiligheidsregio",
    "ketenpartners", "ketenpartner", "buurtinformatienetwerk", "buurtinformatienetwerken",
    "gemeenschappelijke interne dienst", "justitiehuis", "arrondissementeel informatiekruispunt",
    "platform", "netwerk", "samenwerkingsverband", "gerechtelijke overheden",
    "bestuurlijke overheden",
)  # fmt: skip
PARTNER_ABBREVIATIONS: Final = frozenset(
    {"LIVC", "O-LTF", "LTF", "AIK", "CIC", "GIDPBW", "OCMW", "BIN", "RIEC", "ZVR"}
)
FORUM_HEADS: Final = (
    "overleg", "overlegmoment", "overlegmomenten", "vergadering", "vergaderingen", "briefing",
    "briefings", "overlegplatform", "overlegplatformen", "stafvergadering", "rapport",
)  # fmt: skip
FORUM_RAAD_EXCEPT: Final = frozenset({"politieraad", "gemeenteraad", "veiligheidsraad"})

ORG_WORDS: Final = {
    "politiezone": "police_zone", "zone": "police_zone", "korps": "police_zone",
    "politiekorps": "police_zone", "politie": "police_zone", "organisatie": None,
    "stad": "city", "gemeente": "city", "provincie": "province",
    "veiligheidsregio": "safety_region",
}  # fmt: skip
# "onze politiezone", "de zone", "het korps": the organisation the text is about.
SELF_ORG: Final = frozenset(
    {"politiezone", "zone", "korps", "politiekorps", "organisatie", "lokale politie"}
)

ROLE_NAMES: Final = (
    "bestuurlijk coördinator", "referentiepersoon", "referentiepersonen", "information officer",
    "aanspreekpunt", "contactpersoon", "vertrouwenspersoon",
    "veiligheidsconsulent", "dossierbeheerder", "functioneel beheerder",
)  # fmt: skip

# --- function words -------------------------------------------------------------------

ARTICLES: Final = frozenset(
    [
        "de",
        "het",
        "een",
        "'t",
        "deze",
        "dit",
        "die",
        "dat",
        "onze",
        "ons",
        "zijn",
        "haar",
        "hun",
        "elke",
        "elk",
        "iedere",
        "ieder",
        "alle",
        "welke",
        "diens",
        "beide",
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "verschillende",
        "diverse",
        "andere",
        "bepaalde",
        "meerdere",
        "enkele",
        "sommige",
        "volgende",
        "bijbehorend",
        "bijbehorende",
    ]
)
PREPOSITIONS: Final = frozenset(
    [
        "van",
        "voor",
        "op",
        "in",
        "aan",
        "met",
        "bij",
        "onder",
        "over",
        "door",
        "tot",
        "naar",
        "uit",
        "binnen",
        "tussen",
        "tijdens",
        "per",
        "om",
        "via",
        "zonder",
        "rond",
        "naast",
        "vanuit",
        "na",
        "tegen",
        "omtrent",
        "inzake",
        "betreffende",
        "volgens",
        "als",
    ]
)
CONJUNCTIONS: Final = frozenset(
    [
        "en",
        "of",
        "maar",
        "noch",
        "want",
        "dus",
        "zoals",
        "waarbij",
        "waarin",
        "waar",
        "waaraan",
        "waarvan",
        "waarop",
        "waardoor",
        "waarmee",
        "waarover",
        "wanneer",
        "indien",
        "omdat",
        "zodat",
        "terwijl",
    ]
)
PRONOUNS: Final = frozenset(
    [
        "hij",
        "zij",
        "ze",
        "zich",
        "hem",
        "hen",
        "hun",
        "wij",
        "we",
        "men",
        "die",
        "deze",
        "dit",
        "dat",
        "wie",
        "wat",
        "ik",
        "jij",
        "je",
        "u",
    ]
)
ADVERBS: Final = frozenset(
    [
        *[
            "deelnemen",
            "deelneemt",
            "zetelen",
            "vergadert",
            "vergaderen",
            "samenkomt",
            "samenkomen",
        ],
        *["opgericht", "ingericht", "samengesteld", "bijeengeroepen", "aangeduid", "aangesteld"],
        *["bezig", "zelf", "enkel", "alleen", "onmiddellijk", "regelmatig"],
        "ook",
        "eveneens",
        "tevens",
        "daarnaast",
        "bovendien",
        "verder",
        "nog",
        "steeds",
        "mee",
        "samen",
        "eerst",
        "vooral",
        "rechtstreeks",
        "direct",
        "directe",
        "dagelijks",
        "dagelijkse",
        "algemene",
        "algemeen",
        "hierbij",
        "daarbij",
        "hiervoor",
        "daarvoor",
        "intensief",
        "nauw",
        "nauwe",
        "eventueel",
        "voornamelijk",
        "onder",
        "andere",
        "o.a.",
        "namelijk",
        "respectievelijk",
        "respectievelijke",
        "respectieve",
        "eigen",
        "deel",
        "zowel",
    ]
)
NUMBERS: Final = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
}  # fmt: skip

# Finite verbs that end a name ("de dienst verkeer staat …"): general organisational prose.
VERBS: Final = frozenset(
    [
        *[
            "deelnemen",
            "deelneemt",
            "zetelen",
            "vergadert",
            "vergaderen",
            "samenkomt",
            "samenkomen",
        ],
        *["opgericht", "ingericht", "samengesteld", "bijeengeroepen", "aangeduid", "aangesteld"],
        "is",
        "zijn",
        "was",
        "waren",
        "staat",
        "staan",
        "stond",
        "bestaat",
        "bestaan",
        "bevat",
        "bevatten",
        "omvat",
        "omvatten",
        "heeft",
        "hebben",
        "had",
        "wordt",
        "worden",
        "werd",
        "werden",
        "kan",
        "kunnen",
        "zal",
        "zullen",
        "moet",
        "moeten",
        "mag",
        "mogen",
        "zorgt",
        "zorgen",
        "neemt",
        "nemen",
        "nam",
        "rapporteert",
        "rapporteren",
        "vertegenwoordigt",
        "vertegenwoordigen",
        "leidt",
        "leiden",
        "voorzit",
        "voorzitten",
        "aanstuurt",
        "aansturen",
        "focust",
        "focussen",
        "vormt",
        "vormen",
        "vangt",
        "vangen",
        "verzorgt",
        "verzorgen",
        "ondersteunt",
        "ondersteunen",
        "behandelt",
        "behandelen",
        "coördineert",
        "coördineren",
        "beheert",
        "beheren",
        "houdt",
        "houden",
        "telt",
        "tellen",
        "valt",
        "vallen",
        "behoort",
        "behoren",
        "resorteert",
        "resorteren",
        "ressorteert",
        "ressorteren",
        "maakt",
        "maken",
        "werkt",
        "werken",
        "voert",
        "voeren",
        "levert",
        "leveren",
        "doet",
        "doen",
        "biedt",
        "bieden",
        "gaat",
        "gaan",
        "komt",
        "komen",
        "krijgt",
        "krijgen",
        "plant",
        "plannen",
        "verleent",
        "verlenen",
        "stuurt",
        "sturen",
        "volgt",
        "volgen",
        "ziet",
        "zien",
        "draagt",
        "dragen",
        "zit",
        "zitten",
        "zetelt",
        "zetelen",
        "participeert",
        "participeren",
        "fungeert",
        "fungeren",
        "treedt",
        "treden",
        "onderhoudt",
        "onderhouden",
        "organiseert",
        "organiseren",
        "verzamelt",
        "verzamelen",
        "analyseert",
        "analyseren",
        "adviseert",
        "adviseren",
        "bewaakt",
        "bewaken",
        "handelt",
        "handelen",
        "ontvangt",
        "ontvangen",
        "beschikt",
        "beschikken",
        "bestaat",
        "telt",
        "zetelt",
        "waakt",
        "waken",
        "opereert",
        "opereren",
        "functioneert",
        "functioneren",
        "clustert",
        "clusteren",
        "richt",
        "richten",
        "legt",
        "leggen",
        "brengt",
        "brengen",
        "licht",
        "lichten",
        "geeft",
        "geven",
        "hoort",
        "horen",
        "wil",
        "willen",
        "tracht",
        "trachten",
        "probeert",
        "proberen",
        "heet",
        "heten",
        "verricht",
        "verrichten",
        "controleert",
        "controleren",
        "patrouilleert",
        "patrouilleren",
    ]
)

# --- patterns --------------------------------------------------------------------------
# Each pattern is a regular expression over the lower-cased sentence; the mentions before
# the match are its subject side, those after it its object side (or the reverse when
# `passive`). Named by the relation they state.

P_LEADS: Final = (
    r"\bstaa?n?t? (?:\w+ )?onder (?:de )?(?:\w+ )?(?:leiding|aansturing|supervisie) van\b",
    r"\bonder (?:de )?(?:\w+ )?leiding van\b",
    r"\bwordt (?:\w+ )?geleid door\b|\bworden (?:\w+ )?geleid door\b",
    r"\bwordt aangestuurd door\b|\bworden aangestuurd door\b",
)  # passive: subject is led by object
# "De (dagelijkse) leiding van X is in handen van Y", "… berust bij Y", "… ligt bij Y".
P_LEADS_HELD: Final = (
    r"\b(?:leiding|aansturing)\s+(?:van|over)\s+(?P<what>.+?)\s+(?:is|ligt|berust|rust)\s+"
    r"(?:\w+\s+)?(?:in (?:de )?handen van|bij)\s"
)
# "de respectieve diensthoofden", "een eigen diensthoofd": one head per unit just named.
DISTRIBUTIVE: Final = frozenset({"respectieve", "respectievelijke", "respectievelijk", "eigen"})
P_LEADS_ACTIVE: Final = (
    r"\b(?:de|het) (?:\w+ )?(?:leiding|bevel|aansturing) over\b",
    r"\bsta(?:at|an) (?:\w+ )?in voor de (?:algemene |dagelijkse |operationele )?leiding\b",
    r"\bstaa?n?t? (?:\w+ )*?aan (?:de leiding|het hoofd) van\b",
    r"\bheeft (?:\w+ )?(?:de )?(?:\w+ )?leiding over\b|\bhebben (?:\w+ )?de leiding over\b",
    r"\bheeft hij de leiding over\b|\bheeft zij de leiding over\b",
    # inverted: "Binnen de dienst X heeft één teamchef de dagelijkse leiding over Y"
    r"\b(?:heeft|hebben) (?:[\w\-]+ ){1,6}?(?:de|het) (?:\w+ )?(?:leiding|bevel) over\b",
    r"\b(?:leidt|leiden)\b",
    r"\bis (?:het )?hoofd van\b|\bzijn (?:de )?hoofden van\b",
    r"\bstuurt\b(?=.*\baan\b)|\bsturen\b(?=.*\baan\b)",
    r"\bgeeft leiding aan\b|\bgeven leiding aan\b",
)
P_PART_OF_CONTAINER: Final = (
    r"\bbestaa?n?t? (?:\w+ )*?uit\b",
    r"\bbestaande uit\b|\bsamengesteld uit\b|\bopgedeeld in\b|\bingedeeld in\b",
    r"\bomva(?:t|tten)\b",
    r"\bbeva(?:t|tten)\b",
    r"\b(?:is|zijn) (?:\w+ )?(?:ingedeeld|onderverdeeld|opgedeeld|georganiseerd) in\b",
    r"\bgroepeert\b|\bgroeperen\b",
    r"\btelt\b(?=\s+(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+(?:\w+\s)?"
    r"(?:diensten|afdelingen|teams|cellen|ploegen|divisies|sectoren|pijlers|clusters|units))",
    r"\bcluster(?:t|en)\b.*?\bbinnen\b",
    r"\bheeft (?:\w+ )?(?:\d+|twee|drie|vier|vijf|zes) "
    r"(?:diensten|afdelingen|teams|cellen|ploegen|divisies|sectoren|pijlers)\b",
)
P_PART_OF_MEMBER: Final = (
    r"\bres?sorte(?:ert|ren) (?:\w+ )?onder\b",  # both spellings are in use
    r"\bdeel (?:gaan )?uit(?:te)?maken van\b",
    r"\bmaakt (?:\w+ )?deel uit van\b|\bmaken (?:\w+ )?deel uit van\b",
    r"\bbehoo?r(?:t|en) tot\b",
    r"\bva(?:lt|llen) onder\b",
    r"\bis (?:\w+ )?(?:een )?onderdeel van\b|\bzijn (?:\w+ )?onderdelen van\b",
    r"\bis (?:\w+ )?(?:gestationeerd|ondergebracht|ingebed|gehuisvest) (?:in|bij|binnen)\b",
    r"\bmaakt (?:\w+ )?deel uit van\b",
)
P_UNDER_HEADER: Final = r"^onder (?:deze|die|de|dit|het) ((?:[\w\-]+ ){1,6}?)res?sorte(?:ert|ren)\b"
# Fronted: "Aan het hoofd van de dienst X staat hoofdinspecteur Y".
P_LEADS_FRONT: Final = (
    r"^(?:aan het hoofd|aan de leiding|aan de top) van\s+(?P<what>.+?)\s+sta(?:at|an)\s"
)
P_REPORTS: Final = (
    r"\brapporte(?:ert|ren) (?:\w+ )?(?:rechtstreeks |direct )?aan\b",
    r"\blegt (?:\w+ )?verantwoording af aan\b|\bleggen verantwoording af aan\b",
    r"\bbreng(?:t|en) (?:\w+ )*?verslag uit (?:\w+ )*?aan\b",
    r"\bverslag uitbrengen aan\b",
    r"\bvalt (?:\w+ )?(?:hiërarchisch|rechtstreeks)? ?onder\b",
)
P_AUTHORITY: Final = (r"\bonder (?:het )?(?:gezag|bevel) van\b",)
P_SUPERVISES: Final = (
    r"\bonder (?:\w+ )?toezicht (?:en (?:\w+ )?verantwoordelijkheid )?van\b",
)  # passive
P_SUPERVISES_ACTIVE: Final = (r"\bhoudt toezicht op\b|\bhouden toezicht op\b",)
P_REPRESENTS: Final = (r"\bvertegenwoordig(?:t|en)\b",)
P_PARTICIPATES: Final = (
    r"\bne(?:emt|men) (?:\w+ )*?deel aan\b",
    r"\bparticipe(?:ert|ren) (?:\w+ )?(?:in|aan)\b",
    r"\b(?:is|zijn) (?:\w+ )?vertegenwoordigd (?:in|op|bij)\b",
    r"\bwoont (?:\w+ )?bij\b",
)
P_PARTICIPANTS: Final = (r"\bwaar(?:aan|in) (.+?) (?:deelnemen|deelneemt|zetelen|zetelt)\b",)
P_MEMBER: Final = (
    r"\bis (?:\w+ )?lid van\b|\bzijn (?:\w+ )?leden van\b",
    r"\bzetel(?:t|en) (?:[\w\-]+ ){0,4}?in\b",  # "Vanuit X zetelt een adviseur in Y"
)
P_CHAIRS: Final = (
    r"\bis (?:de )?voorzitter van\b|\bzit (?:\w+ )?voor\b",
    # "De korpschef zit het directiecomité voor": the particle ends the clause
    r"\bzit (?:de |het )?(?:[\w\-]+ ){1,3}?voor(?=\s*(?:[.,;]|$))",
    r"\bvoorzitter(?:schap)? van\b",
)
P_CHAIRED_BY: Final = (
    r"\bwordt voorgezeten door\b|\bvoorgezeten door\b",
    r"\bonder (?:het )?voorzitterschap van\b",
)
P_RESPONSIBLE: Final = (
    r"\b(?:is|zijn) (?:\w+ )?verantwoordelijk(?:e)? (?:\w+ )?voor\b",
    r"\b(?:is|zijn) (?:\w+ )?(?:de )?verantwoordelijke (?:\w+ )*?voor\b",
    r"\bsta(?:at|an) (?:\w+ )*?in voor\b",
    r"\bzie(?:t|n) (?:\w+ )*?toe op\b",
    r"\bstaat hij (?:\w+ )*?in voor\b|\bstaat zij (?:\w+ )*?in voor\b",
    r"\b(?:is|zijn) (?:\w+ )?bevoegd voor\b",
    r"\bdra(?:agt|gen) (?:\w+ )?(?:de )?verantwoordelijkheid (?:\w+ )?voor\b",
    r"\b(?:is|zijn) belast met\b",
    r"\bbehoort (?:\w+ )?tot (?:hun|zijn|haar) (?:takenpakket|bevoegdheid|opdracht)\b",
    r"\btot (?:hun|zijn|haar|het|de) (?:takenpakket|bevoegdheden|opdrachten|taken) "
    r"(?:van \w+ )?behoo?r(?:t|en)\b",
    r"\bheeft (?:\w+ )?(?:de )?(?:eind)?verantwoordelijkheid (?:\w+ )?(?:voor|over)\b",
)
# Nouns of action around a domain that still make the phrase about the domain.
GENERIC_ACTIONS: Final = frozenset(
    [
        "opvolging",
        "opvolgen",
        "uitvoering",
        "coördinatie",
        "aanpak",
        "aanpakken",
        "organisatie",
        "bestrijding",
        "preventie",
        "opmaak",
        "implementatie",
        "actiedomein",
        "actiedomeinen",
        "domein",
        "domeinen",
        "fenomeen",
        "fenomenen",
        "thema",
        "thema's",
        "materie",
        "problematiek",
        "beleid",
        "aspecten",
        "vlak",
        "gebied",
        "gebieden",
        "dossier",
        "dossiers",
    ]
)
P_COLLABORATES: Final = (
    r"\bwer(?:kt|ken) (?:\w+ )*?samen met\b",
    r"\bwordt (?:\w+ )*?samengewerkt met\b",
    r"\bin (?:nauwe )?samenwerking met\b",
)
P_TAKES_ROLE: Final = (
    r"\bin (?:zijn|haar|hun) (?:rol|functie|hoedanigheid) (?:als|van)\b",
    r"\bne(?:emt|men) (?:\w+ )?(?:de|ook de)? ?(?:rol|functie|taak) (?:van|als)\b",
    r"\bfunge(?:ert|ren) (?:\w+ )?als\b",
    r"\btreedt (?:\w+ )?op als\b",
)
P_ORGANISES: Final = (r"\borganise(?:ert|ren)\b", r"\b(?:in voor|zorgt voor) de organisatie van\b")
P_PERFORMS: Final = (
    r"\bvoert (?:\w+ )*?uit\b|\bvoeren (?:\w+ )*?uit\b",
    r"\bverzorg(?:t|en)\b",
    r"\bzorg(?:t|en) voor\b",
    r"\bbehandel(?:t|en)\b",
    r"\bdoen\b|\bdoet\b",
)
P_HOLDS: Final = (r"\bis (?:de )?(?:huidige )?\b",)
REPORT_LINE_ADMIN: Final = frozenset({"burgemeester", "gouverneur", "schepen"})
REPORT_LINE_JUDICIAL: Final = frozenset({"procureur", "parket", "onderzoeksrechter"})

# Titles and name particles for people.
PERSON_TITLES: Final = frozenset(
    [
        "dhr",
        "dhr.",
        "mevr",
        "mevr.",
        "mevrouw",
        "heer",
        "mr",
        "mr.",
        "dr",
        "dr.",
        "ir",
        "ir.",
        "prof",
        "prof.",
    ]
)
NAME_PARTICLES: Final = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "te",
        "ten",
        "ter",
        "vanden",
        "vander",
        "le",
        "la",
        "du",
        "d'",
        "'t",
    ]
)
