"""Verb patterns between mentions: which relation a sentence states, in which direction, and
how sure the rule is (explicit subject and object: high; a subject taken from the topic or a
heading: lower; a guess from a vague verb: low, written commented out)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Final

from loaders.dataset import ALLOWED_ENDPOINTS, EntityKind, RelType
from loaders.draft import lexicon as lx
from loaders.draft.extract import Extraction, Extractor, Fact, Figure, Mention, _unit_head, tokens
from loaders.draft.sentences import Sentence
from loaders.draft.vocab import Vocabulary

HIGH: Final = 0.9
TOPIC: Final = 0.75
LISTED: Final = 0.65
GUESS: Final = 0.4
THRESHOLD: Final = 0.5  # below: written commented out
MAX_TASK_WORDS: Final = 14
# Words allowed between two coordinated objects ("X, Y en Z", "X met een bijbehorend Y",
# "de burgemeester of van het politiecollege").
_GLUE: Final = frozenset(
    [
        "en",
        "of",
        "de",
        "het",
        "een",
        "ook",
        "met",
        "bijbehorend",
        "bijbehorende",
        "zijn",
        "haar",
        "zoals",
        "onder",
        "andere",
        "waaronder",
        "van",
        "alle",
    ]
)
_DEMONSTRATIVE: Final = re.compile(r"\b(?:deze|die|beide)\s+$")
_CONTAINER_KINDS: Final = ("Unit", "Organisation", "Board", "PartnerBody", "Forum")
_COUNT: Final = r"(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)"
_PLURAL_HEADS: Final = (
    r"(?:diensten|afdelingen|teams|cellen|ploegen|divisies|sectoren|pijlers|clusters|units"
    r"|werkgroepen)"
)
_COUNTED_LIST: Final = re.compile(
    r"\s*(?:\w+ )?" + _COUNT + r" (?:\w+ )?" + _PLURAL_HEADS + r"\s*[;:]\s*"
)
_PLURAL_AFTER: Final = re.compile(
    r"\s*(?:\w+ )?" + _COUNT + r" (?:\w+ )?" + _PLURAL_HEADS + r"\s*[.]?$"
)
_SUBJECT_KINDS: Final = ("Post", "Unit", "Board", "PartnerBody", "Role")
OWN_ORG_REASON: Final = "the text places it in an organisation ('binnen de zone', 'onze dienst')"
VAGUE_VERB: Final = "a vague verb (verzorgt, zorgt voor, voert uit): check it is the unit's task"
_ROLE_WORDS: Final = re.compile(
    r"\s*((?:[\w\-]+ ){0,3}?[\w\-]+)(?:\s*\(([A-Z][\w\-]{0,11})\))?"
    r"(?=\s+(?:op|en|is|,)\b|[\s.,;]*$|\s*\()"
)
_PLURAL_LIST: Final = re.compile(
    r"\s*(?:\w+ ){0,3}?(?:de |het )?(?:(?:\d+|twee|drie|vier|vijf|zes|zeven|acht) )?"
    r"(diensten|afdelingen|teams|cellen|ploegen|divisies|sectoren|pijlers|clusters)\s+(?!:)"
)


def _C(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


R_LEADS_PASSIVE: Final = _C(lx.P_LEADS)
R_LEADS: Final = _C(lx.P_LEADS_ACTIVE)
R_RELATIVE: Final = re.compile(
    r",\s+(?:die|dat)\s+(?P<obj>(?:de|het)\s.{2,80}?)\s+"
    r"(?P<verb>leidt|leiden|aanstuurt|aansturen|voorzit|voorzitten)\b"
)
R_MEMBERS_ARE: Final = re.compile(r"\b(?:de )?leden van (?P<body>.{2,80}?) zijn\b")
R_LEADS_HELD: Final = (re.compile(lx.P_LEADS_HELD), re.compile(lx.P_LEADS_FRONT))
R_CONTAINS: Final = _C(lx.P_PART_OF_CONTAINER)
R_PART: Final = _C(lx.P_PART_OF_MEMBER)
R_UNDER: Final = re.compile(lx.P_UNDER_HEADER)
R_REPORTS: Final = _C(lx.P_REPORTS)
R_AUTHORITY: Final = _C(lx.P_AUTHORITY)
R_SUPERVISED: Final = _C(lx.P_SUPERVISES)
R_SUPERVISES: Final = _C(lx.P_SUPERVISES_ACTIVE)
R_REPRESENTS: Final = _C(lx.P_REPRESENTS)
R_PARTICIPATES: Final = _C(lx.P_PARTICIPATES)
R_PARTICIPANTS: Final = _C(lx.P_PARTICIPANTS)
R_MEMBER: Final = _C(lx.P_MEMBER)
R_CHAIRS: Final = _C(lx.P_CHAIRS)
R_CHAIRED: Final = _C(lx.P_CHAIRED_BY)
R_RESPONSIBLE: Final = _C(lx.P_RESPONSIBLE)
R_COLLABORATES: Final = _C(lx.P_COLLABORATES)
R_ROLE: Final = [
    *_C(lx.P_TAKES_ROLE),
    # "De wijkcoördinator is tevens aanspreekpunt voor drugs": the post takes the role
    re.compile(
        r"\b(?:is|zijn) (?:ook |tevens |eveneens |daarnaast )?(?:de |het |een )?(?=(?:"
        + "|".join(re.escape(n) for n in lx.ROLE_NAMES)
        + r")\b)"
    ),
]
R_PERFORMS: Final = _C(lx.P_PERFORMS)
R_ORGANISES: Final = _C(lx.P_ORGANISES)
_CLAUSE_BREAK: Final = re.compile(
    r"[;:]|\.\s|,\s*(?:die|dat|waar\w*|wat|om|zodat|omdat|en (?:is|zijn|heeft|staat|neemt|werkt))\b"
    r"|\s(?:en|maar) (?=(?:" + "|".join(sorted(lx.VERBS - {"die", "dat"})) + r")\b)"
    r"|,\s+(?=(?:" + "|".join(sorted(lx.VERBS - {"die", "dat"})) + r")\b)"
)
_PRONOUN_START: Final = re.compile(
    r"^(?:(?:daarnaast|ook|verder|tevens|bovendien|eveneens|hierbij|concreet|tot slot),?\s+)?"
    r"(?:hij|zij|ze|deze|dit|die|het|de)\b"
)
_STAFF: Final = re.compile(
    r"\b(\d{1,6}|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf) (\w+)"
)


def _adjective(w: str) -> bool:
    return len(w) >= 5 and w.endswith(("e", "ele", "ale")) and w not in lx.VERBS


def _ok(rel: str, a: Mention, b: Mention) -> bool:
    src, dst = ALLOWED_ENDPOINTS[RelType(rel)]
    return EntityKind(a.kind) in src and EntityKind(b.kind) in dst and a is not b


@dataclass
class _State:
    topic: Mention | None = None
    list_subject: Mention | None = None  # "De korpschef:" then bullets
    list_line: int = -1
    container: Mention | None = None  # "bestaat uit volgende diensten:" then headings
    container_head: str | None = None
    resp_subject: Mention | None = None  # "is verantwoordelijk voor volgende taken:" then bullets
    resp_type: str = (
        "RESPONSIBLE_FOR"  # PERFORMS when the list is of tasks (takenpakket, opdrachten)
    )
    role: Mention | None = None  # the last role taken ("in deze functie …")
    role_taker: Mention | None = None  # the post or unit that took it
    last_line: int = -1  # the line of the previous sentence
    bullet_container: Mention | None = None  # "bestaat uit:", "Onze diensten" then bullets
    plural_container: Mention | None = None  # "ingedeeld in twee divisies" (named next)
    last_list: list[Mention] = field(default_factory=list)  # units of the last list
    heading_post: tuple[int, Mention] | None = None  # a heading line naming a post
    last_heading_unit: Mention | None = None


class Rules:
    def __init__(self, ex: Extractor) -> None:
        self.ex = ex
        self.out: Extraction = ex.result
        self.st = _State()
        self.recent: dict[str, Mention] = {}  # unit head -> last unit named with it
        self.listed: list[tuple[Mention, Mention]] = []  # this sentence's (whole, part)

    def run(self) -> Extraction:
        self.ex.collect_abbreviations()
        for s in self.ex.sentences:
            self.sentence(s)
        return self.out

    # --- helpers ------------------------------------------------------------------------

    def fact(
        self, rel: str, a: Mention, b: Mention, s: Sentence, conf: float, **kw: object
    ) -> None:
        if (
            a.self_org is False
            and b.self_org is False
            and a.name
            and a.name == b.name
            and a.kind == b.kind
        ):
            return
        if a.parts or b.parts:  # "de wijkteams Noord en Zuid vallen onder X": each of them
            for x in a.parts or [a]:
                for y in b.parts or [b]:
                    self.fact(rel, x, y, s, conf, **kw)
            return
        taker = self.st.role_taker
        if a.kind == "Role" and a is self.st.role and taker is not None and not _ok(rel, a, b):
            # "In die hoedanigheid heeft hij de leiding over het team X": a role leads nothing
            # in the model; the post that takes the role does
            a = taker
        if rel == "PART_OF" and b.kind == "Post" and _ok("REPORTS_TO", a, b):
            # "de dienst X resorteert onder de korpschef": the unit answers to the post
            rel = "REPORTS_TO"
            kw = {**kw, "props": {"line": "hierarchical"}}
        if not _ok(rel, a, b):
            # MEMBER_OF and PART_OF say the same of different kinds: "bestaat uit" a post.
            alt = {"PART_OF": "MEMBER_OF", "MEMBER_OF": "PART_OF"}.get(rel)
            if alt is None or not _ok(alt, a, b):
                return
            rel = alt
        self.out.facts.append(Fact(rel, a, b, (s.start, s.end), conf, **kw))  # type: ignore[arg-type]
        if rel == "PART_OF" and a.kind == "Unit":
            self.listed.append((b, a))

    def resolve(self, m: Mention) -> Mention:
        """An anaphor ("deze afdeling", "de dienst") is the last unit named with that head,
        else the topic when the kinds agree."""
        if not m.bare or m.plural:
            return m
        if m.kind == "Unit" and m.head in self.recent:
            r = self.recent[m.head]
            t = self.st.topic
            if t is not None and t.kind == "Unit" and t.head == m.head:
                return t
            return r
        t = self.st.topic
        if t is not None and t.kind == m.kind:
            return t
        return m

    def _clause_end(self, low: str, pos: int) -> int:
        m = _CLAUSE_BREAK.search(low, pos)
        return m.start() if m else len(low)

    def _clause_start(self, low: str, pos: int) -> int:
        best = 0
        for m in re.finditer(r"[;:]|\.\s", low[:pos]):
            best = m.end()
        return best

    def _objects(self, ms: list[Mention], s: Sentence, low: str, pos: int) -> list[Mention]:
        """The mention right after `pos` and those coordinated with it ("X, Y en Z")."""
        end = s.start + self._clause_end(low, pos)
        after = [m for m in ms if m.start >= s.start + pos and m.start < end]
        if not after:
            return []
        out = [after[0]]
        for prev, m in itertools.pairwise(after):
            # an abbreviation in brackets belongs to the mention before it
            between = re.sub(r"^\s*\([^()]{1,12}\)", "", self.ex.text[prev.end : m.start].lower())
            words = re.findall(r"[^\W_][\w\-]*", between)
            if "(" in between and not prev.plural:
                break  # "de divisie X (centrum en haven)": an explanation, not the next item
            if re.fullmatch(r"[\s,;&()a-zà-ÿ0-9\-]*", between) and all(
                w in _GLUE
                or w in lx.NUMBERS
                or w.isdigit()
                or w.endswith("-")
                or (  # "X, de algehele Y en Z": an adjective after the article
                    k > 0 and words[k - 1] in ("de", "het", "een") and _adjective(w)
                )
                for k, w in enumerate(words)
            ):
                out.append(m)
            else:
                break
        return [self.resolve(m) for m in out]

    def _subject(
        self, ms: list[Mention], s: Sentence, low: str, pos: int, end: int | None = None
    ) -> tuple[Mention | None, float]:
        cs = s.start + self._clause_start(low, pos)
        # "…, vertegenwoordigt de zone op X en neemt hij deel aan Y": a pronoun right at the
        # verb, or "in deze functie/hoedanigheid", names the subject, not an earlier mention.
        local = low[max(0, pos - 40) : pos + 25]
        if (
            re.search(
                r"\bin (?:deze|die|zijn|haar) (?:functie|hoedanigheid|rol)\b", low[: pos + 30]
            )
            and self.st.role is not None
        ):
            return self.st.role, TOPIC
        if re.search(
            r"(?:^|[,;]|\ben)\s*\w+ (?:hij|zij|ze)\b", low[max(0, pos - 30) : pos + 12]
        ) or re.search(r"\b(?:\w+[td]) (?:hij|zij|ze) (?:\w+ )?$", low[max(0, pos - 30) : pos]):
            topic = (
                self.st.list_subject
                if self.st.list_subject is not None and s.bullet
                else self.st.topic
            )
            if topic is not None:
                return topic, TOPIC
        del local
        before = [m for m in ms if m.end <= s.start + pos and m.start >= cs]
        head_low = low[cs - s.start :].lstrip()
        starts_verb = bool(head_low) and (
            head_low.split()[0] in lx.VERBS or _PRONOUN_START.match(head_low) is not None
        )
        for m in before:
            pre = self.ex.text[max(cs, m.start - 12) : m.start].lower().split()
            if pre and pre[-1] in lx.PREPOSITIONS and pre[-1] not in ("als",):
                continue
            opening = self.ex.text[cs : m.start].lower().split()
            if len(opening) == 2 and opening[0] in lx.PREPOSITIONS and opening[1] in lx.ARTICLES:
                continue  # "Vanuit de afdeling X neemt …": an opening phrase, not the subject
            if m.kind in ("Domain", "Functionality", "Plan", "Task"):
                continue
            r = self.resolve(m)
            if r is not m:
                return r, TOPIC
            if m.bare:
                continue
            return m, HIGH
        inverted = self._inverted(ms, s, low, pos, end)
        if inverted is not None:
            return inverted, HIGH
        if starts_verb or not before:
            topic = (
                self.st.list_subject
                if self.st.list_subject is not None and s.bullet
                else self.st.topic
            )
            if topic is not None:
                return topic, TOPIC
        return None, 0.0

    def _inverted(
        self, ms: list[Mention], s: Sentence, low: str, pos: int, end: int | None
    ) -> Mention | None:
        """ "Vanuit de afdeling X neemt een wijkcoördinator deel aan Y", "Binnen de dienst X
        heeft één teamchef de leiding over Y": after an opening phrase the finite verb comes
        second and the subject after it, inside the verb's pattern. A post so placed "vanuit"
        or "binnen" a unit belongs to it."""
        if end is None:
            return None
        cs = self._clause_start(low, pos)
        opening = low[cs:pos].split()
        if not opening or (opening[0] not in lx.PREPOSITIONS and opening[0] not in lx.ADVERBS):
            return None
        inside = [
            m
            for m in ms
            if s.start + pos < m.start
            and m.end <= s.start + end
            and m.kind in ("Post", "Unit", "Board", "PartnerBody", "Role", "Person")
            and not m.bare
            and not m.plural
        ]
        if not inside:
            return None
        subj = inside[0]
        place = re.match(r"(?:vanuit|binnen) (?:de|het) ", low[cs:])
        if place and subj.kind == "Post":
            unit = next(
                (m for m in ms if m.kind == "Unit" and m.start - s.start <= cs + place.end()),
                None,
            )
            if unit is not None and not unit.bare:
                self.fact("PART_OF", subj, unit, s, LISTED)
        return subj

    # --- one sentence ---------------------------------------------------------------------

    def sentence(self, s: Sentence) -> None:
        ms = self.ex.mentions(s)
        for m in ms:
            m.parts = self._named_parts(m)
            self.out.mentions.extend(m.parts)
            for p in m.parts:
                self.out.first_quote.setdefault(id(p), (s.start, s.end))
        self.out.mentions.extend(ms)
        for m in ms:
            if m.kind == "Unit" and not m.bare and not m.plural and m.head:
                self.recent[m.head] = m
        for m in ms:
            self.out.first_quote.setdefault(id(m), (s.start, s.end))
        low = s.text.lower()
        if s.bullet and s.line > self.st.last_line + 2:
            # a bullet after two or more blank lines starts something new ("Contacteer ons")
            self.st.list_subject = None
            self.st.resp_subject = None
        self.st.last_line = s.line
        if (
            not s.bullet
            and self.st.list_subject is not None
            and s.line > self.st.list_line + 1
            and not s.first_in_line
        ):
            pass
        if not s.bullet and s.line != self.st.list_line:
            self.st.list_subject = None
            self.st.resp_subject = None if not s.heading else self.st.resp_subject
        if s.bullet and self.st.bullet_container is not None:
            self.listed_unit(s, ms, self.st.bullet_container)
        elif not s.bullet:
            self.st.bullet_container = self._list_title(s, ms)
        if s.heading:
            self.heading(s, ms)
            return
        if self.st.resp_subject is not None and s.bullet:
            self.responsibility_item(s, ms, self.st.resp_subject)
            return
        n_before = len(self.out.facts)
        self.listed = []
        ms = self.head_of_unit(s, ms)
        self.relative_clauses(s, ms, low)
        self.members_are(s, ms, low)
        self.holds(s, ms, low)
        self.within(s, ms)
        self.forum_with(s, ms)
        self.named_after_domain(s, ms)
        subj_seen = self.patterns(s, ms, low)
        self.role_scope(s, ms)
        self.staffing(s, ms, low, subj_seen)
        wholes = {id(w) for w, _ in self.listed}
        if len(self.listed) >= 2 and len(wholes) == 1:
            self.st.last_list = [part for _, part in self.listed]
        first = self.resolve(ms[0]) if ms else None
        intro = s.colon and first is not None and len(self.out.facts) == n_before
        if intro and first is not None and first.kind in _SUBJECT_KINDS and not first.bare:
            # "De operationeel coördinator:" — the bullets below are about it.
            self.st.list_subject = first
            self.st.list_line = s.line
            self.st.topic = first
        if (
            subj_seen is not None
            and subj_seen.kind
            in (
                "Unit",
                "Post",
                "Board",
                "PartnerBody",
                "Role",
                "Forum",
            )
            and not (s.bullet and self.st.list_subject is not None)
        ):
            self.st.topic = subj_seen

    def heading(self, s: Sentence, ms: list[Mention]) -> None:
        if not ms:
            return
        # A title block: "Korpschef Politiezone X" then "HCP Jan Peeters" on the next line.
        prev_post = self.st.heading_post
        self.st.heading_post = None
        people = [x for x in ms if x.kind == "Person"]
        if prev_post is not None and people and prev_post[0] >= s.line - 2:
            self.fact("HOLDS", people[0], prev_post[1], s, TOPIC)
            if prev_post[1].rank is None:
                prev_post[1].rank = self._rank_before(people[0])
        if ms[0].kind == "Post" and not people:
            self.st.heading_post = (s.line, ms[0])
        m = self.resolve(ms[0])
        covers = (m.end - m.start) >= 0.6 * len(s.text.strip())
        if not covers:
            return
        if m.kind in ("Unit", "Post", "Board", "PartnerBody", "Forum"):
            self.st.topic = m
            self.st.list_subject = None
            self.st.resp_subject = None
        # "bestaat uit volgende diensten:" then one heading per unit, whatever its head noun;
        # a heading that is not a unit ends the list.
        if self.st.container is not None and m is not self.st.container:
            if m.kind == "Unit":
                self.fact("PART_OF", m, self.st.container, s, LISTED)
            else:
                self.st.container = None
        # A person after a post in a title line: "Korpschef HCP Jan Peeters".
        posts = [x for x in ms if x.kind == "Post"]
        people = [x for x in ms if x.kind == "Person"]
        if posts and people:
            self.fact("HOLDS", people[0], posts[0], s, TOPIC)
            if posts[0].rank is None:
                posts[0].rank = self._rank_before(people[0])

    def holds(self, s: Sentence, ms: list[Mention], low: str) -> None:
        """ "burgemeester Ilse Verhaegen", "Karel Mertens is korpschef": a person holds a post."""
        for i, b in enumerate(ms):
            if b.kind != "Person":
                continue
            # "korpschef Jan Peeters", "de korpschef van de zone X, hoofdcommissaris Jan Peeters"
            a = next((x for x in reversed(ms[:i]) if x.kind == "Post"), None)
            if a is None:
                continue
            between = self.ex.text[a.end : b.start]
            for x in ms[ms.index(a) + 1 : i]:
                if x.kind == "Organisation":
                    between = between.replace(self.ex.text[x.start : x.end], " ")
            words = [
                w
                for w in between.replace(",", " ").split()
                if w.lower() not in ("van", "de", "het")
            ]
            if all(w.lower() in lx.RANKS for w in words) and len(words) <= 1:
                self.fact("HOLDS", b, a, s, HIGH)
                if words and a.rank is None:
                    a.rank = lx.RANKS[words[0].lower()]
        for a, b in itertools.pairwise(ms):
            between = self.ex.text[a.end : b.start]
            if (
                a.kind == "Person"
                and b.kind == "Post"
                and re.fullmatch(
                    r",?\s+(?:is|wordt|werd)\s+(?:de\s+|ook\s+|sinds\s+\d{4}\s+)?(?:\w+\s+)?",
                    between.lower(),
                )
            ):
                self.fact("HOLDS", a, b, s, HIGH)

    def within(self, s: Sentence, ms: list[Mention]) -> None:
        """ "de cel X binnen de dienst Y": X is part of Y; "de functie van preventieadviseur
        binnen de eigen zone", "de dienst X (DX) binnen de stad Y" too; "onze dienst X": a
        unit of the organisation the text is about."""
        for a, b in itertools.pairwise(ms):
            between = self.ex.text[a.end : b.start].lower()
            between = re.sub(r"^\s*\([^()]{1,12}\)", "", between)  # "(DPO)"
            m = re.fullmatch(
                r"\s+(binnen|van|bij)\s+(?:de|het|onze|ons)\s+(?:(?:eigen|volledige|hele)\s+)?",
                between,
            )
            if m is None or b.kind not in ("Unit", "Organisation") or a.bare or b.plural:
                continue
            if m.group(1) != "binnen" and not (a.kind == "Unit" and b.kind == "Unit"):
                continue
            quantifier = self.ex.text[max(0, a.start - 8) : a.start].lower().split()
            if quantifier and quantifier[-1] in ("iedere", "ieder", "elke", "elk", "alle", "geen"):
                continue  # "van iedere leidinggevende binnen het korps": every post, not one
            if a.kind == "Unit" or (
                a.kind in ("Post", "Role", "PartnerBody", "Board")
                and (b.kind == "Organisation" or a.kind == "Post")
            ):
                if a.kind == "Role":
                    # "de functie van veiligheidsconsulent binnen de zone": a post of its own
                    if "functie" not in self.ex.text[max(0, a.start - 16) : a.start].lower():
                        continue
                    a.kind, a.head = "Post", a.name.split()[0].lower()
                self.fact("PART_OF", a, self.resolve(b), s, TOPIC, reason=OWN_ORG_REASON)
        for x in ms:
            before = self.ex.text[max(0, x.start - 6) : x.start].lower()
            if (
                x.kind == "Unit"
                and not (x.bare or x.plural)
                and re.search(r"(?:^|\s)(?:onze|ons)\s+$", before)
            ):
                at = x.start - len(before) + before.rindex("on")
                own = Mention(at, at + 4, "Organisation", "", self_org=True)
                self.fact("PART_OF", x, own, s, LISTED, reason=OWN_ORG_REASON)

    def forum_with(self, s: Sentence, ms: list[Mention]) -> None:
        """ "het wekelijkse overleg met de korpschef en de diensthoofden": its participants."""
        for i, f in enumerate(ms):
            if f.kind != "Forum" or i + 1 >= len(ms):
                continue
            between = self.ex.text[f.end : ms[i + 1].start].lower()
            words = between.split()
            if (
                not words
                or words[0] != "met"
                or not all(w in _GLUE or w.endswith("-") for w in words[1:])
            ):
                continue
            low = s.text.lower()
            for o in self._objects(ms, s, low, ms[i + 1].start - s.start):
                if o.kind in ("Post", "Person", "Unit", "Role"):
                    self.fact("PARTICIPATES_IN", o, f, s, LISTED)

    def named_after_domain(self, s: Sentence, ms: list[Mention]) -> None:
        """ "Coördinator Verkeer", "verantwoordelijke drugs": the post answers for its domain."""
        for m in ms:
            if m.kind not in ("Post", "Role") or not m.name:
                continue
            words = m.name.split()[1:]
            if any(lx.UNIT_HEADS.get(w.lower()) for w in words):
                continue  # "Hoofd dienst Verkeer": named after its unit, not a domain
            if not words and " " not in m.name:
                # "voetbalcoördinator": the compound's first part
                w = m.name.lower()
                for h in lx.COMPOUND_POST_HEADS:
                    if w.endswith(h) and len(w) > len(h) + 3:
                        stem = w[: -len(h)].rstrip("-")
                        words = [stem, stem[:-1]] if stem.endswith("s") else [stem]
                        break
            for n in range(len(words), 0, -1):
                for k in range(0, len(words) - n + 1):
                    phrase = " ".join(words[k : k + n]).lower()
                    entry = self.ex.vocab_names.get(phrase)
                    if entry is not None and entry.kind == "Domain":
                        d = Mention(m.start, m.end, "Domain", entry.name, vocab=entry)
                        self.fact(
                            "RESPONSIBLE_FOR", m, d, s, 0.6, inferred=True,
                            reason="the post is named after the domain",
                        )  # fmt: skip
            for w in re.split(r"\s*&\s*|\s+en\s+", " ".join(words)):
                entry = self.ex.vocab_names.get(w.lower())
                if entry is not None and entry.kind == "Domain":
                    d = Mention(m.start, m.end, "Domain", entry.name, vocab=entry)
                    self.fact(
                        "RESPONSIBLE_FOR", m, d, s, 0.6, inferred=True,
                        reason="the post is named after the domain",
                    )  # fmt: skip

    def _rank_before(self, p: Mention) -> str | None:
        before = self.ex.text[max(0, p.start - 20) : p.start].split()
        return lx.RANKS.get(before[-1].lower()) if before else None

    def listed_unit(self, s: Sentence, ms: list[Mention], whole: Mention) -> None:
        """A bullet below "bestaat uit:" or "Onze diensten" that names a unit: a part."""
        first = ms[0] if ms else None
        if first is None or first.kind != "Unit" or first.plural or first.start - s.start > 4:
            return
        if not (first.bare and first.head in lx.SELF_NAMING_UNITS) and first.bare:
            return
        self.fact("PART_OF", self.resolve(first), whole, s, LISTED)

    def _list_title(self, s: Sentence, ms: list[Mention]) -> Mention | None:
        """ "Onze diensten", "Teams van de lokale recherche:", "De afdelingen van de
        directie X:": a heading or an introduction that a list of units follows."""
        if not (s.heading or s.colon) or not ms:
            return None
        first = ms[0]
        if first.kind != "Unit" or not first.plural or not first.bare:
            return None
        before = self.ex.text[s.start : first.start].lower().split()
        after = self.ex.text[first.end : s.end].lower()
        if before in ([], ["de"], ["alle"]) and re.match(r"\s+van\s+(?:de|het|onze|ons)\s", after):
            owner = next((m for m in ms[1:] if m.kind in ("Unit", "Organisation")), None)
            if owner is not None and not owner.plural:
                return self.resolve(owner)
        if before in (["onze"], ["ons"]) and re.fullmatch(r"[\s:]*", after):
            return Mention(first.start, first.end, "Organisation", "", self_org=True)
        return None

    def _named_parts(self, m: Mention) -> list[Mention]:
        """ "de wijkteams Noord en Zuid", "de afdelingen Wijk, Jeugd en Verkeer": a plural
        head with capitalised names is one unit per name ("Wijkteam Noord", …)."""
        if m.kind != "Unit" or not m.plural or m.bare or m.head is None:
            return []
        more = re.match(
            r"(?:\s*,\s*[A-ZÀ-Ý][\w\-]*)+\s+en\s+[A-ZÀ-Ý][\w\-]*", self.ex.text[m.end : m.end + 200]
        )
        text = self.ex.text[m.start : m.end + (more.end() if more else 0)]
        hm = re.match(r"[\w\-]+\s+", text)
        if hm is None:
            return []
        head_word = hm.group().strip()
        low = head_word.lower()
        singular = lx.UNIT_HEADS.get(low)
        if singular is None:  # a compound: "wijkteams" -> "wijkteam"
            singular = low[:-2] if low.endswith("en") else low[:-1] if low.endswith("s") else low
        names = re.split(r"\s*,\s*|\s+en\s+|\s*&\s*", text[hm.end() :])
        if len(names) < 2 or not all(n[:1].isupper() for n in names):
            return []
        parts: list[Mention] = []
        pos = m.start + hm.end()
        for n in names:
            at = self.ex.text.index(n, pos)
            pos = at + len(n)
            name = f"{singular[:1].upper()}{singular[1:]} {n}"
            parts.append(Mention(at, pos, "Unit", name, head=m.head))
        m.end = m.start + len(text)
        return parts

    def head_of_unit(self, s: Sentence, ms: list[Mention]) -> list[Mention]:
        """ "Het hoofd van de dienst Verkeer rapporteert aan …": one post, the head of that
        unit, which leads it (the unit is no subject of the sentence)."""
        out: list[Mention] = []
        skip: set[int] = set()
        for i, a in enumerate(ms):
            if i in skip:
                continue
            b = ms[i + 1] if i + 1 < len(ms) else None
            if (
                b is not None
                and a.kind == "Post"
                and a.bare
                and not re.search(
                    r"\baan het\s+$", self.ex.text[max(0, a.start - 8) : a.start].lower()
                )
                and b.kind == "Unit"
                and not (b.bare or b.plural)
                and re.fullmatch(r"\s+van\s+(?:de|het|onze|ons)\s+", self.ex.text[a.end : b.start])
            ):
                word = self.ex.text[a.start : a.end]
                head = Mention(
                    a.start, b.end, "Post", f"{word[:1].upper()}{word[1:]} {b.name}", head=a.head
                )
                self.out.mentions.append(head)
                self.out.first_quote.setdefault(id(head), (s.start, s.end))
                self.fact("LEADS", head, self.resolve(b), s, TOPIC)
                out.append(head)
                skip.add(i + 1)
                continue
            out.append(a)
        return out

    def relative_clauses(self, s: Sentence, ms: list[Mention], low: str) -> None:
        """ "…, de adjunct-korpschef, die de dienst Interne Controle leidt": in a relative
        clause the verb comes last, its object before it and its subject the antecedent."""
        for mm in R_RELATIVE.finditer(low):
            before = [m for m in ms if m.end <= s.start + mm.start()]
            if not before:
                continue
            subj = self.resolve(before[-1])
            a, b = s.start + mm.start("obj"), s.start + mm.end("obj")
            objs = [self.resolve(m) for m in ms if a <= m.start and m.end <= b]
            rel = "CHAIRS" if mm.group("verb").startswith("voorzit") else "LEADS"
            for o in objs:
                if not (o.bare or o.plural):
                    self.fact(rel, subj, o, s, TOPIC)

    def members_are(self, s: Sentence, ms: list[Mention], low: str) -> None:
        """ "De leden van het directiecomité zijn de korpschef, X en Y": members."""
        mm = R_MEMBERS_ARE.search(low)
        if mm is None:
            return
        body = next(
            (m for m in ms if s.start + mm.start("body") <= m.start < s.start + mm.end()), None
        )
        if body is None:
            return
        for o in self._objects(ms, s, low, mm.end()):
            self.fact("MEMBER_OF", o, self.resolve(body), s, HIGH)

    def role_scope(self, s: Sentence, ms: list[Mention]) -> None:
        """ "aanspreekpunt voor drugs", "referentiepersoon voor radicalisering en
        polarisatie": the role is named with its domain and answers for it."""
        for r in ms:
            if r.kind != "Role" or r.vocab is not None:
                continue
            m = re.match(r"\s+voor\s+(?:de |het )?", self.ex.text[r.end : s.end].lower())
            if m is None:
                continue
            first = next((d for d in ms if d.start == r.end + m.end()), None)
            if first is None or first.kind != "Domain":
                continue
            low = s.text.lower()
            domains = [
                d for d in self._objects(ms, s, low, first.start - s.start) if d.kind == "Domain"
            ]
            r.name = self.ex.text[r.start : domains[-1].end]
            for d in domains:
                self.fact("RESPONSIBLE_FOR", r, d, s, HIGH)

    def responsibility_item(self, s: Sentence, ms: list[Mention], subj: Mention) -> None:
        if ms and ms[0].kind == "Role" and ms[0].start == s.start:
            # "• Referentiepersoon voor de scholen" among a unit's tasks: a role it takes,
            # named by the whole item, answering for the domains the item names
            role = Mention(s.start, s.end, "Role", s.text.rstrip(" .;,"))
            self.fact("TAKES_ROLE", subj, role, s, LISTED)
            for d in ms[1:]:
                if d.kind == "Domain":
                    self.fact("RESPONSIBLE_FOR", role, d, s, LISTED)
            return
        for t in self.targets(s, ms, s.text.lower(), 0, bullet=True, tasks_only=True):
            self.fact(self.st.resp_type, subj, t, s, LISTED, reason=None)

    # --- the patterns -----------------------------------------------------------------------

    def _first(self, rs: list[re.Pattern[str]], low: str) -> re.Match[str] | None:
        found = [m for r in rs if (m := r.search(low))]
        return min(found, key=lambda m: m.start()) if found else None

    def patterns(self, s: Sentence, ms: list[Mention], low: str) -> Mention | None:
        subject: Mention | None = None
        mm: re.Match[str] | None = None

        def subj_at(pos: int, end: int | None = None) -> tuple[Mention | None, float]:
            nonlocal subject
            a, c = self._subject(ms, s, low, pos, end)
            if a is not None and subject is None:
                subject = a
            return a, c

        # "Onder deze afdeling resorteren 3 diensten; X, Y en Z"
        mu = R_UNDER.search(low)
        if mu:
            container = next((self.resolve(m) for m in ms if m.start < s.start + mu.end()), None)
            if container is not None:
                for m in self._objects(
                    ms, s, low[: mu.end()] + " " * (len(low) - mu.end()), mu.end()
                ) or [x for x in ms if x.start > s.start + mu.end() and x.kind == "Unit"]:
                    if m is not container:
                        self.fact("PART_OF", m, container, s, HIGH)
                subject = container
        for rx, _passive, rel in (
            (R_LEADS_PASSIVE, True, "LEADS"),
            (R_SUPERVISED, True, "SUPERVISES"),
            (R_CHAIRED, True, "CHAIRS"),
        ):
            for r in rx:
                for mm in r.finditer(low):
                    a, c = subj_at(mm.start())
                    objs = self._objects(ms, s, low, mm.end())
                    if not objs:
                        continue
                    leader = objs[0]
                    targets = [a] if a is not None else []
                    # "… van deze diensten …, onder toezicht van X": the units just listed
                    anaphor = next(
                        (
                            m
                            for m in ms
                            if m.kind == "Unit" and m.plural and m.bare
                            and m.end <= s.start + mm.start()
                            and _DEMONSTRATIVE.search(self.ex.text[m.start - 8 : m.start].lower())
                        ),
                        None,
                    )  # fmt: skip
                    if anaphor is not None and len(self.st.last_list) >= 2:
                        targets, c = self._listed_of(anaphor), TOPIC
                    elif a is None or a.plural or anaphor is not None:
                        continue
                    people = [o for o in objs[1:2] if o.kind == "Person" and leader.kind == "Post"]
                    for t in targets:
                        if rel == "LEADS" and self._distributive(leader):
                            self.fact(rel, self._head_of(leader, t), t, s, min(c, TOPIC))
                            continue
                        for chair in [leader, *people]:
                            self.fact(rel, chair, t, s, min(c, HIGH))
                        if rel == "SUPERVISES" and leader.kind == "Post" and t.kind == "Post":
                            self.fact(
                                "REPORTS_TO",
                                t,
                                leader,
                                s,
                                min(c, TOPIC),
                                props={"line": "hierarchical"},
                            )
        held = self.held(s, ms, low)
        for rx, rel, conf in (
            (R_LEADS, "LEADS", HIGH),
            (R_SUPERVISES, "SUPERVISES", HIGH),
            (R_REPORTS, "REPORTS_TO", HIGH),
            (R_MEMBER, "MEMBER_OF", HIGH),
            (R_CHAIRS, "CHAIRS", HIGH),
            (R_PARTICIPATES, "PARTICIPATES_IN", HIGH),
            (R_COLLABORATES, "COLLABORATES_WITH", TOPIC),
            (R_ROLE, "TAKES_ROLE", HIGH),
        ):
            mm = self._first(rx, low)
            if mm is None or (held and rel == "LEADS"):
                continue
            a, c = subj_at(mm.start(), mm.end())
            objs = self._objects(ms, s, low, mm.end())
            if rel == "CHAIRS" and not objs:
                # "De korpschef zit het directiecomité voor": the object inside the verb
                objs = [
                    self.resolve(m)
                    for m in ms
                    if s.start + mm.start() < m.start and m.end <= s.start + mm.end()
                ]
            if a is None:
                continue
            if rel == "TAKES_ROLE":
                objs = [self._as_role(o) for o in objs] or self._role_from_text(s, low, mm.end())
                if objs:
                    self.st.role, self.st.role_taker = objs[0], a
            for o in objs:
                props: dict[str, str] = {}
                if rel == "REPORTS_TO":
                    props["line"] = self._line(o)
                conf2 = min(c, conf)
                if rel == "LEADS" and mm.group().strip() in ("leidt", "leiden"):
                    conf2 = min(conf2, 0.6)
                if rel == "COLLABORATES_WITH":
                    if o.self_org:  # "samen met de politie": a partner, not the text's own
                        o = Mention(
                            o.start,
                            o.end,
                            "Organisation",
                            self.ex.text[o.start : o.end].capitalize(),
                        )
                    if o.name.lower().endswith(("ketenpartners", "partners")) and len(objs) > 1:
                        continue
                self.fact(rel, a, o, s, conf2, props=props)
        mm = self._first(R_ORGANISES, low)
        if mm is not None:
            a, c = subj_at(mm.start())
            for o in self._objects(ms, s, low, mm.end())[:1]:
                if a is not None and o.kind == "Forum":
                    self.fact("ORGANISES", a, o, s, c)
                    self.fact("PARTICIPATES_IN", a, o, s, min(c, LISTED))
        mm = self._first(R_AUTHORITY, low)
        if mm is not None:
            a, c = subj_at(mm.start())
            objs = self._objects(ms, s, low, mm.end())
            if a is not None:
                for o in objs:
                    if a.kind == "Organisation":
                        self.fact("GOVERNED_BY", a, o, s, c)
                    else:
                        self.fact(
                            "REPORTS_TO",
                            a,
                            o,
                            s,
                            min(c, TOPIC),
                            props={"line": self._line(o, "administrative")},
                        )
        mm = self._first(R_REPRESENTS, low)
        if mm is not None:
            a, c = subj_at(mm.start())
            objs = [
                m
                for m in ms
                if m.start >= s.start + mm.end()
                and m.start < s.start + self._clause_end(low, mm.end())
            ]
            objs = [self.resolve(m) for m in objs]
            bodies = [o for o in objs if o.kind in ("PartnerBody", "Forum", "Board")]
            behalf = next(
                (o for o in objs if o.kind in ("Organisation", "Unit") and objs.index(o) == 0), None
            )
            if a is not None:
                for b in bodies:
                    props = {}
                    self.fact("REPRESENTS_AT", a, b, s, c, props=props, on_behalf_of=behalf)
        for r in R_PARTICIPANTS:
            for mm in r.finditer(low):
                prior = [m for m in ms if m.end <= s.start + mm.start()]
                body = self.resolve(prior[-1]) if prior else None
                # "Een LIVC is een overlegplatform waaraan …": the platform is the LIVC
                if len(prior) >= 2 and re.fullmatch(
                    r"\s+(?:is|zijn)\s+(?:een|het|de)\s+(?:\w+\s+)?",
                    self.ex.text[prior[-2].end : prior[-1].start].lower(),
                ):
                    body = self.resolve(prior[-2])
                who = [
                    self.resolve(m)
                    for m in ms
                    if s.start + mm.start(1) <= m.start < s.start + mm.end(1)
                ]
                if body is not None:
                    for w in who:
                        self.fact("PARTICIPATES_IN", w, body, s, TOPIC)
        matches = sorted((m for r in R_CONTAINS for m in r.finditer(low)), key=lambda m: m.start())
        done_at: set[int] = set()
        for mm in matches:
            if any(abs(mm.start() - d) < 3 for d in done_at):
                continue  # two patterns on the same words
            done_at.add(mm.start())
            a, c = subj_at(mm.start())
            if re.match(r"bestaande|samengesteld|opgedeeld|ingedeeld", mm.group()):
                # a participle qualifies the mention right before it
                prior = [m for m in ms if m.end <= s.start + mm.start()]
                coordinated = low[: mm.start()].rstrip().endswith((" en", ","))
                if prior and not coordinated:  # "… en samengesteld uit": the clause's subject
                    a, c = self.resolve(prior[-1]), HIGH
            if (
                re.match(r"(?:deze|zij|ze)\s", low)
                and mm.start() < 25
                and self.st.plural_container is not None
            ):
                # "… ingedeeld in twee divisies. Deze bestaan uit X en Y": the divisions'
                # container, not the sentence's topic
                a, c = self.st.plural_container, TOPIC
            pos = mm.end()
            counted = _COUNTED_LIST.match(low, pos)
            if counted:  # "binnen drie teams; team X, team Y en team Z"
                pos = counted.end()
            objs = [
                o
                for o in self._objects(ms, s, low, pos)
                if not (o.bare or (o.plural and o.kind == "Unit"))
            ]
            if a is not None and a.kind in _CONTAINER_KINDS:
                expanded = self._plural_list(s, low, mm.end(), ms) or objs
                if not expanded and _PLURAL_AFTER.match(low, mm.end()):
                    self.st.plural_container = a
                for o in expanded:
                    if o.kind in ("Unit", "Post"):
                        self.fact("PART_OF", o, a, s, c)
                    elif o.kind in ("Person",):
                        self.fact("MEMBER_OF", o, a, s, c)
                if not expanded and s.colon:
                    # "bestaat uit volgende diensten:" and the units come as headings below.
                    self.st.container = a
                    self.st.bullet_container = a  # … or as bullets right below
        mm = self._first(R_PART, low)
        if mm is not None:
            a, c = subj_at(mm.start())
            objs = self._objects(ms, s, low, mm.end())
            if a is not None and objs:
                whole = objs[0]
                if whole.kind in ("Board", "Forum", "PartnerBody") and a.kind in ("Post", "Person"):
                    self.fact("MEMBER_OF", a, whole, s, c)
                else:
                    self.fact("PART_OF", a, whole, s, c)
        mm = self._first(R_RESPONSIBLE, low)
        if mm is not None:
            a, c = subj_at(mm.start())
            if a is not None:
                ts = self.targets(s, ms, low, mm.end())
                for t in ts:
                    rel = "RESPONSIBLE_FOR"
                    if t.kind in ("Unit", "Post"):
                        rel = "SUPERVISES"
                    self.fact(rel, a, t, s, min(c, HIGH if t.vocab else LISTED))
                if not ts and s.colon:
                    self.st.resp_subject = a
                    self.st.list_line = s.line
                    # a list of tasks is what the unit does; of aspects, what it answers for
                    tasks = re.search(r"\b(?:takenpakket|opdrachten|taken)\b", low)
                    self.st.resp_type = "PERFORMS" if tasks else "RESPONSIBLE_FOR"
        if subject is None:
            mm = self._first(R_PERFORMS, low)
            if mm is not None:
                a, c = subj_at(mm.start())
                if a is not None:
                    for t in self.targets(s, ms, low, mm.end(), tasks_only=True):
                        self.fact(
                            "PERFORMS",
                            a,
                            t,
                            s,
                            GUESS,
                            reason=VAGUE_VERB,
                        )
        return subject

    def held(self, s: Sentence, ms: list[Mention], low: str) -> bool:
        """ "De dagelijkse leiding van deze diensten is in handen van de respectieve
        diensthoofden", "De aansturing van het team X berust bij de teamleider": the leader
        comes after the units it leads."""
        mm = next((found for r in R_LEADS_HELD if (found := r.search(low))), None)
        if mm is None:
            return False
        a, b = s.start + mm.start("what"), s.start + mm.end("what")
        inside = [m for m in ms if a <= m.start < b and m.kind == "Unit"]
        units: list[Mention] = []
        for m in inside:
            if m.plural and m.bare:
                demonstrative = _DEMONSTRATIVE.search(self.ex.text[m.start - 8 : m.start].lower())
                if demonstrative and len(self.st.last_list) >= 2:
                    units += self._listed_of(m)
            elif not m.plural:
                units.append(self.resolve(m))
        leaders = [o for o in self._objects(ms, s, low, mm.end()) if o.kind in ("Post", "Person")]
        if not units or not leaders:
            return False
        conf = HIGH if len(inside) == len(units) else TOPIC
        for u in units:
            if self._distributive(leaders[0]) or (leaders[0].plural and len(units) > 1):
                # "… ligt bij de diensthoofden": each unit its own head
                self.fact("LEADS", self._head_of(leaders[0], u), u, s, TOPIC)
                continue
            for leader in leaders:
                self.fact("LEADS", leader, u, s, conf)
        return True

    def _listed_of(self, anaphor: Mention) -> list[Mention]:
        """The units of the last list that "deze afdelingen" points at: those with its head
        when some have it ("afdeling Noord, afdeling Zuid en het team X"), else all."""
        units = [u for u in self.st.last_list if not (u.plural or u.bare)]
        if anaphor.head in ("dienst", "eenheid", "unit"):
            return units  # "deze diensten": the umbrella word for units of any kind
        same = [u for u in units if u.head == anaphor.head]
        return same or units

    def _distributive(self, m: Mention) -> bool:
        """ "de respectieve diensthoofden", "een eigen diensthoofd": each unit its own head."""
        before = self.ex.text[max(0, m.start - 20) : m.start].lower().split()
        return m.kind == "Post" and bool(before) and before[-1] in lx.DISTRIBUTIVE

    def _head_of(self, post: Mention, unit: Mention) -> Mention:
        """The head of one unit, named after it: "Diensthoofd DSI", "Diensthoofd verkeer"
        (for the verkeersdienst), "Teamleider Zeden"."""
        head = post.head or post.name.split()[-1].lower()
        words = unit.name.split()
        if unit.abbreviation:
            short = unit.abbreviation
        elif len(words) > 1 and words[0].lower() in lx.UNIT_HEADS:
            uh = lx.UNIT_HEADS[words[0].lower()]
            short = " ".join(words[1:]) if head.startswith(uh) else unit.name
        else:
            short = unit.name
            low = unit.name.lower()
            for h in lx.COMPOUND_UNIT_HEADS:
                stem = low[: -len(h)]
                if len(words) == 1 and low.endswith(h) and len(stem) >= 3 and head.startswith(h):
                    short = stem[:-1] if stem.endswith("s") and len(stem) > 4 else stem
                    break
        return Mention(
            post.start, post.end, "Post", f"{head[:1].upper()}{head[1:]} {short}", head=head
        )

    def _line(self, o: Mention, default: str = "hierarchical") -> str:
        name = o.name.lower()
        if o.kind in ("Board", "Organisation") or any(w in name for w in lx.REPORT_LINE_ADMIN):
            return "administrative"
        if any(w in name for w in lx.REPORT_LINE_JUDICIAL):
            return "judicial"
        return default

    def _as_role(self, m: Mention) -> Mention:
        # The mention itself becomes the role, so its other mentions merge with it.
        m.kind, m.head, m.bare = "Role", None, False
        return m

    def _role_from_text(self, s: Sentence, low: str, pos: int) -> list[Mention]:
        """ "neemt de rol van voetbalcoördinator op": the words up to op/en/(/,/."""
        rest = s.text[pos:]
        m = _ROLE_WORDS.match(rest)
        if not m:
            return []
        name = m.group(1)
        if name.lower() in lx.ARTICLES:
            return []
        a = s.start + pos + m.start(1)
        return [Mention(a, a + len(name), "Role", name, abbreviation=m.group(2))]

    def _plural_list(self, s: Sentence, low: str, pos: int, ms: list[Mention]) -> list[Mention]:
        """ "de diensten steun en informatie, verkeer en lokale opsporing": one unit per item."""
        m = _PLURAL_LIST.match(low[pos:])
        if not m:
            return []
        head = lx.UNIT_HEADS[m.group(1)]
        start = pos + m.end()
        end = self._clause_end(low, start)
        chunk = s.text[start:end].rstrip(" .")
        if chunk[:1] == "(" and ")" in chunk:
            # "3 pijlers (A, B en C)": the items are in the brackets
            start += 1
            chunk = chunk[1 : chunk.index(")")]
        if not chunk or chunk[:1] in ":;":
            return []
        items: list[tuple[int, str]] = []
        off = 0
        parts = re.split(r"(,\s*|\s+en\s+|\s+&\s+)", chunk)
        known = set()
        for v in self.ex.abbreviations.values():
            w = v.lower().split()
            if w and w[0] in lx.UNIT_HEADS:
                w[0] = lx.UNIT_HEADS[w[0]]
            known.add(" ".join(w))
        merged: list[str] = []
        for p in parts:
            merged.append(p)
        # Rejoin "steun" "en" "informatie" when the doc names that unit with an abbreviation.
        i = 0
        while i < len(merged):
            p = merged[i]
            if (
                i + 2 < len(merged)
                and merged[i + 1].strip() == "en"
                and re.sub(r"\s*\([^()]{1,12}\)\s*$", "", f"{head} {p} en {merged[i + 2]}").lower()
                in known
            ):
                merged[i : i + 3] = [p + merged[i + 1] + merged[i + 2]]
                continue
            i += 1
        for p in merged:
            if p.strip() and not re.fullmatch(r",\s*|\s+en\s+|\s+&\s+", p):
                items.append((off, p))
            off += len(p)
        out: list[Mention] = []
        for o, name in items:
            words = name.split()
            if not words or len(words) > 5 or words[0].lower() in lx.VERBS:
                break
            a = s.start + start + o
            abbr = None
            bm = re.search(r"\s*\(([A-Z][\w&\-]{0,11})\)\s*$", name)
            if bm:  # "steun en informatie (DSI)"
                abbr, name = bm.group(1), name[: bm.start()]
                words = name.split()
                if not words:
                    break
            # the item itself is the mention; its name is "<head> <item>"
            own = _unit_head(words[0].lower())
            if own is not None:  # "3 stafdiensten (Directie Operaties, Dienst X)": full names
                out.append(Mention(a, a + len(name), "Unit", name, head=own[0], abbreviation=abbr))
            else:
                full = f"{head} {name}"
                out.append(Mention(a, a + len(name), "Unit", full, head=head, abbreviation=abbr))
        return out

    def targets(
        self,
        s: Sentence,
        ms: list[Mention],
        low: str,
        pos: int,
        *,
        bullet: bool = False,
        tasks_only: bool = False,
    ) -> list[Mention]:
        """What a responsibility points at: vocabulary domains/plans named in the phrase, else
        a Task named by the phrase itself."""
        end = self._clause_end(low, pos) if not bullet else len(low)
        phrase_start = s.start + pos
        vocab = [
            m
            for m in ms
            if m.vocab is not None
            and phrase_start <= m.start < s.start + end
            and m.kind in ("Domain", "Plan", "Functionality")
        ]
        raw = s.text[pos:end]
        if raw.rstrip().endswith(":") or (not bullet and s.colon and end >= len(low) - 1):
            return []  # "… voor volgende taken:": the items follow
        plans = self._plan_list(s, pos, end)
        if plans and not tasks_only:
            return plans
        vocab = [m for m in vocab if m.kind != "Functionality"]
        if vocab and self._only_names(s, pos, end, vocab) and not (tasks_only and not bullet):
            return vocab
        lead = len(raw) - len(raw.lstrip(" :"))
        raw = raw.strip(" :.,;")
        raw = re.sub(r"^(?:o\.a\.|onder andere|onder meer|ook|tevens)\s+", "", raw, flags=re.I)
        words = raw.split()
        if words and words[0].lower() in ("volgende", "tal", "diverse", "verschillende"):
            return []
        while words and words[0].lower() in lx.ARTICLES:
            words = words[1:]
        if not words or len(words) > MAX_TASK_WORDS:
            return []
        name = " ".join(words)
        if len(name) < 4 or name == "...":
            return []
        a = s.text.find(words[0], pos + lead) + s.start
        b = a + len(s.text[a - s.start :].split(words[-1], 1)[0]) + len(words[-1])
        if self.ex.text[a:b].split() != words:
            return []
        kind = "Plan" if re.match(r"(?:het )?(?:\w+)?plan\b", name.lower()) else "Task"
        return [Mention(a, b, kind, name[0].upper() + name[1:])]

    def _only_names(self, s: Sentence, pos: int, end: int, vocab: list[Mention]) -> bool:
        """The phrase names only domains ("de actiedomeinen drugs en verkeer", "de opvolging
        van radicalisering"): link them; anything more is a task of its own."""
        text = self.ex.text[s.start + pos : s.start + end]
        for m in sorted(vocab, key=lambda m: -m.start):
            a, b = m.start - s.start - pos, m.end - s.start - pos
            text = text[:a] + " " + text[b:]
        words = re.findall(r"[^\W\d_][\w\-']*", text.lower())
        return all(
            w in lx.ARTICLES or w in lx.PREPOSITIONS or w in lx.CONJUNCTIONS
            or w in lx.GENERIC_ACTIONS or w in lx.SELF_ORG or w in lx.ADVERBS
            for w in words
        )  # fmt: skip

    def _plan_list(self, s: Sentence, pos: int, end: int) -> list[Mention]:
        """ "de actieplannen drugs, overlast en verkeer": one plan per item."""
        seg = s.text[pos:end]
        m = re.search(r"\b(actieplannen|plannen|veiligheidsplannen)\s+", seg, re.I)
        if not m:
            return []
        head = {"actieplannen": "Actieplan", "plannen": "Plan"}.get(m.group(1).lower(), "Plan")
        out: list[Mention] = []
        rest_start = pos + m.end()
        rest = s.text[rest_start:end].rstrip(" .;,")
        off = 0
        for part in re.split(r"(,\s*|\s+en\s+)", rest):
            if part.strip() and not re.fullmatch(r",\s*|\s+en\s+", part):
                if len(part.split()) > 3:
                    return []
                a = s.start + rest_start + off
                out.append(Mention(a, a + len(part), "Plan", f"{head} {part.strip()}"))
            off += len(part)
        return out

    def staffing(self, s: Sentence, ms: list[Mention], low: str, subj: Mention | None) -> None:
        if subj is None and ms and ms[0].start - s.start < 12:
            subj = self.resolve(ms[0])
        owner = subj if subj is not None and subj.kind in ("Unit", "Post", "Board") else None
        if owner is None:
            return
        for m in _STAFF.finditer(low):
            n_raw, noun = m.group(1), m.group(2)
            count = int(n_raw) if n_raw.isdigit() else lx.NUMBERS.get(n_raw)
            if count is None or (n_raw.isdigit() and len(n_raw) == 4 and 1900 <= count <= 2100):
                continue
            rank = lx.RANK_PLURALS.get(noun) or lx.RANKS.get(noun)
            note = (
                None
                if rank
                else (
                    noun
                    if noun
                    in (
                        "medewerkers",
                        "personeelsleden",
                        "rechercheurs",
                        "wijkinspecteurs",
                        "agenten",
                        "fte",
                        "voltijdse",
                    )
                    else None
                )
            )
            if rank is None and note is None:
                continue
            a = s.start + m.start()
            self.out.figures.append(Figure(owner, count, rank, note, (a, s.start + m.end())))


def extract(text: str, sentences: list[Sentence], vocab: Vocabulary) -> Extraction:
    return Rules(Extractor(text, sentences, vocab)).run()


__all__ = ["THRESHOLD", "extract", "tokens"]
