"""Content terms of an article: the few words that say what it is about.

Used for story labels and coarse categories, so the list must be stable across runs (ties are broken
by first position, then alphabetically) and free of words every article shares.
"""

from __future__ import annotations

import re

from streams.tag.language import CYRILLIC_STOPWORDS, LANGS, STOPWORDS
from streams.words import take_unspaced

MAX_KEYWORDS = 10
MAX_KEYWORD_CHARS = 40  # no real word is longer; long tokens are URLs or glued markup
TITLE_WEIGHT = 3.0
_TEXT_CHARS = 4000  # the lead carries the topic; the tail of long texts adds noise and time

# Reporting verbs and filler common to all news, on top of the per-language function words.
EXTRA_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "said says say saying told tells also would could should will may might must can cannot one two three "
        "new year years time times like just according including people percent many much first last make "
        "made get got well even still back however since while another other being been it's there here "
        "this those these because through during before after about over under between against without "
        "within very more most such only some any each every than then them they their what which whom "
        "whose where when why how all both few our off into onto upon your yours you him his her hers she "
        "has have had having was were are did does done mr mrs ms week day days today yesterday tomorrow "
        "amid amidst via per way ways lot lots don't can't won't isn't it's that's there's get gets going "
        "monday tuesday wednesday thursday friday saturday sunday report reported reports news update "
        "video watch read more see look thing things something part set put take took come came goes went "
        "around among across along already yet now ago later next near far big small good great high low "
        "whether though although whose upon therefore thus meanwhile furthermore rather quite really".split()
    ),
    "fr": frozenset(
        "a été plus fait être avoir selon dont cette comme mais aussi tout tous toute toutes deux trois ans "
        "après avant depuis encore même sans sous très peu bien fois entre ainsi alors lors leur leurs nous "
        "vous ils elles lui son ses sont était avait peut doit faire dit déclaré lundi mardi mercredi jeudi "
        "vendredi samedi dimanche ont ainsi cela celle celui ceux quand quel quelle quels quelles notamment "
        "faut avoir aura sera seront avaient étaient fait font pourrait année années jour jours mois hier "
        "aujourd'hui demain contre vers chez autre autres toujours déjà donc car puis afin plusieurs".split()
    ),
    "de": frozenset("sagte sagt jahr jahre jahren heute gestern mehr sein seine ihre ihren können kann soll "
                    "sollen wurden worden hatte hatten diese dieser dieses einem einen".split()),
    "es": frozenset("dijo dice año años hoy ayer más este esta está están puede pueden había hace".split()),
    "it": frozenset("ha detto anno anni oggi ieri più questo questa sono stati può hanno aveva".split()),
    "pt": frozenset("disse diz ano anos hoje ontem mais este esta está estão pode podem tinha".split()),
    "nl": frozenset("zei zegt jaar jaren vandaag gisteren meer deze dit zijn kunnen moet".split()),
    # Languages CLD2 decides, without function-word lists of their own in `language`.
    "ru": CYRILLIC_STOPWORDS | frozenset("сказал заявил года году лет".split()),
    "uk": CYRILLIC_STOPWORDS | frozenset("сказав заявив року років".split()),
    "ar": frozenset("إلى الى على هذا هذه ذلك التي الذي الذين بعد قبل بين كان كانت لقد حتى عند منذ قال وقال "
                    "وفي ومن الذى أنه إنه فيه فيها عليه كما لكن وكان".split()),
}

_STOP_BY_LANG = {lang: STOPWORDS.get(lang, frozenset()) | EXTRA_STOPWORDS.get(lang, frozenset())
                 for lang in (*LANGS, *EXTRA_STOPWORDS)}
_STOP_ANY = frozenset().union(*_STOP_BY_LANG.values())
# Words of three characters or more; a French elision ("l'", "qu'") in front is not part of the word.
_APOSTROPHE_RE = re.compile(r"['’]")
_TOKEN_RE = re.compile(r"(?:\b(?:[ldjcnsmt]|qu)['’])?([^\W\d_][\w'’-]+\w)")


def _terms(text: str, stop: frozenset[str]) -> list[str]:
    out = []
    if not text.isascii():  # Chinese, Japanese, Thai…: character bigrams, not whole runs
        grams, text = take_unspaced(text)
        out.extend(g for g in grams if g not in stop)
    for token in _TOKEN_RE.findall(text.lower()):
        if "'" in token or "’" in token:
            if token.endswith(("'s", "’s")):
                token = token[:-2]
            elif token[1] in "'’" or token.startswith(("qu'", "qu’")):
                token = _APOSTROPHE_RE.split(token, maxsplit=1)[1]  # "qu'il" → "il"
        if 3 <= len(token) <= MAX_KEYWORD_CHARS and token not in stop:
            out.append(token)
    return out


def extract_keywords(title: str, text: str, lang: str, limit: int = MAX_KEYWORDS) -> list[str]:
    """Up to `limit` lowercased content terms, title terms weighted up, deterministic order."""
    stop = _STOP_BY_LANG.get(lang, _STOP_ANY)
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    position = 0
    for weight, chunk in ((TITLE_WEIGHT, title), (1.0, text[:_TEXT_CHARS])):
        for term in _terms(chunk, stop):
            if term in scores:
                scores[term] += weight
            else:
                scores[term] = weight
                first[term] = position
            position += 1
    ranked = sorted(scores, key=lambda t: (-scores[t], first[t], t))
    return ranked[:limit]


__all__ = ["extract_keywords", "EXTRA_STOPWORDS"]
