"""Light stemmers (`streams.stem`): singular and plural forms fold to one term, per language."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from streams.cluster.vectorize import tokens
from streams.stem import STEMMERS, stem_cyrillic

PAIRS = {
    "fr": [("elections", "election"), ("journaux", "journal"), ("economiques", "economique")],
    "de": [("wahlen", "wahl"), ("hauses", "haus"), ("regierungen", "regierung")],
    "es": [("elecciones", "eleccion"), ("ciudades", "ciudad"), ("luces", "luz"), ("ministros", "ministro")],
    "pt": [("eleicoes", "eleicao"), ("animais", "animal"), ("homens", "homem"), ("ministros", "ministro")],
    "it": [("elezioni", "elezione"), ("ministri", "ministro"), ("banche", "banca")],
    "nl": [("verkiezingen", "verkiezing"), ("bommen", "bom"), ("premiers", "premier"), ("landen", "land")],
}


@pytest.mark.parametrize("lang,plural,singular", [(lang, p, s) for lang, pairs in PAIRS.items() for p, s in pairs])
def test_plural_and_singular_fold_together(lang, plural, singular):
    stem = STEMMERS[lang]
    assert stem(plural) == stem(singular)


def test_different_words_stay_apart():
    for lang, pairs in PAIRS.items():
        stems = {STEMMERS[lang](p) for p, _ in pairs}
        assert len(stems) == len(pairs), lang


def test_articles_are_stemmed_as_their_language():
    assert tokens("Las elecciones en la ciudad", None, "es") == tokens("La elección en las ciudades", None, "es")
    assert tokens("Die Wahlen der Regierung", None, "de") == tokens("Die Wahl der Regierungen", None, "de")
    assert tokens("в Москве", None, "ru") == tokens("в Москву", None, "en")  # Cyrillic: by script


@given(st.sampled_from(sorted(STEMMERS)), st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=20))
def test_a_stem_is_never_empty(lang, word):
    assert STEMMERS[lang](word)
    assert stem_cyrillic(word) == word


def test_arabic_article_and_conjunction_come_off_the_front():
    from streams.stem import stem_arabic

    assert stem_arabic("والرئيس") == stem_arabic("الرئيس") == stem_arabic("رئيس")
    assert stem_arabic("بالعاصمة") == stem_arabic("العاصمة")
    assert tokens("الرئيس يصل إلى موسكو", None, "ar") == tokens("رئيس يصل موسكو", None, "en")  # by script
