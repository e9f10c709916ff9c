"""HTTP for the paper form: the XLSX template a board fills in from paper, and its import."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from starlette.responses import Response

from ykien.accounts.dependencies import CallerDep, WriterDep
from ykien.comments.paper import importer, reader, template
from ykien.comments.paper.importer import PaperImportResult
from ykien.core.deps import SessionDep
from ykien.core.params import MAX_ID, IdQuery
from ykien.core.uploads import UploadDep
from ykien.reports.tables import XLSX_MEDIA_TYPE

router = APIRouter(prefix="/comments", tags=["comments"])


def read_filled_form(upload: UploadDep) -> reader.FilledForm:
    """The uploaded form, parsed. Declared first on the route, so that it runs before the
    request's transaction begins: on SQLite a write request holds the write lock from its
    first query, and no other write should wait while a file is read."""
    return reader.read_form(upload.content)


FilledFormDep = Annotated[reader.FilledForm, Depends(read_filled_form)]

XLSX_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
    }
}


@router.get(
    "/import-template.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX_MEDIA_TYPE: {}}}},
)
def download_import_template(
    session: SessionDep,
    caller: CallerDep,
    consultation_id: Annotated[int, Query(ge=1, le=MAX_ID)],
    unit_id: Annotated[
        IdQuery, Query(description="The unit printed on the form (in your subtree).")
    ] = None,
) -> Response:
    """The paper form of a consultation: instructions, one sheet per document with drop-down
    lists, and a hidden marker that the import reads. ``unit_id`` (optional, in your subtree)
    prints the unit on the form and is the unit an import defaults to."""
    form = template.build_template(
        session, caller=caller, consultation_id=consultation_id, unit_id=unit_id
    )
    return Response(
        form.content,
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{form.filename}"'},
    )


@router.post(
    "/import",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=XLSX_BODY,
    responses={
        409: {"description": "A row repeats another comment, or the consultation is closed"}
    },
)
def import_paper_form(
    form: FilledFormDep,
    session: SessionDep,
    caller: WriterDep,
    unit_id: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ID,
            description="The unit whose comments these are; default: the form's unit, then yours.",
        ),
    ] = None,
    meeting_id: IdQuery = None,
    consultation_id: Annotated[
        int | None,
        Query(ge=1, le=MAX_ID, description="When given, the form must belong to it."),
    ] = None,
) -> PaperImportResult:
    """A filled paper form (the XLSX as the raw body or the multipart field ``file``): every
    row is stored, or none. Errors name each faulty cell: ``["file", sheet, row, column]``.
    Importing the same form again stores nothing new (``skipped_retries``)."""
    return importer.import_workbook(
        session,
        caller=caller,
        form=form,
        unit_id=unit_id,
        meeting_id=meeting_id,
        consultation_id=consultation_id,
    )
