"""newsstream: poll → clean → tag → cluster → alert → serve (see README.md)."""

from streams import compiled as _compiled

_compiled.install()  # before any other submodule loads: which of the compiled modules run from source
