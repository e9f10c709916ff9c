"""Comment entry and search, on SQLite and PostgreSQL (issue 3's bars).

    uv run python bench/comments.py [--engines sqlite,postgresql] [--search-rows 1000000]

Prints, per engine:
- single-comment POST throughput vs. the same server's trivial authenticated read (GET /me) at
  the same concurrency (bar: ≥ 25 %);
- batch ingest over HTTP (1,000 per request, with validation, search index and history) vs. a
  raw executemany of the same rows into the same engine (bar: ≥ 20 %);
- search latency p50/p95 over --search-rows comments (bar: p95 ≤ 100 ms).
"""

import argparse
import random
import time
import uuid
from datetime import date
from typing import Any

import httpx
from sqlalchemy import insert

from bench.common import comment_body, database, pct, server, small_world, throughput
from ykien.comments.models import Comment
from ykien.core.db import utcnow
from ykien.core.text import fold


def raw_rows(w: Any, rng: random.Random, n: int) -> list[dict[str, Any]]:
    """Rows as the service would store them, built without the service (the floor's input)."""
    now = utcnow()
    out = []
    for _ in range(n):
        b = comment_body(w, rng, with_id=False)
        out.append(
            {
                "id": uuid.uuid4(),
                "consultation_id": w.consultation_id,
                "document_id": b["document_id"],
                "section_id": b["section_id"],
                "unit_id": b["unit_id"],
                "unit_path": w.paths[b["unit_id"]],
                "meeting_id": None,
                "channel": b["channel"],
                "category": b["category"],
                "stance": b["stance"],
                "organization": "front",
                "people": b["people"],
                "content": b["content"],
                "content_folded": fold(b["content"]),
                "collected_on": date.fromisoformat(b["collected_on"]),
                "contributor_name": None,
                "contributor_contact": None,
                "create_hash": "x" * 64,
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "created_by": None,
                "deleted_at": None,
                "deleted_by": None,
                "delete_reason": None,
            }
        )
    return out


def executemany_rate(w: Any, rng: random.Random, total: int, chunk: int = 1000) -> float:
    rows = raw_rows(w, rng, total)
    started = time.perf_counter()
    for i in range(0, total, chunk):
        with w.engine.begin() as conn:
            conn.execute(insert(Comment.__table__), rows[i : i + chunk])
    return total / (time.perf_counter() - started)


def bench_engine(kind: str, search_rows: int, seconds: float) -> None:
    print(f"\n=== {kind} ===")
    rng = random.Random(7)
    with database(kind) as url:
        w = small_world(url)
        token = w.tokens["secretary_c"]
        with server(url) as base:
            throughput(base, token, lambda i: ("GET", "/api/v1/me", None), seconds=1)  # warm-up
            me_rps, me_lat, me_err = throughput(
                base, token, lambda i: ("GET", "/api/v1/me", None), seconds=seconds
            )
            post_rps, post_lat, post_err = throughput(
                base,
                token,
                lambda i: ("POST", "/api/v1/comments", comment_body(w, rng)),
                seconds=seconds,
            )
            print(
                f"GET /me             {me_rps:8.0f} req/s  p50 {pct(me_lat, 50):6.1f} ms  p95 {pct(me_lat, 95):6.1f} ms  errors {me_err}"
            )
            print(
                f"POST /comments      {post_rps:8.0f} req/s  p50 {pct(post_lat, 50):6.1f} ms  p95 {pct(post_lat, 95):6.1f} ms  errors {post_err}"
            )
            print(f"  ratio POST / GET /me = {post_rps / me_rps:.0%}   (bar ≥ 25 %)")

            batches = 20
            payloads = [
                {"items": [comment_body(w, rng) for _ in range(1000)]} for _ in range(batches)
            ]
            with httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120
            ) as http:
                started = time.perf_counter()
                for p in payloads:
                    resp = http.post("/api/v1/comments/batch", json=p)
                    assert resp.status_code == 201, resp.text[:300]
                http_rate = batches * 1000 / (time.perf_counter() - started)
        raw_rate = executemany_rate(w, rng, batches * 1000)
        print(f"batch ingest HTTP   {http_rate:8.0f} comments/s (1,000 per request)")
        print(f"raw executemany     {raw_rate:8.0f} rows/s")
        print(f"  ratio HTTP batch / executemany = {http_rate / raw_rate:.0%}   (bar ≥ 20 %)")

        if search_rows:
            have = 2 * batches * 1000 + int(post_rps * seconds)
            started = time.perf_counter()
            while have < search_rows:
                n = min(50_000, search_rows - have)
                rows = raw_rows(w, rng, n)
                for i in range(0, n, 5000):
                    with w.engine.begin() as conn:
                        conn.execute(insert(Comment.__table__), rows[i : i + 5000])
                have += n
            print(f"loaded to {have:,} comments in {time.perf_counter() - started:.0f} s")
            if kind == "postgresql":
                with w.engine.begin() as conn:
                    conn.exec_driver_sql("ANALYZE comment")
            queries = [
                "chinh don dang",
                "nuoi tom",
                "phu quoc",
                "bao hiem y te",
                "dong bao khmer",
                "xam nhap man",
                "chuyen doi so",
                "thanh nien viec lam",
                "truong hoc",
                "du lich",
            ]
            with server(url) as base:
                lat: list[float] = []
                with httpx.Client(
                    base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30
                ) as http:
                    for q in queries:  # warm-up
                        http.get("/api/v1/comments", params={"q": q})
                    for i in range(200):
                        q = queries[i % len(queries)]
                        t0 = time.perf_counter()
                        resp = http.get("/api/v1/comments", params={"q": q, "limit": 50})
                        lat.append((time.perf_counter() - t0) * 1000)
                        assert resp.status_code == 200 and resp.json()["items"], resp.text[:200]
            print(
                f"search at {have:,}: p50 {pct(lat, 50):.1f} ms  p95 {pct(lat, 95):.1f} ms   (bar p95 ≤ 100 ms)"
            )
        w.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--search-rows", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    for kind in args.engines.split(","):
        bench_engine(kind, args.search_rows, args.seconds)


if __name__ == "__main__":
    main()
