import json
from pathlib import Path

import pytest

from streams.tag.language import detect_language

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "eval"


@pytest.mark.parametrize(
    "headline",
    [
        "Pot ads silenced",
        "Twitter crashes second time in nine days, blames software glitch",
        "Xi Jinping arrives in Moscow amid drone strikes",
        "Urban Outfitters warns on current-quarter results after sales miss",
        "NSA leaker Snowden says he has no regrets",
        "Stocks slip on signs of weakness in China",
    ],
)
def test_short_english_headlines(headline):
    assert detect_language(headline, None) == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le président de la République a annoncé jeudi une réforme des retraites qui sera présentée au "
         "Parlement après l'été, selon plusieurs ministres.", "fr"),
        ("Die Bundesregierung hat am Donnerstag neue Maßnahmen gegen die steigenden Energiepreise "
         "beschlossen, die für alle Haushalte gelten sollen.", "de"),
        ("El Gobierno aprobó el jueves una nueva ley de vivienda que limita los precios del alquiler "
         "en las grandes ciudades del país.", "es"),
        ("Il governo ha approvato giovedì una nuova legge sulla casa che limita i prezzi degli affitti "
         "nelle grandi città del paese.", "it"),
        ("O governo aprovou na quinta-feira uma nova lei de habitação que limita os preços dos aluguéis "
         "nas grandes cidades do país.", "pt"),
        ("De regering heeft donderdag een nieuwe woonwet aangenomen die de huurprijzen in de grote "
         "steden van het land beperkt.", "nl"),
        ("The government approved a new housing law on Thursday that limits rents in the country's "
         "largest cities.", "en"),
    ],
)
def test_sentences_in_each_supported_language(text, lang):
    assert detect_language(text, None) == lang


def test_hint_decides_when_text_is_too_short():
    assert detect_language("Tour de France", "fr") == "fr"
    assert detect_language("Merkel", "de") == "de"
    assert detect_language("", "pt") == "pt"


def test_long_text_overrides_a_wrong_hint():
    text = ("Le gouvernement a présenté mercredi son projet de loi, qui doit être examiné par les députés "
            "dans les prochaines semaines, a indiqué le ministre.")
    assert detect_language(text, "en") == "fr"


def test_undetermined_without_evidence_or_hint():
    assert detect_language("", None) == "und"
    assert detect_language("12345 !!!", None) == "und"
    assert detect_language("Москва принимает переговоры", "ru") == "ru"


def test_other_languages_come_from_the_bundled_model_or_the_script():
    assert detect_language("Путин встретился с Си Цзиньпином в Москве. Лидеры обсудили войну и торговлю "
                           "между двумя странами, сообщили в Кремле после переговоров в среду.", None) == "ru"
    assert detect_language("Москва принимает переговоры", None) == "ru"  # too short for CLD2: the script
    assert detect_language("习近平抵达莫斯科进行国事访问", None) == "zh"
    assert detect_language("Xi Jinping trifft Putin in Moskau zu Gesprächen über den Krieg", None) == "de"


def test_short_text_keeps_its_hint_unless_model_and_words_agree():
    assert detect_language("Apple unveils new iPhone", "fr") == "fr"
    assert detect_language("La réforme des retraites est adoptée par le Sénat après un long débat", "en") == "fr"


def test_broken_unicode_does_not_reach_the_model():
    assert detect_language("caf\ud800 the government said on Monday that the plan", None) == "en"


def _rows(name: str) -> list[dict]:
    path = EVAL / name
    if not path.exists():
        pytest.skip(f"eval archive {path} not found (../shared)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_uci_headlines_come_out_english_without_a_hint():
    rows = _rows("uci-dev.jsonl")
    rate = sum(detect_language(r["title"], None) == "en" for r in rows) / len(rows)
    assert rate >= 0.97, rate


def test_french_full_texts_are_french():
    rows = _rows("rpm2-fr-dev.jsonl")
    assert all(detect_language(r["text"], None) == "fr" for r in rows)


@pytest.mark.parametrize("text,hint,lang", [
    ("北京今日迎来今冬首场降雪", None, "zh"),  # CLD2 calls this short Chinese headline Japanese
    ("台北101大樓跨年煙火", None, "zh"),
    ("東京で初雪を観測", None, "ja"),  # kana: Japanese whatever the feed says
    ("習近平主席、モスクワ到着", "zh", "ja"),
    ("日経平均株価", "ja", "ja"),  # kanji only: the Japanese feed decides
    ("시진핑, 모스크바 도착", None, "ko"),
    ("Xi Jinping (习近平) arrives in Moscow for talks with Putin", None, "en"),
])
def test_east_asian_scripts_decide_before_the_model(text, hint, lang):
    assert detect_language(text, hint) == lang


@pytest.mark.parametrize(
    ("hint", "expected"),
    [("spa", "es"), ("ger", "de"), ("deu", "de"), ("fil", "tl"), ("fre", "fr"), ("en-US", "en"), ("zh_Hant", "zh"),
     ("haw", "und"), ("xyz", "und")],
)
def test_three_letter_hints_map_to_two_letter_codes_or_are_dropped(hint, expected):
    # "Aloha" alone cannot be decided from its words, so the hint is the answer (or there is none).
    assert detect_language("Aloha", hint) == expected
