"""The change feed under concurrent writers, on SQLite and PostgreSQL (issue 15, item 3).

    uv run python -m bench.change_feed [--engines sqlite,postgresql] [--writers 16]
                                       [--workers 2] [--seconds 10]

A server with ``--workers`` uvicorn workers; ``--writers`` threads post single comments over
HTTP for ``--seconds`` while one follower pages ``GET /api/v1/comments/changes`` (500 a page)
from the start, as the commune's secretary (the whole subtree). Prints, per engine:
- writes/s (acknowledged 201s) and feed items/s while the writers run;
- the follower's lag: p50/p95 from a comment's acknowledgement to the follower first seeing it,
  and, at the end, how long after the last acknowledgement the follower had caught up;
- the check: every acknowledged comment seen exactly once (missed and duplicates must be 0).
"""

import argparse
import random
import threading
import time
from typing import Any

import httpx

from bench.common import comment_body, database, pct, server, small_world

PAGE = 500
CATCH_UP_TIMEOUT = 60.0


def run(kind: str, *, writers: int, workers: int, seconds: float) -> dict[str, Any]:
    with database(kind) as url:
        w = small_world(url)
        headers = {"Authorization": f"Bearer {w.tokens['secretary_c']}"}
        with server(url, workers=workers) as base:
            acked: dict[str, float] = {}
            errors = 0
            lock = threading.Lock()
            stop_writing = threading.Event()

            def writer(seed: int) -> None:
                nonlocal errors
                rng = random.Random(seed)
                with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
                    while not stop_writing.is_set():
                        body = comment_body(w, rng)
                        resp = http.post("/api/v1/comments", json=body)
                        with lock:
                            if resp.status_code == 201:
                                acked[body["id"]] = time.perf_counter()
                            else:
                                errors += 1

            seen: dict[str, float] = {}
            duplicates = 0
            pages = 0
            writers_done = threading.Event()
            caught_up_at: list[float] = []

            def follower() -> None:
                nonlocal duplicates, pages
                since: str | None = None
                with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
                    deadline = None
                    while True:
                        params: dict[str, Any] = {"limit": PAGE}
                        if since is not None:
                            params["since"] = since
                        resp = http.get("/api/v1/comments/changes", params=params)
                        resp.raise_for_status()
                        body = resp.json()
                        now = time.perf_counter()
                        pages += 1
                        for item in body["items"]:
                            if item["id"] in seen:
                                duplicates += 1
                            else:
                                seen[item["id"]] = now
                        since = body["next"]
                        if writers_done.is_set():
                            deadline = deadline or now + CATCH_UP_TIMEOUT
                            with lock:
                                done = set(acked) <= set(seen)
                            if (done and not body["items"]) or now > deadline:
                                caught_up_at.append(now)
                                return
                        if not body["items"]:
                            time.sleep(0.05)

            threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
            follow = threading.Thread(target=follower)
            started = time.perf_counter()
            follow.start()
            for t in threads:
                t.start()
            time.sleep(seconds)
            stop_writing.set()
            for t in threads:
                t.join()
            writing = time.perf_counter() - started
            last_ack = max(acked.values(), default=started)
            seen_while_writing = sum(1 for at in seen.values() if at <= started + writing)
            writers_done.set()
            follow.join()
    lags = [(seen[i] - at) * 1000 for i, at in acked.items() if i in seen]
    return {
        "writes": len(acked) / writing,
        "feed": seen_while_writing / writing,
        "lag_p50": pct(lags, 50),
        "lag_p95": pct(lags, 95),
        "catch_up": (caught_up_at[0] - last_ack) * 1000 if caught_up_at else float("nan"),
        "acked": len(acked),
        "missed": len(set(acked) - set(seen)),
        "extra": len(set(seen) - set(acked)),
        "duplicates": duplicates,
        "errors": errors,
        "pages": pages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    failed = False
    for kind in args.engines.split(","):
        r = run(kind, writers=args.writers, workers=args.workers, seconds=args.seconds)
        print(f"== {kind}: {args.writers} writers, {args.workers} workers, {args.seconds:.0f} s ==")
        print(f"writes              {r['writes']:8.0f} comments/s ({r['errors']} errors)")
        print(f"feed                {r['feed']:8.0f} items/s ({r['pages']} pages)")
        print(f"lag ack → seen      p50 {r['lag_p50']:.0f} ms, p95 {r['lag_p95']:.0f} ms")
        print(f"caught up           {r['catch_up']:.0f} ms after the last acknowledgement")
        print(
            f"check               {r['acked']} acknowledged: {r['missed']} missed, "
            f"{r['duplicates']} duplicates, {r['extra']} unknown"
        )
        failed |= bool(r["missed"] or r["duplicates"] or r["extra"])
    if failed:
        raise SystemExit("the change feed missed or repeated comments")


if __name__ == "__main__":
    main()
