"""Builders for test data, straight through the services (no HTTP, no password hashing per user)."""

from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import Engine

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
        for username, role, unit_name in ACCOUNTS:
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
    return world
