"""Vietnamese text: NFC storage form, and the diacritics-blind fold used for every search."""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """The stored form: NFC, blanks trimmed."""
    return unicodedata.normalize("NFC", text).strip()


def has_control_chars(text: str) -> bool:
    """True when text holds a control character other than newline and tab."""
    return _CONTROL.search(text) is not None


def fold(text: str) -> str:
    """Search form: no diacritics (đ→d included), case-folded, blanks collapsed.

    "Chỉnh đốn Đảng" → "chinh don dang". Both engines index this form and queries are folded
    the same way, so neither depends on the database's own accent handling.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def clean_text(value: str) -> str:
    """Validator for one-line or multi-line user text: NFC, trimmed, not blank, no control chars."""
    value = nfc(value)
    if not value:
        raise ValueError("must not be blank")
    if has_control_chars(value):
        raise ValueError("must not contain control characters other than newline and tab")
    return value
