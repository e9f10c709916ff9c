"""Synthesis tables: one row per version of a unit's synthesis for a consultation, its items, and
the sources each item merges (comments of the unit's subtree, items of its children's syntheses).

A source row keeps the counts it carried at merge time, so that an item keeps its figures even if
the child synthesis it merged is later returned. At most one version per (unit, consultation) is
not ``returned`` (a partial unique index): a unit opens the next version only after a return.
"""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, String, Text, UniqueConstraint, Uuid, text
from sqlmodel import Field, SQLModel

from ykien.core.db import UTCDateTime, path_type, utcnow


class SynthesisStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    accepted = "accepted"
    returned = "returned"


class Feedback(StrEnum):
    """The parent's answer to one item of a child's submitted synthesis."""

    taken_up = "taken_up"
    noted = "noted"
    not_taken_up = "not_taken_up"


OPEN_VERSION = text("status <> 'returned'")


class Synthesis(SQLModel, table=True):
    __tablename__ = "synthesis"
    __table_args__ = (
        CheckConstraint("status IN ('draft','submitted','accepted','returned')", name="status"),
        UniqueConstraint("unit_id", "consultation_id", "version"),
        # One open version (draft, submitted or accepted) per unit and consultation.
        Index(
            "uq_synthesis_open_version",
            "unit_id",
            "consultation_id",
            unique=True,
            sqlite_where=OPEN_VERSION,
            postgresql_where=OPEN_VERSION,
        ),
        Index("ix_synthesis_consultation_path", "consultation_id", "unit_path"),
    )

    id: uuid.UUID = Field(sa_type=Uuid(), primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    # The unit's path, copied: scoped lists go through ``Scope.condition`` on it.
    unit_path: str = Field(sa_type=path_type())
    parent_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    consultation_id: int = Field(foreign_key="consultation.id")
    version: int = 1
    # The returned version this one started from (its items were copied in).
    previous_id: uuid.UUID | None = Field(default=None, sa_type=Uuid(), foreign_key="synthesis.id")
    status: str = Field(default=SynthesisStatus.draft.value, sa_type=String(10))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    submitted_by: int | None = Field(default=None, foreign_key="user_account.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_by: int | None = Field(default=None, foreign_key="user_account.id")
    return_reason: str | None = Field(default=None, max_length=2000)
    # The unit's figures at submission, from the roll-ups (see versions.figures).
    figures: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class SynthesisItem(SQLModel, table=True):
    __tablename__ = "synthesis_item"
    __table_args__ = (
        CheckConstraint("stance IN ('agree','amend','add','disagree','other')", name="stance"),
        CheckConstraint(
            "feedback IS NULL OR feedback IN ('taken_up','noted','not_taken_up')", name="feedback"
        ),
        Index("ix_synthesis_item_synthesis_position", "synthesis_id", "position"),
    )

    id: uuid.UUID = Field(sa_type=Uuid(), primary_key=True)
    synthesis_id: uuid.UUID = Field(sa_type=Uuid(), foreign_key="synthesis.id")
    position: int
    document_id: int = Field(foreign_key="document.id")
    section_id: int | None = Field(default=None, foreign_key="section.id")
    stance: str = Field(sa_type=String(16))
    summary: str = Field(sa_type=Text)
    recommendation: bool = False
    # Sums of the sources' counts (kept in step with them).
    comments: int = 0
    people: int = 0
    # Set by the parent unit once the synthesis is submitted.
    feedback: str | None = Field(default=None, sa_type=String(16))
    feedback_reason: str | None = Field(default=None, max_length=2000)
    feedback_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    feedback_by: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SynthesisSource(SQLModel, table=True):
    """One thing an item merges: a comment, or an item of a child's synthesis."""

    __tablename__ = "synthesis_source"
    __table_args__ = (
        CheckConstraint("(comment_id IS NULL) <> (child_item_id IS NULL)", name="one_kind"),
        # Each comment or child item at most once per synthesis.
        UniqueConstraint("synthesis_id", "comment_id"),
        UniqueConstraint("synthesis_id", "child_item_id"),
        Index("ix_synthesis_source_item", "item_id"),
        Index("ix_synthesis_source_comment", "comment_id"),
        Index("ix_synthesis_source_child_item", "child_item_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    synthesis_id: uuid.UUID = Field(sa_type=Uuid(), foreign_key="synthesis.id")
    item_id: uuid.UUID = Field(sa_type=Uuid(), foreign_key="synthesis_item.id")
    comment_id: uuid.UUID | None = Field(default=None, sa_type=Uuid(), foreign_key="comment.id")
    child_item_id: uuid.UUID | None = Field(
        default=None, sa_type=Uuid(), foreign_key="synthesis_item.id"
    )
    position: int = 0
    # What this source carried at merge time (a comment: 1 and its people; a child item: its own).
    comments: int
    people: int
