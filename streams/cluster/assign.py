"""Online, single-pass story assignment: each article joins the best active story or starts one.

Candidates come from an inverted index over the active stories' terms (never a scan of all
stories); the score is TF-IDF cosine against the story centroid with a Gaussian time decay.
Decisions depend only on the input order and the restored stories, so a replay re-derives them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from streams.cluster.story import add_article, new_story
from streams.cluster.vectorize import DocumentFrequencies, term_counts
from streams.models import Article, Story, parse_iso


@dataclass(frozen=True, slots=True)
class ClusterParams:
    threshold: float = 0.30  # cosine (after decay) needed to join a story
    window_hours: float = 72.0  # stories idle longer than this leave memory (dormant)
    decay_hours: float = 36.0  # Gaussian σ of the time decay against the story's newest article
    query_terms: int = 12  # highest-IDF article terms used to fetch candidates
    max_candidates: int = 200


@dataclass(slots=True)
class Assignment:
    story: Story
    created: bool  # the article started this story
    new_source: bool  # the article's publisher had not been in the story
    duplicate: bool = False  # the article was already assigned (redelivery): nothing changed
    score: float = 0.0


@dataclass(slots=True)
class _Active:
    story: Story
    updated: float  # epoch seconds of the newest article
    norm_cache: tuple[int, float] | None = field(default=None)


class StoryClusterer:
    """The cluster stage. `assign()` is the hot path; `restore()` rebuilds from stored stories."""

    def __init__(self, params: ClusterParams | None = None) -> None:
        self.params = params or ClusterParams()
        self._df: dict[str, DocumentFrequencies] = {}
        self._active: dict[str, _Active] = {}
        self._index: dict[tuple[str, str], set[str]] = {}  # (lang, term) → story ids
        self._article_story: dict[str, str] = {}
        self._latest = 0.0
        self._since_sweep = 0

    def __len__(self) -> int:
        return len(self._active)

    def stories(self) -> list[Story]:
        return [a.story for a in self._active.values()]

    def story_of(self, article_id: str) -> str | None:
        return self._article_story.get(article_id)

    def restore(self, stories: list[Story]) -> None:
        """Load stories (e.g. from the Faust table after a rebalance) in creation order."""
        for story in sorted(stories, key=lambda s: (s.created_at, s.id)):
            if story.status != "active":
                continue
            df = self._df.setdefault(story.lang, DocumentFrequencies())
            n = max(1, len(story.article_ids))
            df.docs += n
            for term, count in story.terms.items():
                df.df[term] = df.df.get(term, 0) + min(n, max(1, int(count // 2)))
            self._activate(story)
            for aid in story.article_ids:
                self._article_story[aid] = story.id

    def assign(self, article: Article) -> Assignment:
        known = self._article_story.get(article.id)
        if known is not None and known in self._active:
            return Assignment(self._active[known].story, created=False, new_source=False, duplicate=True)
        when = parse_iso(article.published) or self._latest
        self._latest = max(self._latest, when)
        counts = term_counts(article)
        df = self._df.setdefault(article.lang, DocumentFrequencies())
        df.add(counts)
        vec = df.weigh(counts)
        best, score = self._best(article.lang, vec, when, df)
        if best is None:
            story = new_story(article, counts)
            self._activate(story)
            result = Assignment(story, created=True, new_source=False, score=score)
        else:
            is_new_source = article.source_id not in best.story.sources
            add_article(best.story, article, counts)
            best.updated = max(best.updated, when)
            best.norm_cache = None
            self._index_story(best.story)
            result = Assignment(best.story, created=False, new_source=is_new_source, score=score)
        self._article_story[article.id] = result.story.id
        self._maybe_sweep()
        return result

    # -- scoring ---------------------------------------------------------------------------
    def _best(self, lang: str, vec: dict[str, float], when: float, df: DocumentFrequencies) -> tuple[_Active | None, float]:
        p = self.params
        query = sorted(vec, key=lambda t: (-vec[t], t))[: p.query_terms]
        hits: dict[str, int] = {}
        for term in query:
            for sid in self._index.get((lang, term), ()):
                hits[sid] = hits.get(sid, 0) + 1
        if not hits:
            return None, 0.0
        candidates = sorted(hits, key=lambda s: (-hits[s], s))[: p.max_candidates]
        best: _Active | None = None
        best_score = 0.0
        sigma = p.decay_hours * 3600.0
        horizon = p.window_hours * 3600.0
        for sid in candidates:
            active = self._active.get(sid)
            if active is None:  # stale index entry of a term pruned from the centroid
                continue
            age = abs(when - active.updated)
            if age > horizon:
                continue
            sim = self._cosine(vec, active, df)
            score = sim * math.exp(-0.5 * (age / sigma) ** 2)
            if score > best_score or (score == best_score and best is not None and sid < best.story.id):
                best, best_score = active, score
        if best_score < p.threshold:
            return None, best_score
        return best, best_score

    @staticmethod
    def _cosine(vec: dict[str, float], active: _Active, df: DocumentFrequencies) -> float:
        terms = active.story.terms
        dot = 0.0
        for term, weight in vec.items():
            count = terms.get(term)
            if count:
                dot += weight * (1.0 + math.log(count)) * df.idf(term)
        if dot == 0.0:
            return 0.0
        cache = active.norm_cache
        if cache is None or cache[0] != df.docs:
            norm = math.sqrt(sum(((1.0 + math.log(c)) * df.idf(t)) ** 2 for t, c in terms.items() if c > 0))
            cache = active.norm_cache = (df.docs, norm or 1.0)
        return dot / cache[1]

    # -- index maintenance -----------------------------------------------------------------
    def _activate(self, story: Story) -> None:
        self._active[story.id] = _Active(story, parse_iso(story.updated_at) or self._latest)
        self._index_story(story)

    def _index_story(self, story: Story) -> None:
        for term in story.terms:
            self._index.setdefault((story.lang, term), set()).add(story.id)

    def _unindex(self, story: Story) -> None:
        for term in story.terms:
            ids = self._index.get((story.lang, term))
            if ids is not None:
                ids.discard(story.id)
                if not ids:
                    del self._index[(story.lang, term)]

    def _maybe_sweep(self, every: int = 1000) -> None:
        """Stories idle past the window go dormant: out of memory, still in the table/topic."""
        self._since_sweep += 1
        if self._since_sweep < every:
            return
        self._since_sweep = 0
        cutoff = self._latest - self.params.window_hours * 3600.0
        for sid in [sid for sid, a in self._active.items() if a.updated < cutoff]:
            active = self._active.pop(sid)
            self._unindex(active.story)
            for aid in active.story.article_ids:
                self._article_story.pop(aid, None)
