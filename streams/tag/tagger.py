"""Article → Article with language, entities, keywords and a coarse category.

The category is a routing hint for dashboards and subscriptions, not a classifier: a few keyword
lists, and None when nothing matches rather than a guess.
"""

from __future__ import annotations

import re

from streams.models import Article
from streams.tag.category_words import ENTITY_CATEGORIES, MORE_WORDS
from streams.tag.entities import extract_entities
from streams.tag.keywords import MAX_KEYWORDS, extract_keywords
from streams.tag.language import UNDETERMINED, detect_language

CATEGORIES = ("world", "politics", "business", "tech", "science", "health", "sport", "entertainment")

CATEGORY_WORDS: dict[str, frozenset[str]] = {
    "world": frozenset(
        "war world international military troops army drone drones missile missiles attack attacks strike strikes "
        "sanctions "
        "ceasefire invasion refugees diplomatic diplomacy embassy summit nato kremlin border conflict "
        "geopolitical bilateral foreign guerre armée frontière réfugiés otan".split()
    ),
    "politics": frozenset(
        "election elections vote votes voters campaign parliament senate congress lawmakers minister "
        "government party parties opposition president presidential policy bill legislation referendum "
        "democrat democrats republican republicans coalition cabinet élection élections gouvernement "
        "ministre parti sénat assemblée député députés politique réforme justice magistrats juges".split()
    ),
    "business": frozenset(
        "market markets stocks stock shares investors profit profits earnings revenue sales economy economic "
        "inflation bank banks trade tariff tariffs oil gas prices merger acquisition deal ceo company "
        "companies firm bankruptcy ipo dow nasdaq currency dollar euro yuan growth gdp recession "
        "tax taxes analyst analysts economies rating investment retailer retail forex fees lobbying "
        "entreprise entreprises économie bourse marché banque emplois croissance".split()
    ),
    "tech": frozenset(
        "software app apps iphone android google apple microsoft smartphone internet online cyber hackers "
        "hack bitcoin crypto startup startups tech technology ai chip chips computer data streaming "
        "twitter facebook xbox gaming game games console titanfall broadband wireless internet numérique".split()
    ),
    "science": frozenset(
        "science scientists research researchers study space nasa planet astronomers species climate "
        "physics fossil telescope universe evolution elephants genome laboratory chercheurs scientifiques "
        "espace recherche".split()
    ),
    "health": frozenset(
        "health hospital hospitals patients disease virus vaccine vaccines cancer doctors medical drug "
        "drugs outbreak pandemic covid infection treatment obesity nutrition marijuana cannabis "
        "santé hôpital patients maladie médecin médecins euthanasie".split()
    ),
    "sport": frozenset(
        "match game games season league cup championship coach team player players goal goals tournament "
        "olympic olympics nba nfl fifa uefa tennis football soccer cricket rugby golf cyclisme tour "
        "dopage jeux olympiques sport sports".split()
    ),
    "entertainment": frozenset(
        "film films movie movies music album singer actor actress star celebrity hollywood show series "
        "trailer concert tv television netflix hbo episode premiere season tour game festival oscar oscars grammy "
        "cinéma chanteur chanteuse télévision".split()
    ),
}
CATEGORY_WORDS = {c: words | frozenset(MORE_WORDS.get(c, "").split()) for c, words in CATEGORY_WORDS.items()}
_WORD_RE = re.compile(r"[^\W\d_]+")
_MIN_SCORE = 2.0
_CATEGORY_TERMS = 25  # the category looks a little deeper than the stored keywords


def categorise(title: str, keywords: list[str], entity_types: list[str],
               entity_names: list[str] | tuple[str, ...] = ()) -> str | None:
    """Category whose vocabulary shares most distinct terms with the title and keywords, plus one
    point per entity that belongs to one desk ("NASA", "UEFA").

    Two matching terms decide; a single one only when no other category matches at all.
    """
    terms = {w.lower() for w in _WORD_RE.findall(title)}
    terms.update(keywords)
    scores = dict.fromkeys(CATEGORIES, 0.0)
    for category, vocab in CATEGORY_WORDS.items():
        scores[category] = float(len(terms & vocab))
    for name in entity_names:
        desk = ENTITY_CATEGORIES.get(name)
        if desk:
            scores[desk] += 1.0
    if entity_types.count("PLACE") >= 3:
        scores["world"] += 1.0
    ranked = sorted(CATEGORIES, key=lambda c: -scores[c])
    best, second = scores[ranked[0]], scores[ranked[1]]
    if best >= _MIN_SCORE and best > second:
        return ranked[0]
    if best >= 1.0 and second == 0.0:
        return ranked[0]
    return None


class Tagger:
    """Callable stage: `Tagger()(article) -> Article` (a new object; the input is not mutated)."""

    def __call__(self, article: Article) -> Article:
        # The feed's language is a hint: a long text in another language overrides it.
        lang = detect_language(f"{article.title}\n{article.text}", article.lang)
        entities = extract_entities(article.title, article.text, lang)
        terms = extract_keywords(article.title, article.text, lang if lang != UNDETERMINED else "", _CATEGORY_TERMS)
        keywords = terms[:MAX_KEYWORDS]
        # The feed's own category (set by the cleaner from its tags) beats our word count.
        category = article.category if article.category in CATEGORIES else categorise(
            article.title, terms, [e.type for e in entities], [e.text for e in entities[:12]])
        # Explicit construction: dataclasses.replace() introspects fields on every call.
        return Article(
            id=article.id, url=article.url, source=article.source, source_id=article.source_id,
            title=article.title, text=article.text, published=article.published, lang=lang,
            entities=entities, keywords=keywords, category=category,
            duplicate_of=article.duplicate_of, feed_url=article.feed_url,
        )


__all__ = ["Tagger", "categorise", "CATEGORIES"]
