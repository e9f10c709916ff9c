"""The period of a sentiment consultation: a calendar month, written "yyyy-mm" in the API, stored
as its first and last day (so that reports over any range ask for overlapping periods)."""

import calendar
from datetime import date

# What a sentiment consultation's topic list holds unless its creator gives one (the plan's
# section II.1: "tình hình tư tưởng, tâm tư, nguyện vọng của nhân dân"); editable on creation,
# and more topic lists can be added as documents afterwards.
DEFAULT_TOPICS: tuple[str, ...] = (
    "Đất đai",
    "Môi trường",
    "Giá cả, thị trường",
    "An ninh trật tự",
    "Tham nhũng, tiêu cực",
    "Chính sách xã hội",
    "Y tế, giáo dục",
    "Việc làm, thu nhập",
    "Giao thông, hạ tầng",
    "Cải cách hành chính",
    "Khác",
)
TOPICS_CODE = "CHU-DE"
TOPICS_TITLE = "Các chủ đề nhân dân quan tâm"


def month_bounds(period: str) -> tuple[date, date]:
    """ "2026-11" → (1 Nov 2026, 30 Nov 2026); the string is validated by the schema."""
    year, month = (int(p) for p in period.split("-"))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def next_month(start: date) -> date:
    """The first day of the month after the one ``start`` is in."""
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def month_words(start: date) -> str:
    """ "11/2026": how a title names the month."""
    return f"{start.month:02d}/{start.year:04d}"
