"""How a report words things in Vietnamese: numbers, dates, the number line, graded phrases, and
the sentence of one consolidated opinion. Plain strings in, plain strings out; no DOCX here.

The graded phrase of an item (``graded_phrase``, the one rule) depends on its share of the
comments on its document in the unit's subtree for the consultation: "Đa số ý kiến" only above
half, "Nhiều ý kiến" from a quarter (and three comments or more), "Một số ý kiến" for two or more,
"Có ý kiến" for one.
"""

import re
from datetime import date

from ykien.core.text import fold
from ykien.reports.model import ReportItem, ReportSection
from ykien.reports.vocabulary import STANCES, Vocabulary, prose

SYMBOL = "BC-MTTQ-BTT"
NBSP = "\u00a0"  # keeps the words of a name on one line

# Level words a unit's name starts with, longest first.
PREFIXES = (
    "Thành phố",
    "Thị trấn",
    "Thị xã",
    "Đặc khu",
    "Khu phố",
    "Tổ dân phố",
    "Tỉnh",
    "Huyện",
    "Quận",
    "Phường",
    "Xã",
    "Ấp",
    "Thôn",
    "Bản",
    "Khóm",
)
# The first line of an issuing body; the unit's name follows on the next.
BODY_HEADS = ("ỦY BAN MTTQ VIỆT NAM", "BAN CÔNG TÁC MẶT TRẬN")
# Where the central committee dates its reports.
CAPITAL = "Hà Nội"

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


def split_name(name: str) -> tuple[str, str]:
    """("Thành phố", "Rạch Giá") for "Thành phố Rạch Giá"; ("", name) without a level word."""
    for prefix in PREFIXES:
        if name.startswith(prefix + " "):
            return prefix, name[len(prefix) + 1 :]
        if name.upper().startswith(prefix.upper() + " "):
            return name[: len(prefix)], name[len(prefix) + 1 :]
    return "", name


def inline_name(name: str) -> str:
    """The name inside a sentence: "thành phố Rạch Giá", "khu phố 1"."""
    prefix, rest = split_name(name)
    return f"{prefix.lower()} {rest}" if prefix else name


def unbroken_name(name: str) -> str:
    """ "PHƯỜNG VĨNH THANH VÂN" → "PHƯỜNG VĨNH THANH VÂN" with the name's own words joined by
    no-break spaces: a line may wrap after the level word, never inside the name."""
    prefix, rest = split_name(name)
    joined = NBSP.join(rest.split())
    return f"{prefix} {joined}" if prefix else joined


def place(name: str, level: str) -> str:
    """The place line's locality for a unit of that name and level (Nghị định 30: where the
    agency sits): the name without its level word ("Vĩnh Thanh Vân" for Phường Vĩnh Thanh Vân,
    "Rạch Giá" for Thành phố Rạch Giá, "Kiên Giang" for Tỉnh Kiên Giang); a unit named by a
    number keeps its full name ("Phường 5"); the central committee writes "Hà Nội". A residential
    area is no locality: give its commune's name and level."""
    if level == "central":
        return CAPITAL
    _, rest = split_name(name.strip())
    return name.strip() if rest[:1].isdigit() else rest


def split_body(issuing_body: str) -> list[str]:
    """ "ỦY BAN MTTQ VIỆT NAM TỈNH KIÊN GIANG" → its two customary lines, the name unbroken."""
    body = issuing_body.strip().upper()
    for head in BODY_HEADS:
        if body.startswith(head + " "):
            return [head, unbroken_name(body[len(head) :].strip())]
    return [body]


def graded_phrase(comments: int, of: int) -> str:
    """The graded phrase of an item holding ``comments`` of the ``of`` comments on its document
    (in the unit's subtree, for the consultation): majority only when strictly above half."""
    if comments <= 1:
        return "Có ý kiến"
    count = f"({number_vi(comments)} ý kiến)"
    if 2 * comments > of:
        return f"Đa số ý kiến {count}"
    if 4 * comments >= of and comments >= 3:
        return f"Nhiều ý kiến {count}"
    return f"Một số ý kiến {count}"


def summary_text(summary: str) -> str:
    """A summary inside a sentence: no closing stop, the first letter lowered unless a name."""
    text = summary.strip().rstrip(".;:")
    words = text.split()
    # lower the first letter ("Đề nghị …" → "đề nghị …") but not a proper name ("Phú Quốc …")
    if words and (words[0][1:].islower() or len(words[0]) == 1):
        proper = len(words) >= 2 and words[1][:1].isupper()
        if not proper:
            text = text[0].lower() + text[1:]
    return text


# A summary written as a sentence of its own may open with a quantifier: the report puts its own.
_QUANTIFIER = re.compile(
    r"^(?:đa số|nhiều|một số|có|các|những)\s+ý kiến(?:\s*\([^)]*\))?\s+",
    re.IGNORECASE,
)


def _stance_words(stance: str, folded_summary: str) -> str:
    """The stance verb before a summary, or none when the summary already says it: no
    "đề nghị bổ sung đề nghị bổ sung …", and "đề nghị bổ sung …" rather than "đề nghị bổ sung
    bổ sung …"."""
    if folded_summary.startswith(_STANCE_OPENINGS):
        return ""
    words = prose(STANCES, stance) if stance in STANCES else prose(STANCES, "other")
    verb = fold(words).removeprefix("de nghi ")
    if words.startswith("đề nghị ") and folded_summary.startswith(verb + " "):
        return "đề nghị"
    return words


def item_sentence(item: ReportItem, of: int) -> str:
    """ "Nhiều ý kiến (12 ý kiến) đề nghị bổ sung giải pháp …." for one item holding
    ``item.comments`` of the ``of`` comments on its document."""
    summary = summary_text(_QUANTIFIER.sub("", summary_text(item.summary), count=1) or item.summary)
    stance = _stance_words(item.stance, fold(summary) + " ")
    phrase = graded_phrase(item.comments, of)
    if item.people > item.comments:
        phrase = phrase.replace(" ý kiến)", f" ý kiến, {number_vi(item.people)} lượt người)")
        if item.comments <= 1:
            phrase += f" ({number_vi(item.people)} lượt người)"
    return " ".join(p for p in (phrase, stance, summary) if p) + "."


def recommendation_line(item: ReportItem) -> str:
    """An item of part III: "Đề nghị bổ sung giải pháp … (12 ý kiến)" (no quantifier of its own,
    no closing stop: the list puts ";" or ".")."""
    summary = item.summary.strip().rstrip(".;")
    summary = _QUANTIFIER.sub("", summary, count=1) or summary
    return f"{summary[:1].upper()}{summary[1:]} ({number_vi(item.comments)} ý kiến)"


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
