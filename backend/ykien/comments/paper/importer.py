"""Importing a filled paper form: each filled row becomes a ``CommentCreate`` (sections by
number, dates within the consultation), all stored through ``entry.create_comments`` or none;
every error names its sheet, row and column. Each row gets a deterministic id, so importing the
same file twice stores it once."""

import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.comments.access import public
from ykien.comments.entry import create_comments
from ykien.comments.paper.form import (
    COLUMN_BY_KEY,
    COLUMNS,
    HEADER_ROW,
    HEADER_SEARCH,
    ITEMS_SHOWN,
    MAX_ROWS,
    MAX_SHEET_ROW,
    ROW_NAMESPACE,
    Errors,
    FormInvalid,
    describe,
    documents_of,
    not_a_form,
)
from ykien.comments.paper.reader import (
    CellError,
    FilledForm,
    Marker,
    Sheet,
    blank,
    choice_value,
    day_value,
    header_columns,
    people_value,
    text_value,
)
from ykien.comments.schemas import CommentCreate, CommentPublic
from ykien.consultations.models import Consultation, Document, Section
from ykien.consultations.service import get_consultation, require_open
from ykien.core.errors import Conflict, Invalid, NotFound, ProblemError
from ykien.core.text import fold
from ykien.meetings.service import check_date, check_in_consultation
from ykien.units.models import Unit
from ykien.units.service import unit_in_scope


class PaperImportResult(BaseModel):
    created: int = Field(description="Comments stored by this import.")
    skipped_retries: int = Field(
        description="Rows already stored by an earlier import of the same form (not duplicated)."
    )
    rows: int = Field(description="Filled rows read from the form.")
    items: list[CommentPublic] = Field(description=f"The first {ITEMS_SHOWN} comments, in order.")


@dataclass(frozen=True)
class _Row:
    sheet: str
    row: int


def _row_id(
    marker: Marker, unit_id: int, document_id: int, digest: str, occurrence: int
) -> uuid.UUID:
    """Deterministic per form, unit, document and words (and how many times the same words came
    before on the sheet): a re-import is a retry even after rows were added or removed around
    a row, while the same words twice, or on another download of the form, stay separate
    comments."""
    key = f"{marker.form_id}/{marker.consultation_id}/{unit_id}/{document_id}/{digest}"
    return uuid.uuid5(ROW_NAMESPACE, f"{key}/{occurrence}")


def import_workbook(
    session: Session,
    *,
    caller: Caller,
    form: FilledForm,
    unit_id: int | None,
    meeting_id: int | None,
    consultation_id: int | None = None,
) -> PaperImportResult:
    """Store every filled row of a paper form, or none; 422 naming each faulty cell."""
    if unit_id is not None:
        unit_in_scope(session, scope=caller.scope, unit_id=unit_id, loc=["query", "unit_id"])
    marker = form.marker
    if consultation_id is not None and consultation_id != marker.consultation_id:
        raise not_a_form(
            f"this form belongs to consultation {marker.consultation_id}, not {consultation_id}"
        )
    try:
        consultation = get_consultation(
            session, caller=caller, consultation_id=marker.consultation_id
        )
    except NotFound:
        raise not_a_form("this form belongs to a consultation you cannot see") from None
    require_open(consultation)
    unit_id = unit_id or marker.unit_id or caller.unit_id
    if unit_id is None:
        raise Invalid(["query", "unit_id"], "name the unit whose comments these are")
    unit = unit_in_scope(session, scope=caller.scope, unit_id=unit_id, loc=["query", "unit_id"])
    check_in_consultation(consultation, unit, ["query", "unit_id"])

    assert consultation.id is not None
    documents = {d.id: (d, sections) for d, sections in documents_of(session, consultation.id)}
    errors = Errors()
    items: list[CommentCreate] = []
    where: list[_Row] = []
    for sheet in form.sheets:
        document_id = marker.documents.get(sheet.title)
        if document_id is None:
            if sheet.rows:
                errors.add(
                    ["file", sheet.title],
                    "this sheet is not part of the form (was it added or renamed?); "
                    "move its rows to the sheet of their document",
                )
            continue
        if document_id not in documents:
            errors.add(["file", sheet.title], "this document is no longer in the consultation")
            continue
        if sheet.too_long:
            errors.add(["file", sheet.title], f"at most {MAX_SHEET_ROW} rows per sheet")
            continue
        document, sections = documents[document_id]
        for row, item in _read_sheet(
            sheet, document, sections, consultation, unit, meeting_id, marker, errors
        ):
            items.append(item)
            where.append(_Row(sheet.title, row))
        if len(items) > MAX_ROWS:
            raise not_a_form(f"at most {MAX_ROWS} comments per file; split it")
    errors.raise_any()
    if not items:
        raise not_a_form("the form has no comments filled in")
    try:
        results = create_comments(session, caller=caller, items=items)
    except Invalid as exc:
        raise _at_rows(exc, where) from None
    except Conflict as exc:
        raise _conflict_at_row(exc, where) from None
    created = sum(r.new for r in results)
    return PaperImportResult(
        created=created,
        skipped_retries=len(results) - created,
        rows=len(items),
        items=[public(caller, r.comment) for r in results[:ITEMS_SHOWN]],
    )


