"""Words, not codes: the one dictionary of what the pages say, Dutch by default, English with
``?lang=en``. A page is in one language throughout: every label, button, legend entry and
detail row comes from here, so an untranslated code on a page is a missing entry, not a
choice. Relation types read as verbs ("maakt deel uit van"), REPORTS_TO with its line
("rapporteert aan (hiërarchisch)")."""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

RELATIONS: dict[str, tuple[str, str]] = {
    "PART_OF": ("maakt deel uit van", "is part of"),
    "LEADS": ("leidt", "leads"),
    "HOLDS": ("bekleedt", "holds"),
    "REPORTS_TO": ("rapporteert aan", "reports to"),
    "SUPERVISES": ("houdt toezicht op", "supervises"),
    "TAKES_ROLE": ("neemt de rol op van", "takes the role of"),
    "RESPONSIBLE_FOR": ("is verantwoordelijk voor", "is responsible for"),
    "PERFORMS": ("voert uit", "performs"),
    "REPRESENTS_AT": ("vertegenwoordigt in", "represents at"),
    "PARTICIPATES_IN": ("neemt deel aan", "participates in"),
    "MEMBER_OF": ("is lid van", "is a member of"),
    "CHAIRS": ("zit voor", "chairs"),
    "ORGANISES": ("organiseert", "organises"),
    "LIAISES_WITH": ("onderhoudt contact met", "liaises with"),
    "COLLABORATES_WITH": ("werkt samen met", "collaborates with"),
    "GOVERNED_BY": ("valt onder", "is governed by"),
    "PURSUES": ("streeft na", "pursues"),
    "MEASURED_BY": ("wordt gemeten door", "is measured by"),
    "ADDRESSES": ("behandelt", "addresses"),
    "COVERS": ("dekt", "covers"),
    "REPLACES": ("vervangt", "replaces"),
    "APPROVES": ("keurt goed", "approves"),
    "ESTABLISHES": ("richt op", "establishes"),
    "APPOINTS": ("benoemt", "appoints"),
    "INSTANCE_OF": ("is een vorm van", "is an instance of"),
    "USES": ("gebruikt", "uses"),
    "MANAGES": ("beheert", "manages"),
}
LINES: dict[str, tuple[str, str]] = {
    "hierarchical": ("hiërarchisch", "hierarchical"),
    "administrative": ("administratief", "administrative"),
    "judicial": ("gerechtelijk", "judicial"),
    "coordination": ("coördinatie", "coordination"),
}
KINDS: dict[str, tuple[str, str]] = {
    "Organisation": ("Organisatie", "Organisation"),
    "Unit": ("Eenheid", "Unit"),
    "Post": ("Functie", "Post"),
    "Role": ("Rol", "Role"),
    "Person": ("Persoon", "Person"),
    "PartnerBody": ("Partnerorgaan", "Partner body"),
    "Forum": ("Overleg", "Forum"),
    "Board": ("Bestuursorgaan", "Board"),
    "Domain": ("Domein", "Domain"),
    "Plan": ("Plan", "Plan"),
    "Task": ("Taak", "Task"),
    "LegalText": ("Wettekst", "Legal text"),
    "Objective": ("Doelstelling", "Objective"),
    "Measurement": ("Meting", "Measurement"),
    "Functionality": ("Basisfunctionaliteit", "Basic functionality"),
    "System": ("Systeem", "System"),
    "Entity": ("Entiteit", "Entity"),
}
STATUSES: dict[str, tuple[str, str]] = {
    "current": ("huidig", "current"),
    "planned": ("gepland", "planned"),
    "historical": ("historisch", "historical"),
}
# The keys of the details panel, in words.
PROPS: dict[str, tuple[str, str]] = {
    "id": ("kenmerk", "identifier"),
    "kind": ("soort", "kind"),
    "type": ("type", "type"),
    "abbreviation": ("afkorting", "abbreviation"),
    "aliases": ("andere namen", "other names"),
    "description": ("omschrijving", "description"),
    "status": ("status", "status"),
    "valid_from": ("geldig vanaf", "valid from"),
    "valid_to": ("geldig tot", "valid until"),
    "line": ("lijn", "line"),
    "on_behalf_of": ("namens", "on behalf of"),
    "in_role": ("in de rol", "in the role"),
    "inferred": ("afgeleid", "inferred"),
    "reason": ("reden", "reason"),
    "source": ("bron", "source"),
    "source_title": ("titel van de bron", "source title"),
    "quote": ("citaat", "quote"),
    "dataset": ("dataset", "dataset"),
    "rank": ("graad", "rank"),
    "from": ("van", "from"),
    "to": ("naar", "to"),
    "name": ("naam", "name"),
    "frequency": ("frequentie", "frequency"),
    "term_years": ("mandaat (jaren)", "term (years)"),
    "renewable": ("hernieuwbaar", "renewable"),
    "requested_by": ("op vraag van", "requested by"),
    "holder": ("bekleed door", "held by"),
    "staffing": ("bezetting", "staffing"),
    "url": ("adres", "address"),
    "email": ("e-mail", "e-mail"),
    "phone": ("telefoon", "phone"),
    "level": ("niveau", "level"),
    "weight": ("gewicht", "weight"),
}
# What the landing page says about the key.
KEY_MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("geef eerst een sleutel in", "enter a key first"),
    "bad_chars": (
        "ongeldige sleutel: ze bevat tekens die niet in een cookie passen; niet bewaard",
        "invalid key: it holds characters a cookie cannot; not saved",
    ),
    "checking": ("sleutel controleren…", "checking the key…"),
    "saved": ("bewaard", "saved"),
    "unknown": (
        "ongeldige sleutel: de server kent ze niet; niet bewaard",
        "invalid key: the server does not know it; not saved",
    ),
    "old_kept": (" (de vorige sleutel blijft ingesteld)", " (the previous key stays set)"),
    "unchecked": ("de sleutel kon niet gecontroleerd worden", "the key could not be checked"),
    "unreachable": ("de API is niet bereikbaar", "the API cannot be reached"),
    "not_saved": ("; niet bewaard", "; not saved"),
    "cleared": ("gewist", "cleared"),
    "not_cleared": ("de sleutel kon niet gewist worden", "the key could not be cleared"),
    "is_set": ("een sleutel is ingesteld", "a key is set"),
    "not_set": ("nog geen sleutel ingesteld", "no key set yet"),
}

