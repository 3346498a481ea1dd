"""Deterministic synthetic dataset in orggraph's own YAML format (docs/dataset-format.md).

One file per police zone plus shared vocabulary files (national organisation, domains,
arrondissement O-LTFs and Dirco posts, provincial dispatch centres, an LIVC per municipality).
Every fact has a source and a quote, and every quote is a sentence of that source's text file
(written next to the YAML under ``sources/``), so the loader's quote check runs as for users.

    python -m bench.generate --zones 185 --out /tmp/orggraph-bench-data
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class Dumper(_BaseDumper):
    """No anchors/aliases: orggraph's loader refuses them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


SEED = 20261123
DEFAULT_ZONES = 185
N_ARRONDISSEMENTS = 14
PROVINCES = [
    "Antwerpen",
    "Limburg",
    "Oost-Vlaanderen",
    "West-Vlaanderen",
    "Vlaams-Brabant",
    "Brussel",
    "Waals-Brabant",
    "Henegouwen",
    "Luik",
    "Luxemburg",
    "Namen",
]
DIRECTIES = ["Operaties", "Recherche", "Ondersteuning", "Wijkwerking"]
DIENSTEN = {
    "Operaties": ["Interventie", "Verkeer", "Onthaal", "Operationele coördinatie"],
    "Recherche": ["Lokale recherche", "Jeugd en gezin", "Drugs", "Informatiebeheer"],
    "Ondersteuning": ["Personeel", "Logistiek", "ICT", "Financiën"],
    "Wijkwerking": ["Wijk Noord", "Wijk Zuid", "Wijk Oost", "Wijk West"],
}
TEAMS_PER_DIENST = 4
STAFF_PER_TEAM = 2
TASKS_PER_ZONE = 40
DOMAINS = [
    "drugs",
    "overlast",
    "verkeer",
    "radicalisering",
    "cybercrime",
    "intrafamiliaal geweld",
    "woninginbraken",
    "fietsdiefstal",
    "mensenhandel",
    "wapenhandel",
    "openbare orde",
    "voetbal",
    "jeugdcriminaliteit",
    "fraude",
    "milieu",
    "zedenfeiten",
    "winkeldiefstal",
    "vandalisme",
    "discriminatie",
    "georganiseerde criminaliteit",
]
ROLES = [
    "Becor",
    "Voetbalcoördinator",
    "Information Officer",
    "Referentiepersoon scholen",
    "Referentiepersoon discriminatie",
    "Referentiepersoon radicalisering",
    "Preventieadviseur",
    "Veiligheidsconsulent",
    "Noodplanningscoördinator",
    "Referentiepersoon intrafamiliaal geweld",
]
FORUMS = [
    ("Wekelijks operationeel overleg", "weekly"),
    ("Directiecomité", "weekly"),
    ("Verkeersraad", "monthly"),
    ("Buurtinformatienetwerk", "monthly"),
    ("Wijkoverleg", "monthly"),
    ("Personeelsoverleg", "monthly"),
]
TASK_VERBS = [
    "aangifte",
    "interventie",
    "verhoor",
    "controle",
    "patrouille",
    "onthaal",
    "opvolging",
    "bemiddeling",
    "preventieadvies",
    "huisbezoek",
    "vaststelling",
    "registratie",
]
TASK_OBJECTS = [
    "fietsdiefstal",
    "woninginbraak",
    "verkeersongeval",
    "burenruzie",
    "winkeldiefstal",
    "vandalisme",
    "gevonden voorwerpen",
    "verlies van documenten",
    "geluidsoverlast",
    "sluikstorten",
    "snelheid",
    "parkeren",
    "domicilie",
    "evenementen",
    "vermiste personen",
]
FIRST = [
    "Jan",
    "Piet",
    "Els",
    "An",
    "Tom",
    "Sofie",
    "Koen",
    "Lies",
    "Bart",
    "Inge",
    "Wim",
    "Katrien",
    "Dirk",
    "Nathalie",
    "Geert",
    "Veerle",
    "Luc",
    "Sarah",
    "Kris",
    "Hilde",
    "Marc",
    "Eva",
    "Stijn",
    "Joke",
    "Pieter",
    "Ann",
    "Johan",
    "Leen",
    "Yves",
    "Ilse",
]
LAST = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Hermans",
    "Aerts",
    "Michiels",
    "Desmet",
    "Lemmens",
    "Vermeulen",
    "Van den Broeck",
    "Martens",
    "Smets",
    "Verhoeven",
    "Pauwels",
    "Coppens",
    "Segers",
    "Van Damme",
    "Cools",
    "Leclercq",
    "Declercq",
]


