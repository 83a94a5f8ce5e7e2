import math

from streams.cluster import ClusterParams, StoryClusterer
from streams.cluster.decide import Decision
from streams.cluster.vectorize import SUMMARY_CHARS
from streams.models import Article, Entity


def full(text: str) -> str:
    """`text` repeated to a full text's length (shorter is a feed's summary: `SUMMARY_CHARS`)."""
    return " ".join([text] * (SUMMARY_CHARS // len(text) + 1))


def art(i: str, title: str, source: str = "a", when: str = "2025-05-07T10:00:00Z", text: str = "", lang: str = "en",
        entities: list[str] | None = None) -> Article:
    return Article(id=i, url=f"https://{source}.example/{i}", source=source.upper(), source_id=source, title=title,
                   text=text, published=when, lang=lang, entities=[Entity(e, "PERSON") for e in entities or []])


def test_same_event_joins_and_unrelated_stays_apart():
    c = StoryClusterer()
    a = c.assign(art("1", "Xi Jinping arrives in Moscow for talks with Putin", "a"))
    b = c.assign(art("2", "Apple unveils new iPhone with faster chip", "b"))
    x = c.assign(art("3", "Xi Jinping lands in Moscow for talks with Vladimir Putin", "c"))
    assert a.created and b.created and not x.created
    assert x.story.id == a.story.id != b.story.id
    assert x.new_source and set(x.story.sources) == {"a", "c"}


def test_same_source_again_is_not_a_new_source():
    c = StoryClusterer()
    c.assign(art("1", "Xi Jinping arrives in Moscow for talks with Putin", "a"))
    again = c.assign(art("2", "Xi Jinping in Moscow: talks with Putin begin", "a"))
    assert not again.created and not again.new_source


def test_redelivered_article_is_recognised():
    c = StoryClusterer()
    first = c.assign(art("1", "Floods hit southern Brazil", "a"))
    dup = c.assign(art("1", "Floods hit southern Brazil", "a"))
    assert dup.duplicate and dup.story.id == first.story.id
    assert first.story.article_ids == ["1"]


def test_time_window_separates_old_stories():
    c = StoryClusterer(ClusterParams(window_hours=24))
    a = c.assign(art("1", "Earthquake strikes central Italy", when="2025-01-01T00:00:00Z"))
    b = c.assign(art("2", "Earthquake strikes central Italy", "b", when="2025-02-01T00:00:00Z"))
    assert a.story.id != b.story.id


def test_languages_never_mix():
    c = StoryClusterer()
    a = c.assign(art("1", "Paris Saint-Germain wins", lang="en"))
    b = c.assign(art("2", "Paris Saint-Germain wins", "b", lang="fr"))
    assert a.story.id != b.story.id


def test_restore_gives_same_decisions():
    items = [art(str(i), t, s) for i, (t, s) in enumerate([
        ("Xi Jinping arrives in Moscow for talks with Putin", "a"),
        ("Central bank raises interest rates again", "b"),
        ("Xi and Putin meet in Moscow amid drone attacks", "c"),
        ("Interest rates raised by central bank to fight inflation", "d"),
    ])]
    live = StoryClusterer()
    for a in items[:2]:
        live.assign(a)
    restored = StoryClusterer()
    restored.restore([s for s in live.stories()])
    for a in items[2:]:
        assert restored.assign(a).story.id == live.assign(a).story.id


def test_story_ids_are_deterministic():
    ids = []
    for _ in range(2):
        c = StoryClusterer()
        ids.append([c.assign(art(str(i), t)).story.id for i, t in enumerate(["Storm hits coast", "Market rallies"])])
    assert ids[0] == ids[1]


def test_shared_entities_raise_the_score():
    scores = []
    for ents in ([], ["Xi Jinping", "Vladimir Putin"]):
        c = StoryClusterer(ClusterParams(decision=Decision(bias=0.0)))  # join on any overlap
        c.assign(art("1", "Summit opens in Moscow", "a", text=full("Leaders gathered."), entities=ents))
        c.assign(art("0", "Unrelated storm warning", "z"))
        scores.append(c.assign(art("2", "Moscow talks begin", "b", text=full("Officials met."), entities=ents)).score)
    assert scores[1] > scores[0] > 0


def test_one_shared_name_alone_does_not_join():
    c = StoryClusterer()
    xi = c.assign(art("1", "Xi Jinping arrives in Moscow for talks with Putin", "a", entities=["Xi Jinping"]))
    probe = c.assign(art("2", "Xi Jinping probe headline", "b", text=full("A probe article about nothing in particular."),
                         entities=["Xi Jinping"]))
    assert probe.created and probe.story.id != xi.story.id


def test_a_headline_sharing_one_thing_joins_only_on_a_strong_match():
    """A headline's one shared word is often its story's core ("Tibet: the anger"): it joins at a
    logit of `single_logit`, not below it (a travel guide's long title), and a full text sharing
    only that word starts its own story however high its logit."""
    for params, joins in ((ClusterParams(), True), (ClusterParams(single_logit=math.inf), False)):
        c = StoryClusterer(params)
        tibet = c.assign(art("1", "Tibet protests spread to monasteries", "a"))
        c.assign(art("2", "Apple unveils new iPhone with faster chip", "b"))
        weak = c.assign(art("3", "Tibet travel: weather, skiing, hiking, trekking and budget hotels guide", "c"))
        strong = c.assign(art("4", "Tibet: the anger", "d"))
        text = c.assign(art("5", "Tibet", "e", text=full("Tibet, Tibet and Tibet again.")))
        assert 0.0 < weak.score < params.single_logit and weak.created
        assert text.score > ClusterParams().single_logit and text.created
        assert strong.score > ClusterParams().single_logit
        assert (strong.story.id == tibet.story.id) is joins and strong.created is not joins
