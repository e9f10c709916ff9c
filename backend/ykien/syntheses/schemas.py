"""API shapes of syntheses, their items, submissions, provenance, suggestions and progress."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from ykien.comments.models import Stance
from ykien.core.params import MAX_ID, Id
from ykien.core.text import TextRule
from ykien.syntheses.models import Feedback, SynthesisStatus
from ykien.units.schemas import UnitRef

MAX_SOURCES = 1_000

Summary = Annotated[str, TextRule(10_000)]
Reason = Annotated[str, TextRule(2_000)]
CommentIds = Annotated[list[uuid.UUID], Field(max_length=MAX_SOURCES)]


class SynthesisCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit_id: Id
    consultation_id: Id


class ItemCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "document_id": 1,
                    "section_id": 3,
                    "stance": "amend",
                    "summary": "Nhiều ý kiến đề nghị bổ sung nội dung về chuyển đổi số.",
                    "recommendation": False,
                    "comment_ids": ["01927f3c-8a2b-7c4d-9e1f-2a3b4c5d6e7f"],
                    "child_item_ids": [],
                }
            ]
        },
    )

    document_id: Id
    section_id: Id | None = None
    stance: Stance
    summary: Summary = Field(description="The consolidated opinion, 1–10,000 characters.")
    recommendation: bool = Field(default=False, description="A recommendation (kiến nghị).")
    position: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="Its place (1 = first); by default the last."
    )
    comment_ids: CommentIds = Field(
        default_factory=list, description="Not-yet-merged comments of the unit's subtree."
    )
    child_item_ids: CommentIds = Field(
        default_factory=list,
        description="Items of the direct children's submitted (or accepted) syntheses.",
    )


class ItemUpdate(BaseModel):
    """The fields to change; those left out stay. The source lists, when given, replace the old
    ones (sources left out are freed)."""

    model_config = ConfigDict(extra="forbid")

    document_id: Id | None = None
    section_id: Id | None = None
    stance: Stance | None = None
    summary: Summary | None = None
    recommendation: bool | None = None
    position: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="Move the item to this place (1 = first)."
    )
    comment_ids: CommentIds | None = None
    child_item_ids: CommentIds | None = None


class SubmitBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    confirm_empty: bool = Field(
        default=False,
        description="Submit with no items although the unit's subtree has comments.",
    )


class ReturnBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason = Field(description="Why it is returned, 1–2,000 characters.")


class FeedbackBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feedback: Feedback
    reason: Reason | None = Field(default=None, description="Required for not_taken_up.")


class ItemFeedback(BaseModel):
    status: Feedback
    reason: str | None
    at: datetime | None
    merged_into: list[uuid.UUID] = Field(
        description="The parent's items that merged this one (for taken_up)."
    )


class ItemPublic(BaseModel):
    id: uuid.UUID
    synthesis_id: uuid.UUID
    position: int
    document_id: int
    section_id: int | None
    stance: Stance
    summary: str
    recommendation: bool
    comments: int
    people: int
    comment_ids: list[uuid.UUID]
    child_item_ids: list[uuid.UUID]
    feedback: ItemFeedback | None


class SynthesisSummary(BaseModel):
    id: uuid.UUID
    unit: UnitRef
    unit_id: int
    parent_unit_id: int | None
    consultation_id: int
    version: int
    previous_id: uuid.UUID | None = Field(
        description="The returned version this one started from (its items were copied)."
    )
    status: SynthesisStatus
    late: bool = Field(description="Submitted (or, while not submitted, now) after the deadline.")
    deadline: date | None = Field(description="The synthesis deadline of the unit's level.")
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    return_reason: str | None
    comments: int = Field(description="Sum over the items.")
    people: int
    item_count: int


class SynthesisPublic(SynthesisSummary):
    figures: dict[str, Any] | None = Field(
        description="The unit's figures frozen at submission (null for a draft)."
    )
    items: list[ItemPublic]


class SynthesisList(BaseModel):
    items: list[SynthesisSummary]
    next_cursor: str | None = None


class SubmissionRow(BaseModel):
    unit: UnitRef
    status: str = Field(description="missing, draft, submitted, accepted or returned")
    late: bool
    submitted_at: datetime | None
    deadline: date | None
    synthesis_id: uuid.UUID | None
    version: int | None


class Submissions(BaseModel):
    items: list[SubmissionRow]


class CarriedRow(BaseModel):
    """An item that carried the comment up, with the synthesis it belongs to."""

    level: int = Field(description="1: merged the comment directly; 2: merged an item of level 1…")
    synthesis: SynthesisSummary
    item: ItemPublic


class Carried(BaseModel):
    items: list[CarriedRow]


class Suggestion(BaseModel):
    """Members share one document and one stance."""

    document_id: int
    stance: Stance
    section_id: int | None = Field(description="The members' section; null when they differ.")
    comment_ids: list[uuid.UUID]
    child_item_ids: list[uuid.UUID]
    sample: str
    comments: int
    people: int


class Suggestions(BaseModel):
    items: list[Suggestion]


class ProgressRow(BaseModel):
    unit: UnitRef
    meetings: int
    participants: int
    comments: int
    people: int
    submits: bool = Field(
        description="Whether the consultation gives the child's level a deadline."
    )
    status: str = Field(
        description="missing, draft, submitted, accepted or returned; not_required when the "
        "child's level submits no synthesis"
    )
    late: bool
    submitted_at: datetime | None
    deadline: date | None
    last_entry_on: date | None = Field(
        description="For a child that does not submit: the day (Asia/Ho_Chi_Minh) its last "
        "comment of the consultation was entered; null otherwise."
    )


class ProgressTotals(BaseModel):
    meetings: int
    participants: int
    comments: int
    people: int


class AreaCoverage(BaseModel):
    """The residential areas of the subtree, and those that took part in the consultation."""

    total: int = Field(description="Residential areas in the unit's subtree.")
    active: int = Field(description="Those that held a meeting or entered a comment for it.")


class Progress(BaseModel):
    unit: UnitRef
    consultation_id: int
    items: list[ProgressRow]
    totals: ProgressTotals = Field(
        description="The unit's whole subtree, its own entries included."
    )
    areas: AreaCoverage


class CheckCode(StrEnum):
    child_missing = "child_missing"
    child_returned = "child_returned"
    child_late = "child_late"
    uncovered_comments = "uncovered_comments"
    uncovered_child_items = "uncovered_child_items"
    empty_item = "empty_item"


class Check(BaseModel):
    """Something a careful secretary should know before submitting."""

    code: CheckCode
    message: str
    unit: UnitRef | None = Field(default=None, description="The child unit concerned.")
    count: int | None = Field(default=None, description="How many (comments, items).")


class Checks(BaseModel):
    items: list[Check]
