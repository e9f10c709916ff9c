"""Periodic report tables: one report per (unit, period), each submission kept as a version with
the figures frozen at that moment, and the deadlines a unit sets for the levels below it.

One row per unit and period (a unique key) makes creation idempotent: a retry finds the row. A
returned report is worked on again and resubmitted as the next version; the versions keep what
each submission said, so an accepted report never changes.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, String, UniqueConstraint, Uuid
from sqlmodel import Field, SQLModel

from ykien.core.db import UTCDateTime, path_type, utcnow


class ReportStatus(StrEnum):
    """The synthesis chain's words: a returned report is edited again, then resubmitted."""

    draft = "draft"
    submitted = "submitted"
    accepted = "accepted"
    returned = "returned"


# The plan's sections of a periodic report (I–V), in order.
SECTION_KEYS = ("I", "II", "III", "IV", "V")


class PeriodicReport(SQLModel, table=True):
    __tablename__ = "periodic_report"
    __table_args__ = (
        CheckConstraint("status IN ('draft','submitted','accepted','returned')", name="status"),
        CheckConstraint("period_kind IN ('month','quarter','final')", name="period_kind"),
        UniqueConstraint("unit_id", "period"),
        Index("ix_periodic_report_period_path", "period", "unit_path"),
        Index("ix_periodic_report_parent_period", "parent_unit_id", "period"),
    )

    id: uuid.UUID = Field(sa_type=Uuid(), primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    # The unit's path, copied: scoped lists go through ``Scope.condition`` on it.
    unit_path: str = Field(sa_type=path_type())
    parent_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    period_kind: str = Field(sa_type=String(8))
    period: str = Field(sa_type=String(16))  # "2026-11", "2026-Q4", "2026-final"
    period_start: date
    period_end: date
    status: str = Field(default=ReportStatus.draft.value, sa_type=String(10))
    # The version the next (or the current) submission is: 1, then +1 after each return.
    version: int = 1
    # Bumped at every change of the text: the ETag, checked against If-Match.
    revision: int = 1
    # Free text per section of the plan ("I"…"V" → text).
    sections: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    # Frozen at submission (null while a draft or returned: figures are then computed live).
    figures: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    deadline: date | None = None  # frozen at submission with the figures
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    submitted_by: int | None = Field(default=None, foreign_key="user_account.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_by: int | None = Field(default=None, foreign_key="user_account.id")
    return_reason: str | None = Field(default=None, max_length=2000)


class PeriodicReportVersion(SQLModel, table=True):
    """What one submission said: its figures and text as sent, and the parent's decision."""

    __tablename__ = "periodic_report_version"
    __table_args__ = (
        CheckConstraint("decision IS NULL OR decision IN ('accepted','returned')", name="decision"),
        UniqueConstraint("report_id", "version"),
    )

    id: int | None = Field(default=None, primary_key=True)
    report_id: uuid.UUID = Field(sa_type=Uuid(), foreign_key="periodic_report.id")
    version: int
    sections: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    figures: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    deadline: date | None = None
    late: bool = False
    submitted_at: datetime = Field(sa_type=UTCDateTime)
    submitted_by: int | None = Field(default=None, foreign_key="user_account.id")
    decision: str | None = Field(default=None, sa_type=String(10))
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_by: int | None = Field(default=None, foreign_key="user_account.id")
    reason: str | None = Field(default=None, max_length=2000)


class PeriodicDeadline(SQLModel, table=True):
    """A unit's rule for the reports of one level below it: due ``days`` days after the period's
    last day. The deepest ancestor's rule wins; with none, the defaults of ``deadlines.py``."""

    __tablename__ = "periodic_deadline"
    __table_args__ = (
        CheckConstraint("period_kind IN ('month','quarter','final')", name="period_kind"),
        CheckConstraint("days >= 0 AND days <= 366", name="days"),
        UniqueConstraint("unit_id", "period_kind", "level"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    unit_path: str = Field(sa_type=path_type())
    period_kind: str = Field(sa_type=String(8))
    level: str = Field(sa_type=String(20))
    days: int
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: int | None = Field(default=None, foreign_key="user_account.id")
