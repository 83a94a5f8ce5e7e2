"""Named entities from capitalisation, a small gazetteer and an alias table.

Clustering matches stories on shared entities, so the same referent must come out as the same
string in every outlet ("Putin", "President Vladimir Putin", "Russian President Putin" →
"Vladimir Putin"). Precision over recall: a missed entity costs a little similarity, a spurious one
("Despite China") links unrelated stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from streams.models import Entity
from streams.tag import gazetteer as gz
from streams.tag.language import ALL_STOPWORDS as _STOP_ALL
from streams.tag.runs import find_runs, is_title_case
from streams.words import strip_accents

MAX_ENTITIES = 30
MAX_ENTITY_CHARS = 80  # longer "names" are runs of capitalised prose, not entities
_ELIDED_ARTICLE_RE = re.compile(r"^[LlDd]['’][a-zà-ÿ]")
_INNER_CAP_RE = re.compile(r"[a-z][A-Z]")  # "TotalEnergies", "OpenAI": no common word looks like this
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")

_CONNECTORS = frozenset({"of", "the"}) | gz.PARTICLES
_NOUN_ARTICLES = frozenset({"der", "den", "dem", "des"})
_DETERMINERS = frozenset("The A An This That These Those His Her Its Our Their My Your".split())
_STARTERS = frozenset(
    "despite amid amidst being however meanwhile although following according additional both several many "
    "some most other another earlier later last next yesterday today asked speaking under before during "
    "since until without within among across against through unlike like instead still yet even only just "
    "now then here there why how what where who which while if once every each all no nor such should "
    "would could will can do does did is are was were has have had key major new top breaking watch".split()
)


def _preference(value: tuple[str, str]) -> tuple[bool, bool, str]:
    """Order of canonical names for one referent: hand-picked lists first (GeoNames has "Montréal"
    beside our "Montreal"), then the accented spelling ("Élysée" over "Elysee"), then alphabetical."""
    name = value[0]
    core = name in gz.CORE_PLACES or name in gz.ORGS or name in _ALIAS_TARGETS
    return (not core, name.isascii(), name)


_ALIAS_TARGETS = frozenset(gz.ORG_ALIASES.values()) | frozenset(gz.PERSON_ALIASES.values())


def _unify_spellings(known: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Spellings that differ only in case or accents ("Montreal", "Montréal") are one referent, so
    they get one name: otherwise outlets would not match, and which name the folded lookup found
    depended on set iteration order, i.e. on the process's hash seed."""
    groups: dict[str, set[tuple[str, str]]] = {}
    for key, value in known.items():
        if len(key) > 3:
            groups.setdefault(strip_accents(key.casefold()), set()).add(value)
    canonical: dict[tuple[str, str], tuple[str, str]] = {}
    for _, values in sorted(groups.items()):
        if len(values) > 1 and len({etype for _, etype in values}) == 1:
            best = min(values, key=_preference)
            canonical.update((value, best) for value in values if value not in canonical)
    return {key: canonical.get(value, value) for key, value in known.items()}


def _known_names() -> dict[str, tuple[str, str]]:
    """Every gazetteer and alias spelling → (canonical name, type), built in a fixed order."""
    known: dict[str, tuple[str, str]] = {name: (name, "PLACE") for name in sorted(gz.PLACES)}
    known.update((name, (name, "ORG")) for name in sorted(gz.ORGS))
    known.update((alias, (name, "PLACE")) for alias, name in gz.PLACE_ALIASES.items())
    known.update((alias, (name, "ORG")) for alias, name in gz.ORG_ALIASES.items())
    known.update((name, (name, "ORG")) for name in gz.ORG_ALIASES.values())
    known.update((name, (name, "PERSON")) for name in gz.PERSON_ALIASES.values())
    known.update((alias, (name, "PERSON")) for alias, name in gz.PERSON_ALIASES.items())
    known.update((noun, (name, "PLACE")) for noun, name in gz.DEMONYM_NOUNS.items())
    return _unify_spellings(known)


