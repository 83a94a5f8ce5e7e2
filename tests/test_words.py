"""Words of any script (`streams.words`) and the cluster tokens built on them."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from streams.cluster.vectorize import tokens
from streams.stem import stem_cyrillic, stem_french
from streams.words import bigrams, plain_words, split_unspaced, strip_accents, take_unspaced


def test_unspaced_runs_become_overlapping_bigrams():
    assert bigrams("习近平抵达") == ["习近", "近平", "平抵", "抵达"]
    assert bigrams("雪") == ["雪"]
    assert split_unspaced("iPhone新機種") == [("iPhone", False), ("新機", True), ("機種", True)]


def test_half_width_kana_is_normalised_before_pairing():
    assert bigrams("ﾓｽｸﾜ") == bigrams("モスクワ")


def test_two_chinese_headlines_of_one_event_share_tokens_and_an_unrelated_one_does_not():
    a = set(tokens("习近平抵达莫斯科与普京举行会谈"))
    b = set(tokens("国家主席习近平抵达莫斯科，将与普京会谈"))
    c = set(tokens("北京今日迎来今冬首场降雪"))
    assert {"习近", "近平", "莫斯", "斯科", "普京"} <= a & b
    assert not a & c


def test_japanese_keeps_its_voiced_kana():
    # NFKD and mark stripping would turn プーチン into フーチン and が into か
    assert "プー" in tokens("プーチン大統領と会談")
    assert "氏が" in tokens("習近平氏がモスクワに到着")


def test_marks_are_part_of_a_word():
    # Devanagari vowel signs are combining marks: a plain \w+ cuts "मोदी" into pieces
    assert re.findall(r"\w+", "मोदी") != ["मोदी"]
    assert tokens("प्रधानमंत्री मोदी ने कहा") == ["प्रधानमंत्री", "मोदी", "ने", "कहा"]
    # Thai: one unspaced run, paired by letter with its tone and vowel marks (no mark-only pairs)
    assert tokens("สีจิ้นผิง") == ["สีจิ้", "จิ้น", "นผิ", "ผิง"]


def test_accents_come_off_latin_greek_and_arabic_but_not_indic_or_cyrillic_letters():
    assert strip_accents("élysée") == "elysee"
    assert strip_accents("αθήνα") == "αθηνα"
    assert strip_accents("مُحَمَّد") == "محمد"
    assert strip_accents("हिंदी") == "हिंदी"
    assert strip_accents("йошкар") == "йошкар" and strip_accents("ёлка") == "елка"


def test_cyrillic_case_endings_come_off():
    assert {stem_cyrillic(w) for w in ("москва", "москву", "москве")} == {"москв"}
    assert {stem_cyrillic(w) for w in ("землетрясение", "землетрясения", "землетрясении")} == {"землетрясен"}
    assert stem_cyrillic("снег") == "снег"  # short words stay whole
    assert stem_cyrillic("moscow") == "moscow"  # only Cyrillic words
    assert set(tokens("в Москве")) == set(tokens("в Москву"))


def test_latin_tokens_are_what_they_were():
    assert tokens("Xi Jinping arrives in Moscow for talks — l’euthanasie, Élysée's U.S. deals") == [
        "xi", "jinping", "arrive", "moscow", "talk", "euthanasie", "elysee", "deal"]
    assert tokens("ＩＢＭ　reports") == ["ibm", "report"]


def test_dedup_words_are_unchanged_for_latin_text():
    text = "don't stop: the U.S.-China talks, l'économie"
    assert plain_words(text) == re.findall(r"\w+", text)
    assert plain_words("土耳其地震") == ["土耳", "耳其", "其地", "地震"]


def test_take_unspaced_returns_grams_and_the_rest():
    grams, rest = take_unspaced("苹果发布新款iPhone 15")
    assert grams == ["苹果", "果发", "发布", "布新", "新款"]
    assert rest.split() == ["iPhone", "15"]
    assert take_unspaced("plain text") == ([], "plain text")


@given(st.text(max_size=300))
def test_tokens_of_any_text_are_nonempty_words(text):
    first = tokens(text)
    assert first == tokens(text)  # memoised: the second pass reads the cache
    assert all(t and not any(c.isspace() for c in t) for t in first)
    assert all(w and not any(c.isspace() for c in w) for w in plain_words(text))


def test_french_words_lose_plural_and_feminine_endings():
    assert stem_french("economiques") == stem_french("economique") == "economiqu"
    assert stem_french("journaux") == "journal"
    assert stem_french("chat") == "chat"  # short words stay whole
    assert tokens("Les élections législatives", None, "fr") == tokens("élection législative", None, "fr")
    # only French text is stemmed so: English keeps its own (plural-only) folding
    assert tokens("Elections and votes", None, "en") == tokens("Elections and votes") == ["election", "vote"]
