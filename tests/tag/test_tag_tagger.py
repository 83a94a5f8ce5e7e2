from streams.models import Article, Entity
from streams.tag import Tagger
from streams.tag.tagger import categorise


def article(**kw) -> Article:
    base = dict(id="a", url="https://x.com/a", source="X", source_id="x.com", title="", text="",
                published="2025-05-07T09:30:00Z", lang="")
    base.update(kw)
    return Article(**base)


def test_sets_lang_entities_keywords_category():
    a = article(title="Russian troops and drones attack Kyiv as sanctions talks stall",
                text="Ukrainian President Volodymyr Zelenskyy said the war would not end soon.")
    out = Tagger()(a)
    assert out.lang == "en"
    assert Entity("Kyiv", "PLACE") in out.entities
    assert Entity("Volodymyr Zelenskyy", "PERSON") in out.entities
    assert "drones" in out.keywords
    assert out.category == "world"
    assert out.id == a.id and out.url == a.url and out.published == a.published and out.source_id == a.source_id
    assert a.entities == [] and a.lang == ""  # input untouched


def test_existing_lang_is_kept():
    assert Tagger()(article(title="Stocks rally", lang="de")).lang == "de"


def test_french_article():
    out = Tagger()(article(title="Le gouvernement présente sa réforme",
                           text="Le ministre a présenté jeudi le projet de loi devant les députés à Paris."))
    assert out.lang == "fr"
    assert Entity("Paris", "PLACE") in out.entities
    assert out.category == "politics"


def test_categories():
    assert categorise("Apple unveils new iPhone software", ["apple", "iphone", "software"], []) == "tech"
    assert categorise("Stocks fall as oil prices climb", ["stocks", "oil", "prices"], []) == "business"
    assert categorise("Team wins the cup final", ["team", "cup", "final"], []) == "sport"
    assert categorise("Vaccine trial shows promise against cancer", ["vaccine", "cancer"], []) == "health"
    assert categorise("A quiet afternoon", ["quiet", "afternoon"], []) is None
    assert categorise("Season finale", ["season", "finale"], []) is None  # sport or TV: ambiguous


def test_feed_category_beats_the_word_count():
    a = article(title="Government wins vote on new election law", lang="en")
    a.category = "sport"
    assert Tagger()(a).category == "sport"