def _folded(known_cf: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Accent-free key → entry; where keys of different types collide, the preferred name wins."""
    folded: dict[str, tuple[str, str]] = {}
    for key in sorted(known_cf):
        fold, value = strip_accents(key), known_cf[key]
        if fold not in folded or _preference(value) < _preference(folded[fold]):
            folded[fold] = value
    return folded


_KNOWN = _known_names()
# Case-insensitive lookups, except for short keys where case matters ("US" vs "us"); accented
# spellings also match without their accents ("Vladímir Putin"), not the other way ("Reunion" is
# not "Réunion", nor "Sale" "Salé").
_KNOWN_CF = {key.casefold(): _KNOWN[key] for key in sorted(_KNOWN) if len(key) > 3}
_KNOWN_FOLD = _folded(_KNOWN_CF)
# Languages that capitalise every noun: there a capital marks a noun, not a name ("Regierung", "Krieg").
NOUN_CAPS = frozenset({"de", "lb"})
# German role nouns are compounds ("Außenministerin", "Staatschef", "Bundespräsidenten"): matched by ending.
_ROLE_ENDINGS = ("minister", "ministerin", "präsident", "präsidenten", "präsidentin", "kanzler", "kanzlerin",
                 "chef", "chefs", "chefin", "sprecher", "sprecherin", "meister", "meisterin", "trainer", "trainerin",
                 "vorsitzende", "vorsitzender", "vorsitzenden", "anwalt", "anwältin", "richter", "richterin")


def lookup(name: str) -> tuple[str, str] | None:
    """Canonical (name, type) of a gazetteer or alias entry."""
    hit = _KNOWN.get(name)
    if hit is None and len(name) > 3:
        folded = name.casefold()
        hit = _KNOWN_CF.get(folded) or (None if name.isascii() else _KNOWN_FOLD.get(strip_accents(folded)))
    return hit


def _is_role(token: str, nouns: bool) -> bool:
    low = token.lower()
    return low in gz.ROLES or (nouns and low.endswith(_ROLE_ENDINGS))


def _is_acronym(token: str) -> bool:
    letters = token.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


@lru_cache(maxsize=8192)
def _type_of(tokens: tuple[str, ...]) -> str:
    name = " ".join(tokens)
    if name in gz.PLACES:
        return "PLACE"
    if name in gz.ORGS or (len(tokens) > 1 and (tokens[-1] in gz.ORG_WORDS or tokens[0] in gz.ORG_WORDS)):
        return "ORG"
    if len(tokens) > 1 and (tokens[-1] in gz.PLACE_WORDS or tokens[0] in gz.PLACE_HEADS):
        return "PLACE"
    if tokens[-1] in gz.MISC_WORDS:
        return "MISC"
    if len(tokens) == 1 and _is_acronym(tokens[0]):
        return "ORG"
    core = [t for t in tokens if t not in gz.PARTICLES]
    if 2 <= len(core) <= 3 and all(
        t[0].isupper() and not t.isupper() and t.replace("-", "").replace("'", "").replace("’", "").isalpha()
        and t not in gz.CORE_PLACES and t not in gz.PLACE_ALIASES and t not in gz.DEMONYMS
        and t not in gz.NON_ENTITIES for t in core
    ):
        return "PERSON"
    return "MISC"


@lru_cache(maxsize=8192)
def _strip_role(tokens: tuple[str, ...], nouns: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split "Moscow Mayor Sergei Sobyanin" into (["Moscow"], ["Sergei", "Sobyanin"])."""
    if tokens[-1] in gz.ORG_WORDS:  # "Ministry of Defence", "Energy Department": an organisation
        return (), tokens
    roles = [i for i, t in enumerate(tokens) if _is_role(t, nouns)]
    if not roles:
        return (), tokens
    first, last = roles[0], roles[-1]
    end = last + 1
    if end < len(tokens) and tokens[end] == "of":
        end += 1
        while end < len(tokens) and tokens[end].lower() in gz.ROLE_OBJECTS:
            end += 1
    prefix = tokens[:first]
    while prefix and prefix[-1].lower() in gz.ROLE_MODIFIERS:
        prefix = prefix[:-1]
    name = tokens[end:]
    if not name and prefix and " ".join(prefix) not in gz.DEMONYMS and not lookup(" ".join(prefix)):
        return (), tokens  # "Stephen King": the "role" is a surname
    return prefix, name


_Emission = tuple[tuple[str, str, str], ...]  # (surface, canonical name, type) per entity


@dataclass(slots=True)
class _Mention:
    """How salient one entity is in a document."""

    type: str
    count: int
    in_title: bool
    first: int  # order of first mention, for stable ranking


@dataclass(slots=True)
class _Doc:
    """Per-document state: counts, where an entity was first seen, what title-case lines may match."""

    text: str
    nouns: bool = False  # a language that capitalises nouns (`NOUN_CAPS`)
    bare: dict[str, int] = field(default_factory=dict)  # there, unknown lone capitalised words: surnames?
    found: dict[str, _Mention] = field(default_factory=dict)  # canonical name → salience
    surfaces: dict[str, tuple[str, str]] = field(default_factory=dict)  # casefolded surface → (name, type)
    mid_caps: set[str] = field(default_factory=set)
    lower_words: set[str] | None = None
    cache: dict[tuple[tuple[str, ...], bool], _Emission] = field(default_factory=dict)
    pos: int = 0

    def add(self, surface: str, name: str, etype: str, in_title: bool) -> None:
        self.pos += 1
        mention = self.found.get(name)
        if mention is None:
            self.found[name] = _Mention(etype, 1, in_title, self.pos)
        else:
            mention.count += 1
            mention.in_title = mention.in_title or in_title
        self.surfaces.setdefault(surface.casefold(), (name, etype))

    def is_lower_word(self, word: str) -> bool:
        if self.lower_words is None:
            self.lower_words = set(_LOWER_WORD_RE.findall(self.text))
        return word.lower() in self.lower_words


def _emit(doc: _Doc, tokens: list[str], initial: bool, in_title: bool) -> None:
    """Add the entities of one run; repeated runs in a document are resolved once. Iterative: a
    German line can hold a thousand cuts, one recursion level each would overflow the stack."""
    pending = [(tokens, initial)]
    while pending:
        tokens, initial = pending.pop()
        if doc.nouns:  # "Angaben des Kremls", "am Montag Bürger": nouns an article or a date word joins are
            # separate runs ("von der Leyen" is one)
            cut = next((i for i, t in enumerate(tokens) if len(tokens) > 1 and (t in gz.NON_ENTITIES or (
                t in _NOUN_ARTICLES and 0 < i < len(tokens) - 1 and tokens[i - 1] not in ("von", "van", "zu")))), -1)
            if cut >= 0:
                if cut < len(tokens) - 1:
                    pending.append((tokens[cut + 1:], False))
                if cut:
                    pending.append((tokens[:cut], initial))  # popped first: the runs keep their order
                continue
        key = (tuple(tokens), initial)
        emissions = doc.cache.get(key)
        if emissions is None:
            emissions = doc.cache[key] = _resolve(doc, key[0], initial)
        for surface, name, etype in emissions:
            doc.add(surface, name, etype, in_title)


def _resolve(doc: _Doc, tokens: tuple[str, ...], initial: bool) -> _Emission:
    """Turn one possessive-free capitalised run into zero or more entities."""
    while True:  # "Según el Kremlin", "Bei den Gesprächen": a starter, then a particle, then the name
        while tokens and tokens[0] in _CONNECTORS:
            tokens = tokens[1:]
        if tokens and _ELIDED_ARTICLE_RE.match(tokens[0]):  # "L'entraîneur Luis Enrique": a common noun
            tokens = (tokens[0][2:], *tokens[1:])
        if len(tokens) > 1 and (tokens[0] in _DETERMINERS or (initial and (
            tokens[0].lower() in _STOP_ALL or tokens[0].lower() in _STARTERS
            or (not lookup(tokens[0]) and tokens[0] not in doc.mid_caps and doc.is_lower_word(tokens[0]))
        ))):
            tokens, initial = tokens[1:], False
            continue
        break
    while tokens and (tokens[-1].islower() or tokens[-1] in gz.NON_ENTITIES):
        tokens = tokens[:-1]
    if not tokens:
        return ()
    out: list[tuple[str, str, str]] = []
    size = len(tokens)
    prefix, tokens = _strip_role(tokens, doc.nouns)
    named = len(tokens) < size  # a role stood before it ("Kanzler Scholz"): a name, even capitalised nouns aside
    if prefix:
        known = lookup(" ".join(prefix))
        if known and known[1] != "PERSON":
            out.append((" ".join(prefix), known[0], known[1]))
        initial = False
    if not tokens:
        return tuple(out)
    known = lookup(" ".join(tokens))
    if not known and len(tokens) > 1:  # "US Senate", "Paris Police": a known place, then a known body
        place, body = lookup(tokens[0]), lookup(" ".join(tokens[1:]))
        if place and body and place[1] == "PLACE" and body[1] == "ORG":
            return (*out, (tokens[0], *place), (" ".join(tokens[1:]), *body))
    if not known and tokens[0] in gz.DEMONYMS and len(tokens) > 1 and _type_of(tokens) != "ORG":
        tokens, initial = tokens[1:], False
        known = lookup(" ".join(tokens))
    surface = " ".join(tokens)
    if known:
        return (*out, (surface, known[0], known[1]))
    if len(tokens) == 1:
        word = tokens[0]
        if "-" in word:
            parts = [(part, lookup(part)) for part in word.split("-")]
            if all(hit for _, hit in parts):
                return (*out, *((part, hit[0], hit[1]) for part, hit in parts if hit))
        if doc.nouns and not named and not _is_acronym(word) and not _INNER_CAP_RE.search(word):
            doc.bare[word] = doc.bare.get(word, 0) + 1  # "Regierung", or a surname: decided at the end
            return tuple(out)
        if (word in gz.NON_ENTITIES or word in gz.DEMONYMS or word.lower() in _STOP_ALL or len(word) < 2
                or word.startswith(("I'", "I’"))
                or (initial and word not in doc.mid_caps and not _INNER_CAP_RE.search(word)) or word.isdigit()):
            return tuple(out)
    return (*out, (surface, surface, _type_of(tokens)))


def _match_known(doc: _Doc, tokens: list[str], in_title: bool, all_caps: bool) -> None:
    """Title-case lines: capitals say nothing, so keep only spans seen in the body or the gazetteer."""
    i = 0
    while i < len(tokens):
        for n in range(min(4, len(tokens) - i), 0, -1):
            span = " ".join(tokens[i:i + n])
            hit = doc.surfaces.get(span.casefold()) or lookup(span)
            if hit is None and n == 1 and not all_caps and _is_acronym(span) and span not in gz.NON_ENTITIES:
                hit = (span, "ORG")
            if hit is None and n == 1 and "-" in span:
                known_parts = [lookup(part) for part in span.split("-")]
                if all(known_parts):
                    for part, (name, etype) in zip(span.split("-"), known_parts, strict=True):  # type: ignore[misc]
                        doc.add(part, name, etype, in_title)
                    i += 1
                    break
            if hit:
                doc.add(span, hit[0], hit[1], in_title)
                i += n
                break
        else:
            i += 1
    if len(tokens) > 1 and tokens[-1] in gz.ORG_WORDS and tokens[-1] != tokens[0]:
        doc.add(" ".join(tokens), " ".join(tokens), "ORG", in_title)


def _resolve_surnames(found: dict[str, _Mention]) -> None:
    """A bare "Sobyanin" or "Xi" is the "Sergei Sobyanin" / "Xi Jinping" named elsewhere in the text."""
    people = [(name.split(), m) for name, m in found.items() if m.type == "PERSON" and " " in name]
    for name in [n for n, m in found.items() if " " not in n and m.type in ("PERSON", "MISC")]:
        matches = [(parts, m) for parts, m in people if parts[-1] == name or parts[0] == name]
        if matches:
            _, target = max(matches, key=lambda pm: (pm[0][-1] == name, pm[1].count, -pm[1].first))
            bare = found.pop(name)
            target.count += bare.count
            target.in_title = target.in_title or bare.in_title
            target.first = min(target.first, bare.first)


def extract_entities(title: str, text: str, lang: str = "") -> list[Entity]:
    """Entities of one article, most salient first (title mentions, then frequency), at most 30.
    In German (`NOUN_CAPS`) a lone capitalised word is a name only when known, an acronym, after a
    role ("Kanzler Scholz"), or the surname of a name found in the text."""
    doc = _Doc(text, nouns=lang in NOUN_CAPS)
    plain: list[tuple[list[tuple[list[list[str]], bool]], bool]] = []
    titled: list[tuple[str, bool]] = []
    for line, in_title in [(title, True)] + [(line, False) for line in text.split("\n")]:
        if not line:
            continue
        # German is never title-cased, but its capitalised nouns make prose look so
        if (not doc.nouns and is_title_case(line)) or (line.isupper() and len(line) > 12):
            titled.append((line, in_title))
            continue
        runs = find_runs(line)
        plain.append((runs, in_title))
        for parts, initial in runs:
            for k, part in enumerate(parts):
                if not (initial and k == 0):
                    doc.mid_caps.update(part)
    for runs, in_title in plain:
        for parts, initial in runs:
            for k, part in enumerate(parts):
                _emit(doc, part, initial and k == 0, in_title)
    for line, in_title in titled:
        all_caps = line.isupper()
        for parts, _ in find_runs(line.title() if all_caps else line):
            for part in parts:
                _match_known(doc, part, in_title, all_caps)
    unclaimed = []
    for word, n in doc.bare.items():  # German lone capitals: a name's mentions, or candidate surnames
        mention = doc.found.get(word)
        if mention is not None:  # "Merz" after "Kanzler Merz"
            mention.count += n
        else:
            doc.found[word] = _Mention("MISC", n, False, doc.pos + 1)
            unclaimed.append(word)
    _resolve_surnames(doc.found)
    for word in unclaimed:  # no name took it: a noun
        doc.found.pop(word, None)
    ranked = sorted(((name, m) for name, m in doc.found.items() if len(name) <= MAX_ENTITY_CHARS),
                    key=lambda kv: (not kv[1].in_title, -kv[1].count, kv[1].first))
    return [Entity(text=name, type=mention.type) for name, mention in ranked[:MAX_ENTITIES]]


__all__ = ["extract_entities", "lookup"]
