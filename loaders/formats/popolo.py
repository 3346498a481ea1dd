"""The graph as Popolo JSON (organizations, posts, persons, memberships), and back.

Popolo's own fields carry what Popolo can say (docs/formats/popolo.md): Organisation, Unit,
Board, PartnerBody and Forum are organizations (`classification` from the kind, `parent_id`
from PART_OF), posts have `organization_id`, HOLDS, MEMBER_OF, PARTICIPATES_IN,
REPRESENTS_AT and CHAIRS are memberships (`role`, `on_behalf_of_id`, `start_date`/`end_date`),
and every object's `sources` are links whose `note` is the verbatim quote. What Popolo has no
field for travels in one `orggraph` member per object (kind, type, provenance, props, the
PART_OF link's own quote) and in the document's `orggraph` member (sources, the entities of
other kinds and the relations Popolo cannot hold, such as reporting lines): Popolo tools
ignore unknown members, and an import of our own file loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from loaders.formats import Snapshot, iso
from loaders.formats.importer import Builder
from loaders.yamlsrc import JsonPath

MARK: Final = "orggraph-popolo/1"
SOURCE_URN: Final = "urn:orggraph:source:"
CLASSIFICATION: Final[dict[str, str]] = {
    "Organisation": "organisation",
    "Unit": "unit",
    "Board": "board",
    "PartnerBody": "body",
    "Forum": "meeting",
}
KIND_OF_CLASSIFICATION: Final[dict[str, str]] = {
    **{v: k for k, v in CLASSIFICATION.items()},
    "council": "Board",
    "committee": "Board",
    "board": "Board",
    "executive": "Board",
    "party": "PartnerBody",
}
MEMBERSHIP_ROLE: Final[dict[str, str]] = {
    "MEMBER_OF": "member",
    "PARTICIPATES_IN": "participant",
    "REPRESENTS_AT": "representative",
    "CHAIRS": "chair",
}
ROLE_TYPE: Final = {v: k for k, v in MEMBERSHIP_ROLE.items()}
PROVENANCE: Final = ("source", "inferred", "reason", "status")
_LINK_FIELDS: Final = frozenset({"parent_id", "organization_id", "post_id"})


def _clean(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if v is not None and v != [] and v != {}}


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


class _Writer:
    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap

    def link(self, fact: Mapping[str, Any]) -> list[dict[str, Any]]:
        """A fact's `sources`: one link to its document, the quote as the note."""
        sid = fact.get("source")
        if not sid:
            return []
        src = self.snap.sources.get(str(sid), {})
        url = src.get("url") or f"{SOURCE_URN}{sid}"
        return [_clean({"url": url, "note": fact.get("quote")})]

    def ext_of(self, fact: Mapping[str, Any], **more: Any) -> dict[str, Any]:
        out = {k: fact.get(k) for k in PROVENANCE}
        if not out["inferred"]:
            out["inferred"] = None
        value: dict[str, Any] = _json_value(_clean({**out, **more}))
        return value

    def relation_extra(self, rel: Mapping[str, Any]) -> dict[str, Any]:
        default = f"{rel['from']}--{str(rel['type']).lower()}--{rel['to']}"
        return self.ext_of(
            rel,
            type=rel["type"],
            id=rel["id"] if rel["id"] != default else None,
            quote=rel.get("quote"),
            valid_from=rel.get("valid_from"),
            valid_to=rel.get("valid_to"),
            props=rel.get("props"),
        )


def _names(e: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"name": str(a)} for a in e.get("aliases") or []]


