"""RawItem → Article: readable title and body, canonical URL, publisher key, UTC time.

Pure: no I/O and no clock (`now` is passed in), so replaying an archive gives the same articles.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from streams.clean.boilerplate import remove_boilerplate
from streams.clean.html import html_to_text
from streams.clean.publisher import publisher_id, url_host
from streams.clean.urls import canonical_url
from streams.errors import InputError
from streams.models import Article, RawItem, parse_iso
from streams.words import has_unspaced

MAX_TITLE_CHARS = 300
MAX_SOURCE_CHARS = 120
FUTURE_SKEW_S = 600.0  # feeds with clocks ahead of ours: later than now + this → treat as now
MIN_PLAUSIBLE_TS = 315_532_800.0  # 1980-01-01: earlier "publication" dates are placeholder garbage

_SEPARATORS_RE = re.compile(r"\s+(?:-|\||–|—|::|•|·|:)\s+")  # " : " is French typography
# Chinese and Japanese sites sign titles without spaces: "习近平抵达莫斯科_新闻频道_央视网", "…｜联合早报"
_UNSPACED_SEPARATORS_RE = re.compile(r"\s*(?:_|｜|\||-|–|—|・|·)\s*")
_TRAILING_ELLIPSIS_RE = re.compile(r"\s*(?:\.{3,}|…)\s*$")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-ZÀ-ÖØ-Þ0-9])")
# A period after these ends a word, not a sentence ("Mr. Smith", "St. Louis", "Sept. 11").
_ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr st mt ft gen sen rep gov lt col capt sgt cpl adm maj prof rev hon pres jr sr no nos vs "
    "inc corp co ltd bros dept univ ave blvd rd jan feb mar apr jun jul aug sep sept oct nov dec mme mlle "
    "nr hr fr sr sra approx".split()
)
_INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "J", "U.S", "e.g": initials and dotted acronyms
_ALNUM_RE = re.compile(r"[^\w]+")
_DOMAIN_LIKE_RE = re.compile(r"\b[\w-]+\.(?:com|net|org|co|uk|au|ie|ca|in|tv|fm|info|news|de|fr|it|es)\b", re.I)
# Words that make a short title suffix look like a publisher signature rather than content.
_MEDIA_WORDS = frozenset(
    "news times post daily herald tribune journal gazette telegraph tv radio online press magazine "
    "chronicle reporter observer review weekly mail express guardian independent standard examiner "
    "reuters ap afp bbc cnn nbc cbs abc fox npr msnbc cnbc bloomberg forbes sky euronews wsj nyt "
    "insider channel network media live5news wire today star sun mirror courier dispatch register "
    "bulletin record sentinel monitor leader inquirer globe".split()
)
_GENERIC_SOURCE_WORDS = frozenset("the news com www online tv daily uk us of and blog le la les de du der die das el los il".split())
_LANG_RE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$")

# Words of a feed's own category tags → our coarse categories (the publisher's desk beats our guess).
_FEED_CATEGORY_WORDS: dict[str, str] = {
    word: category
    for category, words in {
        "world": "world international foreign global europe asia africa americas middle-east mideast monde "
                 "international welt internacional mondo",
        "politics": "politics political elections election government policy politique politik política politica",
        "business": "business economy economics markets market finance money companies industry économie "
                    "economie wirtschaft finanzen economía economia bourse",
        "tech": "tech technology technologies gadgets internet digital computing ai cyber numérique technologie "
                "tecnología tecnologia",
        "science": "science sciences space environment climate wissenschaft ciencia scienza",
        "health": "health medicine medical wellness wellbeing santé gesundheit salud salute coronavirus covid",
        "sport": "sport sports football soccer tennis cricket rugby golf nba nfl nhl mlb f1 formula olympics cycling",
        "entertainment": "entertainment culture arts music film films movies tv television celebrity showbiz "
                         "cinéma cinema kultur cultura people",
    }.items()
    for word in words.split()
}
_TAG_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def feed_category(tags: list[str]) -> str | None:
    """The coarse category the feed's own tags name ("World News", "Sport/Football"), else None."""
    for tag in tags[:10]:
        for word in _TAG_WORD_RE.findall(tag[:80].lower()):
            category = _FEED_CATEGORY_WORDS.get(word)
            if category:
                return category
    return None


def _tokens(text: str) -> set[str]:
    return {t for t in _ALNUM_RE.split(text.lower()) if len(t) >= 2}


def _is_publisher_suffix(suffix: str, source_tokens: set[str], source_key: str) -> bool:
    """True when a title tail like "BBC News" or "WDRB 41 Louisville" names the publisher."""
    words = suffix.split()
    if not words or len(words) > 7:
        return False
    key = _ALNUM_RE.sub("", suffix.lower())
    if len(key) >= 3 and len(source_key) >= 3 and (key in source_key or source_key in key):
        return True
    tokens = _tokens(suffix)
    if tokens & source_tokens:
        return True
    if _DOMAIN_LIKE_RE.search(suffix):
        return True
    return len(words) <= 4 and bool(tokens & _MEDIA_WORDS) and suffix[:1].isupper()


