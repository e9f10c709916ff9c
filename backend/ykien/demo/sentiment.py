"""Demo public-sentiment consultations (issue #17, plan II.1): the province's monthly
consultation for the last three months (this month and the two before), the first one created
with the default topic list and each next one by "open next month's"; residential areas enter
what people raised, topic by topic; for the last complete month Thành phố Rạch Giá's communes
compile it, the city accepts them and compiles its own up to the province.

Phường Vĩnh Thanh Vân's areas (the demo secretary's) enter every month, so that its secretary
finds this month's sentiment ready to compile (the walk-through and the browser test start
there). Everything goes through the services, so roll-ups, audit and syntheses are as a board's.
"""

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlmodel import Session, col

from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.comments.models import Channel, Comment, Organization, Stance
from ykien.comments.schemas import CommentCreate
from ykien.comments.service import create_comments
from ykien.consultations import sentiment
from ykien.consultations.models import Consultation, ConsultationKind, Document, Section
from ykien.consultations.periods import month_bounds, month_of, month_words
from ykien.consultations.schemas import ConsultationCreate
from ykien.consultations.service import create_consultation
from ykien.core.clock import VN_TZ, today_vn
from ykien.syntheses import service as syntheses
from ykien.syntheses.models import Synthesis
from ykien.syntheses.schemas import ItemCreate, SynthesisCreate
from ykien.units.models import Unit, UnitLevel

CITY = "899"  # Thành phố Rạch Giá: its communes compile the last complete month
HANDS_ON = "30742"  # Phường Vĩnh Thanh Vân: enters every month, compiles by hand
MONTHS = 3
TITLE = "Nắm tình hình tư tưởng, tâm tư, nguyện vọng của nhân dân tháng {month}"

# What people raise at residential-area meetings, by topic of the default list.
PHRASES: dict[str, list[str]] = {
    "Đất đai": [
        "Bà con phản ánh việc cấp giấy chứng nhận quyền sử dụng đất còn chậm.",
        "Nhân dân đề nghị công khai quy hoạch sử dụng đất của xã.",
        "Một số hộ chưa đồng tình với giá bồi thường khi thu hồi đất làm đường.",
    ],
    "Môi trường": [
        "Rác thải sinh hoạt dọc kênh chưa được thu gom thường xuyên.",
        "Bà con lo ngại nước thải từ các cơ sở nuôi tôm gây ô nhiễm.",
        "Đề nghị tăng cường trồng cây xanh ở khu dân cư.",
    ],
    "Giá cả, thị trường": [
        "Giá phân bón, thuốc bảo vệ thực vật tăng cao, người trồng lúa lo lắng.",
        "Giá lúa thấp, thương lái ép giá khi thu hoạch.",
        "Giá điện, nước sinh hoạt tăng ảnh hưởng đời sống hộ nghèo.",
    ],
    "An ninh trật tự": [
        "Tình trạng trộm cắp vặt về đêm có chiều hướng tăng.",
        "Thanh thiếu niên tụ tập chạy xe lạng lách gây mất trật tự.",
        "Bà con đề nghị lắp thêm đèn chiếu sáng và camera ở các tuyến hẻm.",
    ],
    "Tham nhũng, tiêu cực": [
        "Nhân dân mong tiếp tục xử lý nghiêm các vụ việc tham nhũng, tiêu cực.",
        "Đề nghị công khai các khoản đóng góp xây dựng công trình ở ấp.",
    ],
    "Chính sách xã hội": [
        "Việc xét hộ nghèo, cận nghèo cần công khai, đúng đối tượng.",
        "Đề nghị quan tâm hỗ trợ người cao tuổi neo đơn và trẻ em có hoàn cảnh khó khăn.",
        "Chế độ cho người có công cần được chi trả kịp thời.",
    ],
    "Y tế, giáo dục": [
        "Trạm y tế còn thiếu thuốc và bác sĩ.",
        "Phụ huynh lo lắng các khoản thu đầu năm học.",
    ],
    "Việc làm, thu nhập": [
        "Lao động trẻ thiếu việc làm, nhiều người đi làm ăn xa.",
        "Đề nghị mở thêm lớp dạy nghề ngắn hạn cho lao động nông thôn.",
    ],
    "Giao thông, hạ tầng": [
        "Tuyến đường liên ấp xuống cấp, mùa mưa đi lại khó khăn.",
        "Đề nghị sớm sửa chữa cây cầu qua kênh đã hư hỏng.",
    ],
    "Cải cách hành chính": [
        "Thủ tục hành chính ở bộ phận một cửa đã nhanh hơn, bà con đồng tình.",
        "Một số thủ tục trực tuyến còn khó thực hiện với người cao tuổi.",
    ],
    "Khác": ["Nhân dân phấn khởi, tin tưởng vào sự lãnh đạo của Đảng và chính quyền."],
}
# How often each topic comes up (land and prices most, as in the province's monthly reports).
WEIGHTS = {"Đất đai": 5, "Giá cả, thị trường": 4, "An ninh trật tự": 3, "Môi trường": 3}


