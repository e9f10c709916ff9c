"""One vocabulary: every member of every enumeration has its Vietnamese and English label, and
the web app's i18n shows the same words."""

import re
from enum import StrEnum
from pathlib import Path

import pytest

from ykien.accounts.models import Role
from ykien.comments.models import Category, Channel, Organization, Stance
from ykien.meetings.models import MeetingKind
from ykien.reports import vocabulary as v
from ykien.syntheses.models import Feedback, SynthesisStatus
from ykien.units.models import UnitLevel

I18N = Path(__file__).parents[2] / "frontend" / "src" / "i18n"

ENUMS: list[tuple[type[StrEnum], v.Vocabulary, str]] = [
    (Category, v.CATEGORIES, "category"),
    (Channel, v.CHANNELS, "channel"),
    (Stance, v.STANCES, "stance"),
    (Organization, v.ORGANIZATIONS, "organization"),
    (UnitLevel, v.LEVELS, "level"),
    (MeetingKind, v.MEETING_KINDS, "meetingKind"),
    (Role, v.ROLES, "role"),
    (SynthesisStatus, v.SYNTHESIS_STATUSES, "status"),
    (Feedback, v.FEEDBACK, "feedback"),
]


@pytest.mark.parametrize(("enum", "terms", "key"), ENUMS, ids=[k for *_, k in ENUMS])
def test_every_member_has_its_terms(enum: type[StrEnum], terms: v.Vocabulary, key: str) -> None:
    assert {m.value for m in enum} <= set(terms)
    for member in enum:
        term = terms[member]  # a member is its code
        assert term.vi.strip() and term.en.strip()
        assert v.label(terms, member, "codes") == member.value
    # Progress statuses beyond the synthesis states: no synthesis yet, or none asked of the level.
    assert set(terms) - {m.value for m in enum} <= {"missing", "not_required"}


def _i18n_block(language: str, key: str) -> dict[str, str]:
    """``key: { code: 'label', … }`` of the web app's messages (feedback's codes are spread
    through its ``feedback`` block, so the codes are looked up one by one)."""
    source = (I18N / f"{language}.ts").read_text(encoding="utf-8")
    pairs = r"(\w+): (?:'((?:[^'\\]|\\.)*)'|\"([^\"]*)\")"
    if key == "feedback":
        block = re.search(r"\bfeedback: \{(.*?)\n", source)
    else:
        block = re.search(rf"^  {key}: \{{([^}}]*)\}}", source, re.MULTILINE)
    assert block is not None, key
    return {m[0]: m[1] or m[2] for m in re.findall(pairs, block.group(1))}


@pytest.mark.parametrize(("enum", "terms", "key"), ENUMS, ids=[k for *_, k in ENUMS])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_web_app_shows_the_same_words(
    enum: type[StrEnum], terms: v.Vocabulary, key: str, language: str
) -> None:
    shown = _i18n_block(language, key)
    for code, term in terms.items():
        assert shown.get(code) == (term.vi if language == "vi" else term.en), (key, code)


def test_prose_forms_read_inside_a_sentence() -> None:
    assert v.prose(v.CHANNELS, "meeting") == "qua hội nghị, buổi lấy ý kiến"
    assert v.prose(v.STANCES, "amend") == "đề nghị sửa đổi"
    assert v.prose(v.ORGANIZATIONS, "youth_union") == "đoàn thanh niên"  # lowered label
    assert v.prose(v.CHANNELS, "pigeon") == "pigeon"
    assert v.labels(v.STANCES, "en")["add"] == "Add"
    assert v.label(v.LEVELS, "commune") == "Xã"
