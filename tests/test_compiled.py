"""The compiled clusterer: built where CI builds it, the same stories as its sources, and never a stale
extension shadowing an edited source."""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from streams import compiled
from tests.conftest import FIXTURES, REPO, shared_path

EXT = importlib.machinery.EXTENSION_SUFFIXES[0]
LISTED = [ext["name"] for ext in tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["ext-modules"]]


def test_every_listed_module_is_compiled_where_the_build_has_a_compiler():
    """In CI the install must have compiled them all; elsewhere an optional build may have fallen back."""
    if compiled.pure_requested():
        pytest.skip(f"{compiled.PURE_ENV} is set: the sources run")
    modules = {name: importlib.import_module(name) for name in LISTED}
    pure = sorted(name for name, module in modules.items() if not compiled.is_compiled(module))
    if pure and not os.environ.get("CI"):
        pytest.skip(f"built without a C compiler, or edited since: {', '.join(pure)} run from source")
    assert LISTED and not pure


def test_every_listed_module_is_compiled_as_plain_python():
    """Cython otherwise takes annotations as C types: `c = terms.get(t)` with `terms: dict[str, float]`
    becomes a double, and a missing key raises TypeError instead of giving None."""
    for name in LISTED:
        source = REPO.joinpath(*name.split(".")).with_suffix(".py")
        assert source.read_text().splitlines()[0] == "# cython: annotation_typing=False", source


def _cluster(archive: Path, out: Path, pure: bool) -> tuple[bytes, str]:
    """`newsstream cluster` in a fresh process; its predictions and which modules ran compiled."""
    env = {**os.environ, compiled.PURE_ENV: "1" if pure else ""}
    code = ("import sys, importlib; from streams import compiled; from streams.cli import main; "
            f"rc = main(['cluster', {str(archive)!r}, '--out', {str(out)!r}]); "
            f"print(sorted(n for n in {LISTED!r} if compiled.is_compiled(importlib.import_module(n)))); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return out.read_bytes(), done.stdout.strip().splitlines()[-1]


def _same_stories(archive: Path, tmp_path: Path) -> None:
    fast, which = _cluster(archive, tmp_path / "compiled.jsonl", pure=False)
    slow, none = _cluster(archive, tmp_path / "pure.jsonl", pure=True)
    assert none == "[]"
    if which == "[]":
        pytest.skip("nothing compiled here: both runs were the sources")
    assert fast.count(b"\n") > 10 and fast == slow


def test_compiled_and_pure_builds_put_every_article_in_the_same_story(tmp_path):
    archive = tmp_path / "fixtures.jsonl"
    archive.write_bytes(b"".join(path.read_bytes() for path in sorted(FIXTURES.glob("*.jsonl"))))
    _same_stories(archive, tmp_path)


@pytest.mark.parametrize("name", ["uci-dev.jsonl", "rpm2-fr-dev.jsonl"])
def test_compiled_and_pure_builds_agree_on_the_dev_sets(name, tmp_path):
    _same_stories(shared_path("data", "eval", name), tmp_path)


def _package(tmp_path: Path) -> Path:
    """A package `pkgx` whose module `mod` has a source and a broken extension beside it."""
    pkg = tmp_path / "pkgx"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "mod.py").write_text("WHO = 'source'\n")
    (pkg / "sub" / f"mod{EXT}").write_bytes(b"not an ELF file")
    (pkg / "sub" / f"orphan{EXT}").write_bytes(b"")  # no source beside it: not ours to replace
    return pkg


def test_a_source_edited_after_its_extension_was_built_is_stale(tmp_path):
    pkg = _package(tmp_path)
    found = compiled.extensions(pkg, "pkgx")
    assert found == {"pkgx.sub.mod": (pkg / "sub" / f"mod{EXT}", pkg / "sub" / "mod.py")}
    os.utime(pkg / "sub" / "mod.py", (1_000, 1_000))
    assert compiled.stale(found) == {}
    os.utime(pkg / "sub" / "mod.py", (3_000, 3_000))
    os.utime(pkg / "sub" / f"mod{EXT}", (2_000, 2_000))
    assert compiled.stale(found) == {"pkgx.sub.mod": pkg / "sub" / "mod.py"}


def test_the_finder_loads_the_source_where_the_extension_would_be_imported(tmp_path, monkeypatch):
    pkg = _package(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("pkgx", "pkgx.sub", "pkgx.sub.mod"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    with pytest.raises(ImportError):  # the extension comes first, and this one is broken
        importlib.import_module("pkgx.sub.mod")
    finder = compiled.SourceFinder({"pkgx.sub.mod": pkg / "sub" / "mod.py"})
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    module = importlib.import_module("pkgx.sub.mod")
    assert module.WHO == "source" and not compiled.is_compiled(module)


def test_pure_python_is_asked_for_as_a_bool_setting(monkeypatch):
    """NEWSSTREAM_PURE_PYTHON=false ran the sources (any value but "" and "0" did)."""
    for value, pure in (("1", True), ("true", True), ("on", True), ("0", False), ("false", False), ("no", False),
                        ("", False)):
        monkeypatch.setenv(compiled.PURE_ENV, value)
        assert compiled.pure_requested() is pure, value