def _months(today: date) -> list[str]:
    """This month and the MONTHS - 1 before it, oldest first."""
    index = today.year * 12 + today.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - MONTHS + 1, index + 1)]


def _deadlines(last: date) -> dict[UnitLevel, date]:
    # No deadline for residential areas: they enter, the commune compiles.
    return {
        UnitLevel.commune: last + timedelta(days=6),
        UnitLevel.district: last + timedelta(days=9),
        UnitLevel.province: last + timedelta(days=12),
    }


def _topics(session: Session, consultation_id: int) -> tuple[int, dict[str, int]]:
    document = session.scalar(
        select(Document).where(col(Document.consultation_id) == consultation_id)
    )
    assert document is not None and document.id is not None
    sections = session.execute(
        select(col(Section.heading), col(Section.id)).where(col(Section.document_id) == document.id)
    ).all()
    return document.id, dict(sections)


def _open_months(session: Session, caller: Caller, province: Unit) -> list[Consultation]:
    first, *_ = months = _months(today_vn())
    start, end = month_bounds(first)
    assert province.id is not None
    consultation = create_consultation(
        session,
        caller=caller,
        data=ConsultationCreate(
            title=TITLE.format(month=month_words(start)),
            unit_id=province.id,
            opens_on=start,
            closes_on=end + timedelta(days=10),
            deadlines=_deadlines(end),
            kind=ConsultationKind.sentiment,
            period=first,
        ),
    )
    opened = [consultation]
    for _ in months[1:]:
        assert opened[-1].id is not None
        following, _created = sentiment.open_next_period(
            session, caller=caller, consultation_id=opened[-1].id
        )
        opened.append(following)
    return opened


def _enter(
    session: Session,
    *,
    caller: Caller,
    consultation: Consultation,
    areas: list[Unit],
    rng: random.Random,
) -> int:
    assert consultation.id is not None and consultation.period_start is not None
    document_id, topics = _topics(session, consultation.id)
    names = list(topics)
    weights = [WEIGHTS.get(n, 1) for n in names]
    last = min(month_bounds(month_of(consultation.period_start))[1], today_vn())
    days = (last - consultation.period_start).days
    items: list[CommentCreate] = []
    for area in areas:
        assert area.id is not None
        for _ in range(rng.randint(2, 6)):
            topic = rng.choices(names, weights=weights)[0]
            items.append(
                CommentCreate(
                    document_id=document_id,
                    section_id=topics[topic],
                    unit_id=area.id,
                    channel=rng.choice([Channel.meeting, Channel.meeting, Channel.other]),
                    category=rng.choice(["citizen", "citizen", "party_member", "notable_person"]),
                    stance=Stance.add if rng.random() < 0.3 else Stance.other,
                    organization=rng.choice(list(Organization)),
                    people=rng.randint(1, 12),
                    content=rng.choice(PHRASES.get(topic, PHRASES["Khác"])),
                    collected_on=consultation.period_start + timedelta(days=rng.randint(0, days)),
                )
            )
    create_comments(session, caller=caller, items=items)
    return len(items)


