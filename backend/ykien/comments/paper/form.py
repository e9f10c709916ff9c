"""The paper form's layout, shared by the template that writes it and the reader that reads it
back: its sheets and rows, its columns (header, width, note, Vietnamese labels of the
enumerations), its limits, and the errors that name a sheet, row and column."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.comments.models import Category, Channel, Organization, Stance
from ykien.consultations.models import Document, Section
from ykien.core.errors import Invalid, ProblemError
from ykien.core.text import fold
from ykien.reports.vocabulary import (
    CATEGORIES,
    CHANNELS,
    ORGANIZATIONS,
    STANCES,
    Vocabulary,
    label,
)

TEMPLATE_VERSION = 1
MARKER_TAG = "ykien-paper-form"
MARKER_SHEET = "_ykien"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
HEADER_SEARCH = 10  # rows searched for the header row when reading
FORM_ROWS = 2_000  # rows prepared with drop-downs; more may be typed below them
MAX_SHEET_ROW = 20_000  # row numbers read per sheet
MAX_ROWS = 5_000  # filled rows per file
MAX_ERRORS = 200
MAX_UNZIPPED = 50 * 2**20  # an XLSX is a zip: refuse "zip bombs" before parsing
MAX_SHEETS = 200
ITEMS_SHOWN = 100
# The form's ids live in their own namespace: uuid5(namespace, form/consultation/unit/…/row/hash).
ROW_NAMESPACE = uuid.UUID("7d1b6c2e-4f0a-5b8e-9c3d-2a6f1e0b9d47")

# --- the enumerations' Vietnamese labels ---------------------------------------------------------

E = TypeVar("E", bound=StrEnum)


def _words_of(enum: type[E], vocabulary: Vocabulary) -> dict[E, str]:
    """Each member's Vietnamese label, from the one vocabulary (reports/vocabulary.py)."""
    return {member: label(vocabulary, member.value, "vi") for member in enum}


STANCE_LABELS = _words_of(Stance, STANCES)
CATEGORY_LABELS = _words_of(Category, CATEGORIES)
CHANNEL_LABELS = _words_of(Channel, CHANNELS)
ORGANIZATION_LABELS = _words_of(Organization, ORGANIZATIONS)
# The words of forms handed out before the labels came from the vocabulary: still read.
EARLIER_WORDS: dict[str, StrEnum] = {
    "Sửa đổi": Stance.amend,
    "Bổ sung": Stance.add,
    "Ủy viên Ủy ban MTTQ": Category.front_committee_member,
    "Hội đồng tư vấn": Category.advisory_council,
    "Nhân sĩ, trí thức, người có uy tín, chức sắc tôn giáo": Category.notable_person,
    "Phương tiện truyền thông": Channel.media,
}
# Other words boards write for the same thing (the glossary's "đồng ý một phần" is an amendment).
ALIASES: dict[str, StrEnum] = {
    "nhat tri": Stance.agree,
    "dong y": Stance.agree,
    "dong y mot phan": Stance.amend,
    "khong dong y": Stance.disagree,
    "khong nhat tri": Stance.disagree,
    **{fold(words): member for words, member in EARLIER_WORDS.items()},
}


@dataclass(frozen=True)
class Column:
    key: str  # a CommentCreate field, or "section" (a number, resolved to section_id)
    header: str
    width: float
    note: str
    required: bool = False
    labels: Mapping[Any, str] | None = None  # enumeration member → Vietnamese label


