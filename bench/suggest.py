"""Suggestions: quality on the labelled set and grouping time (issue 5, point 5).

    uv run python -m bench.suggest [--sizes 1000,5000,20000] [--repeat 3]

Prints pairwise precision, recall and F1 of ``group_similar`` on ``tests/data/suggestions_labelled.json``
(bar: precision ≥ 0.9, recall ≥ 0.8): on the whole set, on the tuning half (groups whose CRC-32 is
even) and on the held-out half (odd), to show the threshold and word lists were not fitted to the
figures reported. Then the time to group n comments made by ``ykien.demo.phrases.generate_comments``
(bar: ≤ 2 s for 20,000), best of --repeat runs, with the number and size of the groups found.
"""

import argparse
import json
import random
import time
import zlib
from pathlib import Path
from typing import Any

from ykien.demo.documents import DOCUMENTS
from ykien.demo.phrases import generate_comments
from ykien.syntheses.suggest import SuggestInput, group_similar, pairwise_precision_recall

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "suggestions_labelled.json"


def held_out(group: str) -> bool:
    """The held-out half: groups whose CRC-32 is odd (the even half was used for tuning)."""
    return zlib.crc32(group.encode()) % 2 == 1


def quality(rows: list[dict[str, str]]) -> tuple[float, float, float]:
    items = [SuggestInput(key=r["id"], text=r["text"], comments=1, people=1) for r in rows]
    expected: dict[str, list[str]] = {}
    for r in rows:
        expected.setdefault(r["group"], []).append(r["id"])
    p, r = pairwise_precision_recall(group_similar(items), list(expected.values()))
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def section_numbers(sections: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for s in sections:
        out.append(s["number"])
        out += section_numbers(s.get("children", []))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    rows = json.loads(LABELLED.read_text(encoding="utf-8"))
    print(f"labelled set: {len(rows)} comments, {len({r['group'] for r in rows})} groups")
    print(f"{'split':<22}{'n':>5}{'precision':>11}{'recall':>8}{'F1':>7}")
    for name, part in (
        ("all", rows),
        ("tuning (even hash)", [r for r in rows if not held_out(r["group"])]),
        ("held-out (odd hash)", [r for r in rows if held_out(r["group"])]),
    ):
        p, r, f1 = quality(part)
        print(f"{name:<22}{len(part):>5}{p:>11.3f}{r:>8.3f}{f1:>7.3f}")

    sections = {d["code"]: section_numbers(d["sections"]) for d in DOCUMENTS}
    print(f"\n{'comments':>9}{'best s':>9}{'groups':>8}{'grouped':>9}{'largest':>9}")
    for n in (int(x) for x in args.sizes.split(",")):
        comments = generate_comments(random.Random(n), n, sections)
        items = [
            SuggestInput(key=f"c:{i:06d}", text=c["content"], comments=1, people=c["people"])
            for i, c in enumerate(comments)
        ]
        best = float("inf")
        groups: list[list[str]] = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            groups = group_similar(items)
            best = min(best, time.perf_counter() - start)
        grouped = sum(len(g) for g in groups)
        largest = max((len(g) for g in groups), default=0)
        print(f"{n:>9}{best:>9.3f}{len(groups):>8}{grouped:>9}{largest:>9}")


if __name__ == "__main__":
    main()
