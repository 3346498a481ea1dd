"""Turning what a person types (an id, a name, an abbreviation, an alias) into one entity, the
one resolution path of the API, the CLI and the views.

Analysts rarely know ids: "O-LTF", "oltf" and "Operationele Local Taskforce Foreign Fighters"
must all mean the same node, and with twenty organisations loaded "Korpschef" names twenty
posts. The rules (README, "How names are resolved"), each recorded as the answer's `rule`:

1. ``id``: an exact id wins (whatever the scope);
2. ``exact``: a name, abbreviation or alias equal to the reference ignoring case, accents, spaces
   and punctuation, within the scope and the allowed kinds: one → it; several → Ambiguous;
3. ``fulltext``: else the full-text hits within the scope and kinds that contain every word of
   the reference (as a word's start, one typo allowed in words of five letters or more; the
   words of an entity's organisation and path count, so "korpschef lokeren" finds Lokeren's):
   the best only when it is clearly ahead, its score at least MARGIN times the next one's and
   no other hit with the same name; else Ambiguous (the close ones) or NotFound (suggestions).

The scope (`org`, an Organisation id) is the membership rule of docs/model.md ("Organisation
scope"); inside it, entities of the organisation come before those of no organisation (the
shared vocabulary: roles, domains, tasks), vocabulary the organisation links to (the O-LTF a
zone is represented at) before the rest, and an entity of another organisation is never
picked. Candidates everywhere are {id, name, kind, organisation: {id, name} | None, path}.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from typing import Any, LiteralString

from neo4j import Driver, Query, Session

import queries
from graph.cypher import (
    ROW_MARK,
    declared_columns,
    lookup_param,
    read_with_retry,
    shorten,
    wire_params,
    with_lookups,
)
from graph.errors import Ambiguous, NotFound, QueryError, translate_driver_errors

# {id, name, kind, organisation, path}; as a resolution's answer also `rule`.
Candidate = dict[str, Any]
Rows = list[dict[str, Any]]

# How far ahead the best full-text hit must be to be taken alone: the issue's "Stad Lokeren"
# vs police zone Lokeren were 19.60 vs 19.21 (1.02), a clear abbreviation hit is 2-10 times
# its runner-up.
MARGIN = 1.25
SUGGESTIONS = 5
FUZZY_MIN_CHARS = 5  # words this long may carry one typo (as the Lucene query allows)
ORG_PARAM = "org"  # the scope parameter of a request and of a scopable query


def fold_words(text: str) -> list[str]:
    """Lower case, accents dropped, split on anything but letters and digits: the words
    resolve_ref.cypher matches by (the same folding, in Python for the candidates)."""
    out = []
    for c in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.category(c) == "Mn":
            continue
        out.append(c if c.isalnum() else " ")
    return "".join(out).split()


def candidates(
    driver: Driver,
    ref: str,
    *,
    database: str,
    kinds: Collection[str] | None = None,
    org: str | None = None,
) -> list[dict[str, Any]]:
    """All candidate rows of resolve_ref (match id|exact|fuzzy, score, scope tier, names),
    best first, within Organisation `org` (an id) when given."""
    params: dict[str, Any] = {
        "ref": ref,
        "kinds": sorted(kinds) if kinds else None,
        "org": org,
    }
    return queries.run(driver, "resolve_ref", params, database=database)


def public(row: Mapping[str, Any], rule: str | None = None) -> Candidate:
    """A row as a candidate {id, name, kind, organisation, path} (with `rule` when given)."""
    org = row.get("organisation")
    out: Candidate = {
        "id": str(row["id"]),
        "name": str(row["name"]),
        "kind": str(row["kind"]),
        "organisation": {"id": str(org["id"]), "name": str(org["name"])} if org else None,
        "path": [str(p) for p in row.get("path") or []],
    }
    if rule is not None:
        out["rule"] = rule
    return out


def resolve_entity(
    driver: Driver,
    ref: str,
    *,
    database: str,
    kinds: Collection[str] | None = None,
    org: str | None = None,
) -> Candidate:
    """The one entity `ref` names, as {id, name, kind, organisation, path, rule}, within
    the Organisation `org` (its id, name or abbreviation, resolved by `resolve_org`) when given.

    Raises NotFound (with the closest matches as suggestions and candidates) or Ambiguous
    (with the candidates), never a guess; an `org` that names no one organisation raises
    them too, about the organisation."""
    what = f"{'/'.join(sorted(kinds))} " if kinds else ""
    if not ref.strip():
        raise NotFound(f"{what}entity ''")
    # Most references are ids (links, API paths): one index seek answers them.
    exact_id = queries.run(driver, "entity_ref", {"id": ref}, database=database)
    if exact_id and (not kinds or exact_id[0]["kind"] in kinds):
        return public(exact_id[0], "id")
    scope = resolve_org(driver, org, database=database)["id"] if org is not None else None
    within = f" within organisation {shorten(scope)}" if scope else ""
    rows = candidates(driver, ref, database=database, kinds=kinds, org=scope)
    return pick(rows, ref, what=what, within=within)


def pick(rows: Sequence[Mapping[str, Any]], ref: str, *, what: str, within: str) -> Candidate:
    """Rules 1-3 over resolve_ref's rows (best first)."""
    shown = shorten(ref)
    by_id = [r for r in rows if r["match"] == "id"]
    if by_id:
        return public(by_id[0], "id")
    terms = fold_words(ref)[:8]
    # Inside the scope (or no scope) first, then vocabulary the scope links to, then the rest.
    for tier in (0, 1, 2):
        exact = [r for r in rows if r["match"] == "exact" and r["scope"] == tier]
        if len(exact) == 1:
            rivals = _alias_rivals(exact[0], rows, terms)
            if rivals:
                raise Ambiguous(
                    f"{what}{shown}{within} (an alias of one, words of the others' names)",
                    [public(r) for r in [exact[0], *rivals]],
                )
            return public(exact[0], "exact")
        if exact:
            raise Ambiguous(f"{what}{shown}{within}", [public(r) for r in exact])
    for tier in (0, 1, 2):
        close = [r for r in rows if r["scope"] == tier and _covers(r, terms)]
        if not close:
            continue
        best, rest = close[0], close[1:]
        best_name = "".join(fold_words(str(best["name"])))
        tied = [
            r
            for r in rest
            if r["score"] * MARGIN > best["score"]
            or "".join(fold_words(str(r["name"]))) == best_name
        ]
        if not tied:
            return public(best, "fulltext")
        raise Ambiguous(
            f"{what}{shown}{within} (no clear best match)",
            [public(best)] + [public(r) for r in tied],
        )
    top = list(rows[:SUGGESTIONS])
    raise NotFound(
        f"{what}entity {shown}{within}",
        [suggestion(r) for r in top],
        [public(r) for r in top],
    )


