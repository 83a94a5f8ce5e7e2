"""Fit the join-vs-new logistic decision (streams/cluster/decide.py) on labelled archives, and check it.

DAgger-style: run the clusterer with the current weights, label every candidate it scores (1 when
the candidate story's majority gold label is the article's), refit on all rows so far, repeat; then
shift the bias for the best mean BCubed F1. `--halves` fits on one half of the gold stories (rpm2:
of the topics) and scores the other half, both ways — the overfitting check. Pure Python, no numpy.
Usage: python bench/fit_decision.py [FILE.jsonl ...] [--halves]. Prints weights to paste as constants.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams.archive import read_archive  # noqa: E402
from streams.cluster import ClusterParams, StoryClusterer  # noqa: E402
from streams.cluster.decide import Decision  # noqa: E402
from streams.flow import Process  # noqa: E402
from streams.models import Article, parse_iso  # noqa: E402
from streams.offline import Scores, score  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "eval"
Labelled = list[tuple[Article, str]]


def load(path: Path) -> Labelled:
    process = Process()
    return [(process(line.item, parse_iso(line.item.published) or 0.0), line.story or "")
            for line in read_archive(path) if line.item is not None]


def half(data: Labelled, h: int) -> Labelled:
    topic = lambda g: g.split("_")[0]  # noqa: E731 — rpm2's two clusters of a topic stay together
    return [(a, g) for a, g in data if int(hashlib.md5(topic(g).encode()).hexdigest(), 16) % 2 == h]


def run(data: Labelled, decision: Decision) -> tuple[list[tuple[tuple[float, ...], bool]], Scores]:
    """Cluster as `newsstream evaluate` does; return the labelled candidate rows and the scores."""
    c = StoryClusterer(ClusterParams(decision=decision))
    gold_of: dict[str, Counter[str]] = defaultdict(Counter)
    rows, pred, into = [], [], {}
    for i, (article, gold) in enumerate(data, 1):
        c.trace = []
        r = c.assign(article)
        for sid, x in c.trace:
            g = gold_of.get(sid)
            rows.append((x, bool(g) and g.most_common(1)[0][0] == gold))
        gold_of[r.story.id][gold] += 1
        for m in r.merged:
            into[m.id] = r.story.id
            gold_of[r.story.id] += gold_of.pop(m.id, Counter())
        pred.append(r.story.id)
        if i % 256 == 0:
            c.sweep()
    final = []
    for sid in pred:
        while sid in into:
            sid = into[sid]
        final.append(sid)
    return rows, score(final, [g for _, g in data])


def fit(rows: list[tuple[tuple[float, ...], bool]], l2: float = 1e-2, iters: int = 12) -> Decision:
    """L2-regularised logistic regression by Newton's method."""
    xs = [(1.0, *x) for x, _ in rows]
    ys = [1.0 if y else 0.0 for _, y in rows]
    d = len(xs[0])
    w = [0.0] * d
    for _ in range(iters):
        g = [l2 * wi if i else 0.0 for i, wi in enumerate(w)]
        h = [[l2 if i == j else 0.0 for j in range(d)] for i in range(d)]
        for x, y in zip(xs, ys):
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x))))))
            s = p * (1.0 - p)
            for i in range(d):
                g[i] += (p - y) * x[i]
                for j in range(d):
                    h[i][j] += s * x[i] * x[j]
        w = [a - b for a, b in zip(w, _solve(h, g))]
    return Decision(bias=round(w[0], 4), weights=tuple(round(v, 4) for v in w[1:]))  # type: ignore[arg-type]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for i in range(n):
        p = max(range(i, n), key=lambda r: abs(m[r][i]))
        m[i], m[p] = m[p], m[i]
        for r in range(n):
            if r != i and m[i][i]:
                f = m[r][i] / m[i][i]
                m[r] = [x - f * y for x, y in zip(m[r], m[i])]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def train(sets: list[Labelled], rounds: int = 3) -> Decision:
    decision, rows = ClusterParams().decision, []
    for _ in range(rounds):
        for data in sets:
            rows += run(data, decision)[0]
        decision = fit(rows)
    shifts = [s / 4 for s in range(-4, 13)]
    best = max(shifts, key=lambda s: sum(run(d, Decision(decision.bias + s, decision.weights))[1].bcubed_f1 for d in sets))
    return Decision(round(decision.bias + best, 4), decision.weights)


def fmt(s: Scores) -> str:
    return f"BCubed P {s.bcubed_p:.3f} R {s.bcubed_r:.3f} F1 {s.bcubed_f1:.3f}  pairwise F1 {s.pair_f1:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", default=[str(EVAL / "uci-dev.jsonl"), str(EVAL / "rpm2-fr-dev.jsonl")])
    ap.add_argument("--halves", action="store_true")
    args = ap.parse_args()
    sets = [load(Path(f)) for f in args.files]
    names = [Path(f).stem for f in args.files]
    shipped = ClusterParams().decision
    for name, data in zip(names, sets):
        print(f"shipped   {name:14} {fmt(run(data, shipped)[1])}")
    if args.halves:
        for h in (0, 1):
            d = train([half(s, h) for s in sets])
            for name, data in zip(names, sets):
                for part, label in ((h, "fit"), (1 - h, "held-out")):
                    print(f"half {h} {label:8} {name:14} {fmt(run(half(data, part), d)[1])}   "
                          f"(shipped: {fmt(run(half(data, part), shipped)[1])})")
    d = train(sets)
    print(f"fitted    {d}")
    for name, data in zip(names, sets):
        print(f"fitted    {name:14} {fmt(run(data, d)[1])}")


if __name__ == "__main__":
    main()
