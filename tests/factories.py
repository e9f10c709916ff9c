"""Builders for test data, straight through the services (no HTTP, no password hashing per user)."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlmodel import Session

from ykien.accounts.models import Role, User
from ykien.accounts.service import issue_token
from ykien.core.audit import SYSTEM
from ykien.core.config import Settings
from ykien.core.db import session_scope
from ykien.core.security import hash_password
from ykien.units.models import UnitLevel
from ykien.units.schemas import UnitCreate
from ykien.units.scope import EVERYTHING
from ykien.units.service import create_unit

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from tests.conftest import World

PASSWORD = "correct horse battery"

# name → (level, parent)
TREE: list[tuple[str, UnitLevel, str | None]] = [
    ("P", UnitLevel.province, None),
    ("D1", UnitLevel.district, "P"),
    ("D2", UnitLevel.district, "P"),
    ("C1", UnitLevel.commune, "D1"),
    ("C2", UnitLevel.commune, "D2"),
    ("A1", UnitLevel.residential_area, "C1"),
    ("A2", UnitLevel.residential_area, "C1"),
    ("A3", UnitLevel.residential_area, "C2"),
]
NAMES = {
    "P": "Tỉnh Kiên Giang",
    "D1": "Thành phố Rạch Giá",
    "D2": "Huyện Châu Thành",
    "C1": "Phường Vĩnh Thanh Vân",
    "C2": "Xã Minh Hòa",
    "A1": "Khu phố 1",
    "A2": "Khu phố 2",
    "A3": "Ấp Minh Phong",
}
# account → (role, unit name or None for a superuser)
ACCOUNTS: list[tuple[str, Role, str | None]] = [
    ("root", Role.admin, None),
    ("admin_p", Role.admin, "P"),
    ("secretary_p", Role.secretary, "P"),
    ("viewer_p", Role.viewer, "P"),
    ("admin_d1", Role.admin, "D1"),
    ("secretary_c1", Role.secretary, "C1"),
    ("entry_a1", Role.entry, "A1"),
    ("entry_a2", Role.entry, "A2"),
    ("entry_a3", Role.entry, "A3"),
    ("admin_d2", Role.admin, "D2"),
]


@lru_cache
def password_hash() -> str:
    return hash_password(PASSWORD)


def build_world(engine: Engine, settings: Settings, world: "World") -> "World":
    with session_scope(engine) as session:
        for name, level, parent in TREE:
            unit = create_unit(
                session,
                scope=EVERYTHING,
                actor=SYSTEM,
                data=UnitCreate(
                    code=name,
                    name=NAMES[name],
                    level=level,
                    parent_id=world.units[parent] if parent else None,
                ),
            )
            assert unit.id is not None
            world.units[name] = unit.id
        add_accounts(session, settings, world, ACCOUNTS)
    return world


def add_accounts(
    session: Session,
    settings: Settings,
    world: "World",
    accounts: list[tuple[str, Role, str | None]],
) -> None:
    """Users (role, unit name or None for a superuser), each with a session token in ``world``."""
    for username, role, unit_name in accounts:
        user = User(
            username=username,
            full_name=f"Người dùng {username}",
            password_hash=password_hash(),
            unit_id=world.units[unit_name] if unit_name else None,
            role=role.value,
        )
        session.add(user)
        session.flush()
        assert user.id is not None
        world.users[username] = user.id
        world.tokens[username], _ = issue_token(session, settings=settings, user=user)


@dataclass
class Campaign:
    consultation_id: int
    document_id: int
    other_document_id: int
    sections: dict[str, int]  # number → id, of the first document
    other_section_id: int  # a section of the second document
    meeting_id: int  # held in A1
    opens_on: date

    def comment(self, world: "World", unit: str = "A1", **extra: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "document_id": self.document_id,
            "section_id": self.sections["I.1"],
            "unit_id": world.units[unit],
            "channel": "meeting",
            "category": "citizen",
            "stance": "add",
            "content": "Đề nghị bổ sung giải pháp chỉnh đốn Đảng.",
            "collected_on": date.today().isoformat(),
        }
        body.update(extra)
        return body


DOCUMENT = {
    "code": "BCCT-XI",
    "title": "Dự thảo Báo cáo chính trị Đại hội Đảng bộ tỉnh lần thứ XI",
    "sections": [
        {
            "number": "I",
            "heading": "Kết quả thực hiện Nghị quyết nhiệm kỳ 2015 - 2020",
            "children": [
                {"number": "I.1", "heading": "Về phát triển kinh tế", "text": "Tăng trưởng khá."},
                {"number": "I.2", "heading": "Về văn hóa - xã hội"},
            ],
        },
        {"number": "II", "heading": "Phương hướng, mục tiêu nhiệm kỳ 2020 - 2025"},
    ],
}


def build_campaign(client: "TestClient", world: "World") -> Campaign:
    opens = date.today() - timedelta(days=60)
    resp = client.post(
        "/api/v1/consultations",
        headers=world.auth("admin_p"),
        json={
            "title": "Lấy ý kiến dự thảo văn kiện Đại hội",
            "unit_id": world.units["P"],
            "opens_on": opens.isoformat(),
            "closes_on": (date.today() + timedelta(days=30)).isoformat(),
            "deadlines": {
                "residential_area": (date.today() + timedelta(days=5)).isoformat(),
                "commune": (date.today() + timedelta(days=10)).isoformat(),
            },
        },
    )
    assert resp.status_code == 201, resp.text
    consultation_id = resp.json()["id"]
    doc = client.post(
        "/api/v1/documents",
        headers=world.auth("admin_p"),
        json={"consultation_id": consultation_id, **DOCUMENT},
    )
    assert doc.status_code == 201, doc.text
    sections: dict[str, int] = {}
    stack = list(doc.json()["sections"])
    while stack:
        node = stack.pop()
        sections[node["number"]] = node["id"]
        stack += node["children"]
    other = client.post(
        "/api/v1/documents",
        headers=world.auth("admin_p"),
        json={
            "consultation_id": consultation_id,
            "code": "DIEU-LE",
            "title": "Dự thảo Báo cáo xây dựng Đảng",
            "sections": [{"number": "1", "heading": "Công tác chính trị, tư tưởng"}],
        },
    )
    assert other.status_code == 201, other.text
    meeting = client.post(
        "/api/v1/meetings",
        headers=world.auth("entry_a1"),
        json={
            "unit_id": world.units["A1"],
            "consultation_id": consultation_id,
            "held_on": (date.today() - timedelta(days=1)).isoformat(),
            "kind": "residential_area_meeting",
            "title": "Hội nghị khu dân cư",
            "participants": 45,
        },
    )
    assert meeting.status_code == 201, meeting.text
    return Campaign(
        consultation_id,
        doc.json()["id"],
        other.json()["id"],
        sections,
        other.json()["sections"][0]["id"],
        meeting.json()["id"],
        opens,
    )
