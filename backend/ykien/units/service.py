"""Rules of the unit tree: level order, unique codes, roots only by a superuser, scoped reads."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import Select, select
from sqlmodel import Session, col

from ykien.core.audit import Actor, record
from ykien.core.errors import Conflict, Forbidden, Invalid, NotFound, ProblemError
from ykien.core.pagination import decode_cursor, encode_cursor
from ykien.core.text import fold
from ykien.units.eras import default_day, valid_on
from ykien.units.models import Unit
from ykien.units.schemas import UnitCreate, UnitImportRow
from ykien.units.scope import Scope
from ykien.units.tree import may_sit_under, place

MAX_IMPORT_ROWS = 20_000


def readable_units(scope: Scope) -> Select[Unit]:
    """The units a caller with ``scope`` may read: every get and list starts here.

    (Units come before accounts, so this takes the caller's scope rather than the caller.)"""
    return select(Unit).where(scope.condition(Unit.path))


def get_unit(session: Session, *, scope: Scope, unit_id: int) -> Unit:
    """The unit, or 404 when it does not exist *or* lies outside the caller's scope."""
    unit = session.scalar(readable_units(scope).where(col(Unit.id) == unit_id))
    if unit is None:
        raise NotFound(f"Unit {unit_id} does not exist.")
    return unit


def unit_in_scope(
    session: Session, *, scope: Scope, unit_id: int, loc: Sequence[str | int]
) -> Unit:
    """A unit named in a body: 404 if it does not exist, 422 naming ``loc`` if out of scope."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(f"Unit {unit_id} does not exist.")
    if not scope.covers(unit.path):
        raise Invalid(loc, "unit is outside your part of the hierarchy")
    return unit


def create_unit(session: Session, *, scope: Scope, actor: Actor, data: UnitCreate) -> Unit:
    parent = None
    if data.parent_id is None:
        if not scope.is_everything:
            raise Forbidden("Only a superuser creates root units.")
    else:
        parent = unit_in_scope(
            session, scope=scope, unit_id=data.parent_id, loc=["body", "parent_id"]
        )
    if parent is not None and not may_sit_under(data.level, parent.level):
        raise Invalid(
            ["body", "level"],
            f"a {data.level} cannot sit under a {parent.level}; it must be a lower level",
        )
    if session.scalar(select(col(Unit.id)).where(col(Unit.code) == data.code)) is not None:
        raise Conflict(f"A unit with code {data.code!r} already exists.")
    unit = place(session, code=data.code, name=data.name, level=data.level, parent=parent)
    session.flush()
    record(session, actor, "create", "unit", unit.id, after=data.model_dump(mode="json"))
    return unit


def list_units(
    session: Session,
    *,
    scope: Scope,
    parent_id: int | None,
    level: str | None,
    q: str | None,
    limit: int,
    cursor: str | None,
    on: date | None = None,
) -> tuple[list[Unit], str | None]:
    """The units of the tree valid on ``on`` (default: ``eras.default_day``)."""
    stmt = readable_units(scope)
    parent = session.get(Unit, parent_id) if parent_id is not None else None
    stmt = stmt.where(valid_on(on or default_day(session, scope=scope, parent=parent)))
    if parent_id is not None:
        stmt = stmt.where(col(Unit.parent_id) == parent_id)
    if level is not None:
        stmt = stmt.where(col(Unit.level) == level)
    if q:
        folded = fold(q)
        if folded:
            escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(col(Unit.name_folded).like(f"%{escaped}%", escape="\\"))
    if cursor:
        (after_id,) = decode_cursor(cursor, (int,))
        stmt = stmt.where(col(Unit.id) > after_id)
    rows = list(session.scalars(stmt.order_by(col(Unit.id)).limit(limit + 1)))
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    return rows[:limit], next_cursor


# --- import -----------------------------------------------------------------------------------

_rows_adapter = TypeAdapter(list[dict[str, Any]])


def parse_import(
    content: bytes, content_type: str, columns: Sequence[str] = ("code", "name", "level")
) -> list[tuple[int, dict[str, Any]]]:
    """(row number, raw row) pairs from a CSV (row = line number) or JSON list (row = index);
    ``columns``: those a CSV header must name."""
    if "json" in content_type:
        try:
            data = orjson.loads(content)
        except orjson.JSONDecodeError:
            raise ProblemError("The file is not valid JSON.", title="Malformed JSON") from None
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            data = data["items"]
        try:
            rows = _rows_adapter.validate_python(data)
        except ValidationError:
            raise Invalid(
                ["body"], f"expected a JSON list of {{{', '.join(columns)}, ...}}"
            ) from None
        return list(enumerate(rows))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(["file"], "the CSV file must be UTF-8 encoded") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = set(columns) - set(reader.fieldnames or [])
    if missing:
        raise Invalid(["file", "header"], f"missing column(s): {', '.join(sorted(missing))}")
    return [
        (reader.line_num, {k: (v or None) for k, v in row.items() if k is not None})
        for row in reader
    ]


def import_units(
    session: Session, *, scope: Scope, actor: Actor, raw_rows: Iterable[tuple[int, dict[str, Any]]]
) -> list[Unit]:
    """Create every row or none. Parents may be existing units or rows anywhere in the file."""
    raw = list(raw_rows)
    if len(raw) > MAX_IMPORT_ROWS:
        raise Invalid(["rows"], f"at most {MAX_IMPORT_ROWS} rows per import")
    rows, errors = validate_rows(raw, UnitImportRow)
    codes = [row.code for _, row in rows]
    existing = (
        {u.code: u for u in session.scalars(select(Unit).where(col(Unit.code).in_(codes)))}
        if codes
        else {}
    )
    seen: dict[str, int] = {}
    for n, row in rows:
        if row.code in existing:
            errors.append(
                {
                    "loc": ["rows", n, "code"],
                    "msg": f"code {row.code!r} already exists",
                    "type": "conflict",
                }
            )
        if row.code in seen:
            errors.append(
                {
                    "loc": ["rows", n, "code"],
                    "msg": f"code {row.code!r} repeats row {seen[row.code]}",
                    "type": "conflict",
                }
            )
        seen.setdefault(row.code, n)
    if errors:
        raise import_failed(errors)

    by_code = {row.code: (n, row) for n, row in rows}
    parent_codes = {
        row.parent_code for _, row in rows if row.parent_code and row.parent_code not in by_code
    }
    known: dict[str, Unit] = (
        {u.code: u for u in session.scalars(select(Unit).where(col(Unit.code).in_(parent_codes)))}
        if parent_codes
        else {}
    )

    created: list[Unit] = []
    pending = list(rows)
    while pending:
        progress = False
        still: list[tuple[int, UnitImportRow]] = []
        for n, row in pending:
            parent: Unit | None = None
            if row.parent_code is None:
                if not scope.is_everything:
                    errors.append(
                        {
                            "loc": ["rows", n, "parent_code"],
                            "msg": "only a superuser creates root units",
                            "type": "forbidden",
                        }
                    )
                    continue
            elif row.parent_code in known:
                parent = known[row.parent_code]
            elif row.parent_code in by_code:
                still.append((n, row))  # its parent is created later in this loop
                continue
            else:
                errors.append(
                    {
                        "loc": ["rows", n, "parent_code"],
                        "msg": f"no unit has code {row.parent_code!r}",
                        "type": "not_found",
                    }
                )
                continue
            if parent is not None and not scope.covers(parent.path):
                errors.append(
                    {
                        "loc": ["rows", n, "parent_code"],
                        "msg": "parent is outside your part of the hierarchy",
                        "type": "forbidden",
                    }
                )
                continue
            if parent is not None and not may_sit_under(row.level, parent.level):
                errors.append(
                    {
                        "loc": ["rows", n, "level"],
                        "msg": f"a {row.level.value} cannot sit under a {parent.level}",
                        "type": "level_order",
                    }
                )
                continue
            unit = place(session, code=row.code, name=row.name, level=row.level, parent=parent)
            known[row.code] = unit
            created.append(unit)
            progress = True
        if not progress and still:
            for n, row in still:
                if not any(err["loc"][1] == by_code[row.parent_code or ""][0] for err in errors):
                    errors.append(
                        {
                            "loc": ["rows", n, "parent_code"],
                            "msg": "rows form a cycle",
                            "type": "cycle",
                        }
                    )
                else:
                    errors.append(
                        {
                            "loc": ["rows", n, "parent_code"],
                            "msg": "its parent row failed",
                            "type": "parent_failed",
                        }
                    )
            break
        pending = still
    if errors:
        raise import_failed(errors)
    session.flush()
    record(
        session,
        actor,
        "import",
        "unit",
        f"{len(created)} units",
        after={"codes": [u.code for u in created][:1000]},
    )
    return created


Row = TypeVar("Row", bound=BaseModel)


def validate_rows(
    raw: Iterable[tuple[int, dict[str, Any]]], model: type[Row]
) -> tuple[list[tuple[int, Row]], list[dict[str, Any]]]:
    """An import's rows checked one by one against ``model``: the valid ones (with their row
    number) and the errors of the others, named ``["rows", n, field]``."""
    rows: list[tuple[int, Row]] = []
    errors: list[dict[str, Any]] = []
    for n, data in raw:
        try:
            rows.append((n, model.model_validate(data)))
        except ValidationError as exc:
            errors += [
                {"loc": ["rows", n, *e["loc"]], "msg": e["msg"], "type": e["type"]}
                for e in exc.errors()
            ]
    return rows, errors


def import_failed(errors: list[dict[str, Any]]) -> Invalid:
    errors.sort(
        key=lambda e: e["loc"][1] if len(e["loc"]) > 1 and isinstance(e["loc"][1], int) else -1
    )
    first = errors[0]
    exc = Invalid(
        first["loc"],
        first["msg"],
        detail=f"Nothing was imported: {len(errors)} error(s); "
        f"first at row {first['loc'][1]}: {first['msg']}.",
    )
    exc.errors = errors[:200]
    return exc
