"""Drafts from documents (issue 18): each input format, every quote verbatim, the name merging
rules, the draft marking, --diff, and what the rules find in the invented texts of
draft_texts/ (the texts they were developed on; the seeds are only measured, by make eval).

Pure tests: no Neo4j (the CLI runs against a port nothing listens on)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from loaders.draft.build import PLACEHOLDER_REASON, Draft
from loaders.draft.diff import diff_lines, side_of_dataset, side_of_draft
from loaders.draft.readers import DraftInputError, read_document
from loaders.draft.vocab import load_vocabulary
from loaders.draft.write import draft_path, draft_text, write_drafts
from loaders.validate import validate_paths
from tests.support import DATA_DIR, ORGGRAPH, free_port

TEXTS = Path(__file__).parent / "draft_texts"
FIXTURES = sorted(p for p in TEXTS.iterdir() if p.suffix in (".txt", ".md", ".html"))
VOCAB = load_vocabulary(DATA_DIR / "vocab")


def draft_of(text: str, dataset: str = "t") -> Draft:
    return draft_text(text, name="t.txt", dataset=dataset, vocab=VOCAB, cited="t.txt")


def live(d: Draft) -> set[tuple[str, str, str]]:
    """(type, from name, to name) of the live relations; vocabulary ids as they are."""
    _, rels = d.active()
    names = {e.id: e.name for e in d.entities}
    return {(r.type, names.get(r.from_, r.from_), names.get(r.to, r.to)) for r in rels}


def validate_dir(out: Path) -> None:
    files = sorted(out.glob("*.yaml"))
    report = validate_paths(
        files, sources_dir=DATA_DIR / "sources", known_ids=set(), context=[DATA_DIR / "vocab"]
    )
    assert report.ok, "\n".join(str(p) for p in report.problems)


def all_quotes(path: Path) -> list[str]:
    """Every quote of a written draft, the commented-out facts' too (uncommented first)."""
    text = path.read_text(encoding="utf-8")
    uncommented = re.sub(r"(?m)^  # (?!low confidence)", "  ", text)
    uncommented = re.sub(r"(?m)^  # low confidence.*\n", "", uncommented)
    doc = yaml.safe_load(uncommented)
    quotes = []
    for e in doc["entities"]:
        quotes.append(e["quote"])
        quotes += [s["quote"] for s in e.get("staffing", [])]
    quotes += [r["quote"] for r in doc["relations"]]
    return quotes


# --- formats -------------------------------------------------------------------------------

SAMPLE = (
    "Dienst Recherche",
    "De dienst Recherche staat onder leiding van een commissaris diensthoofd recherche.",
    "De dienst Recherche bestaat uit het team Zeden en het team Drugs.",
)