def _alias_rivals(
    only: Mapping[str, Any], rows: Sequence[Mapping[str, Any]], terms: list[str]
) -> list[Mapping[str, Any]]:
    """When the one exact match is only an alias (not its name or abbreviation), the other
    hits of its scope tier whose own names hold every word of the reference and whose score
    is within MARGIN of it: "Lokeren", an alias of Stad Lokeren, is also the place name in
    "Politiezone Lokeren", and an alias does not decide between them."""
    folded = "".join(terms)
    strong = [only["name"], only.get("abbreviation")]
    if any(x and "".join(fold_words(str(x))) == folded for x in strong):
        return []
    return [
        r
        for r in rows
        if r is not only
        and r["match"] == "fuzzy"
        and r["scope"] == only["scope"]
        and r["score"] * MARGIN > only["score"]
        and _holds_words(r, terms)
    ]


def _names(row: Mapping[str, Any]) -> list[str]:
    return [
        str(x) for x in [row["name"], row.get("abbreviation"), *(row.get("aliases") or [])] if x
    ]


def _holds_words(row: Mapping[str, Any], terms: list[str]) -> bool:
    """Every word of the reference is a whole word of one of the row's names."""
    return any(set(terms) <= set(fold_words(name)) for name in _names(row))


def _covers(row: Mapping[str, Any], terms: list[str]) -> bool:
    """Every word of the reference starts a word of the entity's names, id, organisation or
    path (or is one typo away from one, for words of FUZZY_MIN_CHARS or more), or is a name's
    compact form ("oltf" for O-LTF)."""
    if not terms:
        return False
    texts = [*_names(row), str(row["id"]), *(row.get("path") or [])]
    if row.get("organisation"):
        texts.append(str(row["organisation"]["name"]))
    words: set[str] = set()
    for text in texts:
        folded = fold_words(str(text))
        words.update(folded)
        words.add("".join(folded))
    return all(_covered(t, words) for t in terms)


def _covered(term: str, words: set[str]) -> bool:
    for w in words:
        if w.startswith(term):
            return True
        if len(term) >= FUZZY_MIN_CHARS and _one_edit(term, w):
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by at most one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def suggestion(row: Mapping[str, Any]) -> str:
    """How a close name is offered, in a 404 and in an empty answer: `id (name, kind)`."""
    return f"{row['id']} ({row['name']}, {row['kind']})"


def resolve_id(
    driver: Driver,
    ref: str,
    *,
    database: str,
    kinds: Collection[str] | None = None,
    org: str | None = None,
) -> str:
    """Shortcut for callers that only need the id."""
    return str(resolve_entity(driver, ref, database=database, kinds=kinds, org=org)["id"])


def resolve_org(driver: Driver, ref: str, *, database: str) -> Candidate:
    """The scope a request names (`org`: an Organisation's id, name or abbreviation)."""
    return resolve_entity(driver, ref, database=database, kinds=["Organisation"])


def ref_params(name: str) -> dict[str, list[str] | None]:
    """The entity parameters query `name` declares (`ref[...]` in its header) and the kinds
    each may resolve to (None: any)."""
    return {p.name: p.ref_kinds for p in queries.get(name).params if p.is_ref}


