"""Vietnamese text: NFC storage and the diacritics-blind fold (property-based)."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ykien.core.text import fold, has_control_chars, nfc


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
