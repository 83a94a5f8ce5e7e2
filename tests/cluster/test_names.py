"""Names in headlines and full texts: what an entity adds to the vector and to the shared things."""

from streams.cluster import StoryClusterer
from streams.cluster.decide import shared_concepts
from streams.cluster.vectorize import ENTITY_PREFIX, term_counts
from streams.models import Entity
from tests.cluster.test_assign import art, full


def test_a_headlines_and_a_summarys_entities_are_not_terms_a_full_texts_are():
    title = "Lena Dunham removes joke about molestation"
    headline = art("1", title, entities=["Lena Dunham"])
    summary = art("2", title, text="The actress apologised on Tuesday.", entities=["Lena Dunham"])
    text = art("3", title, text=full("The actress apologised on Tuesday."), entities=["Lena Dunham"])
    assert not any(t.startswith(ENTITY_PREFIX) for t in term_counts(headline))
    assert not any(t.startswith(ENTITY_PREFIX) for t in term_counts(summary))
    assert "apologised" in term_counts(summary)  # the summary's words count all the same
    assert term_counts(text)[ENTITY_PREFIX + "lena dunham"] == 1.5
    assert {"lena", "dunham"} <= term_counts(headline).keys()


def test_an_articles_name_counts_once_where_the_story_has_only_its_words():
    vec = {"xi": 0.5, "jinping": 0.5, "moscow": 0.5, "e:xi jinping": 0.5}
    story = {"xi": 0.4, "jinping": 0.4, "moscow": 0.3}  # a story of headlines: no entity terms
    assert shared_concepts(vec, story, "en") == 3
    assert shared_concepts(vec, story, "en", [Entity("Xi Jinping", "PERSON")]) == 2
    assert shared_concepts(vec, dict(story, **{"e:xi jinping": 0.2}), "en", [Entity("Xi Jinping", "PERSON")]) == 2


def test_two_headlines_naming_one_person_join_a_full_text_needs_more():
    """Headlines are short and mostly names: one sharing a full name joins. A full text shares more
    when it is the same story, so there the name counts once (`test_one_shared_name_alone_does_not_join`)."""
    c = StoryClusterer()
    first = c.assign(art("1", "Lena Dunham apologises for tweet", "a", entities=["Lena Dunham"]))
    other = c.assign(art("2", "Apple unveils new iPhone with faster chip", "c"))
    second = c.assign(art("3", "Lena Dunham: sorry about that joke", "b", entities=["Lena Dunham"]))
    assert other.story.id != first.story.id
    assert second.story.id == first.story.id and not second.created
    probe = c.assign(art("4", "Lena Dunham probe", "d", text=full("A probe article about nothing in particular."),
                         entities=["Lena Dunham"]))
    assert probe.created


def test_a_summary_sharing_a_full_name_joins_as_a_headline_does():
    """A feed's summary is a headline's length, and its names are as unreliable: the full name it
    shares counts as its words, where the same words at a full text's length would not join."""
    for text, joins in (("A probe article about nothing in particular.", True),
                        (full("A probe article about nothing in particular."), False)):
        c = StoryClusterer()
        first = c.assign(art("1", "Lena Dunham apologises for tweet", "a", entities=["Lena Dunham"]))
        c.assign(art("2", "Apple unveils new iPhone with faster chip", "c"))
        probe = c.assign(art("3", "Lena Dunham probe", "d", text=text, entities=["Lena Dunham"]))
        assert (probe.story.id == first.story.id) is joins and probe.created is not joins
