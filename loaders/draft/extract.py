"""The rules: mentions (names around head nouns, lexicon bodies, vocabulary, people) and the
verb patterns of organisational prose between them, each fact with the sentence it came from.

A sentence's subject is its first mention before the verb pattern; a sentence that opens
with a verb or a pronoun ("staat in voor …", "Hij vertegenwoordigt …", "Deze dienst …") takes
the current topic: the entity a list was introduced with ("De korpschef:"), the heading above,
or the previous sentence's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from loaders.draft import lexicon as lx
from loaders.draft.sentences import Sentence
from loaders.draft.vocab import VocabEntry, Vocabulary

_TOKEN: Final = re.compile(r"[^\W_][\w'’\-]*|&|[^\w\s]", re.UNICODE)
_ABBR: Final = re.compile(r"^[A-Z][A-Za-z0-9&'’\-]{0,11}$")
_NAMEWORD: Final = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'’\-]+$")
_UPPERWORD: Final = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{1,}$")
_ADJ_END: Final = ("e", "eel", "aal", "ief", "isch", "iek", "lijk", "ele", "ale", "air", "ieel")
MAX_TAIL: Final = 5
_SELF_DETERMINERS: Final = frozenset(["onze", "ons", "de", "het", "deze", "dit", "haar", "zijn"])
MAX_TASK_WORDS: Final = 14
# Words an abbreviation does not spell ("Bescherming op het Werk" is BW).
_UNSPELLED: Final = frozenset(
    ["en", "&", "van", "de", "der", "den", "voor", "het", "op", "in", "te", "ter", "bij", "aan"]
)
# Nouns in -e before a post or unit that are no adjectives ("de functie preventieadviseur").
_NOT_ADJECTIVES: Final = frozenset(
    ["functie", "rol", "taak", "opdracht", "positie", "rang", "graad", "vacature", "uitbouw"]
)
_PLACE_WORDS: Final = frozenset(["binnen", "in", "te", "van", "bij", "voor"])


@dataclass(frozen=True, slots=True)
class Tok:
    start: int  # absolute offset in the text
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str
    name: str  # display name (head + name, without article or rank)
    head: str | None = None  # unit type / post head noun (singular)
    abbreviation: str | None = None
    rank: str | None = None
    vocab: VocabEntry | None = None
    self_org: bool = False
    plural: bool = False
    bare: bool = False  # a head noun without a name ("de dienst"): an anaphor
    person_key: str | None = None
    parts: list[Mention] = field(default_factory=list)  # "de wijkteams Noord en Zuid"


@dataclass(slots=True)
class Fact:
    type: str
    src: Mention
    dst: Mention
    quote: tuple[int, int]
    confidence: float
    reason: str | None = None
    inferred: bool = False
    props: dict[str, str] = field(default_factory=dict)
    on_behalf_of: Mention | None = None


@dataclass(slots=True)
class Figure:
    owner: Mention
    count: int
    rank: str | None
    note: str | None
    quote: tuple[int, int]


@dataclass(slots=True)
class Extraction:
    text: str
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    first_quote: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(mention) -> span


def tokens(text: str, base: int) -> list[Tok]:
    return [Tok(base + m.start(), base + m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _is_function_word(low: str) -> bool:
    return (
        low in lx.ARTICLES
        or low in lx.PREPOSITIONS
        or low in lx.CONJUNCTIONS
        or low in lx.PRONOUNS
        or low in lx.ADVERBS
        or low in lx.VERBS
    )


def _looks_verb(toks: list[Tok], k: int) -> bool:
    """A lower-case word in -t followed by an article, pronoun or preposition ("vangt de")."""
    low = toks[k].low
    if low in lx.VERBS:
        return True
    if not low.endswith("t") or len(low) < 4 or not toks[k].text.islower():
        return False
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    return nxt in lx.ARTICLES or nxt in lx.PRONOUNS or nxt in lx.PREPOSITIONS or nxt == "zich"


def _unit_head(low: str) -> tuple[str, bool] | None:
    """(type, plural) when the word is or ends in a unit head noun."""
    if low in lx.UNIT_HEADS:
        return lx.UNIT_HEADS[low], low != lx.UNIT_HEADS[low]
    for h in lx.COMPOUND_UNIT_HEADS:
        if low.endswith(h) and len(low) >= len(h) + 3 and low not in lx.POST_HEADS:
            base = lx.UNIT_HEADS.get(h, h if h != "centrale" else "centrale")
            return (base if base != "diensten" else "dienst"), h.endswith(("en", "s"))
    return None


def _post_head(low: str) -> tuple[str, bool] | None:
    if low in lx.POST_HEADS:
        return lx.POST_HEADS[low], low != lx.POST_HEADS[low]
    if low in lx.RANKS or low in lx.RANK_PLURALS:
        return None
    for h in lx.COMPOUND_POST_HEADS:
        forms = [(h, False), (h + "s", True), (h + "en", True)]
        if h.endswith("e"):
            forms.append((h + "n", True))  # "celverantwoordelijken"
        for form, plural in forms:
            if low.endswith(form) and len(low) >= len(form) + 3:
                return low[: len(low) - (len(form) - len(h))], plural
    return None


def _forum_head(low: str) -> bool:
    if any(low == f or (low.endswith(f) and len(low) > len(f) + 2) for f in lx.FORUM_HEADS):
        return True
    return (
        (low.endswith("raad") or low.endswith("raden"))
        and len(low) > 6
        and not any(low.startswith(x) for x in lx.FORUM_RAAD_EXCEPT)
        and low not in ("adviesraad",)
    )


def _phrase_at(toks: list[Tok], i: int, phrases: dict[tuple[str, ...], str]) -> int:
    """Length in tokens of the longest phrase starting at token i, 0 if none."""
    best = 0
    for n in range(min(8, len(toks) - i), 0, -1):
        key = tuple(t.low for t in toks[i : i + n])
        if key in phrases:
            return n
    return best


def _phrase_table(names: tuple[str, ...] | list[str]) -> dict[tuple[str, ...], str]:
    return {tuple(m.group().lower() for m in _TOKEN.finditer(n)): n for n in names}


_BOARDS: Final = _phrase_table(lx.BOARD_NAMES)
_PARTNERS: Final = _phrase_table(lx.PARTNER_NAMES)
_ROLES: Final = _phrase_table(lx.ROLE_NAMES)


class Extractor:
    def __init__(self, text: str, sentences: list[Sentence], vocab: Vocabulary) -> None:
        self.text = text
        self.sentences = sentences
        self.vocab = vocab
        self.vocab_names = vocab.by_name()
        self.vocab_phrases = _phrase_table(list(self.vocab_names))
        self.result = Extraction(text)
        self.abbreviations: dict[str, str] = {}  # ABBR -> name it abbreviates (pass 1)

    # --- pass 1: "name (ABBR)" ---------------------------------------------------------

    def collect_abbreviations(self) -> None:
        for m in re.finditer(
            r"([^\W\d_][\w&\-'’ ]{2,140}?)\s*\(([A-Z][A-Za-z0-9&\-]{1,11})\)", self.text
        ):
            abbr = m.group(2)
            words = [w for w in re.findall(r"[^\W_][\w\-]*|&", m.group(1))]
            letters = [c for c in abbr.upper() if c.isalpha()]
            # The name may end in a place before the bracket: "Dienst voor Preventie en
            # Bescherming op het Werk binnen de stad X (DPBW)", "… in de regio Y (CAW)".
            cands = [words] + [
                words[:i]
                for i in range(len(words) - 1, max(0, len(words) - 6), -1)
                if words[i].lower() in _PLACE_WORDS
            ]
            found = next((t for c in cands if (t := self._spelled(c, letters))), None)
            if found:
                self.abbreviations.setdefault(abbr, found)

    @staticmethod
    def _spelled(words: list[str], letters: list[str]) -> str | None:
        """The shortest tail of words whose initials spell the abbreviation."""
        for n in range(1, min(len(words), 12) + 1):
            tail = words[-n:]
            initials = "".join(w[0].upper() for w in tail if w.lower() not in _UNSPELLED)
            if initials == "".join(letters) or (
                len(tail) >= 2 and "".join(letters).startswith(initials) and len(initials) >= 2
            ):
                return " ".join(tail)
        return None

    # --- mentions ------------------------------------------------------------------------

    def mentions(self, s: Sentence) -> list[Mention]:
        toks = tokens(s.text, s.start)
        found: list[Mention] = []
        i = 0
        while i < len(toks):
            m, nxt = self._mention_at(toks, i, s)
            if m is not None:
                found.append(m)
                i = nxt
            else:
                i += 1
        return found

    def _mention_at(self, toks: list[Tok], i: int, s: Sentence) -> tuple[Mention | None, int]:
        t = toks[i]
        low = t.low
        # People: "VAN DURME Johan", "Johan Van Durme" after a title, rank or post.
        person = self._person_at(toks, i)
        if person is not None:
            return person
        # Lexicon bodies and roles (multi-word), then the vocabulary.
        for table, kind in ((_BOARDS, "Board"), (_PARTNERS, "PartnerBody"), (_ROLES, "Role")):
            n = _phrase_at(toks, i, table)
            if n:
                return self._named(toks, i, i + n, kind, None, s)
        if t.text in lx.PARTNER_ABBREVIATIONS or (
            t.text.rstrip("'’s") in lx.PARTNER_ABBREVIATIONS and t.text.endswith(("’s", "'s"))
        ):
            name = t.text.rstrip("'’s") if t.text.endswith(("’s", "'s")) else t.text
            full = self.abbreviations.get(name)
            return Mention(t.start, t.end, "PartnerBody", full or name, abbreviation=name), i + 1
        n = _phrase_at(toks, i, self.vocab_phrases)
        if n and "(" in (x.text for x in toks[i : i + n]):
            # "plan R (radicalisering)": the plan, and the bracket is a mention of its own
            n = next(
                (
                    k
                    for k in range(n - 1, 0, -1)
                    if tuple(x.low for x in toks[i : i + k]) in self.vocab_phrases
                ),
                0,
            )
        if n:
            vname = self.vocab_phrases.get(tuple(x.low for x in toks[i : i + n]))
            entry = self.vocab_names.get(vname) if vname is not None else None
            # A vocabulary word inside a unit's name ("dienst verkeer") is the unit's name.
            if entry is not None and not (i > 0 and _unit_head(toks[i - 1].low)):
                end_tok = toks[i + n - 1]
                return Mention(t.start, end_tok.end, entry.kind, entry.name, vocab=entry), i + n
        if t.text in self.abbreviations and _ABBR.match(t.text):
            return self._abbr_mention(toks, i)
        uh = _unit_head(low)
        if uh is not None:
            return self._headed(toks, i, "Unit", uh[0], uh[1], s)
        if _forum_head(low):
            return self._headed(toks, i, "Forum", None, low.endswith(("en", "s")), s)
        ph = _post_head(low)
        if ph is not None:
            return self._headed(toks, i, "Post", ph[0], ph[1], s)
        if low in lx.ORG_WORDS or (
            low == "lokale" and i + 1 < len(toks) and toks[i + 1].low == "politie"
        ):
            return self._org(toks, i)
        return None, i + 1

    def _abbr_mention(self, toks: list[Tok], i: int) -> tuple[Mention | None, int]:
        t = toks[i]
        full = self.abbreviations[t.text]
        words = full.lower().split()
        kind = "Unit"
        head = None
        for w in words:
            if _unit_head(w):
                head = _unit_head(w)[0]  # type: ignore[index]
                break
            if _post_head(w):
                kind, head = "Post", _post_head(w)[0]  # type: ignore[index]
                break
        if head is None:
            if _phrase_at([Tok(0, 0, w) for w in words], 0, _PARTNERS) or any(
                w.endswith(("cel", "taskforce", "centrale", "netwerk")) for w in words
            ):
                kind = "PartnerBody"
            elif any(_forum_head(w) for w in words):
                kind = "Forum"
            elif words and words[0] in ("bestuurlijk", "information"):
                kind = "Role"
            else:
                return None, i + 1  # an abbreviation of something the rules do not model
        return Mention(t.start, t.end, kind, full, head=head, abbreviation=t.text), i + 1

    def _left(self, toks: list[Tok], i: int) -> tuple[int, str | None]:
        """First token of the name before the head (adjectives), and a rank word before it."""
        j = i
        rank = None
        head_titled = toks[i].text[:1].isupper() and i > 0
        while j - 1 >= 0 and i - j < 3:
            w = toks[j - 1]
            low = w.low
            if head_titled and not w.text[0].isupper() and low not in lx.RANKS:
                break  # "de algehele Sector OOV": the name is the capitalised part
            if i - j == 2 and not w.text[0].isupper():
                break
            if low in lx.RANKS and j - 1 >= 0:
                rank = lx.RANKS[low]
                break
            if _is_function_word(low) or not w.text[0].isalpha() or low in _NOT_ADJECTIVES:
                break
            if not (low.endswith(_ADJ_END) or (w.text[0].isupper() and head_titled)):
                break  # "Opdrachtbrief korpschef" is a title, not a post's name
            if _unit_head(low) or _post_head(low):
                break
            j -= 1
        if rank is None and j - 1 >= 0 and toks[j - 1].low in lx.RANKS:
            rank = lx.RANKS[toks[j - 1].low]
        return j, rank

    def _tail(self, toks: list[Tok], k: int, head_tok: Tok) -> int:
        """End (exclusive token index) of the name after the head noun."""
        start = k
        lower_ok = head_tok.text.islower() or head_tok.text[:1].isupper()
        titled = False  # names are Title Case or lower case: "Coördinator Handhaving bezig"
        slashes = 0  # "A/B/C" counts as one word of the name
        while k < len(toks) and k - start - slashes < MAX_TAIL:
            t = toks[k]
            low = t.low
            if t.text in ("&", "+"):
                if k + 1 < len(toks) and toks[k + 1].text[:1].isupper():
                    k += 1
                    continue
                break
            if low == "en" and k > start:
                # "steun en informatie (DSI)": joined when an abbreviation spells the words,
                # or between capitalised words ("Veiligheid en Leefbaarheid").
                if self._abbr_spans(toks, head_tok, k) or (
                    toks[k - 1].text[:1].isupper()
                    and k + 1 < len(toks)
                    and _NAMEWORD.match(toks[k + 1].text)
                    and not _unit_head(toks[k + 1].low)
                    and toks[k + 1].low not in lx.ARTICLES
                ):
                    k += 1
                    continue
                break
            if (
                t.text == "/"
                and k > start
                and k + 1 < len(toks)
                and toks[k + 1].text[0].isalpha()
                and not _is_function_word(toks[k + 1].low)
            ):
                k += 2  # "team personen/ zeden", "pijler Interventie/Onthaal": one name
                slashes += 2
                continue
            if not t.text[0].isalnum():
                break
            if _is_function_word(low) or low in lx.RANKS or _looks_verb(toks, k):
                break
            if _unit_head(low) and k > start and not (titled and t.text[0].isupper()):
                break  # "Dienst Lokale Recherche" is one name; "team X dienst" is not
            org_word = low in lx.ORG_WORDS or (
                low == "lokale" and k + 1 < len(toks) and toks[k + 1].low == "politie"
            )
            if _post_head(low) or (
                org_word and ((k == start and not t.text[0].isupper()) or _post_head(head_tok.low))
            ):  # "Korpschef Politiezone X": the post, then the organisation
                break
            if t.text.isdigit() and len(t.text) != 4:
                break
            if t.text[0].isupper():
                k += 1
                titled = True
                continue
            if lower_ok and t.text.islower() and not titled:
                k += 1
                continue
            break
        return k

    def _expansion(self, toks: list[Tok], j: int, k: int) -> tuple[int, str | None]:
        """A name that runs on over function words to the full form of an abbreviation the
        text gives further on ("Gemeenschappelijke Interne Dienst voor Preventie en
        Bescherming op het Werk binnen de stad X (GIDPBW)"): the whole full form."""
        start = toks[j].start
        for abbr, full in self.abbreviations.items():
            end = start + len(full)
            if end <= toks[k - 1].end or self.text[start:end].lower() != full.lower():
                continue
            for n in range(k, min(len(toks), k + 14)):
                if toks[n].end == end:
                    return n + 1, abbr
        return k, None

    def _abbr_spans(self, toks: list[Tok], head_tok: Tok, k: int) -> bool:
        """ "steun en informatie (DSI)": the words after 'en' run on to the abbreviation (not
        "interventie en de dienst slachtofferzorg (DSZ)", where a new name begins)."""
        if k + 1 < len(toks) and _is_function_word(toks[k + 1].low):
            return False
        for n in range(k + 2, min(k + 6, len(toks))):
            if toks[n].text == "(" and n + 2 < len(toks) and toks[n + 2].text == ")":
                abbr = toks[n + 1].text
                return abbr in self.abbreviations and bool(_ABBR.match(abbr))
            if not toks[n].text[0].isalpha():
                return False
        return False

    def _bracket(self, toks: list[Tok], k: int) -> tuple[str | None, int]:
        if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")":
            a = toks[k + 1].text
            if _ABBR.match(a) and any(c.isupper() for c in a[1:] + a[0]):
                return a, k + 3
        return None, k

    def _headed(
        self, toks: list[Tok], i: int, kind: str, head: str | None, plural: bool, s: Sentence
    ) -> tuple[Mention, int]:
        j, rank = self._left(toks, i)
        k = self._tail(toks, i + 1, toks[i])
        # A post followed by a person's name is two mentions ("korpschef Jan Peeters").
        if kind == "Post" and k > i + 1 and self._person_at(toks, i + 1) is not None:
            k = i + 1
        abbr, after = self._bracket(toks, k)
        if abbr is None:
            k, abbr = self._expansion(toks, j, k)
            after = k
        name = re.sub(r"\s*/\s*", "/", self.text[toks[j].start : toks[k - 1].end])
        # A unit head without a name ("de dienst", "deze afdeling") points back; a post
        # head alone ("de korpschef") is the post, except the generic ones ("het hoofd").
        bare = (
            j == i
            and k == i + 1
            and (
                (kind == "Unit" and toks[i].low in lx.UNIT_HEADS)
                or (
                    kind == "Post"
                    and toks[i].low in ("hoofd", "verantwoordelijke", "chef", "leider")
                )
            )
        )
        m = Mention(
            toks[j].start, toks[k - 1].end, kind, name, head=head, abbreviation=abbr,
            rank=rank, plural=plural, bare=bare,
        )  # fmt: skip
        if kind == "Unit" and head in lx.SELF_NAMING_UNITS:
            m.bare = False
        if (
            abbr
            and after + 1 < len(toks)
            and toks[after].text == "&"
            and toks[after + 1].text[:1].isupper()
        ):
            # "Divisie Veel Voorkomende Criminaliteit (VVC) & Ondermijning": the name goes on
            # after the bracket; it is "Divisie VVC & Ondermijning"
            k2 = self._tail(toks, after + 1, toks[after + 1])
            full = self.abbreviations.get(abbr)
            short = name.replace(full, abbr) if full and full in name else name
            m.name = f"{short} & {self.text[toks[after + 1].start : toks[k2 - 1].end]}"
            m.end, m.abbreviation = toks[k2 - 1].end, None
            return m, k2
        return m, (after if abbr else k)

    def _named(
        self, toks: list[Tok], i: int, e: int, kind: str, head: str | None, s: Sentence
    ) -> tuple[Mention, int]:
        j, _ = self._left(toks, i)
        k = self._tail(toks, e, toks[e - 1]) if kind != "Board" else e
        abbr, after = self._bracket(toks, k)
        if abbr is None:
            k, abbr = self._expansion(toks, j, k)
            after = k
        name = self.text[toks[j].start : toks[k - 1].end]
        return Mention(toks[j].start, toks[k - 1].end, kind, name, head=head, abbreviation=abbr), (
            after if abbr else k
        )

    def _org(self, toks: list[Tok], i: int) -> tuple[Mention | None, int]:
        t = toks[i]
        low = t.low
        n = 2 if low == "lokale" else 1
        prev = toks[i - 1].low if i > 0 else ""
        k = i + n
        # "politiezone Beekdal", "stad Lokeren": a named organisation.
        names: list[Tok] = []
        while (
            k < len(toks)
            and (_NAMEWORD.match(toks[k].text) or _UPPERWORD.match(toks[k].text))
            and len(names) < 3
        ):
            if _unit_head(toks[k].low) or _post_head(toks[k].low) or toks[k].low in lx.VERBS:
                break
            names.append(toks[k])
            k += 1
        org_type = lx.ORG_WORDS.get(low if low != "lokale" else "politie")
        if names:
            word = self.text[t.start : toks[i + n - 1].end]
            label = " ".join(x.text for x in names)
            return Mention(
                t.start, names[-1].end, "Organisation", f"{word[:1].upper()}{word[1:]} {label}"
            ), k
        if low in ("politie",) and prev not in ("de", "onze", "lokale"):
            return None, i + 1
        if low in ("gemeente", "stad", "provincie") and prev in ("de", "het"):
            # "de gemeente" as a partner: an organisation the reviewer names
            return Mention(t.start, t.end, "Organisation", t.text[:1].upper() + t.text[1:]), i + 1
        if low == "politie" and prev == "de":
            # "samen met de politie": a partner, unless "onze" or "lokale" politie
            return Mention(t.start, t.end, "Organisation", "Politie"), i + 1
        if prev in ("lokaal", "lokale", "zonaal", "zonale", "eigen", "volledige", "hele") and i > 1:
            prev = toks[i - 2].low  # "het lokaal politiekorps", "de eigen zone"
        if (low in lx.SELF_ORG or low == "lokale") and prev in _SELF_DETERMINERS:
            m = Mention(t.start, toks[i + n - 1].end, "Organisation", "", self_org=True)
            m.head = org_type
            return m, i + n
        if low == "politie" and prev in ("de", "onze"):
            m = Mention(t.start, t.end, "Organisation", "", self_org=True)
            m.head = "police_zone"
            return m, i + 1
        return None, i + 1

    def _person_at(self, toks: list[Tok], i: int) -> tuple[Mention, int] | None:
        t = toks[i]
        # Upper-case surname first: "VAN DURME Johan".
        if (
            _UPPERWORD.match(t.text)
            and t.text not in self.abbreviations
            and t.text not in lx.PARTNER_ABBREVIATIONS
        ):
            k = i
            while k < len(toks) and _UPPERWORD.match(toks[k].text) and k - i < 3:
                k += 1
            if (
                k < len(toks)
                and _NAMEWORD.match(toks[k].text)
                and not _is_function_word(toks[k].low)
                and not self._lexical(toks[k].low)
            ):
                surname = [x.text for x in toks[i:k]]
                if len(surname[-1]) >= 3 and surname[-1].lower() not in lx.RANKS:
                    given = toks[k].text
                    display = f"{given} {' '.join(w.capitalize() for w in surname)}"
                    return self._person(toks[i].start, toks[k].end, display), k + 1
        # "Johan Van Durme" after a title, a rank or a post noun.
        prev = toks[i - 1].low if i > 0 else ""
        if i > 0 and (
            prev in lx.PERSON_TITLES
            or prev in lx.RANKS
            or _post_head(prev)
            or prev in lx.POST_HEADS
        ):
            k = i
            words: list[Tok] = []
            while k < len(toks) and len(words) < 5:
                w = toks[k]
                if (
                    _NAMEWORD.match(w.text)
                    and not self._lexical(w.low)
                    and not _is_function_word(w.low)
                ) or (
                    w.low in lx.NAME_PARTICLES
                    and words
                    and k + 1 < len(toks)
                    and toks[k + 1].text[:1].isupper()
                ):
                    words.append(w)
                else:
                    break
                k += 1
            while words and words[-1].low in lx.NAME_PARTICLES:
                words.pop()
            if len(words) >= 2 and t.text[:1].isupper():
                display = self.text[words[0].start : words[-1].end]
                return self._person(words[0].start, words[-1].end, display), i + len(words)
        return None

    def _lexical(self, low: str) -> bool:
        return bool(
            _unit_head(low) or _post_head(low) or low in lx.ORG_WORDS or low in lx.RANKS
            or _forum_head(low) or low in lx.POST_HEADS
        )  # fmt: skip

    def _person(self, start: int, end: int, display: str) -> Mention:
        key = " ".join(sorted(w.lower() for w in display.replace("-", " ").split()))
        return Mention(start, end, "Person", " ".join(display.split()), person_key=key)
