"""What a synthesis report says, as plain data: the syntheses service fills it, renderers read it.

No database here: the service computes the counts and chooses the wording of each item; the
renderers only lay it out (``synthesis_docx.render_synthesis_docx``).
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class ReportItem:
    """One consolidated opinion: ``summary`` is the opinion itself, without a graded phrase."""

    stance: str  # agree | amend | add | disagree | other
    summary: str  # "bổ sung giải pháp chống sạt lở bờ biển An Minh, An Biên"
    comments: int
    people: int
    recommendation: bool = False


@dataclass
class ReportSection:
    """The items on one section of a document; ``number`` and ``heading`` None: the whole one."""

    number: str | None
    heading: str | None
    items: list[ReportItem] = field(default_factory=list)


@dataclass
class ReportDocument:
    code: str
    title: str
    sections: list[ReportSection] = field(default_factory=list)
    # The comments on the document in the unit's subtree for the consultation: what the graded
    # phrases measure an item against (0: unknown; the items' own sum is used).
    comments: int = 0


@dataclass
class ReportFigures:
    """How the consultation went in the unit's subtree (the snapshot taken at submission)."""

    meetings: int
    participants: int
    comments: int
    people: int
    by_channel: dict[str, int] = field(default_factory=dict)  # channel code -> comments
    by_category: dict[str, int] = field(default_factory=dict)  # category code -> comments
    general_agreement: int = 0  # comments that agree with the drafts as a whole


@dataclass
class SynthesisReport:
    issuing_body: str  # "ỦY BAN MTTQ VIỆT NAM TỈNH KIÊN GIANG"
    parent_body: str  # "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam" (the level above)
    party_committee: str  # "Ban Thường vụ Tỉnh ủy Kiên Giang" (the same-level Party committee)
    place: str  # "Vĩnh Thanh Vân": the unit's own locality (``wording.place``)
    day: date
    number: str | None  # "12" or "Số 12/BC-MTTQ-BTT"; None leaves the number blank to fill in
    consultation_title: str  # "dự thảo các văn kiện Đại hội … " (what the comments were on)
    unit_name: str  # "tỉnh Kiên Giang"
    figures: ReportFigures
    documents: list[ReportDocument] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    signer_title: str = "PHÓ CHỦ TỊCH"
    signer_name: str | None = None
    late: bool = False
