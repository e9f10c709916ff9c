# ruff: noqa: E501 - the matrix reads as a table, one route a line
"""The authorisation matrix: every route of the API × every role, on its own subtree and on a
sibling's. A route without a row fails ``test_every_route_has_a_row``.

Each role is played by an account of the D1 branch; its own target is an object of its unit (or
the unit itself), its sibling target the same object in the mirrored unit of the D2 branch:

    admin      admin_d1      D1 ↔ D2
    secretary  secretary_c1  C1 ↔ C2
    entry      entry_a1      A1 ↔ A3
    viewer     viewer_c1     C1 ↔ C2
    api_key    a key on C1   C1 ↔ C2
    superuser  root          C1 ↔ C2 (no sibling: everything is its own)

A row lists, per role, the status on its own target / on the sibling's. The sibling's objects
are answered 404 (an id out of scope: not revealing that it exists) or 422 (a unit named in a
body), never 2xx but for the superuser and the routes that concern no unit. Every target is made
afresh for each call, by setup accounts (``sec_<unit>``, root), so calls do not interfere.
"""

import io
import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import World
from tests.factories import PASSWORD, Campaign, add_accounts
from ykien.accounts.models import Role
from ykien.core.config import Settings
from ykien.core.db import session_scope
from ykien.main import create_app
from ykien.works.form import HEADER_ROW, SHEET

