"""One organisation in a standard format: W3C ORG (JSON-LD, Turtle), Popolo JSON, or CSV (a
zip of one file per kind and relation type). The export itself is loaders.formats; this
router resolves the name and picks the media type."""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum
from typing import Annotated, Final

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.auth import require_reader
from api.deps import DriverDep, SettingsDep
from api.params import ref_path
from api.routers.docs import RESOLVED, responses
from api.service import resolve
from loaders.formats import SCOPE_KINDS, Format, read_snapshot, render

router = APIRouter(tags=["organisations"], dependencies=[Depends(require_reader)])


class ExportFormatName(StrEnum):
    ORG_JSONLD = "org-jsonld"
    ORG_TURTLE = "org-turtle"
    POPOLO = "popolo"
    CSV = "csv"


MEDIA_TYPES: Final[dict[str, str]] = {
    "org-jsonld": "application/ld+json",
    "org-turtle": "text/turtle; charset=utf-8",
    "popolo": "application/json",
    "csv": "application/zip",
}


# Shortened from the seed graph's answers (docs/formats/ has the full examples).
_QUOTE = "De oprichting van een Directiecomité onder voorzitterschap van de Korpschef"
EXAMPLES: Final[dict[str, object]] = {
    "popolo": {
        "organizations": [
            {"id": "lokeren-directiecomite", "name": "Directiecomité", "classification": "board",
             "parent_id": "lokeren",
             "sources": [{"url": "urn:orggraph:source:seed-002", "note": _QUOTE}]},
        ],
        "posts": [], "persons": [],
        "memberships": [
            {"id": "lokeren-korpschef--chairs--lokeren-directiecomite",
             "post_id": "lokeren-korpschef", "organization_id": "lokeren-directiecomite",
             "role": "chair", "sources": [{"url": "urn:orggraph:source:seed-002", "note": _QUOTE}]},
        ],
    },
    "org-jsonld": {
        "@context": {"org": "http://www.w3.org/ns/org#", "prov": "http://www.w3.org/ns/prov#"},
        "@graph": [
            {"@id": "urn:orggraph:rel:CHAIRS:lokeren-korpschef:lokeren-korpschef--chairs--"
                    "lokeren-directiecomite",
             "@type": ["org:Membership", "prov:Entity"],
             "org:member": {"@id": "urn:orggraph:id:lokeren-korpschef"},
             "org:organization": {"@id": "urn:orggraph:id:lokeren-directiecomite"},
             "prov:value": _QUOTE,
             "prov:wasDerivedFrom": {"@id": "urn:orggraph:source:seed-002"}},
        ],
    },
    "org-turtle": (
        "<urn:orggraph:id:lokeren-korpschef> a org:Post ;\n"
        "    org:heldBy <urn:orggraph:id:lokeren-dirk-de-paepe> .\n"
    ),
}  # fmt: skip


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            # A fixed date: the same graph gives the same bytes.
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content)
    return buf.getvalue()


@router.get(
    "/organisations/{id}/export",
    summary="One organisation (its units, posts, holders and their relations, with quotes) "
    "as W3C ORG JSON-LD or Turtle, Popolo JSON, or a zip of CSV files",
    response_class=Response,
    responses={
        **responses({}, *RESOLVED),
        200: {
            "content": {
                media: ({"example": EXAMPLES[name]} if name in EXAMPLES else {})
                for name, media in MEDIA_TYPES.items()
            },
            "description": "the export, as a download (docs/formats/)",
        },
    },
)
async def export_organisation(
    driver: DriverDep,
    settings: SettingsDep,
    id: Annotated[
        str, ref_path("organisation (or unit, board, body, forum): id, name or abbreviation")
    ],
    format: Annotated[
        ExportFormatName, Query(description="org-jsonld, org-turtle, popolo or csv (a zip)")
    ] = ExportFormatName.ORG_JSONLD,
) -> Response:
    ref = await run_in_threadpool(resolve, driver, settings, id, kinds=sorted(SCOPE_KINDS))

    def build() -> dict[str, bytes]:
        snap = read_snapshot(driver, database=settings.neo4j_database, org=ref.id)
        return render(snap, Format(format.value), ref.id)

    files = await run_in_threadpool(build)
    if format is ExportFormatName.CSV:
        body, name = _zip(files), f"{ref.id}-csv.zip"
    else:
        ((name, body),) = files.items()
    return Response(
        body,
        media_type=MEDIA_TYPES[format.value],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
