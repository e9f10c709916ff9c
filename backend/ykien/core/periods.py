"""Reporting periods: a month ("2026-11"), a quarter ("2026-Q4") or the final one of a year
("2026-final"), each a closed range of days in Vietnam's calendar.

The source plan asks for "báo cáo tháng, quý và báo cáo tổng hợp kết quả": the key is what the
API and the database store, the range is what figures are counted over, the label is what a
report says. Any package that works by period (periodic reports, sentiment) parses here.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodKind(StrEnum):
    month = "month"
    quarter = "quarter"
    final = "final"


ROMAN = ("I", "II", "III", "IV")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_FINAL = re.compile(r"(\d{4})-final")
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True, order=True)
class Period:
    """One period; ``number`` is the month (1–12), the quarter (1–4), or 0 for the final one."""

    year: int
    kind: PeriodKind
    number: int

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.month:
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind == PeriodKind.quarter:
            return f"{self.year:04d}-Q{self.number}"
        return f"{self.year:04d}-final"

    @property
    def start(self) -> date:
        if self.kind == PeriodKind.month:
            return date(self.year, self.number, 1)
        if self.kind == PeriodKind.quarter:
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        if self.kind == PeriodKind.month:
            last_month = self.number
        elif self.kind == PeriodKind.quarter:
            last_month = 3 * self.number
        else:
            last_month = 12
        if last_month == 12:
            return date(self.year, 12, 31)
        return date(self.year, last_month + 1, 1) - timedelta(days=1)

    def label_vi(self) -> str:
        """ "tháng 11 năm 2026", "quý IV năm 2026", "năm 2026" (the final report's year)."""
        if self.kind == PeriodKind.month:
            return f"tháng {self.number} năm {self.year}"
        if self.kind == PeriodKind.quarter:
            return f"quý {ROMAN[self.number - 1]} năm {self.year}"
        return f"năm {self.year}"

    def previous(self) -> "Period":
        if self.kind == PeriodKind.month:
            return month_of(self.start - timedelta(days=1))
        if self.kind == PeriodKind.quarter:
            return quarter_of(self.start - timedelta(days=1))
        return Period(self.year - 1, PeriodKind.final, 0)


def parse_period(text: str) -> Period:
    """The period named by ``text``; ValueError (with a message for a person) otherwise."""
    if m := _MONTH.fullmatch(text):
        year, number, kind = int(m[1]), int(m[2]), PeriodKind.month
        if not 1 <= number <= 12:
            raise ValueError("the month must be 01–12")
    elif m := _QUARTER.fullmatch(text):
        year, number, kind = int(m[1]), int(m[2]), PeriodKind.quarter
    elif m := _FINAL.fullmatch(text):
        year, number, kind = int(m[1]), 0, PeriodKind.final
    else:
        raise ValueError('a period is "YYYY-MM" (a month), "YYYY-Qn" (a quarter) or "YYYY-final"')
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"the year must be {MIN_YEAR}–{MAX_YEAR}")
    return Period(year, kind, number)


def month_of(day: date) -> Period:
    return Period(day.year, PeriodKind.month, day.month)


def quarter_of(day: date) -> Period:
    return Period(day.year, PeriodKind.quarter, (day.month - 1) // 3 + 1)


def period_of(kind: PeriodKind, day: date) -> Period:
    """The period of ``kind`` that holds ``day``."""
    if kind == PeriodKind.month:
        return month_of(day)
    if kind == PeriodKind.quarter:
        return quarter_of(day)
    return Period(day.year, PeriodKind.final, 0)
