"""Keyset cursors: opaque, URL-safe encodings of the last item's sort key.

A cursor is base64url(JSON list). Decoding validates shape and range so that a forged or
truncated cursor answers 422 naming ``cursor`` instead of failing deeper down (an integer beyond
64 bits overflows SQLite's driver; a boolean or a float is not the key it stands for).
"""

import base64
import binascii
from typing import Annotated, Any, Generic, TypeVar

import orjson
from fastapi import Query
from pydantic import BaseModel

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
