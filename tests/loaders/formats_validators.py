"""The validators the format tests run over exports (dev dependencies only: pyshacl and
jsonschema never enter the product): the SHACL shapes of our ORG use and the JSON Schemas of
the Popolo objects, both kept with the format code in loaders/formats/."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pyshacl
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]
from rdflib import Graph
from referencing import Registry, Resource

FORMATS = Path(__file__).resolve().parents[2] / "loaders" / "formats"
SHAPES = FORMATS / "shapes" / "org-shapes.ttl"
SCHEMAS = FORMATS / "schemas" / "popolo"


@cache
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def shacl_report(data: Graph) -> tuple[bool, str]:
    """(conforms, the report's text)."""
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes(), inference="none")
    return bool(conforms), str(text)


@cache
def popolo_validator() -> Draft202012Validator:
    registry: Registry[Any] = Registry()
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text())
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
    root = json.loads((SCHEMAS / "export.json").read_text())
    return Draft202012Validator(root, registry=registry, format_checker=FormatChecker())


def popolo_errors(doc: Any) -> list[str]:
    """Every schema error (with the JSON path where it is), then every dangling reference."""
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in popolo_validator().iter_errors(doc)
    ]
    orgs = {o["id"] for o in doc.get("organizations", [])}
    posts = {p["id"] for p in doc.get("posts", [])}
    people = {p["id"] for p in doc.get("persons", [])}
    refs = [("organizations", "parent_id", orgs), ("posts", "organization_id", orgs)]
    refs += [("memberships", key, orgs) for key in ("organization_id", "on_behalf_of_id")]
    refs += [("memberships", "post_id", posts), ("memberships", "person_id", people)]
    for collection, key, ids in refs:
        for i, obj in enumerate(doc.get(collection, [])):
            if key in obj and obj[key] not in ids:
                errors.append(f"{collection}/{i}/{key}: {obj[key]!r} is not in the document")
    return errors
