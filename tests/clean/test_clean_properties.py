"""Whatever a feed sends, the cleaner returns a bounded Article or raises InputError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.clean import Cleaner, canonical_url, html_to_text, publisher_id
from streams.clean.clean import MAX_TITLE_CHARS
from streams.clean.html import MAX_TEXT_CHARS
from streams.errors import InputError
from streams.models import RawItem

FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<br>", "<div class='x'>", "</div>", "<script>", "</script>", "<style>", "&amp;", "&#0;",
    "&#xd800;", "&nbsp;", "<", ">", "\n", "...", "…", " - Reuters", "Related articles\n", "LEAVE A REPLY\n",
    "Read more", "\x00", "\ud800", "\u200b", "É", "l'", "’s ", "U.S. ", "Mr. ", " of ", "<!--", "-->",
])
HTMLISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=15)), max_size=40).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(title=HTMLISH, summary=st.text(), content=HTMLISH, url=st.text(max_size=40), source=st.text(max_size=20),
       published=st.one_of(st.none(), st.text(max_size=30), st.datetimes().map(lambda d: d.isoformat())),
       lang=st.one_of(st.none(), st.text(max_size=8)))
def test_cleaner_total(title, summary, content, url, source, published, lang):
    item = RawItem(id="p", feed_url="f", source=source, url=url, title=title, summary=summary, content=content,
                   published=published, lang=lang)
    try:
        article = Cleaner()(item, 1_700_000_000.0)
    except InputError:
        return
    assert article.title or article.text
    assert len(article.title) <= MAX_TITLE_CHARS + 1
    assert len(article.text) <= MAX_TEXT_CHARS
    assert article.published.endswith("Z") and len(article.published) == 20
    assert "1980-01-01T00:00:00Z" <= article.published <= "2023-11-14T22:23:20Z"  # within [1980, now + skew]
    assert "\x00" not in article.text and "<script>" not in article.text


@SETTINGS
@given(HTMLISH)
def test_html_to_text_lines_are_tidy_and_bounded(html):
    out = html_to_text(html)
    assert len(out) <= MAX_TEXT_CHARS
    for line in out.split("\n") if out else []:
        assert line and line == " ".join(line.split())
    assert "\ue000" not in out and "\x00" not in out


@SETTINGS
@given(st.text(max_size=60), st.text(max_size=60))
def test_url_helpers_never_raise(url, name):
    assert isinstance(canonical_url(url), str)
    assert publisher_id(name, url)