def minimal_pdf(lines: tuple[str, ...]) -> bytes:
    """A one-page PDF with a text content stream, written by hand (no PDF library can author
    text here): Helvetica in WinAnsiEncoding, one line per Tj."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops += [f"({esc}) Tj", "T*", "T*"]
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_input(kind: str, folder: Path) -> Path:
    if kind == "html":
        p = folder / "recherche.html"
        body = "".join(f"<p>{line}</p>" for line in SAMPLE[1:])
        p.write_text(
            "<html><head><title>x</title><script>var s = 'De dienst Geheim staat onder "
            "leiding van een spion.';</script></head><body><h2>Dienst Recherche</h2>"
            f"{body}</body></html>",
            encoding="utf-8",
        )
        return p
    if kind == "pdf":
        p = folder / "recherche.pdf"
        p.write_bytes(minimal_pdf(SAMPLE))
        return p
    from docx import Document

    p = folder / "recherche.docx"
    doc = Document()
    doc.add_heading(SAMPLE[0], level=2)
    for line in SAMPLE[1:]:
        doc.add_paragraph(line)
    doc.save(str(p))
    return p


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_each_format_drafts_a_valid_cited_dataset(kind: str, tmp_path: Path) -> None:
    src = make_input(kind, tmp_path)
    out = tmp_path / "out"
    [w] = write_drafts([src], out)
    text = w.source.read_text(encoding="utf-8")
    assert "spion" not in text  # script content is not text
    assert w.source.name == "recherche.txt" and (out / "sources" / src.name).is_file()
    assert {
        ("LEADS", "Diensthoofd recherche", "Dienst Recherche"),
        ("PART_OF", "Team Zeden", "Dienst Recherche"),
        ("PART_OF", "Team Drugs", "Dienst Recherche"),
    } <= live(w.draft)
    post = next(e for e in w.draft.entities if e.kind == "Post")
    assert post.props == {"rank": "CP"}
    validate_dir(out)
    for q in all_quotes(w.dataset):
        assert q in text


def test_unreadable_inputs_are_clear_errors(tmp_path: Path) -> None:
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"not a pdf at all")
    with pytest.raises(DraftInputError, match="not a readable PDF"):
        read_document(bad)
    odd = tmp_path / "x.rtf"
    odd.write_text("hallo", encoding="utf-8")
    with pytest.raises(DraftInputError, match=r"cannot draft from '\.rtf'"):
        read_document(odd)
    empty = tmp_path / "x.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(DraftInputError, match="no text found"):
        read_document(empty)


# --- every quote, every fixture --------------------------------------------------------------


def test_every_drafted_quote_is_verbatim_in_its_input(tmp_path: Path) -> None:
    """100%: every quote of every fact, commented-out ones included, is a span of the text
    the draft cites, and the drafts validate with the quote check on."""
    out = tmp_path / "out"
    written = write_drafts(list(FIXTURES), out)
    checked = 0
    for w in written:
        text = w.source.read_text(encoding="utf-8")
        for q in all_quotes(w.dataset):
            assert q in text, (w.dataset.name, q)
            checked += 1
    assert checked > 100
    validate_dir(out)


def test_drafts_are_deterministic(tmp_path: Path) -> None:
    a = write_drafts(list(FIXTURES), tmp_path / "a")
    b = write_drafts(list(FIXTURES), tmp_path / "b")
    for x, y in zip(a, b, strict=True):
        assert x.dataset.read_bytes() == y.dataset.read_bytes()


def test_draft_marking_and_low_confidence_comments(tmp_path: Path) -> None:
    src = tmp_path / "ict.txt"
    src.write_text(
        "De dienst ICT staat onder leiding van een consulent ICT.\n"
        "De dienst ICT verzorgt het onderhoud van de computers.\n",
        encoding="utf-8",
    )
    [w] = write_drafts([src], tmp_path / "out")
    text = w.dataset.read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    assert doc["draft"] is True and doc["sources_dir"] == "sources"
    assert all(0 < e["confidence"] <= 1 for e in doc["entities"])
    assert [r["type"] for r in doc["relations"]] == ["LEADS"]
    # the vague "verzorgt" is written commented out, with its reason, ready to switch on
    assert "  # low confidence (0.40): a vague verb" in text
    assert "  # - type: PERFORMS" in text


# --- names -----------------------------------------------------------------------------------


def test_abbreviation_in_brackets_and_mentions_without_it() -> None:
    d = draft_of(
        "De dienst Verkeer en Mobiliteit (DVM) staat onder leiding van een hoofdinspecteur "
        "diensthoofd verkeer.\nDe DVM rapporteert aan de directeur operaties.\n"
    )
    [unit] = [e for e in d.entities if e.kind == "Unit"]
    assert unit.abbreviation == "DVM" and unit.name == "Dienst Verkeer en Mobiliteit"
    assert ("REPORTS_TO", "Dienst Verkeer en Mobiliteit", "Directeur operaties") in live(d)


def test_articles_case_and_compounds_are_one_entity() -> None:
    d = draft_of(
        "De Dienst Interventie staat onder leiding van de ploegchef.\n"
        "Het team Snelheid maakt deel uit van de dienst interventie.\n"
        "De interventiedienst werkt samen met de verkeersdienst.\n"
        "De dienst verkeer rapporteert aan de korpschef.\n"
    )
    units = sorted(e.name for e in d.entities if e.kind == "Unit")
    assert units == ["Dienst Interventie", "Dienst verkeer", "Team Snelheid"]
    verkeer = next(e for e in d.entities if e.name == "Dienst verkeer")
    assert "verkeersdienst" in verkeer.aliases
    assert ("COLLABORATES_WITH", "Dienst Interventie", "Dienst verkeer") in live(d)


def test_an_abbreviation_inside_a_name() -> None:
    d = draft_of(
        "De Divisie Bijzondere Bijstand (BB) & Logistiek staat onder leiding van de "
        "coördinator.\nDe Divisie BB & Logistiek rapporteert aan de directeur.\n"
    )
    [unit] = [e for e in d.entities if e.kind == "Unit"]
    assert unit.name == "Divisie BB & Logistiek"
    assert ("REPORTS_TO", "Divisie BB & Logistiek", "Directeur") in live(d)


def test_a_person_in_either_name_order_is_one_person() -> None:
    d = draft_of(
        "Hoofdcommissaris Johan Van Durme is korpschef van de politiezone Kanaalland.\n"
        "VAN DURME Johan is voorzitter van het directiecomité.\n"
    )
    people = [e for e in d.entities if e.kind == "Person"]
    assert [p.name for p in people] == ["Johan Van Durme"]
    assert {
        ("HOLDS", "Johan Van Durme", "Korpschef"),
        ("CHAIRS", "Johan Van Durme", "Directiecomité"),
    } <= live(d)


def test_an_unnamed_organisation_is_a_placeholder() -> None:
    d = draft_of(
        "In onze politiezone staat de dienst Wijkwerking in voor de wijkwerking.\n"
        "De dienst Wijkwerking vertegenwoordigt onze politiezone op de verkeersraad.\n"
    )
    [org] = [e for e in d.entities if e.kind == "Organisation"]
    assert org.reason == PLACEHOLDER_REASON and org.inferred and "naam invullen" in org.name
    rep = next(r for r in d.relations if r.type == "REPRESENTS_AT")
    assert rep.props == {"on_behalf_of": org.id}


def test_vocabulary_entities_are_linked_not_duplicated() -> None:
    d = draft_of(
        "De directeur operaties is verantwoordelijk voor de actiedomeinen drugs en "
        "verkeersveiligheid.\nDe dienst Recherche werkt samen met de federale politie.\n"
    )
    assert {
        ("RESPONSIBLE_FOR", "Directeur operaties", "drugs"),
        ("RESPONSIBLE_FOR", "Directeur operaties", "verkeer"),
        ("COLLABORATES_WITH", "Dienst Recherche", "federal-police"),
    } <= live(d)
    assert not [e for e in d.entities if e.kind == "Domain" or e.name.lower() == "drugs"]


# --- what the rules find in the invented texts ---------------------------------------------

EXPECTED: dict[str, set[tuple[str, str, str]]] = {
    "zone-beekdal.txt": {
        ("LEADS", "Directeur operaties", "Dienst Operaties"),
        ("PART_OF", "Afdeling interventie", "Dienst Operaties"),
        ("PART_OF", "Afdeling wijkwerking", "Dienst Operaties"),
        ("REPORTS_TO", "Directeur operaties", "Korpschef"),
        ("RESPONSIBLE_FOR", "Directeur operaties", "drugs"),
        ("REPRESENTS_AT", "Directeur operaties", "Arrondissementele Veiligheidsraad"),
        ("PARTICIPATES_IN", "Directeur operaties", "Lokale Integrale Veiligheidscel"),
        ("TAKES_ROLE", "Directeur operaties", "Bestuurlijk coördinator"),
        ("LEADS", "Ploegchef interventie", "Afdeling interventie"),
        ("PART_OF", "Team Cameratoezicht", "Afdeling interventie"),
        ("PART_OF", "Team Snelheid", "Afdeling interventie"),
        ("PART_OF", "Team Zwaar Vervoer", "Afdeling interventie"),
        ("COLLABORATES_WITH", "Team Cameratoezicht", "Dienst Informatiebeheer"),
        ("CHAIRS", "Ilse Verhaegen", "Zonale veiligheidsraad"),
        ("HOLDS", "Ilse Verhaegen", "Burgemeester"),
        ("MEMBER_OF", "Korpschef", "Zonale veiligheidsraad"),
        ("HOLDS", "Karel Mertens", "Korpschef"),
    },
    "zone-heuvelland-diensten.txt": {
        ("PART_OF", "Dienst Logistiek", "Afdeling Ondersteuning"),
        ("PART_OF", "Dienst Personeel", "Afdeling Ondersteuning"),
        ("PART_OF", "Dienst ICT", "Afdeling Ondersteuning"),
        ("LEADS", "Consulent logistiek", "Dienst Logistiek"),
        ("REPORTS_TO", "Diensthoofd personeel", "Directeur ondersteuning"),
        ("COLLABORATES_WITH", "Dienst ICT", "federal-police"),
        ("PERFORMS", "Cel Communicatie", "Beheren van de website"),
        ("MEMBER_OF", "Directeur ondersteuning", "Directiecomité"),
        ("CHAIRS", "Korpschef", "Directiecomité"),
        ("ORGANISES", "Korpschef", "Wekelijkse stafoverleg"),
        # "met alle afdelings- en diensthoofden": the named diensthoofd takes part
        ("PARTICIPATES_IN", "Diensthoofd personeel", "Wekelijkse stafoverleg"),
        ("PART_OF", "Dienst jeugd en gezin", "Afdeling Recherche"),
        ("PART_OF", "Dienst fraude", "Afdeling Recherche"),
        # "… van deze diensten …, onder toezicht van X": the units just listed
        ("SUPERVISES", "Directeur recherche", "Dienst jeugd en gezin"),
        ("SUPERVISES", "Directeur recherche", "Dienst zeden"),
        ("SUPERVISES", "Directeur recherche", "Dienst fraude"),
        ("LEADS", "Coördinator Bijstand", "Divisie BB & Logistiek"),
        # the head of a supervised unit reports to its supervisor (inferred)
        ("LEADS", "Diensthoofd fraude", "Dienst fraude"),
        ("REPORTS_TO", "Diensthoofd fraude", "Directeur recherche"),
    },
    "zone-rivierenland-korpschef.txt": {
        ("HOLDS", "Sofie Janssens", "Korpschef"),
        ("REPORTS_TO", "Korpschef", "Politiecollege"),
        ("LEADS", "Korpschef", "Politiezone Rivierenland"),
        ("CHAIRS", "Korpschef", "Directiecomité"),
        ("MEMBER_OF", "Directeur operaties", "Directiecomité"),
        ("MEMBER_OF", "Directeur ondersteuning", "Directiecomité"),
        ("REPORTS_TO", "Dienst Intern Toezicht", "Korpschef"),
        ("PARTICIPATES_IN", "Politiezone Rivierenland", "Arrondissementeel Informatiekruispunt"),
        ("REPRESENTS_AT", "Directeur operaties", "Zonale veiligheidsraad"),
        ("PARTICIPATES_IN", "Burgemeester", "Lokale Integrale Veiligheidscel"),
        ("PARTICIPATES_IN", "Wijkinspecteur", "Lokale Integrale Veiligheidscel"),
    },
    "veiligheidsregio-noordkust.md": {
        ("PART_OF", "Divisie Planvorming", "Sector Crisisbeheersing"),
        ("PART_OF", "Divisie Opleiding & Oefening", "Sector Crisisbeheersing"),
        ("PART_OF", "Regionaal Crisiscentrum", "Sector Crisisbeheersing"),
        ("LEADS", "Coördinator Planvorming", "Divisie Planvorming"),
        ("REPORTS_TO", "Coördinator Planvorming", "Hoofd Crisisbeheersing"),
        ("CHAIRS", "Hoofd Crisisbeheersing", "Regionaal Beleidsteam"),
        # "ingedeeld in twee teams. Deze bestaan uit …" (with no-break spaces)
        ("PART_OF", "Team Alarmering", "Regionaal Crisiscentrum"),
        ("PART_OF", "Team Nafase", "Regionaal Crisiscentrum"),
        # "binnen drie werkgroepen; werkgroep X, …"
        ("PART_OF", "Werkgroep Risico", "Divisie Planvorming"),
        ("PART_OF", "Werkgroep Water", "Divisie Planvorming"),
    },
    "zone-kempenrand-opdrachtbrief.txt": {
        ("PART_OF", "Pijler Interventie/Onthaal", "Basisdienst"),
        ("PART_OF", "Pijler Wijk/Jeugd", "Basisdienst"),
        ("PART_OF", "Dienst Logistiek", "Steundienst"),
        ("PART_OF", "Dienst Financiën", "Steundienst"),
        ("CHAIRS", "Korpschef", "Korpsdirectie"),
        ("MEMBER_OF", "Diensthoofd", "Korpsdirectie"),
        ("MEMBER_OF", "Adjunct-korpschef", "Korpsdirectie"),
        ("PART_OF", "Cel Cybercriminaliteit", "Lokale Recherche"),
        ("TAKES_ROLE", "Jeugdcoördinator", "Referentiepersoon"),
        ("RESPONSIBLE_FOR", "Referentiepersoon", "plan-r"),
        ("RESPONSIBLE_FOR", "Referentiepersoon", "radicalisering"),
        ("RESPONSIBLE_FOR", "Coördinator Verkeer", "verkeer"),
        ("REPORTS_TO", "Coördinator Verkeer", "Adjunct-korpschef"),
        ("REPRESENTS_AT", "Referentiepersoon", "Provinciale Veiligheidscel"),
        ("REPRESENTS_AT", "Jeugdcoördinator", "Provinciale Veiligheidscel"),  # via the role
        ("ORGANISES", "Korpschef", "Maandelijkse stafoverleg"),
        ("PARTICIPATES_IN", "Korpschef", "Maandelijkse stafoverleg"),
        ("PARTICIPATES_IN", "Adjunct-korpschef", "Maandelijkse stafoverleg"),
        ("MEMBER_OF", "Preventieadviseur", "Gemeenschappelijke Interne Dienst"),
    },
    "zone-noorderkempen-titel.txt": {
        # a title block: the post on one line, its holder on the next
        ("HOLDS", "Marleen Goossens", "Korpschef"),
        ("REPORTS_TO", "Korpschef", "Politiecollege"),
    },
    "bewakingsbedrijf-delta.html": {
        ("PART_OF", "Coördinator Handhaving", "Divisie Toezicht & Handhaving"),
        ("PART_OF", "Handhavingsteam Centrum", "Divisie Toezicht & Handhaving"),
        ("LEADS", "Coördinator Handhaving", "Handhavingsteam Centrum"),
        ("REPORTS_TO", "Coördinator Handhaving", "Manager Operaties"),
        ("RESPONSIBLE_FOR", "Manager Operaties", "overlast"),
        ("COLLABORATES_WITH", "Manager Operaties", "Gemeente"),
        ("COLLABORATES_WITH", "Manager Operaties", "Politie"),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_rules_on_the_invented_texts(name: str) -> None:
    d = draft_path(TEXTS / name, vocab=VOCAB)
    got = live(d)
    missing = EXPECTED[name] - got
    assert not missing, f"missing {sorted(missing)}; drafted {sorted(got)}"


def test_what_a_role_does_the_post_taking_it_does_too() -> None:
    d = draft_path(TEXTS / "zone-kempenrand-opdrachtbrief.txt", vocab=VOCAB)
    [rel] = [
        r for r in d.relations
        if r.type == "REPRESENTS_AT" and r.from_.endswith("-jeugdcoordinator")
    ]  # fmt: skip
    assert rel.inferred and rel.props["in_role"].endswith("-referentiepersoon")
    forum = next(e for e in d.entities if e.kind == "Forum")
    assert forum.props == {"frequency": "monthly"}


def test_staffing_figures_are_cited_on_their_unit() -> None:
    d = draft_path(TEXTS / "zone-beekdal.txt", vocab=VOCAB)
    unit = next(e for e in d.entities if "verkeersdienst" in e.aliases)
    assert unit.staffing == [
        {"count": 12, "note": "medewerkers", "quote": "12 medewerkers"},
        {"count": 2, "rank": "HINP", "quote": "2 hoofdinspecteurs"},
        {"count": 10, "rank": "INP", "quote": "10 inspecteurs"},
    ]


# --- diff ------------------------------------------------------------------------------------


def test_diff_on_an_edited_copy_of_a_text(tmp_path: Path) -> None:
    src = TEXTS / "zone-beekdal.txt"
    [w] = write_drafts([src], tmp_path / "before")
    edited = tmp_path / "zone-beekdal.txt"
    text = src.read_text(encoding="utf-8")
    text = text.replace(" Het TCT werkt samen met de dienst Informatiebeheer.", "")
    text += "\nDe directeur operaties is lid van het directiecomité.\n"
    edited.write_text(text, encoding="utf-8")
    lines = diff_lines(side_of_draft(draft_path(edited, vocab=VOCAB)), side_of_dataset(w.dataset))
    assert any(
        line.startswith("+ MEMBER_OF Directeur operaties") and "Directiecomité" in line
        for line in lines
    ), lines
    assert any(line.startswith("- COLLABORATES_WITH Team Cameratoezicht") for line in lines), lines
    assert "+ Board Directiecomité" in lines
    # the unchanged facts are not reported
    assert not any("Ploegchef interventie" in line for line in lines)
    # and the CLI says the same
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}
    env["ORGGRAPH_NEO4J_URI"] = f"bolt://127.0.0.1:{free_port()}"
    ran = subprocess.run(
        [ORGGRAPH, "draft", "--diff", str(edited), str(w.dataset)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == lines


def test_cli_draft_writes_drafts_that_validate(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}
    env["ORGGRAPH_NEO4J_URI"] = f"bolt://127.0.0.1:{free_port()}"
    out = tmp_path / "out"
    ran = subprocess.run(
        [ORGGRAPH, "draft", *map(str, FIXTURES[:2]), "-o", str(out)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert len(list(out.glob("*.yaml"))) == 2
    checked = subprocess.run(
        [ORGGRAPH, "validate", *map(str, sorted(out.glob("*.yaml")))],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    missing = subprocess.run(
        [ORGGRAPH, "draft", str(FIXTURES[0])],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert missing.returncode != 0 and "-o OUT" in missing.stderr