def slug(text: str) -> str:
    out = []
    table = str.maketrans("éèëêöôïîüûàâç", "eeeeooiiuuaac")
    for ch in text.lower().translate(table):
        out.append(ch if ch.isalnum() else "-")
    s = "".join(out)
    while "--" in s:
        s = s.replace("--", "-")
    return s.strip("-")


@dataclass
class FileBuilder:
    """Entities, relations and the source text of one dataset file."""

    dataset: str
    title: str
    source_id: str
    source_file: str
    source_title: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)

    def _quote(self, sentence: str) -> str:
        if sentence not in self._seen:
            self._seen.add(sentence)
            self.sentences.append(sentence)
        return sentence

    def entity(self, id_: str, kind: str, name: str, quote: str, **extra: Any) -> str:
        e: dict[str, Any] = {"id": id_, "kind": kind, "name": name}
        e.update({k: v for k, v in extra.items() if v is not None})
        e["quote"] = self._quote(quote)
        self.entities.append(e)
        return id_

    def relation(self, type_: str, from_: str, to: str, quote: str, **extra: Any) -> None:
        r: dict[str, Any] = {"type": type_, "from": from_, "to": to}
        r.update({k: v for k, v in extra.items() if v is not None})
        r["quote"] = self._quote(quote)
        self.relations.append(r)

    def write(self, out: Path, fmt: str = "json") -> None:
        doc = {
            "dataset": self.dataset,
            "title": self.title,
            "defaults": {
                "source": self.source_id,
                "status": "current",
                "valid_from": None,
                "valid_to": None,
            },
            "sources": [
                {
                    "id": self.source_id,
                    "file": self.source_file,
                    "title": self.source_title,
                    "kind": "annual report",
                    "language": "nl",
                }
            ],
            "entities": self.entities,
            "relations": self.relations,
        }
        if fmt == "json":
            text = json.dumps(doc, ensure_ascii=False, indent=1, default=date.isoformat)
            (out / f"{self.dataset}.json").write_text(text + "\n", encoding="utf-8")
        else:
            text = yaml.dump(doc, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=200)
            (out / f"{self.dataset}.yaml").write_text(
                "# yaml-language-server: $schema=../dataset.schema.json\n" + text, encoding="utf-8"
            )
        (out / "sources" / self.source_file).write_text(
            "\n".join(self.sentences) + "\n", encoding="utf-8"
        )


@dataclass(frozen=True)
class Vocab:
    national: str
    domains: list[str]
    oltf: list[str]
    dirco: list[str]
    cic: list[str]
    livc: dict[int, list[str]]  # zone -> LIVC ids of its municipalities


def _vocab(zones: int, rng: random.Random, out: Path, fmt: str) -> Vocab:
    b = FileBuilder(
        "bench-vocab",
        "Shared vocabulary: national organisation, domains, O-LTFs, Dircos, CICs, LIVCs",
        "bench-src-vocab",
        "bench-vocab.txt",
        "Synthetisch overzicht van de geïntegreerde politie",
    )
    national = b.entity(
        "federale-politie",
        "Organisation",
        "Federale politie",
        "De federale politie vervult gespecialiseerde en supralokale opdrachten.",
        aliases=["federal police"],
        props={"org_type": "federal_police"},
    )
    domains = [
        b.entity(
            f"domain-{slug(d)}",
            "Domain",
            d.capitalize(),
            f"Het actiedomein {d} is een prioriteit van het nationaal veiligheidsplan.",
        )
        for d in DOMAINS
    ]
    oltf, dirco = [], []
    for a in range(N_ARRONDISSEMENTS):
        o = b.entity(
            f"oltf-arr-{a:02d}",
            "PartnerBody",
            f"O-LTF arrondissement {a:02d}",
            f"Het O-LTF van arrondissement {a:02d} brengt de lokale en federale partners samen.",
            abbreviation="O-LTF",
            props={"level": "arrondissement"},
        )
        d = b.entity(
            f"dirco-arr-{a:02d}",
            "Post",
            f"Dirco arrondissement {a:02d}",
            f"De bestuurlijke directeur-coördinator van arrondissement {a:02d} coördineert de "
            "federale steun.",
            abbreviation="Dirco",
        )
        b.relation(
            "PART_OF",
            d,
            national,
            f"De Dirco van arrondissement {a:02d} maakt deel uit van de federale politie.",
        )
        b.relation("CHAIRS", d, o, f"De Dirco van arrondissement {a:02d} zit het O-LTF voor.")
        oltf.append(o)
        dirco.append(d)
    cic = []
    for p, prov in enumerate(PROVINCES):
        c = b.entity(
            f"cic-{slug(prov)}",
            "PartnerBody",
            f"CIC {prov}",
            f"Het communicatie- en informatiecentrum {prov} neemt de noodoproepen van de "
            "provincie aan.",
            abbreviation="CIC",
            props={"level": "provincial"},
        )
        b.relation(
            "PART_OF",
            c,
            national,
            f"Het CIC {prov} is een dienst van de federale politie (provincie {p}).",
        )
        cic.append(c)
    livc: dict[int, list[str]] = {}
    for z in range(zones):
        ids = []
        for m in range(rng.randint(1, 5)):
            ids.append(
                b.entity(
                    f"livc-{z:03d}-{m}",
                    "PartnerBody",
                    f"LIVC gemeente {z:03d}-{m}",
                    f"De lokale integrale veiligheidscel van gemeente {z:03d}-{m} komt "
                    "driemaandelijks samen.",
                    abbreviation="LIVC",
                    props={"level": "municipal"},
                )
            )
        livc[z] = ids
    b.write(out, fmt)
    return Vocab(national, domains, oltf, dirco, cic, livc)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _date(rng: random.Random, start: int, end: int) -> date:
    d0 = date(start, 1, 1)
    return d0 + timedelta(days=rng.randrange((date(end, 1, 1) - d0).days))


