"""Keyset cursors: opaque, URL-safe encodings of the last item's sort key.

A cursor is base64url(JSON list). Decoding validates shape and range so that a forged or
truncated cursor answers 422 naming ``cursor`` instead of failing deeper down (an integer beyond
64 bits overflows SQLite's driver; a boolean or a float is not the key it stands for).
"""

import base64
import binascii
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

import orjson
from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, and_, or_
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session

from ykien.core.errors import Invalid

T = TypeVar("T")

MIN_KEY, MAX_KEY = -(2**63), 2**63 - 1
"""The range of a database integer (BIGINT, SQLite's INTEGER): a cursor's integers lie in it."""

LimitQuery = Annotated[int, Query(ge=1, le=500, description="Page size (1–500).")]
CursorQuery = Annotated[
    str | None, Query(max_length=512, description="`next_cursor` of the previous page.")
]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode().rstrip("=")


def _is(value: Any, kind: type) -> bool:
    if isinstance(value, bool) or type(value) is not kind:
        return False
    return not isinstance(value, int) or MIN_KEY <= value <= MAX_KEY


def decode_cursor(cursor: str, types: tuple[type, ...], *, name: str = "cursor") -> list[Any]:
    """Decode and check that the cursor holds one value of each of ``types``, in order;
    ``name`` is the query parameter that carried it."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = orjson.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise Invalid(["query", name], "not a cursor given by this API") from None
    if (
        not isinstance(values, list)
        or len(values) != len(types)
        or not all(_is(v, t) for v, t in zip(values, types, strict=True))
    ):
        raise Invalid(["query", name], "not a cursor given by this API")
    return values


@dataclass(frozen=True)
class Key:
    """One column of a list's order: the column, and whether it runs newest first."""

    column: Any
    descending: bool = False


def keyset_page(
    session: Session, stmt: Select[Any], keys: Sequence[Key], *, cursor: str | None, limit: int
) -> tuple[list[Any], str | None]:
    """A page of ``stmt`` in the order of ``keys`` (the last one unique) after ``cursor``, and
    the cursor of the next page (None on the last). Integer, text, date, time and UUID keys."""
    if cursor is not None:
        kinds = tuple(_cursor_kind(k.column) for k in keys)
        raw = decode_cursor(cursor, kinds)
        values = [_from_cursor(v, k.column) for v, k in zip(raw, keys, strict=True)]
        stmt = stmt.where(_after(keys, values))
    order = [k.column.desc() if k.descending else k.column.asc() for k in keys]
    rows = list(session.scalars(stmt.order_by(*order).limit(limit + 1)))
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode_cursor([_to_cursor(getattr(last, k.column.key)) for k in keys])


def _after(keys: Sequence[Key], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in the keys' order (each key ascending or descending)."""
    ors = []
    for i, key in enumerate(keys):
        step = key.column < values[i] if key.descending else key.column > values[i]
        ors.append(and_(*(k.column == v for k, v in zip(keys[:i], values[:i], strict=True)), step))
    return or_(*ors)


def _python_type(column: Any) -> type:
    kind = column.type
    if isinstance(kind, TypeDecorator):  # e.g. UTCDateTime: the type it stores as
        kind = kind.impl
    return kind.python_type  # type: ignore[no-any-return]


def _cursor_kind(column: Any) -> type:
    return int if _python_type(column) is int else str


def _to_cursor(value: Any) -> Any:
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    return str(value) if isinstance(value, uuid.UUID) else value


def _from_cursor(value: Any, column: Any) -> Any:
    kind = _python_type(column)
    parse: Any = {date: date.fromisoformat, datetime: datetime.fromisoformat, uuid.UUID: uuid.UUID}
    if kind not in parse:
        return value
    try:
        parsed = parse[kind](value)
    except ValueError:
        raise Invalid(["query", "cursor"], "not a cursor given by this API") from None
    if isinstance(parsed, datetime) and parsed.tzinfo is None:
        raise Invalid(["query", "cursor"], "not a cursor given by this API")
    return parsed
