"""The graph as W3C ORG in RDF (rdflib; JSON-LD and Turtle), and such RDF back to a dataset.

Mapping (docs/formats/org.md is its prose): Organisation -> org:FormalOrganization, Unit ->
org:OrganizationalUnit, Post -> org:Post, Role -> org:Role, Person -> foaf:Person, Board,
PartnerBody and Forum -> org:Organization; every entity also has its orggraph kind class
(`og:Unit`, `og:Board`, `og:System` …) so an import knows the kind exactly. PART_OF ->
org:unitOf/org:hasUnit (units), org:postIn/org:hasPost (posts), org:subOrganizationOf/
org:hasSubOrganization (the rest); HOLDS -> org:holds/org:heldBy; TAKES_ROLE -> org:role;
LEADS -> org:headOf; REPORTS_TO -> org:reportsTo; MEMBER_OF, PARTICIPATES_IN,
REPRESENTS_AT, CHAIRS -> an org:Membership (org:member, org:organization, org:role,
org:memberDuring when dated); COLLABORATES_WITH -> an org:OrganizationalCollaboration;
REPLACES -> an org:ChangeEvent; every other type an `og:` property.

Provenance (PROV): every fact is a prov:Entity `prov:wasDerivedFrom` its source document with
the verbatim quote as `prov:value`, and `og:inferred`, `og:reason`, `og:status`,
`og:validFrom`/`og:validTo`. A plain statement is reified (rdf:Statement with rdf:subject,
rdf:predicate, rdf:object); memberships, collaborations and change events are nodes already
and carry it themselves; an entity's own provenance is the reified statement of its rdf:type.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any, Final

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD
from rdflib.plugins.serializers.jsonld import from_rdf
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from loaders.dataset import RELATION_ID_REGEX, EntityKind, RelType
from loaders.formats import Format, Snapshot
from loaders.formats.importer import Builder
from loaders.hr_csv import slugify
from loaders.staffing import staffing_number
from loaders.yamlsrc import JsonPath, YamlDocument

_RELATION_ID: Final = re.compile(RELATION_ID_REGEX)

OG: Final = Namespace("urn:orggraph:ns#")
ID: Final = "urn:orggraph:id:"
SOURCE: Final = "urn:orggraph:source:"
FACT: Final = "urn:orggraph:fact:"
REL: Final = "urn:orggraph:rel:"
STAFF: Final = "urn:orggraph:staffing:"
ROLE: Final = "urn:orggraph:role:"

CONTEXT: Final[dict[str, str]] = {
    "org": str(ORG),
    "prov": str(PROV),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "time": str(TIME),
    "schema": str(SDO),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "og": str(OG),
}

ORG_CLASS: Final[dict[str, URIRef]] = {
    "Organisation": ORG.FormalOrganization,
    "Unit": ORG.OrganizationalUnit,
    "Post": ORG.Post,
    "Role": ORG.Role,
    "Person": FOAF.Person,
    "Board": ORG.Organization,
    "PartnerBody": ORG.Organization,
    "Forum": ORG.Organization,
}
ORGANISATION_KINDS: Final = frozenset({"Organisation", "Unit", "Board", "PartnerBody", "Forum"})
# Membership relations: the org:role each stands for (a skos:Concept of ours).
MEMBERSHIP_ROLE: Final[dict[str, str]] = {
    "MEMBER_OF": "member",
    "PARTICIPATES_IN": "participant",
    "REPRESENTS_AT": "representative",
    "CHAIRS": "chair",
}
ROLE_TYPE: Final = {v: k for k, v in MEMBERSHIP_ROLE.items()}
# Plain relations with an ORG property: (property, inverse or None).
ORG_PROPERTY: Final[dict[str, tuple[URIRef, URIRef | None]]] = {
    "HOLDS": (ORG.holds, ORG.heldBy),
    "LEADS": (ORG.headOf, None),
    "REPORTS_TO": (ORG.reportsTo, None),
}
# Relation props whose value is an entity: the property it becomes.
REFERENCE_PROPERTY: Final[dict[str, URIRef]] = {
    "on_behalf_of": OG.onBehalfOf,
    "requested_by": PROV.wasInfluencedBy,
    "in_role": OG.inRole,
}


def camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(p.capitalize() for p in rest)


def entity_iri(entity_id: str) -> URIRef:
    return URIRef(ID + entity_id)


def source_iri(source_id: str) -> URIRef:
    return URIRef(SOURCE + source_id)


def relation_iri(rel: Mapping[str, Any]) -> URIRef:
    return URIRef(f"{REL}{rel['type']}:{rel['from']}:{rel['id']}")


def _literal(value: Any) -> Literal:
    if isinstance(value, date):
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def _props(g: Graph, node: Node, props: Mapping[str, Any]) -> None:
    for key, value in sorted(props.items()):
        if key in REFERENCE_PROPERTY and isinstance(value, str):
            g.add((node, REFERENCE_PROPERTY[key], entity_iri(value)))
        elif isinstance(value, list):
            # A list keeps its order and type: one rdf:JSON literal.
            text = json.dumps([v.isoformat() if isinstance(v, date) else v for v in value])
            g.add((node, OG[key], Literal(text, datatype=RDF.JSON)))
        else:
            g.add((node, OG[key], _literal(value)))


def _provenance(g: Graph, node: Node, fact: Mapping[str, Any]) -> None:
    g.add((node, RDF.type, PROV.Entity))
    if fact.get("source"):
        g.add((node, PROV.wasDerivedFrom, source_iri(str(fact["source"]))))
    if fact.get("quote") is not None:
        g.add((node, PROV.value, Literal(str(fact["quote"]))))
    g.add((node, OG.inferred, Literal(bool(fact.get("inferred", False)))))
    if fact.get("reason"):
        g.add((node, OG.reason, Literal(str(fact["reason"]))))
    if fact.get("status"):
        g.add((node, OG.status, Literal(str(fact["status"]))))
    for key, prop in (("valid_from", OG.validFrom), ("valid_to", OG.validTo)):
        if fact.get(key) is not None:
            g.add((node, prop, _literal(fact[key])))


def _interval(g: Graph, node: URIRef, rel: Mapping[str, Any]) -> None:
    start, end = rel.get("valid_from"), rel.get("valid_to")
    if start is None and end is None:
        return
    during = URIRef(f"{node}:during")
    g.add((node, ORG.memberDuring, during))
    g.add((during, RDF.type, TIME.Interval))
    for value, prop, tag in ((start, TIME.hasBeginning, "begin"), (end, TIME.hasEnd, "end")):
        if value is not None:
            instant = URIRef(f"{during}:{tag}")
            g.add((during, prop, instant))
            g.add((instant, RDF.type, TIME.Instant))
            g.add((instant, TIME.inXSDDate, _literal(value)))


def _source(g: Graph, s: Mapping[str, Any]) -> None:
    node = source_iri(str(s["id"]))
    for cls in (PROV.Entity, FOAF.Document, OG.Source):
        g.add((node, RDF.type, cls))
    g.add((node, DCTERMS.identifier, Literal(str(s["id"]))))
    g.add((node, DCTERMS.title, Literal(str(s["title"]))))
    g.add((node, OG.file, Literal(str(s["file"]))))
    g.add((node, OG.sourceKind, Literal(str(s["kind"]))))
    if s.get("language"):
        g.add((node, DCTERMS.language, Literal(str(s["language"]))))
    if s.get("organisation"):
        g.add((node, DCTERMS.subject, entity_iri(str(s["organisation"]))))
    if s.get("url"):
        g.add((node, FOAF.page, URIRef(str(s["url"]))))


def _entity(g: Graph, e: Mapping[str, Any]) -> None:
    node = entity_iri(str(e["id"]))
    kind = str(e["kind"])
    main = ORG_CLASS.get(kind, OG[kind])
    g.add((node, RDF.type, main))
    g.add((node, RDF.type, OG[kind]))
    g.add((node, DCTERMS.identifier, Literal(str(e["id"]))))
    g.add((node, SKOS.prefLabel, Literal(str(e["name"]))))
    aliases = [str(a) for a in e.get("aliases") or []]
    for alias in aliases:
        g.add((node, SKOS.altLabel, Literal(alias)))
    if len(aliases) > 1:  # RDF values are a set; the order is the file's
        g.add(
            (node, OG.aliases, Literal(json.dumps(aliases, ensure_ascii=False), datatype=RDF.JSON))
        )
    if e.get("abbreviation"):
        g.add((node, OG.abbreviation, Literal(str(e["abbreviation"]))))
    if e.get("description"):
        g.add((node, DCTERMS.description, Literal(str(e["description"]))))
    if e.get("type"):
        g.add((node, OG.type, Literal(str(e["type"]))))
    _props(g, node, e.get("props") or {})
    fact = URIRef(f"{FACT}{e['id']}")
    g.add((fact, RDF.type, RDF.Statement))
    g.add((fact, RDF.subject, node))
    g.add((fact, RDF.predicate, RDF.type))
    g.add((fact, RDF.object, main))
    _provenance(g, fact, e)
    for n, f in enumerate(e.get("staffing") or [], 1):
        figure = URIRef(f"{STAFF}{e['id']}--staffing-{n}")
        g.add((node, OG.hasStaffing, figure))
        g.add((figure, RDF.type, OG.Staffing))
        g.add((figure, RDF.type, SDO.QuantitativeValue))
        g.add((figure, SDO.value, Literal(int(f["count"]))))
        for key in ("rank", "per", "note"):
            if f.get(key) is not None:
                g.add((figure, OG[key], Literal(str(f[key]))))
        _provenance(g, figure, f)


def _part_of(snap: Snapshot, rel: Mapping[str, Any]) -> tuple[URIRef, URIRef]:
    kind = snap.kind(str(rel["from"]))
    if kind == "Unit":
        return ORG.unitOf, ORG.hasUnit
    if kind == "Post":
        return ORG.postIn, ORG.hasPost
    return ORG.subOrganizationOf, ORG.hasSubOrganization


def _relation(g: Graph, snap: Snapshot, rel: Mapping[str, Any]) -> None:
    rtype = str(rel["type"])
    a, b = entity_iri(str(rel["from"])), entity_iri(str(rel["to"]))
    node = relation_iri(rel)
    g.add((node, OG.relationType, Literal(rtype)))
    g.add((node, DCTERMS.identifier, Literal(str(rel["id"]))))
    if rtype in MEMBERSHIP_ROLE:
        role = URIRef(ROLE + MEMBERSHIP_ROLE[rtype])
        g.add((node, RDF.type, ORG.Membership))
        g.add((node, ORG.member, a))
        g.add((node, ORG.organization, b))
        g.add((node, ORG.role, role))
        g.add((role, RDF.type, ORG.Role))
        g.add((role, SKOS.prefLabel, Literal(MEMBERSHIP_ROLE[rtype])))
        _interval(g, node, rel)
    elif rtype == "COLLABORATES_WITH":
        g.add((node, RDF.type, ORG.OrganizationalCollaboration))
        g.add((node, ORG.hasMember, a))
        g.add((node, ORG.hasMember, b))
        g.add((node, OG.relationFrom, a))
        g.add((node, OG.relationTo, b))
    elif rtype == "REPLACES":
        g.add((node, RDF.type, ORG.ChangeEvent))
        g.add((node, ORG.resultingOrganization, a))
        g.add((node, ORG.originalOrganization, b))
    else:
        if rtype == "PART_OF":
            prop, inverse = _part_of(snap, rel)
        elif rtype == "TAKES_ROLE" and snap.kind(str(rel["from"])) == "Post":
            prop, inverse = ORG.role, None
        elif rtype in ORG_PROPERTY and not (rtype == "LEADS" and snap.kind(rel["to"]) == "Task"):
            prop, inverse = ORG_PROPERTY[rtype]
        else:
            prop, inverse = OG[camel(rtype)], None
        g.add((a, prop, b))
        if inverse is not None:
            g.add((b, inverse, a))
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.subject, a))
        g.add((node, RDF.predicate, prop))
        g.add((node, RDF.object, b))
    _props(g, node, rel.get("props") or {})
    _provenance(g, node, rel)


# Facts per rdflib graph when a snapshot is serialised (about 12 triples a fact). rdflib keeps
# ~1.5 kB per triple and its Turtle serializer's namespace trie grows with the distinct IRI
# prefixes of a graph (each relation's `urn:orggraph:rel:TYPE:from:` is one), so a national
# graph (six million triples) is written as many small graphs: memory stays bounded and the
# per-triple cost flat (measured on the generated zones: docs/formats/org.md, "Size").
CHUNK: Final = 1_000


class _Turtle(TurtleSerializer):
    """rdflib's Turtle serializer, its prefixed-name lookup memoised per document: the lookup
    of an IRI whose namespace has no prefix (all of ours) is not cached by rdflib and splits
    the IRI again at every use (two thirds of the serializer's time on our graphs). The
    output is byte for byte rdflib's (a test compares them)."""

    def reset(self) -> None:
        super().reset()
        self._pnames: dict[tuple[Node, bool], str | None] = {}

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        key = (uri, gen_prefix)
        try:
            return self._pnames[key]
        except KeyError:
            name = self._pnames[key] = super().get_pname(uri, gen_prefix)
            return name


def _graph(store: str = "default") -> Graph:
    g = Graph(store=store)
    for prefix, ns in CONTEXT.items():
        g.bind(prefix, Namespace(ns), override=True)
    return g


def to_graph(snap: Snapshot) -> Graph:
    """The whole snapshot as one rdflib graph (rdflib's default store)."""
    g = _graph()
    _fill(g, snap, _facts(snap), with_sources=True)
    return g


def _facts(snap: Snapshot) -> list[tuple[bool, Mapping[str, Any]]]:
    facts: list[tuple[bool, Mapping[str, Any]]] = [(True, e) for e in snap.entities.values()]
    facts += [(False, r) for r in snap.relations]
    return facts


def _fill(
    g: Graph, snap: Snapshot, facts: list[tuple[bool, Mapping[str, Any]]], *, with_sources: bool
) -> None:
    if with_sources:
        for s in snap.sources.values():
            _source(g, s)
    for is_entity, fact in facts:
        if is_entity:
            _entity(g, fact)
        else:
            _relation(g, snap, fact)


def pieces(snap: Snapshot, size: int | None = CHUNK) -> Iterator[Graph]:
    """The snapshot's RDF in graphs of at most `size` facts (None: one graph), each in rdflib's
    light store without named graphs (SimpleMemory: a third cheaper to fill and to read);
    together they are `to_graph(snap)`: no blank nodes, so the pieces' union is the graph."""
    facts = _facts(snap)
    step = size or max(len(facts), 1)
    for start in range(0, max(len(facts), 1), step):
        g = _graph("SimpleMemory")
        _fill(g, snap, facts[start : start + step], with_sources=start == 0)
        yield g


def serialise(g: Graph, fmt: Format) -> str:
    if fmt is Format.ORG_TURTLE:
        out = io.BytesIO()
        _Turtle(g).serialize(out, encoding="utf-8")
        return out.getvalue().decode("utf-8")
    return g.serialize(format="json-ld", context=CONTEXT, indent=1)


def document(snap: Snapshot, fmt: Format, size: int = CHUNK) -> Iterator[str]:
    """One RDF document of the snapshot as consecutive pieces of text, built and serialised by
    rdflib a piece (`size` facts) at a time, so memory holds one piece, not the graph.

    Turtle: the pieces' documents one after the other (a repeated `@prefix` is valid Turtle).
    JSON-LD: one document, `{"@context": CONTEXT, "@graph": [...]}`, whose node objects are
    those of rdflib's JSON-LD serialisation of each piece with that same context, one per line
    (a subject may appear in several node objects; JSON-LD merges them). A snapshot of one
    piece (at most `size` facts) is rdflib's own document."""
    if len(snap.entities) + len(snap.relations) <= size:
        yield serialise(next(pieces(snap, None)), fmt)
        return
    if fmt is Format.ORG_TURTLE:
        for n, g in enumerate(pieces(snap, size)):
            yield ("\n" if n else "") + serialise(g, fmt)
        return
    context = json.dumps(CONTEXT, ensure_ascii=False, indent=1).replace("\n", "\n ")
    yield '{\n "@context": ' + context + ',\n "@graph": ['
    first = True
    for g in pieces(snap, size):
        # rdflib's JSON-LD serialisation of the piece as JSON data (its serializer's own
        # `from_rdf`), each node object on one line: json's C encoder, where an indented
        # document takes its pure-Python one (most of the time of a national export).
        doc: Any = from_rdf(g, CONTEXT)  # type: ignore[no-untyped-call]
        doc.pop("@context", None)
        nodes = doc.get("@graph", [doc] if doc else [])
        text = ",".join(
            "\n  " + json.dumps(node, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            for node in nodes
        )
        if text:
            yield ("" if first else ",") + text
            first = False
    yield "\n ]\n}\n"


def serialise_snapshot(snap: Snapshot, fmt: Format, size: int = CHUNK) -> str:
    """The whole document of `document(snap, fmt, size)` as one text (small exports)."""
    return "".join(document(snap, fmt, size))


# --- reading RDF back -----------------------------------------------------------------------

ORG_KIND: Final[dict[URIRef, str]] = {
    ORG.FormalOrganization: "Organisation",
    ORG.OrganizationalUnit: "Unit",
    ORG.Post: "Post",
    FOAF.Person: "Person",
    ORG.Organization: "PartnerBody",
    ORG.Role: "Role",
}
# Direct ORG triples (no statement of ours): relation type, and whether subject is `from`.
DIRECT: Final[dict[URIRef, tuple[str, bool]]] = {
    ORG.unitOf: ("PART_OF", True),
    ORG.hasUnit: ("PART_OF", False),
    ORG.subOrganizationOf: ("PART_OF", True),
    ORG.hasSubOrganization: ("PART_OF", False),
    ORG.postIn: ("PART_OF", True),
    ORG.hasPost: ("PART_OF", False),
    ORG.holds: ("HOLDS", True),
    ORG.heldBy: ("HOLDS", False),
    ORG.headOf: ("LEADS", True),
    ORG.reportsTo: ("REPORTS_TO", True),
    ORG.role: ("TAKES_ROLE", True),
}


def objects(g: Graph, node: Node, prop: URIRef) -> Iterator[Node]:
    yield from sorted(g.objects(node, prop), key=str)


def one(g: Graph, node: Node, prop: URIRef) -> Node | None:
    return next(objects(g, node, prop), None)


def text(g: Graph, node: Node, prop: URIRef) -> str | None:
    value = one(g, node, prop)
    return None if value is None else str(value)


def python(value: Node) -> Any:
    if isinstance(value, Literal):
        if value.datatype == RDF.JSON:
            return json.loads(str(value))
        return value.toPython()
    return str(value)


def is_blank(node: Node) -> bool:
    return isinstance(node, BNode)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


# og: terms that are fields of the format, not props, on an entity / a relation node.
ENTITY_TERMS: Final = frozenset({"abbreviation", "type", "hasStaffing", "aliases"})
FACT_TERMS: Final = frozenset(
    {"relationType", "inferred", "reason", "status", "validFrom", "validTo", "relationFrom",
     "relationTo", "onBehalfOf", "inRole"}
)  # fmt: skip
REL_TYPE_OF_PROPERTY: Final = {camel(t): t for t in RelType}


def _og_term(pred: Node) -> str | None:
    s = str(pred)
    return s[len(str(OG)) :] if s.startswith(str(OG)) else None


def _remote_contexts(data: Any, path: JsonPath, found: list[JsonPath]) -> None:
    """Where the document asks for a context by URL (a JSON-LD reader would fetch it)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("@context", "@import") and (
                isinstance(value, str)
                or (isinstance(value, list) and any(isinstance(v, str) for v in value))
            ):
                found.append((*path, key))
            _remote_contexts(value, (*path, key), found)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _remote_contexts(value, (*path, i), found)


def _node_paths(data: Any, path: JsonPath, out: dict[str, JsonPath]) -> None:
    if isinstance(data, dict):
        ref = data.get("@id")
        if isinstance(ref, str) and len(data) > 1:
            out.setdefault(ref, path)
        for key, value in data.items():
            _node_paths(value, (*path, key), out)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _node_paths(value, (*path, i), out)


def read_jsonld(doc: YamlDocument, b: Builder) -> None:
    """Parse the file as JSON-LD (inline contexts only: nothing is fetched) and read it."""
    remote: list[JsonPath] = []
    _remote_contexts(doc.data, (), remote)
    for where in remote:
        b.problem(
            where,
            "a remote @context (a URL) is not fetched; inline the context as a JSON object",
        )
    if remote:
        return
    g = Graph()
    try:
        g.parse(data=json.dumps(doc.data, default=str), format="json-ld")
    except Exception as e:  # rdflib raises many kinds; the message is what matters
        b.problem((), f"not valid JSON-LD: {type(e).__name__}: {e}")
        return
    paths: dict[str, JsonPath] = {}
    _node_paths(doc.data, (), paths)

    def stated(node: Node, prop: URIRef) -> JsonPath:
        """The key of `node`'s object in the file that states `prop` (any prefix)."""
        path = paths.get(str(node))
        obj: Any = doc.data
        for step in path or ():
            obj = obj[step]
        local = re.split(r"[#/:]", str(prop))[-1]
        if path is None or not isinstance(obj, dict):
            return ()
        key = next((k for k in obj if re.split(r"[#/:]", k)[-1] == local), None)
        return () if key is None else (*path, key)

    read_rdf(g, b, lambda node: paths.get(str(node), ()), stated)


def _fact(g: Graph, node: Node, b: Builder) -> dict[str, Any]:
    """A node's provenance fields (the format's names), as far as the file states them."""
    src = one(g, node, PROV.wasDerivedFrom)
    inferred = one(g, node, OG.inferred)
    out: dict[str, Any] = {
        "quote": text(g, node, PROV.value),
        "source": b.source_id(str(src)) if src is not None else None,
        "inferred": bool(python(inferred)) if inferred is not None else None,
        "reason": text(g, node, OG.reason),
        "status": text(g, node, OG.status),
    }
    for key, prop in (("valid_from", OG.validFrom), ("valid_to", OG.validTo)):
        value = one(g, node, prop)
        out[key] = python(value) if value is not None else None
    if out["inferred"] is False:
        out["inferred"] = None
    return out


def _node_props(g: Graph, node: Node, skip: frozenset[str], b: Builder) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for pred, value in sorted(g.predicate_objects(node), key=lambda pv: (str(pv[0]), str(pv[1]))):
        term = _og_term(pred)
        if term is not None and term not in skip and isinstance(value, Literal):
            props[term] = python(value)
    for key, prop in REFERENCE_PROPERTY.items():
        ref = one(g, node, prop)
        if ref is not None:
            props[key] = b.known(str(ref)) or str(ref)
    return props


def _kind(g: Graph, node: Node) -> str | None:
    types = set(g.objects(node, RDF.type))
    for t in types:
        term = _og_term(t)
        if term in KINDS:
            return term
    if str(node).startswith(ROLE):
        return None  # our membership roles are concepts, not entities
    for cls, kind in ORG_KIND.items():
        if cls in types:
            return kind
    return None


KINDS: Final = frozenset(k.value for k in EntityKind)
N_ARY: Final = (ORG.Membership, ORG.OrganizationalCollaboration, ORG.ChangeEvent)


def read_rdf(
    g: Graph,
    b: Builder,
    where: Callable[[Node], JsonPath],
    stated: Callable[[Node, URIRef], JsonPath] = lambda node, prop: (),
) -> None:
    """Sources, entities and relations of an RDF graph in ORG (ours, or anyone's)."""
    documents = set(g.subjects(RDF.type, OG.Source)) | set(g.subjects(RDF.type, FOAF.Document))
    for node in sorted(documents, key=str):
        doc = {
            "file": text(g, node, OG.file) or str(node),
            "title": text(g, node, DCTERMS.title) or str(node),
            "kind": text(g, node, OG.sourceKind) or "document",
            "language": text(g, node, DCTERMS.language),
            "url": text(g, node, FOAF.page),
        }
        about = one(g, node, DCTERMS.subject)
        if about is not None:
            doc["organisation"] = str(about)  # resolved to an id below
        doc = {k: v for k, v in doc.items() if v is not None}
        b.source(str(node), {**doc, "id": text(g, node, DCTERMS.identifier)}, where(node))
    # Entities: the type statement of each carries its provenance.
    type_facts: dict[Node, Node] = {}
    for fact in g.subjects(RDF.predicate, RDF.type):
        subject = one(g, fact, RDF.subject)
        if subject is not None:
            type_facts[subject] = fact
    entity_nodes: list[tuple[Node, str]] = []
    for node in sorted(set(g.subjects(RDF.type, None)), key=str):
        kind = _kind(g, node)
        if kind is not None and not any((node, RDF.type, c) in g for c in N_ARY):
            entity_nodes.append((node, kind))
            b.slug(str(node), text(g, node, DCTERMS.identifier), where(node))
    for s in b.sources.values():
        if "organisation" in s:
            s["organisation"] = b.known(str(s["organisation"])) or slugify(str(s["organisation"]))
    for node, kind in entity_nodes:
        name = (text(g, node, SKOS.prefLabel) or text(g, node, RDFS.label)
                or text(g, node, FOAF.name) or b.known(str(node)))  # fmt: skip
        typed = type_facts.get(node)
        entity: dict[str, Any] = {
            "id": b.known(str(node)),
            "kind": kind,
            "name": name,
            "type": text(g, node, OG.type),
            "abbreviation": text(g, node, OG.abbreviation),
            "aliases": _aliases(g, node),
            "description": text(g, node, DCTERMS.description),
            **(_fact(g, typed, b) if typed is not None else {}),
            "props": _node_props(g, node, ENTITY_TERMS, b),
            "staffing": [_figure(g, f, b) for f in _figures(g, node)],
        }
        label = next((p for p in (SKOS.prefLabel, RDFS.label, FOAF.name) if one(g, node, p)), None)
        b.entity(entity, where(node), stated(node, label) if label is not None else ())
    covered: set[tuple[str, str, str]] = set()

    def end(node: Node | None, at: Node, what: str) -> str | None:
        ref = None if node is None else b.known(str(node))
        if ref is None:
            b.problem(where(at), f"{what} {node} of {at} is not an entity of the file")
        return ref

    def add(rtype: str, a: Node | None, c: Node | None, node: Node, rid: str | None) -> None:
        from_, to = end(a, node, "subject"), end(c, node, "object")
        if from_ is None or to is None:
            return
        covered.add((rtype, from_, to))
        props = _node_props(g, node, FACT_TERMS, b)
        if rtype == "REPORTS_TO" and "line" not in props:
            props["line"] = "hierarchical"
        doc = {"type": rtype, "from": from_, "to": to, **_fact(g, node, b), "props": props}
        if rid and rid != f"{from_}--{rtype.lower()}--{to}" and _RELATION_ID.fullmatch(rid):
            doc["id"] = rid
        b.relation(doc, where(node))

    for node in sorted(set(g.subjects(RDF.type, RDF.Statement)), key=str):
        pred = one(g, node, RDF.predicate)
        if pred is None or pred == RDF.type:
            continue
        rtype = text(g, node, OG.relationType)
        if rtype is None:
            term = _og_term(pred)
            direct = DIRECT.get(URIRef(str(pred)))
            rtype = direct[0] if direct else REL_TYPE_OF_PROPERTY.get(term or "")
        if rtype is None:
            b.problem(where(node), f"statement about {pred} has no orggraph relation type")
            continue
        add(rtype, one(g, node, RDF.subject), one(g, node, RDF.object), node,
            text(g, node, DCTERMS.identifier))  # fmt: skip
    for node in sorted(set(g.subjects(RDF.type, ORG.Membership)), key=str):
        rtype = text(g, node, OG.relationType)
        if rtype is None:
            role = one(g, node, ORG.role)
            role_name = text(g, role, SKOS.prefLabel) if role is not None else None
            rtype = ROLE_TYPE.get((role_name or "").lower(), "MEMBER_OF")
        add(rtype, one(g, node, ORG.member), one(g, node, ORG.organization), node,
            text(g, node, DCTERMS.identifier))  # fmt: skip
    for node in sorted(set(g.subjects(RDF.type, ORG.OrganizationalCollaboration)), key=str):
        a, c = one(g, node, OG.relationFrom), one(g, node, OG.relationTo)
        if a is None or c is None:
            members = list(objects(g, node, ORG.hasMember))
            a, c = [*members, None, None][:2]
        add("COLLABORATES_WITH", a, c, node, text(g, node, DCTERMS.identifier))
    for node in sorted(set(g.subjects(RDF.type, ORG.ChangeEvent)), key=str):
        new, old = one(g, node, ORG.resultingOrganization), one(g, node, ORG.originalOrganization)
        add("REPLACES", new, old, node, text(g, node, DCTERMS.identifier))
    # Plain ORG triples no statement of the file describes (someone else's ORG data).
    for pred, (rtype, forward) in DIRECT.items():
        for sub, obj in sorted(g.subject_objects(pred), key=lambda so: (str(so[0]), str(so[1]))):
            a, c = (sub, obj) if forward else (obj, sub)
            from_, to = b.known(str(a)), b.known(str(c))
            if from_ is None or to is None or (rtype, from_, to) in covered:
                continue
            covered.add((rtype, from_, to))
            props = {"line": "hierarchical"} if rtype == "REPORTS_TO" else {}
            rel: dict[str, Any] = {"type": rtype, "from": from_, "to": to, "props": props}
            if props:
                rel["reason"] = (
                    f"imported from {b.file.name} (org:reportsTo has no line: hierarchical "
                    "assumed), which gives no quote"
                )
            b.relation(rel, where(sub), stated(sub, pred), str(obj))


def _aliases(g: Graph, node: Node) -> list[str]:
    labels = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
    ordered = one(g, node, OG.aliases)
    if isinstance(ordered, Literal):
        listed = python(ordered)
        if isinstance(listed, list) and sorted(map(str, listed)) == labels:
            return [str(a) for a in listed]
    return labels


def _figures(g: Graph, node: Node) -> list[Node]:
    return sorted(g.objects(node, OG.hasStaffing), key=lambda f: staffing_number(str(f)))


def _figure(g: Graph, node: Node, b: Builder) -> dict[str, Any]:
    count = one(g, node, SDO.value)
    out: dict[str, Any] = {"count": python(count) if count is not None else None}
    for key in ("rank", "per", "note"):
        out[key] = text(g, node, OG[key])
    out.update(_fact(g, node, b))
    for key in ("status", "valid_from", "valid_to"):
        out.pop(key, None)
    return {k: v for k, v in out.items() if v is not None}
