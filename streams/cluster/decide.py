# cython: annotation_typing=False
"""Join or start a new story: a logistic-form decision over similarity, time and size features.

The shipped weights are the tuned simple rule — join when cosine × decay > 0.10 — because the
logistic fits over all the features (`bench/fit_decision.py`: learned on the clusterer's own
candidate pairs of labelled streams, refitted on its decisions, bias tuned for BCubed F1) did not
beat it on held-out halves. Tuning on either half of the dev stories picks 0.08; the full dev
streams, denser in concurrent stories as live news is, pick 0.10 — denser streams want the higher.
The clusterer also asks for two distinct shared things (`shared_concepts`, `ClusterParams.min_shared`):
a name alone ("Xi Jinping" as two words and an entity) is weak evidence; the rule lifts uci-dev 0.79 → 0.82.
A headline has no entity terms, and a full name it shares counts as its two words (`assign._names`);
a headline sharing one thing joins at a strong logit (`assign.joinable`).
Fitted weights drop in as constants: no model file, nothing to download. Join when logit > 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from streams.cluster.vectorize import ENTITY_PREFIX, entity_term, tokens
from streams.models import Entity
from streams.words import has_unspaced, units


def features(cos: float, decay: float, size: int, has_body: bool) -> tuple[float, ...]:
    """Model inputs: the cosine damped by the time decay, the decay, log story size, and the
    full-text interactions (bodies make cosines lower and more reliable than headlines)."""
    c = cos * decay
    b = 1.0 if has_body else 0.0
    return (c, decay, math.log(size), b * c, b)


@dataclass(frozen=True, slots=True)
class Decision:
    """logit = bias + weights · features(...)."""

    bias: float = -1.2
    weights: tuple[float, float, float, float, float] = (12.0, 0.0, 0.0, 0.0, 0.0)

    def logit(self, cos: float, decay: float, size: int, has_body: bool) -> float:
        """`bias + weights · features(...)`, unrolled: this runs for every candidate."""
        w = self.weights
        c = cos * decay
        z = self.bias + w[0] * c + w[1] * decay
        if w[2]:
            z += w[2] * math.log(size)
        if has_body:
            z += w[3] * c + w[4]
        return z


def shared_concepts(vec: dict[str, float], terms: dict[str, float], lang: str,
                    entities: Sequence[Entity] = ()) -> int:
    """Distinct things the article shares with a story: each shared entity once, with its words
    ("Xi Jinping" is one, not three), plus the other shared words, and for text without spaces about
    one per three characters of shared bigram chains (习近 近平: one name). One name alone is weak
    evidence. Each of `entities` (the article's names) whose words are shared but whose term is not
    (a story of headlines carries no entity terms) counts once too, with its words."""
    shared = [t for t in vec if t in terms]
    chained = 0
    if not "".join(shared).isascii():
        grams = {t for t in shared if has_unspaced(t)}
        if grams:
            chained = chain_concepts(grams)
            shared = [t for t in shared if t not in grams]
    entity_terms = [t for t in shared if t.startswith(ENTITY_PREFIX)]
    if not entity_terms and not entities:
        return len(shared) + chained
    covered: set[str] = set()
    for term in entity_terms:
        covered |= _words_of(term, lang)
    count = len(entity_terms) + chained
    if entities:
        plain = {t for t in shared if not t.startswith(ENTITY_PREFIX)}
        for ent in entities:
            words = _words_of(entity_term(ent.text), lang)
            if not words <= covered and not plain.isdisjoint(words):
                count += 1
                covered |= words
    return count + sum(1 for t in shared if t not in covered and not t.startswith(ENTITY_PREFIX))


def _words_of(term: str, lang: str) -> frozenset[str]:
    """An entity term's folded words (memoised)."""
    words = _entity_words.get((term, lang))
    if words is None:
        if len(_entity_words) >= 100_000:
            _entity_words.clear()
        words = _entity_words[term, lang] = frozenset(tokens(term[len(ENTITY_PREFIX):], None, lang))
    return words


def chain_concepts(grams: set[str]) -> int:
    """Shared bigrams of an unspaced script, chained where they overlap ("莫斯", "斯科" → 莫斯科), as
    words: a chain of c characters counts c // 3, at least one. Chinese names are 2–3 characters, so
    a name is one thing shared, while a long shared clause (Thai, Japanese) counts as several words.
    Characters are letters with their marks (Thai pairs like "สีจิ้"); a 1-letter run counts one."""
    pairs = {g: u for g in grams if len(u := units(g)) == 2}
    count = len(grams) - len(pairs)
    by_first: dict[str, list[str]] = {}
    for g in sorted(pairs):
        by_first.setdefault(pairs[g][0], []).append(g)
    ends = {u[1] for u in pairs.values()}
    left = set(pairs)
    for head in sorted(g for g in pairs if pairs[g][0] not in ends) + sorted(pairs):  # heads first; then any cycle
        if head not in left:
            continue
        left.discard(head)
        chars, cur = 2, head
        while True:
            nxt = next((g for g in by_first.get(pairs[cur][1], ()) if g in left), None)
            if nxt is None:
                break
            left.discard(nxt)
            chars, cur = chars + 1, nxt
        count += max(1, chars // 3)
    return count


_entity_words: dict[tuple[str, str], frozenset[str]] = {}  # (entity term, lang) → its folded words (memoised)
