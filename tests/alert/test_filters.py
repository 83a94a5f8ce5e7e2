import pytest
from hypothesis import given, strategies as st

from streams.alert.filters import Filter, Subject, parse_query_filters
from streams.errors import ConfigError
from streams.models import Alert, AlertArticle, AlertSource


def alert(**kw) -> Alert:
    base = dict(alert_id="al-1", kind="source_joined", story_id="st-1", headline="Xi Jinping lands in Moscow for talks",
                source="Meridian Times", sources=["Atlas Wire", "Meridian Times"],
                article=AlertArticle("a2", "https://m.example/x", "Chinese leader begins state visit", "2025-05-07T10:00:00Z"),
                created_at="2025-05-07T10:00:01Z", source_id="meridian-times.example", lang="en", category="world",
                sources_seen=[AlertSource("Atlas Wire", "atlas-wire.example", "2025-05-07T09:00:00Z", "a1"),
                              AlertSource("Meridian Times", "meridian-times.example", "2025-05-07T10:00:00Z", "a2")],
                entities=["Xi Jinping", "Moscow"], keywords=["visit", "talks"])
    base.update(kw)
    return Alert(**base)


S = Subject.of_alert(alert())


@pytest.mark.parametrize("spec,expected", [
    ({}, True),
    ({"keywords": "xi moscow"}, True),
    ({"keywords": "xi -moscow"}, False),
    ({"keywords": "football|moscow"}, True),
    ({"keywords": "kremlin|football xi|putin"}, False),  # each a|b is a group, and every group must match
    ({"keywords": "moscow|kremlin xi|putin"}, True),
    ({"keywords": '"red square"|moscow'}, True),  # a quoted phrase inside a group is one of its terms
    ({"keywords": "-football|moscow"}, False),  # excludes both
    ({"keywords": '"state visit"'}, True),
    ({"keywords": "mosc"}, False),  # whole words only
    ({"keywords": {"all": ["xi"], "any": ["kremlin", "talks"], "not": ["ukraine"]}}, True),
    ({"entities": ["xi jinping"]}, True),
    ({"entities": ["Putin"]}, False),
    ({"categories": ["world"]}, True),
    ({"categories": ["sport"]}, False),
    ({"languages": ["de"]}, False),
    ({"sources": {"include": ["Atlas Wire"]}}, True),
    ({"sources": {"exclude": ["atlas-wire.example"]}}, False),
    ({"min_sources": 2}, True),
    ({"min_sources": 3}, False),
    ({"kinds": ["story_developing"]}, False),
    ({"kinds": ["source_joined"]}, True),
])
def test_filter_matches(spec, expected):
    assert Filter.parse(spec).matches(S) is expected


@pytest.mark.parametrize("query,expected", [("地震", True), ("土耳其 -日本", True), ("日本", False), ("mosc", False)])
def test_keywords_match_inside_text_written_without_spaces(query, expected):
    # Chinese has no word edges: "地震" (earthquake) sits between other letters of the headline
    subject = Subject.of_alert(alert(headline="土耳其南部发生7.8级强烈地震", keywords=[], entities=[], lang="zh"))
    assert Filter.parse({"keywords": query}).matches(subject) is expected


@pytest.mark.parametrize("spec", [{"colour": "red"}, {"min_sources": -1}, {"kinds": ["nope"]},
                                  {"keywords": {"some": ["x"]}}, {"entities": "   "}, {"sources": {"only": ["x"]}}])
def test_bad_filters_are_refused_with_a_reason(spec):
    with pytest.raises(ConfigError):
        Filter.parse(spec)


def test_query_parameters_become_filters():
    spec = parse_query_filters({"keywords": "xi -ukraine", "entities": "Xi Jinping, Putin", "min_sources": "2",
                                "exclude_sources": "Harbor Daily"})
    assert spec == {"keywords": "xi -ukraine", "entities": ["Xi Jinping", "Putin"], "min_sources": 2,
                    "sources": {"include": [], "exclude": ["Harbor Daily"]}}
    assert Filter.parse(spec).matches(S) is True  # entities: any of them


@given(st.text(max_size=40))
def test_any_query_string_parses_and_never_raises_when_matching(q):
    Filter.parse({"keywords": q}).matches(S)