ROLES = ["admin", "secretary", "entry", "viewer", "api_key", "superuser"]
ACCOUNT = {
    "admin": "admin_d1",
    "secretary": "secretary_c1",
    "entry": "entry_a1",
    "viewer": "viewer_c1",
    "api_key": "api_key",
    "superuser": "root",
}
OWN = {"admin": "D1", "secretary": "C1", "entry": "A1", "viewer": "C1", "api_key": "C1"}
SIBLING = {"D1": "D2", "C1": "C2", "A1": "A3"}
CHILD = {"D1": "C1", "D2": "C2", "C1": "A1", "C2": "A3", "A1": "A1", "A3": "A3"}
LOWER = {"D1": "commune", "D2": "commune", "C1": "residential_area", "C2": "residential_area"}
EXTRA = [
    ("viewer_c1", Role.viewer, "C1"),
    *((f"sec_{u.lower()}", Role.secretary, u) for u in ("D1", "D2", "C2", "A1", "A3")),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXPECTED: dict[str, str] = {
    # role:                                            admin    secretary entry   viewer   api_key  superuser
    "GET /api/v1/api-keys": "200/200  403/403  403/403  403/403  403/403  200/200",
    "POST /api/v1/api-keys": "201/422  403/403  403/403  403/403  403/403  201/201",
    "DELETE /api/v1/api-keys/{key_id}": "204/404  403/403  403/403  403/403  403/403  204/204",
    "GET /api/v1/audit-events": "200/404  403/403  403/403  403/403  403/403  200/200",
    "DELETE /api/v1/auth/session": "204/204  204/204  204/204  204/204  204/204  204/204",
    "POST /api/v1/auth/session": "401/401  401/401  401/401  401/401  401/401  401/401",
    "DELETE /api/v1/auth/token": "204/401  204/401  204/401  204/401  204/204  204/401",
    "POST /api/v1/auth/token": "401/401  401/401  401/401  401/401  401/401  401/401",
    "GET /api/v1/comments": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/comments": "201/422  201/422  201/422  403/403  403/403  201/201",
    "POST /api/v1/comments/batch": "201/422  201/422  201/422  403/403  403/403  201/201",
    "GET /api/v1/comments/changes": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/comments/deleted": "200/200  200/200  200/200  200/200  200/200  200/200",
    "GET /api/v1/comments/export": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/comments/import": "422/422  422/422  422/422  403/403  403/403  422/422",
    "GET /api/v1/comments/import-template.xlsx": "200/422  200/422  200/422  200/422  200/422  200/200",
    "DELETE /api/v1/comments/{comment_id}": "204/404  204/404  204/404  403/403  403/403  204/204",
    "GET /api/v1/comments/{comment_id}": "200/404  200/404  200/404  200/404  200/404  200/200",
    "PATCH /api/v1/comments/{comment_id}": "200/404  200/404  200/404  403/403  403/403  200/200",
    "GET /api/v1/comments/{comment_id}/carried": "200/404  200/404  200/404  200/404  200/404  200/200",
    "DELETE /api/v1/comments/{comment_id}/contributor": "204/404  204/404  403/403  403/403  403/403  403/403",
    "GET /api/v1/comments/{comment_id}/history": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/consultations": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/consultations": "201/422  403/403  403/403  403/403  403/403  201/201",
    "GET /api/v1/consultations/{consultation_id}": "200/404  200/404  200/404  200/404  200/404  200/200",
    "PATCH /api/v1/consultations/{consultation_id}": "200/404  403/403  403/403  403/403  403/403  200/200",
    "POST /api/v1/consultations/{consultation_id}/close": "200/404  403/403  403/403  403/403  403/403  200/200",
    "POST /api/v1/consultations/{consultation_id}/reopen": "200/404  403/403  403/403  403/403  403/403  200/200",
    "POST /api/v1/consultations/{consultation_id}/next-period": "201/404  403/403  403/403  403/403  403/403  201/201",
    "GET /api/v1/consultations/sentiment-topics": "200/200  200/200  200/200  200/200  200/200  200/200",
    "GET /api/v1/documents": "200/200  200/200  200/200  200/200  200/200  200/200",
    "POST /api/v1/documents": "201/404  403/403  403/403  403/403  403/403  201/201",
    "GET /api/v1/documents/{document_id}": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/me": "200/200  200/200  200/200  200/200  200/200  200/200",
    "GET /api/v1/meetings": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/meetings": "201/422  201/422  201/422  403/403  403/403  201/201",
    "GET /api/v1/meetings/{meeting_id}": "200/404  200/404  200/404  200/404  200/404  200/200",
    # periodic reports (an area's entry user: areas file none, its targets are its commune's;
    # the superuser's C1 sets no deadline: no reporting level lies below a commune)
    "GET /api/v1/periodic-deadlines/{unit_id}": "200/404  200/404  200/404  200/404  200/404  200/200",
    "PUT /api/v1/periodic-deadlines": "200/422  403/403  403/403  403/403  403/403  422/422",
    "GET /api/v1/periodic-reports": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/periodic-reports": "201/422  201/422  403/403  403/403  403/403  201/201",
    "GET /api/v1/periodic-reports/{report_id}": "200/404  200/404  404/404  200/404  200/404  200/200",
    "PATCH /api/v1/periodic-reports/{report_id}": "200/404  200/404  403/403  403/403  403/403  200/200",
    "POST /api/v1/periodic-reports/{report_id}/accept": "200/404  403/404  403/403  403/403  403/403  200/200",
    "GET /api/v1/periodic-reports/{report_id}/report.docx": "200/404  200/404  404/404  200/404  200/404  200/200",
    "POST /api/v1/periodic-reports/{report_id}/return": "200/404  403/404  403/403  403/403  403/403  200/200",
    "POST /api/v1/periodic-reports/{report_id}/submit": "200/404  200/404  403/403  403/403  403/403  200/200",
    "GET /api/v1/syntheses": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/syntheses": "201/422  201/422  201/422  403/403  403/403  201/201",
    "GET /api/v1/syntheses/{synthesis_id}": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/syntheses/{synthesis_id}/accept": "200/404  200/404  403/403  403/403  403/403  200/200",
    "GET /api/v1/syntheses/{synthesis_id}/checks": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/syntheses/{synthesis_id}/items": "201/404  201/404  201/404  403/403  403/403  201/201",
    "DELETE /api/v1/syntheses/{synthesis_id}/items/{item_id}": "204/404  204/404  204/404  403/403  403/403  204/204",
    "PATCH /api/v1/syntheses/{synthesis_id}/items/{item_id}": "200/404  200/404  200/404  403/403  403/403  200/200",
    "PUT /api/v1/syntheses/{synthesis_id}/items/{item_id}/feedback": "200/404  200/404  403/403  403/403  403/403  200/200",
    "GET /api/v1/syntheses/{synthesis_id}/report.docx": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/syntheses/{synthesis_id}/return": "200/404  200/404  403/403  403/403  403/403  200/200",
    "POST /api/v1/syntheses/{synthesis_id}/submit": "200/404  200/404  200/404  403/403  403/403  200/200",
    "GET /api/v1/syntheses/{synthesis_id}/suggestions": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/syntheses/{synthesis_id}/uncovered": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/units": "200/200  200/200  200/200  200/200  200/200  200/200",
    "POST /api/v1/units": "201/422  403/403  403/403  403/403  403/403  201/201",
    "POST /api/v1/units/import": "201/422  403/403  403/403  403/403  403/403  201/201",
    "GET /api/v1/units/{unit_id}": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/units/{unit_id}/lineage": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/units/merge": "201/422  403/403  403/403  403/403  403/403  201/201",
    "GET /api/v1/units/{unit_id}/incoming": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/units/{unit_id}/progress": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/units/{unit_id}/stats.{file_format}": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/units/{unit_id}/stats": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/units/{unit_id}/submissions": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/users": "200/200  403/403  403/403  403/403  403/403  200/200",
    "POST /api/v1/users": "201/422  403/403  403/403  403/403  403/403  201/201",
    "POST /api/v1/users/import": "201/422  403/403  403/403  403/403  403/403  201/201",
    "GET /api/v1/users/{user_id}": "200/404  403/403  403/403  403/403  403/403  200/200",
    "PATCH /api/v1/users/{user_id}": "200/404  403/403  403/403  403/403  403/403  200/200",
    # works (issue #17)
    "GET /api/v1/works": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/works": "201/422  201/422  201/422  403/403  403/403  201/201",
    "GET /api/v1/works/export": "200/404  200/404  200/404  200/404  200/404  200/200",
    "POST /api/v1/works/import": "201/422  201/422  201/422  403/403  403/403  201/201",
    "GET /api/v1/works/import-template.xlsx": "200/422  200/422  200/422  200/422  200/422  200/200",
    "GET /api/v1/works/summary": "200/404  200/404  200/404  200/404  200/404  200/200",
    "GET /api/v1/works/{work_id}": "200/404  200/404  200/404  200/404  200/404  200/200",
    "PATCH /api/v1/works/{work_id}": "200/404  200/404  200/404  403/403  403/403  200/200",
    "POST /api/v1/works/{work_id}/notes": "201/404  201/404  201/404  403/403  403/403  201/201",
}


def _operations() -> list[str]:
    app = create_app(Settings(database_url="sqlite://", frontend_dist=Path("/nonexistent")))
    spec = app.openapi()
    return sorted(f"{m.upper()} {p}" for p, ops in spec["paths"].items() for m in ops)


OPERATIONS = _operations()
_counter = itertools.count(1)


def _n() -> int:
    return next(_counter)


_months = itertools.count(0)
# Residential areas file no periodic report: their targets are their communes'.
REPORTER = {"A1": "C1", "A3": "C2"}


def _period() -> str:
    """A month of its own for each periodic report (all begun: 2001 onwards)."""
    n = next(_months)
    return f"{2001 + n // 12}-{n % 12 + 1:02d}"


@dataclass
class Ctx:
    client: TestClient
    world: World
    campaign: Campaign
    key: str = ""
    made: dict[str, Any] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        if who == "api_key":
            return {"Authorization": f"Bearer {self.key}"}
        return self.world.auth(who)

    def setup(self, method: str, path: str, who: str = "root", **kwargs: Any) -> Any:
        resp = self.client.request(method, f"/api/v1{path}", headers=self.auth(who), **kwargs)
        assert resp.status_code < 300, (method, path, resp.text)
        return resp.json() if resp.content else None

    def unit(self, name: str) -> int:
        return self.world.units[name]

    def compiler(self, unit: str) -> str:
        return "secretary_c1" if unit == "C1" else f"sec_{unit.lower()}"

    # --- targets, made afresh ---------------------------------------------------------------

    def consultation(self, unit: str, deadlines: bool = False) -> int:
        body = {
            "title": f"Lấy ý kiến {_n()}",
            "unit_id": self.unit(unit),
            "opens_on": (date.today() - timedelta(days=10)).isoformat(),
            "closes_on": (date.today() + timedelta(days=30)).isoformat(),
            "deadlines": {
                level: (date.today() + timedelta(days=10)).isoformat()
                for level in (("district", "commune", "residential_area") if deadlines else ())
            },
        }
        return int(self.setup("POST", "/consultations", json=body)["id"])

    def sentiment(self, unit: str) -> int:
        """A sentiment consultation of ``unit``, for a month no other target uses (every other
        month, so that its next month is free too)."""
        index = 2 * _n() % 1200  # an even month of 2000–2099: its next is in range too
        period = f"{2000 + index // 12}-{index % 12 + 1:02d}"
        body = {
            "title": f"Tình hình nhân dân {_n()}",
            "unit_id": self.unit(unit),
            "opens_on": f"{period}-01",
            "closes_on": f"{period}-28",
            "kind": "sentiment",
            "period": period,
        }
        return int(self.setup("POST", "/consultations", json=body)["id"])

    def document(self, unit: str, consultation: int | None = None) -> int:
        body = {
            "consultation_id": consultation or self.consultation(unit),
            "code": f"DOC-{_n()}",
            "title": "Dự thảo",
            "sections": [{"number": "1", "heading": "Phần một"}],
        }
        return int(self.setup("POST", "/documents", json=body)["id"])

    def meeting(self, unit: str) -> int:
        return int(self.setup("POST", "/meetings", json=self.meeting_body(unit))["id"])

    def merge_body(self, unit: str) -> dict[str, Any]:
        """Two fresh units below ``unit`` (beside it for a residential area) merged into one."""
        parent = {"A1": "C1", "A3": "C2"}.get(unit, unit)
        level = LOWER.get(parent, "residential_area")
        fresh = [
            self.setup(
                "POST",
                "/units",
                json={
                    "code": f"M{_n()}",
                    "name": "Đơn vị cũ",
                    "level": level,
                    "parent_id": self.unit(parent),
                },
            )["id"]
            for _ in range(2)
        ]
        return {
            "id": str(uuid.uuid4()),
            "from_unit_ids": fresh,
            "new_unit": {
                "code": f"G{_n()}",
                "name": "Đơn vị mới",
                "level": level,
                "parent_id": self.unit(parent),
            },
            "effective_on": date.today().isoformat(),
        }

    def meeting_body(self, unit: str) -> dict[str, Any]:
        return {
            "unit_id": self.unit(unit),
            "consultation_id": self.campaign.consultation_id,
            "held_on": (date.today() - timedelta(days=1)).isoformat(),
            "kind": "residential_area_meeting",
            "title": f"Hội nghị {_n()}",
            "participants": 10,
        }

    def comment_body(self, unit: str, **extra: Any) -> dict[str, Any]:
        return self.campaign.comment(self.world, unit=unit, content=f"Góp ý số {_n()}", **extra)

    def comment(self, unit: str, **extra: Any) -> str:
        """A comment entered at ``unit`` (by the superuser: its personal data belongs to no
        unit's users but the ones that enter it; see ``entered``)."""
        return str(self.setup("POST", "/comments", json=self.comment_body(unit, **extra))["id"])

    def closed_consultation(self, unit: str) -> int:
        consultation = self.consultation(unit)
        self.setup("POST", f"/consultations/{consultation}/close")
        return consultation

    def user(self, unit: str) -> int:
        body = {
            "username": f"user{_n()}",
            "password": PASSWORD,
            "full_name": "Người dùng",
            "unit_id": self.unit(unit),
            "role": "entry",
        }
        return int(self.setup("POST", "/users", json=body)["id"])

    def api_key(self, unit: str) -> int:
        body = {"name": f"Khóa {_n()}", "unit_id": self.unit(unit)}
        return int(self.setup("POST", "/api-keys", json=body)["id"])

    def round(self) -> tuple[int, int]:
        """A consultation of the province with a deadline for every level, and its document:
        each synthesis target in a round of its own (one open version per unit and round)."""
        consultation = self.consultation("P", deadlines=True)
        return consultation, self.document("P", consultation)

    def synthesis(self, unit: str) -> str:
        """A new draft of ``unit``."""
        consultation, document = self.round()
        body = {"unit_id": self.unit(unit), "consultation_id": consultation}
        synthesis = str(self.setup("POST", "/syntheses", self.compiler(unit), json=body)["id"])
        self.made[synthesis] = document
        return synthesis

    def item_body(self, synthesis: str) -> dict[str, Any]:
        return {
            "document_id": self.made[synthesis],
            "stance": "add",
            "summary": f"Ý kiến tổng hợp {_n()}",
            "comment_ids": [],
            "child_item_ids": [],
        }

    def item(self, unit: str) -> tuple[str, str]:
        synthesis = self.synthesis(unit)
        path = f"/syntheses/{synthesis}/items"
        item = self.setup("POST", path, self.compiler(unit), json=self.item_body(synthesis))
        return synthesis, str(item["id"])

    def submitted(self, unit: str) -> tuple[str, str]:
        """A submitted synthesis of ``unit``, with one item."""
        synthesis, item = self.item(unit)
        self.setup("POST", f"/syntheses/{synthesis}/submit", self.compiler(unit))
        return synthesis, item

    def periodic(self, unit: str) -> str:
        """A new draft periodic report of ``unit`` (an area's: its commune's), for a period of
        its own (one report per unit and period)."""
        reporter = REPORTER.get(unit, unit)
        body = {"unit_id": self.unit(reporter), "period": _period()}
        return str(
            self.setup("POST", "/periodic-reports", self.compiler(reporter), json=body)["id"]
        )

    def periodic_submitted(self, unit: str) -> str:
        report = self.periodic(unit)
        self.setup(
            "POST", f"/periodic-reports/{report}/submit", self.compiler(REPORTER.get(unit, unit))
        )
        return report

    def form(self, unit: str) -> bytes:
        resp = self.client.get(
            "/api/v1/comments/import-template.xlsx",
            headers=self.auth("root"),
            params={"consultation_id": self.campaign.consultation_id, "unit_id": self.unit(unit)},
        )
        assert resp.status_code == 200, resp.text
        return resp.content

    # --- works (issue #17) ----------------------------------------------------------------------

    def work_body(self, unit: str) -> dict[str, Any]:
        return {
            "unit_id": self.unit(unit),
            "kind": "project",
            "title": f"Công trình {_n()}",
            "registered_on": (date.today() - timedelta(days=5)).isoformat(),
            "due_on": (date.today() + timedelta(days=30)).isoformat(),
        }

    def work(self, unit: str) -> str:
        return str(self.setup("POST", "/works", json=self.work_body(unit))["id"])

    def works_form(self, unit: str) -> bytes:
        """A works form of ``unit`` with one filled row (a fresh form each time)."""
        resp = self.client.get(
            "/api/v1/works/import-template.xlsx",
            headers=self.auth("root"),
            params={"unit_id": self.unit(unit)},
        )
        assert resp.status_code == 200, resp.text
        book = openpyxl.load_workbook(io.BytesIO(resp.content))
        day = date.today().strftime("%d/%m/%Y")
        for c, value in enumerate(
            ["Mặt trận", "Phần việc", f"Phần việc {_n()}", None, None, day, day], 1
        ):
            book[SHEET].cell(HEADER_ROW + 1, c, value)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


Request = tuple[str, dict[str, Any]]  # path under /api/v1, keyword arguments of the request
Build = Callable[[Ctx, str], Request]

C = "consultation_id"


def _q(**params: Any) -> dict[str, Any]:
    return {"params": params}


BUILD: dict[str, Build] = {
    # accounts
    "POST /api/v1/auth/token": lambda c, u: (
        "/auth/token",
        {"data": {"username": f"nobody{_n()}", "password": "wrong password"}},
    ),
    "DELETE /api/v1/auth/token": lambda c, u: ("/auth/token", {}),
    "POST /api/v1/auth/session": lambda c, u: (
        "/auth/session",
        {"json": {"username": f"nobody{_n()}", "password": "wrong password"}},
    ),
    "DELETE /api/v1/auth/session": lambda c, u: ("/auth/session", {}),
    "GET /api/v1/me": lambda c, u: ("/me", {}),
    "POST /api/v1/users": lambda c, u: (
        "/users",
        {
            "json": {
                "username": f"new{_n()}",
                "password": PASSWORD,
                "full_name": "Người mới",
                "unit_id": c.unit(u),
                "role": "viewer",
            }
        },
    ),
    "POST /api/v1/users/import": lambda c, u: (
        "/users/import",
        {
            "content": f"username,full_name,role,unit_code,password\nimp{_n()},Người mới,"
            f"viewer,{u},{PASSWORD}\n".encode(),
            "headers": {"content-type": "text/csv"},
        },
    ),
    "GET /api/v1/users": lambda c, u: ("/users", _q(unit_id=c.unit(u))),
    "GET /api/v1/users/{user_id}": lambda c, u: (f"/users/{c.user(u)}", {}),
    "PATCH /api/v1/users/{user_id}": lambda c, u: (
        f"/users/{c.user(u)}",
        {"json": {"full_name": "Tên mới"}},
    ),
    "GET /api/v1/api-keys": lambda c, u: ("/api-keys", {}),
    "POST /api/v1/api-keys": lambda c, u: (
        "/api-keys",
        {"json": {"name": "Khóa", "unit_id": c.unit(u)}},
    ),
    "DELETE /api/v1/api-keys/{key_id}": lambda c, u: (f"/api-keys/{c.api_key(u)}", {}),
    "GET /api/v1/audit-events": lambda c, u: ("/audit-events", _q(unit_id=c.unit(u))),
    # units
    "POST /api/v1/units": lambda c, u: (
        "/units",
        {
            "json": {
                "code": f"N{_n()}",
                "name": "Đơn vị mới",
                "level": LOWER.get(u, "residential_area"),
                "parent_id": c.unit(u),
            }
        },
    ),
    "GET /api/v1/units": lambda c, u: ("/units", _q(parent_id=c.unit(u))),
    "GET /api/v1/units/{unit_id}": lambda c, u: (f"/units/{c.unit(u)}", {}),
    "GET /api/v1/units/{unit_id}/lineage": lambda c, u: (f"/units/{c.unit(u)}/lineage", {}),
    "POST /api/v1/units/merge": lambda c, u: ("/units/merge", {"json": c.merge_body(u)}),
    "POST /api/v1/units/import": lambda c, u: (
        "/units/import",
        {
            "content": f"code,name,level,parent_code\nI{_n()},Khu mới,"
            f"{LOWER.get(u, 'residential_area')},{u}\n".encode(),
            "headers": {"content-type": "text/csv"},
        },
    ),
    "GET /api/v1/units/{unit_id}/stats": lambda c, u: (f"/units/{c.unit(u)}/stats", {}),
    "GET /api/v1/units/{unit_id}/stats.{file_format}": lambda c, u: (
        f"/units/{c.unit(u)}/stats.csv",
        _q(group_by="stance"),
    ),
    "GET /api/v1/units/{unit_id}/submissions": lambda c, u: (
        f"/units/{c.unit(u)}/submissions",
        _q(**{C: c.campaign.consultation_id}),
    ),
    "GET /api/v1/units/{unit_id}/incoming": lambda c, u: (
        f"/units/{c.unit(u)}/incoming",
        _q(**{C: c.campaign.consultation_id}),
    ),
    "GET /api/v1/units/{unit_id}/progress": lambda c, u: (
        f"/units/{c.unit(u)}/progress",
        _q(**{C: c.campaign.consultation_id}),
    ),
    # consultations and documents
    "POST /api/v1/consultations": lambda c, u: (
        "/consultations",
        {
            "json": {
                "title": "Lấy ý kiến",
                "unit_id": c.unit(u),
                "opens_on": date.today().isoformat(),
                "closes_on": (date.today() + timedelta(days=30)).isoformat(),
                "deadlines": {},
            }
        },
    ),
    "GET /api/v1/consultations": lambda c, u: ("/consultations", _q(unit_id=c.unit(u))),
    "GET /api/v1/consultations/{consultation_id}": lambda c, u: (
        f"/consultations/{c.consultation(u)}",
        {},
    ),
    "POST /api/v1/consultations/{consultation_id}/close": lambda c, u: (
        f"/consultations/{c.consultation(u)}/close",
        {},
    ),
    "POST /api/v1/documents": lambda c, u: (
        "/documents",
        {
            "json": {
                C: c.consultation(u),
                "code": "D",
                "title": "Dự thảo",
                "sections": [{"number": "1", "heading": "Một"}],
            }
        },
    ),
    "PATCH /api/v1/consultations/{consultation_id}": lambda c, u: (
        f"/consultations/{c.consultation(u)}",
        {"json": {"title": "Lấy ý kiến (sửa)"}},
    ),
    "POST /api/v1/consultations/{consultation_id}/reopen": lambda c, u: (
        f"/consultations/{c.closed_consultation(u)}/reopen",
        {},
    ),
    "GET /api/v1/documents": lambda c, u: ("/documents", _q(**{C: c.consultation(u)})),
    "POST /api/v1/consultations/{consultation_id}/next-period": lambda c, u: (
        f"/consultations/{c.sentiment(u)}/next-period",
        {},
    ),
    "GET /api/v1/consultations/sentiment-topics": lambda c, u: (
        "/consultations/sentiment-topics",
        {},
    ),
    "GET /api/v1/documents/{document_id}": lambda c, u: (f"/documents/{c.document(u)}", {}),
    # meetings
    "POST /api/v1/meetings": lambda c, u: ("/meetings", {"json": c.meeting_body(u)}),
    "GET /api/v1/meetings": lambda c, u: ("/meetings", _q(unit_id=c.unit(u))),
    "GET /api/v1/meetings/{meeting_id}": lambda c, u: (f"/meetings/{c.meeting(u)}", {}),
    # comments
    "POST /api/v1/comments": lambda c, u: ("/comments", {"json": c.comment_body(u)}),
    "POST /api/v1/comments/batch": lambda c, u: (
        "/comments/batch",
        {"json": {"items": [c.comment_body(u)]}},
    ),
    "GET /api/v1/comments": lambda c, u: ("/comments", _q(unit_id=c.unit(u))),
    "GET /api/v1/comments/deleted": lambda c, u: ("/comments/deleted", {}),
    "GET /api/v1/comments/changes": lambda c, u: ("/comments/changes", _q(unit_id=c.unit(u))),
    "DELETE /api/v1/comments/{comment_id}/contributor": lambda c, u: (
        f"/comments/{c.comment(u, contributor_name='Nguyễn Văn A')}/contributor",
        {},
    ),
    "GET /api/v1/comments/export": lambda c, u: ("/comments/export", _q(unit_id=c.unit(u))),
    "GET /api/v1/comments/{comment_id}": lambda c, u: (f"/comments/{c.comment(u)}", {}),
    "PATCH /api/v1/comments/{comment_id}": lambda c, u: (
        f"/comments/{c.comment(u)}",
        {"json": {"stance": "agree"}},
    ),
    "DELETE /api/v1/comments/{comment_id}": lambda c, u: (f"/comments/{c.comment(u)}", {}),
    "GET /api/v1/comments/{comment_id}/history": lambda c, u: (
        f"/comments/{c.comment(u)}/history",
        {},
    ),
    "GET /api/v1/comments/{comment_id}/carried": lambda c, u: (
        f"/comments/{c.comment(u)}/carried",
        {},
    ),
    "GET /api/v1/comments/import-template.xlsx": lambda c, u: (
        "/comments/import-template.xlsx",
        _q(**{C: c.campaign.consultation_id, "unit_id": c.unit(u)}),
    ),
    "POST /api/v1/comments/import": lambda c, u: (
        "/comments/import",
        {
            "content": c.form(u),
            "headers": {"content-type": XLSX},
            "params": {"unit_id": c.unit(u)},
        },
    ),
    # works (issue #17)
    "POST /api/v1/works": lambda c, u: ("/works", {"json": c.work_body(u)}),
    "GET /api/v1/works": lambda c, u: ("/works", _q(unit_id=c.unit(u))),
    "GET /api/v1/works/summary": lambda c, u: ("/works/summary", _q(unit_id=c.unit(u))),
    "GET /api/v1/works/export": lambda c, u: ("/works/export", _q(unit_id=c.unit(u))),
    "GET /api/v1/works/import-template.xlsx": lambda c, u: (
        "/works/import-template.xlsx",
        _q(unit_id=c.unit(u)),
    ),
    "POST /api/v1/works/import": lambda c, u: (
        "/works/import",
        {"content": c.works_form(u), "headers": {"content-type": XLSX}},
    ),
    "GET /api/v1/works/{work_id}": lambda c, u: (f"/works/{c.work(u)}", {}),
    "PATCH /api/v1/works/{work_id}": lambda c, u: (
        f"/works/{c.work(u)}",
        {"json": {"status": "in_progress"}},
    ),
    "POST /api/v1/works/{work_id}/notes": lambda c, u: (
        f"/works/{c.work(u)}/notes",
        {"json": {"noted_on": date.today().isoformat(), "text": "Đang thực hiện"}},
    ),
    # periodic reports
    "POST /api/v1/periodic-reports": lambda c, u: (
        "/periodic-reports",
        {"json": {"unit_id": c.unit(u), "period": _period()}},
    ),
    "GET /api/v1/periodic-reports": lambda c, u: ("/periodic-reports", _q(unit_id=c.unit(u))),
    "GET /api/v1/periodic-reports/{report_id}": lambda c, u: (
        f"/periodic-reports/{c.periodic(u)}",
        {},
    ),
    "PATCH /api/v1/periodic-reports/{report_id}": lambda c, u: (
        f"/periodic-reports/{c.periodic(u)}",
        {"json": {"I": "Tuyên truyền"}},
    ),
    "POST /api/v1/periodic-reports/{report_id}/submit": lambda c, u: (
        f"/periodic-reports/{c.periodic(u)}/submit",
        {},
    ),
    "POST /api/v1/periodic-reports/{report_id}/accept": lambda c, u: (
        f"/periodic-reports/{c.periodic_submitted(CHILD[u])}/accept",
        {},
    ),
    "POST /api/v1/periodic-reports/{report_id}/return": lambda c, u: (
        f"/periodic-reports/{c.periodic_submitted(CHILD[u])}/return",
        {"json": {"reason": "Chưa đủ"}},
    ),
    "GET /api/v1/periodic-reports/{report_id}/report.docx": lambda c, u: (
        f"/periodic-reports/{c.periodic(u)}/report.docx",
        {},
    ),
    "GET /api/v1/periodic-deadlines/{unit_id}": lambda c, u: (
        f"/periodic-deadlines/{c.unit(u)}",
        {},
    ),
    "PUT /api/v1/periodic-deadlines": lambda c, u: (
        "/periodic-deadlines",
        {"json": {"unit_id": c.unit(u), "period_kind": "month", "level": "commune", "days": 10}},
    ),
    # syntheses
    "POST /api/v1/syntheses": lambda c, u: (
        "/syntheses",
        {"json": {"unit_id": c.unit(u), C: c.round()[0]}},
    ),
    "GET /api/v1/syntheses": lambda c, u: ("/syntheses", _q(unit_id=c.unit(u))),
    "GET /api/v1/syntheses/{synthesis_id}": lambda c, u: (f"/syntheses/{c.synthesis(u)}", {}),
    "POST /api/v1/syntheses/{synthesis_id}/submit": lambda c, u: (
        f"/syntheses/{c.synthesis(u)}/submit",
        {},
    ),
    "POST /api/v1/syntheses/{synthesis_id}/accept": lambda c, u: (
        f"/syntheses/{c.submitted(CHILD[u])[0]}/accept",
        {},
    ),
    "POST /api/v1/syntheses/{synthesis_id}/return": lambda c, u: (
        f"/syntheses/{c.submitted(CHILD[u])[0]}/return",
        {"json": {"reason": "Chưa đủ"}},
    ),
    "GET /api/v1/syntheses/{synthesis_id}/suggestions": lambda c, u: (
        f"/syntheses/{c.synthesis(u)}/suggestions",
        {},
    ),
    "GET /api/v1/syntheses/{synthesis_id}/checks": lambda c, u: (
        f"/syntheses/{c.synthesis(u)}/checks",
        {},
    ),
    "GET /api/v1/syntheses/{synthesis_id}/uncovered": lambda c, u: (
        f"/syntheses/{c.synthesis(u)}/uncovered",
        {},
    ),
    "GET /api/v1/syntheses/{synthesis_id}/report.docx": lambda c, u: (
        f"/syntheses/{c.synthesis(u)}/report.docx",
        {},
    ),
    "POST /api/v1/syntheses/{synthesis_id}/items": lambda c, u: (
        f"/syntheses/{(s := c.synthesis(u))}/items",
        {"json": c.item_body(s)},
    ),
    "PATCH /api/v1/syntheses/{synthesis_id}/items/{item_id}": lambda c, u: (
        "/syntheses/{}/items/{}".format(*c.item(u)),
        {"json": {"summary": "Sửa lại"}},
    ),
    "DELETE /api/v1/syntheses/{synthesis_id}/items/{item_id}": lambda c, u: (
        "/syntheses/{}/items/{}".format(*c.item(u)),
        {},
    ),
    "PUT /api/v1/syntheses/{synthesis_id}/items/{item_id}/feedback": lambda c, u: (
        "/syntheses/{}/items/{}/feedback".format(*c.submitted(CHILD[u])),
        {"json": {"feedback": "noted"}},
    ),
}


@pytest.fixture
def ctx(
    client: TestClient, world: World, campaign: Campaign, engine: Engine, settings: Settings
) -> Ctx:
    with session_scope(engine) as session:
        add_accounts(session, settings, world, EXTRA)
    ctx = Ctx(client, world, campaign)
    ctx.key = ctx.setup("POST", "/api-keys", json={"name": "Báo cáo", "unit_id": ctx.unit("C1")})[
        "key"
    ]
    return ctx


# Lists that name no unit: they answer the caller's own subtree whatever the target.
UNTARGETED = {"GET /api/v1/api-keys", "GET /api/v1/comments/deleted"}


def _row(ctx: Ctx, operation: str) -> str:
    method = operation.split(" ", 1)[0]
    cells = []
    for role in ROLES:
        own = OWN.get(role, "C1")
        statuses = []
        for unit in (own, SIBLING[own]):
            where, kwargs = BUILD[operation](ctx, unit)
            headers = {**kwargs.pop("headers", {}), **ctx.auth(ACCOUNT[role])}
            resp = ctx.client.request(method, f"/api/v1{where}", headers=headers, **kwargs)
            assert resp.status_code < 500, (operation, role, resp.text)
            statuses.append(str(resp.status_code))
            sibling_list = (
                unit != own
                and role != "superuser"
                and resp.status_code == 200
                and operation not in UNTARGETED
                and resp.headers.get("content-type") == "application/json"
            )
            if sibling_list:
                assert resp.json().get("items", []) == [], (operation, role, "sees the sibling's")
        cells.append("/".join(statuses))
    return "  ".join(cells)


def test_every_route_has_a_row() -> None:
    assert set(OPERATIONS) == set(BUILD), "a route without a row (or a row without a route)"
    assert set(OPERATIONS) == set(EXPECTED), "a route without an expected row"


@pytest.mark.parametrize("operation", OPERATIONS)
def test_the_matrix(ctx: Ctx, operation: str) -> None:
    if operation not in BUILD:
        pytest.fail(f"{operation}: no row in tests/api/test_authorization.py")
    got = _row(ctx, operation)
    print(f'    "{operation}": "{got}",')
    assert got == EXPECTED.get(operation), f"{operation}: {got}"
