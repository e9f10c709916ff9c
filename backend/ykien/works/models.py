"""The ``work`` table (a registered work or task) and its progress notes (``work_note``).

Like comments, ``seq`` is the primary key (the order of lists and cursors) and ``id`` the public
UUID, which an offline client may choose so that a retried registration is recognised
(``create_hash``: a SHA-256 of the validated body). ``unit_path`` is the unit's path, so that a
subtree's works are one range of the index ``(unit_path, seq)`` and its roll-ups ``GROUP BY``s
over that range of ``ix_work_rollup`` (works/rollup.py; docs/performance.md, "Works").
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Index, Integer, String, Text, Uuid
from sqlmodel import Field, SQLModel

from ykien.core.db import UTCDateTime, path_type, utcnow

SEQ_TYPE = BigInteger().with_variant(Integer(), "sqlite")
MAX_VALUE_VND = 10**15  # a million billion đồng: above any work a Front committee registers


class WorkKind(StrEnum):
    project = "project"  # công trình
    task = "task"  # phần việc


class WorkStatus(StrEnum):
    registered = "registered"
    in_progress = "in_progress"
    done = "done"
    dropped = "dropped"


FINAL = frozenset({WorkStatus.done, WorkStatus.dropped})


class Work(SQLModel, table=True):
    __tablename__ = "work"
    __table_args__ = (
        CheckConstraint("value_vnd IS NULL OR value_vnd >= 0", name="value_vnd"),
        CheckConstraint("kind IN ('project','task')", name="kind"),
        CheckConstraint("status IN ('registered','in_progress','done','dropped')", name="status"),
        CheckConstraint("(status = 'done') = (completed_on IS NOT NULL)", name="completed_on"),
        CheckConstraint("due_on >= registered_on", name="due_on"),
        Index("ix_work_unit_path_seq", "unit_path", "seq"),
        # The roll-ups and work_figures read this index alone (works/rollup.py, summary.py).
        Index(
            "ix_work_rollup",
            "unit_path",
            "status",
            "organization",
            "kind",
            "due_on",
            "value_vnd",
            "registered_on",
            "completed_on",
        ),
        Index("ix_work_due", "due_on", "seq"),  # the "due" views, most urgent first
    )

    seq: int | None = Field(default=None, primary_key=True, sa_type=SEQ_TYPE)
    id: uuid.UUID = Field(sa_type=Uuid(), unique=True)
    unit_id: int = Field(foreign_key="unit.id")
    unit_path: str = Field(sa_type=path_type())
    organization: str = Field(sa_type=String(32))
    kind: str = Field(sa_type=String(16))
    title: str = Field(max_length=300)
    title_folded: str = Field(max_length=300)
    description: str | None = Field(default=None, sa_type=Text)
    value_vnd: int | None = Field(default=None, sa_type=BigInteger)
    registered_on: date
    due_on: date
    status: str = Field(default=WorkStatus.registered.value, sa_type=String(16))
    completed_on: date | None = None
    create_hash: str = Field(max_length=64)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class WorkNote(SQLModel, table=True):
    """A dated progress note; ``id`` is client-chosen too, so an offline note is sent once."""

    __tablename__ = "work_note"
    __table_args__ = (Index("ix_work_note_work_seq", "work_seq", "noted_on"),)

    seq: int | None = Field(default=None, primary_key=True, sa_type=SEQ_TYPE)
    id: uuid.UUID = Field(sa_type=Uuid(), unique=True)
    work_seq: int = Field(foreign_key="work.seq", sa_type=SEQ_TYPE)
    noted_on: date
    text: str = Field(sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, foreign_key="user_account.id")


WORK_TABLE = SQLModel.metadata.tables["work"]
