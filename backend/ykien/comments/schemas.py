"""API shapes of comments."""

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from ykien.comments.models import Category, Channel, Organization, Stance
from ykien.consultations.schemas import Day
from ykien.core.params import MAX_ID, Id
from ykien.core.text import Name, Text

MAX_BATCH = 1_000

Content = Text
Personal = Name


_EXAMPLE: JsonDict = {
    "id": "01927f3c-8a2b-7c4d-9e1f-2a3b4c5d6e7f",
    "document_id": 1,
    "section_id": 3,
    "unit_id": 12,
    "meeting_id": 4,
    "channel": "meeting",
    "category": "citizen",
    "stance": "amend",
    "people": 3,
    "content": "Đề nghị bổ sung nội dung về chuyển đổi số trong cải cách hành chính.",
    "collected_on": "2020-08-15",
}


class CommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    id: uuid.UUID | None = Field(
        default=None,
        description="Client-chosen id: a retry with the same body answers 200, not a duplicate.",
    )
    document_id: Id
    section_id: Id | None = None
    unit_id: Id
    meeting_id: Id | None = None
    channel: Channel
    category: Category
    stance: Stance
    organization: Organization = Organization.front
    people: int = Field(default=1, ge=1, le=10_000)
    content: Content = Field(description="1–10,000 characters; stored NFC, trimmed.")
    collected_on: Day
    contributor_name: Personal | None = None
    contributor_contact: Personal | None = None


class CommentBatch(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"items": [_EXAMPLE, {**_EXAMPLE, "id": None, "stance": "agree"}]}]
        },
    )

    items: list[CommentCreate] = Field(min_length=1, max_length=MAX_BATCH)


class CommentUpdate(BaseModel):
    """The fields to change; those left out stay as they are. ``version`` guards lost updates."""

    model_config = ConfigDict(extra="forbid")

    document_id: Id | None = None
    section_id: Id | None = None
    unit_id: Id | None = None
    meeting_id: Id | None = None
    channel: Channel | None = None
    category: Category | None = None
    stance: Stance | None = None
    organization: Organization | None = None
    people: int | None = Field(default=None, ge=1, le=10_000)
    content: Content | None = None
    collected_on: Day | None = None
    contributor_name: Personal | None = None
    contributor_contact: Personal | None = None
    version: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="The version you edited; 409 if stale."
    )


class CommentPublic(BaseModel):
    id: uuid.UUID
    consultation_id: int
    document_id: int
    section_id: int | None
    unit_id: int
    meeting_id: int | None
    channel: Channel
    category: Category
    stance: Stance
    organization: Organization
    people: int
    content: str
    collected_on: date
    contributor_name: str | None = Field(
        description="Only for admin/secretary/entry users of the entering unit."
    )
    contributor_contact: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class CommentBatchResult(BaseModel):
    items: list[CommentPublic]
    created: int = Field(
        description="How many were new (the rest were retries of stored comments)."
    )


class Tombstone(BaseModel):
    id: uuid.UUID
    unit_id: int
    deleted_at: datetime


class DeletedChange(BaseModel):
    """A comment deleted since the reader last saw it."""

    id: uuid.UUID
    deleted_at: datetime


class Changes(BaseModel):
    """A page of the change feed: comments as they now stand (deleted ones as ``{id,
    deleted_at}``), in commit order; ``next`` is the position to ask from next time, also when
    the page is empty."""

    items: list[CommentPublic | DeletedChange]
    next: str


class HistoryEntry(BaseModel):
    version: int
    action: str
    at: datetime
    actor: dict[str, Any]
    changed: list[str]
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None = None


class History(BaseModel):
    items: list[HistoryEntry]


class CommentPage(BaseModel):
    """A page of comments; ``total`` (every matching comment) when the request asked for it."""

    items: list[CommentPublic]
    next_cursor: str | None
    total: int | None = None
