"""Demo syntheses: Thành phố Rạch Giá (code 899) compiles up the chain, a few areas elsewhere too.

Residential areas merge their own comments into items (one per document, section and stance) and
submit, most on time, some late, some not at all; communes merge the items their areas sent and
submit; a few are accepted, a couple returned (and an area whose synthesis came back opens its
next version, a copy of the returned one, and sometimes sends it again). Items of the stance
"add" are marked as recommendations (part III of the report). Phường Vĩnh Thanh Vân (the demo
secretary's) is left to compile by hand, its areas' syntheses waiting in its incoming list.
Everything goes through the synthesis service.

So that lateness shows, the residential areas' deadline is moved to two days ago (audited) and
their submissions are dated before "now" accordingly.
"""

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.comments.models import Comment, Stance
from ykien.consultations.models import Consultation
from ykien.core.audit import SYSTEM, record
from ykien.core.clock import VN_TZ, today_vn
from ykien.core.db import utcnow
from ykien.syntheses import service
from ykien.syntheses.models import Synthesis, SynthesisItem
from ykien.syntheses.schemas import ItemCreate, SynthesisCreate
from ykien.units.models import Unit, UnitLevel

DISTRICT = "899"  # Thành phố Rạch Giá
OTHER_DISTRICTS = ("900", "903")  # a commune or two elsewhere, for contrast
# The demo secretary's commune (Phường Vĩnh Thanh Vân): its areas report, but it compiles its own
# synthesis by hand (the walk-through and the end-to-end test start from there).
HANDS_ON = "30742"
MAX_ITEMS = 8


def _summary(texts: list[str]) -> str:
    """The opinion itself (the report adds the graded phrase and the counts)."""
    return texts[0]


def _areas_of(units: dict[str, Unit], commune: Unit) -> list[Unit]:
    return sorted(
        (u for u in units.values() if u.parent_id == commune.id),
        key=lambda u: u.code,
    )


def _communes_of(units: dict[str, Unit], district_code: str) -> list[Unit]:
    district = units[district_code]
    return sorted(
        (
            u
            for u in units.values()
            if u.parent_id == district.id and u.level == UnitLevel.commune.value
        ),
        key=lambda u: u.code,
    )


def _compile_area(
    session: Session,
    *,
    caller: Caller,
    area: Unit,
    consultation_id: int,
    at: datetime,
) -> Synthesis:
    assert area.id is not None
    draft = service.create_synthesis(
        session,
        caller=caller,
        data=SynthesisCreate(unit_id=area.id, consultation_id=consultation_id),
        now=at,
    )
    groups: dict[tuple[int, int | None, str], list[Comment]] = defaultdict(list)
    for c in session.scalars(
        select(Comment)
        .where(
            col(Comment.unit_id) == area.id,
            col(Comment.consultation_id) == consultation_id,
            col(Comment.deleted_at).is_(None),
            col(Comment.collected_on) <= at.astimezone(VN_TZ).date(),
        )
        .order_by(col(Comment.seq))
    ):
        groups[(c.document_id, c.section_id, c.stance)].append(c)
    biggest = sorted(groups.items(), key=lambda kv: -sum(c.people for c in kv[1]))[:MAX_ITEMS]
    for (document_id, section_id, stance), comments in biggest:
        service.create_item(
            session,
            caller=caller,
            synthesis_id=draft.id,
            data=ItemCreate(
                document_id=document_id,
                section_id=section_id,
                stance=Stance(stance),
                summary=_summary([c.content for c in comments]),
                recommendation=stance == Stance.add.value,
                comment_ids=[c.id for c in comments],
            ),
            now=at,
        )
    return draft


def _compile_commune(
    session: Session,
    *,
    caller: Caller,
    commune: Unit,
    consultation_id: int,
) -> Synthesis:
    assert commune.id is not None
    draft = service.create_synthesis(
        session,
        caller=caller,
        data=SynthesisCreate(unit_id=commune.id, consultation_id=consultation_id),
    )
    arrived, _ = service.incoming(
        session, caller=caller, unit_id=commune.id, consultation_id=consultation_id, limit=500
    )
    groups: dict[tuple[int, int | None, str], list[SynthesisItem]] = defaultdict(list)
    for s in arrived:
        for item in session.scalars(
            select(SynthesisItem)
            .where(col(SynthesisItem.synthesis_id) == s.id)
            .order_by(col(SynthesisItem.position))
        ):
            groups[(item.document_id, item.section_id, item.stance)].append(item)
    own: dict[tuple[int, int | None, str], list[Comment]] = defaultdict(list)
    for c in session.scalars(
        select(Comment)
        .where(
            col(Comment.unit_id) == commune.id,
            col(Comment.consultation_id) == consultation_id,
            col(Comment.deleted_at).is_(None),
        )
        .order_by(col(Comment.seq))
    ):
        own[(c.document_id, c.section_id, c.stance)].append(c)
    # In order of first appearance, then by people (a stable sort): the same demo every time
    # (a set's order of keys holding None changes from run to run on Python 3.11).
    keys = sorted(
        dict.fromkeys([*groups, *own]),
        key=lambda k: -(sum(i.people for i in groups[k]) + sum(c.people for c in own[k])),
    )[: MAX_ITEMS * 2]
    for key in keys:
        document_id, section_id, stance = key
        texts = [i.summary for i in groups[key]] + [c.content for c in own[key]]
        service.create_item(
            session,
            caller=caller,
            synthesis_id=draft.id,
            data=ItemCreate(
                document_id=document_id,
                section_id=section_id,
                stance=Stance(stance),
                summary=_summary(texts),
                recommendation=stance == Stance.add.value,
                comment_ids=[c.id for c in own[key]],
                child_item_ids=[i.id for i in groups[key]],
            ),
        )
    return draft


