# cython: annotation_typing=False
"""Words of any script, for the stages that compare texts (dedup keys, cluster vectors).

Two things break a plain `\\w+` outside Latin text. Combining marks are not `\\w`: the vowel signs
of Devanagari or Thai would cut every word into pieces. And Chinese, Japanese, Thai, Lao, Khmer and
Myanmar put no spaces between words: a whole headline would be one "word" that no other headline
shares, so no two articles could ever match. Words here are runs of letters, digits and marks, and
a run of an unspaced script becomes overlapping character bigrams ("习近平抵达" → 习近 近平 平抵 抵达),
as Lucene's CJK analyzer does: for matching headlines that is about as good as a dictionary
segmenter, with no dictionary to ship or download.
"""

from __future__ import annotations

import re
import sys
import unicodedata


def _mark_ranges() -> str:
    """A regex class body of every combining mark in the Basic Multilingual Plane (categories M*)."""
    out, start, prev = [], None, None
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code))[0] == "M":
            if start is None:
                start = code
            prev = code
        elif start is not None:
            out.append(f"\\u{start:04x}-\\u{prev:04x}" if prev != start else f"\\u{start:04x}")
            start = None
    return "".join(out)


_MARKS = _mark_ranges()
_LETTER = rf"(?:[^\W_]|[{_MARKS}])"
_HAS_MARK_RE = re.compile(f"[{_MARKS}]")
_UNIT_RE = re.compile(rf"[^{_MARKS}][{_MARKS}]*|[{_MARKS}]+")  # a letter with its marks (Thai สี, จิ้)
_WORD_RE = re.compile(rf"{_LETTER}+(?:['’.-]{_LETTER}+)*")
# the same words in ASCII text, which has no marks and whose letters and digits are [A-Za-z0-9]: 3×
# faster than the class of every mark, and ranges faster than Unicode's categories (`[^\W_]`)
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['.-][A-Za-z0-9]+)*")
# Thai, Lao, Myanmar, Khmer, kana, CJK ideographs (and extension A, compatibility), half-width kana.
UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_UNSPACED_RUN_RE = re.compile(f"[{UNSPACED}]+")
_PLAIN_WORD_RE = re.compile(r"\w+")
# Scripts whose marks are vowels and consonant joiners, not accents: stripping them changes words.
_KEEP_MARKS_RE = re.compile("[\u0900-\u0dff\u0f00-\u0fff]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def find_words(text: str) -> list[str]:
    """Words of `text`: runs of letters, digits and marks, joined by ' ’ . - ("U.S", "don't")."""
    return (_ASCII_WORD_RE if text.isascii() else _WORD_RE).findall(text)


def bigrams(run: str) -> list[str]:
    """Overlapping bigrams of an unspaced run (normalised NFKC); a 1-character run is kept. The
    units are letters with their marks, so Thai gives สีจิ้ rather than the mark-only pair ิ้."""
    run = unicodedata.normalize("NFKC", run)
    if len(run) < 2:
        return [run] if run else []
    if run.isascii() or not _HAS_MARK_RE.search(run):
        return [sys.intern(run[i: i + 2]) for i in range(len(run) - 1)]
    units = _UNIT_RE.findall(run)
    if len(units) < 2:
        return [sys.intern(run)]
    return [sys.intern(units[i] + units[i + 1]) for i in range(len(units) - 1)]


def units(gram: str) -> list[str]:
    """The letters of a bigram, each with its marks (Thai "สีจิ้" → สี, จิ้)."""
    return _UNIT_RE.findall(gram) if _HAS_MARK_RE.search(gram) else list(gram)


def split_unspaced(word: str) -> list[tuple[str, bool]]:
    """`word` cut at its unspaced runs: (piece, True) for each bigram, (piece, False) for the rest."""
    out: list[tuple[str, bool]] = []
    at = 0
    for m in _UNSPACED_RUN_RE.finditer(word):
        if m.start() > at:
            out.append((word[at: m.start()], False))
        out.extend((g, True) for g in bigrams(m.group()))
        at = m.end()
    if at < len(word):
        out.append((word[at:], False))
    return out


def take_unspaced(text: str) -> tuple[list[str], str]:
    """The bigrams of `text`'s unspaced runs, and the text with those runs blanked out."""
    grams = [g for m in _UNSPACED_RUN_RE.finditer(text) for g in bigrams(m.group())]
    return grams, _UNSPACED_RUN_RE.sub(" ", text) if grams else text


def has_unspaced(word: str) -> bool:
    return not word.isascii() and _UNSPACED_RUN_RE.search(word) is not None


def strip_accents(token: str) -> str:
    """Accents off ("é" → "e", Greek tonos, Arabic harakat), so spellings with and without match;
    Indic and Tibetan marks stay (there they are vowels and joiners, part of the word), and Cyrillic
    keeps "й" (a letter of its own), only "ё" is written "е" as most texts do."""
    if token.isascii():
        return token
    if _KEEP_MARKS_RE.search(token):
        return unicodedata.normalize("NFC", token)
    if _CYRILLIC_RE.search(token):
        return unicodedata.normalize("NFC", token).replace("ё", "е")
    return "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))


def plain_words(text: str) -> list[str]:
    """`\\w+` words, with unspaced runs as bigrams: the word list of the dedup keys, which must stay
    what it was for Latin text (persisted digests are compared across restarts and upgrades)."""
    words = _PLAIN_WORD_RE.findall(text)
    if text.isascii() or _UNSPACED_RUN_RE.search(text) is None:
        return words
    out: list[str] = []
    for word in words:
        if has_unspaced(word):
            out.extend(piece for piece, _ in split_unspaced(word))
        else:
            out.append(word)
    return out


__all__ = ["bigrams", "find_words", "has_unspaced", "plain_words", "split_unspaced", "strip_accents",
           "take_unspaced", "units"]
