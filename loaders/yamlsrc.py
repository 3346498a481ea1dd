"""Hostile-input-safe YAML (and JSON) reading that remembers where every value came from.

Data files are edited by hand and validated in CI, so every error must point at a line and no
input (alias bombs, binary junk, deep nesting, custom tags) may crash or exhaust the process.
We compose the node tree ourselves (never construct arbitrary objects) and keep a map from
JSON paths to 1-based (line, col), so pydantic error locations become file:line:col.

JSON files (machine exports, national feeds) are parsed by the C `json` module, ~40x faster
than any YAML path; their positions are only worked out when a problem must be reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final, TypeAlias

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES: Final = 5 * 1024 * 1024
MAX_DEPTH: Final = 64

JsonPath: TypeAlias = tuple[str | int, ...]
Position: TypeAlias = tuple[int, int]

_T = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT = f"{_T}str", f"{_T}null", f"{_T}bool", f"{_T}int", f"{_T}float"
TIMESTAMP, SEQ, MAP = f"{_T}timestamp", f"{_T}seq", f"{_T}map"
# Implicitly resolved tags that only make sense with PyYAML extensions; read them as text.
_AS_TEXT: Final = frozenset({f"{_T}merge", f"{_T}value", f"{_T}yaml"})
_CONSTRUCTED: Final = frozenset({BOOL, INT, FLOAT, TIMESTAMP})


@dataclass(frozen=True, slots=True)
class YamlIssue:
    line: int
    col: int
    message: str


@dataclass(slots=True)
class YamlDocument:
    """Plain data plus positions. `data` is None when the file could not be read at all."""

    data: Any = None
    issues: list[YamlIssue] = field(default_factory=list)
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)
    # Paths whose value was replaced by None after an issue; schema errors there are noise.
    bad_paths: set[JsonPath] = field(default_factory=set)
    # Fills `positions` on first use (JSON: nothing is spent on positions unless needed).
    locate: Callable[[YamlDocument], None] | None = None

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """Position of `path`, or of its nearest ancestor that has one."""
        if self.locate is not None:
            locate, self.locate = self.locate, None
            locate(self)
        if key and path in self.key_positions:
            return self.key_positions[path]
        for n in range(len(path), -1, -1):
            pos = self.positions.get(path[:n])
            if pos is not None:
                return pos
        return (1, 1)

    def is_bad(self, path: JsonPath) -> bool:
        return any(path[:n] in self.bad_paths for n in range(len(path) + 1))


class _Rejected(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases, bounds nesting and reads `yes`/`no` as text.

    YAML 1.1 booleans (`no`, `on`, `yes`) turn Dutch abbreviations and names into bools;
    only true/false are booleans here, as in YAML 1.2.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _Rejected(
                f"YAML aliases (*{event.anchor}) are not allowed; repeat the value instead",
                event.start_mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Rejected(
                f"YAML anchors (&{anchor}) are not allowed; repeat the value instead",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Rejected(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _CLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser and composer with the same resolvers as `_Loader`.

    PyYAML's pure-Python scanner needs ~10 s for a 5,000-entity file; libyaml parses it in a
    fraction of that. The C composer cannot reject aliases while composing, so `_fast_node`
    leaves any file that might hold anchors, aliases, tags or deep nesting to `_Loader`,
    which reports them with their position.
    """

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


# Anything that could be an anchor, alias, complex key or deep nesting sends a file down the
# careful path; the patterns over-approximate (a '*' after a space inside a quote counts too).
_SUSPICIOUS = re.compile(
    r"(?:^|[\s\[{,])[&*!][^\s,\]}]"  # anchors, aliases, tags
    r"|^[ \t]*\?(?:\s|$)"  # complex mapping keys
    r"|^[ \t]{64,}\S"  # deep block nesting
    r"|(?:[\[{][ \t]*){12,}"  # deep flow nesting
    r"|(?:-[ \t]+){12,}",  # deep compact block sequences
    re.MULTILINE,
)


