"""Vietnamese text: NFC storage, the diacritics-blind fold, and the rule for typed text."""

import unicodedata

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from tests.conftest import World
from tests.factories import Campaign
from ykien.core.text import (
    Name,
    Text,
    fold,
    has_bidi_controls,
    has_control_chars,
    is_blank,
    nfc,
)


def test_fold_removes_every_vietnamese_mark_and_d_bar() -> None:
    assert fold("Chỉnh đốn Đảng") == "chinh don dang"
    assert fold("NGƯỜI CÓ UY TÍN, GIÀ LÀNG") == "nguoi co uy tin, gia lang"
    # letters with two marks (circumflex/breve/horn + tone)
    assert (
        fold("ẩ ầ ấ ậ ẫ ắ ằ ẳ ẵ ặ ể ễ ệ ổ ỗ ộ ở ỡ ợ ử ữ ự")
        == "a a a a a a a a a a e e e o o o o o o u u u"
    )


def test_fold_is_the_same_for_nfc_and_nfd_input() -> None:
    text = "Mặt trận Tổ quốc Việt Nam"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "mat tran to quoc viet nam"


def test_control_characters_other_than_newline_and_tab() -> None:
    assert not has_control_chars("dòng 1\ndòng 2\tcột")
    assert has_control_chars("a\x00b")
    assert has_control_chars("a\x1bb")


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_output_has_no_combining_marks_or_d_bar(text: str) -> None:
    out = fold(text)
    assert "đ" not in out and "Đ" not in out
    assert not any(unicodedata.combining(ch) for ch in out)


@given(st.text())
def test_nfc_is_normalised_trimmed_and_idempotent(text: str) -> None:
    out = nfc(text)
    assert unicodedata.is_normalized("NFC", out)
    assert out == out.strip()
    assert nfc(out) == out


# --- the rule for typed text (issue #13, defect 7) --------------------------------------------


class _Form(BaseModel):
    name: Name
    text: Text


def _errors(**data: str) -> list[tuple[str, str]]:
    try:
        _Form.model_validate({"name": "Khu phố 1", "text": "Ý kiến.", **data})
    except ValidationError as exc:
        return [(str(e["loc"][0]), e["type"]) for e in exc.errors()]
    return []


@pytest.mark.parametrize(
    "blank", ["", " ", "\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\u00a0\n\t"]
)
def test_text_with_nothing_visible_is_refused(blank: str) -> None:
    assert is_blank(blank)
    assert _errors(name=blank, text=blank) == [("name", "value_error"), ("text", "value_error")]


def test_visible_text_is_not_blank() -> None:
    assert not is_blank("\u200ba") and not is_blank("ភូមិ") and not is_blank("-")


@pytest.mark.parametrize(
    "control", [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
)
def test_bidi_controls_are_refused_in_names_but_not_in_content(control: str) -> None:
    assert has_bidi_controls(f"a{control}b")
    assert _errors(name=f"Ấp {control}Một", text=f"Trích: {control}abc") == [
        ("name", "value_error")
    ]


def test_lengths_count_after_nfc() -> None:
    assert len(unicodedata.normalize("NFC", "\ufb2c")) == 3
    assert _errors(text="\ufb2c" * 3_333) == []  # 9,999 characters once stored
    assert _errors(text="\ufb2c" * 3_334) == [("text", "string_too_long")]
    assert _errors(text="\ufb2c" * 10_000) == [("text", "string_too_long")]
    assert _errors(name="\ufb2c" * 67) == [("name", "string_too_long")]  # 201 after NFC
    decomposed = unicodedata.normalize("NFD", "Mặt trận Tổ quốc " * 11).strip()
    assert len(decomposed) > 200 and _errors(name=decomposed) == []  # 186 after NFC


@given(st.text(max_size=50))
def test_what_the_rule_accepts_is_stored_nfc_trimmed_visible(raw: str) -> None:
    try:
        stored = _Form.model_validate({"name": raw, "text": raw}).name
    except ValidationError:
        return
    assert stored == nfc(stored) and not is_blank(stored) and not has_bidi_controls(stored)
    assert not has_control_chars(stored) and len(stored) <= 200


# Fields of other domains that take the same rule: comment content and contributor, user names.


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("content", "\u200b"),
        ("content", "\u200b \u2060\n"),
        ("content", "\ufb2c" * 10_000),
        ("contributor_name", "\u200b"),
        ("contributor_name", "Nguyễn \u202eVăn"),
        ("contributor_contact", "\u2066090\u2069"),
    ],
)
def test_comment_content_and_contributor_follow_the_rule(
    client: TestClient, world: World, campaign: Campaign, field: str, value: str
) -> None:
    body = campaign.comment(world, **{field: value})
    resp = client.post("/api/v1/comments", headers=world.auth("entry_a1"), json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["loc"] == ["body", field]


@pytest.mark.parametrize("full_name", ["\u200b", "Trần \u202eThị", "\ufb2c" * 67])
def test_a_users_full_name_follows_the_rule(
    client: TestClient, world: World, full_name: str
) -> None:
    body = {
        "username": "moi.nguoi",
        "password": "mot mat khau dai",
        "full_name": full_name,
        "unit_id": world.units["C1"],
        "role": "entry",
    }
    resp = client.post("/api/v1/users", headers=world.auth("admin_p"), json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["loc"] == ["body", "full_name"]


@pytest.mark.parametrize("text", ["\u200b", " \u2060\ufeff ", "\ufb2c" * 3_334])
def test_a_synthesis_summary_is_visible_and_counted_after_nfc(text: str) -> None:
    from pydantic import TypeAdapter

    from ykien.syntheses.schemas import Reason, Summary

    with pytest.raises(ValidationError):
        TypeAdapter(Summary).validate_python(text)
    with pytest.raises(ValidationError):
        TypeAdapter(Reason).validate_python(text[:700])
