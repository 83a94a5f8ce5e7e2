# cython: annotation_typing=False
"""Online, single-pass story assignment: each article joins the best active story or starts one.

    article ─vectorize─▶ TF-IDF (IDF = story frequency among the language's active stories),
                         everyday words damped by the language's word frequencies (`background`)
            ─index─────▶ candidates: stories sharing its heaviest terms among their weighty ones
                         (bounded postings, never a scan)
            ─decide────▶ logit(cosine vs centroid × time decay, size, full text?) > 0, and two distinct
                         shared things (a name counts once), or for a headline one at a
                         strong logit (`single_logit`) → join the best
            ─merge─────▶ a runner-up whose centroid now matches the winner's: the smaller story is
                         folded into the bigger
Stories idle past `idle_hours` leave memory through `sweep()` (status "dormant"); an article that
would start a story but matches a dormant one strongly (`revive_cosine`, no time decay, within
`revive_days`) revives it instead, when a `load` callback can fetch stored stories; one past the
window but not yet swept continues on the same strong match (else the gap between the window and
`idle_hours` would start a new story where a day later the old one would be revived). Decisions
depend only on the input order and the restored stories: a replay, or a
`restore()` from snapshots, re-derives them.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from streams.cluster.background import POWER, prior
from streams.cluster.decide import Decision, features, shared_concepts
from streams.cluster.dormant import DormantIndex
from streams.cluster.index import TermIndex, posted_terms
from streams.cluster.story import add_article, merge_into, new_story, norm
from streams.cluster.vectorize import has_full_text, term_counts, weigh
from streams.models import Article, Entity, Story, parse_iso

PAUSE_EVERY = 256  # stories `restore` indexes between two calls of its `pause` (~5 ms)


@dataclass(frozen=True, slots=True)
class ClusterParams:
    window_hours: float = 72.0  # an article joins only stories whose newest article is this close
    decay_hours: float = 36.0  # Gaussian σ of the time decay against the story's newest article
    idle_hours: float = 96.0  # stories idle this long go dormant on `sweep()` (≥ window: no decision changes)
    article_terms: int = 48  # heaviest terms kept per article vector
    query_terms: int = 8  # heaviest article terms used to fetch candidates
    per_term: int = 8  # most recently changed stories read per posting list
    max_postings: int = 256  # posting list cap (the least recently changed story is dropped)
    post_share: float = 0.06  # a centroid term fetches its story only if it weighs this share of its norm
    max_candidates: int = 6  # stories scored in full, by their partial dot product from the index
    merge_threshold: float = 0.2  # centroid cosine at which a runner-up and the winner are one story
    background: float = POWER  # power of the language's word-frequency prior on term weights (0: off)
    merge_runner_ups: int = 1  # runner-up candidates checked for a merge after a join
    min_shared: int = 2  # distinct things an article must share with a story to join (a name counts once)
    single_logit: float = 1.0  # ...or one, for a headline or summary, at this decision logit (`joinable`)
    revive_cosine: float = 0.5  # article-centroid cosine reviving a dormant story (0.4 joined unrelated ones)
    revive_days: float = 14.0  # dormant stories idle longer than this are not revived (nor kept)
    decision: Decision = field(default_factory=Decision)


@dataclass(slots=True)
class Assignment:
    story: Story
    created: bool  # the article started this story
    new_source: bool  # the article's publisher had not been in the story
    duplicate: bool = False  # the article was already assigned (redelivery): nothing changed
    score: float = 0.0  # decision logit of the chosen story (of the best candidate when created)
    merged: list[Story] = field(default_factory=list)  # folded into `story`: status "merged", no articles


class _Active:
    __slots__ = ("story", "newest", "norm", "posted")

    def __init__(self, story: Story, post_share: float) -> None:
        self.story = story
        self.newest = parse_iso(story.updated_at) or 0.0
        self.norm = norm(story.terms)
        self.posted = posted_terms(story.terms, self.norm, post_share)


def joinable(p: ClusterParams, article: Article, vec: dict[str, float], terms: dict[str, float],
             logit: float, full: bool) -> bool:
    """Whether an article may join a story its positive `logit` prefers: it shares two distinct
    things with it (`min_shared`; a name counts once), or, having no full text, one at a logit of
    `single_logit` (cosine × decay ≥ 0.18 with the shipped decision). A headline's one shared word
    is often its story's core ("Tibet", "Dati"): French headlines, whose titles are editorial, gain
    0.055 mean BCubed F1 over 9 orders (rpm2-fr-dev as bare titles, 9 of 9 orders better) and
    half-headline streams 0.007, while uci-dev's English headlines stay level (+0.000; 3 orders
    better, 4 worse); a full text shares more when it is the same story: it keeps the two things."""
    return (not full and logit >= p.single_logit) or \
        shared_concepts(vec, terms, article.lang, _names(article)) >= p.min_shared


def _names(article: Article) -> list[Entity]:
    """The names that count once in `shared_concepts`: a full text's. A headline (or a feed's
    summary) carries no entity terms (`term_counts`) and its few words are mostly names, so a full
    name it shares counts as its words, two things (rpm2-fr-dev's articles as bare headlines, mean
    of 5 orders: 0.570 counting it once, 0.626 as its words)."""
    return article.entities if has_full_text(article) else []


class StoryClusterer:
    """The cluster stage. `assign()` is the hot path; `restore()` rebuilds from stored stories."""

    def __init__(self, params: ClusterParams | None = None) -> None:
        self.params = params or ClusterParams()
        self._active: dict[str, _Active] = {}
        self._index: dict[str, TermIndex] = {}  # lang → index over its active stories
        self._article_story: dict[str, str] = {}  # articles of active stories → story id (redelivery)
        self._latest = 0.0  # stream time: the newest article time seen
        self._expired_to = -math.inf  # dormant stories older than this have left `_dormant`
        self._seq = 0  # arrival counter: orders story changes, so a restore rebuilds the postings
        self._idle: list[tuple[float, str]] = []  # heap of (newest article time, story id); stale entries skipped
        self.trace: list[tuple[str, tuple[float, ...]]] | None = None  # (story id, features), for fitting
        self._dormant: dict[str, DormantIndex] = {}  # lang → dormant stories that may be revived
        self.load: Callable[[str], Story | None] | None = None  # stored story by id; None: no revival

    def __len__(self) -> int:
        return len(self._active)

    def __contains__(self, story_id: str) -> bool:
        """Whether the story is active (in memory)."""
        return story_id in self._active

    def stories(self) -> list[Story]:
        return [a.story for a in self._active.values()]

    def story_of(self, article_id: str) -> str | None:
        return self._article_story.get(article_id)

    def restore(self, stories: list[Story], pause: Callable[[], None] | None = None,
                swept: float | None = None) -> list[Story]:
        """Load snapshots (e.g. the Faust table after a rebalance). The active ones are indexed in
        their change order (`seq`), which rebuilds the postings and IDF an uninterrupted run has.
        `pause` is called every `PAUSE_EVERY` stories: a restore in a thread passes one that hands
        the GIL over, which compiled code (`streams.compiled`) never does on its own.

        Snapshots written only in part before a crash can leave an article in two stories (say a
        merge whose target was written and whose merged story was not): the newest change wins, the
        stale snapshot loses the article, and one left empty is marked merged into the winner.
        Returns the snapshots it repaired, for the caller to persist. Stream time is the stories'
        newest; dormant ones past revival at `swept` (the last sweep's time, default stream time)
        are left out, as that sweep dropped them: revivals match an uninterrupted run's."""
        latest = max((parse_iso(s.updated_at) or 0.0 for s in stories), default=0.0)
        self._latest = max(self._latest, latest)
        since = self._revivable_since(latest if swept is None else swept)
        self._expired_to = max(self._expired_to, since)
        fresh = sorted((s for s in stories if s.status == "active" and s.id not in self._active),
                       key=lambda s: (s.seq, s.id))
        owner = dict(self._article_story)
        repaired: list[Story] = []
        for story in reversed(fresh):
            keep = [aid for aid in story.article_ids if aid not in owner]
            if len(keep) != len(story.article_ids):
                winner = next(owner[aid] for aid in story.article_ids if aid in owner)
                story.article_count -= len(story.article_ids) - len(keep)
                story.article_ids = keep
                if not keep:
                    story.status, story.merged_into = "merged", winner
                repaired.append(story)
            for aid in keep:
                owner[aid] = story.id
        for i, story in enumerate(fresh):
            if story.status == "active":
                self._activate(story)
            if pause is not None and i % PAUSE_EVERY == PAUSE_EVERY - 1:
                pause()
        for story in sorted((s for s in stories if s.status == "dormant"), key=lambda s: (s.seq, s.id)):
            newest = parse_iso(story.updated_at) or 0.0
            if story.id not in self._active and newest >= since:
                self._dormant.setdefault(story.lang, DormantIndex()).add(story, newest)
        return repaired

    def revive(self, story: Story) -> Story:
        """Bring a dormant story back into memory, where articles can join it again."""
        if story.id not in self._active and story.status != "merged":
            index = self._dormant.get(story.lang)
            if index is not None:
                index.remove(story.id)
            story.status = "active"
            self._seq += 1
            story.seq = self._seq
            self._activate(story)
        return story

    def sweep(self, now: float | None = None) -> list[Story]:
        """Stories whose newest article is `idle_hours` older than `now` (default: the stream time,
        the newest article seen) go dormant and leave memory; returned so the caller persists them.
        Cheap enough to call after every batch: a heap yields only the expired stories."""
        now = self._latest if now is None else now
        cutoff = now - self.params.idle_hours * 3600.0
        heap, active = self._idle, self._active
        gone: list[Story] = []
        while heap and heap[0][0] < cutoff:
            newest, sid = heapq.heappop(heap)
            cand = active.get(sid)
            if cand is not None and cand.newest == newest:
                self._deactivate(cand.story)
                cand.story.status = "dormant"
                gone.append(cand.story)
                self._dormant.setdefault(cand.story.lang, DormantIndex()).add(cand.story, newest)
        self._expire_dormant(now)
        if len(heap) > 2 * len(active) + 1024:  # drop stale entries now and then
            self._idle = [(a.newest, sid) for sid, a in active.items()]
            heapq.heapify(self._idle)
        return gone

    def _revivable_since(self, now: float) -> float:
        """Dormant stories whose newest article is older stay out of `_dormant`: measured from the
        start of `now`'s hour, a point that depends only on the input (`restore(swept=)`)."""
        return now // 3600.0 * 3600.0 - self.params.revive_days * 86400.0

    def _expire_dormant(self, now: float) -> None:
        """Memory, and lookups through `DormantIndex.COMMON`, change only here: once an hour."""
        keep = self._revivable_since(now)
        if keep > self._expired_to:
            self._expired_to = keep
            for index in self._dormant.values():
                index.expire(keep)

    def assign(self, article: Article) -> Assignment:
        known = self._article_story.get(article.id)
        if known is not None:
            return Assignment(self._active[known].story, created=False, new_source=False, duplicate=True)
        p = self.params
        when = parse_iso(article.published) or self._latest
        if when > self._latest:
            self._latest = when
        self._seq += 1
        index = self._index.get(article.lang)
        if index is None:
            index = self._index[article.lang] = TermIndex(p.max_postings)
        vec = weigh(term_counts(article), index.df, index.stories, p.article_terms, prior(article.lang, p.background))
        late: list[tuple[float, _Active]] = []
        full = has_full_text(article)
        ranked = self._rank(index, vec, when, full, late)
        pick = next((i for i, (logit, cand) in enumerate(ranked)
                     if logit <= 0.0 or joinable(p, article, vec, cand.story.terms, logit, full)), len(ranked))
        if pick == len(ranked) or ranked[pick][0] <= 0.0:
            back = self._strong(late, vec, article) or self._revival(article, vec, when)
            if back is None:
                story = new_story(article, vec, self._seq)
                self._activate(story)
                return Assignment(story, created=True, new_source=False, score=ranked[0][0] if ranked else 0.0)
            score, best, ranked = 0.0, back, []
        else:
            score, best = ranked[pick]
            ranked = ranked[pick:]
        story = best.story
        is_new_source = article.source_id not in story.sources
        added, removed = add_article(story, article, vec, self._seq)
        self._changed(index, best, added, removed, when, article.published)
        self._article_story[article.id] = story.id
        merged: list[Story] = []
        if len(ranked) > 1:
            # a runner-up that had the source already and is merged in makes it not new to the story
            had = {c.story.id for _, c in ranked[1: 1 + p.merge_runner_ups] if article.source_id in c.story.sources}
            best, merged = self._merge_runner_ups(index, best, ranked[1:])
            if had and (best.story.id in had or any(m.id in had for m in merged)):
                is_new_source = False
        return Assignment(best.story, created=False, new_source=is_new_source, score=score, merged=merged)

    def _strong(self, late: list[tuple[float, _Active]], vec: dict[str, float], article: Article) -> _Active | None:
        """The best story past the window but not yet swept that `vec` matches as strongly as a
        revival needs: it would be revived once dormant, so it is not left for a new story now."""
        p = self.params
        fits = [(-cos, cand.story.id, cand) for cos, cand in late
                if cos >= p.revive_cosine
                and shared_concepts(vec, cand.story.terms, article.lang, _names(article)) >= p.min_shared]
        return min(fits, key=lambda f: f[:2])[2] if fits else None

    def _revival(self, article: Article, vec: dict[str, float], when: float) -> _Active | None:
        """The dormant story `vec` matches best, revived; None if none matches strongly enough."""
        index = self._dormant.get(article.lang)
        if not index or self.load is None:
            return None
        p = self.params
        best: tuple[float, str, Story] | None = None
        for sid in index.candidates(vec, when - p.revive_days * 86400.0, 3):
            story = self.load(sid)
            if story is None or story.status != "dormant":
                index.remove(sid)  # revived or merged elsewhere since: stale
                continue
            cos = sum(w * story.terms.get(t, 0.0) for t, w in vec.items()) / norm(story.terms)
            if cos >= p.revive_cosine and (best is None or (-cos, sid) < (-best[0], best[1])) \
                    and shared_concepts(vec, story.terms, article.lang, _names(article)) >= p.min_shared:
                best = (cos, sid, story)
        if best is None:
            return None
        self.revive(best[2])
        return self._active[best[1]]

    # -- scoring ---------------------------------------------------------------------------
    def _rank(self, index: TermIndex, vec: dict[str, float], when: float, has_body: bool,
              late: list[tuple[float, _Active]]) -> list[tuple[float, _Active]]:
        """Candidates by decision logit, best first (ties: story id); those past the window go to
        `late` with their cosine."""
        p = self.params
        hits = index.candidates(vec, p.query_terms, p.per_term)
        if not hits:
            return []
        k = p.max_candidates
        if len(hits) > k:  # highest partial dot first, ties by id: independent of the postings order
            floor = sorted(hits.values(), reverse=True)[k - 1]  # floats sort fast; few reach the floor
            top = [(-d, sid) for sid, d in hits.items() if d >= floor]
            top.sort()
            chosen = [sid for _, sid in top[:k]]
        else:
            chosen = list(hits)
        horizon, revive_age = p.window_hours * 3600.0, p.revive_days * 86400.0
        inv_sigma = 1.0 / (p.decay_hours * 3600.0)
        logit = p.decision.logit
        trace = self.trace
        active = self._active
        out: list[tuple[float, _Active]] = []
        for sid in chosen:
            cand = active[sid]
            age = abs(when - cand.newest)
            terms = cand.story.terms
            dot = 0.0
            for term, w in vec.items():
                c = terms.get(term)
                if c is not None:
                    dot += w * c
            if age > horizon:
                if age <= revive_age:  # as a dormant story would be revived
                    late.append((dot / cand.norm, cand))
                continue
            x = age * inv_sigma
            decay = math.exp(-0.5 * x * x)
            cos, size = dot / cand.norm, cand.story.article_count
            if trace is not None:
                trace.append((sid, features(cos, decay, size, has_body)))
            out.append((logit(cos, decay, size, has_body), cand))
        out.sort(key=lambda sc: (-sc[0], sc[1].story.id))
        return out

    def _merge_runner_ups(self, index: TermIndex, winner: _Active,
                          others: list[tuple[float, _Active]]) -> tuple[_Active, list[Story]]:
        """Runner-ups that also wanted the article and whose centroid now matches the winner's are
        merged with it: the smaller story is folded into the bigger (ties: into the winner), so an
        established story keeps its id, and a merge re-points the few articles of the small one.
        Returns the story the article ends in and the stories folded away."""
        merged: list[Story] = []
        for score, cand in others[: self.params.merge_runner_ups]:
            if score <= 0.0:
                break
            # positive runner-ups come with nearly every join at 1M active: the shared terms are
            # found in C, and fsum makes the sum independent of the set's (per-process) order
            at, bt = winner.story.terms, cand.story.terms
            dot = math.fsum([at[t] * bt[t] for t in at.keys() & bt.keys()])
            if dot / (winner.norm * cand.norm) < self.params.merge_threshold:
                continue
            keep, gone = (cand, winner) if cand.story.article_count > winner.story.article_count else (winner, cand)
            a, b = keep.story, gone.story
            owner = self._article_story
            for aid in b.article_ids:  # re-pointed in place: dropping them first cost a second probe each
                owner[aid] = a.id
            self._deactivate(b, articles=False)
            added, removed = merge_into(a, b, self._seq)
            self._changed(index, keep, added, removed, gone.newest, b.updated_at)
            merged.append(b)
            winner = keep
        return winner, merged

    # -- memory ----------------------------------------------------------------------------
    def _changed(self, index: TermIndex, active: _Active, added: list[str], removed: list[str], when: float,
                 published: str) -> None:
        story = active.story
        active.norm = norm(story.terms)
        before, now = active.posted, posted_terms(story.terms, active.norm, self.params.post_share)
        index.update(story.id, added, removed, now, [t for t in before if t not in now])
        active.posted = now
        if when > active.newest:
            active.newest = when
            story.updated_at = published
            heapq.heappush(self._idle, (when, story.id))

    def _activate(self, story: Story) -> None:
        active = self._active[story.id] = _Active(story, self.params.post_share)
        if active.newest > self._latest:
            self._latest = active.newest
        if story.seq > self._seq:
            self._seq = story.seq
        index = self._index.get(story.lang)
        if index is None:
            index = self._index[story.lang] = TermIndex(self.params.max_postings)
        index.add(story.id, story.terms, active.posted)
        heapq.heappush(self._idle, (active.newest, story.id))
        for aid in story.article_ids:
            self._article_story[aid] = story.id

    def _deactivate(self, story: Story, articles: bool = True) -> None:
        """Out of memory; `articles=False` keeps its article ids' entries (a merge re-points them)."""
        active = self._active.pop(story.id)
        self._index[story.lang].remove(story.id, story.terms, active.posted)
        if articles:
            for aid in story.article_ids:
                self._article_story.pop(aid, None)
