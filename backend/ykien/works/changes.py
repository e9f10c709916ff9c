"""Changing a work: its fields and its status (the transitions below), and its progress notes.
Every change is audited in the same transaction, filed under the work's unit.

The status rule (docs/architecture.md, "Works"):

- ``registered`` ↔ ``in_progress``, and either of them → ``done`` or ``dropped``;
- ``done`` needs ``completed_on`` (not before ``registered_on``, not after today); a work that is
  not done has none;
- ``done`` and ``dropped`` are final: only an admin changes a final work — to reopen it (back to
  ``registered`` or ``in_progress``, ``completed_on`` cleared) or to correct it. Anyone else gets
  a 409, so a completed work's figures, already reported up, do not move under the reports.
"""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col
from uuid_utils.compat import uuid7

from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.core.audit import record
from ykien.core.clock import today_vn
from ykien.core.db import utcnow
from ykien.core.errors import Conflict, Invalid, NotFound
from ykien.core.text import fold
from ykien.works.access import readable_works
from ykien.works.entry import check_dates, snapshot
from ykien.works.models import FINAL, Work, WorkNote, WorkStatus
from ykien.works.schemas import NoteCreate, WorkUpdate

MOVES: dict[WorkStatus, frozenset[WorkStatus]] = {
    WorkStatus.registered: frozenset({WorkStatus.in_progress, WorkStatus.done, WorkStatus.dropped}),
    WorkStatus.in_progress: frozenset({WorkStatus.registered, WorkStatus.done, WorkStatus.dropped}),
    WorkStatus.done: frozenset(),
    WorkStatus.dropped: frozenset(),
}


def get_work(session: Session, *, caller: Caller, work_id: uuid.UUID) -> Work:
    """A work of the caller's subtree; 404 otherwise (not revealing that it exists)."""
    work = session.scalar(readable_works(caller).where(col(Work.id) == work_id))
    if work is None:
        raise NotFound(f"Work {work_id} does not exist.")
    return work


def _is_admin(caller: Caller) -> bool:
    return caller.kind == "user" and caller.role == Role.admin


def _next_status(caller: Caller, work: Work, wanted: WorkStatus | None) -> WorkStatus:
    current = WorkStatus(work.status)
    if current in FINAL and not _is_admin(caller):
        raise Conflict(
            f"The work is {current.value}: only an admin reopens or corrects it.",
            errors=[{"loc": ["body", "status"], "msg": "final", "type": "conflict"}],
        )
    if wanted is None or wanted == current:
        return current
    if current in FINAL or wanted in MOVES[current]:
        return wanted
    raise Invalid(["body", "status"], f"cannot move from {current.value} to {wanted.value}")


def update_work(session: Session, *, caller: Caller, work_id: uuid.UUID, data: WorkUpdate) -> Work:
    work = get_work(session, caller=caller, work_id=work_id)
    if data.version is not None and data.version != work.version:
        raise Conflict(
            f"The work changed meanwhile (now version {work.version}); reload it and try again.",
            errors=[{"loc": ["body", "version"], "msg": "stale version", "type": "conflict"}],
        )
    status = _next_status(caller, work, data.status)
    given = data.model_dump(exclude_unset=True, exclude={"version", "status", "completed_on"})
    for key in ("organization", "kind", "title", "registered_on", "due_on"):
        if key in given and given[key] is None:
            raise Invalid(["body", key], "may be changed but not emptied")
    registered_on = given.get("registered_on", work.registered_on)
    due_on = given.get("due_on", work.due_on)
    if "registered_on" in given or "due_on" in given:
        check_dates(["body"], registered_on=registered_on, due_on=due_on)
    completed_on = _completed_on(data, work, status, registered_on)

    before = snapshot(work)
    for key, value in given.items():
        setattr(work, key, value.value if hasattr(value, "value") else value)
    if "title" in given:
        work.title_folded = fold(work.title)
    work.status, work.completed_on = status.value, completed_on
    after = snapshot(work)
    changed = [k for k in after if after[k] != before[k]]
    if not changed:
        return work
    work.version += 1
    work.updated_at = utcnow()
    session.add(work)
    session.flush()
    action = "reopen" if before["status"] in FINAL and status not in FINAL else "update"
    record(
        session,
        caller.actor,
        action,
        "work",
        work.id,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
        unit_id=work.unit_id,
    )
    return work


def _completed_on(
    data: WorkUpdate, work: Work, status: WorkStatus, registered_on: date
) -> date | None:
    if status != WorkStatus.done:
        if data.completed_on is not None:
            raise Invalid(["body", "completed_on"], "only a work that is done has one")
        return None
    completed_on = data.completed_on or work.completed_on
    if completed_on is None:
        raise Invalid(["body", "completed_on"], "required when status is done")
    today = today_vn()
    if completed_on > today:
        raise Invalid(["body", "completed_on"], f"must not be after today ({today:%d/%m/%Y})")
    if completed_on < registered_on:
        raise Invalid(["body", "completed_on"], "must not be before registered_on")
    return completed_on


def add_note(
    session: Session, *, caller: Caller, work_id: uuid.UUID, note: NoteCreate
) -> tuple[WorkNote, bool]:
    """A dated progress note (and whether it is new). A resent note (same client id, same
    work, same words, same author) answers the stored one; that id otherwise is a 409."""
    work = get_work(session, caller=caller, work_id=work_id)
    if note.id is not None:
        stored = session.scalar(select(WorkNote).where(col(WorkNote.id) == note.id))
        if stored is not None:
            same = (
                stored.work_seq == work.seq
                and stored.created_by == caller.user_id
                and stored.noted_on == note.noted_on
                and stored.text == note.text
            )
            if not same:
                raise Conflict(
                    f"The note id {note.id} is taken; send the note with a new id.",
                    errors=[{"loc": ["body", "id"], "msg": "taken", "type": "conflict"}],
                )
            return stored, False
    today = today_vn()
    if note.noted_on > today:
        raise Invalid(["body", "noted_on"], f"must not be after today ({today:%d/%m/%Y})")
    if note.noted_on < work.registered_on:
        raise Invalid(["body", "noted_on"], "must not be before the work's registered_on")
    assert work.seq is not None
    row = WorkNote(
        id=note.id or uuid7(),
        work_seq=work.seq,
        noted_on=note.noted_on,
        text=note.text,
        created_by=caller.user_id,
    )
    session.add(row)
    session.flush()
    after: dict[str, Any] = {"note": str(row.id), "noted_on": str(row.noted_on), "text": row.text}
    record(session, caller.actor, "note", "work", work.id, after=after, unit_id=work.unit_id)
    return row, True


def notes_of(session: Session, work: Work) -> list[WorkNote]:
    return list(
        session.scalars(
            select(WorkNote)
            .where(col(WorkNote.work_seq) == work.seq)
            .order_by(col(WorkNote.noted_on), col(WorkNote.seq))
        )
    )
