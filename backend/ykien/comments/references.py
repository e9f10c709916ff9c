"""What a comment points at — document, section, unit, meeting — checked once per request.

A batch costs a handful of queries: its sections, units and meetings are fetched together
(``prefetch``), and every look-up is cached in a ``Context``. A single comment's document,
consultation, section and unit come in one query (``preload``).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from sqlmodel import Session, col, select

from ykien.accounts.caller import Caller
from ykien.consultations.models import Consultation, Document, Section
from ykien.consultations.service import get_consultation, readable_documents, require_open
from ykien.core.errors import Invalid, NotFound, ProblemError
from ykien.meetings.models import Meeting
from ykien.meetings.service import check_date, check_in_consultation
from ykien.units.models import Unit

Loc = list[str | int]


class Context:
    """Look-ups for one request, cached."""

    def __init__(self, session: Session, caller: Caller, *, single: bool) -> None:
        self.session, self.caller, self.single = session, caller, single
        self.documents: dict[int, tuple[Document, Consultation] | None] = {}
        self.sections: dict[int, Section | None] = {}
        self.units: dict[int, Unit | None] = {}
        self.meetings: dict[int, Meeting | None] = {}

    def preload(self, fields: dict[str, Any]) -> None:
        """One round trip for what ``resolve`` looks up one by one: the document with its
        consultation (if the caller may read it), the section and the unit. Whatever is not
        found this way is looked up, and reported, as before."""
        document_id, section_id, unit_id = (
            fields["document_id"],
            fields.get("section_id"),
            fields["unit_id"],
        )
        stmt = (
            readable_documents(self.caller)
            .add_columns(Consultation, Unit)
            .outerjoin(Unit, col(Unit.id) == unit_id)
            .where(col(Document.id) == document_id)
        )
        if section_id is not None:
            stmt = stmt.add_columns(Section).outerjoin(Section, col(Section.id) == section_id)
        row = self.session.execute(stmt).first()
        if row is None:
            return
        self.documents[document_id] = (row[0], row[1])
        self.units[unit_id] = row[2]
        if section_id is not None:
            self.sections[section_id] = row[3]

    def prefetch(self, items: Sequence[Any]) -> None:
        """One query each for the sections, units and meetings that a batch's items name (a
        meeting's comments name up to 40 sections: one query, not 40). What is not found is
        cached as missing, and reported by ``resolve`` as before."""
        _fetch(self.session, Section, self.sections, {item.section_id for item in items})
        _fetch(self.session, Unit, self.units, {item.unit_id for item in items})
        _fetch(self.session, Meeting, self.meetings, {item.meeting_id for item in items})

    def _missing(self, loc: Loc, what: str, ident: int) -> ProblemError:
        # A single write names a missing object with 404; a batch names the item with 422.
        if self.single:
            return NotFound(f"{what} {ident} does not exist.")
        return Invalid(loc, f"{what.lower()} {ident} does not exist")

    def document(self, document_id: int, loc: Loc) -> tuple[Document, Consultation]:
        if document_id not in self.documents:
            doc = self.session.get(Document, document_id)
            found = None
            if doc is not None:
                try:
                    found = (
                        doc,
                        get_consultation(
                            self.session, caller=self.caller, consultation_id=doc.consultation_id
                        ),
                    )
                except NotFound:
                    found = None
            self.documents[document_id] = found
        found = self.documents[document_id]
        if found is None:
            raise self._missing(loc, "Document", document_id)
        return found

    def section(self, section_id: int, document: Document, loc: Loc) -> Section:
        if section_id not in self.sections:
            self.sections[section_id] = self.session.get(Section, section_id)
        section = self.sections[section_id]
        if section is None:
            raise self._missing(loc, "Section", section_id)
        if section.document_id != document.id:
            raise Invalid(loc, f"section {section_id} belongs to another document")
        return section

    def unit(self, unit_id: int, loc: Loc) -> Unit:
        if unit_id not in self.units:
            self.units[unit_id] = self.session.get(Unit, unit_id)
        unit = self.units[unit_id]
        if unit is None:
            raise self._missing(loc, "Unit", unit_id)
        if not self.caller.scope.covers(unit.path):
            raise Invalid(loc, "unit is outside your part of the hierarchy")
        return unit

    def visible_meeting(self, meeting_id: int, loc: Loc) -> Meeting:
        if meeting_id not in self.meetings:
            self.meetings[meeting_id] = self.session.get(Meeting, meeting_id)
        meeting = self.meetings[meeting_id]
        if meeting is None or not self.caller.scope.covers(meeting.unit_path):
            raise self._missing(loc, "Meeting", meeting_id)
        return meeting

    def meeting(self, meeting_id: int, unit: Unit, consultation: Consultation, loc: Loc) -> Meeting:
        meeting = self.visible_meeting(meeting_id, loc)
        if meeting.unit_id != unit.id or meeting.consultation_id != consultation.id:
            raise Invalid(loc, "the meeting was held by another unit or for another consultation")
        return meeting


class _Stored(Protocol):
    id: int | None


_T = TypeVar("_T", bound=_Stored)


def _fetch(
    session: Session, model: type[_T], cache: dict[int, _T | None], ids: set[int | None]
) -> None:
    wanted = {i for i in ids if i is not None} - cache.keys()
    if wanted:
        cache.update(dict.fromkeys(wanted))
        found = session.scalars(select(model).where(col(model.id).in_(wanted)))
        cache.update({row.id: row for row in found if row.id is not None})


@dataclass
class Target:
    consultation: Consultation
    unit: Unit


def resolve(ctx: Context, fields: dict[str, Any], loc: Loc) -> Target:
    """Check every reference and date of a comment's fields; ``loc`` prefixes the field names."""
    document, consultation = ctx.document(fields["document_id"], [*loc, "document_id"])
    require_open(consultation)
    if fields.get("section_id") is not None:
        ctx.section(fields["section_id"], document, [*loc, "section_id"])
    unit = ctx.unit(fields["unit_id"], [*loc, "unit_id"])
    check_in_consultation(consultation, unit, [*loc, "unit_id"])
    if fields.get("meeting_id") is not None:
        ctx.meeting(fields["meeting_id"], unit, consultation, [*loc, "meeting_id"])
    check_date(consultation, fields["collected_on"], [*loc, "collected_on"])
    return Target(consultation, unit)


def check_scope(ctx: Context, fields: dict[str, Any], loc: Loc) -> None:
    """The checks of ``resolve`` that depend on who asks: the document (its consultation), the
    unit and the meeting are the caller's to see. A retry passes them before it is recognised
    (and not the others: the consultation may have closed since the first answer was lost)."""
    ctx.document(fields["document_id"], [*loc, "document_id"])
    ctx.unit(fields["unit_id"], [*loc, "unit_id"])
    if fields.get("meeting_id") is not None:
        ctx.visible_meeting(fields["meeting_id"], [*loc, "meeting_id"])
