"""Police ranks a `rank` (a Post's prop, a staffing figure's field) may name, by code.

One table, documented in docs/dataset-format.md ("Ranks"). An unknown rank is a warning,
not an error: a text may use a rank this list does not know yet, and the fact is still
worth loading; the warning says which code was probably meant.

What the project's own texts attest, and what is orggraph's convention:
* AGP, INP, HINP, CP, HCP (high to low: HCP hoofdcommissaris ... AGP agent) are the usual
  abbreviations of the integrated police, as data/sources/PRIMER.md lists them.
* The cadre names (agentenkader ... officierskader), the CALog levels A-D with their grade
  names (adviseur, consulent, assistent, medewerker) and the Dutch ranks are written from
  general knowledge of the statutes (RPPol; the Dutch rank order): no text in data/ names
  them, so they are unchecked against a source here.
* The codes CALOG-A..CALOG-D and every NL- code are orggraph's own: the CALog levels are
  written "niveau A" and the Dutch police has no short rank codes.
"""

from __future__ import annotations

from typing import Final

from loaders.facts import suggest

# code -> (country, cadre, Dutch name)
RANKS: Final[dict[str, tuple[str, str, str]]] = {
    # Belgium, operational staff (operationeel kader), lowest first
    "AGP": ("BE", "agentenkader", "agent van politie"),
    "INP": ("BE", "basiskader", "inspecteur van politie"),
    "HINP": ("BE", "middenkader", "hoofdinspecteur van politie"),
    "CP": ("BE", "officierskader", "commissaris van politie"),
    "HCP": ("BE", "officierskader", "hoofdcommissaris van politie"),
    # Belgium, administrative and logistic staff (CALog), by level
    "CALOG-D": ("BE", "CALog niveau D", "medewerker"),
    "CALOG-C": ("BE", "CALog niveau C", "assistent"),
    "CALOG-B": ("BE", "CALog niveau B", "consulent"),
    "CALOG-A": ("BE", "CALog niveau A", "adviseur"),
    # The Netherlands (Nationale Politie), lowest first
    "NL-ASP": ("NL", "uitvoerend", "aspirant"),
    "NL-SURV": ("NL", "uitvoerend", "surveillant"),
    "NL-AGT": ("NL", "uitvoerend", "agent"),
    "NL-HAGT": ("NL", "uitvoerend", "hoofdagent"),
    "NL-BRIG": ("NL", "uitvoerend", "brigadier"),
    "NL-INSP": ("NL", "leidinggevend", "inspecteur"),
    "NL-HINSP": ("NL", "leidinggevend", "hoofdinspecteur"),
    "NL-CIE": ("NL", "hoger leidinggevend", "commissaris"),
    "NL-HCIE": ("NL", "hoger leidinggevend", "hoofdcommissaris"),
    "NL-EHCIE": ("NL", "hoger leidinggevend", "eerste hoofdcommissaris"),
}

# Other words a text may use for a CALog level (older or federal civil-service grade names):
# hints for the warning only, never accepted as a rank.
_HINTS: Final[dict[str, tuple[str, ...]]] = {
    "CALOG-A": ("attaché", "attache"),
    "CALOG-D": ("bediende",),
}

# Lower-cased names and codes -> codes, so "hoofdinspecteur" or "hinp" suggest the code(s).
_BY_NAME: Final[dict[str, list[str]]] = {}
for _code, (_country, _, _name) in RANKS.items():
    _aliases = {_name, _name.removesuffix(" van politie"), _code.lower(), *_HINTS.get(_code, ())}
    if _code.startswith("CALOG-"):
        _level = _code[-1].lower()
        _aliases |= {f"niveau {_level}", f"calog niveau {_level}", f"calog {_level}"}
    for _alias in _aliases:
        _BY_NAME.setdefault(_alias, []).append(_code)


def _named(codes: list[str]) -> str:
    return " or ".join(f"'{c}' ({RANKS[c][2]})" for c in dict.fromkeys(codes))


def rank_problem(value: str) -> str | None:
    """None for a known rank code, else the warning: what is unknown and what was meant."""
    if value in RANKS:
        return None
    known = "see the Ranks section of docs/dataset-format.md"
    codes = _BY_NAME.get(value.strip().lower())
    if codes:
        return f"rank {value!r} is not a rank code; write {_named(codes)}; {known}"
    hits = suggest(value.upper(), RANKS) or [
        c for n in suggest(value.strip().lower(), _BY_NAME) for c in _BY_NAME[n]
    ]
    hint = f"; did you mean {_named(hits)}?" if hits else ""
    return f"unknown rank {value!r}{hint} ({known})"
