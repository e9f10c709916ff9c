"""Deadlines per level, lateness against them (end of the deadline's day in
Asia/Ho_Chi_Minh), and the clock they are judged by."""

from datetime import date, datetime

from ykien.consultations.models import Consultation
from ykien.core.clock import end_of_day_vn
from ykien.core.db import utcnow


def deadline_of(consultation: Consultation, level: str) -> date | None:
    raw = (consultation.deadlines or {}).get(level)
    return date.fromisoformat(raw) if raw else None


def submits(consultation: Consultation, level: str) -> bool:
    """A level submits syntheses only if the consultation gives it a deadline."""
    return deadline_of(consultation, level) is not None


def is_late(deadline: date | None, submitted_at: datetime | None, now: datetime) -> bool:
    """Submitted after the end of the deadline's day (Asia/Ho_Chi_Minh), or, while nothing is
    submitted, ``now`` is past it."""
    if deadline is None:
        return False
    return (submitted_at or now) > end_of_day_vn(deadline)


def now_or_clock(now: datetime | None) -> datetime:
    return now or utcnow()
