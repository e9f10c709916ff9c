"""The comments export's columns, in the language asked (``labels=vi|en|codes``).

A row is the mapping ``comments.service.iter_export`` yields: the comment's columns, the names a
reader needs, and ``ancestry`` (level → name of the entering unit and its ancestors). Headers and
enumeration values are Vietnamese (``vi``, the default), English (``en``) or the codes
(``codes``, for machines); days are dates and instants are instants (``tables`` shows them).
"""

from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from ykien.reports.tables import Cell, Column
from ykien.reports.vocabulary import (
    CATEGORIES,
    CHANNELS,
    LEVELS,
    ORGANIZATIONS,
    STANCES,
    Language,
    Vocabulary,
    label,
    words,
)

Row = Mapping[str, Any]


def _field(name: str) -> Callable[[Row], Cell]:
    def get(row: Row) -> Cell:
        value = row[name]
        return str(value) if isinstance(value, UUID) else value

    return get


def _enum(name: str, vocabulary: Vocabulary, language: Language) -> Callable[[Row], Cell]:
    return lambda row: label(vocabulary, row[name], language)


def _ancestor(level: str) -> Callable[[Row], Cell]:
    return lambda row: row["ancestry"].get(level)


def _count(name: str) -> Callable[[Row], Cell]:
    return lambda row: int(row[name])


def comment_columns(language: Language = "vi") -> list[Column[Row]]:
    """The columns of ``GET /comments/export``: the first sixteen as they always were, then the
    ids, the last change and the entering unit's ancestry."""

    def column(vi: str, en: str, code: str, get: Callable[[Row], Cell]) -> Column[Row]:
        return Column(words(language, vi, en, code), get)

    ancestry = [
        column(
            LEVELS[level].vi,
            LEVELS[level].en,
            level,
            _ancestor(level),
        )
        for level in ("province", "district", "commune", "residential_area")
    ]
    return [
        column("Mã ý kiến", "Comment id", "id", _field("id")),
        column("Ngày lấy ý kiến", "Collected on", "collected_on", _field("collected_on")),
        column("Mã đơn vị nhập", "Unit code", "unit_code", _field("unit_code")),
        column("Đơn vị nhập", "Unit", "unit_name", _field("unit_name")),
        column("Mã văn kiện", "Document code", "document_code", _field("document_code")),
        column("Mục", "Section", "section_number", _field("section_number")),
        column("Hình thức", "Channel", "channel", _enum("channel", CHANNELS, language)),
        column("Đối tượng góp ý", "Category", "category", _enum("category", CATEGORIES, language)),
        column("Loại ý kiến", "Stance", "stance", _enum("stance", STANCES, language)),
        column(
            "Tổ chức thu thập",
            "Organization",
            "organization",
            _enum("organization", ORGANIZATIONS, language),
        ),
        column("Số người cùng ý kiến", "People", "people", _count("people")),
        column("Nội dung ý kiến", "Content", "content", _field("content")),
        column("Mã hội nghị", "Meeting id", "meeting_id", _field("meeting_id")),
        column("Họ tên người góp ý", "Contributor", "contributor_name", _field("contributor_name")),
        column("Liên hệ", "Contact", "contributor_contact", _field("contributor_contact")),
        column("Thời điểm nhập", "Created at", "created_at", _field("created_at")),
        column("Thời điểm sửa gần nhất", "Updated at", "updated_at", _field("updated_at")),
        column("ID đơn vị nhập", "Unit id", "unit_id", _field("unit_id")),
        column("ID văn kiện", "Document id", "document_id", _field("document_id")),
        column("ID mục", "Section id", "section_id", _field("section_id")),
        *ancestry,
    ]
