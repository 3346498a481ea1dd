"""Sentences with their offsets in the text, so every quote is an exact span of the input.

A line is a heading (short, no closing punctuation), a bullet (its marker is not part of the
span) or prose, split into sentences at . ! ? followed by a capital, except after the usual
Dutch abbreviations (o.a., bijv., art., …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

_BULLET: Final = re.compile(r"^[ \t]*(?:[•\-*–·▪◦●►]|\d{1,2}[.)]|[a-z][.)])[ \t]+")
_MD_HEADING: Final = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_SENT_END: Final = re.compile(r"[.!?](?=[ \t]+[\"'(“‘]?[A-ZÀ-Ý0-9])")
_ABBREVIATIONS: Final = frozenset(
    [
        "o.a",
        "bijv",
        "art",
        "nr",
        "dhr",
        "mevr",
        "mr",
        "dr",
        "ir",
        "prof",
        "blz",
        "p",
        "vb",
        "enz",
        "m.a.w",
        "d.w.z",
        "i.v.m",
        "t.a.v",
        "m.b.t",
        "e.a",
        "resp",
        "ca",
        "incl",
        "excl",
        "min",
        "max",
        "st",
        "dept",
        "afd",
    ]
)
MAX_HEADING_WORDS: Final = 9


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    line: int  # index of the line in the text (0-based)
    bullet: bool
    heading: bool
    colon: bool  # ends with ':' (introduces a list)
    first_in_line: bool


def _is_heading(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    if text[-1] in ".;,!?:":
        return False
    return text[0].isupper() or text[0].isdigit()


def split(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for lineno, line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        m = _BULLET.match(line)
        bullet = m is not None
        h = _MD_HEADING.match(line) if m is None else None
        body_start = m.end() if m else h.end() if h else len(line) - len(line.lstrip())
        body = line[body_start:].rstrip()
        if not body.strip():
            continue
        base = line_start + body_start
        if not bullet and (_is_heading(body) or (h is not None and len(body.split()) <= 12)):
            out.append(Sentence(base, base + len(body), body, lineno, False, True, False, True))
            continue
        start = 0
        pieces: list[tuple[int, int]] = []
        for sm in _SENT_END.finditer(body):
            cut = sm.end()
            before = body[start : sm.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            pieces.append((start, cut))
            start = cut
            while start < len(body) and body[start] in " \t":
                start += 1
        pieces.append((start, len(body)))
        for i, (a, b) in enumerate(pieces):
            seg = body[a:b].rstrip()
            if not seg.strip():
                continue
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            s0 = base + a + lead
            out.append(
                Sentence(s0, s0 + len(seg), seg, lineno, bullet, False, seg.endswith(":"), i == 0)
            )
    return out
