"""Where names may be: runs of capitalised words in a line, and whether a line is headline-cased.

Split from entity resolution so the scanning (the hot loop) stays small and separately testable.
"""

from __future__ import annotations

import re

from streams.tag import gazetteer as gz
from streams.tag.language import ALL_STOPWORDS as _STOP_ALL

TITLE_CASE_MAX_WORDS = 25
TITLE_CASE_RATIO = 0.8


def _upper_class() -> str:
    """Character class of all uppercase letters (re has no \\p{Lu})."""
    ranges: list[list[int]] = []
    for cp in range(0x2C00):
        if chr(cp).isupper():
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


_U = _upper_class()
# Runs start with an uppercase letter so the regex engine can skip ahead by character class;
# a run that starts inside a word ("iPhone") is trimmed in Python.
_CAP = rf"[{_U}](?:\.(?:[{_U}]\.)+|\.(?=[ \t][{_U}])|\w*(?:[-'’]\w+)*)"
_CONNECT = r"(?:[ \t]+(?:of|the|and|for|&|" + "|".join(sorted(gz.PARTICLES)) + r")){1,2}"
_JOINERS = frozenset({"and", "for", "&"})  # inside organisation names only ("Food and Drug Administration")
_JOINED_ORGS = gz.ORGS | frozenset(gz.ORG_ALIASES.values())
_RUN_RE = re.compile(rf"{_CAP}(?:(?:{_CONNECT})?[ \t\xa0]+{_CAP})*")
_ELIDED_RE = re.compile(r"(?:^|[^\w])(?:[ldjnsmtcLDJNSMTC]|[qQ]u)$")  # "l'", "d'", "qu'" before a name
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_WORD_RE = re.compile(r"\w+")
_LEAD_SKIP = " \t\xa0\"“”‘’'([{*«»"
_SENTENCE_END = frozenset(".!?:;\n•–—|")
_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr St Mt Gen Sen Rep Gov Lt Col Capt Sgt Prof Jr Sr No vs Inc Corp Co Ltd".split()
)


def find_runs(line: str) -> list[tuple[list[list[str]], bool]]:
    """Capitalised runs of a line, split at possessives, with a sentence-initial flag."""
    out = []
    for match in _RUN_RE.finditer(line):
        start = match.start()
        tokens = match.group(0).split()
        if start and (line[start - 1].isalnum() or line[start - 1] in "_.-'’"):
            if line[start - 1] not in "'’" or not _ELIDED_RE.search(line[max(0, start - 4): start - 1]):
                out.append((split_run(tokens[1:]), False))  # began mid-word: keep the rest
                continue
        before = line[max(0, start - 16): start].rstrip(_LEAD_SKIP)
        if not before and start > 16:
            before = line[:start].rstrip(_LEAD_SKIP)
        initial = not before or before[-1] in _SENTENCE_END or (before[-1] == "-" and before[-2:-1].isspace())
        if before.endswith(".") and initial:
            prev = before[:-1].rsplit(None, 1)[-1] if before[:-1].strip() else ""
            initial = prev not in _ABBREVIATIONS and not (len(prev) == 1 and prev.isupper())
        out.append((split_run(tokens), initial))
    return out


def split_run(tokens: list[str]) -> list[list[str]]:
    """Split a run after possessives ("Moscow's Red Square"), at "of" that joins no name, and at
    "and"/"for" unless the whole run is an organisation ("Securities and Exchange Commission")."""
    parts: list[list[str]] = [[]]
    if not _JOINERS.isdisjoint(tokens) and " ".join(tokens) not in _JOINED_ORGS:
        pieces: list[list[str]] = [[]]
        for token in tokens:
            if token in _JOINERS:
                pieces.append([])
            else:
                pieces[-1].append(token)
        # One name only when it ends like an organisation and nothing before a joiner is a name itself.
        heads = pieces[:-1]
        if not (tokens[-1] in gz.ORG_WORDS and all(len(p) == 1 and p[0] not in gz.ORGS for p in heads)):
            return [part for piece in pieces if piece for part in split_run(piece)]
    for token in tokens:
        if token == "of" and parts[-1] and parts[-1][-1] not in gz.OF_HEADS:
            parts.append([])
            continue
        base = _POSSESSIVE_RE.sub("", token) if token[-1] in "s'’" and ("'" in token or "’" in token) else token
        parts[-1].append(base)
        if base != token:
            parts.append([])
    return [p for p in parts if p]


def is_title_case(line: str) -> bool:
    """Headline-style line, where capitals say nothing about names."""
    if line.count(" ") >= TITLE_CASE_MAX_WORDS:
        return False
    words = [w for w in _WORD_RE.findall(line) if len(w) > 3 and w.isalpha() and w.lower() not in _STOP_ALL]
    if len(words) < 3:
        return False
    # Headline style capitalises nearly every content word; prose full of names still has lowercase verbs.
    return sum(not w.islower() for w in words[1:]) >= TITLE_CASE_RATIO * (len(words) - 1)  # "iPhone" counts


__all__ = ["find_runs", "split_run", "is_title_case"]