# Organisation types, as the landing page groups them (plural headings).
ORG_TYPES: dict[str, tuple[str, str]] = {
    "police_zone": ("Politiezones", "Police zones"),
    "federal_police": ("Federale politie", "Federal police"),
    "city": ("Steden", "Cities"),
    "municipality": ("Gemeenten", "Municipalities"),
    "prosecutor": ("Parketten", "Prosecutors' offices"),
    "province": ("Provincies", "Provinces"),
    "public_health": ("Volksgezondheid", "Public health"),
    "safety_region": ("Veiligheidsregio's", "Safety regions"),
    "private_security": ("Private veiligheid", "Private security"),
    "": ("Andere organisaties", "Other organisations"),
}

# Everything else a page says.
UI: dict[str, tuple[str, str]] = {
    "hierarchy": ("Organigram", "Organisation chart"),
    "neighbourhood": ("Omgeving", "Neighbourhood"),
    "partners": ("Partnernetwerk", "Partner network"),
    "chain": ("Commandolijn", "Chain of command"),
    "path": ("Verband", "Connection"),
    "fit": ("Passend", "Fit"),
    "zoom_in": ("Inzoomen", "Zoom in"),
    "zoom_out": ("Uitzoomen", "Zoom out"),
    "reset": ("Herstel", "Reset"),
    "search_view": ("Zoek in deze weergave", "Search this view"),
    "search_placeholder": ("naam of afkorting", "name or abbreviation"),
    "find": ("Zoek", "Find"),
    "no_match": ("niets gevonden in deze weergave", "nothing found in this view"),
    "matches": ("gevonden", "found"),
    "show": ("Tonen", "Show"),
    "as_of": ("Op datum", "As of"),
    "depth": ("Diepte", "Depth"),
    "level_n": ("tot niveau", "down to level"),
    "all": ("alles", "everything"),
    "kinds": ("Soorten", "Kinds"),
    "relations": ("Andere relaties", "Other relations"),
    "legend": ("Legende", "Legend"),
    "details": ("Details", "Details"),
    "export": ("Exporteren", "Export"),
    "print": ("Afdrukken", "Print"),
    "sources": ("Bronnen", "Sources"),
    "vacant": ("vacant", "vacant"),
    "below": ("eronder", "below"),
    "staff": ("medewerkers", "staff"),
    "nodes": ("knopen", "nodes"),
    "edges": ("relaties", "relations"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "open": ("open", "open"),
    "summarised": ("samengevat", "summarised"),
    "chain_legend": ("commandolijn", "chain of command"),
    "tree_line": ("lijn: maakt deel uit van / leidt", "line: is part of / leads"),
    "details_hint": (
        "Klik op een kaart of relatie voor haar gegevens, geldigheid en bron; dubbelklik om "
        "wat eronder hangt in of uit te klappen.",
        "Click a card or relation for its facts, validity and source; double-click to expand "
        "or collapse what hangs below it.",
    ),
    "hierarchy_sub": (
        "organigram van boven naar onder; gepland = stippellijn",
        "organisation chart from top to bottom; planned = dashed",
    ),
    "chain_sub": (
        "van de functie omhoog tot de top, elke stap met zijn lijn",
        "from the post up to the top, each step with its line",
    ),
    "path_sub": ("de kortste verbinding, stap voor stap", "the shortest connection, step by step"),
    "not_found": ("Niet gevonden", "Not found"),
    "ambiguous": ("Niet eenduidig", "Ambiguous"),
    "unavailable": ("Niet beschikbaar", "Unavailable"),
    "back": ("Terug naar het overzicht", "Back to the overview"),
    "did_you_mean": ("Bedoelde u", "Did you mean"),
    "which_one": ("Welke bedoelt u?", "Which one do you mean?"),
    "no_org": ("geen organisatie", "no organisation"),
    "view_entity": ("omgeving", "neighbourhood"),
    "view_hierarchy": ("organigram", "organisation chart"),
    "view_partners": ("partnernetwerk", "partner network"),
    "view_chain": ("commandolijn", "chain of command"),
    "step": ("stap", "step"),
    "start": ("start", "start"),
    "top": ("top", "top"),
    "no_path": ("geen verbinding gevonden", "no connection found"),
    "source": ("bron", "source"),
    "valid": ("geldig", "valid"),
    "language": ("English", "Nederlands"),
    "landing_title": ("orggraph – organisaties van de politie", "orggraph – police organisations"),
    "landing_sub": (
        "Organigrammen, omgevingen, partnernetwerken en commandolijnen; elk feit met bron.",
        "Organisation charts, neighbourhoods, partner networks and chains of command; every "
        "fact with its source.",
    ),
    "api_key": ("API-sleutel", "API key"),
    "save": ("Bewaren", "Save"),
    "clear": ("Wissen", "Clear"),
    "search": ("Zoeken", "Search"),
    "search_hint": (
        "naam, afkorting of alias (bv. O-LTF, korpschef)",
        "name, abbreviation or alias (e.g. O-LTF, korpschef)",
    ),
    "organisations": ("Organisaties", "Organisations"),
    "filter": ("Filter", "Filter"),
    "filter_hint": ("filter op naam, afkorting of type", "filter by name, abbreviation or type"),
    "loading": ("laden…", "loading…"),
    "nothing": ("niets gevonden", "nothing found"),
    "no_organisations": ("geen organisaties", "no organisations"),
    "units": ("eenheden", "units"),
    "need_key": ("stel eerst hierboven uw API-sleutel in", "set your API key above first"),
    "bad_key": ("geen geldige API-sleutel: stel ze hierboven in", "no valid API key: set it above"),
    "api_said": ("de API antwoordde", "the API answered"),
    "path_from": ("Van", "From"),
    "path_to": ("Naar", "To"),
    "path_show": ("Toon verband", "Show connection"),
}


def pick(table: dict[str, tuple[str, str]], key: str, lang: Lang) -> str | None:
    pair = table.get(key)
    if pair is None:
        return None
    return pair[0] if lang == "nl" else pair[1]


def ui(key: str, lang: Lang) -> str:
    """A page's own text; a missing key is a bug (KeyError), never a code on the page."""
    pair = UI[key]
    return pair[0] if lang == "nl" else pair[1]


def relation(type_: str, lang: Lang, line: str | None = None) -> str:
    """A relation in words: 'rapporteert aan (hiërarchisch)'. An unknown type reads as
    lower-case words rather than a code."""
    text = pick(RELATIONS, type_, lang) or type_.replace("_", " ").lower()
    if line:
        text += f" ({pick(LINES, line, lang) or line.replace('_', ' ')})"
    return text


def kind(kind_: str, lang: Lang) -> str:
    return pick(KINDS, kind_, lang) or kind_


def status(status_: str, lang: Lang) -> str:
    return pick(STATUSES, status_, lang) or status_


def prop(key: str, lang: Lang) -> str:
    """A property key in words ('source_title' → 'titel van de bron')."""
    return pick(PROPS, key, lang) or key.replace("_", " ")


def value(v: object, lang: Lang) -> object:
    """Booleans in words; everything else as it is."""
    if v is True:
        return ui("yes", lang)
    if v is False:
        return ui("no", lang)
    return v


def table(lang: Lang) -> dict[str, Any]:
    """The dictionary one page needs in its script (relations, lines, kinds, statuses, keys,
    UI), in its one language."""
    i = 0 if lang == "nl" else 1
    return {
        "relations": {k: v[i] for k, v in RELATIONS.items()},
        "lines": {k: v[i] for k, v in LINES.items()},
        "kinds": {k: v[i] for k, v in KINDS.items()},
        "statuses": {k: v[i] for k, v in STATUSES.items()},
        "props": {k: v[i] for k, v in PROPS.items()},
        "ui": {k: v[i] for k, v in UI.items()},
        "orgTypes": {k: v[i] for k, v in ORG_TYPES.items()},
        "key": {k: v[i] for k, v in KEY_MESSAGES.items()},
        "lang": lang,
    }
