"""Plain text out of the formats organisations publish: the text every quote is a span of.

For .txt and .md the file itself is that text; for .html, .pdf and .docx the extracted text is
what the draft cites (written next to it), since a quote cannot be a span of markup or of a
binary file.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Final

from graph.errors import OrgGraphError

MAX_INPUT_BYTES: Final = 20 * 1024 * 1024
MAX_TEXT_CHARS: Final = 2_000_000
TEXT_SUFFIXES: Final = (".txt", ".md", ".markdown", ".text")
SUFFIXES: Final = (*TEXT_SUFFIXES, ".html", ".htm", ".pdf", ".docx")


class DraftInputError(OrgGraphError):
    """An input document cannot be read (format, size, encoding)."""


_BLOCK_TAGS: Final = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "blockquote",
        "pre",
        "dt",
        "dd",
        "dl",
        "main",
        "aside",
        "figcaption",
        "title",
    ]
)
_SKIP_TAGS: Final = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _TextParser(HTMLParser):
    """Visible text, one line per block element; script, style and head skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return tidy("".join(parser.parts))


def tidy(text: str) -> str:
    """One space between words, blank line between blocks: readable and stable."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    return "\n".join(out).strip() + "\n"


def pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as e:
        raise DraftInputError(f"{name}: not a readable PDF ({e}); save it again as PDF") from e
    # pypdf breaks lines where the layout did: a line that does not end a sentence is joined
    # with the next, so sentences (and quotes) are not cut at the page's margin.
    joined = "\n\n".join(pages)
    joined = re.sub(r"(?<![.:;!?])\n(?=[a-zà-ÿ(])", " ", joined)
    return tidy(joined)


def docx_text(data: bytes, name: str) -> str:
    import zipfile

    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise DraftInputError(f"{name}: not a readable .docx ({e}); save it again as .docx") from e
    blocks: list[str] = []
    for para in doc.paragraphs:
        style = (para.style.name or "").lower() if para.style is not None else ""
        text = para.text
        if text.strip():
            blocks.append(("• " if "list" in style else "") + text)
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                blocks.append(" | ".join(dict.fromkeys(cells)))
    return tidy("\n\n".join(blocks))


def read_document(path: Path) -> str:
    """The text of one input; every quote of its draft is a span of this string."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DraftInputError(
            f"{path}: cannot draft from '{suffix or 'no suffix'}' files; give one of "
            f"{', '.join(SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise DraftInputError(
                f"{path}: {size} bytes; drafts read at most {MAX_INPUT_BYTES} bytes: split it"
            )
        data = path.read_bytes()
    except OSError as e:
        raise DraftInputError(f"{path}: cannot read it ({e.strerror})") from e
    if suffix == ".pdf":
        text = pdf_text(data, str(path))
    elif suffix == ".docx":
        text = docx_text(data, str(path))
    else:
        try:
            raw = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raw = data.decode("cp1252", errors="replace")
        text = html_text(raw) if suffix in (".html", ".htm") else raw.replace("\r\n", "\n")
    if len(text) > MAX_TEXT_CHARS:
        raise DraftInputError(
            f"{path}: {len(text)} characters of text; drafts read at most {MAX_TEXT_CHARS}"
        )
    if not text.strip():
        raise DraftInputError(f"{path}: no text found (a scanned PDF needs OCR first)")
    return text


def cited_name(path: Path) -> str:
    """The file name the draft cites: the input itself for text, its text beside it otherwise."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        return path.name
    return path.stem + ".txt"
