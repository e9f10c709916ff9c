"""Demo periodic reports: last month's chain in Thành phố Rạch Giá (code 899), the issue's "done
when" story already played once.

Phường Vĩnh Thanh Vân (the demo secretary's commune) drafted its report of last month with the
figures filled in, wrote its sections and submitted it; the city returned it once (the section on
supervision was thin), the commune completed it and submitted version 2, and the city accepted it.
A few other communes of the city submitted theirs (one late, one still a draft), and the city's
own report of last month waits as a draft, its children's status beside it. The province states
its deadline rules (the plan's: communes by the 20th, districts by the 22nd). Everything goes
through the periodic service, so it is audited like any user's work; this month is left for the
walk-through and the browser test.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session

from ykien.accounts.caller import Caller
from ykien.core.clock import VN_TZ, today_vn
from ykien.core.db import utcnow
from ykien.core.periods import PeriodKind, month_of
from ykien.periodic import rules, service
from ykien.periodic.schemas import DeadlineSet, ReportCreate, SectionsUpdate
from ykien.units.models import Unit, UnitLevel

DISTRICT = "899"  # Thành phố Rạch Giá
HANDS_ON = "30742"  # Phường Vĩnh Thanh Vân
PROVINCE = "91"
OTHERS = 3  # other communes of the city that file last month's report

FIRST = SectionsUpdate(
    I="Tổ chức tuyên truyền trên hệ thống loa truyền thanh của phường và tại các buổi sinh hoạt "
    "khu phố về Đại hội Đảng bộ các cấp.",
    II="Các khu phố tổ chức hội nghị lấy ý kiến góp ý dự thảo văn kiện; ý kiến được tổng hợp và "
    "gửi Ban Thường trực Ủy ban MTTQ Việt Nam thành phố đúng thời gian.",
    IV="Đoàn viên, hội viên ra quân vệ sinh môi trường, dặm vá hẻm khu phố 2.",
)
COMPLETED = SectionsUpdate(
    III="Phối hợp giám sát việc niêm yết danh sách nhân sự tại 5 khu phố; không phát sinh đơn "
    "thư khiếu nại, tố cáo liên quan đến nhân sự.",
    V="Chuẩn bị tuyên truyền, phổ biến Nghị quyết Đại hội sau khi được ban hành.",
)


def _at(base: datetime, hours: float) -> datetime:
    return base + timedelta(hours=hours)


def load_periodic(
    session: Session,
    *,
    caller_for: Callable[[Unit], Caller],
    admin_for: Callable[[Unit], Caller],
    units: dict[str, Unit],
) -> None:
    now = utcnow()
    last = month_of(today_vn(now)).previous()
    province, city = units[PROVINCE], units[DISTRICT]
    assert province.id is not None and city.id is not None
    # Dated a few days after the month's end (or, early in a month, hours before now).
    day = last.end + timedelta(days=5)
    start = min(datetime(day.year, day.month, day.day, 8, tzinfo=VN_TZ), now - timedelta(hours=30))
    for level in (UnitLevel.commune, UnitLevel.district):
        rules.set_rule(
            session,
            caller=admin_for(province),
            data=DeadlineSet(
                unit_id=province.id,
                period_kind=PeriodKind.month,
                level=level,
                days=20 if level == UnitLevel.commune else 22,
            ),
            now=start,
        )

    commune = units[HANDS_ON]
    assert commune.id is not None
    board, above = caller_for(commune), caller_for(city)
    report, _ = service.create_report(
        session, caller=board, data=ReportCreate(unit_id=commune.id, period=last.key), now=start
    )
    steps: list[Callable[[datetime], object]] = [
        lambda at: service.update_sections(
            session, caller=board, report_id=report.id, data=FIRST, if_match=None, now=at
        ),
        lambda at: service.submit(
            session, caller=board, report_id=report.id, if_match=None, now=at
        ),
        lambda at: service.return_(
            session,
            caller=above,
            report_id=report.id,
            reason="Đề nghị bổ sung kết quả tham gia giám sát nhân sự (mục III) và công tác sau "
            "đại hội (mục V).",
            now=at,
        ),
        lambda at: service.update_sections(
            session, caller=board, report_id=report.id, data=COMPLETED, if_match=None, now=at
        ),
        lambda at: service.submit(
            session, caller=board, report_id=report.id, if_match=None, now=at
        ),
        lambda at: service.accept(session, caller=above, report_id=report.id, now=at),
    ]
    for n, step in enumerate(steps, start=1):
        step(_at(start, n))

    others = sorted(
        (
            u
            for u in units.values()
            if u.parent_id == city.id and u.level == UnitLevel.commune.value and u.id != commune.id
        ),
        key=lambda u: u.code,
    )[:OTHERS]
    for n, other in enumerate(others):
        assert other.id is not None
        who = caller_for(other)
        made, _ = service.create_report(
            session, caller=who, data=ReportCreate(unit_id=other.id, period=last.key), now=start
        )
        if n < OTHERS - 1:  # the last one stays a draft
            late = timedelta(days=20) if n == 1 else timedelta(0)  # the second one is late
            at = min(_at(start, 2 + n) + late, now - timedelta(minutes=5))
            service.submit(session, caller=who, report_id=made.id, if_match=None, now=at)
    service.create_report(
        session, caller=above, data=ReportCreate(unit_id=city.id, period=last.key), now=start
    )
