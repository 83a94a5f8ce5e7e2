"""The clusterer's cost in machine instructions an article: a figure the box's load cannot move.

Wall and CPU times on a shared 2-core box swing by 20–40 % between runs, which hides a 5–10 %
change. Valgrind's callgrind counts the instructions executed instead, the same on every run: the
runs fix the string hash seed, which otherwise moves the count by ~1 % through dict layouts. Two
runs under it, one and two passes over uci-dev's headlines (cleaned and tagged beforehand, outside
the count), differ by one warm pass: `assign()` for every article with the fold caches and the
language's prior already built, as `cluster_scale.py`'s `articles_per_s` measures it. Compare
commits by running this from a worktree; without ../shared it counts a 16-article fixture.
Final line: {"articles", "instructions_per_article", "compiled"}. Needs `valgrind` on PATH (~1 minute).
Usage: python bench/instructions.py [--headlines FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

HEADLINES = REPO.parent / "shared" / "data" / "eval" / "uci-dev.jsonl"
FALLBACK = REPO / "tests" / "fixtures" / "restart.jsonl"


def prepare(path: Path, out: Path) -> int:
    """Clean and tag the archive once, outside the count; the articles are pickled for the runs."""
    from streams.archive import read_archive
    from streams.flow import Process
    from streams.models import parse_iso

    process = Process()
    articles = [process(line.item, parse_iso(line.item.published) or 0.0) for line in read_archive(path)
                if line.item is not None]
    out.write_bytes(pickle.dumps(articles))
    return len(articles)


def passes(articles_file: Path, n: int) -> None:
    """The measured child: `n` passes of a fresh clusterer over the articles."""
    from streams.cluster import StoryClusterer

    articles = pickle.loads(articles_file.read_bytes())
    for _ in range(n):
        clusterer = StoryClusterer()
        for article in articles:
            clusterer.assign(article)


def instructions(articles_file: Path, n: int) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
         "--child", str(n), "--articles", str(articles_file)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"refs:\s*([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--headlines", default=str(HEADLINES))
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--articles", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        passes(Path(args.articles), args.child)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not on PATH (Debian: apt-get install valgrind)")
    source = Path(args.headlines) if Path(args.headlines).exists() else FALLBACK
    with tempfile.TemporaryDirectory() as tmp:
        articles_file = Path(tmp) / "articles.pickle"
        n = prepare(source, articles_file)
        one, two = instructions(articles_file, 1), instructions(articles_file, 2)
    per = (two - one) / n
    print(f"{source.name}: {n} articles, {per:,.0f} instructions an article (one warm pass)", file=sys.stderr)
    print(json.dumps({"articles": n, "instructions_per_article": round(per), "compiled": compiled_clusterer()}))


def compiled_clusterer() -> bool:
    """Whether the clusterer runs compiled here (`streams.compiled`): the figure depends on it."""
    from streams.cluster import assign
    from streams.compiled import is_compiled

    return is_compiled(assign)


if __name__ == "__main__":
    main()
