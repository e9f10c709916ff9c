"""National scale: roll-up reads stay flat as comments grow (issue 4's bars).

    uv run python -m bench.national [--engines sqlite,postgresql] [--steps 10000,100000,1000000]
                                    [--keep]       # keep the databases, to measure them again:
    uv run python -m bench.national --measure postgresql://postgres@127.0.0.1:5432/ykien_bench_…

Builds a country shaped like today's (34 provinces, 3,321 communes, ~100,000 residential areas,
participation skewed like real life: a few provinces and areas produce most comments), loads
comments through the project's own write path (``create_comments``, 1,000 per transaction, with
validation, search index, history and roll-ups), and at each step measures over HTTP:
- GET /me (the floor) and /units/{id}/stats for the root, a province, a commune and an area,
  grouped in the ways dashboards ask, p50/p95, and the ratio to the floor; two of them asked
  again with If-None-Match (a 304 while nothing changed, as a dashboard's refresh);
- the same answers computed by a naive GROUP BY over the comments table (the baseline);
- the load rate, and the ingest rate with roll-ups switched off (the write cost of roll-ups).
"""

import argparse
import random
import statistics
import time
import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import insert, text
from sqlmodel import select

from bench.common import database, pct, server
from ykien.accounts.caller import Caller
from ykien.accounts.models import Role, User
from ykien.accounts.service import issue_token
from ykien.comments.schemas import CommentCreate
from ykien.comments.service import create_comments
from ykien.consultations.models import Consultation, Document, Section
from ykien.core.config import Settings
from ykien.core.db import make_engine, session_scope
from ykien.core.security import hash_password
from ykien.stats import rollup
from ykien.units.models import Unit
from ykien.units.scope import EVERYTHING

PROVINCES, COMMUNES, AREAS_PER_COMMUNE = 34, 3_321, 30
WORDS = (
    "đề nghị bổ sung giải pháp phát triển kinh tế biển nuôi tôm du lịch chỉnh đốn Đảng nông thôn "
    "mới đường giao thông trường học bảo hiểm y tế chuyển đổi số cải cách hành chính"
).split()


def build_country(engine: Any) -> dict[str, Any]:
    """Units inserted in bulk with explicit ids and paths (the tree itself is not under test)."""
    rng = random.Random(34)
    rows: list[dict[str, Any]] = [
        {
            "id": 1,
            "code": "VN",
            "name": "Trung ương",
            "name_folded": "trung uong",
            "level": "central",
            "parent_id": None,
            "path": "/1/",
            "depth": 0,
        }
    ]
    next_id = 2
    provinces, communes, areas = [], [], []
    per_province = [
        COMMUNES // PROVINCES + (1 if i < COMMUNES % PROVINCES else 0) for i in range(PROVINCES)
    ]
    now = time.time()
    for p in range(PROVINCES):
        pid = next_id
        next_id += 1
        rows.append(
            {
                "id": pid,
                "code": f"P{p}",
                "name": f"Tỉnh {p}",
                "name_folded": f"tinh {p}",
                "level": "province",
                "parent_id": 1,
                "path": f"/1/{pid}/",
                "depth": 1,
            }
        )
        provinces.append(pid)
        for c in range(per_province[p]):
            cid = next_id
            next_id += 1
            rows.append(
                {
                    "id": cid,
                    "code": f"C{p}-{c}",
                    "name": f"Xã {p}-{c}",
                    "name_folded": f"xa {p}-{c}",
                    "level": "commune",
                    "parent_id": pid,
                    "path": f"/1/{pid}/{cid}/",
                    "depth": 2,
                }
            )
            communes.append((cid, pid))
            for a in range(rng.randint(AREAS_PER_COMMUNE - 10, AREAS_PER_COMMUNE + 10)):
                aid = next_id
                next_id += 1
                rows.append(
                    {
                        "id": aid,
                        "code": f"A{p}-{c}-{a}",
                        "name": f"Ấp {a}",
                        "name_folded": f"ap {a}",
                        "level": "residential_area",
                        "parent_id": cid,
                        "path": f"/1/{pid}/{cid}/{aid}/",
                        "depth": 3,
                    }
                )
                areas.append((aid, cid, pid))
    from ykien.core.db import utcnow

    stamp = utcnow()
    for r in rows:
        r["created_at"] = stamp
    with engine.begin() as conn:
        for i in range(0, len(rows), 5_000):
            conn.execute(insert(Unit.__table__), rows[i : i + 5_000])
        if engine.dialect.name == "postgresql":
            conn.execute(
                text("SELECT setval(pg_get_serial_sequence('unit', 'id'), :n)"), {"n": next_id}
            )
    print(
        f"country: {PROVINCES} provinces, {len(communes)} communes, {len(areas)} residential areas "
        f"({time.time() - now:.0f} s)"
    )
    return {"provinces": provinces, "communes": communes, "areas": areas}