def _read_sheet(
    sheet: Sheet,
    document: Document,
    sections: list[Section],
    consultation: Consultation,
    unit: Unit,
    meeting_id: int | None,
    marker: Marker,
    errors: Errors,
) -> list[tuple[int, CommentCreate]]:
    """The comments of one document's sheet; every faulty cell goes to ``errors``."""
    # The header row is row 2 of the form; a board may have deleted or added a title row.
    header_row, columns = HEADER_ROW, header_columns(())
    for n, values in sheet.rows:
        if n > HEADER_SEARCH:
            break
        found = header_columns(values)
        if "content" in found:
            header_row, columns = n, found
            break
    missing = [c for c in COLUMNS if c.required and c.key not in columns]  # others: blank
    if missing:
        for column in missing:
            errors.add(
                ["file", sheet.title, header_row, column.header],
                "this column is missing from the header row; do not change the header row",
            )
        return []
    section_ids: dict[str, int] = {}
    for s in sections:
        assert s.id is not None
        section_ids.setdefault(fold(s.number), s.id)
    assert document.id is not None and unit.id is not None
    out: list[tuple[int, CommentCreate]] = []
    seen: Counter[str] = Counter()  # the words of each row so far, by digest
    for n, values in sheet.rows:
        if n <= header_row:
            continue
        cells = {
            c.key: values[columns[c.key]] if columns.get(c.key, len(values)) < len(values) else None
            for c in COLUMNS
        }
        if all(blank(v) for v in cells.values()):
            continue  # something beside the form (the table of contents), not a comment
        before = errors.total
        fields: dict[str, Any] = {
            "document_id": document.id,
            "unit_id": unit.id,
            "meeting_id": meeting_id,
        }

        def cell_error(key: str, msg: str, row: int = n) -> None:
            errors.add(["file", sheet.title, row, COLUMN_BY_KEY[key].header], msg)

        for column in COLUMNS:
            value = cells[column.key]
            try:
                if column.key == "section":
                    number = text_value(value)
                    if number is not None:
                        section_id = section_ids.get(fold(number))
                        if section_id is None:
                            raise CellError(
                                f"'{number[:40]}' is not a section of {document.code}; "
                                "see the list on the right, or leave it blank"
                            )
                        fields["section_id"] = section_id
                elif column.labels is not None:
                    fields[column.key] = choice_value(value, column)
                elif column.key == "people":
                    fields["people"] = people_value(value)
                elif column.key == "collected_on":
                    fields["collected_on"] = day_value(value)
                else:
                    fields[column.key] = text_value(value)
            except CellError as exc:
                cell_error(column.key, str(exc))
                continue
            if column.required and fields.get(column.key) is None:
                cell_error(column.key, "required")
        if isinstance(day := fields.get("collected_on"), date):
            try:
                check_date(consultation, day, ["collected_on"])
            except Invalid as exc:
                cell_error("collected_on", exc.errors[0]["msg"] if exc.errors else exc.detail)
        if errors.total > before:
            continue
        # None means "the default" (people 1, organisation the Front): leave them out.
        data = {k: v for k, v in fields.items() if v is not None}
        digest = hashlib.sha256(str(fields["content"]).encode()).hexdigest()
        data["id"] = _row_id(marker, unit.id, document.id, digest, seen[digest])
        seen[digest] += 1
        try:
            item = CommentCreate.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else "content"
                cell_error(key if key in COLUMN_BY_KEY else "content", err["msg"])
            continue
        out.append((n, item))
    return out


def _field_loc(row: _Row, field_name: str) -> list[str | int]:
    if field_name in ("unit_id", "meeting_id"):
        return ["query", field_name]
    column = COLUMN_BY_KEY.get("section" if field_name == "section_id" else field_name)
    if column is None:
        return ["file", row.sheet, row.row]
    return ["file", row.sheet, row.row, column.header]


def _at_rows(exc: Invalid, where: list[_Row]) -> ProblemError:
    """``create_comments`` names an item by index (``["body", "items", i, field]``): name its
    sheet, row and column instead."""
    errors: list[dict[str, Any]] = []
    for err in exc.errors or []:
        loc = list(err.get("loc", []))
        index = loc[2] if len(loc) >= 3 and loc[:2] == ["body", "items"] else None
        if isinstance(index, int) and 0 <= index < len(where):
            loc = _field_loc(where[index], str(loc[3]) if len(loc) > 3 else "")
        errors.append({**err, "loc": loc})
    if not errors:
        return exc
    first = errors[0]
    return FormInvalid(
        f"{describe(first['loc'])}: {first['msg']}", errors=errors, title="The form has errors"
    )


def _conflict_at_row(exc: Conflict, where: list[_Row]) -> Conflict:
    """A row whose id was stored earlier with other values: the form was imported before and
    this row changed since. Name it; the stored comment is edited in the app, not re-imported."""
    loc = exc.errors[0]["loc"] if exc.errors else []
    if len(loc) < 3 or not isinstance(loc[2], int) or loc[2] >= len(where):
        return exc
    row = where[loc[2]]
    msg = (
        "this row was imported before with other values; change that comment in the list "
        "of comments instead of importing it again"
    )
    return Conflict(
        f"{describe(['file', row.sheet, row.row])}: {msg}",
        errors=[{"loc": ["file", row.sheet, row.row], "msg": msg, "type": "conflict"}],
    )
