import pytest

from streams.clean import publisher_id
from streams.clean.publisher import registrable_domain


@pytest.mark.parametrize(
    ("name", "url", "expected"),
    [
        ("BBC World", "http://feeds.bbci.co.uk/news/world/rss.xml", "bbc.com"),
        ("BBC Business", "https://www.bbc.com/news/business-123", "bbc.com"),
        ("BBC News", "https://www.bbc.co.uk/news/uk-1", "bbc.com"),
        ("Reuters UK", "http://uk.reuters.com/article/x", "reuters.com"),
        ("Reuters", "https://www.reuters.com/world/", "reuters.com"),
        ("The Guardian", "https://www.guardian.co.uk/world/x", "theguardian.com"),
        ("Guardian World", "https://www.theguardian.com/world/x", "theguardian.com"),
        ("NYT", "https://nyti.ms/abc", "nytimes.com"),
        ("CNN", "https://edition.cnn.com/2025/x", "cnn.com"),
        ("The Age", "https://www.theage.com.au/world/x", "theage.com.au"),
        ("SMH", "https://www.smh.com.au/x", "smh.com.au"),
        ("Japan Times", "https://www.japantimes.co.jp/news/x", "japantimes.co.jp"),
        ("News.com.au", "https://www.news.com.au/world", "news.com.au"),
        ("Le Monde", "https://www.lemonde.fr/international/x", "lemonde.fr"),
        ("A Substack", "https://someone.substack.com/p/post", "someone.substack.com"),
    ],
)
def test_domain_based_key(name, url, expected):
    assert publisher_id(name, url) == expected


def test_owner_groups_are_not_merged():
    assert publisher_id("Le Monde", "https://www.lemonde.fr/") != publisher_id("Télérama", "https://www.telerama.fr/")


def test_feed_hosting_services_fall_back_to_the_name():
    assert publisher_id("Some Blog", "http://feeds.feedburner.com/someblog") == "some-blog"


def test_name_slug_when_there_is_no_url():
    assert publisher_id("Été Nouvelles!", "") == "ete-nouvelles"
    assert publisher_id("", "") == "unknown"


def test_known_names_without_urls_join_their_outlet():
    assert publisher_id("BBC Business", "") == publisher_id("BBC World", "https://www.bbc.co.uk/news")


def test_scheme_less_urls_and_garbage():
    assert publisher_id("X", "www.example.co.uk/path") == "example.co.uk"
    assert publisher_id("Name Only", "not a url") == "name-only"


def test_registrable_domain_heuristic():
    assert registrable_domain("a.b.example.com") == "example.com"
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("example.com.") == "example.com"
    assert registrable_domain("10.0.0.1") == "10.0.0.1"


def test_second_domains_of_one_masthead_and_shorteners():
    from streams.clean import publisher_id

    assert publisher_id("rbb24", "https://www.rbb-online.de/x") == publisher_id("rbb24", "https://www.rbb24.de/y")
    assert publisher_id("Reuters", "https://trib.al/abc") == "reuters.com"  # the shortener says nothing
    assert publisher_id("Le Monde", "https://www.lemonde.fr/a") != publisher_id("Télérama", "https://www.telerama.fr/b")