def strip_publisher_suffix(title: str, source: str) -> str:
    """Remove trailing " - Reuters" / " | BBC News" signatures (at most two), keeping the headline."""
    title = _TRAILING_ELLIPSIS_RE.sub("", title)
    source_tokens = _tokens(source) - _GENERIC_SOURCE_WORDS
    source_key = _ALNUM_RE.sub("", source.lower())
    unspaced = has_unspaced(title)
    for _ in range(2):
        matches = list((_UNSPACED_SEPARATORS_RE if unspaced else _SEPARATORS_RE).finditer(title))
        if not matches:
            break
        last = matches[-1]
        head, suffix = title[: last.start()], title[last.end():]
        short = len(head) < 6 if unspaced else len(head) < 15 or len(head.split()) < 3
        if short or not _is_publisher_suffix(suffix, source_tokens, source_key):
            break
        if last.group(0).strip() == ":" and not (_tokens(suffix) & source_tokens):
            break  # "Xi : la visite" is a headline; only the feed's own name after " : " is a signature
        title = _TRAILING_ELLIPSIS_RE.sub("", head)
    return title.strip()


def _after_abbreviation(head: str) -> bool:
    """True when `head` ends in "Mr.", "St.", "U.S." or an initial: no sentence ends there."""
    head = head.rstrip("\"”’')]")
    if not head.endswith("."):
        return False
    word = head[:-1].rsplit(None, 1)[-1].lstrip("\"“‘'([") if head[:-1].strip() else ""
    return word.lower() in _ABBREVIATIONS or (len(word) <= 8 and _INITIALS_RE.fullmatch(word) is not None)


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence (or line) of `text`, cut at a word boundary near `limit`."""
    line = text.split("\n", 1)[0]
    sentence = line
    for match in _SENTENCE_END_RE.finditer(line):
        if not _after_abbreviation(line[: match.start()]):
            sentence = line[: match.start()]
            break
    if len(sentence) > limit:
        cut = sentence.rfind(" ", 0, limit)
        sentence = sentence[: cut if cut > limit // 2 else limit].rstrip(" ,;:-") + "…"
    return sentence.strip()


def _timestamp(value: str | None) -> float | None:
    """ISO-8601 first (what the poller emits); RFC 822 as a fallback for raw feed dates."""
    if not value:
        return None
    try:
        ts = parse_iso(value)
    except (OverflowError, ValueError):
        ts = None
    if ts is not None:
        return ts
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    try:
        return dt.timestamp()
    except (OverflowError, ValueError, OSError):
        return None


def item_time(published: str | None, fetched_at: str | None) -> float | None:
    """The item's own plausible time (published, else fetched), or None: the clock an archived
    item is judged at, before `normalise_time` falls back to `now`."""
    for value in (published, fetched_at):
        ts = _timestamp(value)
        if ts is not None and ts >= MIN_PLAUSIBLE_TS:
            return ts
    return None


def normalise_time(published: str | None, fetched_at: str | None, now: float) -> str:
    """UTC "YYYY-MM-DDTHH:MM:SSZ": published → fetched → now; pre-1980 placeholders count as missing,
    times more than FUTURE_SKEW_S ahead of `now` become `now`."""
    ts = _timestamp(published)
    if ts is None or ts < MIN_PLAUSIBLE_TS:
        ts = _timestamp(fetched_at)
    if ts is None or ts > now + FUTURE_SKEW_S or ts < MIN_PLAUSIBLE_TS:
        ts = now
    try:
        dt = datetime.fromtimestamp(int(ts), tz=timezone.utc)
    except (OverflowError, ValueError, OSError):
        dt = datetime.fromtimestamp(int(now), tz=timezone.utc)
    # Not strftime: "%Y" does not zero-pad years below 1000 on every platform.
    return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}Z"


def normalise_lang(hint: str | None) -> str:
    """"en-US" → "en"; anything that is not a language tag → "" (the tagger decides)."""
    if not hint:
        return ""
    match = _LANG_RE.match(hint.strip().lower())
    return match.group(1) if match else ""


class Cleaner:
    """Callable stage: `Cleaner()(raw, now) -> Article`; raises InputError when nothing readable is left."""

    def __call__(self, raw: RawItem, now: float) -> Article:
        source = html_to_text(raw.source or "").replace("\n", " ")[:MAX_SOURCE_CHARS].strip() or url_host(
            raw.url or raw.feed_url or "")
        title = html_to_text(raw.title or "").replace("\n", " ")
        title = strip_publisher_suffix(title, source)[:MAX_TITLE_CHARS]
        text = remove_boilerplate(html_to_text(raw.content or ""), title)
        if not text and raw.summary:
            text = remove_boilerplate(html_to_text(raw.summary), title)
        if not title:
            title = first_sentence(text)
        if title and text:
            first, _, rest = text.partition("\n")
            if first.casefold() == title.casefold():
                text = rest
        if not title and not text:
            raise InputError(f"item {raw.id!r} from {raw.feed_url!r}: no title or text after cleaning")
        return Article(
            id=raw.id,
            url=canonical_url(raw.url or ""),
            source=source,
            source_id=publisher_id(source, raw.url or raw.feed_url or ""),
            title=title,
            text=text,
            published=normalise_time(raw.published, raw.fetched_at, now),
            lang=normalise_lang(raw.lang),
            category=feed_category(raw.categories) if raw.categories else None,
            feed_url=raw.feed_url or "",
        )


__all__ = ["Cleaner", "feed_category", "strip_publisher_suffix", "first_sentence", "normalise_time", "normalise_lang"]