def setup(engine: Any, url: str) -> dict[str, Any]:
    country = build_country(engine)
    settings = Settings(database_url=url)
    with session_scope(engine) as s:
        today = date.today()
        cons = Consultation(
            title="Toàn quốc",
            unit_id=1,
            unit_path="/1/",
            opens_on=today - timedelta(days=60),
            closes_on=today + timedelta(days=30),
        )
        s.add(cons)
        s.flush()
        doc = Document(consultation_id=cons.id, code="BCCT", title="Dự thảo Báo cáo chính trị")  # type: ignore[arg-type]
        s.add(doc)
        s.flush()
        sections = []
        for i in range(40):
            sec = Section(document_id=doc.id, number=str(i + 1), heading=f"Mục {i + 1}", position=i)  # type: ignore[arg-type]
            s.add(sec)
            s.flush()
            sections.append(sec.id)
        user = User(
            username="root",
            full_name="Root",
            password_hash=hash_password("bench-password"),
            unit_id=None,
            role=Role.admin.value,
        )
        s.add(user)
        s.flush()
        token, _ = issue_token(s, settings=settings, user=user)
        country.update(
            consultation=cons.id, document=doc.id, sections=sections, token=token, user_id=user.id
        )
    return country


class Generator:
    """Comments skewed like real participation: Zipf-like over provinces, Pareto over areas."""

    def __init__(self, country: dict[str, Any], seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.c = country
        by_province: dict[int, list[int]] = {}
        for aid, _cid, pid in country["areas"]:
            by_province.setdefault(pid, []).append(aid)
        self.provinces = country["provinces"]
        self.p_weights = [1 / (i + 1) ** 0.9 for i in range(len(self.provinces))]
        self.areas = dict(by_province)
        self.a_weights = {
            p: [self.rng.paretovariate(1.2) for _ in a] for p, a in by_province.items()
        }
        self.today = date.today()

    def batch(self, n: int) -> list[CommentCreate]:
        rng = self.rng
        province = rng.choices(self.provinces, weights=self.p_weights)[0]
        areas = rng.choices(self.areas[province], weights=self.a_weights[province], k=4)
        out = []
        for _ in range(n):
            out.append(
                CommentCreate.model_validate(
                    dict(
                        id=uuid.uuid4(),
                        document_id=self.c["document"],
                        unit_id=rng.choice(areas),
                        section_id=rng.choice(self.c["sections"]) if rng.random() < 0.8 else None,
                        meeting_id=None,
                        channel=rng.choices(
                            ["meeting", "written", "online", "media", "other"], [78, 8, 10, 2, 2]
                        )[0],
                        category=rng.choices(
                            [
                                "citizen",
                                "party_member",
                                "cadre",
                                "front_committee_member",
                                "member_organization",
                                "notable_person",
                                "advisory_council",
                                "other",
                            ],
                            [55, 10, 8, 8, 8, 5, 3, 3],
                        )[0],
                        stance=rng.choices(
                            ["agree", "amend", "add", "disagree", "other"], [40, 25, 25, 5, 5]
                        )[0],
                        organization=rng.choices(
                            [
                                "front",
                                "farmers_union",
                                "womens_union",
                                "youth_union",
                                "veterans_association",
                                "trade_union",
                                "other",
                            ],
                            [81, 5, 5, 4, 2, 2, 1],
                        )[0],
                        people=rng.choices([1, 2, 3, 5, 10], [74, 10, 8, 5, 3])[0],
                        content=" ".join(rng.choices(WORDS, k=12)).capitalize() + ".",
                        collected_on=self.today - timedelta(days=rng.randint(0, 59)),
                        contributor_name=None,
                        contributor_contact=None,
                    )
                )
            )
        return out


def load(engine: Any, caller: Caller, gen: Generator, count: int, *, rollups: bool = True) -> float:
    original = rollup.apply_comments
    if not rollups:
        rollup.apply_comments = lambda session, changes: None  # type: ignore[assignment]
    try:
        spent = 0.0  # the write path only: generating the comments is not timed
        done = 0
        while done < count:
            n = min(1_000, count - done)
            items = gen.batch(n)
            started = time.perf_counter()
            with session_scope(engine) as s:
                create_comments(s, caller=caller, items=items)
            spent += time.perf_counter() - started
            done += n
        return count / spent
    finally:
        rollup.apply_comments = original


QUERIES = [
    ("root", {}),
    ("root", {"group_by": "child"}),
    ("province", {"group_by": "child"}),
    ("province", {"group_by": "section"}),
    ("province", {"group_by": "category"}),
    ("province", {"group_by": "day"}),
    ("province", {"group_by": ["child", "stance"]}),
    ("province", {"group_by": ["child", "section"]}),
    ("province", {"group_by": ["child", "day"]}),
    ("province", {"group_by": ["category", "day"]}),
    ("province", {"group_by": ["section", "stance", "channel"]}),
    ("province", {"group_by": ["section", "day"]}),
    ("province", {"group_by": ["child", "category", "stance"]}),
    # Crossings no cuboid keeps at a province: the subtree's leaf cells, summed per read.
    ("province", {"group_by": ["section", "day", "stance"]}),
    ("province", {"group_by": ["child", "day", "stance"]}),
    ("root", {"group_by": ["category", "day"]}),
    ("commune", {"group_by": "child"}),
    ("area", {}),
]


# Asked again with If-None-Match as well (the dashboard refreshes every minute).
REVALIDATED = [{"group_by": "child"}, {"group_by": ["child", "day"]}]


def measure(
    base: str, token: str, targets: dict[str, int], consultation: int, reps: int = 25
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
    ) as http:
        for _ in range(5):
            http.get("/api/v1/me")
        me = []
        for _ in range(reps * 2):
            t0 = time.perf_counter()
            http.get("/api/v1/me")
            me.append((time.perf_counter() - t0) * 1000)
        out["me"] = statistics.median(me)
        for name, params in QUERIES:
            path = f"/api/v1/units/{targets[name]}/stats"
            q = {"consultation_id": consultation, **params}
            http.get(path, params=q)
            lat = []
            for _ in range(reps):
                t0 = time.perf_counter()
                resp = http.get(path, params=q)
                lat.append((time.perf_counter() - t0) * 1000)
                assert resp.status_code == 200, resp.text[:200]
            label = f"{name} {params.get('group_by', 'totals')}"
            out[label] = (pct(lat, 50), pct(lat, 95), len(resp.json()["groups"]))
            if params in REVALIDATED and name == "province":
                # A dashboard's refresh while nothing changed: the stored copy's tag, a 304.
                tagged = {"If-None-Match": resp.headers["etag"]}
                lat = []
                for _ in range(reps):
                    t0 = time.perf_counter()
                    again = http.get(path, params=q, headers=tagged)
                    lat.append((time.perf_counter() - t0) * 1000)
                    assert again.status_code == 304, again.status_code
                out[f"{label} again, 304"] = (pct(lat, 50), pct(lat, 95), 0)
    return out


def naive(engine: Any, province_path: str, consultation: int) -> dict[str, float]:
    """The baseline: the same province answers by GROUP BY over the comments."""
    low, high = province_path, province_path[:-1] + "0"
    queries = {
        "category": "SELECT category, count(*), sum(people) FROM comment WHERE consultation_id = :c "
        "AND deleted_at IS NULL AND unit_path >= :lo AND unit_path < :hi GROUP BY category",
        "section": "SELECT section_id, count(*), sum(people) FROM comment WHERE consultation_id = :c "
        "AND deleted_at IS NULL AND unit_path >= :lo AND unit_path < :hi GROUP BY section_id",
        "child": "SELECT u.parent_id, count(*), sum(c.people) FROM comment c JOIN unit u ON u.id = c.unit_id "
        "WHERE c.consultation_id = :c AND c.deleted_at IS NULL AND c.unit_path >= :lo "
        "AND c.unit_path < :hi GROUP BY u.parent_id",
    }
    out = {}
    with engine.connect() as conn:
        for name, sql in queries.items():
            conn.execute(text(sql), {"c": consultation, "lo": low, "hi": high}).all()
            lat = []
            for _ in range(5):
                t0 = time.perf_counter()
                conn.execute(text(sql), {"c": consultation, "lo": low, "hi": high}).all()
                lat.append((time.perf_counter() - t0) * 1000)
            out[name] = statistics.median(lat)
    return out


def find_targets(engine: Any) -> dict[str, Any]:
    """The busiest province, its busiest commune and that commune's busiest area."""
    with engine.connect() as conn:
        province = conn.execute(
            text(
                "SELECT unit_id FROM stat_cell s JOIN unit u ON u.id = s.unit_id "
                "WHERE s.cuboid = 3 AND u.level = 'province' GROUP BY unit_id "
                "ORDER BY sum(comments) DESC LIMIT 1"
            )
        ).scalar()
        commune = conn.execute(
            text(
                "SELECT s.unit_id FROM stat_cell s JOIN unit u ON u.id = s.unit_id "
                "WHERE s.cuboid = 3 AND u.level = 'commune' AND u.parent_id = :p "
                "GROUP BY s.unit_id ORDER BY sum(comments) DESC LIMIT 1"
            ),
            {"p": province},
        ).scalar()
        area = conn.execute(
            text(
                "SELECT s.unit_id FROM stat_cell s JOIN unit u ON u.id = s.unit_id "
                "WHERE s.cuboid = 5 AND u.parent_id = :c GROUP BY s.unit_id "
                "ORDER BY sum(comments) DESC LIMIT 1"
            ),
            {"c": commune},
        ).scalar()
        path = conn.execute(text("SELECT path FROM unit WHERE id = :p"), {"p": province}).scalar()
        in_province = conn.execute(
            text("SELECT sum(comments) FROM stat_cell WHERE cuboid = 3 AND unit_id = :p"),
            {"p": province},
        ).scalar()
        comments = conn.execute(
            text("SELECT count(*) FROM comment WHERE deleted_at IS NULL")
        ).scalar()
        cells = conn.execute(text("SELECT count(*) FROM stat_cell")).scalar()
    return {
        "ids": {"root": 1, "province": province, "commune": commune, "area": area},
        "province_path": path,
        "in_province": in_province,
        "comments": comments,
        "cells": cells,
    }


def measure_step(url: str, engine: Any, token: str, consultation: int) -> dict[str, Any]:
    """Every question over HTTP and the naive baseline, printed; the p50s returned."""
    if engine.dialect.name == "postgresql":
        # Measure the steady state autovacuum keeps, not a vacuum racing the reads.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    t = find_targets(engine)
    with server(url) as base:
        m = measure(base, token, t["ids"], consultation)
    base_ms = naive(engine, t["province_path"], consultation)
    print(
        f"   {t['comments']:,} comments (busiest province: {t['in_province']:,}); "
        f"{t['cells']:,} roll-up cells ({t['cells'] / max(t['comments'], 1):.2f} per comment)"
    )
    print(f"   GET /me (floor) median {m['me']:.1f} ms")
    p50s = {}
    for label, value in m.items():
        if label == "me":
            continue
        p50, p95, groups = value
        p50s[label] = p50
        print(
            f"   {label:<45} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  = {p50 / m['me']:.1f}× /me"
            f"  ({groups:,} groups)"
        )
    print(
        "   naive GROUP BY over comments (province): "
        + ", ".join(f"{k} {v:.1f} ms" for k, v in base_ms.items())
    )
    return p50s


def bench_engine(kind: str, steps: list[int], *, keep: bool = False) -> None:
    print(f"\n=== {kind} ===")
    with database(kind, keep=keep) as url:
        engine = make_engine(url)
        if kind == "postgresql":
            # The write cost depends on them (full-page images after each checkpoint).
            with engine.connect() as conn:
                settings = conn.execute(
                    text(
                        "SELECT name, setting, coalesce(unit, '') FROM pg_settings WHERE name IN "
                        "('shared_buffers', 'max_wal_size', 'wal_compression', 'checkpoint_timeout')"
                    )
                ).all()
            print("server: " + ", ".join(f"{n} = {v} {u}".rstrip() for n, v, u in settings))
        country = setup(engine, url)
        caller = Caller("user", country["user_id"], "root", "Root", Role.admin, None, EVERYTHING)
        gen = Generator(country)
        loaded = 0
        flat: dict[str, tuple[float, float]] = {}
        for step in steps:
            rate = load(engine, caller, gen, step - loaded)
            loaded = step
            print(f"\n-- {step:,} comments; load {rate:,.0f} comments/s")
            p50s = measure_step(url, engine, country["token"], country["consultation"])
            for label, p50 in p50s.items():
                flat[label] = (flat.get(label, (p50, p50))[0], p50)
        print("\n-- flatness (p50 at the last step / p50 at the first step)")
        for label, (first, last) in flat.items():
            print(f"   {label:<45} {last / first:.2f}×")
        # Alternated twice, so that drift in the machine's load falls on both sides.
        on = [load(engine, caller, gen, 10_000)]
        off = [load(engine, caller, gen, 10_000, rollups=False)]
        on.append(load(engine, caller, gen, 10_000))
        off.append(load(engine, caller, gen, 10_000, rollups=False))
        rate_on, rate_off = statistics.fmean(on), statistics.fmean(off)
        print(
            f"\n-- ingest with roll-ups {rate_on:,.0f}/s ({on[0]:,.0f}, {on[1]:,.0f}), without "
            f"{rate_off:,.0f}/s ({off[0]:,.0f}, {off[1]:,.0f}): {rate_on / rate_off:.0%} (bar ≥ 60 %)"
        )
        engine.dispose()


def measure_existing(url: str) -> None:
    """The questions again, on a database an earlier ``--keep`` run left."""
    engine = make_engine(url)
    with session_scope(engine) as s:
        user = s.exec(select(User).where(User.username == "root")).one()
        token, _ = issue_token(s, settings=Settings(database_url=url), user=user)
        consultation = s.exec(select(Consultation.id)).first()
    assert consultation is not None
    print(f"\n=== {engine.dialect.name}, existing database ===")
    measure_step(url, engine, token, consultation)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--steps", default="10000,100000,1000000")
    parser.add_argument("--keep", action="store_true", help="keep the databases (names printed)")
    parser.add_argument("--measure", metavar="URL", help="only measure this kept database")
    args = parser.parse_args()
    if args.measure:
        measure_existing(args.measure)
        return
    for kind in args.engines.split(","):
        bench_engine(kind, [int(s) for s in args.steps.split(",")], keep=args.keep)


if __name__ == "__main__":
    main()
