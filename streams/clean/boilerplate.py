"""Remove page furniture that survives HTML stripping: comment forms, share bars, "Related articles"
blocks full of other headlines, cookie and newsletter prompts, repeated teasers.

Those lines would otherwise feed entities and terms of *other* stories into clustering. Rules are
line-based and anchored, so a real sentence that merely mentions "newsletter" is kept: only short
lines are eligible for the softer rules, and a block is cut only when what follows looks like a
list of headlines rather than article prose.
"""

from __future__ import annotations

import re

from streams.clean.density import is_date_or_byline, strip_wire_dateline, trim_sparse_edges

_END = r"\s*[:.!»›>→\-–—]*\s*"

# Whole lines that are never article text.
_DROP_LINE_RE = re.compile(
    r"(?:"
    r"please enter your (?:comment|name(?: here)?|e-?mail(?: address)?(?: here)?)"
    r"|you have entered an incorrect e-?mail address"
    r"|save my name,? e-?mail,? and website in this browser.*"
    r"|(?:post|submit|add|view|show|hide) (?:a |your )?comments?|cancel reply|\d+ comments?|no comments(?: yet)?"
    r"|skip to (?:main )?(?:content|navigation|search|footer)|jump to (?:content|navigation)"
    r"|advertisement|advert|sponsored(?: content)?|scroll to continue(?: with content)?"
    r"|story continues below(?: advertisement)?|article continues below"
    r"|(?:date|posted|published|updated|by|author|source|tags|filed under|categories|topics)"
    r"|(?:tags|filed under|categories|topics)\s*:.{0,150}"
    r"|follow us(?: on [\w ,&]{1,60})?|(?:sign up|subscribe)(?: now| today| for free| here)?"
    r"|(?:all rights reserved|©|\(c\)).{0,120}|.{0,120}all rights reserved"
    # a notice ("Copyright 2024 Reuters", "Copyright © AFP", "Copyright: Getty Images"), not a lead that
    # starts with the word ("Copyright holders sued the AI company on Tuesday ...")
    r"|copyright(?:\s*(?:©|\(c\)|\d{4}\b|[:\-–—]|by\b).{0,120}|(?:\s+[^\s.]+){0,3})"
    r"|(?:photo|image|picture|credit|file photo)\s*:.{0,120}"
    r"|(?:read (?:also|more|next)|also read|see also|related|lire aussi|à lire aussi|leggi anche|lee también)"
    r"\s*[:\-–—]\s*\S.{0,200}"
    rf"){_END}",
    re.IGNORECASE,
)

_SHARE_WORDS = (
    r"share|shares|tweet|e-?mail|print|pin|save|copy link|facebook|twitter|x|whatsapp|linkedin|reddit|"
    r"telegram|pinterest|messenger|flipboard|threads|bluesky|mastodon|sms|comment|comments"
)
_SHARE_LINE_RE = re.compile(
    rf"(?:(?:{_SHARE_WORDS})\b(?:\s+(?:this|on|via|to|the|article|story|post|page|link|with|your|friends))*"
    rf"[\s,|/·•:]*)+",
    re.IGNORECASE,
)

# Short lines containing these are prompts to the reader (imperative or first/second person), not reporting.
_PROMPT_RE = re.compile(
    r"^\W*(?:sign up|subscribe|get|join|register)\b.{0,80}\bnewsletters?\b"
    r"|\b(?:our|free) (?:daily |weekly |morning |evening )?newsletters?\b|\bnewsletters?\b.{0,60}\byour inbox\b"
    r"|\b(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b|\baccept (?:all )?cookies\b"
    r"|\bcookie (?:policy|settings|preferences)\b"
    r"|\benable javascript\b|\bjavascript (?:is )?(?:disabled|required)\b"
    r"|\bclick here to (?:subscribe|read|download|sign up|register)\b"
    r"|\bsubscribe to (?:our|the) (?:channel|newsletter|podcast|youtube)\b"
    r"|\bsupport (?:our|independent) journalism\b|\balready a subscriber\b|\bsubscribe to continue\b",
    re.IGNORECASE,
)
_PROMPT_HINTS = ("newsletter", "cookie", "javascript", "click here", "subscri", "journalism")
_JUNK_MAX_WORDS = 40  # no rule below needs a longer line; real paragraphs skip the regexes

