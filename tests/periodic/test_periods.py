"""core/periods.py: parsing, ranges, labels, neighbours."""

from datetime import date

import pytest

from ykien.core.periods import Period, PeriodKind, parse_period, period_of


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 11, 30), "tháng 11 năm 2026"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "tháng 2 năm 2024"),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31), "tháng 12 năm 2026"),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "quý I năm 2026"),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "quý IV năm 2026"),
        ("2025-final", date(2025, 1, 1), date(2025, 12, 31), "năm 2025"),
    ],
)
def test_parse(text: str, start: date, end: date, label: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.label_vi(), period.key) == (start, end, label, text)


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-1", "1999-01", "2026-FINAL", ""]
)
def test_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_period(text)


def test_neighbours_and_the_period_of_a_day() -> None:
    assert parse_period("2026-01").previous().key == "2025-12"
    assert parse_period("2026-Q1").previous().key == "2025-Q4"
    assert parse_period("2026-final").previous().key == "2025-final"
    day = date(2026, 8, 15)
    assert period_of(PeriodKind.month, day) == Period(2026, PeriodKind.month, 8)
    assert period_of(PeriodKind.quarter, day).key == "2026-Q3"
    assert period_of(PeriodKind.final, day).key == "2026-final"