COLUMNS: tuple[Column, ...] = (
    Column(
        "section",
        "Mục (số)",
        11,
        "Số mục của dự thảo mà ý kiến góp vào (chọn trong danh sách; xem mục lục bên phải). "
        "Để trống nếu góp ý chung cho cả văn kiện.",
    ),
    Column("content", "Nội dung ý kiến", 64, "Bắt buộc. Ghi đầy đủ nội dung ý kiến.", True),
    Column("stance", "Loại ý kiến", 17, "Bắt buộc. Chọn trong danh sách.", True, STANCE_LABELS),
    Column(
        "category", "Đối tượng góp ý", 30, "Bắt buộc. Chọn trong danh sách.", True, CATEGORY_LABELS
    ),
    Column("channel", "Hình thức", 18, "Bắt buộc. Chọn trong danh sách.", True, CHANNEL_LABELS),
    Column(
        "organization",
        "Tổ chức lấy ý kiến",
        20,
        "Để trống = Mặt trận.",
        labels=ORGANIZATION_LABELS,
    ),
    Column("people", "Số người cùng ý kiến", 12, "Số người nêu cùng ý kiến; để trống = 1."),
    Column(
        "collected_on",
        "Ngày lấy ý kiến",
        14,
        "Bắt buộc. Ngày/tháng/năm (dd/mm/yyyy), trong thời gian lấy ý kiến, không sau hôm nay.",
        True,
    ),
    Column("contributor_name", "Họ tên người góp ý", 24, "Không bắt buộc (thông tin cá nhân)."),
    Column("contributor_contact", "Liên hệ", 22, "Không bắt buộc: điện thoại, địa chỉ."),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
LIST_COLUMNS = [c for c in COLUMNS if c.labels is not None]
INDEX_GAP = 1  # blank columns between the form and the table of contents on its right
READ_COLUMNS = len(COLUMNS) + 8  # the form, plus room for columns a board moved


def header_key(text: str) -> str:
    return fold(text).rstrip(" *")


HEADER_KEYS = {header_key(c.header): c for c in COLUMNS}


def _lookup(labels: Mapping[Any, str]) -> dict[str, StrEnum]:
    """Folded label, value ("party_member") and spaced value ("party member") → member."""
    table: dict[str, StrEnum] = {}
    kind = type(next(iter(labels)))
    for alias, member in ALIASES.items():
        if isinstance(member, kind):
            table[alias] = member
    for member, word in labels.items():
        table[fold(word)] = member
        table[fold(member.value)] = member
        table[fold(member.value.replace("_", " "))] = member
    return table


LOOKUPS = {c.key: _lookup(c.labels) for c in LIST_COLUMNS if c.labels is not None}


# --- errors --------------------------------------------------------------------------------------


class FormInvalid(ProblemError):
    """A filled form that breaks rules: 422 naming every cell at fault (sheet, row, column)."""

    status, slug = 422, "validation"


def not_a_form(msg: str) -> Invalid:
    return Invalid(["file"], msg, detail=f"file: {msg}")


def describe(loc: Sequence[str | int]) -> str:
    if len(loc) >= 4 and loc[0] == "file":
        return f"sheet '{loc[1]}', row {loc[2]}, column '{loc[3]}'"
    if len(loc) == 3 and loc[0] == "file":
        return f"sheet '{loc[1]}', row {loc[2]}"
    if len(loc) == 2 and loc[0] == "file":
        return f"sheet '{loc[1]}'"
    return ".".join(str(p) for p in loc)


@dataclass
class Errors:
    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    def add(self, loc: list[str | int], msg: str) -> None:
        self.total += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append({"loc": loc, "msg": msg, "type": "value_error"})

    def raise_any(self) -> None:
        if not self.items:
            return
        first = self.items[0]
        more = f" ({self.total} errors in all)" if self.total > 1 else ""
        raise FormInvalid(
            f"{describe(first['loc'])}: {first['msg']}{more}",
            errors=self.items,
            title="The form has errors",
        )


def documents_of(session: Session, consultation_id: int) -> list[tuple[Document, list[Section]]]:
    """The consultation's documents with their sections, in the order of the form's sheets."""
    documents = list(
        session.scalars(
            select(Document)
            .where(col(Document.consultation_id) == consultation_id)
            .order_by(col(Document.id))
        )
    )
    sections: dict[int, list[Section]] = {d.id: [] for d in documents if d.id is not None}
    if sections:
        for s in session.scalars(
            select(Section)
            .where(col(Section.document_id).in_(list(sections)))
            .order_by(col(Section.document_id), col(Section.position))
        ):
            sections[s.document_id].append(s)
    return [(d, sections[d.id]) for d in documents if d.id is not None]
