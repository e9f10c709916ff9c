"""Every label of the enumerations, once: Vietnamese, English, and the Vietnamese prose form.

``vi`` and ``en`` are what a column, a drop-down or a chart shows — the web app's i18n
(``frontend/src/i18n/{vi,en}.ts``) shows the same words, and a test compares them. ``prose`` is the
form a sentence of the official report uses ("… 10.210 ý kiến qua hội nghị, buổi lấy ý kiến").

Keys are the enumerations' codes (a ``StrEnum`` member is its code, so ``CHANNELS[Channel.media]``
works): this module imports nothing of the domains, so that every package — the paper form, the
exports, the DOCX renderers — may use it; ``tests/reports/test_vocabulary.py`` checks that every
member of every enumeration has its term.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Language = Literal["vi", "en", "codes"]
LANGUAGES: tuple[Language, ...] = ("vi", "en", "codes")


@dataclass(frozen=True)
class Term:
    vi: str
    en: str
    prose: str | None = None  # the form inside a Vietnamese sentence, where it differs from vi


Vocabulary = Mapping[str, Term]

CATEGORIES: Vocabulary = {
    "citizen": Term("Nhân dân", "Citizen", "nhân dân ở khu dân cư"),
    "front_committee_member": Term(
        "Ủy viên UB MTTQ", "Front committee member", "ủy viên Ủy ban MTTQ Việt Nam"
    ),
    "advisory_council": Term(
        "Hội đồng, ban tư vấn", "Advisory council", "thành viên Hội đồng tư vấn, Ban tư vấn"
    ),
    "notable_person": Term(
        "Nhân sĩ, trí thức, người có uy tín, chức sắc",
        "Notable person",
        "nhân sĩ, trí thức, người có uy tín, chức sắc tôn giáo",
    ),
    "cadre": Term(
        "Cán bộ, công chức, viên chức",
        "Cadre, civil servant",
        "cán bộ, công chức, viên chức, người lao động",
    ),
    "member_organization": Term(
        "Tổ chức thành viên", "Member organisation", "các tổ chức thành viên"
    ),
    "party_member": Term("Đảng viên", "Party member", "đảng viên"),
    "other": Term("Khác", "Other", "thành phần khác"),
}
CHANNELS: Vocabulary = {
    "meeting": Term("Hội nghị", "Meeting", "qua hội nghị, buổi lấy ý kiến"),
    "written": Term("Văn bản", "Written", "bằng văn bản"),
    "online": Term("Trực tuyến", "Online", "trực tuyến"),
    "media": Term("Báo chí, truyền thông", "Mass media", "qua phương tiện thông tin đại chúng"),
    "other": Term("Khác", "Other", "hình thức khác"),
}
# The prose form is the verb a report puts before an opinion ("Nhiều ý kiến đề nghị bổ sung …").
STANCES: Vocabulary = {
    "agree": Term("Tán thành", "Agree", "tán thành"),
    "amend": Term("Đề nghị sửa đổi", "Amend", "đề nghị sửa đổi"),
    "add": Term("Đề nghị bổ sung", "Add", "đề nghị bổ sung"),
    "disagree": Term("Không tán thành", "Disagree", "không tán thành"),
    "other": Term("Khác", "Other", "nêu"),
}
ORGANIZATIONS: Vocabulary = {
    "front": Term("Mặt trận", "Front"),
    "trade_union": Term("Công đoàn", "Trade union"),
    "farmers_union": Term("Hội Nông dân", "Farmers' union"),
    "youth_union": Term("Đoàn Thanh niên", "Youth union"),
    "womens_union": Term("Hội Liên hiệp Phụ nữ", "Women's union"),
    "veterans_association": Term("Hội Cựu chiến binh", "Veterans association"),
    "other": Term("Khác", "Other"),
}
LEVELS: Vocabulary = {
    "central": Term("Trung ương", "Central"),
    "province": Term("Tỉnh", "Province"),
    "district": Term("Huyện", "District"),
    "commune": Term("Xã", "Commune"),
    "residential_area": Term("Khu dân cư", "Residential area"),
}
MEETING_KINDS: Vocabulary = {
    "residential_area_meeting": Term("Hội nghị khu dân cư", "Residential-area meeting"),
    "committee_conference": Term("Hội nghị Ủy ban", "Committee conference"),
    "advisory_council": Term("Hội đồng tư vấn", "Advisory council"),
    "staff_conference": Term("Hội nghị cán bộ", "Staff conference"),
    "other": Term("Khác", "Other"),
}
ROLES: Vocabulary = {
    "admin": Term("Quản trị viên", "Administrator"),
    "secretary": Term("Thường trực", "Standing board"),
    "entry": Term("Nhập liệu", "Data entry"),
    "viewer": Term("Xem", "Viewer"),
}
# A child's synthesis as its parent sees it: the statuses of a version, and "missing".
SYNTHESIS_STATUSES: Vocabulary = {
    "missing": Term("Chưa có", "Missing"),
    "draft": Term("Đang soạn", "Draft"),
    "submitted": Term("Đã gửi", "Submitted"),
    "accepted": Term("Đã tiếp nhận", "Accepted"),
    "returned": Term("Bị trả lại", "Returned"),
    # A child whose level the consultation gives no deadline: followed by its entries instead.
    "not_required": Term("Không phải gửi", "Not required"),
}
CONSULTATION_STATUSES: Vocabulary = {
    "open": Term("Đang mở", "Open"),
    "closed": Term("Đã đóng", "Closed"),
}
FEEDBACK: Vocabulary = {
    "taken_up": Term("Đã tiếp thu", "Taken up"),
    "noted": Term("Ghi nhận", "Noted"),
    "not_taken_up": Term("Không tiếp thu", "Not taken up"),
}
YES_NO: Vocabulary = {"yes": Term("Có", "Yes"), "no": Term("Không", "No")}


def words(language: Language, vi: str, en: str, code: str) -> str:
    """A header in the language asked: Vietnamese, English, or the machine's code."""
    return vi if language == "vi" else en if language == "en" else code


def label(vocabulary: Vocabulary, code: str, language: Language = "vi") -> str:
    """The code in that language; an unknown code (or ``codes``) is the code itself."""
    term = vocabulary.get(code)
    if term is None or language == "codes":
        return code
    return term.vi if language == "vi" else term.en


def prose(vocabulary: Vocabulary, code: str) -> str:
    """The form inside a Vietnamese sentence (the label, lowered, when none is set)."""
    term = vocabulary.get(code)
    if term is None:
        return code
    return term.prose if term.prose is not None else term.vi.lower()


def labels(vocabulary: Vocabulary, language: Language = "vi") -> dict[str, str]:
    """code → label, e.g. the Vietnamese drop-down of the paper form: ``labels(STANCES)``."""
    return {code: label(vocabulary, code, language) for code in vocabulary}


def prose_forms(vocabulary: Vocabulary) -> dict[str, str]:
    return {code: prose(vocabulary, code) for code in vocabulary}
