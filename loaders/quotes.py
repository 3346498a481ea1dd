"""The quote check: every fact's quote must occur in the document its source names.

Compared after whitespace-run collapse and straightening of curly quotes, so reflowed text and
typographic quotes still match; the documents must lie inside the sources folder: the
dataset file's own `sources_dir:` when it sets one, else the global one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Final

from graph.errors import Problem
from loaders.dataset import Source
from loaders.facts import FileFacts
from loaders.yamlsrc import JsonPath

MAX_SOURCE_BYTES: Final = 20 * 1024 * 1024
_ASCII_SPACE: Final = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1f]")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?:;])\s+")
_QUOTE_PAIRS: Final = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'))


def normalise_text(text: str) -> str:
    """Whitespace-run collapse and straight quotes: how quotes are compared with sources.

    `" ".join(text.split())` is `_WS.sub(" ", text).strip()` (both split on str.isspace);
    the ASCII fast path skips the per-character translate, which dominated the quote check."""
    if text.isascii():
        if "  " in text or _ASCII_SPACE.search(text) or text[:1] == " " or text[-1:] == " ":
            return " ".join(text.split())
        return text
    for curly, straight in _QUOTE_PAIRS:  # str.replace is memchr-fast; translate is not
        text = text.replace(curly, straight)
    return " ".join(text.split())


def check_quotes(
    files: Sequence[FileFacts],
    sources: Mapping[str, tuple[FileFacts, int, Source]],
    *,
    sources_dir: Path,
    dataset_paths: Collection[Path],
    hidden: Collection[str],
) -> list[Problem]:
    """Problems of the cited documents and of every quote not found in its document.

    `dataset_paths` (resolved) are the dataset files read, which a source may not be;
    `hidden` files (context only) never get the one "folder missing" problem."""
    problems: list[Problem] = []
    # Sources defined in a file with its own `sources_dir:` are read from there, the others
    # from the global folder; a missing folder is one problem, not one per source.
    shared = [v for v in sources.values() if v[0].sources_dir is None]
    shared_missing = bool(shared) and not sources_dir.is_dir()
    if shared_missing:
        # It points at a source definition the user sees, else at the folder itself.
        message = (
            f"sources folder '{sources_dir}' does not exist, so no quote can be "
            "checked; put the cited documents there, point ORGGRAPH_SOURCES_DIR or "
            "--sources at them, or skip the checks with --no-quote-check"
        )
        shown = [v for v in shared if v[0].where.file not in hidden]
        if shown:
            f, i, _ = min(shown, key=lambda v: (v[0].where.file, v[1]))
            problems.append(f.where.at(("sources", i, "file"), message))
        else:
            problems.append(Problem(str(sources_dir), 1, 1, message))
    missing_own: set[str] = set()  # files whose own sources folder is reported missing
    texts: dict[str, str | None] = {}
    # Most quotes are whole sentences or lines: a set lookup answers those without the
    # substring scan of the whole text (which made this check quadratic at scale).
    pieces: dict[str, frozenset[str]] = {}
    for sid, (f, i, s) in sources.items():
        folder = f.sources_dir if f.sources_dir is not None else sources_dir
        if f.sources_dir_refused or (f.sources_dir is None and shared_missing):
            texts[sid] = None  # reported once above / where sources_dir is read
            continue
        if f.sources_dir is not None and not folder.is_dir():
            if f.where.file not in missing_own:
                missing_own.add(f.where.file)
                problems.append(
                    f.where.at(
                        ("sources_dir",),
                        f"sources folder '{folder}' (this file's sources_dir) does not exist, "
                        "so no quote of its sources can be checked; put the cited documents "
                        "there, correct sources_dir, or skip the checks with --no-quote-check",
                    )
                )
            texts[sid] = None
            continue
        texts[sid] = text = _read_source(f, i, s, folder, dataset_paths, problems)
        if text is not None:
            pieces[sid] = frozenset(_SENTENCE_END.split(text))
    for f in files:
        for base, fact, prov in f.facts():
            cited = prov.source
            text = texts.get(cited) if cited is not None else None
            if cited is None or text is None:
                continue  # unknown/unreadable source: reported elsewhere
            quote = normalise_text(fact.quote)
            if quote and (quote in pieces[cited] or quote in text):
                continue
            problems.append(f.where.at((*base, "quote"), _quote_message(quote, text, cited)))
    return problems


def _read_source(
    f: FileFacts,
    i: int,
    s: Source,
    sources_dir: Path,
    dataset_paths: Collection[Path],
    problems: list[Problem],
) -> str | None:
    """The normalised text of a cited document, or None with the problem recorded."""
    path = sources_dir / s.file
    where: JsonPath = ("sources", i, "file")

    def refuse(message: str) -> None:
        problems.append(f.where.at(where, message))

    if Path(s.file).is_absolute():
        refuse("source file must be a relative path")
        return None
    # Symlinks followed: a quote must come from a document inside the sources folder,
    # never from elsewhere on the machine nor from a dataset file citing itself.
    real = path.resolve()
    if not real.is_relative_to(sources_dir.resolve()):
        refuse(
            f"source file '{s.file}' lies outside the sources folder "
            f"{sources_dir}; cite a document inside it"
        )
        return None
    if real in dataset_paths:
        refuse(f"source file '{s.file}' is a dataset file; cite the original document")
        return None
    if not path.is_file():
        refuse(f"source file '{s.file}' not found in {sources_dir}")
        return None
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SOURCE_BYTES + 1)
    except OSError as e:
        refuse(f"cannot read source file: {e.strerror}")
        return None
    if len(data) > MAX_SOURCE_BYTES:
        refuse("source file is larger than 20 MB")
        return None
    try:
        return normalise_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        refuse("source file is not valid UTF-8 text")
        return None


def _excerpt(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote_message(quote: str, text: str, source_id: str) -> str:
    if not quote:
        return "quote is empty"
    # Longest prefix found in the text: presence is monotone in prefix length.
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    msg = f'quote not found in source {source_id}: "{_excerpt(quote)}"'
    if lo >= 15:
        matched = quote[:lo]
        tail = matched if len(matched) <= 40 else "…" + matched[-39:]
        msg += f' (matches up to "{tail}", then differs)'
    return msg
