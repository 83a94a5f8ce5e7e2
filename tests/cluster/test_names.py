"""Names in headlines and full texts: what an entity adds to the vector and to the shared things."""

from streams.cluster import StoryClusterer
from streams.cluster.decide import shared_concepts
from streams.cluster.vectorize import ENTITY_PREFIX, term_counts
from streams.models import Entity
from tests.cluster.test_assign import art


def test_a_headlines_entities_are_not_terms_a_full_texts_are():
    headline = art("1", "Lena Dunham removes joke about molestation", entities=["Lena Dunham"])
    full = art("2", "Lena Dunham removes joke about molestation", text="The actress apologised.", entities=["Lena Dunham"])
    assert not any(t.startswith(ENTITY_PREFIX) for t in term_counts(headline))
    assert term_counts(full)[ENTITY_PREFIX + "lena dunham"] == 1.5
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
    probe = c.assign(art("4", "Lena Dunham probe", "d", text="A probe article about nothing in particular.",
                         entities=["Lena Dunham"]))
    assert probe.created