def load_syntheses(
    session: Session,
    *,
    caller_for: Callable[[Unit], Caller],
    units: dict[str, Unit],
    consultation_id: int,
    rng: random.Random,
) -> None:
    """Syntheses for Rạch Giá's areas and communes and a few others (``units`` by code)."""
    consultation = session.get(Consultation, consultation_id)
    assert consultation is not None
    today = today_vn()
    deadline = today - timedelta(days=2)
    before = dict(consultation.deadlines)
    consultation.deadlines = {**before, UnitLevel.residential_area.value: deadline.isoformat()}
    session.add(consultation)
    record(
        session,
        SYSTEM,
        "update",
        "consultation",
        consultation.id,
        before={"deadlines": before},
        after={"deadlines": consultation.deadlines},
    )
    now = utcnow()

    def on_time() -> datetime:
        day = deadline - timedelta(days=rng.randint(0, 4))
        return datetime.combine(day, time(rng.randint(7, 21), rng.randint(0, 59)), VN_TZ)

    def late() -> datetime:
        at = datetime.combine(
            deadline + timedelta(days=1), time(rng.randint(7, 21), rng.randint(0, 59)), VN_TZ
        )
        return min(at, now - timedelta(minutes=5))

    by_id = {u.id: u for u in units.values()}
    communes = _communes_of(units, DISTRICT)
    communes += [_communes_of(units, code)[0] for code in OTHER_DISTRICTS]
    for n, commune in enumerate(communes):
        in_city = n < len(_communes_of(units, DISTRICT))
        for area in _areas_of(units, commune):
            roll = rng.random()
            if roll < 0.12:
                continue  # missing
            caller = caller_for(area)
            at = late() if roll < 0.3 else on_time()
            draft = _compile_area(
                session, caller=caller, area=area, consultation_id=consultation_id, at=at
            )
            if roll < 0.2:
                continue  # still a draft (and late by now)
            service.submit(session, caller=caller, synthesis_id=draft.id, now=at)
        # The commune judges what arrived: accepts most, returns one now and then.
        judge = caller_for(commune)
        assert commune.id is not None
        sent, _ = service.incoming(
            session, caller=judge, unit_id=commune.id, consultation_id=consultation_id, limit=500
        )
        for s in sent:
            pick = rng.random()
            if pick < 0.08:
                service.return_(
                    session,
                    caller=judge,
                    synthesis_id=s.id,
                    reason="Đề nghị bổ sung số liệu hội nghị và số lượt người góp ý.",
                )
                # The area opens its next version, which starts as a copy of the returned one
                # (Lần 2), and sends it again now and then.
                area = by_id[s.unit_id]
                again = service.create_synthesis(
                    session,
                    caller=caller_for(area),
                    data=SynthesisCreate(unit_id=s.unit_id, consultation_id=consultation_id),
                )
                if rng.random() < 0.5:
                    service.submit(session, caller=caller_for(area), synthesis_id=again.id)
            elif pick < 0.6:
                service.accept(session, caller=judge, synthesis_id=s.id)
        if not in_city or commune.code == HANDS_ON or rng.random() < 0.35:
            continue  # the commune has not compiled yet
        draft = _compile_commune(
            session, caller=judge, commune=commune, consultation_id=consultation_id
        )
        if rng.random() < 0.8:
            service.submit(session, caller=judge, synthesis_id=draft.id)
    # The city judges its communes: accepts one, returns one, leaves the rest submitted.
    city = units[DISTRICT]
    assert city.id is not None
    judge = caller_for(city)
    arrived, _ = service.incoming(
        session, caller=judge, unit_id=city.id, consultation_id=consultation_id, limit=500
    )
    if arrived:
        service.accept(session, caller=judge, synthesis_id=arrived[0].id)
    if len(arrived) > 2:
        service.return_(
            session,
            caller=judge,
            synthesis_id=arrived[-1].id,
            reason="Báo cáo chưa nêu rõ kiến nghị của Nhân dân; đề nghị bổ sung và gửi lại.",
        )
