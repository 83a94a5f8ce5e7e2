# cython: annotation_typing=False
"""Article → sparse term counts (title, body, entities, URL slug), weighed with TF-IDF against the
index's DF.

Counts, not weights, leave this module: the IDF belongs to the shard's index (how many active
stories carry a term), so it is derived from state the stories' snapshots restore exactly.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from urllib.parse import unquote

from streams.models import Article
from streams.stem import STEMMERS, script_stemmer, strip_plural
from streams.words import find_words, has_unspaced, split_unspaced, strip_accents

# Function words of the languages the tagger detects (plus headline filler): they carry no topic.
STOPWORDS = frozenset(
    """a about after again against all also am an and any are as at be because been before being
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no
    nor not now of off on once only or other our out over own same she should so some such than that
    the their them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your new says said say after amid
    over vs via us u.s up will may first one two three year years day week get gets got make makes
    le la les un une des du de d l et en au aux ce ces cette il elle ils elles on ne pas plus par pour
    sur dans avec est sont été être a ont qui que quoi dont où se sa son ses leur leurs nous vous je
    tu y mais ou donc or ni car comme aussi après avant entre sans sous selon lors qu n s c j m t
    fait faire peut tout tous toute toutes très même deux trois ans an hier jeudi lundi mardi mercredi
    vendredi samedi dimanche
    der die das ein eine einen dem den des und oder aber nicht ist sind war mit von zu im in auf für
    el los las una unos unas y o pero no es son fue con por para del al lo su sus se
    il lo gli una uno e o ma non è sono con per del della dei nel sul
    o os as um uma e ou mas não é são com por para do da dos das no na
    de het een en of maar niet is zijn met voor van op te in
    на по за из от до для при под над без или что как не но это его ее их он она они мы вы уже так же
    бы ли то все был была были было быть также после
    في من الى إلى على عن مع ان أن إن هذا هذه ذلك التي الذي الذين بعد قبل بين كان كانت قد لا ما او أو ثم حتى
    عند منذ ال""".split()
)

TITLE_WEIGHT = 2.0  # a title word counts as much as two body occurrences
ENTITY_WEIGHT = 1.5
MAX_TEXT_TOKENS = 200  # body tokens read per article: the lede carries the event, later paragraphs drift to background
ENTITY_PREFIX = "e:"
MAX_SLUG_TOKENS = 16
MIN_SLUG_TOKENS = 3  # fewer is a section ("/news/world-us-canada-123"), not a headline
# A text shorter than this is a feed's summary (a sentence or two), not an article: its names are
# taken as a headline's are (`term_counts`, `assign._names`); see `has_full_text`.
SUMMARY_CHARS = 300

_fold_caches: dict[str, dict[str, str | tuple[str, ...]]] = {}  # per stemmer ("" for none): raw → tokens
_FOLD_CACHE_MAX = 200_000
_entity_keys: dict[str, str] = {}  # entity text → its term


def _fold(raw: str, stem: Callable[[str], str] | None = None) -> str:
    """Lowercase, strip accents and elided articles ("l'", "d'", "qu'": else "l'euthanasie" never
    matches "euthanasie"), then the language's light stemmer (`streams.stem`; Cyrillic by script),
    else a crude plural strip ('talks'/'talk'); '' for a stopword or 1 char."""
    token = raw.lower()
    if token in STOPWORDS:
        return ""
    token = strip_accents(token.replace("’", "'"))
    if token.endswith("'s"):
        token = token[:-2]
    head, apos, rest = token.partition("'")
    if apos and (len(head) <= 2 or head == "qu"):  # elision: l'euthanasie, d'épargne, qu'il → the word itself
        token = rest
    token = token.replace(".", "")
    token = (script_stemmer(token) or stem or strip_plural)(token)
    if len(token) < 2 or token in STOPWORDS:
        return ""
    return token


def tokens(text: str, limit: int | None = None, lang: str = "") -> list[str]:
    """Content tokens of `text`: folded, stemmed as `lang` is, stopwords and 1-char tokens dropped
    (memoised per word); runs of scripts written without spaces (Chinese, Japanese, Thai…) as
    character bigrams."""
    if limit is not None and len(text) > limit * 12:  # ~6 characters a word, stopwords included
        text = text[: limit * 12]
    return fold_words(find_words(text), limit, lang)


def fold_words(words: list[str], limit: int | None = None, lang: str = "") -> list[str]:
    """`tokens` of words already found."""
    stem = STEMMERS.get(lang)
    key = lang if stem is not None else ""
    cache = _fold_caches.get(key)
    if cache is None:
        cache = _fold_caches[key] = {}
    out: list[str] = []
    for raw in words:
        tok = cache.get(raw)
        if tok is None:
            if len(cache) >= _FOLD_CACHE_MAX:
                cache.clear()
            tok = cache[raw] = _fold_word(raw, stem)
        if tok.__class__ is str:
            if tok:
                out.append(tok)
                if limit is not None and len(out) >= limit:
                    break
        else:  # a word with unspaced runs: its bigrams
            out.extend(tok)
            if limit is not None and len(out) >= limit:
                del out[limit:]
                break
    return out


def _fold_word(raw: str, stem: Callable[[str], str] | None) -> str | tuple[str, ...]:
    """One folded token (one object per term: dict probes then match by identity), or the tokens of
    a word with unspaced runs in it: their bigrams, and its spaced pieces folded."""
    if not has_unspaced(raw):
        return sys.intern(_fold(raw, stem))
    out = []
    for piece, gram in split_unspaced(raw):
        tok = piece.lower() if gram else _fold(piece, stem)
        if tok:
            out.append(sys.intern(tok))
    return tuple(out)


_SLUG_SPACES = str.maketrans({c: " " for c in "-_+.'’"})  # what joins a word's parts in `find_words`
_HAS_DIGIT = re.compile(r"\d")
_ASCII_ALNUM_RE = re.compile(r"[A-Za-z0-9]+")


def url_slug(url: str) -> list[str]:
    """The words of a URL's path segment richest in "-", "_" or "+" ("/2014/03/10/nsa-leaker-snowden-
    says-…/" → nsa leaker snowden says …), [] for none. Publishers write the story's headline
    there, often fuller than the feed's title. A word with a digit in it (an id, a date) is not
    taken, nor one in mixed case ("iPhone"), and a segment where those are over a third of the
    words is an id (Google News' base64 "CBMid-wD_HnZoA-pby"), not a headline."""
    start = url.find("://")
    start = url.find("/", start + 3 if start >= 0 else 0)
    if start < 0:
        return []
    path = url[start:]
    if "?" in path or "#" in path:
        path = path.partition("?")[0].partition("#")[0]
    best, most = "", 1
    for segment in path.split("/"):
        if "-" in segment or "_" in segment or "+" in segment:
            seps = segment.count("-") + segment.count("_") + segment.count("+")
            if seps > most:
                best, most = segment, seps
    if not best:
        return []
    if "%" in best:
        best = unquote(best)
    head, dot, extension = best.rpartition(".")
    if dot and len(extension) <= 6 and extension.isalnum():  # .html, .php, .ece
        best = head
    words = slug_words(best)
    cased = [w for w in words if w.lower() == w or w.isupper() or w.istitle()]  # an id's case is random
    return cased if 3 * (len(words) - len(cased)) <= len(words) else []


def slug_words(segment: str) -> list[str]:
    """A slug's words of 2+ characters without digits: `find_words` with "-", "_", "+", "." and
    apostrophes as spaces. In ASCII those words are the runs of letters and digits, which one regex
    finds 2× faster (most addresses are ASCII; the hot path runs this for every article)."""
    if segment.isascii():
        return [w for w in _ASCII_ALNUM_RE.findall(segment) if len(w) > 1 and w.isalpha()]
    return [w for w in find_words(segment.translate(_SLUG_SPACES))
            if len(w) > 1 and (w.isalpha() or not _HAS_DIGIT.search(w))]


def entity_term(text: str) -> str:
    """An entity's term: `e:` and its text, lowercased, accents off ("Vladímir Putin" and "Vladimir
    Putin" are one)."""
    key = _entity_keys.get(text)
    if key is None:
        if len(_entity_keys) >= _FOLD_CACHE_MAX:
            _entity_keys.clear()
        key = _entity_keys[text] = sys.intern(ENTITY_PREFIX + strip_accents(text.lower()))
    return key


def has_full_text(article: Article) -> bool:
    """Whether the article has a body longer than a feed's summary (`SUMMARY_CHARS`)."""
    return len(article.text) >= SUMMARY_CHARS


def term_counts(article: Article) -> dict[str, float]:
    """All fields: title words ×TITLE_WEIGHT, the body's first tokens, a full text's entities as `e:`
    terms, and the URL slug's words the rest lacks as one occurrence each. A headline's entities are
    left out: its words already hold the names, and names found by capitals are unreliable there
    ("Lena Dunham Removes Joke Tweet" gives none, "Lena Dunham removes joke" one); so are a
    summary's, which is a headline's length again (rpm2-fr-dev's texts cut to 150 characters: BCubed
    F1 0.794 → 0.820, mean of 9 orders). A headline-only item's few words are most of what it can
    match on, and its slug often names what the title only hints at ("Something So Fetch Happened
    After Lena's SNL Gig" → /Lena-Dunham-Taylor-Swift-Mean-Girls-Cast)."""
    counts: dict[str, float] = {}
    get = counts.get
    for tok in tokens(article.title, None, article.lang):
        counts[tok] = get(tok, 0.0) + TITLE_WEIGHT
    if article.text:
        for tok in tokens(article.text, MAX_TEXT_TOKENS, article.lang):
            counts[tok] = get(tok, 0.0) + 1.0
    if has_full_text(article):
        for ent in article.entities:
            key = entity_term(ent.text)
            counts[key] = get(key, 0.0) + ENTITY_WEIGHT
    if article.url:
        slug = fold_words(url_slug(article.url), MAX_SLUG_TOKENS, article.lang)
        if len(set(slug)) >= MIN_SLUG_TOKENS:
            for tok in slug:
                if tok not in counts:
                    counts[tok] = 1.0
    return counts


def idf(df: int, stories: int) -> float:
    """Smoothed IDF over the shard's active stories (story frequency: a term in one big story stays rare)."""
    return math.log((stories + 1) / (df + 1)) + 1.0


def weigh(counts: dict[str, float], df: dict[str, int], stories: int, limit: int,
          prior: dict[str, float] | None = None) -> dict[str, float]:
    """Sublinear TF × IDF × the language's background `prior` (`streams.cluster.background`; 1 for
    terms it lacks), the `limit` heaviest terms kept, L2-normalised. Deterministic ties by term."""
    log = math.log
    base = log(stories + 1) + 1.0
    get = df.get
    if prior:
        bg = prior.get
        vec = {t: (1.0 + log(c)) * (base - log(get(t, 0) + 1)) * bg(t, 1.0) for t, c in counts.items() if c >= 1.0}
    else:
        vec = {t: (1.0 + log(c)) * (base - log(get(t, 0) + 1)) for t, c in counts.items() if c >= 1.0}
    if len(vec) > limit:
        vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])
    norm = math.hypot(*vec.values()) or 1.0
    return {t: w / norm for t, w in vec.items()}
