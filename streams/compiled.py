"""The compiled modules, and when their sources run instead.

An install compiles the clusterer's hot modules with Cython from their unchanged `.py` sources
(pyproject's `ext-modules`), and Python imports an extension (`assign.cpython-311-….so`) ahead of
the source beside it. Two cases run the sources instead, through a finder placed ahead of the
normal import:
- NEWSSTREAM_PURE_PYTHON=1: every compiled module (to debug, or to compare the two builds).
- A source checkout's module edited since its extension was built: the stale extension would
  otherwise shadow the edit silently. A warning says so; `make dev` rebuilds it.
Each compiled module starts `# cython: annotation_typing=False`: Cython would otherwise take its
annotations as C types (`c = terms.get(t)` with `terms: dict[str, float]` becomes a double, and a
missing key raises TypeError). So compiled, it keeps Python's semantics (the same stories, to the
bit), but does not hand the GIL to other threads on its own: a long loop that may run in a thread
takes a `pause` to call.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent
PURE_ENV = "NEWSSTREAM_PURE_PYTHON"
# longest first: ".cpython-311-x86_64-linux-gnu.so" before ".so"
_SUFFIXES = sorted(importlib.machinery.EXTENSION_SUFFIXES, key=len, reverse=True)


def extensions(root: Path = PACKAGE, package: str = "streams") -> dict[str, tuple[Path, Path]]:
    """Module name → (extension, source) for every compiled module under `root` with its source beside it."""
    found = {}
    for ext in root.rglob("*.so"):
        suffix = next((s for s in _SUFFIXES if ext.name.endswith(s)), None)
        source = ext.with_name(ext.name[: -len(suffix)] + ".py") if suffix else None
        if source is not None and source.is_file():
            parts = source.relative_to(root).with_suffix("").parts
            found[".".join((package, *parts))] = (ext, source)
    return found


def stale(found: dict[str, tuple[Path, Path]]) -> dict[str, Path]:
    """The modules whose source changed after their extension was built: name → source."""
    return {name: source for name, (ext, source) in found.items() if source.stat().st_mtime > ext.stat().st_mtime}


class SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the listed modules' sources, ahead of the path finder that would pick their extensions."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(self, name: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        source = self.sources.get(name)
        return None if source is None else importlib.util.spec_from_file_location(name, source)


def pure_requested() -> bool:
    """NEWSSTREAM_PURE_PYTHON read as `Settings` reads a bool: "false" or "0" is no."""
    return os.environ.get(PURE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def install() -> dict[str, Path]:
    """Run by `streams/__init__.py` before any submodule loads; returns the modules that will run from
    source. An installed package (no pyproject.toml beside it) is not scanned unless asked to."""
    pure = pure_requested()
    if not pure and not (PACKAGE.parent / "pyproject.toml").is_file():
        return {}
    found = extensions()
    sources = {name: source for name, (_, source) in found.items()} if pure else stale(found)
    if sources and not pure:
        warnings.warn(f"{', '.join(sorted(sources))} changed since compiled: run from source (slower) "
                      "until `make dev` rebuilds", RuntimeWarning, stacklevel=2)
    if sources:
        sys.meta_path.insert(0, SourceFinder(sources))
    return sources


def is_compiled(module: ModuleType) -> bool:
    """Whether `module` was loaded from an extension rather than its source."""
    return isinstance(module.__spec__.loader, importlib.machinery.ExtensionFileLoader)
