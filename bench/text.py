"""Throughput of the pure clean + tag stages on the eval archives.

Two workloads, because they stress different code: feed items (title + a 300-character summary, the
bulk of live traffic) and full texts (long bodies: boilerplate rules, entity runs, keywords).
The duplicate index (needed by the story stage, not by clean + tag) is timed apart on full texts.
Goals per core: 5,000 feed items/s and 500 full texts/s.
Usage: python bench/text.py [--eval-dir DIR] [--seconds S]. The last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams.clean import Cleaner, DuplicateIndex  # noqa: E402
from streams.errors import InputError  # noqa: E402
from streams.models import RawItem  # noqa: E402
from streams.tag import Tagger  # noqa: E402

DEFAULT_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "eval"
NOW = 1_900_000_000.0


def load(eval_dir: Path) -> tuple[list[RawItem], list[RawItem]]:
    """Feed-item and full-text RawItems from every *.jsonl archive (no `lang` hint: detection is timed)."""
    items: list[RawItem] = []
    full: list[RawItem] = []
    for path in sorted(eval_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                common = dict(id=row["id"], feed_url=str(path), source=row.get("source", ""), url=row.get("url", ""),
                              title=row.get("title", ""), published=row.get("published"))
                text = row.get("text") or ""
                items.append(RawItem(**common, summary=text[:300]))
                if text:
                    full.append(RawItem(**common, content=text))
    return items, full


def _one_pass(raws: list[RawItem], clean: Cleaner, tag: Tagger) -> float:
    start = time.perf_counter()
    for raw in raws:
        try:
            tag(clean(raw, NOW))
        except InputError:
            pass
    return time.perf_counter() - start


def rate(raws: list[RawItem], seconds: float) -> float:
    """Items per second through Cleaner + Tagger: the best of repeated passes over `raws`.

    Best-of, as timeit does: on a shared machine slower passes measure the neighbours, not the code.
    """
    clean, tag = Cleaner(), Tagger()
    best, spent = float("inf"), 0.0
    while spent < seconds or best == float("inf"):
        elapsed = _one_pass(raws, clean, tag)
        best, spent = min(best, elapsed), spent + elapsed
    return len(raws) / best


def dedup_rate(raws: list[RawItem], seconds: float) -> float:
    """Articles per second through DuplicateIndex.add (exact keys + MinHash), on pre-cleaned full texts."""
    clean = Cleaner()
    articles = []
    for raw in raws:
        try:
            articles.append(clean(raw, NOW))
        except InputError:
            pass
    best, spent = float("inf"), 0.0
    while spent < seconds or best == float("inf"):
        index = DuplicateIndex()
        start = time.perf_counter()
        for article in articles:
            index.add(article, NOW)
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
    return len(articles) / best if articles else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--seconds", type=float, default=5.0, help="time budget per workload")
    args = parser.parse_args()
    items, full = load(args.eval_dir)
    if not items:
        raise SystemExit(f"no *.jsonl archives in {args.eval_dir}")
    rate(items[:200], 0.2)  # warm-up: imports, regex caches
    items_per_s = rate(items, args.seconds)
    fulltext_per_s = rate(full, args.seconds) if full else 0.0
    print(f"feed items: {len(items)} distinct, full texts: {len(full)} distinct", file=sys.stderr)
    dedup_per_s = dedup_rate(full, min(args.seconds, 2.0)) if full else 0.0
    print(json.dumps({"items_per_s": round(items_per_s, 1), "fulltext_per_s": round(fulltext_per_s, 1),
                      "dedup_fulltext_per_s": round(dedup_per_s, 1)}))


if __name__ == "__main__":
    main()
