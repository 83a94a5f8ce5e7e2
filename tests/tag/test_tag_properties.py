"""Whatever text reaches the tagger, it returns a bounded, well-typed Article."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.models import Article
from streams.tag import Tagger
from streams.tag.entities import MAX_ENTITIES
from streams.tag.keywords import MAX_KEYWORDS
from streams.tag.language import detect_language

WORDS = st.sampled_from([
    "The", "President", "Xi", "Jinping", "U.S.", "of", "de", "Bank", "Moscow's", "Red", "Square", "Mr.", "A.",
    "China-Russia", "l'État", "Ukrainians", "Inc", "\n", ".", ",", "-", "’s", "É", "ÉTATS-UNIS", "Kiev", "van",
])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=10)), max_size=60).map(" ".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(title=TEXT, text=st.one_of(TEXT, st.text()), lang=st.sampled_from(["", "en", "fr", "xx"]))
def test_tagger_total(title, text, lang):
    article = Article(id="p", url="", source="s", source_id="s", title=title, text=text,
                      published="2025-01-01T00:00:00Z", lang=lang)
    out = Tagger()(article)
    # The hint stands unless the text itself is strong evidence of another language.
    assert out.lang == "und" or (len(out.lang) == 2 and out.lang.isalpha())
    assert out.lang != "und" or not lang
    assert len(out.entities) <= MAX_ENTITIES
    assert len(out.keywords) <= MAX_KEYWORDS
    assert len({e.text for e in out.entities}) == len(out.entities)
    assert all(len(e.text) <= 80 for e in out.entities) and all(len(k) <= 40 for k in out.keywords)
    assert all(e.text and e.type in {"PERSON", "ORG", "PLACE", "MISC"} for e in out.entities)
    assert all(k and k == k.lower() for k in out.keywords)
    assert out.category in {None, "world", "politics", "business", "tech", "science", "health", "sport",
                            "entertainment"}


@SETTINGS
@given(st.text(), st.one_of(st.none(), st.text(max_size=5)))
def test_detect_language_total(text, hint):
    lang = detect_language(text, hint)
    assert lang == "und" or (len(lang) == 2 and lang.isalpha())
