"""Clustering quality under other arrival orders: a guard against tuning to one stream's order.

Single-pass clustering depends on the order articles arrive in, and each dev set is one order. This
re-dates each labelled file N times, permuting the `published` times among the articles of each
UTC day (the day-level shape stays: rpm2-fr-dev's two clusters a month apart stay a month apart),
and scores `newsstream cluster`'s own code path (`streams.offline.cluster_archive`) on every order.
With `--text-chars N` each text is cut at a word boundary before N characters (0: headlines only),
as a feed's summary is; `--text-share P` cuts only that share of the articles (chosen by id).
`--set NAME=VALUE` (repeatable) scores other clusterer settings: a `ClusterParams` field
(`single_logit=1.5`, `merge_threshold=0.17`) or `bias`, the decision's.
Final line: {"<file>": {"original", "mean", "min", "max", "orders"}, ...} (BCubed F1).
Usage: python bench/orders.py [FILE.jsonl ...] [--orders 8] [--text-chars N [--text-share P]]
       [--set NAME=VALUE ...]   (default: the dev sets in ../shared, the shipped settings)
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streams.cluster import ClusterParams  # noqa: E402
from streams.cluster.decide import Decision  # noqa: E402
from streams.offline import cluster_archive, score  # noqa: E402

EVAL = REPO.parent / "shared" / "data" / "eval"


def reordered(lines: list[dict], seed: int) -> list[dict]:
    """The same articles with their times permuted within each UTC day, in the new time order."""
    rng = random.Random(seed)
    days: dict[str, list[int]] = {}
    for i, row in enumerate(lines):
        days.setdefault(str(row.get("published") or "")[:10], []).append(i)
    out = [dict(row) for row in lines]
    for idx in days.values():
        times = [lines[i].get("published") for i in idx]
        rng.shuffle(times)
        for i, when in zip(idx, times, strict=True):
            out[i]["published"] = when
    return sorted(out, key=lambda row: str(row.get("published") or ""))


def cut_texts(lines: list[dict], chars: int, share: float = 1.0) -> list[dict]:
    """Texts cut at a word boundary before `chars` characters, for the articles whose id's CRC-32
    falls in the first `share` of its range (all by default): a stream of feed summaries."""
    out = []
    for row in lines:
        text = str(row.get("text") or "")
        if len(text) >= chars and zlib.crc32(str(row.get("id")).encode()) % 10_000 < share * 10_000:
            head = text[:chars]
            text = head[:head.rfind(" ")] if chars and " " in head else ""
            row = {**row, "text": text}
        out.append(row)
    return out


def params_of(settings: list[str]) -> ClusterParams:
    """`ClusterParams` with NAME=VALUE settings applied (`bias`: the decision's), each parsed as
    its default's type; a name that is neither is an error."""
    fields, decision = {}, {}
    defaults = ClusterParams()
    for setting in settings:
        name, eq, value = setting.partition("=")
        if not eq or not (name == "bias" or (hasattr(defaults, name) and name != "decision")):
            raise SystemExit(f"--set {setting!r}: expected NAME=VALUE with a ClusterParams field or bias")
        target, default = (decision, Decision().bias) if name == "bias" else (fields, getattr(defaults, name))
        try:
            target[name] = type(default)(value)
        except ValueError:
            raise SystemExit(f"--set {setting!r}: {value!r} is not a {type(default).__name__}") from None
    return ClusterParams(**fields, decision=Decision(**decision))


def f1_of(lines: list[dict], workdir: Path, params: ClusterParams | None = None) -> float:
    path = workdir / "order.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in lines), encoding="utf-8")
    preds = cluster_archive(path, params, err=io.StringIO())
    return score([p.story_id for p in preds], [p.gold or "" for p in preds]).bcubed_f1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--orders", type=int, default=8, help="reordered copies per file, besides the original")
    ap.add_argument("--text-chars", type=int, help="cut each text before this many characters (0: none left)")
    ap.add_argument("--text-share", type=float, default=1.0, help="share of the articles --text-chars cuts")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a clusterer setting (ClusterParams field, or bias)")
    args = ap.parse_args()
    params = params_of(args.set)
    files = [Path(f) for f in args.files] or sorted(EVAL.glob("*-dev.jsonl"))
    if not files:
        raise SystemExit(f"no labelled files given and none in {EVAL}")
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            lines = [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]
            if args.text_chars is not None:
                lines = cut_texts(lines, args.text_chars, args.text_share)
            scores = [f1_of(lines, Path(tmp), params)] + [f1_of(reordered(lines, seed), Path(tmp), params)
                                                          for seed in range(1, args.orders + 1)]
            result[path.stem] = {"original": round(scores[0], 4), "mean": round(statistics.mean(scores), 4),
                                 "min": round(min(scores), 4), "max": round(max(scores), 4), "orders": len(scores)}
            print(f"{path.name}: {result[path.stem]}", file=sys.stderr, flush=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
