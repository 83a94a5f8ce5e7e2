"""How far better decisions alone could take clustering quality: scores with an oracle in the loop.

The clusterer retrieves candidate stories, ranks them by the decision's logit, and joins the best
if the logit is positive. Each mode below replaces part of that with the gold labels (a story is
"right" for an article when most of its articles so far share the article's gold story), keeping
everything else, merges included, as `newsstream evaluate` runs it:
- `shipped`: no oracle.
- `top_decision`: join or not the top-ranked candidate exactly when it is right (a perfect
  join-vs-new rule over today's ranking).
- `rank_would_join`: among the candidates the rule would join (positive logit), a right one first
  (a perfect ranking of them; the rule itself unchanged).
- `no_wrong_join`: a wrong candidate never joins or merges; right ones keep their logits (perfect
  precision of the rule, its recall unchanged).
- `any_retrieved`: join a right candidate whenever retrieval found one (perfect rule and ranking).
If `top_decision` and `rank_would_join` stay below a target while `any_retrieved` clears it,
neither a better threshold nor a better order reaches it: the similarity must judge each candidate
better (same event, not only same people and places). Final line: {"<file>": {mode: BCubed F1, ...}, ...}.
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
from streams.cluster import StoryClusterer  # noqa: E402
from streams.offline import cluster_archive, score  # noqa: E402

EVAL = REPO.parent / "shared" / "data" / "eval"
MODES = ("shipped", "top_decision", "rank_would_join", "no_wrong_join", "any_retrieved")


def oracle(mode: str, gold: dict[str, str]) -> type[StoryClusterer]:
    """A clusterer whose candidate logits are rewritten from the gold labels as `mode` says."""

    class Oracle(StoryClusterer):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.labels: defaultdict[str, Counter[str]] = defaultdict(Counter)  # story → its articles' gold
            self.want = ""  # the gold story of the article being assigned

        def right(self, story_id: str) -> bool:
            seen = self.labels.get(story_id)
            return bool(seen) and seen.most_common(1)[0][0] == self.want

        def assign(self, article):
            self.want = gold.get(article.id, "")
            result = super().assign(article)
            self.labels[result.story.id][self.want] += 1
            for gone in result.merged:
                self.labels[result.story.id].update(self.labels.pop(gone.id, Counter()))
            return result

        def _rank(self, index, vec, when, has_body, late):
            ranked = super()._rank(index, vec, when, has_body, late)
            if mode == "top_decision" and ranked:
                best = ranked[0][1]
                return [(1.0, best)] + ranked[1:] if self.right(best.story.id) else []
            if mode == "rank_would_join" and ranked and not self.right(ranked[0][1].story.id):
                first = next((sc for sc in ranked if sc[0] > 0.0 and self.right(sc[1].story.id)), None)
                return ranked if first is None else [first] + [sc for sc in ranked if sc is not first]
            if mode == "no_wrong_join":
                return [(s if self.right(c.story.id) else -1.0, c) for s, c in ranked]
            if mode == "any_retrieved":
                return sorted(((1.0 if self.right(c.story.id) else -1.0, c) for _, c in ranked),
                              key=lambda sc: (-sc[0], sc[1].story.id))
            return ranked

    return Oracle


def f1(path: Path, mode: str) -> float:
    gold = {line.item.id: line.story or "" for line in read_archive(path) if line.item is not None}
    shipped, flow.StoryClusterer = flow.StoryClusterer, oracle(mode, gold)
    try:
        preds = cluster_archive(path, err=io.StringIO())
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