def _suspicious(text: str) -> bool:
    """`_SUSPICIOUS.search(text)`, skipped when no character it needs occurs: the regex tries
    every position (~50 ms per MB), the `in` tests are memchr-fast."""
    if any(c in text for c in "&*!?[{") or "- -" in text or "-\t" in text:
        return _SUSPICIOUS.search(text) is not None
    return " " * 64 in text or "\t" * 64 in text


def _fast_node(text: str) -> tuple[Node | None, Any] | None:
    """(node, loader) via libyaml, or None when the careful path must decide."""
    if not getattr(yaml, "__with_libyaml__", False) or _suspicious(text):
        return None
    loader = _CLoader(text)
    try:
        return loader.get_single_node(), loader
    except Exception:  # any doubt (syntax, reader errors): the careful path reports it
        loader.dispose()
        return None


def _pos(mark: Any) -> Position:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _line_col_of_offset(data: bytes, offset: int) -> Position:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return (line, offset - start + 1)


def decode(data: bytes) -> tuple[str | None, YamlIssue | None]:
    """UTF-8 text of `data`, or why it is not acceptable as a text file."""
    if len(data) > MAX_BYTES:
        return None, YamlIssue(1, 1, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, YamlIssue(1, 1, "file is UTF-16; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col_of_offset(data, nul)
        return None, YamlIssue(line, col, "file looks binary (contains NUL bytes), not YAML text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _line_col_of_offset(data, e.start)
        return None, YamlIssue(line, col, f"file is not valid UTF-8 (byte 0x{data[e.start]:02x})")
    return text.removeprefix("\ufeff"), None


def load_yaml_file(path: Path) -> YamlDocument:
    """Read and parse `path` (JSON when it ends in .json); never raises, problems end up in
    `.issues`."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return YamlDocument(
                issues=[YamlIssue(1, 1, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")]
            )
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as e:
        return YamlDocument(issues=[YamlIssue(1, 1, f"cannot read file: {e.strerror or e}")])
    text, issue = decode(data)
    if text is None:
        assert issue is not None
        return YamlDocument(issues=[issue])
    return load_json_text(text) if path.suffix.lower() == ".json" else load_yaml_text(text)


def _too_large(text: str) -> YamlDocument | None:
    """The document for a text beyond MAX_BYTES (texts given directly skip `decode`)."""
    if len(text.encode("utf-8", "surrogatepass")) <= MAX_BYTES:
        return None
    return YamlDocument(
        issues=[YamlIssue(1, 1, f"text is larger than {MAX_BYTES // (1024 * 1024)} MB")]
    )


def load_yaml_text(text: str) -> YamlDocument:
    refused = _too_large(text)
    if refused is not None:
        return refused
    doc = YamlDocument()
    loader: Any = None
    try:
        fast = _fast_node(text)
        if fast is not None:
            node, loader = fast
        else:
            loader = _Loader(text)  # the reader rejects control characters right here
            node = loader.get_single_node()
        if node is None:
            doc.issues.append(YamlIssue(1, 1, "file is empty"))
            return doc
        doc.data = _Converter(loader, doc, text).convert(node, ())
    except _Rejected as e:
        doc.data = None
        doc.issues.append(YamlIssue(*_pos(e.mark), e.message))
    except yaml.MarkedYAMLError as e:
        doc.data = None
        mark = e.problem_mark or e.context_mark
        parts = [p for p in (e.context, e.problem) if p]
        doc.issues.append(YamlIssue(*_pos(mark), "YAML syntax error: " + ", ".join(parts)))
    except yaml.reader.ReaderError as e:  # non-printable characters
        doc.data = None
        prefix = text[: e.position]
        line = prefix.count("\n") + 1
        col = e.position - (prefix.rfind("\n") + 1) + 1
        char = e.character if isinstance(e.character, int) else 0
        doc.issues.append(
            YamlIssue(line, col, f"unacceptable character U+{char:04X} (control characters)")
        )
    except yaml.YAMLError as e:
        doc.data = None
        doc.issues.append(YamlIssue(1, 1, f"YAML error: {e}"))
    except Exception as e:  # defensive: no input may produce a traceback
        doc.data = None
        doc.issues.append(YamlIssue(1, 1, f"cannot parse YAML: {type(e).__name__}"))
    finally:
        if loader is not None:
            loader.dispose()
    doc.issues.sort(key=lambda i: (i.line, i.col))
    return doc


# -- JSON -------------------------------------------------------------------------------------


class _JsonRejected(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # rare: find the first repeated key for the message
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _JsonRejected(f"duplicate key '{key}'")
            seen.add(key)
    return out


def _no_constant(name: str) -> Any:
    raise _JsonRejected(
        f"{name} is not valid JSON (NaN and infinities cannot be stored); write the value as "
        "text or leave the key out"
    )


# NaN/Infinity outside a string: where the JSON reader refused a constant.
_JSON_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _json_issue(text: str, error: Exception) -> YamlIssue:
    """The careful reader found nothing: say what the JSON reader refused, and where."""
    if isinstance(error, _JsonRejected) and "is not valid JSON" in str(error):
        for m in _JSON_CONSTANT.finditer(text):
            if m.group(1):
                line = text.count("\n", 0, m.start()) + 1
                col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                return YamlIssue(line, col, str(error))
    if isinstance(error, _JsonRejected):
        return YamlIssue(1, 1, str(error))
    return YamlIssue(1, 1, "not valid JSON: nested too deep for the reader")


def load_json_text(text: str) -> YamlDocument:
    """JSON through the C parser; positions are located (by the YAML reader, JSON being YAML)
    only when something must be reported. Any doubt goes to that careful reader, which then
    reports the problem with its line and column."""
    refused = _too_large(text)
    if refused is not None:
        return refused
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        return YamlDocument(issues=[YamlIssue(e.lineno, e.colno, f"JSON syntax error: {e.msg}")])
    except (_JsonRejected, RecursionError, ValueError) as e:
        # Duplicate keys, NaN, nesting deeper than the recursion limit: the careful reader
        # reports them with their position (it also refuses nesting beyond MAX_DEPTH).
        careful = load_yaml_text(text)
        if not careful.issues:
            careful.issues.append(_json_issue(text, e))
            careful.data = None
        return careful

    _props_dates(data)
    return YamlDocument(data=data, locate=_JsonLocator(text))


@dataclass(frozen=True, slots=True)
class _JsonLocator:
    """Works out a JSON document's positions from its text when a problem needs one; a
    plain object, not a closure, so a document read in a worker process can be sent back."""

    text: str

    def __call__(self, doc: YamlDocument) -> None:
        positioned = load_yaml_text(self.text)
        doc.positions, doc.key_positions = positioned.positions, positioned.key_positions


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _as_date(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value  # not a real date (2020-13-45): stays text, as in YAML
    return value


def _props_dates(data: Any) -> None:
    """JSON has no date type: an ISO date string among a fact's `props` becomes a date, as
    the same value written unquoted in YAML does, so both forms of a dataset load alike."""
    if not isinstance(data, dict):
        return
    for key in ("entities", "relations"):
        items = data.get(key)
        for item in items if isinstance(items, list) else ():
            props = item.get("props") if isinstance(item, dict) else None
            if not isinstance(props, dict):
                continue
            for k, v in props.items():
                props[k] = [_as_date(x) for x in v] if isinstance(v, list) else _as_date(v)


COMMA_IN_FLOW: Final = "quote the value: it contains a comma inside {…}"


class _Converter:
    def __init__(self, loader: yaml.SafeLoader, doc: YamlDocument, text: str = "") -> None:
        self.loader = loader
        self.doc = doc
        self._lines: list[str] | None = None
        self._text = text

    def _line(self, n: int) -> str:
        """Source line `n` (0-based), split only when a flow mapping needs a look."""
        if self._lines is None:
            self._lines = self._text.split("\n")
        return self._lines[n] if 0 <= n < len(self._lines) else ""

    def _split_by_comma(self, prev: Node, end: Any, key: ScalarNode, value: Node) -> bool:
        """Whether `key` (with no value) is the rest of the plain value `prev` (which ends at
        `end`), cut at an unquoted comma: `{name: Politiezone Brugge, Oostkamp}` reads
        `Oostkamp` as a key. Conservative: a plain text value, then on the same line only a
        comma, then a plain key with neither `:` nor value."""
        if not (
            isinstance(prev, ScalarNode)
            and prev.tag == STR
            and not prev.style  # plain: None (Python reader) or '' (libyaml)
            and not key.style
            and isinstance(value, ScalarNode)
            and value.tag == NULL
            and value.value == ""
            and end.line == key.start_mark.line == key.end_mark.line
        ):
            return False
        line = self._line(key.start_mark.line)
        after = line[key.end_mark.column :].lstrip(" \t")
        return line[end.column : key.start_mark.column].strip(" \t") == "," and after[:1] in (
            "",
            ",",
            "}",
        )

    def _issue(self, node: Node, message: str, path: JsonPath) -> None:
        self.doc.issues.append(YamlIssue(*_pos(node.start_mark), message))
        self.doc.bad_paths.add(path)

    def convert(self, node: Node, path: JsonPath) -> Any:
        self.doc.positions[path] = _pos(node.start_mark)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != SEQ:
                self._issue(node, f"unsupported YAML tag {node.tag}", path)
                return None
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: JsonPath) -> dict[str, Any] | None:
        if node.tag != MAP:
            self._issue(node, f"unsupported YAML tag {node.tag}", path)
            return None
        out: dict[str, Any] = {}
        # The last plain value: its key, node, where its text ends, its text so far.
        prev: tuple[str, Node, Any, str] | None = None
        cut: dict[str, tuple[Node, str, str]] = {}  # key -> (value node, whole text, 1st cut)
        for key_node, value_node in node.value:
            if (
                node.flow_style
                and prev is not None
                and isinstance(key_node, ScalarNode)
                and self._split_by_comma(prev[1], prev[2], key_node, value_node)
            ):
                prev_key, prev_value, _, text = prev
                whole = f"{text}, {key_node.value}"
                if prev_value.start_mark.line == key_node.end_mark.line:  # as written
                    line = self._line(key_node.end_mark.line)
                    whole = line[prev_value.start_mark.column : key_node.end_mark.column]
                prev = (prev_key, prev_value, key_node.end_mark, whole)
                first = cut[prev_key][2] if prev_key in cut else str(key_node.value)
                cut[prev_key] = (prev_value, whole, first)
                self.doc.bad_paths.add((*path, str(key_node.value)))
                continue
            prev = None
            if not isinstance(key_node, ScalarNode) or key_node.tag not in {
                STR,
                NULL,
                BOOL,
                INT,
                FLOAT,
                TIMESTAMP,
                *_AS_TEXT,
            }:
                self._issue(key_node, "mapping keys must be plain scalars", path)
                continue
            key = str(key_node.value)
            kpath: JsonPath = (*path, key)
            if key in out:
                first_line, _ = self.doc.key_positions[kpath]
                self.doc.issues.append(
                    YamlIssue(
                        *_pos(key_node.start_mark),
                        f"duplicate key '{key}' (first defined on line {first_line})",
                    )
                )
                continue
            self.doc.key_positions[kpath] = _pos(key_node.start_mark)
            out[key] = self.convert(value_node, kpath)
            if isinstance(value_node, ScalarNode):
                prev = (key, value_node, value_node.end_mark, str(value_node.value))
        for key, (value_node, whole, first) in cut.items():
            self._issue(
                value_node,
                f"{COMMA_IN_FLOW}: write {key}: {json.dumps(whole, ensure_ascii=False)} "
                f"(unquoted, the comma ends the value and '{first}' is read as a key)",
                (*path, key),
            )
        return out

    def _scalar(self, node: ScalarNode, path: JsonPath) -> Any:
        tag = node.tag
        if tag == STR or tag in _AS_TEXT:
            return str(node.value)
        if tag == NULL:
            return None
        if tag in _CONSTRUCTED:
            try:
                return self.loader.construct_object(node, deep=True)
            except Exception:  # bad dates like 2020-13-45, 5000-digit ints
                self._issue(node, f"invalid {tag.removeprefix(_T)} value '{node.value}'", path)
                return None
        self._issue(node, f"unsupported YAML tag {tag}", path)
        return None