def to_popolo(snap: Snapshot) -> dict[str, Any]:
    """The Popolo document of a snapshot (see the module docstring for the mapping)."""
    w = _Writer(snap)
    parent: dict[str, dict[str, Any]] = {}  # first PART_OF of an organization or post
    roles: dict[str, list[str]] = {}
    for r in snap.relations:
        kind = snap.kind(r["from"])
        if (
            r["type"] == "PART_OF"
            and r["from"] not in parent
            and (kind == "Post" or kind in CLASSIFICATION)
            and snap.kind(r["to"]) in CLASSIFICATION
        ):
            parent[r["from"]] = r
        if r["type"] == "TAKES_ROLE" and kind == "Post":
            roles.setdefault(r["from"], []).append(snap.name(r["to"]))
    organizations, posts, persons, others = [], [], [], []
    for e in snap.entities.values():
        kind = str(e["kind"])
        p = parent.get(str(e["id"]))
        ext = w.ext_of(
            e,
            kind=kind,
            type=e.get("type"),
            abbreviation=e.get("abbreviation"),
            props=e.get("props"),
            staffing=e.get("staffing"),
            description=e.get("description") if kind == "Post" else None,
            parent=w.relation_extra(p) if p is not None else None,
        )
        common = {"id": e["id"], "sources": w.link(e), "orggraph": ext}
        if kind in CLASSIFICATION:
            names = _names(e)
            if e.get("abbreviation"):
                names.append({"name": e["abbreviation"], "note": "abbreviation"})
            organizations.append(
                _clean({
                    "id": e["id"], "name": e["name"], "other_names": names,
                    "classification": CLASSIFICATION[kind],
                    "parent_id": p["to"] if p is not None else None,
                    "description": e.get("description"),
                    "founding_date": iso(e.get("valid_from")),
                    "dissolution_date": iso(e.get("valid_to")),
                    **common,
                })
            )  # fmt: skip
        elif kind == "Post":
            posts.append(
                _clean({
                    "id": e["id"], "label": e["name"], "other_label": e.get("aliases") or [],
                    "role": "; ".join(roles.get(str(e["id"]), [])) or None,
                    "organization_id": p["to"] if p is not None else None,
                    "start_date": iso(e.get("valid_from")), "end_date": iso(e.get("valid_to")),
                    **common,
                })
            )  # fmt: skip
        elif kind == "Person":
            persons.append(
                _clean({
                    "id": e["id"], "name": e["name"], "other_names": _names(e),
                    "summary": e.get("description"), **common,
                })
            )  # fmt: skip
        else:
            others.append(_json_value(_clean(dict(e))))
    memberships, relations = [], []
    carried = {id(r) for r in parent.values()}
    for r in snap.relations:
        if id(r) in carried:
            continue
        m = _membership(snap, w, r, parent)
        if m is not None:
            memberships.append(m)
        else:
            relations.append(_json_value(_clean(dict(r))))
    return {
        "orggraph": {
            "format": MARK,
            "sources": [_json_value(_clean(dict(s))) for s in snap.sources.values()],
            "entities": others,
            "relations": relations,
        },
        "organizations": organizations,
        "posts": posts,
        "persons": persons,
        "memberships": memberships,
    }


def _membership(
    snap: Snapshot, w: _Writer, r: Mapping[str, Any], parent: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any] | None:
    rtype, a, b = str(r["type"]), str(r["from"]), str(r["to"])
    ka, kb = snap.kind(a), snap.kind(b)
    body: dict[str, Any]
    if rtype == "HOLDS":
        org_id = parent[b]["to"] if b in parent else None  # the post's organization
        body = {"person_id": a, "post_id": b, "organization_id": org_id, "role": snap.name(b)}
    elif rtype in MEMBERSHIP_ROLE and kb in CLASSIFICATION:
        if ka == "Person":
            body = {"person_id": a}
        elif ka == "Post":
            body = {"post_id": a}
        elif ka in CLASSIFICATION:
            body = {"member": {"@type": "Organization", "id": a}}
        else:
            return None
        props = r.get("props") or {}
        body |= {
            "organization_id": b,
            "role": MEMBERSHIP_ROLE[rtype],
            "on_behalf_of_id": props.get("on_behalf_of"),
        }
    else:
        return None
    return _clean(
        {
            "id": r["id"],
            "label": f"{snap.name(a)} – {snap.name(b)}",
            **body,
            "start_date": iso(r.get("valid_from")),
            "end_date": iso(r.get("valid_to")),
            "sources": w.link(r),
            "orggraph": w.relation_extra(r),
        }
    )


