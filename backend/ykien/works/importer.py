"""Importing a filled works form: every row becomes a ``WorkCreate`` with a deterministic id,
all are checked before anything is written, then all are stored (through ``entry.create_work``)
or none. Every error names its row and column (``["file", sheet, row, column]``)."""

from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.comments.paper.form import Errors
from ykien.comments.paper.reader import CellError, day_value, text_value
from ykien.core.errors import Invalid
from ykien.core.text import fold
from ykien.units.service import unit_in_scope
from ykien.works.access import publics
from ykien.works.entry import check_dates, create_work
from ykien.works.form import COLUMNS, LOOKUPS, SHEET, FilledWorksForm, row_id
from ykien.works.models import MAX_VALUE_VND
from ykien.works.schemas import WorkCreate, WorkPublic

HEADERS = {c.key: c.header for c in COLUMNS}
ITEMS_SHOWN = 20


class WorksImportResult(BaseModel):
    created: int = Field(description="Works stored by this import.")
    skipped_retries: int = Field(
        description="Rows already stored by an earlier import of the same form (not duplicated)."
    )
    rows: int = Field(description="Filled rows read from the form.")
    items: list[WorkPublic] = Field(description=f"The first {ITEMS_SHOWN} works, in order.")


def _choice(key: str, value: Any) -> str | None:
    text = text_value(value)
    if text is None:
        return None
    found = LOOKUPS[key].get(fold(text)) or LOOKUPS[key].get(text)
    if found is None:
        column = next(c for c in COLUMNS if c.key == key)
        allowed = ", ".join(f"'{v}'" for v in (column.choices or {}).values())
        raise CellError(f"'{text[:60]}' is not in the list; use one of {allowed}")
    return found


def _money(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError("write an amount in đồng, e.g. 850000000")
    try:
        text = str(value).strip().replace(".", "").replace(",", "").replace(" ", "")
        amount = Decimal(text) if isinstance(value, str) else Decimal(str(value))
    except InvalidOperation:
        raise CellError("write an amount in đồng, e.g. 850000000") from None
    if amount != amount.to_integral_value() or not 0 <= amount <= MAX_VALUE_VND:
        raise CellError("write a whole amount in đồng, from 0")
    return int(amount)


READERS = {
    "organization": lambda v: _choice("organization", v),
    "kind": lambda v: _choice("kind", v),
    "title": text_value,
    "description": text_value,
    "value_vnd": _money,
    "registered_on": day_value,
    "due_on": day_value,
}


def _parse(n: int, raw: dict[str, Any], unit_id: int, errors: Errors) -> dict[str, Any] | None:
    fields: dict[str, Any] = {"unit_id": unit_id}
    ok = True
    for key, read in READERS.items():
        try:
            value = read(raw.get(key))
        except CellError as exc:
            errors.add(["file", SHEET, n, HEADERS[key]], str(exc))
            ok = False
            continue
        if value is not None:
            fields[key] = value
    return fields if ok else None


def import_form(
    session: Session, *, caller: Caller, form: FilledWorksForm, unit_id: int | None
) -> WorksImportResult:
    target = unit_id or form.unit_id or caller.unit_id
    if target is None:
        raise Invalid(["query", "unit_id"], "name the unit whose works these are")
    unit = unit_in_scope(session, scope=caller.scope, unit_id=target, loc=["query", "unit_id"])
    assert unit.id is not None
    errors = Errors()
    items: list[tuple[int, WorkCreate]] = []
    seen: Counter[str] = Counter()
    for n, raw in form.rows:
        fields = _parse(n, raw, unit.id, errors)
        if fields is None:
            continue
        try:
            item = WorkCreate.model_validate(fields)
        except ValidationError as exc:
            for e in exc.errors():
                key = str(e["loc"][0]) if e["loc"] else "title"
                msg = "required" if e["type"] == "missing" else e["msg"]
                errors.add(["file", SHEET, n, HEADERS.get(key, key)], msg)
            continue
        try:
            check_dates([], registered_on=item.registered_on, due_on=item.due_on)
        except Invalid as exc:
            err = (exc.errors or [{}])[0]
            key = str(err.get("loc", ["due_on"])[-1])
            errors.add(["file", SHEET, n, HEADERS.get(key, key)], str(err.get("msg")))
            continue
        signature = repr(sorted(item.model_dump(mode="json").items()))
        seen[signature] += 1
        item.id = row_id(form.form_id, signature, seen[signature])
        items.append((n, item))
    if not form.rows:
        errors.add(["file", SHEET], "the form has no filled row")
    errors.raise_any()
    created = []
    skipped = 0
    for n, item in items:
        result = create_work(session, caller=caller, item=item, loc=["file", SHEET, n])
        created.append(result.work)
        skipped += not result.new
    return WorksImportResult(
        created=len(items) - skipped,
        skipped_retries=skipped,
        rows=len(form.rows),
        items=publics(session, created[:ITEMS_SHOWN]),
    )
