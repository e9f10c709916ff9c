"""API shapes of consultations, documents and sections."""

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from ykien.consultations.models import ConsultationKind
from ykien.core.params import MAX_ID
from ykien.core.text import TextRule
from ykien.units.models import UnitLevel

# Titles, headings and numbers are names (no bidi controls); lengths count after NFC.
Title = Annotated[str, TextRule(300, name=True)]
DocTitle = Annotated[str, TextRule(500, name=True)]
Heading = Annotated[str, TextRule(500, name=True)]
Number = Annotated[str, TextRule(20, name=True)]
DocCode = Annotated[
    str,
    StringConstraints(min_length=1, max_length=40, pattern=r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*$"),
    AfterValidator(str.strip),
]
SectionText = Annotated[str, TextRule(20_000)]
# A calendar month, "2026-11": the period of a sentiment consultation.
Month = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$"),
]
# Dates a person could mean: years 2000–2100 (also keeps the database's date range safe).
Day = Annotated[date, Field(ge=date(2000, 1, 1), le=date(2100, 12, 31))]


class ConsultationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Góp ý dự thảo văn kiện Đại hội Đảng bộ tỉnh",
                    "unit_id": 2,
                    "opens_on": "2020-07-01",
                    "closes_on": "2020-09-30",
                    "deadlines": {"residential_area": "2020-08-31", "commune": "2020-09-10"},
                }
            ]
        },
    )

    title: Title
    unit_id: int = Field(ge=1, le=MAX_ID)
    opens_on: Day
    closes_on: Day
    deadlines: dict[UnitLevel, Day] = Field(
        default_factory=dict,
        description='Synthesis deadline per level, e.g. {"commune": "2020-09-01"}',
    )
    kind: ConsultationKind = Field(
        default=ConsultationKind.documents,
        description="`documents` (comments on draft documents, the default) or `sentiment` "
        "(public sentiment by topic over a month).",
    )
    period: Month | None = Field(
        default=None,
        description='The month a sentiment consultation covers, "yyyy-mm": required for '
        "`sentiment`, refused for `documents`.",
    )
    topics: list[Heading] | None = Field(
        default=None,
        max_length=100,
        description="`sentiment` only: its topics, created as the sections of one topic list "
        "(code `CHU-DE`). Left out: the default list (`GET /consultations/sentiment-topics`).",
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> "ConsultationCreate":
        if self.closes_on < self.opens_on:
            raise ValueError("closes_on must not be before opens_on")
        return self


class ConsultationUpdate(BaseModel):
    """A correction: the fields given replace the stored ones (``deadlines`` as a whole map);
    fields left out or null stay as they are."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    closes_on: Day | None = None
    deadlines: dict[UnitLevel, Day] | None = Field(
        default=None,
        description='Synthesis deadline per level, the whole map: {"commune": "2020-09-01"}',
    )


class ConsultationPublic(BaseModel):
    id: int
    title: str
    unit_id: int
    opens_on: date
    closes_on: date
    deadlines: dict[str, date]
    status: Literal["open", "closed"]
    kind: ConsultationKind = Field(description="`documents` or `sentiment`.")
    period: str | None = Field(
        description='The month a sentiment consultation covers ("yyyy-mm"); null for documents.'
    )


class SentimentTopics(BaseModel):
    topics: list[str] = Field(description="The default topic list of a sentiment consultation.")


class SectionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: Number
    heading: Heading
    text: SectionText | None = None
    children: list["SectionCreate"] = Field(default_factory=list, max_length=500)


class DocumentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    consultation_id: int = Field(ge=1, le=MAX_ID)
    code: DocCode
    title: DocTitle
    sections: list[SectionCreate] = Field(default_factory=list, max_length=500)


class SectionPublic(BaseModel):
    id: int
    number: str
    heading: str
    text: str | None = None
    children: list["SectionPublic"] = Field(default_factory=list)


class DocumentSummary(BaseModel):
    id: int
    consultation_id: int
    code: str
    title: str


class DocumentPublic(DocumentSummary):
    sections: list[SectionPublic]


class DocumentListItem(DocumentSummary):
    """A document of the list; its section tree only when asked (``include=sections``), so that
    a client needs one request for every document it shows, not one per document."""

    sections: list[SectionPublic] | None = Field(
        default=None,
        description="The section tree, as in `GET /documents/{id}`: only with `include=sections`.",
    )
