"""One entity per thing named: mentions merged by their normalised names.

Rules (general, never one text's names): articles and case do not count ("de dienst Verkeer"
= "Dienst verkeer"); a name and its bracketed abbreviation are one ("dienst steun en informatie
(DSI)" = "DSI"); heads of the same level are one unit ("dienst X" = "afdeling X"), and so is a
compound ("verkeersdienst" = "dienst verkeer"); a person's name in either order is one person
("VAN DURME Johan" = "Johan Van Durme"); a plural post is its singular ("de diensthoofden").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from loaders.draft import lexicon as lx
from loaders.draft.extract import Mention

_ARTICLE_PREFIX: Final = re.compile(
    r"^(?:(?:de|het|een|deze|dit|die|onze|ons|zijn|haar|hun|'t|elke|iedere|alle)\s+)+", re.I
)


def norm(name: str) -> str:
    s = " ".join(name.replace("’", "'").split()).lower()
    s = _ARTICLE_PREFIX.sub("", s)
    s = re.sub(r"'s$", "", s)
    return s.strip(" .,;:")


def fold(s: str) -> str:
    """Accents off, for keys only ("coördinator" = "coordinator")."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")
    return re.sub(r"-{2,}", "-", s)[:60].strip("-") or "x"


def _singular(word: str) -> str:
    if word in lx.POST_HEADS:
        return lx.POST_HEADS[word]
    if word in lx.UNIT_HEADS:
        return lx.UNIT_HEADS[word]
    return word


def unit_key(name: str) -> str:
    """ "verkeersdienst", "dienst verkeer" and "afdeling verkeer" share a key."""
    words = norm(name).split()
    if not words:
        return ""
    words = [re.sub(r"(dienst|afdeling|directie)en$", r"\1", w) for w in words]
    first = _singular(words[0])
    if first in lx.DEPARTMENT_LEVEL and len(words) > 1:
        return fold("dienst " + " ".join(words[1:]))
    if len(words) == 1:
        for h in sorted(lx.DEPARTMENT_LEVEL, key=len, reverse=True):
            w = words[0]
            if w.endswith(h) and len(w) > len(h) + 2:
                stem = w[: -len(h)].rstrip("-")
                if stem.endswith("s") and len(stem) > 4:
                    stem = stem[:-1]
                return fold("dienst " + stem)
    return fold(" ".join([first, *words[1:]]))


def key_of(m: Mention) -> tuple[str, str]:
    if m.vocab is not None:
        return ("vocab", m.vocab.id)
    if m.kind == "Person":
        return ("person", m.person_key or fold(norm(m.name)))
    if m.self_org:
        return ("self", "organisation")
    if m.kind == "Unit":
        return ("Unit", unit_key(m.name))
    words = norm(m.name).split()
    if m.kind == "Post" and words:
        words = [_singular(w) for w in words]
    return (m.kind, fold(" ".join(words)))


@dataclass
class Group:
    key: tuple[str, str]
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    abbreviation: str | None = None

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def merge(mentions: list[Mention]) -> tuple[list[Group], dict[int, Group]]:
    """Groups in order of first mention, and id(mention) -> its group."""
    groups: dict[tuple[str, str], Group] = {}
    by_abbr: dict[str, Group] = {}
    of: dict[int, Group] = {}
    order: list[Group] = []
    for m in mentions:
        if m.bare or (m.plural and m.kind == "Unit") or (not m.name and not m.self_org):
            continue
        if m.kind in ("Organisation",) and not m.self_org and not m.name:
            continue
        k = key_of(m)
        g = groups.get(k)
        if g is None and m.abbreviation and m.abbreviation in by_abbr:
            g = by_abbr[m.abbreviation]
        if g is None:
            # a bare abbreviation mention whose full form is already a group
            g = next(
                (x for x in order if x.abbreviation and norm(m.name) == norm(x.abbreviation)), None
            )
        if g is None:
            g = Group(k, m.kind)
            groups[k] = g
            order.append(g)
        else:
            groups.setdefault(k, g)
        g.mentions.append(m)
        if m.abbreviation and g.abbreviation is None:
            g.abbreviation = m.abbreviation
            by_abbr.setdefault(m.abbreviation, g)
        of[id(m)] = g
    return order, of


def display_name(g: Group) -> str:
    """The most informative surface form: capitalised if any mention is, longest words."""
    if g.kind == "Person":
        return g.first.name
    forms = [" ".join(m.name.split()) for m in g.mentions if m.name]
    forms = [_ARTICLE_PREFIX.sub("", f) for f in forms]
    forms = [f for f in forms if g.abbreviation is None or f != g.abbreviation] or forms
    best = max(
        forms, key=lambda f: (len(f.split()), sum(c.isupper() for c in f[:1]), -forms.index(f))
    )
    if g.kind == "Post" and best.split()[0].lower() in lx.POST_HEADS:
        w = best.split()
        w[0] = lx.POST_HEADS[w[0].lower()]
        best = " ".join(w)
    return best[:1].upper() + best[1:]


def aliases(g: Group, name: str) -> list[str]:
    seen = {name.lower()}
    out: list[str] = []
    for m in g.mentions:
        f = _ARTICLE_PREFIX.sub("", " ".join(m.name.split()))
        if f and f.lower() not in seen and len(f) <= 200:
            seen.add(f.lower())
            out.append(f)
    if g.abbreviation and g.abbreviation.lower() not in seen:
        out.append(g.abbreviation)
    return out
