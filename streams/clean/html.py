"""HTML (or plain text with entities) → readable plain text, one paragraph per line.

Feed bodies arrive as HTML fragments, whole pages or plain text. Everything downstream (boilerplate
rules, entity and keyword extraction, clustering) works on lines of plain text, so this module is the
one place that knows about markup.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata

from selectolax.lexbor import LexborHTMLParser

from streams.clean.density import link_dense

MAX_TEXT_CHARS = 20_000
# Parsing cost grows with input; nothing useful lives past this in a news body.
MAX_INPUT_CHARS = 400_000

# Real pages have a few hundred block tags; tens of thousands mean a hostile or broken body.
MAX_BLOCK_TAGS = 5_000

# Blocks checked for link density; past this many, only lists are (the check walks each subtree).
_DENSITY_BLOCKS = "ul, ol, dl, table, p, div, section"
MAX_DENSITY_NODES = 300

# Elements whose whole subtree is never article text. Not <form>: ASP.NET WebForms pages wrap the
# whole body in one (`_drop_small_forms`); its controls are listed instead.
DROP_TAGS = [
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "nav", "footer", "aside", "button", "select", "option", "textarea", "input", "label",
    "svg", "canvas", "video", "audio", "map", "head", "title", "meta", "link", "menu", "dialog",
]

# In the degenerate-markup fallback (no parser), the bodies of these elements are cut out by hand.
_FALLBACK_DROP = [tag for tag in DROP_TAGS if tag not in ("input", "meta", "link", "embed", "frame")]  # void
_FALLBACK_OPEN_RE = re.compile(rf"<({'|'.join(_FALLBACK_DROP)})\b[^>]*(?:>|$)", re.IGNORECASE)
_FALLBACK_CLOSE_RE = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in _FALLBACK_DROP}

# A form with a heading or this much text wraps the page; smaller ones are comment or newsletter forms
# ("Your email address will not be published.") and go whole.
_FORM_RE = re.compile(r"<form\b", re.IGNORECASE)
_FORM_PAGE_CHARS = 400
_FORM_PAGE_TAGS = "article, main, h1"

# Tags that start a new line of text. The break is marked with a private-use sentinel before
# parsing, so newlines that are mere source formatting inside a paragraph are not mistaken for breaks.
_BLOCK_TAGS = (
    "p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|blockquote|section|article|"
    "header|main|pre|figure|figcaption|address|details|summary|center"
)
_BREAK = "\ue000"
_BLOCK_RE = re.compile(rf"<(?:/?(?:{_BLOCK_TAGS})\b|br\s*/)[^>]*>", re.IGNORECASE)
# Characters that must not reach the parser or the output: C0/C1 controls (but \t \n), lone
# surrogates, bidi/zero-width format characters, our own sentinel.
_JUNK_RE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffd\ue000]"
)
_LINEBREAK_RE = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\u2028\u2029\x85]")
_ODD_BREAKS = ("\r", "\x0c", "\u2028", "\u2029", "\x85", "\x0b", "\x1c", "\x1d", "\x1e")
_ANY_WS_RE = re.compile(r"\s+")
_TAG_RE = re.compile(r"<[^>]*(?:>|$)")
# Without block tags, text is markup only if an HTML tag (or a closing tag, or a comment) appears:
# feed titles arrive decoded ("Apple <AAPL.O> rose", "List<String>") and are plain text.
_INLINE_TAG_RE = re.compile(
    r"</?(?:a|abbr|b|big|cite|code|del|em|font|i|img|ins|kbd|mark|q|s|small|span|strike|strong|sub|sup|time|u|"
    r"wbr|script|style|iframe|noscript|svg|picture|source|video|audio|figure|label|button|input|form|select|"
    r"option|textarea|title|meta|link|head|body|html)\b[^<>]*>|</[a-z][\w:-]*\s*>|<!--",
    re.IGNORECASE,
)


def _has_any(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


def _tidy_lines(text: str) -> str:
    """Collapse whitespace inside lines, drop empty lines, bound the length."""
    text = unicodedata.normalize("NFC", text)
    lines = []
    total = 0
    for line in text.split("\n"):
        line = " ".join(line.split())  # str.split() knows every Unicode space, and is fast
        if not line:
            continue
        lines.append(line)
        total += len(line) + 1
        if total > MAX_TEXT_CHARS:
            break
    out = "\n".join(lines)
    if len(out) > MAX_TEXT_CHARS:
        cut = out.rfind(" ", 0, MAX_TEXT_CHARS)
        out = out[: cut if cut > MAX_TEXT_CHARS // 2 else MAX_TEXT_CHARS].rstrip()
    return out


def _drop_link_blocks(tree: LexborHTMLParser) -> None:
    """Remove lists, tables, paragraphs and divs whose text is mostly link text (menus, "related"
    lists). Outermost first; a block inside one already removed is skipped (its memory is gone)."""
    nodes = tree.css(_DENSITY_BLOCKS)
    if len(nodes) > MAX_DENSITY_NODES:
        nodes = tree.css("ul, ol")
    removed: set[int] = set()
    doomed = []
    for node in nodes:
        parent, inside = node.parent, False
        while parent is not None:
            if parent.mem_id in removed:
                inside = True
                break
            parent = parent.parent
        if inside:
            continue
        links = node.css("a")
        if len(links) < 2:
            continue
        # Only visible characters count: the break sentinels would make every list look wordy.
        text_chars = len(node.text(deep=True, strip=True).replace(_BREAK, ""))
        link_chars = sum(len(a.text(deep=True, strip=True).replace(_BREAK, "")) for a in links)
        if link_dense(text_chars, link_chars, len(links)):
            removed.add(node.mem_id)
            doomed.append(node)
    for node in doomed:
        node.decompose()


def _drop_small_forms(tree: LexborHTMLParser) -> None:
    """Remove forms that are only a form; keep (the text of) one that wraps the article."""
    doomed = [form for form in tree.css("form") if form.css_first(_FORM_PAGE_TAGS) is None
              and len(form.text(deep=True, strip=True).replace(_BREAK, "")) < _FORM_PAGE_CHARS]
    for form in doomed:
        form.decompose()


def _cut_dropped_elements(text: str) -> str:
    """Remove script, style, nav, … elements with their bodies, without a parser and in linear time:
    each closing-tag search starts where the last one ended, and a tag found unclosed is not
    searched again (an unclosed element keeps its body, as the tag stripping after it would)."""
    out: list[str] = []
    pos = 0
    unclosed: set[str] = set()
    while (start := _FALLBACK_OPEN_RE.search(text, pos)) is not None:
        tag = start.group(1).lower()
        close = None if tag in unclosed else _FALLBACK_CLOSE_RE[tag].search(text, start.end())
        if close is None:
            unclosed.add(tag)
            out.append(text[pos:start.end()])
            pos = start.end()
            continue
        out.append(text[pos:start.start()])
        pos = close.end()
    out.append(text[pos:])
    return "".join(out)


def html_to_text(html: str) -> str:
    """Return the visible text of `html`: paragraphs as lines, entities decoded, NFC, bounded."""
    if not html:
        return ""
    text = html[:MAX_INPUT_CHARS]
    if _has_any(text, _ODD_BREAKS):
        text = _LINEBREAK_RE.sub("\n", text)
    text = _JUNK_RE.sub("", text)
    marked, blocks = _BLOCK_RE.subn(lambda m: _BREAK + m.group(0), text) if "<" in text else (text, 0)
    if not blocks and ("<" not in text or not _INLINE_TAG_RE.search(text)):
        # Fast path: plain text, at most entity-escaped.
        if "&" in text:
            text = _JUNK_RE.sub("", _html.unescape(text))
        return _tidy_lines(text)
    if not blocks:
        # Inline-only markup: its newlines are real breaks.
        marked = text.replace("\n", _BREAK)
    if blocks > MAX_BLOCK_TAGS:
        # Degenerate markup (lexbor is quadratic in nesting depth): plain tag stripping is enough.
        raw = _html.unescape(_TAG_RE.sub("", _cut_dropped_elements(marked)))
        return _tidy_lines(_JUNK_RE.sub("", _ANY_WS_RE.sub(" ", raw).replace(_BREAK, "\n")))
    tree = LexborHTMLParser(marked)
    if _FORM_RE.search(marked):
        _drop_small_forms(tree)
    tree.strip_tags(DROP_TAGS)
    if "<a" in marked or "<A" in marked:
        _drop_link_blocks(tree)
    body = tree.body
    raw = body.text(deep=True, separator="", strip=False) if body is not None else ""
    # Source newlines are formatting; only the sentinels mark paragraph breaks.
    raw = _ANY_WS_RE.sub(" ", raw).replace(_BREAK, "\n")
    return _tidy_lines(_JUNK_RE.sub("", raw))


__all__ = ["html_to_text", "MAX_TEXT_CHARS"]
