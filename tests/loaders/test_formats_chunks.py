"""A national ORG export is built and written a bounded piece at a time (issue 17, national
scale): the pieced document of a multi-organisation graph is, for every piece size, the same
RDF graph as the one-graph serialisation (rdflib's isomorphism), one valid JSON-LD document
with one @context, and the bytes the writer streams to disk are the bytes `render` answers.
The memoised Turtle serializer writes what rdflib's own writes, byte for byte. Pure: no Neo4j.
"""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from loaders.formats import Format, Snapshot, default_relation_id, render, write_export
from loaders.formats.org import document, pieces, serialise, to_graph

SOURCE = {"id": "src-a", "title": "Zonaal plan", "file": "a.txt", "kind": "plan"}


def _fact(quote: str, **more: Any) -> dict[str, Any]:
    return {"source": "src-a", "quote": quote, "status": "current", **more}


def _snapshot() -> Snapshot:
    """Two zones with units, posts and people, a board they both sit on, and relations of
    each mapping: PART_OF (unit, post), HOLDS, LEADS, REPORTS_TO, a dated MEMBER_OF, CHAIRS,
    REPRESENTS_AT with on_behalf_of, COLLABORATES_WITH, REPLACES, an og: relation, a
    staffing figure and an inferred fact with its reason."""
    snap = Snapshot(sources={"src-a": SOURCE})

    def entity(eid: str, kind: str, name: str, **more: Any) -> None:
        snap.entities[eid] = {"id": eid, "kind": kind, "name": name, **_fact(name), **more}

    def relation(rtype: str, a: str, b: str, **more: Any) -> None:
        rel = {"type": rtype, "from": a, "to": b, **_fact(f"{a} {rtype} {b}"), **more}
        rel["id"] = default_relation_id(rtype, a, b)
        snap.relations.append(rel)

    entity("raad", "Board", "Politieraad")
    entity("oud", "Organisation", "Oude zone", valid_to=date(2020, 1, 1))
    for z in ("noord", "zuid"):
        entity(z, "Organisation", f"Zone {z}", aliases=[f"PZ {z}", f"{z}zone"])
        entity(f"{z}-ops", "Unit", "Operaties", abbreviation="OPS")
        entity(
            f"{z}-chef", "Post", "Korpschef", props={"rank": "HCP"},
            staffing=[{"count": 3, "rank": "INP", **_fact("drie inspecteurs")}],
        )  # fmt: skip
        entity(f"{z}-jan", "Person", f"Jan {z}")
        entity(f"{z}-taak", "Task", "Verkeer", inferred=True, reason="named in a table")
        relation("PART_OF", f"{z}-ops", z)
        relation("PART_OF", f"{z}-chef", z)
        relation("HOLDS", f"{z}-jan", f"{z}-chef", valid_from=date(2021, 3, 1))
        relation("LEADS", f"{z}-chef", f"{z}-ops")
        relation("REPORTS_TO", f"{z}-chef", "raad", props={"line": "administrative"})
        relation("MEMBER_OF", f"{z}-chef", "raad", valid_from=date(2022, 1, 1))
        relation("REPRESENTS_AT", f"{z}-jan", "raad", props={"on_behalf_of": z})
        relation("RESPONSIBLE_FOR", f"{z}-ops", f"{z}-taak")
    relation("CHAIRS", "noord-chef", "raad")
    relation("COLLABORATES_WITH", "noord", "zuid")
    relation("REPLACES", "zuid", "oud")
    return snap


SNAP = _snapshot()
FACTS = len(SNAP.entities) + len(SNAP.relations)
RDF_FORMATS = ((Format.ORG_TURTLE, "turtle"), (Format.ORG_JSONLD, "json-ld"))


def _parse(text: str, name: str) -> Graph:
    return Graph().parse(data=text, format=name)


@pytest.mark.parametrize(("fmt", "name"), RDF_FORMATS)
def test_pieced_document_is_the_graph(fmt: Format, name: str) -> None:
    whole = to_graph(SNAP)
    assert len(whole) > 200
    one = "".join(document(SNAP, fmt, size=FACTS))  # one piece: rdflib's own document
    assert isomorphic(_parse(one, name), whole)
    for size in (1, 2, 5, 13):
        parts = list(document(SNAP, fmt, size=size))
        assert len(parts) > 2, size  # really written in pieces
        assert isomorphic(_parse("".join(parts), name), whole), size
    # Not vacuous: a graph without one fact's triples is not the same graph.
    short = Snapshot(SNAP.sources, SNAP.entities, SNAP.relations[:-1])
    assert not isomorphic(_parse("".join(document(short, fmt, size=5)), name), whole)


def test_pieced_json_ld_is_one_document_with_one_context() -> None:
    doc = json.loads("".join(document(SNAP, Format.ORG_JSONLD, size=3)))
    assert set(doc) == {"@context", "@graph"}
    assert doc["@context"]["org"] == "http://www.w3.org/ns/org#"
    assert all("@context" not in node for node in doc["@graph"])
    ids = [node["@id"] for node in doc["@graph"]]
    assert "urn:orggraph:id:noord" in ids and "urn:orggraph:source:src-a" in ids


def test_pieces_bound_the_graph_size() -> None:
    sizes = [len(g) for g in pieces(SNAP, 4)]
    assert len(sizes) == -(-FACTS // 4)
    assert max(sizes) < len(to_graph(SNAP)) / 3


def test_memoised_turtle_writes_rdflib_turtle() -> None:
    g = to_graph(SNAP)
    assert serialise(g, Format.ORG_TURTLE) == g.serialize(format="turtle")


@pytest.mark.parametrize("fmt", list(Format))
def test_streamed_files_are_what_render_answers(fmt: Format, tmp_path: Path) -> None:
    report = write_export(SNAP, tmp_path, fmt, "land")
    answer = render(SNAP, fmt, "land")
    assert {p.name for p in report.files} == set(answer)
    for path in report.files:
        assert path.read_bytes() == answer[path.name]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    from loaders.formats import write_stream

    def broken() -> Any:
        yield b"{"
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_stream(tmp_path / "land.jsonld", broken())
    assert list(tmp_path.iterdir()) == []
