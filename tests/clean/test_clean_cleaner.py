from datetime import datetime, timezone

import orjson
import pytest

from streams.clean import Cleaner
from streams.clean.clean import first_sentence, normalise_lang, strip_publisher_suffix
from streams.errors import InputError
from streams.models import FeedRef, RawItem
from streams.poll.parse import parse

NOW = datetime(2025, 5, 7, 12, 0, tzinfo=timezone.utc).timestamp()


def raw(**kw) -> RawItem:
    base = dict(id="i1", feed_url="https://feeds.bbci.co.uk/news/world/rss.xml", source="BBC World",
                url="https://www.bbc.co.uk/news/world-1?at_medium=RSS#x", title="A headline")
    base.update(kw)
    return RawItem(**base)


@pytest.fixture
def clean() -> Cleaner:
    return Cleaner()


def test_basic_fields(clean):
    a = clean(raw(summary="<p>First para.</p><p>Second para.</p>", published="2025-05-07T11:00:00+02:00"), NOW)
    assert a.id == "i1"
    assert a.url == "https://www.bbc.co.uk/news/world-1"
    assert a.feed_url == "https://feeds.bbci.co.uk/news/world/rss.xml"
    assert a.source == "BBC World"
    assert a.source_id == "bbc.com"
    assert a.text == "First para.\nSecond para."
    assert a.published == "2025-05-07T09:00:00Z"
    assert a.lang == ""
    assert a.entities == [] and a.keywords == [] and a.category is None


def test_content_is_preferred_over_summary(clean):
    a = clean(raw(summary="short teaser", content="<p>The full body.</p>"), NOW)
    assert a.text == "The full body."


def test_summary_is_used_when_content_is_only_boilerplate(clean):
    a = clean(raw(summary="The teaser.", content="<p>Share on Facebook</p>"), NOW)
    assert a.text == "The teaser."


@pytest.mark.parametrize(
    ("title", "source", "expected"),
    [
        ("Xi arrives in Moscow for talks - Reuters", "Reuters", "Xi arrives in Moscow for talks"),
        ("Xi arrives in Moscow for talks | BBC News", "BBC World", "Xi arrives in Moscow for talks"),
        ("Xi arrives in Moscow for talks — The Guardian", "Guardian", "Xi arrives in Moscow for talks"),
        ("Bill passes state senate - WDRB 41 Louisville News", "WDRB", "Bill passes state senate"),
        ("Growth gains momentum - Live5News.com  ...", "Live 5 News", "Growth gains momentum"),
        ("Lohan show verdict - CBS 3 Springfield - WSHM", "WSHM-TV", "Lohan show verdict"),
        # Not publisher signatures: a quoted speaker, a place, too little headline left.
        ("UK in extraordinary times, says governor - Carney", "Essex County Standard",
         "UK in extraordinary times, says governor - Carney"),
        ("Titanfall Launch Party - Toronto", "GameFocus", "Titanfall Launch Party - Toronto"),
        ("Live - Reuters", "Reuters", "Live - Reuters"),
    ],
)
def test_publisher_suffix(title, source, expected):
    assert strip_publisher_suffix(title, source) == expected


def test_title_is_html_cleaned_and_suffix_stripped(clean):
    a = clean(raw(title="<b>Markets</b> &amp; oil rally on talks - BBC News", summary="x y z"), NOW)
    assert a.title == "Markets & oil rally on talks"


def test_missing_title_falls_back_to_first_sentence(clean):
    a = clean(raw(title="", summary="Storms hit the coast on Monday. Thousands lost power."), NOW)
    assert a.title == "Storms hit the coast on Monday."
    assert a.text == "Storms hit the coast on Monday. Thousands lost power."


def test_leading_line_identical_to_title_is_dropped(clean):
    a = clean(raw(title="Storms hit the coast", content="Storms hit the coast\nThousands lost power."), NOW)
    assert a.text == "Thousands lost power."


def test_first_sentence_is_bounded():
    s = first_sentence("word " * 100)
    assert len(s) <= 201 and s.endswith("…")


@pytest.mark.parametrize(
    ("published", "fetched", "expected"),
    [
        ("2025-05-07T09:30:00Z", None, "2025-05-07T09:30:00Z"),
        ("2025-05-07T09:30:00.123456+00:00", None, "2025-05-07T09:30:00Z"),
        ("2025-05-07T11:30:00+02:00", None, "2025-05-07T09:30:00Z"),
        ("2025-05-07T09:30:00", None, "2025-05-07T09:30:00Z"),
        ("Wed, 07 May 2025 09:30:00 GMT", None, "2025-05-07T09:30:00Z"),
        (None, "2025-05-07T10:00:00Z", "2025-05-07T10:00:00Z"),
        ("garbage", "2025-05-07T10:00:00Z", "2025-05-07T10:00:00Z"),
        (None, None, "2025-05-07T12:00:00Z"),
        ("2025-05-07T12:09:00Z", None, "2025-05-07T12:09:00Z"),  # within the allowed skew
        ("2025-05-07T12:11:00Z", None, "2025-05-07T12:00:00Z"),  # future → now
        ("2030-01-01T00:00:00Z", None, "2025-05-07T12:00:00Z"),
    ],
)
def test_published_normalisation(clean, published, fetched, expected):
    assert clean(raw(published=published, fetched_at=fetched, summary="x"), NOW).published == expected


