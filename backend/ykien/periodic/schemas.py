"""API shapes of periodic reports, their figures, versions, children and deadline rules."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ykien.core.params import Id
from ykien.core.periods import PeriodKind, parse_period
from ykien.core.text import TextRule, clean_text
from ykien.periodic.models import ReportStatus
from ykien.units.models import UnitLevel
from ykien.units.schemas import UnitRef

MAX_SECTION = 20_000
PERIOD_PATTERN = r"^\d{4}-(\d{2}|Q[1-4]|final)$"


def _period(value: str) -> str:
    return parse_period(value).key  # ValueError → 422 naming the field


def _section_text(value: str) -> str:
    """A section's text: empty clears it; otherwise typed text (NFC, no control characters)."""
    return "" if not value.strip() else clean_text(value)


PeriodKey = Annotated[
    str,
    Field(
        min_length=7,
        max_length=16,
        pattern=PERIOD_PATTERN,
        description='"YYYY-MM" (a month), "YYYY-Qn" (a quarter) or "YYYY-final".',
        examples=["2026-11", "2026-Q4", "2026-final"],
    ),
    AfterValidator(_period),
]
SectionText = Annotated[str, Field(max_length=MAX_SECTION), AfterValidator(_section_text)]
Reason = Annotated[str, TextRule(2_000)]


class ReportCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"unit_id": 4, "period": "2026-10"}]}
    )

    unit_id: Id
    period: PeriodKey


class Sections(BaseModel):
    """The free text of each section of the plan (I–V)."""

    model_config = ConfigDict(extra="forbid")

    I: SectionText = Field(default="", description="I. Tuyên truyền (propaganda).")  # noqa: E741
    II: SectionText = Field(default="", description="II. Góp ý dự thảo văn kiện (the drafts).")
    III: SectionText = Field(default="", description="III. Nhân sự, giám sát (personnel).")
    IV: SectionText = Field(default="", description="IV. Công trình, phần việc (works).")
    V: SectionText = Field(default="", description="V. Sau đại hội (after the congress).")


class SectionsUpdate(BaseModel):
    """The sections to change; those left out stay, an empty text clears one."""

    model_config = ConfigDict(extra="forbid")

    I: SectionText | None = None  # noqa: E741
    II: SectionText | None = None
    III: SectionText | None = None
    IV: SectionText | None = None
    V: SectionText | None = None


class ReturnBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason = Field(description="Why it is returned, 1–2,000 characters.")


class ChildFigures(BaseModel):
    unit: UnitRef
    comments: int
    people: int
    meetings: int
    participants: int


class DraftFigures(BaseModel):
    """Section II: comments on the drafts in the period, the unit's whole subtree."""

    comments: int
    people: int
    meetings: int
    participants: int
    syntheses_submitted: int = Field(description="Synthesis versions submitted in the period.")
    syntheses_accepted: int = Field(description="Syntheses accepted in the period.")
    by_child: list[ChildFigures] = Field(description="Each direct child's share.")


class ChainCounts(BaseModel):
    """The direct children that file reports, and where they stand on this period's."""

    children: int
    submitted: int = Field(description="Submitted or accepted.")
    accepted: int
    returned: int
    late: int
    late_units: list[str] = Field(description="The names of the late ones.")


class Figures(BaseModel):
    period: str
    start: date
    end: date
    I: dict[str, Any] = Field(  # noqa: E741
        description="Section I: public sentiment, the topics raised (`topics`), when wired."
    )
    II: DraftFigures
    IV: dict[str, Any] = Field(
        description="Section IV: works and tasks registered, under way and done by member "
        "organisation (`works`), when wired."
    )
    chain: ChainCounts


class ChildReport(BaseModel):
    unit: UnitRef
    report_id: uuid.UUID | None
    status: str = Field(description="missing, draft, submitted, accepted or returned")
    deadline: date | None
    late: bool
    submitted_at: datetime | None


class VersionPublic(BaseModel):
    version: int
    submitted_at: datetime
    deadline: date | None
    late: bool
    decision: str | None = Field(description="accepted, returned, or null while pending.")
    decided_at: datetime | None
    reason: str | None


class ReportSummary(BaseModel):
    id: uuid.UUID
    unit: UnitRef
    parent_unit_id: int | None
    period: str
    period_kind: PeriodKind
    period_start: date
    period_end: date
    status: ReportStatus
    version: int
    revision: int = Field(description="Bumped at every change; the ETag.")
    deadline: date | None
    late: bool
    created_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    return_reason: str | None


class ReportPublic(ReportSummary):
    sections: Sections
    figures: Figures
    figures_frozen: bool = Field(
        description="True once submitted: the figures as sent; false: computed now."
    )
    children: list[ChildReport] = Field(
        description="The direct children that file reports, and their report of the period."
    )
    versions: list[VersionPublic]


class DeadlineRule(BaseModel):
    period_kind: PeriodKind
    level: UnitLevel
    days: int = Field(description="Due this many days after the period's last day.")
    set_by: UnitRef | None = Field(description="The unit whose rule applies; null: the default.")


class DeadlineRules(BaseModel):
    unit: UnitRef
    items: list[DeadlineRule] = Field(
        description="For each period kind and each reporting level below the unit: the rule "
        "its reports follow."
    )


class DeadlineSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit_id: Id = Field(description="The unit setting the rule (its admin's own unit).")
    period_kind: PeriodKind
    level: UnitLevel = Field(description="A reporting level below the unit's.")
    days: int = Field(ge=0, le=366, description="Days after the period's last day, 0–366.")
