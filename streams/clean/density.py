"""Density heuristics for boilerplate the line rules cannot name (after boilerpipe, Kohlschütter 2010).

Article prose comes in long lines of running text; page furniture comes in runs of short lines
(menus, teaser lists, bylines, dates) and in blocks made mostly of links. Two checks, both cheap:

- `link_dense(node)`: an HTML list or paragraph whose visible text is mostly link text is a menu or a
  "related" list, whatever words it uses; html.py drops such blocks before extracting text.
- `trim_sparse_edges(lines)`: short lines before the first and after the last dense stretch of text
  are furniture, kept only when the item has no dense stretch at all (a feed summary, a headline).
Plus two rules for noise that sits *inside* the article edges: byline/date lines and wire datelines.
"""

from __future__ import annotations

import re

LINK_DENSITY_MAX = 0.5  # more of a block's text inside <a> than this: navigation
LINK_BLOCK_MIN_LINKS = 2
DENSE_WORDS = 20  # a line this long is prose
DENSE_PAIR_WORDS = 12  # two consecutive lines this long are prose too
SPARSE_WORDS = 10  # edge lines shorter than this (and without sentence punctuation) are furniture
_SENTENCE_END = (".", "!", "?", "\"", "”", "»", ":")

_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    "september|october|november|december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    "novembre|décembre"
)
_DATE_WORDS = (
    rf"{_MONTHS}|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"published|updated|posted|modified|last|on|at|le|am|pm|gmt|utc|bst|cet|cest|est|edt|pst|pdt|ist|"
    r"ago|hours?|hrs?|minutes?|mins?|days?|weeks?|yesterday|today|mis à jour|publié|read|reading|time|min"
)
# Alternatives never overlap (words, digit runs, separators), and a digit run is taken whole
# (possessive): split as runs of 1–4, a failed match on 30 digits took hours of backtracking.
_DATE_LINE_RE = re.compile(rf"(?:(?:{_DATE_WORDS})\b|\d++(?:st|nd|rd|th|h)?|[\s,|•·:./–—-])+", re.IGNORECASE)
_BYLINE_RE = re.compile(
    r"(?i:by|par|von|por|di|written by|reporting by|words by)\s+"
    r"[A-ZÀ-Þ][\w.'’-]*(?:\s+(?:[A-ZÀ-Þ][\w.'’-]*|de|van|von|der|da|and|&|,|\|))*"
    r"(?:\s*[,|•·–—-]\s*[A-ZÀ-Þ][\w .&'’-]{0,50})?",
)
# "MOSCOW, May 7 (Reuters) - ", "PARIS (AFP) — ", "KYIV — ": the wire dateline in front of the lead.
_WIRE_DATELINE_RE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,40}(?:,\s*[\w .]{1,25})?\s*"
    r"(?:\((?:Reuters|AP|AFP|Bloomberg|dpa|ANSA|EFE|Xinhua|CNN|UPI)\)\s*[-–—:]+|\s[–—]{1,2})\s+"
)


def link_dense(text_chars: int, link_chars: int, links: int) -> bool:
    """True for a block whose visible text is mostly link text (menus, "related" lists)."""
    return links >= LINK_BLOCK_MIN_LINKS and text_chars > 0 and link_chars > LINK_DENSITY_MAX * text_chars


def is_date_or_byline(line: str, n_words: int) -> bool:
    """"By Jane Doe, Reuters", "Updated 10:32 GMT, 7 May 2025", "5 min read": noise between title and lead."""
    if n_words > 14 or len(line) > 120:
        return False
    if _DATE_LINE_RE.fullmatch(line.strip()) and any(c.isdigit() for c in line):
        return True
    return not line.endswith((".", "!", "?")) and _BYLINE_RE.fullmatch(line.strip()) is not None


def strip_wire_dateline(line: str) -> str:
    """Remove "MOSCOW, May 7 (Reuters) - " from the start of a lead paragraph."""
    if line[:1].isupper() and ("(" in line[:60] or "—" in line[:50] or "–" in line[:50]):
        match = _WIRE_DATELINE_RE.match(line)
        if match and len(line) - match.end() > 20:
            return line[match.end():]
    return line


def _dense(n_words: list[int], i: int) -> bool:
    if n_words[i] >= DENSE_WORDS:
        return True
    if n_words[i] < DENSE_PAIR_WORDS:
        return False
    return (i > 0 and n_words[i - 1] >= DENSE_PAIR_WORDS) or (i + 1 < len(n_words) and n_words[i + 1] >= DENSE_PAIR_WORDS)


def trim_sparse_edges(lines: list[str], n_words: list[int]) -> tuple[int, int]:
    """[start, end) of the lines to keep: short furniture-like lines at both edges go, when the item
    has dense prose at all. A line of SPARSE_WORDS or more, or ending like a sentence, is never trimmed."""
    dense = [i for i in range(len(lines)) if _dense(n_words, i)]
    if not dense:
        return 0, len(lines)

    def substantial(i: int) -> bool:
        return n_words[i] >= SPARSE_WORDS or lines[i].endswith(_SENTENCE_END)

    start = next(i for i in range(dense[0] + 1) if substantial(i))
    end = next(i for i in range(len(lines) - 1, dense[-1] - 1, -1) if substantial(i)) + 1
    return start, end


__all__ = ["is_date_or_byline", "link_dense", "strip_wire_dateline", "trim_sparse_edges"]
