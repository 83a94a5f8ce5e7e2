"""URL slugs: the headline a publisher writes into the article's address counts as extra words."""

import dataclasses
import re
import string

from hypothesis import given
from hypothesis import strategies as st

from streams.cluster import StoryClusterer
from streams.cluster.vectorize import slug_words, term_counts, url_slug
from streams.words import find_words
from tests.cluster.test_assign import art


def test_the_slug_is_the_path_segment_richest_in_hyphens():
    assert url_slug("http://www.foxnews.com/politics/2014/03/10/nsa-leaker-snowden-says-has-no-regrets/") \
        == "nsa leaker snowden says has no regrets".split()
    assert url_slug("https://www.lemonde.fr/international/article/2023/03/20/xi-jinping-arrive-a-moscou_6166230_3210.html") \
        == "xi jinping arrive moscou".split()  # ids, dates, one-letter words and the extension are not words
    assert url_slug("http://www.streetinsider.com/Earnings/Dicks+Sporting+Goods,+Inc.+(DKS)+Reports/9267739.html") \
        == "Dicks Sporting Goods Inc DKS Reports".split()
    assert url_slug("https://ria.example/%D0%BF%D1%83%D1%82%D0%B8%D0%BD-%D0%B2%D1%81%D1%82%D1%80%D0%B5%D1%82%D0%B8%D0%BB"
                    "%D1%81%D1%8F-%D1%81%D0%BE-%D1%81%D0%B8") == "путин встретился со си".split()
    assert url_slug("https://hi.example/%E0%A4%AE%E0%A5%8B%E0%A4%A6%E0%A5%80-%E0%A4%AE%E0%A5%89%E0%A4%B8%E0%A5%8D%E0%A4%95"
                    "%E0%A5%8B-%E0%A4%AA%E0%A4%B9%E0%A5%81%E0%A4%82%E0%A4%9A%E0%A5%87") \
        == "मोदी मॉस्को पहुंचे".split()  # vowel signs are marks, not letters: the words stay whole
    # a few words in mixed case are names, left out; the rest is still the headline
    assert url_slug("https://a.example/softbank-and-SoftBank-iPhone-Sales-DKS") == "softbank and Sales DKS".split()


def test_addresses_without_a_slug_give_nothing():
    assert url_slug("https://a.example/T09_C1_09") == []  # words with digits: an id, not a headline
    assert url_slug("https://a.example/news/394053/") == []
    # an id whose pieces happen to have no digit: their case is random
    assert url_slug("https://news.google.com/rss/articles/CBMid-wD_HnZoA-pby_IktQ?oc=5") == []
    assert url_slug("https://a.example/story?title=xi-arrives-in-moscow#talks-with-putin-today") == []
    assert url_slug("https://a.example") == url_slug("") == url_slug("not a url") == []


def test_slug_words_the_title_lacks_count_once_and_title_words_are_not_doubled():
    headline = art("1", "Something So Fetch Happened After Her Gig")
    bare = term_counts(headline)
    slugged = term_counts(dataclasses.replace(headline, url="https://b.example/Lena-Dunham-Fetch-Gig-34316534"))
    assert set(slugged) - set(bare) == {"lena", "dunham"}
    assert all(slugged[t] == 1.0 for t in ("lena", "dunham"))
    assert slugged["fetch"] == bare["fetch"] and slugged["gig"] == bare["gig"]
    section = dataclasses.replace(headline, url="https://www.bbc.co.uk/news/world-us-canada-12345678")
    assert term_counts(section) == bare  # two words after stopwords: a section, not a headline


def test_a_slug_can_carry_a_headline_into_its_story():
    """The second title hints ("Something So Fetch…"); its slug names the people. Without the slug
    it shares nothing with the first story and starts its own; with it, it joins."""
    picks = []
    for url in ("https://b.example/34316534", "https://b.example/Lena-Dunham-Taylor-Swift-Mean-Girls-Cast-34316534"):
        c = StoryClusterer()
        party = c.assign(art("1", "Taylor Swift and Lena Dunham party after Saturday Night Live", "a"))
        other = c.assign(art("2", "Apple unveils new iPhone with faster chip", "c"))
        fetch = c.assign(dataclasses.replace(art("3", "Something So Fetch Happened After Her Gig", "b"), url=url))
        assert other.story.id != party.story.id
        picks.append("joined" if fetch.story.id == party.story.id else "new" if fetch.created else "other")
    assert picks == ["new", "joined"]


@given(st.text(alphabet=string.printable + "’é中", max_size=60))
def test_slug_words_are_the_words_found_with_joiners_as_spaces(segment):
    """The ASCII shortcut gives what the general path (find_words over the spaced segment) does."""
    spaced = segment
    for joiner in "-_+.'’":
        spaced = spaced.replace(joiner, " ")
    expected = [w for w in find_words(spaced) if len(w) > 1 and not re.search(r"\d", w)]
    assert slug_words(segment) == expected