# Headings of trailing blocks that list other articles or comments.
_BLOCK_HEADING_RE = re.compile(
    r"(?:"
    r"related(?: articles?| posts?| stories| news| content| coverage| topics| links| reading| videos?)?"
    r"|read (?:also|more|next)|also read|see also|further reading|what to read next|don't miss|do not miss"
    r"|latest(?: news| stories| articles| posts| headlines| videos)?"
    r"|more (?:from|on|in|about) .{1,60}|more (?:stories|news|articles|headlines|like this|to read)"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| stories| articles| reading)?"
    r"|most (?:read|popular|viewed|shared|commented)"
    r"|(?:popular|trending|recent|top)(?: posts| stories| news| now| articles)?"
    r"|editor'?s picks|leave a (?:reply|comment)|comments?|\d+ (?:responses?|comments?|replies)"
    r"|(?:à )?lire aussi|sur le même sujet|les plus lus|dans la même rubrique|mehr zum thema"
    r"|weitere artikel|das könnte sie auch interessieren|lee también|noticias relacionadas"
    r"|te puede interesar|leggi anche|articoli correlati|lees ook|gerelateerde artikelen|leia também"
    rf"){_END}",
    re.IGNORECASE,
)
# A trailing block holds teasers, not prose: no line this long may follow the heading.
_BLOCK_MAX_WORDS = 60
_CONTENT_MIN_WORDS = 12
# A line this long that ends a sentence is a paragraph of prose; teaser summaries are shorter or cut off.
_PROSE_MIN_WORDS = 20
_PROSE_ENDS = frozenset(".!?\"”’)")

_READ_MORE_TAIL_RE = re.compile(
    r"(?<=[.!?…\"”'’)])\s*(?:\[\s*)?(?:read more|continue reading|read the (?:full|rest of the) "
    r"(?:story|article)|lire la suite|weiterlesen|leer más|leggi tutto)\s*(?:\]|»|›|→|>|\.\.\.|…)*\s*$",
    re.IGNORECASE,
)
_CONTINUE_TAIL_RE = re.compile(
    r"(?<=[.!?…\"”'’)])\s*(?:continue reading|lire la suite|weiterlesen)\b.{0,120}$", re.IGNORECASE
)
_TAIL_HINTS = ("read", "continu", "lire", "weiter", "leer", "leggi")
_ELLIPSIS_RE = re.compile(r"\s*(?:\.{3,}|…)\s*$")
_ELLIPSES = ("...", "…")
_NORM_RE = re.compile(r"[\W_]+")
_TEASER_KEY = 20  # chars of normalised prefix used to find the line a teaser repeats

_NAV_WORDS = frozenset(
    "home news world sport sports business politics menu search login log in sign register subscribe "
    "contact us about privacy policy terms of use service cookies newsletter newsletters video videos "
    "podcast podcasts opinion culture lifestyle tech technology science health entertainment travel "
    "weather sections account my help faq careers advertise with rss feeds live tv radio edition close "
    "open back to top next previous prev page main navigation toggle skip content and & | accueil".split()
)


def _has_any(text: str, needles: tuple[str, ...]) -> bool:
    """Cheap substring prefilter: case-insensitive regexes over Unicode text are slow."""
    return any(needle in text for needle in needles)


def _norm(line: str) -> str:
    return _NORM_RE.sub(" ", line.lower()).strip()


def _is_junk(line: str, n_words: int) -> bool:
    """Rules for one line; long lines are prose unless they carry a rights notice."""
    low = line.lower()
    if n_words > _JUNK_MAX_WORDS:
        return "all rights reserved" in low
    if _DROP_LINE_RE.fullmatch(line) or _SHARE_LINE_RE.fullmatch(line):
        return True
    if _has_any(low, _PROMPT_HINTS) and _PROMPT_RE.search(line):
        return True
    if n_words > 15 or line[-1] in ".!?\"”":
        return False
    words = [w for w in (w.strip(":|·•/,") for w in low.split()) if w]
    return 0 < len(words) <= 8 and all(w in _NAV_WORDS for w in words)


