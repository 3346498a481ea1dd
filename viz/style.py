"""The visual language: one colour and one shape per node kind, line styles per status."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindStyle:
    color: str
    shape: str
    label: str  # Dutch name shown in the legend
    font_color: str = "#1b1b1b"


KIND_STYLES: dict[str, KindStyle] = {
    "Organisation": KindStyle("#1f3a93", "box", "Organisatie", "#ffffff"),
    "Unit": KindStyle("#3b82c4", "ellipse", "Eenheid", "#ffffff"),
    "Post": KindStyle("#e8912d", "dot", "Functie"),
    "Role": KindStyle("#c9a400", "triangle", "Rol"),
    "Person": KindStyle("#c0392b", "star", "Persoon"),
    "PartnerBody": KindStyle("#2e8b57", "hexagon", "Partnerorgaan"),
    "Forum": KindStyle("#8e44ad", "diamond", "Overleg"),
    # A collegial body of the organisation itself: drawn like a forum (a diamond), darker.
    "Board": KindStyle("#5b2c6f", "diamond", "Bestuursorgaan"),
    "Domain": KindStyle("#8b5a2b", "square", "Domein"),
    "Plan": KindStyle("#138d90", "triangleDown", "Plan"),
    "Task": KindStyle("#d35490", "dot", "Taak"),
    "LegalText": KindStyle("#5d6d7e", "database", "Wettekst", "#ffffff"),
    "Objective": KindStyle("#6a8f00", "star", "Doelstelling"),
    "Measurement": KindStyle("#7f8c8d", "square", "Meting"),
    "Functionality": KindStyle("#b03a2e", "hexagon", "Basisfunctionaliteit"),
    # Databases, registers, software: the database drum, in a colour no other kind uses.
    "System": KindStyle("#a04000", "database", "Systeem", "#ffffff"),
}
DEFAULT_STYLE = KindStyle("#95a5a6", "dot", "Entiteit")

# Shapes that draw their label inside the shape (the others draw it underneath).
LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})

STATUS_LABELS = {"current": "huidig", "planned": "gepland", "historical": "historisch"}
PLANNED_DASHES = [6, 4]
HISTORICAL_DASHES = [2, 4]
EDGE_COLOR = "#6b7785"
HISTORICAL_COLOR = "#a0a7ae"
HIGHLIGHT_COLOR = "#d7263d"
FADED_COLOR = "#d5d9de"


def kind_style(kind: str) -> KindStyle:
    return KIND_STYLES.get(kind, DEFAULT_STYLE)


def lighten(hex_color: str, amount: float = 0.78) -> str:
    """Mix a #rrggbb colour with white (planned structures are drawn pale and dashed)."""
    raw = hex_color.lstrip("#")
    r, g, b = (int(raw[i : i + 2], 16) for i in (0, 2, 4))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)
