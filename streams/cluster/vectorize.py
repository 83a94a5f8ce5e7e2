"""Article → sparse term counts, and TF-IDF weighting against online document frequencies.

Why counts, not weights, are stored: a story keeps the summed counts of its articles, and is
re-weighted with the current IDF at comparison time, so stories restored after a restart score
the same way as live ones.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

from streams.models import Article

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)

# Function words of the languages the tagger detects: they carry no topic.
STOPWORDS = frozenset(
    """a about after again against all also am an and any are as at be because been before being
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no
    nor not now of off on once only or other our out over own same she should so some such than that
    the their them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your new says said say after amid
    over vs via us u.s up will may first one two three year years day week
    le la les un une des du de d l et en au aux ce ces cette il elle ils elles on ne pas plus par pour
    sur dans avec est sont été être a ont qui que quoi dont où se sa son ses leur leurs nous vous je
    tu y mais ou donc or ni car comme aussi après avant entre sans sous selon lors
    der die das ein eine einen dem den des und oder aber nicht ist sind war mit von zu im in auf für
    el los las una unos unas y o pero no es son fue con por para del al lo su sus se
    il lo gli una uno e o ma non è sono con per del della dei nel sul
    o os as um uma e ou mas não é são com por para do da dos das no na
    de het een en of maar niet is zijn met voor van op te in""".split()
)

TITLE_WEIGHT = 2
ENTITY_WEIGHT = 2
MAX_TEXT_TOKENS = 400


def _fold(token: str) -> str:
    """Lowercase, strip accents, and a crude suffix strip so 'talks'/'talk', 'drones'/'drone' meet."""
    token = token.lower().replace("’", "'")
    if not token.isascii():
        token = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
    if token.endswith("'s"):
        token = token[:-2]
    token = token.replace(".", "")
    n = len(token)
    if n > 5 and token.endswith("ies"):
        return token[:-3] + "y"
    if n > 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokens(text: str, limit: int | None = None) -> list[str]:
    """Content tokens of `text`: folded, stopwords and 1-char tokens dropped."""
    out: list[str] = []
    for match in _WORD.finditer(text):
        raw = match.group()
        if raw.lower() in STOPWORDS:
            continue
        tok = _fold(raw)
        if len(tok) < 2 or tok in STOPWORDS:
            continue
        out.append(tok)
        if limit is not None and len(out) >= limit:
            break
    return out


def term_counts(article: Article) -> dict[str, float]:
    """Weighted term counts: title words count double, entities add a term of their own."""
    counts: Counter[str] = Counter()
    for tok in tokens(article.title):
        counts[tok] += TITLE_WEIGHT
    for tok in tokens(article.text, MAX_TEXT_TOKENS):
        counts[tok] += 1
    for ent in article.entities:
        counts["e:" + ent.text.lower()] += ENTITY_WEIGHT
    return dict(counts)


class DocumentFrequencies:
    """Online document frequencies: IDF learned from the stream itself, so no corpus ships."""

    __slots__ = ("df", "docs")

    def __init__(self) -> None:
        self.df: dict[str, int] = {}
        self.docs = 0

    def add(self, terms: dict[str, float], weight: int = 1) -> None:
        self.docs += weight
        df = self.df
        for term in terms:
            df[term] = df.get(term, 0) + weight

    def idf(self, term: str) -> float:
        return math.log((self.docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def weigh(self, counts: dict[str, float]) -> dict[str, float]:
        """Sublinear TF × IDF, L2-normalised."""
        vec = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        return {t: w / norm for t, w in vec.items()}
