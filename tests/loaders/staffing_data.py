"""A small dataset with staffing figures and its source text, for the loader and API tests."""

from __future__ import annotations

from pathlib import Path

TEXT = (
    "Politiezone Teststad is een kleine zone. De lokale recherche telt 8 rechercheurs: "
    "3 hoofdinspecteurs en 5 inspecteurs. Het team drugs van de recherche telt "
    "2 hoofdinspecteurs. De norm is 1 wijkinspecteur per 4000 inwoners. De zone telt ook "
    "een team verkeer."
)

# Line numbers matter: the tests point at them (a figure's `count`, `quote`, the Task).
DATASET = """\
dataset: st-ds
title: Staffing test
defaults: {source: st-src}
sources:
  - {id: st-src, file: st.txt, title: Teststad, kind: web page}
entities:
  - id: st-zone
    kind: Organisation
    name: Politiezone Teststad
    quote: "Politiezone Teststad is een kleine zone."
  - id: st-recherche
    kind: Unit
    name: Lokale recherche
    quote: "De lokale recherche telt 8 rechercheurs"
    staffing:
      - {count: 3, rank: HINP, note: rechercheurs, quote: "3 hoofdinspecteurs"}
      - {count: 5, rank: INP, note: rechercheurs, quote: "5 inspecteurs"}
      - {count: 8, note: rechercheurs, quote: "De lokale recherche telt 8 rechercheurs"}
  - id: st-drugs
    kind: Unit
    name: Team drugs
    quote: "Het team drugs van de recherche"
    staffing:
      - count: 2
        rank: HINP
        quote: "Het team drugs van de recherche telt 2 hoofdinspecteurs."
  - id: st-wijkinspecteur
    kind: Post
    name: Wijkinspecteur
    quote: "De norm is 1 wijkinspecteur per 4000 inwoners."
    staffing:
      - {count: 1, per: 4000 inwoners, quote: "De norm is 1 wijkinspecteur per 4000 inwoners."}
  - id: st-verkeer
    kind: Unit
    name: Team verkeer
    quote: "De zone telt ook een team verkeer."
relations:
  - {type: PART_OF, from: st-recherche, to: st-zone, quote: "De lokale recherche telt"}
  - {type: PART_OF, from: st-drugs, to: st-recherche, quote: "Het team drugs van de recherche"}
  - {type: PART_OF, from: st-verkeer, to: st-zone, quote: "De zone telt ook een team verkeer."}
  - type: PART_OF
    from: st-wijkinspecteur
    to: st-zone
    quote: "1 wijkinspecteur"
    inferred: true
    reason: the zone's norm
"""


def write_dataset(root: Path, text: str = DATASET) -> tuple[Path, Path]:
    """(data folder with st.yaml, sources folder with st.txt) under `root`."""
    data, sources = root / "data", root / "sources"
    data.mkdir(parents=True, exist_ok=True)
    sources.mkdir(parents=True, exist_ok=True)
    (sources / "st.txt").write_text(TEXT, encoding="utf-8")
    (data / "st.yaml").write_text(text, encoding="utf-8")
    return data, sources
