"""Vietnamese text: NFC storage form, the diacritics-blind fold used for every search, and the rule
for text people type (``Name``, ``Text``): visible, no control characters, bounded after NFC."""

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
# Embeddings, overrides and isolates: they reorder what follows ("Trojan Source").
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def nfc(text: str) -> str:
    """The stored form: NFC, blanks trimmed."""
    return unicodedata.normalize("NFC", text).strip()


def has_control_chars(text: str) -> bool:
    """True when text holds a control character other than newline and tab."""
    return _CONTROL.search(text) is not None


def has_bidi_controls(text: str) -> bool:
    """True when text holds a character that changes the direction of what follows."""
    return _BIDI_CONTROLS.search(text) is not None


def is_blank(text: str) -> bool:
    """True when nothing would show: only spaces and format characters (zero-width space…)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


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
    if is_blank(value):
        raise ValueError("must not be blank")
    if has_control_chars(value):
        raise ValueError("must not contain control characters other than newline and tab")
    return value


@dataclass(frozen=True)
class TextRule:
    """Pydantic metadata for text a person types: ``clean_text``, then at most ``max_length``
    characters counted after NFC (which may lengthen text: U+FB2C becomes three characters).
    A ``name`` (of a unit, a document, a person…) also refuses bidi controls.

    Use the aliases below, or ``Annotated[str, TextRule(300, name=True)]`` for another bound."""

    max_length: int
    name: bool = False

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.clean, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        # A tighter bound around this one stays (Annotated[Name, StringConstraints(...)]).
        json_schema["maxLength"] = min(
            json_schema.get("maxLength", self.max_length), self.max_length
        )
        return json_schema

    def clean(self, value: str) -> str:
        value = clean_text(value)
        if self.name and has_bidi_controls(value):
            raise ValueError("must not contain bidi control characters (U+202A–202E, 2066–2069)")
        if len(value) > self.max_length:
            raise PydanticCustomError(
                "string_too_long",
                "String should have at most {max_length} characters",
                {"max_length": self.max_length},
            )
        return value


Name = Annotated[str, TextRule(200, name=True)]
"""A name or title on one line: a unit's, a person's, a contributor's."""
Text = Annotated[str, TextRule(10_000)]
"""What a person wrote (a comment's content): lines and any script, up to 10,000 characters."""
