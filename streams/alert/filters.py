"""Subscription filters: which alerts (and, for the API, which stories) a subscriber wants. Pure.

    filters:
      keywords: {all: [xi, putin], any: [moscow, kremlin], not: [football]}   # or "xi putin moscow|kremlin -football"
      entities: [Xi Jinping]            # any of them (case-insensitive)
      categories: [world]               # the joining article's category
      languages: [en]
      sources: {include: [Atlas Wire], exclude: [Harbor Daily]}   # display names or source ids
      min_sources: 2
      kinds: [source_joined, story_developing]

Keywords match whole words (or phrases) in the headline, the article title, keywords and entities.
An empty filter matches everything. `Filter.parse` validates and compiles once; `matches` is the hot path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from streams.alert.rules import KINDS
from streams.errors import ConfigError
from streams.models import Alert, Story
from streams.words import has_unspaced

KNOWN = {"keywords", "entities", "categories", "languages", "sources", "min_sources", "kinds"}


@dataclass(frozen=True, slots=True)
class Subject:
    """What a filter looks at: built from an alert or a story."""

    text: str
    entities: frozenset[str]
    category: str | None
    lang: str
    sources: frozenset[str]  # lower-cased display names and ids
    n_sources: int
    kind: str | None = None

    @classmethod
    def of_alert(cls, a: Alert) -> "Subject":
        return cls(
            text=" ".join([a.headline, a.article.title, *a.keywords, *a.entities]).lower(),
            entities=frozenset(e.lower() for e in a.entities),
            category=(a.category or "").lower() or None,
            lang=(a.lang or "").lower(),
            sources=frozenset([*(s.lower() for s in a.sources), *(s.source_id.lower() for s in a.sources_seen),
                               a.source.lower(), a.source_id.lower()]) - {""},
            n_sources=max(len(a.sources), len(a.sources_seen), a.sources_total),
            kind=a.kind,
        )

    @classmethod
    def of_story(cls, s: Story) -> "Subject":
        return cls(
            text=" ".join([s.headline, *s.keywords, *s.entities]).lower(),
            entities=frozenset(e.lower() for e in s.entities),
            category=None,
            lang=(s.lang or "").lower(),
            sources=frozenset([*(v.source.lower() for v in s.sources.values()), *(k.lower() for k in s.sources)]),
            n_sources=len(s.sources),
        )


def _terms(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"filter {where}: expected a list of non-empty strings, got {value!r}")
    return tuple(v.strip().lower() for v in value)


def _word(term: str) -> re.Pattern[str]:
    """Whole words; a term in a script written without spaces (Chinese, Japanese, Thai) has no
    word edges to find, so it matches wherever it occurs ("地震" in "土耳其南部发生强烈地震")."""
    if has_unspaced(term):
        return re.compile(re.escape(term))
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")


@dataclass(frozen=True, slots=True)
class Filter:
    all_: tuple[re.Pattern[str], ...] = ()
    any_: tuple[tuple[re.Pattern[str], ...], ...] = ()  # groups: one of each must match
    not_: tuple[re.Pattern[str], ...] = ()
    entities: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    include: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    min_sources: int = 0
    kinds: frozenset[str] = frozenset()
    spec: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def parse(cls, spec: dict[str, Any] | None) -> "Filter":
        """Validate a filters mapping (file or API) and compile it; raises `ConfigError` saying what is wrong."""
        spec = dict(spec or {})
        unknown = set(spec) - KNOWN
        if unknown:
            raise ConfigError(f"unknown filter(s) {sorted(unknown)}; known: {sorted(KNOWN)}")
        all_, any_, not_ = _keywords(spec.get("keywords"))
        sources = spec.get("sources") or {}
        if isinstance(sources, list):
            sources = {"include": sources}
        if not isinstance(sources, dict) or set(sources) - {"include", "exclude"}:
            raise ConfigError(f"filter sources: expected {{include: [...], exclude: [...]}}, got {sources!r}")
        min_sources = spec.get("min_sources", 0)
        if not isinstance(min_sources, int) or isinstance(min_sources, bool) or min_sources < 0:
            raise ConfigError(f"filter min_sources: expected a non-negative integer, got {min_sources!r}")
        kinds = frozenset(_terms(spec.get("kinds"), "kinds"))
        if kinds - set(KINDS):
            raise ConfigError(f"filter kinds: unknown {sorted(kinds - set(KINDS))}; known: {list(KINDS)}")
        return cls(
            all_=tuple(map(_word, all_)), any_=tuple(tuple(map(_word, g)) for g in any_ if g),
            not_=tuple(map(_word, not_)),
            entities=frozenset(_terms(spec.get("entities"), "entities")),
            categories=frozenset(_terms(spec.get("categories"), "categories")),
            languages=frozenset(_terms(spec.get("languages"), "languages")),
            include=frozenset(_terms(sources.get("include"), "sources.include")),
            exclude=frozenset(_terms(sources.get("exclude"), "sources.exclude")),
            min_sources=min_sources, kinds=kinds, spec=spec,
        )

    def matches(self, s: Subject) -> bool:
        if self.kinds and s.kind is not None and s.kind not in self.kinds:
            return False
        if s.n_sources < self.min_sources:
            return False
        if self.languages and s.lang not in self.languages:
            return False
        if self.categories and s.category not in self.categories:
            return False
        if self.entities and not (self.entities & s.entities):
            return False
        if self.include and not (self.include & s.sources):
            return False
        if self.exclude and (self.exclude & s.sources):
            return False
        if any(p.search(s.text) for p in self.not_):
            return False
        if not all(p.search(s.text) for p in self.all_):
            return False
        return all(any(p.search(s.text) for p in group) for group in self.any_)


_QUERY_TOKEN = re.compile(r'-?(?:"[^"]*"|[^\s|"]+)(?:\|(?:"[^"]*"|[^\s|"]+))*|\S+')
_QUERY_TERM = re.compile(r'"([^"]*)"|([^|"]+)')


def _keywords(value: Any) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """(all, any-groups, not) from `{all, any, not}` (one any-group) or a query string:
    `xi putin -football "red square" moscow|kremlin`. In a query each `a|b|"c d"` is a group of its
    own, and every group must match one of its terms: `moscow|kremlin putin|xi` is (moscow or
    kremlin) and (putin or xi); `-a|b` excludes both."""
    if value is None:
        return (), (), ()
    if isinstance(value, dict):
        if set(value) - {"all", "any", "not"}:
            raise ConfigError(f"filter keywords: expected keys all/any/not, got {sorted(value)}")
        return _terms(value.get("all"), "keywords.all"), (_terms(value.get("any"), "keywords.any"),), \
            _terms(value.get("not"), "keywords.not")
    if not isinstance(value, str):
        raise ConfigError(f"filter keywords: expected a query string or {{all, any, not}}, got {value!r}")
    all_: list[str] = []
    any_: list[tuple[str, ...]] = []
    not_: list[str] = []
    for token in _QUERY_TOKEN.findall(value.lower()):
        neg = token.startswith("-")
        terms = [(q or w).strip() for q, w in _QUERY_TERM.findall(token.lstrip("-"))]
        terms = [t for t in terms if t]
        if not terms:
            continue
        if neg:
            not_ += terms
        elif "|" in token:
            any_.append(tuple(terms))
        else:
            all_ += terms
    return tuple(all_), tuple(any_), tuple(not_)


def parse_query_filters(query: dict[str, str]) -> dict[str, Any]:
    """URL query parameters (`?keywords=xi+-ukraine&entities=Xi Jinping,Putin&min_sources=2`) as a filters mapping."""
    out: dict[str, Any] = {}
    for name in ("entities", "categories", "languages", "kinds"):
        if query.get(name):
            out[name] = [v.strip() for v in query[name].split(",") if v.strip()]
    if query.get("keywords"):
        out["keywords"] = query["keywords"]
    include = [v.strip() for v in (query.get("sources") or "").split(",") if v.strip()]
    exclude = [v.strip() for v in (query.get("exclude_sources") or "").split(",") if v.strip()]
    if include or exclude:
        out["sources"] = {"include": include, "exclude": exclude}
    if query.get("min_sources"):
        try:
            out["min_sources"] = int(query["min_sources"])
        except ValueError as exc:
            raise ConfigError(f"min_sources must be an integer, got {query['min_sources']!r}") from exc
    return out
