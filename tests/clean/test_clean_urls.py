import pytest

from streams.clean import canonical_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.COM:443/News/Story?b=2&a=1#top", "https://www.example.com/News/Story?a=1&b=2"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://x.com/a?utm_source=rss&utm_medium=feed&id=7&fbclid=abc&gclid=1", "https://x.com/a?id=7"),
        ("https://x.com/a?mc_cid=1&mc_eid=2&ref=home&cmpid=3&ocid=4", "https://x.com/a"),
        ("https://x.com/2025/05/story/amp/", "https://x.com/2025/05/story/"),
        ("https://x.com/2025/05/story/amp", "https://x.com/2025/05/story"),
        ("https://x.com/story?amp=1&p=2", "https://x.com/story?p=2"),
        ("https://x.com/story?outputType=amp", "https://x.com/story"),
        ("https://x.com/story.amp", "https://x.com/story"),
        ("https://www.bbc.co.uk/news/world-1?at_medium=RSS&at_campaign=KARANGA", "https://www.bbc.co.uk/news/world-1"),
        ("https://x.com/camp", "https://x.com/camp"),
        ("https://x.com/q?q=a%20b&page=2", "https://x.com/q?page=2&q=a%20b"),
        ("https://amp.theguardian.com/world/2025/may/07/xi", "https://www.theguardian.com/world/2025/may/07/xi"),
        ("https://www.bbc.co.uk/news/amp/world-123", "https://www.bbc.co.uk/news/amp/world-123"),
        ("https://www.example.com/amp/world/story-1", "https://www.example.com/world/story-1"),
        ("https://www-example-com.cdn.ampproject.org/c/s/www.example.com/world/story-1?utm_source=x",
         "https://www.example.com/world/story-1"),
        ("https://x.com/ampere/amplify", "https://x.com/ampere/amplify"),
        ("https://x.com/?utm_source=a#!/article/1", "https://x.com/#!/article/1"),  # a hash-bang is the page
        ("https://x.com/a?id=7&amp;utm_source=rss&amp;p=2", "https://x.com/a?id=7&p=2"),  # escaped twice
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_same_story_through_two_trackers_compares_equal():
    a = canonical_url("https://news.example.org/a/b?utm_campaign=x&id=3#comments")
    b = canonical_url("https://NEWS.example.org/a/b?id=3&fbclid=y")
    assert a == b


@pytest.mark.parametrize(
    ("regular", "other"),
    [
        ("https://www.example.com/world/story-1/", "https://www.example.com/world/story-1/amp/"),
        ("https://www.example.com/world/story-1", "https://www-example-com.cdn.ampproject.org/v/s/www.example.com/"
         "world/story-1/amp?amp_js_v=a6&amp_gsa=1&usqp=mq331AQKKAFQArABIIACAw%3D%3D"),
        ("https://www.example.com/world/story-1", "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/"
         "world/story-1?usqp=mq331AQIKAGwASCAAgM%3D&amp_tf=From%20%251%24s&aoh=1"),
        ("https://foo.com/a", "https://foo.com./a"),
    ],
)
def test_amp_copy_and_trailing_dot_host_compare_equal_to_the_article(regular, other):
    assert canonical_url(other) == canonical_url(regular) == regular


@pytest.mark.parametrize("garbage", ["  not a url  ", "", "mailto:x@y.z", "http://[::1", "http://x.com:99999/", "//", "https://./a"])
def test_garbage_is_returned_stripped_without_raising(garbage):
    assert canonical_url(garbage) == garbage.strip()
