"""The background word-frequency prior: common words of the language weigh less than rare ones."""

from streams.cluster import ClusterParams, StoryClusterer
from streams.cluster.background import prior
from streams.cluster.vectorize import weigh
from tests.cluster.test_assign import art


def test_common_words_are_damped_and_rare_ones_keep_their_weight():
    en = prior("en")
    assert 0.0 < en["time"] < en["police"] < en["treaty"] < 1.0
    assert "aramco" not in en  # rarer than the list: full weight
    assert "talk" in en and "talks" not in en  # "talks" counts for "talk", as the clusterer folds it
    assert prior("fr")["gouvernement"] < 1.0


def test_no_prior_for_an_unlisted_language_or_power_zero():
    assert prior("th") == {}
    assert prior("en", 0.0) == {}


def test_weigh_applies_the_prior_at_equal_counts_and_story_frequency():
    counts = {"price": 1.0, "aramco": 1.0}
    flat = weigh(counts, {}, 10, 48)
    damped = weigh(counts, {}, 10, 48, prior("en"))
    assert flat["price"] == flat["aramco"]
    assert damped["price"] < damped["aramco"]
    assert abs(sum(w * w for w in damped.values()) - 1.0) < 1e-9


def test_rare_shared_names_outweigh_more_shared_everyday_words():
    """The third headline shares four everyday words with the first story and three rare ones with
    the second; the stream's own IDF cannot tell them apart after two stories, the prior can."""
    picks = []
    for params in (ClusterParams(background=0.0), ClusterParams()):
        c = StoryClusterer(params)
        markets = c.assign(art("1", "Prices rise as markets react to supply news", "a"))
        nvidia = c.assign(art("2", "Nvidia overtakes Aramco in valuation", "b"))
        third = c.assign(art("3", "Markets react: Nvidia overtakes Aramco as prices rise", "c"))
        picks.append({markets.story.id: "markets", nvidia.story.id: "nvidia"}.get(third.story.id, "new"))
    assert picks == ["markets", "nvidia"]