def _compile(
    session: Session, *, caller: Caller, unit: Unit, consultation_id: int, at: datetime
) -> Synthesis:
    """A draft of ``unit`` with an item per topic and stance, merging its areas' comments (a
    commune) or its communes' items (the city)."""
    assert unit.id is not None
    draft = syntheses.create_synthesis(
        session,
        caller=caller,
        data=SynthesisCreate(unit_id=unit.id, consultation_id=consultation_id),
        now=at,
    )
    groups: dict[tuple[int, int | None, str], list[Comment]] = defaultdict(list)
    arrived, _ = syntheses.incoming(
        session, caller=caller, unit_id=unit.id, consultation_id=consultation_id, limit=500
    )
    child_items: dict[tuple[int, int | None, str], list[tuple[str, uuid.UUID]]] = defaultdict(list)
    for s in arrived:
        for item in syntheses.items_of(session, s.id):
            child_items[(item.document_id, item.section_id, item.stance)].append(
                (item.summary, item.id)
            )
    if not arrived:
        for c in session.scalars(
            select(Comment)
            .join(Unit, col(Unit.id) == col(Comment.unit_id))
            .where(
                col(Unit.parent_id) == unit.id,
                col(Comment.consultation_id) == consultation_id,
                col(Comment.deleted_at).is_(None),
            )
            .order_by(col(Comment.seq))
        ):
            groups[(c.document_id, c.section_id, c.stance)].append(c)
    for key in sorted({*groups, *child_items}, key=lambda k: (k[1] or 0, k[2])):
        document_id, section_id, stance = key
        texts = [c.content for c in groups[key]] + [s for s, _id in child_items[key]]
        syntheses.create_item(
            session,
            caller=caller,
            synthesis_id=draft.id,
            data=ItemCreate(
                document_id=document_id,
                section_id=section_id,
                stance=Stance(stance),
                summary=texts[0],
                recommendation=stance == Stance.add.value,
                comment_ids=[c.id for c in groups[key]],
                child_item_ids=[id_ for _s, id_ in child_items[key]],
            ),
        )
    return draft


def load_sentiment(
    session: Session,
    *,
    caller_for: Callable[[Role, Unit], Caller],
    units: dict[str, Unit],
    rng: random.Random,
) -> int:
    """The three months, their entries and last month's syntheses; returns the comments."""
    province = units["91"]
    admin = caller_for(Role.admin, province)
    months = _open_months(session, admin, province)
    areas = [u for u in units.values() if u.level == UnitLevel.residential_area.value]
    hands_on = units[HANDS_ON]
    own_areas = [a for a in areas if a.parent_id == hands_on.id]
    city = units[CITY]
    city_communes = [u for u in units.values() if u.parent_id == city.id]
    city_areas = [a for a in areas if a.parent_id in {c.id for c in city_communes}]
    comments = 0
    for consultation in months:
        active = rng.sample(areas, k=40) + own_areas + rng.sample(city_areas, k=20)
        unique = list({a.id: a for a in active}.values())
        comments += _enter(session, caller=admin, consultation=consultation, areas=unique, rng=rng)
    # The last complete month goes up the chain: communes on time, the city to the province.
    last = months[-2]
    assert last.id is not None and last.period_end is not None
    deadlines = _deadlines(last.period_end)
    commune_at = datetime.combine(
        deadlines[UnitLevel.commune] - timedelta(days=1), time(16, 30), VN_TZ
    )
    city_at = datetime.combine(deadlines[UnitLevel.district] - timedelta(days=1), time(9), VN_TZ)
    entered = set(
        session.scalars(
            select(col(Unit.parent_id))
            .join(Comment, col(Comment.unit_id) == col(Unit.id))
            .where(col(Comment.consultation_id) == last.id)
            .distinct()
        )
    )
    for commune in sorted(city_communes, key=lambda u: u.code):
        if commune.id not in entered:
            continue  # nothing entered there this month: nothing to compile
        caller = caller_for(Role.secretary, commune)
        draft = _compile(
            session, caller=caller, unit=commune, consultation_id=last.id, at=commune_at
        )
        syntheses.submit(session, caller=caller, synthesis_id=draft.id, now=commune_at)
    judge = caller_for(Role.secretary, city)
    assert city.id is not None
    arrived, _ = syntheses.incoming(
        session, caller=judge, unit_id=city.id, consultation_id=last.id, limit=500
    )
    for s in arrived:
        syntheses.accept(session, caller=judge, synthesis_id=s.id, now=city_at)
    draft = _compile(session, caller=judge, unit=city, consultation_id=last.id, at=city_at)
    syntheses.submit(session, caller=judge, synthesis_id=draft.id, now=city_at)
    return comments