def dumps(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# --- reading Popolo -------------------------------------------------------------------------

LISTS: Final = ("organizations", "posts", "persons", "memberships")


def _quote(obj: Mapping[str, Any], ours: bool) -> tuple[str | None, str | None]:
    """(source url, quote) of an object's first link; a note is a quote only in our files
    (elsewhere Popolo notes say what a link is: "Wikipedia page")."""
    links = obj.get("sources")
    if not isinstance(links, list) or not links or not isinstance(links[0], dict):
        return None, None
    url = links[0].get("url")
    note = links[0].get("note") if ours else None
    return (str(url) if url else None), (str(note) if note else None)


def _links(obj: Mapping[str, Any], ours: bool) -> dict[str, Any]:
    """Someone else's source links, kept as props (they are not quotes we can check)."""
    links = obj.get("sources")
    if ours or not isinstance(links, list):
        return {}
    urls = [str(x["url"]) for x in links if isinstance(x, dict) and x.get("url")]
    return {"source_urls": urls} if urls else {}


def _ext(obj: Mapping[str, Any], key: str = "orggraph") -> dict[str, Any]:
    value = obj.get(key)
    return value if isinstance(value, dict) else {}


def _dates(props: Any) -> dict[str, Any]:
    """JSON has no dates: ISO date strings among props become dates again (as
    loaders.yamlsrc does for JSON datasets), so a prop's type survives the round trip."""
    if not isinstance(props, dict):
        return {}
    return {k: [_date(x) for x in v] if isinstance(v, list) else _date(v) for k, v in props.items()}


def _date(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def read_popolo(data: Any, b: Builder) -> None:
    """Read a Popolo document (ours or anyone's) into the builder."""
    if not isinstance(data, dict):
        b.problem((), "a Popolo document is a JSON object with organizations, persons, …")
        return
    ext = _ext(data)
    ours = ext.get("format") == MARK
    for key in LISTS:
        if key in data and not isinstance(data[key], list):
            b.problem((key,), f"{key} must be a list")
            return
    if not any(data.get(k) for k in LISTS):
        b.problem((), "no organizations, posts, persons or memberships in the document")
        return
    by_url: dict[str, str] = {}
    for i, s in enumerate(ext.get("sources") or []):
        if isinstance(s, dict) and isinstance(s.get("id"), str):
            sid = b.source(f"{SOURCE_URN}{s['id']}", dict(s), ("orggraph", "sources", i))
            if s.get("url"):
                by_url[str(s["url"])] = sid

    def source_of(url: str | None, where: JsonPath) -> str | None:
        if url is None:
            return None
        if url in by_url:
            return by_url[url]
        if url.startswith(SOURCE_URN):
            found = b.source_id(url)
            if found is not None:
                return found
        sid = b.source(url, {"file": url, "title": url, "kind": "web page", "url": url}, where)
        by_url[url] = sid
        return sid

    def fact(obj: Mapping[str, Any], where: JsonPath) -> dict[str, Any]:
        url, quote = _quote(obj, ours)
        x = _ext(obj)
        own = b.source_id(f"{SOURCE_URN}{x['source']}") if x.get("source") else None
        return {
            "quote": quote,
            "source": own or (source_of(url, (*where, "sources", 0)) if quote else None),
            "inferred": x.get("inferred") or None,
            "reason": x.get("reason"),
            "status": x.get("status"),
        }

    objects: list[tuple[str, int, dict[str, Any]]] = []
    for key in ("organizations", "posts", "persons"):
        for i, obj in enumerate(data.get(key) or []):
            if not isinstance(obj, dict):
                b.problem((key, i), "expected an object")
                continue
            ref = obj.get("id")
            label = obj.get("name") if key != "posts" else obj.get("label")
            if not isinstance(ref, str) or not ref.strip():
                b.problem((key, i), "has no id; every object needs one to be linked")
                continue
            if not isinstance(label, str) or not label.strip():
                field = "label" if key == "posts" else "name"
                b.problem((key, i), f"has no {field}")
                continue
            b.slug(ref, ref, (key, i, "id"))
            objects.append((key, i, obj))
    for key, i, obj in objects:
        where: JsonPath = (key, i)
        x = _ext(obj)
        names = [n for n in obj.get("other_names") or [] if isinstance(n, dict)]
        abbreviation = x.get("abbreviation")
        aliases = [
            str(n["name"]) for n in names if n.get("note") != "abbreviation" and n.get("name")
        ]
        if key == "posts":
            kind, name = "Post", obj["label"]
            aliases = [str(a) for a in obj.get("other_label") or []]
        elif key == "persons":
            kind, name = "Person", obj["name"]
        else:
            name = obj["name"]
            cls = str(obj.get("classification") or "").lower()
            kind = KIND_OF_CLASSIFICATION.get(cls) or (
                "Unit" if obj.get("parent_id") else "Organisation"
            )
            if abbreviation is None:
                abbreviation = next(
                    (n["name"] for n in names if n.get("note") == "abbreviation"), None
                )
        if x.get("kind"):
            kind = str(x["kind"])
        start = obj.get("founding_date") or obj.get("start_date")
        end = obj.get("dissolution_date") or obj.get("end_date")
        b.entity(
            {
                "id": b.known(obj["id"]),
                "kind": kind,
                "name": name,
                "type": x.get("type"),
                "abbreviation": abbreviation,
                "aliases": aliases,
                "description": obj.get("description") or obj.get("summary") or x.get("description"),
                **fact(obj, where),
                "valid_from": _date(start),
                "valid_to": _date(end),
                "props": _dates(x.get("props")) or _links(obj, ours),
                "staffing": x.get("staffing") or [],
            },
            where,
            (key, i, "label" if key == "posts" else "name"),
        )
        field = "parent_id" if key == "organizations" else "organization_id"
        parent = obj.get(field)
        if isinstance(parent, str) and key != "persons":
            link = _ext(x, "parent")
            _relation(b, "PART_OF", obj["id"], parent, link, (*where, field), ours)
    for i, e in enumerate(ext.get("entities") or []):
        if isinstance(e, dict) and isinstance(e.get("id"), str):
            b.slug(e["id"], e["id"], ("orggraph", "entities", i))
    for i, e in enumerate(ext.get("entities") or []):
        if isinstance(e, dict) and isinstance(e.get("id"), str):
            doc = {**e, "id": b.known(e["id"]), "props": _dates(e.get("props"))}
            doc["source"] = b.source_id(f"{SOURCE_URN}{e['source']}") if e.get("source") else None
            for k in ("valid_from", "valid_to"):
                doc[k] = _date(doc.get(k))
            b.entity(doc, ("orggraph", "entities", i))
    for i, m in enumerate(data.get("memberships") or []):
        where = ("memberships", i)
        if not isinstance(m, dict):
            b.problem(where, "expected an object")
            continue
        x = _ext(m)
        member = _ext(m, "member")
        person, post, org = m.get("person_id"), m.get("post_id"), m.get("organization_id")
        role = str(m.get("role") or "").lower()
        url, quote = _quote(m, ours)
        link = {**x, "quote": quote, "url": url, "valid_from": m.get("start_date"),
                "valid_to": m.get("end_date")}  # fmt: skip
        if m.get("on_behalf_of_id"):
            link["props"] = {**(x.get("props") or {}), "on_behalf_of": m["on_behalf_of_id"]}
        rtype = x.get("type")
        if person and post and (rtype in (None, "HOLDS")):
            _relation(b, "HOLDS", person, post, link, (*where, "post_id"), ours)
            continue
        subject = person or post or member.get("id")
        if not subject or not org:
            b.problem(
                where,
                "a membership needs a member (person_id, post_id or member) and an organization_id",
            )
            continue
        rtype = rtype or ROLE_TYPE.get(role, "MEMBER_OF")
        _relation(b, rtype, subject, org, link, (*where, "organization_id"), ours)
    for i, r in enumerate(ext.get("relations") or []):
        if isinstance(r, dict):
            link = {**r, "url": f"{SOURCE_URN}{r['source']}" if r.get("source") else None}
            _relation(b, str(r.get("type")), r.get("from"), r.get("to"), link,
                      ("orggraph", "relations", i), True)  # fmt: skip


def _relation(
    b: Builder, rtype: str, from_: Any, to: Any, link: Mapping[str, Any], where: JsonPath,
    ours: bool,
) -> None:  # fmt: skip
    a = b.known(str(from_)) if isinstance(from_, str) else None
    c = b.known(str(to)) if isinstance(to, str) else None
    for ref, found, what in ((from_, a, "member/subject"), (to, c, "organization/object")):
        if found is None:
            b.problem(where, f"{what} {ref!r} is not an organization, post or person of the file")
    if a is None or c is None:
        return
    url = link.get("url")
    source = b.source_id(f"{SOURCE_URN}{link['source']}") if link.get("source") else None
    if source is None and link.get("quote") and isinstance(url, str):
        source = b.source_id(url)
        if source is None:
            source = b.source(
                url, {"file": url, "title": url, "kind": "web page", "url": url}, where
            )
    props = _dates(link.get("props"))
    for key in ("on_behalf_of", "requested_by", "in_role"):
        if isinstance(props.get(key), str):
            props[key] = b.known(props[key]) or props[key]
    doc = {
        "type": rtype,
        "from": a,
        "to": c,
        "id": link.get("id"),
        "quote": link.get("quote") if (ours or link.get("quote")) else None,
        "source": source,
        "inferred": link.get("inferred") or None,
        "reason": link.get("reason"),
        "status": link.get("status"),
        "valid_from": _date(link.get("valid_from")),
        "valid_to": _date(link.get("valid_to")),
        "props": props,
    }
    # `where` is the field stating the link (parent_id, organization_id …): an unquoted
    # relation cites that line of the file; problems point at its object.
    stated = where if where and where[-1] in _LINK_FIELDS else ()
    b.relation(doc, where[:-1] if stated else where, stated, str(to))
