"""Ykien beside a peer FastAPI application: single writes, ``/me`` and a 50-row page.

    uv run python -m bench.peer --peer http://127.0.0.1:8001 \
        --peer-user admin@example.com --peer-password … [--seconds 10] [--rounds 2]
    uv run python -m bench.peer --pages 2000,7000,1000000     # only the list's database time

The peer is full-stack-fastapi-template's backend (the commit is in docs/performance.md), run
by hand beside Ykien on the same PostgreSQL cluster with one uvicorn worker; this script only
talks to it over HTTP (its login, ``/users/me``, ``/items/``). Ykien is started here (one
worker, a fresh PostgreSQL database, the bench's small world, ``--rows`` comments loaded).

Each figure is ``wrk`` with 16 connections for ``--seconds``, Ykien and the peer alternated
``--rounds`` times (Ykien, peer, Ykien, peer …); the median of each side and the ratio
Ykien / peer are printed, with the load average beside them. Creates send a different random
comment (section, area, day, stance …) each time, as real entry does; the peer gets a random
item. Both lists are the caller's own scope, newest first, 50 rows.

``--pages`` measures the database's own time (EXPLAIN ANALYZE) of the comment list's first and
a deep page at each step, for a province secretary, a commune and an area, over comments spread
like real participation (the busiest province a fifth of the country).
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event, func, select, text
from sqlmodel import Session, col

from bench.common import comment_body, database, server, small_world
from ykien.accounts.caller import Caller
from ykien.accounts.models import Role
from ykien.comments import reading
from ykien.comments.models import COMMENT_TABLE, Comment
from ykien.core.audit import SYSTEM
from ykien.core.bulk import insert_all
from ykien.core.db import session_scope, utcnow
from ykien.core.pagination import encode_cursor
from ykien.units.models import UnitLevel
from ykien.units.schemas import UnitCreate
from ykien.units.scope import EVERYTHING, Scope, in_subtree
from ykien.units.service import create_unit

CONNECTIONS = 16

# --- load generation --------------------------------------------------------------------------

LUA_COMMON = """
local counter = 0
local function pick(t) return t[math.random(#t)] end
"""

YKIEN_CREATE = """
local sections = {%(sections)s}
local areas = {%(areas)s}
local channels = {"meeting", "meeting", "written", "online"}
local categories = {"citizen", "citizen", "party_member", "cadre"}
local stances = {"agree", "amend", "add"}
local words = {%(words)s}
local days = {%(days)s}
request = function()
  local n = math.random(8, 30)
  local content = {}
  for i = 1, n do content[i] = pick(words) end
  local body = string.format(
    '{"document_id":%(document)d,"section_id":%%d,"unit_id":%%d,"channel":"%%s",' ..
    '"category":"%%s","stance":"%%s","people":%%d,"content":"%%s.","collected_on":"%%s"}',
    pick(sections), pick(areas), pick(channels), pick(categories), pick(stances),
    math.random(1, 3), table.concat(content, " "), pick(days))
  return wrk.format("POST", "/api/v1/comments", nil, body)
end
"""

PEER_CREATE = """
request = function()
  counter = counter + 1
  local body = string.format(
    '{"title":"item %%d-%%d","description":"a description of the item, as a user types it"}',
    math.random(1, 1000000), counter)
  return wrk.format("POST", "/api/v1/items/", nil, body)
end
"""


def _wrk(base: str, token: str, path: str, script: str | None, seconds: float) -> float:
    """Requests per second of ``wrk`` (16 connections, 2 threads); errors fail the run."""
    with tempfile.TemporaryDirectory() as tmp:
        lua = Path(tmp) / "s.lua"
        lua.write_text(LUA_COMMON + (script or ""))
        proc = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{CONNECTIONS}",
                f"-d{round(seconds)}s",
                "--timeout",
                "30s",
                "-H",
                f"Authorization: Bearer {token}",
                "-H",
                "Content-Type: application/json",
                "-s",
                str(lua),
                f"{base}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    out = proc.stdout
    if "Non-2xx or 3xx responses" in out or "Socket errors" in out:
        raise SystemExit(f"wrk saw errors against {base}{path}:\n{out}")
    line = next(x for x in out.splitlines() if x.startswith("Requests/sec:"))
    return float(line.split()[1])


def _load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


# --- the two sides -----------------------------------------------------------------------------


def peer_token(base: str, user: str, password: str) -> str:
    resp = httpx.post(
        f"{base}/api/v1/login/access-token", data={"username": user, "password": password}
    )
    resp.raise_for_status()
    return str(resp.json()["access_token"])


def fill_peer(base: str, token: str, rows: int) -> None:
    """Items up to ``rows`` for the peer's caller (its list counts and pages them)."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
        have = int(http.get("/api/v1/items/", params={"limit": 1}).json()["count"])
        for i in range(have, rows):
            http.post("/api/v1/items/", json={"title": f"item {i}", "description": "filler"})


def fill_ykien(w: Any, base: str, token: str, rows: int) -> None:
    rng = random.Random(3)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=120) as http:
        for start in range(0, rows, 1000):
            items = [comment_body(w, rng) for _ in range(min(1000, rows - start))]
            resp = http.post("/api/v1/comments/batch", json={"items": items})
            assert resp.status_code == 201, resp.text[:300]


def ykien_create_script(w: Any) -> str:
    from bench.common import WORDS

    days = [(date.today() - timedelta(days=d)).isoformat() for d in range(60)]
    return YKIEN_CREATE % {
        "sections": ",".join(map(str, w.section_ids)),
        "areas": ",".join(map(str, w.areas)),
        "words": ",".join(f'"{x}"' for x in WORDS),
        "days": ",".join(f'"{d}"' for d in days),
        "document": w.document_id,
    }


def side_by_side(args: argparse.Namespace) -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed")
    ptoken = args.peer_token or peer_token(args.peer, args.peer_user, args.peer_password)
    with database("postgresql") as url:
        w = small_world(url)
        ytoken = w.tokens["secretary_c"]
        with server(url) as ybase:
            fill_ykien(w, ybase, ytoken, args.rows)
            fill_peer(args.peer, ptoken, args.rows)
            scenarios = [
                ("GET /me", ("/api/v1/me", None), ("/api/v1/users/me", None)),
                (
                    "50-row list",
                    ("/api/v1/comments?limit=50", None),
                    ("/api/v1/items/?limit=50", None),
                ),
                (
                    "single create",
                    ("/api/v1/comments", ykien_create_script(w)),
                    ("/api/v1/items/", PEER_CREATE),
                ),
            ]
            for _, (ypath, yscript), (ppath, pscript) in scenarios:  # warm both
                _wrk(ybase, ytoken, ypath, yscript, 2)
                _wrk(args.peer, ptoken, ppath, pscript, 2)
            print(f"\n{'':16}{'Ykien req/s':>14}{'peer req/s':>14}{'ratio':>8}   runs, load")
            for name, (ypath, yscript), (ppath, pscript) in scenarios:
                ours: list[float] = []
                theirs: list[float] = []
                for _ in range(args.rounds):
                    ours.append(_wrk(ybase, ytoken, ypath, yscript, args.seconds))
                    theirs.append(_wrk(args.peer, ptoken, ppath, pscript, args.seconds))
                y, p = statistics.median(ours), statistics.median(theirs)
                runs = " ".join(f"{a:.0f}/{b:.0f}" for a, b in zip(ours, theirs, strict=True))
                print(f"{name:16}{y:14.0f}{p:14.0f}{y / p:8.2f}×  {runs}, {_load()}")
        w.engine.dispose()


# --- the list's database time -----------------------------------------------------------------


@dataclass
class Country:
    """Provinces > districts > communes > areas under one root, and where each area's path is."""

    url: str
    engine: Any
    consultation_id: int
    document_id: int
    section_ids: list[int]
    provinces: list[tuple[int, str]] = field(default_factory=list)
    communes: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # province → its
    areas: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # province → its areas


def build_country(url: str, provinces: int = 5, communes: int = 10, areas: int = 10) -> Country:
    """Province 0 is the busiest (two fifths of the comments), as real participation is skewed."""
    w = small_world(url, areas=0)
    c = Country(url, w.engine, w.consultation_id, w.document_id, w.section_ids)

    def unit(s: Session, code: str, level: UnitLevel, parent: int | None) -> tuple[int, str]:
        u = create_unit(
            s,
            scope=EVERYTHING,
            actor=SYSTEM,
            data=UnitCreate(code=code, name=code, level=level, parent_id=parent),
        )
        assert u.id is not None
        return u.id, u.path

    with session_scope(w.engine) as s:
        for p in range(provinces):
            pid, ppath = unit(s, f"BP{p}", UnitLevel.province, None)
            c.provinces.append((pid, ppath))
            c.areas[p] = []
            c.communes[p] = []
            did, _ = unit(s, f"BD{p}", UnitLevel.district, pid)
            for k in range(communes):
                cid, cpath = unit(s, f"BC{p}-{k}", UnitLevel.commune, did)
                c.communes[p].append((cid, cpath))
                for a in range(areas):
                    c.areas[p].append(unit(s, f"BA{p}-{k}-{a}", UnitLevel.residential_area, cid))
    return c


def _area_weights(n: int) -> list[float]:
    ranks = list(range(n))
    random.Random(5).shuffle(ranks)
    return [1 / (r + 1) for r in ranks]


def _rows(c: Country, rng: random.Random, n: int) -> list[dict[str, Any]]:
    """Comments as the write path stores them (without roll-ups: the list does not read them)."""
    now = utcnow()
    weights = [0.4, 0.25, 0.15, 0.12, 0.08][: len(c.provinces)]
    # Zipf inside a province: a few areas take part far more than most (ranks over a fixed
    # shuffle, so that every commune has busy and quiet areas).
    area_weights = _area_weights(len(c.areas[0]))
    out = []
    for p in rng.choices(range(len(c.provinces)), weights=weights, k=n):
        area_id, path = rng.choices(c.areas[p], weights=area_weights)[0]
        out.append(
            {
                "id": uuid.uuid4(),
                "consultation_id": c.consultation_id,
                "document_id": c.document_id,
                "section_id": rng.choice(c.section_ids),
                "unit_id": area_id,
                "entered_unit_id": area_id,
                "unit_path": path,
                "channel": "meeting",
                "category": rng.choice(["citizen", "party_member", "cadre"]),
                "stance": rng.choice(["agree", "amend", "add"]),
                "organization": "front",
                "people": 1,
                "content": "Đề nghị bổ sung giải pháp phát triển kinh tế biển.",
                "content_folded": "de nghi bo sung giai phap phat trien kinh te bien.",
                "collected_on": date.today() - timedelta(days=rng.randint(0, 60)),
                "create_hash": "x" * 64,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    return out


def _page_sql(c: Country, caller: Caller, cursor: str | None) -> tuple[str, Any]:
    """The statement the list route runs for this caller's 50-row page, as sent to the driver."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cur: Any, statement: str, params: Any, *_: Any) -> None:
        if "FROM comment" in statement:
            seen.append((statement, params))

    event.listen(c.engine, "before_cursor_execute", capture)
    try:
        with session_scope(c.engine, write=False) as s:
            reading.list_comments(s, caller=caller, f=reading.Filters(), limit=50, cursor=cursor)
    finally:
        event.remove(c.engine, "before_cursor_execute", capture)
    return seen[-1]


def _range_sql(c: Country, path: str) -> tuple[str, Any]:
    """The first page as it was asked before the scope indexes: by the path's range."""
    stmt = (
        select(Comment)
        .where(in_subtree(Comment.unit_path, path), col(Comment.deleted_at).is_(None))
        .order_by(col(Comment.seq).desc())
        .limit(51)
    )
    compiled = stmt.compile(c.engine)
    return str(compiled), compiled.params


def _db_ms(c: Country, statement: str, params: Any, repeat: int = 7) -> tuple[float, str]:
    """Median execution time (EXPLAIN ANALYZE) and the plan's access path."""
    times = []
    plan = ""
    raw = c.engine.raw_connection()
    try:
        cur = raw.cursor()
        for _ in range(repeat):
            cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, params)
            doc = cur.fetchone()[0]
            doc = json.loads(doc) if isinstance(doc, str) else doc
            times.append(doc[0]["Execution Time"])
            plan = _access(doc[0]["Plan"])
        raw.rollback()
    finally:
        raw.close()
    return statistics.median(times), plan


def _access(node: dict[str, Any]) -> str:
    """The scans of a plan, outermost first: "Limit > Index Scan Backward ix_…"."""
    name = node["Node Type"] + (f" {node['Index Name']}" if "Index Name" in node else "")
    kids = node.get("Plans", [])
    return name if not kids else f"{name} > " + " + ".join(_access(k) for k in kids)


def page_times(steps: list[int]) -> None:
    rng = random.Random(11)
    with database("postgresql") as url:
        c = build_country(url)
        have = 0
        print("\nthe comment list's database time per 50-row page (EXPLAIN ANALYZE, median of 7)")
        for step in steps:
            while have < step:
                n = min(50_000, step - have)
                with session_scope(c.engine) as s:
                    insert_all(s, COMMENT_TABLE, _rows(c, rng, n))
                have += n
            with c.engine.begin() as conn:
                conn.execute(text("ANALYZE comment"))
            weights = _area_weights(len(c.areas[0]))
            busiest = max(range(len(weights)), key=weights.__getitem__)
            per_commune = len(weights) // len(c.communes[0])
            quiet = min(
                range(len(c.communes[0])),
                key=lambda k: sum(weights[k * per_commune : (k + 1) * per_commune]),
            )
            last = len(c.provinces) - 1
            for who, (unit_id, path) in (
                ("province", c.provinces[0]),
                ("commune", c.communes[0][0]),
                ("area", c.areas[0][busiest]),
                ("quiet commune", c.communes[last][quiet]),
            ):
                caller = Caller(
                    kind="user",
                    id=1,
                    name="bench",
                    full_name="bench",
                    role=Role.secretary,
                    unit_id=unit_id,
                    scope=Scope(path),
                )
                with c.engine.connect() as conn:
                    in_scope = conn.execute(
                        select(func.count()).where(caller.scope.condition(Comment.unit_path))
                    ).scalar_one()
                first_ms, plan = _db_ms(c, *_page_sql(c, caller, None))
                before_ms, before_plan = _db_ms(c, *_range_sql(c, path))
                deep = None
                if in_scope > 1_000:
                    with session_scope(c.engine, write=False) as s:
                        rows, _ = reading.list_comments(
                            s, caller=caller, f=reading.Filters(), limit=1000, cursor=None
                        )
                    deep = encode_cursor([rows[-1].seq])
                deep_ms = _db_ms(c, *_page_sql(c, caller, deep))[0] if deep else float("nan")
                print(
                    f"{have:>9,} comments  {who:13} ({in_scope:>7,} in scope)  first page "
                    f"{first_ms:6.2f} ms  page 21 {deep_ms:6.2f} ms  {plan}  {_load()}\n"
                    f"{'':>9}  by the path's range (before): first page {before_ms:6.2f} ms"
                    f"  {before_plan}"
                )
        c.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--peer", help="the peer's base URL, e.g. http://127.0.0.1:8001")
    parser.add_argument("--peer-user", default="admin@example.com")
    parser.add_argument("--peer-password")
    parser.add_argument("--peer-token", help="a bearer token instead of user and password")
    parser.add_argument("--rows", type=int, default=7_000, help="rows in each side's list")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--pages", default="2000,7000,1000000", help="steps of the list's database time; '' skips"
    )
    args = parser.parse_args()
    if args.peer:
        side_by_side(args)
    if args.pages:
        page_times([int(x) for x in args.pages.split(",")])


if __name__ == "__main__":
    main()
