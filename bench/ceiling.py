"""How far better decisions alone could take clustering quality: scores with an oracle in the loop.

The clusterer retrieves candidate stories and ranks them by the decision's logit; its rule joins the
first that has a positive logit and shares two distinct things with the article (`min_shared`), or
one for a headline at a strong logit (`assign.joinable`).
Each mode below replaces part of that with the gold labels (a story is "right" for an article when
most of its articles so far share the article's gold story), keeping everything else, merges
included, as `newsstream evaluate` runs it:
- `shipped`: no oracle.
- `top_decision`: the best-ranked candidate joined exactly when it is right (a perfect join-vs-new
  rule, two-shared-things test included, over today's ranking).
- `rank_would_join`: among the candidates the rule would join, a right one first (a perfect order
  of them; the rule itself unchanged).
- `no_wrong_join`: a wrong candidate never joins or merges; right ones face the rule as shipped
  (perfect precision of the rule, its recall unchanged).
- `any_retrieved`: a right candidate joined whenever retrieval found one (perfect rule and order).
If `top_decision` and `rank_would_join` stay below a target while `any_retrieved` clears it,
neither a better threshold nor a better order reaches it: the similarity must judge each candidate
better (same event, not only same people and places). The oracles run the clusterer with
`min_shared` 0 and apply the rule themselves where it is kept; late and dormant revivals, which
then skip it, happen in neither dev set. Final line: {"<file>": {mode: BCubed F1, ...}, ...}.
Usage: python bench/ceiling.py [FILE.jsonl ...]   (default: the dev sets in ../shared)
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streams import flow  # noqa: E402
from streams.archive import read_archive  # noqa: E402
from streams.cluster import ClusterParams, StoryClusterer  # noqa: E402
from streams.cluster.assign import joinable  # noqa: E402
from streams.cluster.vectorize import has_full_text  # noqa: E402
from streams.offline import cluster_archive, score  # noqa: E402

EVAL = REPO.parent / "shared" / "data" / "eval"
MODES = ("shipped", "top_decision", "rank_would_join", "no_wrong_join", "any_retrieved")
SHIPPED = ClusterParams()


def oracle(mode: str, gold: dict[str, str]) -> type[StoryClusterer]:
    """A clusterer (run with `min_shared` 0) whose ranked candidates are rewritten from the gold
    labels as `mode` says; the shipped rule's choice is the first candidate of `_rank`'s list."""

    class Oracle(StoryClusterer):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.labels: defaultdict[str, Counter[str]] = defaultdict(Counter)  # story → its articles' gold
            self.article = None  # the article being assigned

        def right(self, cand) -> bool:
            seen = self.labels.get(cand.story.id)
            return bool(seen) and seen.most_common(1)[0][0] == gold.get(self.article.id, "")

        def passes(self, vec, logit: float, cand) -> bool:
            """The shipped rule: a positive logit, and two distinct shared things or a headline's strong one."""
            article = self.article
            return logit > 0.0 and joinable(SHIPPED, article, vec, cand.story.terms, logit, has_full_text(article))

        def shipped(self, vec, ranked):
            """What the shipped rule goes on with: the list from its pick (`assign`)."""
            pick = next((i for i, (logit, cand) in enumerate(ranked)
                         if logit <= 0.0 or self.passes(vec, logit, cand)), len(ranked))
            return ranked[pick:]

        def assign(self, article):
            self.article = article
            result = super().assign(article)
            self.labels[result.story.id][gold.get(article.id, "")] += 1
            for gone in result.merged:
                self.labels[result.story.id].update(self.labels.pop(gone.id, Counter()))
            return result

        def _rank(self, index, vec, when, has_body, late):
            ranked = super()._rank(index, vec, when, has_body, late)
            if mode == "top_decision":
                return [(1.0, ranked[0][1])] + ranked[1:] if ranked and self.right(ranked[0][1]) else []
            if mode == "any_retrieved":
                return sorted(((1.0 if self.right(c) else -1.0, c) for _, c in ranked),
                              key=lambda sc: (-sc[0], sc[1].story.id))
            if mode == "no_wrong_join":
                return self.shipped(vec, [(s if self.right(c) else -1.0, c) for s, c in ranked])
            view = self.shipped(vec, ranked)
            if mode == "rank_would_join" and view and view[0][0] > 0.0 and not self.right(view[0][1]):
                first = next((sc for sc in view if self.right(sc[1]) and self.passes(vec, *sc)), None)
                if first is not None:
                    return [first] + [sc for sc in view if sc is not first]
            return view

    return Oracle


def f1(path: Path, mode: str) -> float:
    gold = {line.item.id: line.story or "" for line in read_archive(path) if line.item is not None}
    shipped, flow.StoryClusterer = flow.StoryClusterer, oracle(mode, gold)
    try:
        preds = cluster_archive(path, ClusterParams(min_shared=0), err=io.StringIO())
    finally:
        flow.StoryClusterer = shipped
    return round(score([p.story_id for p in preds], [p.gold or "" for p in preds]).bcubed_f1, 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = [Path(f) for f in args.files] or sorted(EVAL.glob("*-dev.jsonl"))
    if not files:
        raise SystemExit(f"no labelled files given and none in {EVAL}")
    result = {}
    for path in files:
        result[path.stem] = {mode: f1(path, mode) for mode in MODES}
        print(f"{path.stem}: {result[path.stem]}", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