def test_lang_hint_is_normalised():
    assert normalise_lang("en-US") == "en"
    assert normalise_lang("FR") == "fr"
    assert normalise_lang("") == ""
    assert normalise_lang(None) == ""
    assert normalise_lang("not a language") == ""


def test_source_falls_back_to_host_only_when_missing(clean):
    a = clean(raw(source="", url="https://www.example.com/a"), NOW)
    assert a.source == "www.example.com"
    assert a.source_id == "example.com"


def test_empty_item_raises_input_error(clean):
    with pytest.raises(InputError):
        clean(raw(title="  <p></p> ", summary="<script>x()</script>", content=""), NOW)


def test_placeholder_dates_before_1980_fall_back(clean):
    assert clean(raw(published="0001-01-01T00:00:00Z", summary="x"), NOW).published == "2025-05-07T12:00:00Z"
    assert clean(raw(published="1970-01-01T00:00:00Z", fetched_at="2025-05-07T10:00:00Z", summary="x"),
                 NOW).published == "2025-05-07T10:00:00Z"


@pytest.mark.parametrize(
    ("tags", "expected"),
    [(["World News"], "world"), (["Sport/Football"], "sport"), (["Économie"], "business"),
     (["Breaking", "Technology"], "tech"), (["Opinion"], None), ([], None)],
)
def test_feed_tags_give_a_coarse_category(clean, tags, expected):
    assert clean(raw(summary="Some text here.", categories=tags), NOW).category == expected


@pytest.mark.parametrize(
    ("title", "source", "expected"),
    [
        ("Xi arrives in Moscow for talks : Le Monde", "Le Monde", "Xi arrives in Moscow for talks"),
        ("Réforme des retraites : le Sénat vote", "Le Monde", "Réforme des retraites : le Sénat vote"),
        ("Réforme des retraites : ce que dit le texte - Le Monde", "Le Monde",
         "Réforme des retraites : ce que dit le texte"),
        ("Xi arrives in Moscow for talks — The New York Times", "NYT World", "Xi arrives in Moscow for talks"),
        # Chinese and Japanese titles are signed without spaces; only the feed's own name is taken off
        ("习近平抵达莫斯科与普京会谈｜联合早报", "联合早报", "习近平抵达莫斯科与普京会谈"),
        ("习近平抵达莫斯科与普京会谈_新闻频道_央视网", "央视网", "习近平抵达莫斯科与普京会谈_新闻频道"),
        ("習近平主席、モスクワ到着 - 日本経済新聞", "日本経済新聞", "習近平主席、モスクワ到着"),
        ("中美-贸易谈判取得进展", "新华网", "中美-贸易谈判取得进展"),
        ("新华网", "新华网", "新华网"),
    ],
)
def test_publisher_suffixes_in_other_typography(title, source, expected):
    assert strip_publisher_suffix(title, source) == expected


def test_json_feed_content_text_is_plain_text_not_markup(clean):
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Dev", "items": [
        {"id": "1", "url": "https://dev.example.com/p/1", "title": "Generics in Java 21",
         "content_text": "You write List<String> names = new ArrayList<>();\nIf a<b and c>d it warns & stops."}]}
    parsed = parse(orjson.dumps(feed), {"content-type": "application/feed+json"},
                   FeedRef(url="https://dev.example.com/feed.json", source="Dev"), "2024-05-07T10:00:00Z")
    assert clean(parsed.items[0], NOW).text == (
        "You write List<String> names = new ArrayList<>();\nIf a<b and c>d it warns & stops.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Shares of Apple <AAPL.O> rose 3%", "Shares of Apple <AAPL.O> rose 3%"),
        ("Java adds List<String> views", "Java adds List<String> views"),
        ("<b>Breaking</b>: markets fall", "Breaking: markets fall"),
        ("Tom &amp; Jerry return", "Tom & Jerry return"),
    ],
)
def test_decoded_titles_keep_angle_brackets_that_are_not_tags(clean, title, expected):
    assert clean(raw(title=title, content="<p>Body text of the article.</p>"), NOW).title == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. President Joe Biden arrived in Kyiv on Monday. Talks follow.",
         "U.S. President Joe Biden arrived in Kyiv on Monday."),
        ("Mr. Smith told reporters the deal was off. Talks will resume next week.",
         "Mr. Smith told reporters the deal was off."),
        ("St. Louis police arrested three men on Friday. Two were released.",
         "St. Louis police arrested three men on Friday."),
        ("President John F. Kennedy visited Berlin. Crowds cheered.", "President John F. Kennedy visited Berlin."),
        ("Prices rose. Then they fell.", "Prices rose."),
    ],
)
def test_first_sentence_does_not_end_at_abbreviations_or_initials(text, expected):
    assert first_sentence(text) == expected
