"""Canonical article URLs, so the same story link from two feeds (or with two trackers) compares equal."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Query keys that only say who sent the reader; never part of what the page is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "twclid", "ttclid", "mc_cid",
        "mc_eid", "ref", "ref_src", "ref_url", "referrer", "cmpid", "cmp", "ocid", "_ga", "_gl", "smid",
        "smtyp", "sr_share", "s_cid", "ito", "itm_source", "itm_medium", "itm_campaign", "at_medium",
        "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "wt.mc_id", "wt.mc_ev",
        "icid", "ncid", "soc_src", "soc_trk", "share", "rss", "feedtype", "mbid", "spm", "__twitter_impression",
        "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid",
        "guccounter", "guce_referrer", "guce_referrer_sig", "xtor", "partner", "via",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "__s")
# Parameters that select the AMP rendering of the same article (key → values that mean AMP).
_AMP_PARAMS = {"amp": {"", "1", "true", "yes"}, "outputtype": {"amp"}, "output": {"amp"}, "_amp": {"true", "1"}}
# Added by Google's AMP viewer and cache (whatever their value): they never select a page.
_AMP_VIEWER_PARAMS = frozenset({"amp_js_v", "amp_gsa", "amp_tf", "amp_ct", "amp_r", "usqp", "aoh"})
# Already canonical: lowercase http(s) host without port or trailing dot, no query, no fragment.
_SIMPLE_URL_RE = re.compile(r"https?://[a-z0-9.-]*[a-z0-9-](?:/[^?#\s]*)?$")
# "/story/amp/" is the AMP copy of "/story/" (WordPress), "/story/amp" of "/story": the slash stays.
_AMP_PATH_RE = re.compile(r"(?:/amp(/?)|\.amp)$", re.IGNORECASE)


def _drop_param(key: str, value: str) -> bool:
    """True when a query parameter is tracking or AMP noise."""
    k = unquote(key).lower()
    if k in TRACKING_PARAMS or k in _AMP_VIEWER_PARAMS or k.startswith(_TRACKING_PREFIXES):
        return True
    amp_values = _AMP_PARAMS.get(k)
    return amp_values is not None and unquote(value).lower() in amp_values


# AMP cache links wrap the publisher's URL: https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a
_AMP_CACHE_RE = re.compile(r"^https?://[^/]+\.cdn\.ampproject\.org/[a-z]/(s/)?(.+)$", re.IGNORECASE)
_AMP_HOST_PREFIX = "amp."  # amp.theguardian.com/… is www.theguardian.com/…
_AMP_PATH_PREFIX_RE = re.compile(r"^/amp(?=/.)", re.IGNORECASE)  # /amp/world/story → /world/story


def _keep_slash(match: re.Match[str]) -> str:
    return match.group(1) or ""


def canonical_url(url: str) -> str:
    """Normalise `url` for comparison; on anything that is not an absolute http(s)-like URL,
    return the input stripped (a bad link must not stop the item)."""
    if not isinstance(url, str):
        return ""
    stripped = url.strip()
    if "ampproject.org/" in stripped:
        unwrapped = _AMP_CACHE_RE.match(stripped)
        if unwrapped:
            stripped = ("https://" if unwrapped.group(1) else "http://") + unwrapped.group(2)
    if _SIMPLE_URL_RE.match(stripped) and not _AMP_PATH_RE.search(stripped) and "amp" not in stripped:
        return stripped if stripped.count("/") > 2 else stripped + "/"
    try:
        parts = urlsplit(stripped)
        if not parts.scheme or not parts.netloc or not parts.hostname:
            return stripped
        scheme = parts.scheme.lower()
        host = parts.hostname.lower().rstrip(".")
        if not host:
            return stripped
        if host.startswith(_AMP_HOST_PREFIX) and host.count(".") >= 2:
            host = "www." + host[len(_AMP_HOST_PREFIX):]
        if ":" in host:  # IPv6 literal
            host = f"[{host}]"
        port = parts.port
        netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
        path = parts.path or "/"
        if scheme in _DEFAULT_PORTS:
            path = _AMP_PATH_PREFIX_RE.sub("", _AMP_PATH_RE.sub(_keep_slash, path)) or "/"
        pairs = []
        for item in parts.query.split("&"):
            item = item[4:] if item.startswith("amp;") else item  # "&amp;" escaped twice by the feed
            if not item:
                continue
            key, _, value = item.partition("=")
            if not _drop_param(key, value):
                pairs.append(item)
        query = "&".join(sorted(pairs))
        # A fragment only scrolls the page, except a hash-bang ("#!/article/1"): there it is the page
        fragment = parts.fragment if parts.fragment.startswith("!") else ""
        return urlunsplit((scheme, netloc, path, query, fragment))
    except ValueError:  # bad port, bad IPv6 literal, …
        return stripped


__all__ = ["canonical_url", "TRACKING_PARAMS"]
