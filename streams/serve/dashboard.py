"""The single-page dashboard: static HTML/JS/CSS shipped as package data (nothing from a CDN).

The page renders every feed-provided string with `textContent` (never `innerHTML`), and the
Content-Security-Policy allows scripts only from this origin, so a headline like
`<img src=x onerror=alert(1)>` stays text.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

ASSETS = ("index.html", "app.js", "app.css")


@cache
def asset(name: str) -> bytes:
    if name not in ASSETS:
        raise KeyError(name)
    return resources.files("streams.serve").joinpath("static", name).read_bytes()
