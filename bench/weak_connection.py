"""The web app on a weak connection (issue 18): a real Chromium, throttled, at phone size.

    uv run python bench/weak_connection.py [--runs 3] [--dist frontend/dist] [--base URL]
                                           [--unthrottled]

Serves the production build (``frontend/dist``; built with ``npm run build`` when missing) with
``ykien serve`` on a free port, a throw-away SQLite database and the demo data, then runs
``bench/weak_connection.mjs`` (Playwright's Chromium at /usr/bin/chromium, throttled through the
DevTools protocol to 400 ms latency and 400 kbit/s down and up, a fresh browser per run: cold
cache, no service worker). ``--base`` measures a server already running instead.

Prints, per screen, the median time with its bar and PASS/FAIL, the bytes received and the
number of requests (all of them, the service worker's included, served from the cache or not;
and those to the API), and the load average beside them (the machine is shared: repeat and compare
medians). ``--unthrottled`` runs the same screens without throttling too and prints what the
server and the CPU take alone and the connection's part (the difference): on a machine shared
with other work the server's own time (the login's password hash above all) swells.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "bench" / "weak_connection.mjs"
# Bars of issue 18, in milliseconds.
BARS = {"login": 3000, "entry": 2000, "dashboard": 2000}
LABELS = {
    "login": "login usable (from opening /)",
    "entry": "entry screen ready (after submitting the login)",
    "dashboard": "province dashboard totals (after submitting the login)",
    "background": "service worker's background downloads after the entry screen",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(base: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {base} did not become ready")


def _serve(dist: Path, tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "YKIEN_DATABASE_URL": f"sqlite:///{tmp / 'weak.db'}",
        "YKIEN_DEMO": "1",
        "YKIEN_FRONTEND_DIST": str(dist),
        "YKIEN_LOG_LEVEL": "WARNING",
    }
    ykien = shutil.which("ykien") or "ykien"
    proc = subprocess.Popen(
        [ykien, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_ready(base)
    return proc, base


def _drive(base: str, runs: int, *, throttled: bool = True) -> list[dict[str, Any]]:
    node = shutil.which("node") or "node"
    mode = "on" if throttled else "off"
    out = subprocess.run(
        [node, "--experimental-websocket", "--no-warnings", str(DRIVER), base, str(runs), mode],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def report(results: list[dict[str, Any]], unthrottled: list[dict[str, Any]]) -> bool:
    load = os.getloadavg()
    print(f"runs: {len(results)}   load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    ok = True
    for screen in ("login", "entry", "dashboard", "background"):
        ms = [r[screen]["ms"] for r in results if screen in r and "ms" in r[screen]]
        kb = statistics.median(r[screen]["bytes"] for r in results) / 1024
        requests = statistics.median(r[screen]["requests"] for r in results)
        api = statistics.median(r[screen].get("api", 0) for r in results)
        traffic = f"{kb:6.1f} KB received, {requests:3.0f} requests ({api:.0f} to the API)"
        if screen not in BARS:
            print(f"  {LABELS[screen]:<56} {traffic}")
            continue
        median = statistics.median(ms)
        verdict = "PASS" if median <= BARS[screen] else "FAIL"
        ok = ok and verdict == "PASS"
        runs = ", ".join(f"{m / 1000:.2f}" for m in ms)
        print(
            f"  {LABELS[screen]:<56} {median / 1000:5.2f} s  (bar ≤ {BARS[screen] / 1000:.0f} s) "
            f"{verdict}   {traffic}   [runs: {runs}]"
        )
        if unthrottled:
            alone = statistics.median(r[screen]["ms"] for r in unthrottled)
            print(
                f"  {'':<56} unthrottled {alone / 1000:5.2f} s (server and CPU on this machine "
                f"now); the connection's part {(median - alone) / 1000:5.2f} s"
            )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dist", type=Path, default=ROOT / "frontend" / "dist")
    parser.add_argument("--base", help="measure this running server instead of starting one")
    parser.add_argument(
        "--unthrottled",
        action="store_true",
        help="also run without throttling: on a busy machine, what the server and CPU take alone",
    )
    args = parser.parse_args()

    def measure(base: str) -> bool:
        throttled = _drive(base, args.runs)
        alone = _drive(base, args.runs, throttled=False) if args.unthrottled else []
        return report(throttled, alone)

    if args.base:
        print(f"Web app on a weak connection: {args.base}")
        print("all bars met" if measure(args.base) else "some bars not met")
        return
    if not (args.dist / "index.html").is_file():
        subprocess.run(["npm", "run", "build"], cwd=ROOT / "frontend", check=True)
    tmp = Path(tempfile.mkdtemp(prefix="ykien-weak-"))
    proc, base = _serve(args.dist, tmp)
    try:
        print(f"Web app on a weak connection: {base}, dist {args.dist}")
        ok = measure(base)
    finally:
        proc.terminate()
        proc.wait(15)
        shutil.rmtree(tmp, ignore_errors=True)
    # A failed bar is a figure to report, not a crash: `make bench` goes on to the next script.
    print("all bars met" if ok else "some bars not met")


if __name__ == "__main__":
    main()