def _zone(z: int, v: Vocab, rng: random.Random, out: Path, fmt: str) -> None:
    zid = f"zone-{z:03d}"
    zname = f"PZ Synthetisch {z:03d}"
    b = FileBuilder(
        zid,
        f"{zname} – organisatie, functies en overlegorganen",
        f"bench-src-{z:03d}",
        f"bench-{z:03d}.txt",
        f"Jaarverslag {zname}",
    )
    arr = z % N_ARRONDISSEMENTS
    prov = arr % len(PROVINCES)
    org = b.entity(
        zid,
        "Organisation",
        zname,
        f"{zname} is een lokale politiezone in arrondissement {arr:02d}.",
        props={"org_type": "police_zone"},
    )
    college = b.entity(
        f"{zid}-politiecollege",
        "PartnerBody",
        f"Politiecollege {zname}",
        f"Het politiecollege van {zname} is de bestuurlijke overheid van de zone.",
        props={"level": "municipal"},
    )
    posts: list[str] = []
    heads: list[str] = []  # korpschef, directeurs, diensthoofden, teamchefs

    def post(pid: str, name: str, unit: str, boss: str | None, rank: str, line: str) -> str:
        b.entity(
            pid,
            "Post",
            name,
            f"In {zname} is er een functie {name} ({rank}).",
            props={"rank": rank},
        )
        b.relation("PART_OF", pid, unit, f"De functie {name} van {zname} behoort tot {unit}.")
        if boss is not None:
            b.relation(
                "REPORTS_TO",
                pid,
                boss,
                f"De {name} van {zname} rapporteert aan {boss}.",
                props={"line": line},
            )
        posts.append(pid)
        return pid

    def lead(pid: str, unit: str, uname: str) -> None:
        b.relation("LEADS", pid, unit, f"{uname} van {zname} staat onder leiding van {pid}.")
        heads.append(pid)

    kc = post(f"{zid}-korpschef", "Korpschef", org, None, "HCP", "hierarchical")
    lead(kc, org, zname)
    b.relation(
        "REPORTS_TO",
        kc,
        college,
        f"De korpschef van {zname} rapporteert aan het politiecollege.",
        props={"line": "administrative"},
    )
    b.relation(
        "REPORTS_TO",
        kc,
        v.dirco[arr],
        f"De korpschef van {zname} stemt de operaties af met de Dirco van het arrondissement.",
        props={"line": "coordination"},
    )
    b.relation("MEMBER_OF", kc, v.oltf[arr], f"De korpschef van {zname} zetelt in het O-LTF.")
    b.relation(
        "PARTICIPATES_IN",
        org,
        v.cic[prov],
        f"{zname} is aangesloten op het CIC van de provincie.",
    )
    teams: list[str] = []
    team_heads: list[str] = []
    units_led: list[tuple[str, str]] = []
    for di, dname in enumerate(DIRECTIES):
        d_id = b.entity(
            f"{zid}-dir-{di}",
            "Unit",
            f"Directie {dname}",
            f"{zname} telt een directie {dname}.",
            type="directie",
        )
        b.relation("PART_OF", d_id, org, f"De directie {dname} is een directie van {zname}.")
        dir_post = post(
            f"{zid}-dir-{di}-directeur", f"Directeur {dname}", d_id, kc, "CP", "hierarchical"
        )
        lead(dir_post, d_id, f"De directie {dname}")
        for dom in rng.sample(v.domains, 2):
            b.relation(
                "RESPONSIBLE_FOR",
                dir_post,
                dom,
                f"De directeur {dname} van {zname} is verantwoordelijk voor {dom}.",
            )
        for si, sname in enumerate(DIENSTEN[dname]):
            s_id = b.entity(
                f"{zid}-dir-{di}-d-{si}",
                "Unit",
                f"Dienst {sname}",
                f"Onder de directie {dname} van {zname} resorteert de dienst {sname}.",
                type="dienst",
                aliases=[f"dienst {sname.lower()}"],
            )
            b.relation("PART_OF", s_id, d_id, f"De dienst {sname} maakt deel uit van {d_id}.")
            s_post = post(
                f"{s_id}-diensthoofd",
                f"Diensthoofd {sname}",
                s_id,
                dir_post,
                "HINP",
                "hierarchical",
            )
            lead(s_post, s_id, f"De dienst {sname}")
            units_led.append((s_post, s_id))
            b.relation(
                "REPRESENTS_AT",
                s_post,
                rng.choice(v.livc[z]),
                f"Het diensthoofd {sname} vertegenwoordigt {zname} in de LIVC.",
                props={"on_behalf_of": org},
            )
            for ti in range(TEAMS_PER_DIENST):
                t_id = b.entity(
                    f"{s_id}-team-{ti}",
                    "Unit",
                    f"Team {sname} {ti + 1}",
                    f"De dienst {sname} van {zname} werkt met team {ti + 1}.",
                    type="team",
                )
                b.relation("PART_OF", t_id, s_id, f"Team {ti + 1} hoort bij {s_id}.")
                t_post = post(
                    f"{t_id}-teamchef",
                    f"Teamchef {sname} {ti + 1}",
                    t_id,
                    s_post,
                    "INP",
                    "hierarchical",
                )
                lead(t_post, t_id, f"Team {sname} {ti + 1}")
                b.relation(
                    "SUPERVISES",
                    s_post,
                    t_id,
                    f"Het diensthoofd {sname} houdt toezicht op team {ti + 1} ({zname}).",
                )
                teams.append(t_id)
                team_heads.append(t_post)
                for k in range(STAFF_PER_TEAM):
                    post(
                        f"{t_id}-inspecteur-{k}",
                        f"Inspecteur {sname} {ti + 1}.{k + 1}",
                        t_id,
                        t_post,
                        "INP" if k == 0 else "AGP",
                        "hierarchical",
                    )
    # People holding posts, with dates; some posts also have a former holder.
    pn = 0
    for p in posts:
        since = _date(rng, 2012, 2025)
        if rng.random() < 0.15:
            pn += 1
            old = b.entity(
                f"{zid}-person-{pn}",
                "Person",
                _person(rng),
                f"Persoon {pn} van {zname} werkte eerder bij de zone.",
            )
            b.relation(
                "HOLDS",
                old,
                p,
                f"Persoon {pn} bekleedde de functie {p} tot {since}.",
                status="historical",
                valid_from=_date(rng, 2000, since.year),
                valid_to=since,
            )
        pn += 1
        cur = b.entity(
            f"{zid}-person-{pn}",
            "Person",
            _person(rng),
            f"Persoon {pn} is lid van het korps van {zname}.",
        )
        b.relation(
            "HOLDS",
            cur,
            p,
            f"Persoon {pn} bekleedt de functie {p} sinds {since}.",
            valid_from=since,
        )
    # Roles.
    for ri, rname in enumerate(ROLES):
        r_id = b.entity(
            f"{zid}-role-{slug(rname)}",
            "Role",
            rname,
            f"In {zname} bestaat de rol {rname}.",
        )
        holder = rng.choice(heads)
        b.relation("TAKES_ROLE", holder, r_id, f"{holder} neemt de rol {rname} op in {zname}.")
        target = v.oltf[arr] if ri % 2 == 0 else rng.choice(v.livc[z])
        b.relation(
            "REPRESENTS_AT",
            r_id,
            target,
            f"Als {rname} vertegenwoordigt men {zname} in {target}.",
            props={"on_behalf_of": org},
        )
        b.relation(
            "RESPONSIBLE_FOR",
            r_id,
            v.domains[(z + ri) % len(v.domains)],
            f"De {rname} van {zname} volgt het actiedomein op.",
        )
    # Tasks.
    tasks = []
    for ti in range(TASKS_PER_ZONE):
        verb = TASK_VERBS[ti % len(TASK_VERBS)]
        obj = TASK_OBJECTS[(ti * 7 + z) % len(TASK_OBJECTS)]
        t = b.entity(
            f"{zid}-task-{ti}",
            "Task",
            f"{verb.capitalize()} {obj} ({ti})",
            f"{zname} zorgt voor {verb} {obj} (taak {ti}).",
            props={"audience": "citizens" if ti % 3 else "colleagues"},
        )
        b.relation(
            "ADDRESSES",
            t,
            v.domains[(ti + z) % len(v.domains)],
            f"Taak {ti} van {zname} draagt bij tot het actiedomein.",
        )
        tasks.append(t)
    for t_id in teams:
        for task in rng.sample(tasks, 7):
            b.relation("PERFORMS", t_id, task, f"{t_id} voert {task} uit.")
    for _, s_id in units_led:
        for task in rng.sample(tasks, 5):
            b.relation("PERFORMS", s_id, task, f"{s_id} staat in voor {task}.")
    for h in team_heads + [p for p, _ in units_led]:
        for task in rng.sample(tasks, 3):
            b.relation("RESPONSIBLE_FOR", h, task, f"{h} is verantwoordelijk voor {task}.")
    # Forums.
    forums = []
    for fi, (fname, freq) in enumerate(FORUMS):
        f_id = b.entity(
            f"{zid}-forum-{fi}",
            "Forum",
            f"{fname} {zname}",
            f"In {zname} komt het {fname.lower()} samen ({freq}).",
            props={"frequency": freq},
        )
        b.relation("ORGANISES", org, f_id, f"{zname} organiseert het {fname.lower()}.")
        b.relation(
            "CHAIRS",
            kc if fi < 2 else rng.choice(heads),
            f_id,
            f"Het {fname.lower()} van {zname} wordt voorgezeten door een leidinggevende.",
        )
        forums.append(f_id)
    for p in posts:
        for f_id in rng.sample(forums, 3 if p in heads else 2):
            b.relation("MEMBER_OF", p, f_id, f"{p} neemt deel aan {f_id}.")
    # Liaisons between staff and other teams' heads.
    for p in posts:
        if p not in heads:
            b.relation(
                "LIAISES_WITH",
                p,
                rng.choice(team_heads),
                f"{p} onderhoudt contact met een teamchef.",
            )
    b.write(out, fmt)


