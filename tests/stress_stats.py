"""Counters the reliability tests feed, printed as the `make stress` (and `make test`) summary."""

from __future__ import annotations

from collections import Counter

COUNTS: Counter[str] = Counter()


def count(what: str, n: int = 1) -> None:
    """`what`: examples, faults, injections or requests."""
    COUNTS[what] += n