def is_scope_param(name: str) -> bool:
    """Whether query `name` limits its answer to an organisation: it declares exactly
    `org: ref[Organisation]?` (who_represents' `org`, "on behalf of", also takes units and
    partner bodies, and objectives' `org` is its subject)."""
    param = next((p for p in queries.get(name).params if p.name == ORG_PARAM), None)
    return param is not None and param.optional and param.kinds == ("Organisation",)


def resolve_params(
    driver: Driver,
    name: str,
    params: Mapping[str, Any],
    *,
    database: str,
    org: str | None = None,
) -> tuple[dict[str, Any], dict[str, Candidate]]:
    """`params` with every entity parameter query `name` declares resolved to an id, and what
    each resolved to: a name, an abbreviation or an id give the same rows.

    The scope: `org` (a name, abbreviation or id, also when the query has no `org` param), or
    else the query's own `org` param when it is one. It is resolved first; the other
    references are resolved within it, and a scopable query gets its id as `org`."""
    refs = ref_params(name)
    out = dict(params)
    resolved: dict[str, Candidate] = {}
    scope_ref = org if org is not None else (params.get(ORG_PARAM) if ORG_PARAM in refs else None)
    scope: str | None = None
    if isinstance(scope_ref, str):
        if org is None and not is_scope_param(name):
            # the query's own `org` (who_represents: on behalf of) keeps its own kinds
            found = resolve_entity(driver, scope_ref, database=database, kinds=refs[ORG_PARAM])
        else:
            found = resolve_org(driver, scope_ref, database=database)
        resolved[ORG_PARAM] = found
        if found["kind"] == "Organisation":
            scope = found["id"]
        if ORG_PARAM in refs and (org is None or is_scope_param(name)):
            out[ORG_PARAM] = found["id"]
    for key in sorted(set(refs) & set(params)):
        if key in resolved or not isinstance(params[key], str):
            continue
        resolved[key] = resolve_entity(
            driver, params[key], database=database, kinds=refs[key], org=scope
        )
        out[key] = resolved[key]["id"]
    return out, resolved


@functools.lru_cache(maxsize=256)
def _with_lookups(name: str, count: int) -> LiteralString | None:
    """Query `name` with `count` entity_ref lookups in front, composed once per process."""
    return with_lookups(queries.get(name), queries.get("entity_ref"), count)


def run_by_ids(
    driver: Driver,
    name: str,
    params: Mapping[str, Any],
    refs: Mapping[str, str],
    *,
    database: str,
    timeout_s: float | None,
    kinds: Mapping[str, Collection[str] | None] | None = None,
) -> tuple[dict[str, Candidate], Rows] | None:
    """The common case, every reference an exact id (links, API paths): the `entity_ref`
    lookups and the query itself as ONE auto-commit statement (graph.cypher.with_lookups) in a
    READ session, instead of one statement each (the driver's client CPU per statement was
    most of a request's). A query whose header is no plain column list (with_lookups gives
    None) sends the lookups first, in the same session.

    `params` already holds the references (`refs`, by label) as ids; `kinds` the kinds each
    may be. None when a reference is not an id of such a kind (or the parameters do not
    bind): the caller then resolves step by step."""
    lookup, query = queries.get("entity_ref"), queries.get(name)
    if query.mode != "read":
        return None
    try:
        bound = query.bind(dict(params))
        lookups = [(label, lookup.bind({"id": ref})) for label, ref in refs.items()]
    except QueryError:
        return None
    allowed = kinds or {}
    composed = _with_lookups(name, len(lookups))
    columns = declared_columns(query)

    def accept(label: str, row: Mapping[str, Any] | None) -> Candidate | None:
        wanted = allowed.get(label)
        if row is None or row["id"] is None or (wanted and row["kind"] not in wanted):
            return None
        return public(dict(row), "id")

    def one_statement(session: Session) -> tuple[dict[str, Candidate], Rows] | None:
        assert composed is not None and columns is not None  # composed implies columns
        sent = {**bound, **{lookup_param(i): g["id"] for i, (_, g) in enumerate(lookups)}}
        records = list(session.run(Query(composed, timeout=timeout_s), wire_params(sent)))
        found: dict[str, Candidate] = {}
        for i, (label, _) in enumerate(lookups):
            candidate = accept(label, records[0][lookup_param(i)])
            if candidate is None:
                return None
            found[label] = candidate
        return found, [{c: rec[c] for c in columns} for rec in records if rec[ROW_MARK]]

    def one_by_one(session: Session) -> tuple[dict[str, Candidate], Rows] | None:
        found: dict[str, Candidate] = {}
        for label, given in lookups:
            row = session.run(Query(lookup.wire, timeout=timeout_s), wire_params(given)).single()
            candidate = accept(label, row)
            if candidate is None:
                return None
            found[label] = candidate
        main = Query(query.wire, timeout=timeout_s)
        return found, [dict(rec) for rec in session.run(main, wire_params(bound))]

    work = one_statement if composed is not None else one_by_one
    with translate_driver_errors(f"query {name!r}"):
        return read_with_retry(driver, database, work)
