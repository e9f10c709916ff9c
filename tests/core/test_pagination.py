"""Cursor encoding round-trips and rejects anything it did not make."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ykien.core.errors import Invalid
from ykien.core.pagination import decode_cursor, encode_cursor


@given(st.integers(min_value=-(2**53), max_value=2**53), st.text(max_size=40))
def test_cursor_round_trip(number: int, text: str) -> None:
    assert decode_cursor(encode_cursor([number, text]), (int, str)) == [number, text]


@pytest.mark.parametrize("bad", ["", "!!!", "e30", "WzFd" + "x", "WyJhIl0", "W3RydWVd"])
def test_foreign_cursors_are_a_422_naming_the_cursor(bad: str) -> None:
    with pytest.raises(Invalid) as exc:
        decode_cursor(bad, (int,))
    assert exc.value.errors and exc.value.errors[0]["loc"] == ["query", "cursor"]


@given(st.text(max_size=60))
def test_any_text_either_decodes_or_is_invalid(junk: str) -> None:
    with contextlib.suppress(Invalid):
        decode_cursor(junk, (int,))