def generate(
    out: Path, zones: int = DEFAULT_ZONES, seed: int = SEED, fmt: str = "json"
) -> dict[str, Any]:
    """Write the dataset under ``out`` (one dataset file per zone, JSON by default as a
    national export would be; ``fmt="yaml"`` for the hand-edited form) and ``out/sources``.

    Returns counts: files, entities, relations, sources (the graph adds :Source and :Dataset
    nodes on top of the entities)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(exist_ok=True)
    rng = random.Random(seed)
    vocab = _vocab(zones, rng, out, fmt)
    for z in range(zones):
        _zone(z, vocab, random.Random(seed * 1000 + z), out, fmt)
    return summarise(out)


def summarise(out: Path) -> dict[str, Any]:
    kinds: Counter[str] = Counter()
    types: Counter[str] = Counter()
    files = sorted([*out.glob("*.yaml"), *out.glob("*.json")])
    for f in files:
        text = f.read_text(encoding="utf-8")
        doc = json.loads(text) if f.suffix == ".json" else yaml.load(text, Loader=yaml.CSafeLoader)
        kinds.update(e["kind"] for e in doc["entities"])
        types.update(r["type"] for r in doc["relations"])
    return {
        "files": len(files),
        "entities": sum(kinds.values()),
        "relations": sum(types.values()),
        "sources": len(files),
        "by_kind": dict(sorted(kinds.items())),
        "by_type": dict(sorted(types.items())),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--zones", type=int, default=DEFAULT_ZONES)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--format", choices=("json", "yaml"), default="json")
    args = ap.parse_args(argv)
    print(generate(args.out, args.zones, args.seed, args.format))


if __name__ == "__main__":
    main()
