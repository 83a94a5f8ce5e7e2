"""One key per outlet, so "BBC World" and "BBC Business" feeds count as one source when a story is
joined. Owner groups are deliberately *not* merged: Le Monde and Télérama are different voices.

No public-suffix download (tldextract fetches one): a short list of two-level suffixes covers the
outlets that matter, and a miss only makes a key one label too long, never merges two outlets.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Registrable suffixes with two labels (the registrable domain then has three).
TWO_LEVEL_SUFFIXES = frozenset(
    f"{second}.{cc}"
    for cc, seconds in {
        "uk": ("co", "org", "ac", "gov", "me", "ltd", "plc", "net", "sch"),
        "au": ("com", "net", "org", "edu", "gov", "id", "asn"),
        "nz": ("co", "org", "net", "govt", "ac", "geek", "school"),
        "jp": ("co", "ne", "or", "ac", "go", "gr"),
        "kr": ("co", "or", "ne", "go", "ac"),
        "za": ("co", "org", "gov", "net", "web"),
        "in": ("co", "net", "org", "gov", "ac", "firm", "gen", "ind"),
        "il": ("co", "org", "net", "ac", "gov"),
        "ke": ("co", "or", "ne", "go", "ac"),
        "th": ("co", "or", "in", "go", "ac"),
        "id": ("co", "or", "web", "go", "ac"),
        "br": ("com", "net", "org", "gov", "edu", "art", "blog"),
        "cn": ("com", "net", "org", "gov", "edu"),
        "hk": ("com", "net", "org", "gov", "edu"),
        "tw": ("com", "net", "org", "gov", "edu"),
        "sg": ("com", "net", "org", "gov", "edu"),
        "my": ("com", "net", "org", "gov", "edu"),
        "ph": ("com", "net", "org", "gov", "edu"),
        "pk": ("com", "net", "org", "gov", "edu"),
        "mx": ("com", "net", "org", "gob", "edu"),
        "ar": ("com", "net", "org", "gob", "edu"),
        "co": ("com", "net", "org", "gov", "edu"),
        "tr": ("com", "net", "org", "gov", "edu", "gen", "bel", "av"),
        "ng": ("com", "net", "org", "gov", "edu"),
        "eg": ("com", "net", "org", "gov", "edu"),
        "sa": ("com", "net", "org", "gov", "edu"),
        "ua": ("com", "net", "org", "gov", "in", "kiev", "kyiv"),
        "ru": ("com", "net", "org", "msk", "spb"),
        "pe": ("com", "net", "org", "gob", "edu"),
        "ve": ("com", "net", "org", "gob", "co"),
        "vn": ("com", "net", "org", "gov", "edu"),
        "bd": ("com", "net", "org", "gov", "edu"),
        "lk": ("com", "net", "org", "gov", "edu"),
        "np": ("com", "net", "org", "gov", "edu"),
        "gh": ("com", "net", "org", "gov", "edu"),
        "pl": ("com", "net", "org", "gov", "waw"),
        "fr": ("com", "asso", "gouv", "tm"),
        "at": ("co", "or", "gv", "ac"),
    }.items()
    for second in seconds
)

# Extra hosts of one outlet → the outlet's main domain. Hand-written, small on purpose.
DOMAIN_ALIASES: dict[str, str] = {
    "bbc.co.uk": "bbc.com", "bbci.co.uk": "bbc.com",
    "guardian.co.uk": "theguardian.com", "gu.com": "theguardian.com",
    "nyti.ms": "nytimes.com", "wapo.st": "washingtonpost.com", "on.wsj.com": "wsj.com",
    "reut.rs": "reuters.com", "reutersagency.com": "reuters.com",
    "ap.org": "apnews.com", "cnn.it": "cnn.com", "bloom.bg": "bloomberg.com",
    "aljazeera.net": "aljazeera.com", "tass.ru": "tass.com",
    "libe.fr": "liberation.fr", "libe.com": "liberation.fr",
    "fudzilla.net": "fudzilla.com", "canalplus.fr": "canalplus.com", "bfm.com": "bfmtv.com",
    "rainews.it": "rai.it", "frankfurterallgemeine.de": "faz.net", "tomshw.it": "tomshardware.com",
    "dailymail.com": "dailymail.co.uk", "dw.de": "dw.com", "france24.fr": "france24.com",
    "euronews.net": "euronews.com",
    # Same masthead on a second domain (checked against kite_media_data.json; owner groups stay apart).
    "rbb-online.de": "rbb24.de", "l1.nl": "l1nieuws.nl", "deutschlandradio.de": "deutschlandfunk.de",
    "handelsblattgroup.com": "handelsblatt.com", "tagesspiegel-gruppe.de": "tagesspiegel.de",
    "bloombergmedia.com": "bloomberg.com", "omglinux.com": "omgubuntu.co.uk", "nixcraft.com": "cyberciti.biz",
    "phoronix-test-suite.com": "phoronix.com", "pmo.ee": "postimees.ee", "francetvinfo.fr": "franceinfo.fr",
    "humanoid.fr": "frandroid.com", "nytimes.co": "nytimes.com", "theguardian.co.uk": "theguardian.com",
    "bbc.in": "bbc.com", "aje.io": "aljazeera.com",
}

# Leading labels that name a service of the site rather than the outlet.
_HOST_PREFIX_RE = re.compile(r"^(?:www\d*|m|mobile|amp|feeds?|rss|rssfeeds|syndication|edition|news)\.")

# Hosts that carry many publishers' feeds: the domain says nothing about the outlet.
FEED_HOSTS = frozenset(
    {"feedburner.com", "feedproxy.google.com", "news.google.com", "google.com", "feedblitz.com",
     "feedsportal.com", "rss.app", "rsshub.app", "fetchrss.com", "politepol.com",
     # link shorteners: the link names no outlet either
     "bit.ly", "trib.al", "dlvr.it", "ow.ly", "buff.ly", "t.co", "tinyurl.com", "lnkd.in"}
)
_SHARED_HOSTING = frozenset({"substack.com", "blogspot.com", "wordpress.com", "medium.com", "tumblr.com",
                             "github.io", "ghost.io", "beehiiv.com"})

# Publisher names (first words of a feed name) → domain, so a feed without links still joins its outlet.
NAME_ALIASES: dict[str, str] = {
    "bbc": "bbc.com", "reuters": "reuters.com", "guardian": "theguardian.com",
    "the guardian": "theguardian.com", "new york times": "nytimes.com", "the new york times": "nytimes.com",
    "nyt": "nytimes.com", "cnn": "cnn.com", "al jazeera": "aljazeera.com", "associated press": "apnews.com",
    "ap": "apnews.com", "afp": "afp.com", "le monde": "lemonde.fr", "der spiegel": "spiegel.de",
    "spiegel": "spiegel.de", "washington post": "washingtonpost.com", "the washington post": "washingtonpost.com",
    "wall street journal": "wsj.com", "the wall street journal": "wsj.com", "bloomberg": "bloomberg.com",
    "financial times": "ft.com", "france 24": "france24.com", "euronews": "euronews.com", "npr": "npr.org",
    "deutsche welle": "dw.com", "dw": "dw.com", "tass": "tass.com",
}

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_IP_RE = re.compile(r"^[\d.]+$|:")


def registrable_domain(host: str) -> str:
    """`news.bbc.co.uk` → `bbc.co.uk`; `edition.cnn.com` → `cnn.com` (heuristic, no suffix list)."""
    host = host.lower().strip().rstrip(".")
    if _IP_RE.search(host):
        return host
    labels = [label for label in host.split(".") if label]
    if len(labels) <= 2:
        return ".".join(labels)
    take = 3 if ".".join(labels[-2:]) in TWO_LEVEL_SUFFIXES else 2
    base = ".".join(labels[-take:])
    if base in _SHARED_HOSTING:  # the user's subdomain is the outlet
        return ".".join(labels[-take - 1:])
    return base


def url_host(url: str) -> str:
    """Hostname of `url` (scheme optional), "" when there is none."""
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    labels = [label for label in host.split(".") if label]
    return ".".join(labels) if len(labels) >= 2 else ""  # "localhost", "." and the like name no outlet


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return _SLUG_RE.sub("-", ascii_name).strip("-")


def _from_name(source_name: str) -> str:
    slug = _slug(source_name)
    words = slug.split("-")
    for n in range(min(4, len(words)), 0, -1):
        hit = NAME_ALIASES.get(" ".join(words[:n]))
        if hit:
            return hit
    return slug or "unknown"


def publisher_id(source_name: str, url: str) -> str:
    """Normalised publisher key: the outlet's registrable domain, else a slug of its name."""
    host = url_host(url or "")
    if host:
        while True:
            stripped = _HOST_PREFIX_RE.sub("", host, count=1)
            if stripped == host or "." not in stripped or stripped in TWO_LEVEL_SUFFIXES:
                break
            host = stripped
        if host in FEED_HOSTS or host in DOMAIN_ALIASES:
            domain = host
        else:
            domain = registrable_domain(host)
        if domain not in FEED_HOSTS and registrable_domain(domain) not in FEED_HOSTS:
            return DOMAIN_ALIASES.get(domain, domain)
    return _from_name(source_name or "")


__all__ = ["publisher_id", "registrable_domain", "url_host", "DOMAIN_ALIASES", "NAME_ALIASES"]
