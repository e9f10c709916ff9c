"""The demo's registered works: 150 works and tasks of the province, its districts and some
communes, by every member organisation, in every status — some overdue, some due soon, some
done — generated deterministically (dates relative to today, so that "overdue" means something
on any day the demo is loaded). Through the works service, so each is audited like a user's."""

import random
from collections.abc import Callable
from datetime import timedelta

from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.comments.models import Organization
from ykien.core.clock import today_vn
from ykien.units.models import Unit, UnitLevel
from ykien.works.changes import add_note, update_work
from ykien.works.entry import create_work
from ykien.works.models import WorkKind, WorkStatus
from ykien.works.schemas import NoteCreate, WorkCreate, WorkUpdate

COUNT = 150
PROJECTS = [
    "Bê tông hóa tuyến đường {place}",
    "Cầu giao thông nông thôn {place}",
    "Nhà Đại đoàn kết cho hộ nghèo {place}",
    "Thắp sáng đường quê {place}",
    "Tuyến đường hoa {place}",
    "Công trình nước sạch {place}",
    "Sửa chữa điểm trường {place}",
    "Nhà văn hóa khu dân cư {place}",
]
TASKS = [
    "Ra quân vệ sinh môi trường {place}",
    "Tặng quà hộ nghèo, gia đình chính sách {place}",
    "Trồng cây xanh chào mừng Đại hội {place}",
    "Tuyên truyền văn kiện Đại hội {place}",
    "Hiến máu tình nguyện {place}",
    "Mô hình dân vận khéo {place}",
]
NOTES = [
    "Đã khảo sát, lập dự toán.",
    "Vận động được kinh phí xã hội hóa.",
    "Đang thi công, đạt khoảng một nửa khối lượng.",
    "Tổ chức ra quân với sự tham gia của đoàn viên, hội viên.",
]


def load_works(
    session: Session,
    *,
    caller_for: Callable[[Unit], Caller],
    units: dict[str, Unit],
    rng: random.Random,
) -> int:
    """Register the demo's works; returns how many."""
    today = today_vn()
    boards = [u for u in units.values() if u.level in (UnitLevel.province, UnitLevel.district)]
    communes = [u for u in units.values() if u.level == UnitLevel.commune]
    boards += rng.sample(communes, min(20, len(communes)))
    organizations = list(Organization)
    for n in range(COUNT):
        unit = boards[n % len(boards)] if n < len(boards) else rng.choice(boards)
        caller = caller_for(unit)
        kind = WorkKind.project if rng.random() < 0.55 else WorkKind.task
        title = rng.choice(PROJECTS if kind == WorkKind.project else TASKS)
        registered = today - timedelta(days=rng.randint(30, 240))
        due = registered + timedelta(days=rng.randint(45, 300))
        value = rng.randint(5, 900) * 1_000_000 if kind == WorkKind.project else None
        assert unit.id is not None
        work = create_work(
            session,
            caller=caller,
            item=WorkCreate(
                unit_id=unit.id,
                organization=rng.choice(organizations),
                kind=kind,
                title=title.format(place=unit.name),
                value_vnd=value,
                registered_on=registered,
                due_on=due,
            ),
        ).work
        status = rng.choices(list(WorkStatus), weights=[3, 4, 3, 1])[0]
        if status == WorkStatus.registered:
            continue
        if status != WorkStatus.dropped:
            noted = min(today, registered + timedelta(days=rng.randint(5, 60)))
            note = NoteCreate(noted_on=noted, text=rng.choice(NOTES))
            add_note(session, caller=caller, work_id=work.id, note=note)
        completed = min(today, registered + timedelta(days=rng.randint(20, 200)))
        update_work(
            session,
            caller=caller,
            work_id=work.id,
            data=WorkUpdate(
                status=status,
                completed_on=completed if status == WorkStatus.done else None,
            ),
        )
    return COUNT
