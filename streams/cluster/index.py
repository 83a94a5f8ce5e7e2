# cython: annotation_typing=False
"""Inverted index over one language's active stories: term → the most recently changed story ids,
each with the term's weight in that story's centroid (so a lookup accumulates dot products).

A story is posted under its weighty centroid terms only (`ClusterParams.post_share` of the
centroid's norm): a big story's tail of light terms could not make it a candidate anyway, and
moving it in those lists was most of the cost of a join at a million active articles.
Postings are insertion-ordered dicts: a story that changes moves to the end of each of its posted
terms' lists, and a list longer than `max_postings` drops its least recently changed story, so a
high-DF term never makes a lookup scan a huge list (lookups read at most `per_term` ids a term).
The document frequency of a term (how many active stories' centroids carry it, light or not) is
counted exactly: it is the IDF statistic, and a restore that re-adds the stories in change order
rebuilds all of it.

Most terms (names) are carried by one story: their posting is a `(story id, weight)` pair, not a
one-entry dict, which a story change leaves alone unless the weight moved. With a million active
articles there are ~0.5M such terms: a dict each cost memory and, on every update, cache misses.
A list that grows to two ids becomes a dict (the older id first), and shrinks back to a pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice


def posted_terms(terms: dict[str, float], length: float, share: float) -> dict[str, float]:
    """The centroid terms a story is fetched by: those weighing at least `share` of its norm (a
    new dict: the caller diffs it against the previous one). Weights are positive: share 0 is all."""
    cut = share * length
    return {t: w for t, w in terms.items() if w >= cut}


class TermIndex:
    __slots__ = ("df", "postings", "stories", "max_postings")

    def __init__(self, max_postings: int) -> None:
        self.df: dict[str, int] = {}
        self.postings: dict[str, dict[str, float] | tuple[str, float]] = {}  # pair: one story carries it
        self.stories = 0  # active stories in this shard: the N of the IDF
        self.max_postings = max_postings

    def add(self, sid: str, terms: Iterable[str], posted: Mapping[str, float]) -> None:
        """A story became active with these centroid `terms`, fetched by its `posted` ones."""
        self.stories += 1
        self.update(sid, terms, (), posted, ())

    def update(self, sid: str, added: Iterable[str], removed: Iterable[str], posted: Mapping[str, float],
               unposted: Iterable[str]) -> None:
        """A story's centroid gained `added` and lost `removed` terms (the DF); it leaves the lists of
        `unposted` (every removed term it was posted under, too) and moves to the end of every list
        of its `posted` terms."""
        df = self.df
        for term in added:
            df[term] = df.get(term, 0) + 1
        for term in removed:
            self._uncount(term)
        for term in unposted:
            self._unpost(sid, term)
        postings, cap = self.postings, self.max_postings
        for term, weight in posted.items():
            ids = postings.get(term)
            if ids is None:
                postings[term] = (sid, weight)
            elif ids.__class__ is tuple:
                if ids[0] == sid:
                    if ids[1] != weight:
                        postings[term] = (sid, weight)
                    continue
                ids = postings[term] = {ids[0]: ids[1], sid: weight}
                if len(ids) > cap:
                    del ids[next(iter(ids))]
            elif ids.pop(sid, None) is not None:
                ids[sid] = weight
            else:
                ids[sid] = weight
                if len(ids) > cap:
                    del ids[next(iter(ids))]

    def remove(self, sid: str, terms: Iterable[str], posted: Iterable[str]) -> None:
        """A story left memory (dormant or merged)."""
        self.stories -= 1
        for term in terms:
            self._uncount(term)
        for term in posted:
            self._unpost(sid, term)

    def _uncount(self, term: str) -> None:
        n = self.df.get(term, 0) - 1
        if n > 0:
            self.df[term] = n
        else:
            self.df.pop(term, None)

    def _unpost(self, sid: str, term: str) -> None:
        ids = self.postings.get(term)
        if ids is None:
            return
        if ids.__class__ is tuple:
            if ids[0] == sid:
                del self.postings[term]
        elif ids.pop(sid, None) is not None and len(ids) < 2:
            if ids:
                self.postings[term] = next(iter(ids.items()))
            else:
                del self.postings[term]

    def candidates(self, query: dict[str, float], terms: int, per_term: int) -> dict[str, float]:
        """Story id → partial dot product with the query over its `terms` heaviest terms that some
        story carries (an unseen term has the highest IDF and no postings: it must not use up the
        budget), reading the `per_term` most recently changed ids of each posting list. Terms carried
        by more than 5% of the stories (and more than `per_term`) fetch nothing: they still count in
        the full score."""
        hits: dict[str, float] = {}
        postings = self.postings
        get = hits.get
        common = max(per_term, self.stories // 20)
        df = self.df
        used = 0
        for term in sorted(query, key=query.__getitem__, reverse=True):
            ids = postings.get(term)
            if not ids or df[term] > common:
                continue
            q = query[term]
            if ids.__class__ is tuple:
                sid, w = ids
                hits[sid] = get(sid, 0.0) + q * w
            else:
                for sid, w in (ids.items() if len(ids) <= per_term else islice(reversed(ids.items()), per_term)):
                    hits[sid] = get(sid, 0.0) + q * w
            used += 1
            if used >= terms:
                break
        return hits
