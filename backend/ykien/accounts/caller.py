"""``Caller``: who is asking, with which role, over which subtree. Every service takes one."""

from dataclasses import dataclass
from typing import Literal

from ykien.accounts.models import Role
from ykien.core.audit import Actor
from ykien.core.errors import Forbidden
from ykien.units.scope import Scope

WRITERS = frozenset({Role.admin, Role.secretary, Role.entry})
COMPILERS = frozenset({Role.admin, Role.secretary})


@dataclass(frozen=True)
class Caller:
    kind: Literal["user", "api_key"]
    id: int
    name: str
    full_name: str
    role: Role
    unit_id: int | None
    scope: Scope

    @property
    def is_superuser(self) -> bool:
        return self.kind == "user" and self.role == Role.admin and self.unit_id is None

    @property
    def user_id(self) -> int | None:
        """The user's id, or None for an API key (columns such as ``created_by`` name users)."""
        return self.id if self.kind == "user" else None

    @property
    def actor(self) -> Actor:
        return Actor(self.kind, self.id, self.name, self.unit_id)

    def require(self, roles: frozenset[Role], action: str) -> None:
        if self.kind != "user" or self.role not in roles:
            raise Forbidden(f"Your role ({self.role.value}) may not {action}.")

    def require_writer(self) -> None:
        self.require(WRITERS, "enter or change data")

    def require_admin(self) -> None:
        self.require(frozenset({Role.admin}), "administer units, users or keys")

    def require_compiler(self) -> None:
        self.require(COMPILERS, "compile or judge syntheses")
