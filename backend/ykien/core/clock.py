"""Vietnam's calendar: deadlines and "not in the future" are judged in Asia/Ho_Chi_Minh (UTC+7)."""

from datetime import UTC, date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


def today_vn(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(VN_TZ).date()


def end_of_day_vn(day: date) -> datetime:
    """The last instant of ``day`` in Vietnam, as an aware datetime (deadline comparisons)."""
    return datetime(day.year, day.month, day.day, 23, 59, 59, 999999, tzinfo=VN_TZ)