def _is_heading(line: str) -> bool:
    return len(line) <= 80 and _BLOCK_HEADING_RE.fullmatch(line) is not None


def _is_prose(line: str, words: int) -> bool:
    """A paragraph of reporting: long and ending a sentence (teasers are headlines or cut off)."""
    return words >= _PROSE_MIN_WORDS and line[-1] in _PROSE_ENDS and not line.endswith(_ELLIPSES)


def _cut_index(lines: list[str], n_words: list[int]) -> int:
    """Index of the first block heading that starts a trailing list of other headlines, else len.
    Every section after it must look like a list: a section (lines up to the next heading) where
    prose paragraphs outnumber the rest is the article going on under a subheading."""
    headings = [_is_heading(line) for line in lines]
    longest_after = [0] * (len(lines) + 1)
    prose_after = [False] * (len(lines) + 1)  # some section starting after i reads as prose
    prose = other = 0
    for i in range(len(lines) - 1, -1, -1):
        longest_after[i] = max(longest_after[i + 1], n_words[i])
        prose_after[i] = prose_after[i + 1]
        if headings[i]:
            prose_after[i] = prose_after[i] or prose > other
            prose = other = 0
        elif _is_prose(lines[i], n_words[i]):
            prose += 1
        else:
            other += 1
    seen_content = False
    for i, heading in enumerate(headings):
        if heading:
            if (longest_after[i + 1] < _BLOCK_MAX_WORDS and not prose_after[i]
                    and (seen_content or i == len(lines) - 1)):
                return i
        elif n_words[i] >= _CONTENT_MIN_WORDS:
            seen_content = True
    return len(lines)


def remove_boilerplate(text: str, title: str = "") -> str:
    """Return `text` (lines separated by "\\n") without boilerplate lines and trailing link blocks."""
    if not text:
        return ""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    n_words = [line.count(" ") + 1 for line in lines]
    cut = _cut_index(lines, n_words)
    kept: list[str] = []
    seen: set[str] = set()
    for line, words in zip(lines[:cut], n_words[:cut], strict=True):
        if _is_junk(line, words) or _is_heading(line):
            continue
        tail = line[-160:].lower()
        if _has_any(tail, _TAIL_HINTS):
            line = _CONTINUE_TAIL_RE.sub("", _READ_MORE_TAIL_RE.sub("", line))
        key = " ".join(line.casefold().split())
        if not key or key in seen:
            continue
        seen.add(key)
        kept.append(line)
    kept = [line for line in kept if not (line.count(" ") < 14 and is_date_or_byline(line, line.count(" ") + 1))]
    if kept:
        kept[0] = strip_wire_dateline(kept[0])
        start, end = trim_sparse_edges(kept, [line.count(" ") + 1 for line in kept])
        kept = kept[start:end]
    return "\n".join(_drop_teasers(kept, title))


def _drop_teasers(lines: list[str], title: str) -> list[str]:
    """Drop lines ending in an ellipsis whose words another line (or the title) already carries."""
    if not any(line.endswith(_ELLIPSES) for line in lines):
        return lines
    by_prefix: dict[str, list[int]] = {}
    normed = [_norm(line) for line in lines]
    for i, key in enumerate(normed):
        by_prefix.setdefault(key[:_TEASER_KEY], []).append(i)
    title_key = _norm(title)
    out = []
    for i, line in enumerate(lines):
        if line.endswith(_ELLIPSES):
            stem = _norm(_ELLIPSIS_RE.sub("", line))
            if len(stem) >= _TEASER_KEY and (
                title_key.startswith(stem)
                or any(j != i and normed[j].startswith(stem) for j in by_prefix.get(stem[:_TEASER_KEY], ()))
            ):
                continue
        out.append(line)
    return out


__all__ = ["remove_boilerplate"]
