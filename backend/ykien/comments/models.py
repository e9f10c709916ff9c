"""Comment and comment-version tables.

``seq`` is the primary key: a server-assigned, ever-growing integer (SQLite's rowid), the order
of lists and the key of cursors. ``id`` is the public UUID, which a client may choose so that a
retried write is recognised. ``content_folded`` is the diacritics-blind form that both engines'
full-text indexes cover (SQLite: the FTS5 table ``comment_fts``; PostgreSQL: a GIN index over
``to_tsvector('simple', content_folded)``), both created by the migration, not by the metadata.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlmodel import Field, SQLModel

from ykien.core.db import UTCDateTime, path_type, utcnow

SEQ_TYPE = BigInteger().with_variant(Integer(), "sqlite")  # "INTEGER PRIMARY KEY" is SQLite's rowid


class Channel(StrEnum):
    meeting = "meeting"
    written = "written"
    online = "online"
    media = "media"
    other = "other"


class Category(StrEnum):
    citizen = "citizen"
    front_committee_member = "front_committee_member"
    advisory_council = "advisory_council"
    notable_person = "notable_person"
    cadre = "cadre"
    member_organization = "member_organization"
    party_member = "party_member"
    other = "other"


class Stance(StrEnum):
    agree = "agree"
    amend = "amend"
    add = "add"
    disagree = "disagree"
    other = "other"


class Organization(StrEnum):
    front = "front"
    trade_union = "trade_union"
    farmers_union = "farmers_union"
    youth_union = "youth_union"
    womens_union = "womens_union"
    veterans_association = "veterans_association"
    other = "other"


class Comment(SQLModel, table=True):
    __tablename__ = "comment"
    __table_args__ = (
        CheckConstraint("people >= 1", name="people"),
        Index("ix_comment_unit_path_seq", "unit_path", "seq"),
        Index("ix_comment_document_seq", "document_id", "seq"),
        Index("ix_comment_updated", "updated_at", "seq"),
        Index("ix_comment_deleted", "deleted_at"),
        Index("ix_comment_change", "change_xid", "change_seq"),
    )

    seq: int | None = Field(default=None, primary_key=True, sa_type=SEQ_TYPE)
    id: uuid.UUID = Field(sa_type=Uuid(), unique=True)
    consultation_id: int = Field(foreign_key="consultation.id")
    document_id: int = Field(foreign_key="document.id")
    section_id: int | None = Field(default=None, foreign_key="section.id")
    unit_id: int = Field(foreign_key="unit.id")
    unit_path: str = Field(sa_type=path_type())
    # Where it was first entered: that unit owns the contributor's name and contact
    # (comments/access.py). Every write sets it; nullable because SQLite adds columns so, and
    # without a foreign key (units are never removed) so that the column can be dropped again.
    entered_unit_id: int | None = None
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    channel: str = Field(sa_type=String(16))
    category: str = Field(sa_type=String(32))
    stance: str = Field(sa_type=String(16))
    organization: str = Field(sa_type=String(32))
    people: int = 1
    content: str = Field(sa_type=Text)
    content_folded: str = Field(sa_type=Text)
    collected_on: date
    contributor_name: str | None = Field(default=None, max_length=200)
    contributor_contact: str | None = Field(default=None, max_length=200)
    create_hash: str = Field(max_length=64)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deleted_by: int | None = Field(default=None, foreign_key="user_account.id")
    delete_reason: str | None = Field(default=None, max_length=500)
    # The change feed's position (comments/feed.py), stamped on every insert and update by a
    # database trigger (migration c9d2e8f1a7b3), never by the application.
    change_xid: int = Field(default=0, sa_type=BigInteger, sa_column_kwargs={"server_default": "0"})
    change_seq: int = Field(default=0, sa_type=BigInteger, sa_column_kwargs={"server_default": "0"})


class CommentVersion(SQLModel, table=True):
    """The audit history of a comment: one row per version, the creation first."""

    __tablename__ = "comment_version"
    __table_args__ = (UniqueConstraint("comment_seq", "version"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=SEQ_TYPE)
    comment_seq: int = Field(foreign_key="comment.seq", sa_type=SEQ_TYPE)
    version: int
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_kind: str = Field(max_length=16)
    actor_id: int | None = None
    actor_name: str | None = Field(default=None, max_length=100)
    action: str = Field(max_length=16)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    reason: str | None = Field(default=None, max_length=500)


# The tables themselves, for bulk writes (core/bulk.py works on tables, not models).
COMMENT_TABLE = SQLModel.metadata.tables["comment"]
VERSION_TABLE = SQLModel.metadata.tables["comment_version"]
