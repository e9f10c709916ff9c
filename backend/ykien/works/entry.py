"""Registering works idempotently (an offline phone resends until it hears back).

A client-chosen ``id`` is stored with a SHA-256 of the validated body (``create_hash``): a repeat
by the same user with the same body answers the stored work (200), anything else with that id is
a 409 naming ``id`` — the rule of comments (comments/entry.py), for the same reasons. The insert
skips an id stored meanwhile, so two concurrent retries store one row.
"""

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
from sqlalchemy import select
from sqlmodel import Session, col
from uuid_utils.compat import uuid7

from ykien.accounts.caller import Caller
from ykien.core.audit import record
from ykien.core.bulk import insert_new
from ykien.core.clock import today_vn
from ykien.core.db import utcnow
from ykien.core.errors import Conflict, Invalid
from ykien.core.text import fold
from ykien.units.models import Unit
from ykien.units.service import unit_in_scope
from ykien.works.models import WORK_TABLE, Work, WorkStatus
from ykien.works.schemas import WorkCreate

Loc = Sequence[str | int]


@dataclass
class Created:
    work: Work
    new: bool


def body_hash(item: WorkCreate) -> str:
    body = item.model_dump(mode="json", exclude={"id"})
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def check_dates(loc: Loc, *, registered_on: date, due_on: date, today: date | None = None) -> None:
    """Registered not after today, due not before registered: 422 naming the field."""
    today = today or today_vn()
    if registered_on > today:
        raise Invalid([*loc, "registered_on"], f"must not be after today ({today:%d/%m/%Y})")
    if due_on < registered_on:
        raise Invalid([*loc, "due_on"], "must not be before registered_on")


def snapshot(work: Work | dict[str, Any]) -> dict[str, Any]:
    """The audited form of a work: its fields as JSON values, without the bookkeeping."""
    row = work if isinstance(work, dict) else work.model_dump()
    skip = {"seq", "create_hash", "title_folded", "created_at", "updated_at", "created_by"}
    return {
        k: (str(v) if isinstance(v, uuid.UUID | date) else v)
        for k, v in row.items()
        if k not in skip
    }


def create_work(
    session: Session, *, caller: Caller, item: WorkCreate, loc: Loc = ("body",)
) -> Created:
    """Store a new work (the caller is a writer: the route's ``WriterDep``), or answer the
    stored one when this is its creator's retry."""
    unit = unit_in_scope(session, scope=caller.scope, unit_id=item.unit_id, loc=[*loc, "unit_id"])
    digest = body_hash(item)
    if item.id is not None:
        stored = session.scalar(select(Work).where(col(Work.id) == item.id))
        if stored is not None:
            return Created(retry_of(stored, caller, digest, loc), False)
    check_dates(loc, registered_on=item.registered_on, due_on=item.due_on)
    row = new_row(item, unit=unit, caller=caller, digest=digest)
    inserted = insert_new(session, WORK_TABLE, [row], key="id", returning=("seq",))
    if not inserted:  # a concurrent request stored the same id first
        stored = session.scalar(select(Work).where(col(Work.id) == row["id"]))
        assert stored is not None
        return Created(retry_of(stored, caller, digest, loc), False)
    work = session.get_one(Work, inserted[0][0])
    record(session, caller.actor, "create", "work", work.id, after=snapshot(work))
    return Created(work, True)


def new_row(item: WorkCreate, *, unit: Unit, caller: Caller, digest: str) -> dict[str, Any]:
    now = utcnow()
    fields = item.model_dump(exclude={"id"})
    return {
        **fields,
        "id": item.id or uuid7(),
        "unit_path": unit.path,
        "organization": item.organization.value,
        "kind": item.kind.value,
        "title_folded": fold(item.title),
        "status": WorkStatus.registered.value,
        "completed_on": None,
        "create_hash": digest,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "created_by": caller.user_id,
    }


def conflict(loc: Loc, msg: str) -> Conflict:
    return Conflict(msg + ".", errors=[{"loc": [*loc, "id"], "msg": msg, "type": "conflict"}])


def retry_of(stored: Work, caller: Caller, digest: str, loc: Loc) -> Work:
    """The stored work when its creator repeats the request; otherwise one 409 whatever the
    body, so that a retry cannot confirm a guessed body."""
    if (
        caller.user_id is None
        or stored.created_by != caller.user_id
        or not caller.scope.covers(stored.unit_path)
    ):
        raise conflict(loc, f"the id {stored.id} is taken; send the work with a new id")
    if stored.create_hash != digest:
        raise conflict(loc, f"a work with id {stored.id} already exists with a different body")
    return stored
