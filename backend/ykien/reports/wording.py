"""How a report words things in Vietnamese: numbers, dates, the number line, graded phrases, and
the sentence of one consolidated opinion. Plain strings in, plain strings out; no DOCX here.

The graded phrase of an item depends on its share of the comments of its section
(``graded_phrase``): "Đa số ý kiến" above half, "Nhiều ý kiến" from a quarter, "Một số ý kiến"
for two or more, "Có ý kiến" for one.
"""

import re
from datetime import date

from ykien.core.text import fold
from ykien.reports.model import ReportItem, ReportSection
from ykien.reports.vocabulary import STANCES, Vocabulary, prose

SYMBOL = "BC-MTTQ-BTT"

# A summary that already opens with a stance verb gets no stance wording in front of it.
_STANCE_OPENINGS = (
    "de nghi",
    "kien nghi",
    "de xuat",
    "tan thanh",
    "thong nhat",
    "nhat tri",
    "dong y",
    "dong tinh",
    "khong",
    "chua",
    "can ",
    "nen ",
    "neu",
    "cho rang",
    "mong",
)


def number_vi(n: int) -> str:
    """12345 → "12.345": Vietnamese groups thousands with dots."""
    return f"{n:,}".replace(",", ".")


def percent_vi(part: int, whole: int) -> str:
    """Share with one decimal and a decimal comma: "43,2%"."""
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "0%"


def date_line(place: str, day: date) -> str:
    """ "Kiên Giang, ngày 05 tháng 9 năm 2020": days below 10 and months 1, 2 take a leading 0."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(number: str | None) -> str:
    """ "Số: 12/BC-MTTQ-BTT"; blank for the clerk to fill in when there is no number yet."""
    if number is None or not number.strip():
        return f"Số:        /{SYMBOL}"
    number = re.sub(r"^\s*Số\s*:?\s*", "", number.strip())
    return f"Số: {number}" if "/" in number else f"Số: {number}/{SYMBOL}"


def split_body(issuing_body: str) -> list[str]:
    """ "ỦY BAN MTTQ VIỆT NAM TỈNH KIÊN GIANG" → its two customary lines."""
    body = issuing_body.strip().upper()
    head = "ỦY BAN MTTQ VIỆT NAM"
    if body.startswith(head) and len(body) > len(head):
        return [head, body[len(head) :].strip()]
    return [body]


def graded_phrase(comments: int, section_comments: int) -> str:
    """The graded phrase of an item holding ``comments`` of its section's ``section_comments``."""
    if comments <= 1:
        return "Có ý kiến"
    if 2 * comments > section_comments:
        return f"Đa số ý kiến ({number_vi(comments)} ý kiến)"
    if 4 * comments >= section_comments:
        return f"Nhiều ý kiến ({number_vi(comments)} ý kiến)"
    return f"Một số ý kiến ({number_vi(comments)} ý kiến)"


def summary_text(summary: str) -> str:
    """A summary inside a sentence: no closing stop, the first letter lowered unless a name."""
    text = summary.strip().rstrip(".;:")
    words = text.split()
    # lower the first letter ("Đề nghị …" → "đề nghị …") but not a proper name ("Phú Quốc …")
    if len(words) >= 1 and words[0][1:].islower():
        proper = len(words) >= 2 and words[1][:1].isupper()
        if not proper:
            text = text[0].lower() + text[1:]
    return text


def item_sentence(item: ReportItem, section_comments: int) -> str:
    """ "Nhiều ý kiến (12 ý kiến) đề nghị bổ sung giải pháp …." for one item."""
    summary = summary_text(item.summary)
    folded = fold(summary) + " "
    stance = ""
    if not folded.startswith(_STANCE_OPENINGS):
        stance = prose(STANCES, item.stance) if item.stance in STANCES else prose(STANCES, "other")
    phrase = graded_phrase(item.comments, section_comments)
    if item.people > item.comments:
        phrase = phrase.replace(" ý kiến)", f" ý kiến, {number_vi(item.people)} lượt người)")
        if item.comments <= 1:
            phrase += f" ({number_vi(item.people)} lượt người)"
    return " ".join(p for p in (phrase, stance, summary) if p) + "."


def section_label(section: ReportSection) -> str:
    """ "Mục II.3. Ứng phó với biến đổi khí hậu:"; "Về toàn bộ dự thảo:" for a whole document."""
    if section.number is None and section.heading is None:
        return "Về toàn bộ dự thảo:"
    number = f"Mục {section.number}" if section.number else ""
    heading = (section.heading or "").strip().rstrip(".:")
    return f"{number}. {heading}:" if number and heading else f"{number or heading}:"


def breakdown(counts: dict[str, int], vocabulary: Vocabulary) -> str:
    """ "qua hội nghị, buổi lấy ý kiến: 10.210 ý kiến; bằng văn bản: 1.402 ý kiến", largest
    first; the terms in their prose form."""
    parts = [
        f"{prose(vocabulary, code)}: {number_vi(n)} ý kiến"
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if n
    ]
    return "; ".join(parts)
