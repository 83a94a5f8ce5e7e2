"""The dedup hook in StoryStage and the offline `newsstream tag` command."""

import orjson

from streams.cli import main
from streams.flow import StoryStage
from streams.models import Article

NOW = 1_746_612_000.0
WIRE = (
    "Chinese President Xi Jinping arrived in Moscow on Wednesday for a four-day state visit, his eleventh trip to "
    "Russia, as Ukrainian drones targeted the capital for a third day. Xi is due to hold talks with Vladimir Putin "
    "and attend the Victory Day parade on Red Square. The two leaders are expected to sign agreements on energy "
    "and trade, including the Power of Siberia 2 pipeline, officials in Beijing said."
)


def art(aid: str, source_id: str, url: str, text: str = WIRE) -> Article:
    return Article(id=aid, url=url, source=source_id.upper(), source_id=source_id, title="Xi arrives in Moscow",
                   text=text, published="2025-05-07T10:00:00Z", lang="en")


def test_exact_duplicate_returns_the_existing_outcome_without_reclustering():
    stage = StoryStage()
    first = stage(art("1", "a.com", "https://a.com/x"), NOW)
    again = stage(art("2", "a.com", "https://a.com/x"), NOW)
    assert again.story.id == first.story.id and again.alerts == []
    assert "2" not in again.story.article_ids


def test_an_item_keeps_its_story_whatever_url_it_comes_back_with():
    """A feed's guid is stable while its link and headline change: the same id lands where it
    first did, whether its first copy was an exact repeat of another item or a new article."""
    def item(aid: str, url: str, title: str) -> Article:
        return Article(id=aid, url=url, source="A", source_id="a.com", title=title, text="",
                       published="2025-05-07T10:00:00Z", lang="en")

    stage = StoryStage()
    first = stage(item("1", "https://a.com/x", "Xi arrives in Moscow"), NOW)
    repeat = stage(item("2", "https://a.com/x", "Xi arrives in Moscow"), NOW)  # same URL: a repeat of 1
    moved = stage(item("2", "https://a.com/moved", "Storm hits Lisbon harbour"), NOW)
    assert repeat.story.id == moved.story.id == first.story.id

    stage = StoryStage()
    stage(item("1", "https://a.com/x", "Xi arrives in Moscow"), NOW)
    other = stage(item("2", "https://a.com/y", "Storm hits Lisbon harbour"), NOW)
    back = stage(item("2", "https://a.com/x", "Storm hits Lisbon harbour"), NOW)  # now with 1's URL
    assert back.story.id == other.story.id
    assert sorted(a for s in stage.clusterer.stories() for a in s.article_ids) == ["1", "2"]


def test_a_chinese_headline_republished_under_a_new_url_is_an_exact_repeat():
    """Its content key needs six words: a Chinese headline has no spaces, but a dozen bigrams."""
    def item(aid: str, url: str) -> Article:
        return Article(id=aid, url=url, source="A", source_id="a.cn", title="习近平抵达莫斯科开始对俄罗斯进行国事访问",
                       text="", published="2025-05-07T10:00:00Z", lang="zh")

    stage = StoryStage()
    first = stage(item("1", "https://a.cn/x"), NOW)
    again = stage(item("2", "https://a.cn/y"), NOW)
    assert again.story.id == first.story.id and again.alerts == []
    assert again.story.article_ids == ["1"]


def test_near_copy_from_another_outlet_is_marked_and_still_joins():
    stage = StoryStage()
    first = stage(art("1", "a.com", "https://a.com/x"), NOW)
    copy = art("2", "b.com", "https://b.com/y", WIRE.replace("Wednesday", "Wednesday morning"))
    outcome = stage(copy, NOW)
    assert copy.duplicate_of == "1"
    assert outcome.story.id == first.story.id and "b.com" in outcome.story.sources
    assert [a.kind for a in outcome.alerts] == ["source_joined"]


def test_tag_command_writes_one_record_per_usable_line(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    line = {"id": "a", "title": "Xi Jinping arrives in Moscow - Reuters", "source": "Reuters",
            "url": "https://www.reuters.com/x?utm_source=rss", "text": WIRE, "published": "2025-05-07T10:00:00Z"}
    src.write_bytes(b"\n".join([
        orjson.dumps(line), b"{not json", orjson.dumps({"id": "b"}),
        orjson.dumps({**line, "id": "c", "url": "https://reuters.com/x"}),
    ]) + b"\n")
    out = tmp_path / "out.jsonl"
    assert main(["tag", str(src), "--out", str(out)]) == 0
    rows = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert [r["id"] for r in rows] == ["a", "c"]
    assert set(rows[0]) == {"id", "lang", "source", "title", "text", "entities", "keywords", "category",
                            "duplicate_of"}
    assert rows[0]["title"] == "Xi Jinping arrives in Moscow" and rows[0]["lang"] == "en"
    assert {"text": "Xi Jinping", "type": "PERSON"} in rows[0]["entities"]
    assert rows[0]["duplicate_of"] is None and rows[1]["duplicate_of"] == "a"
    err = capsys.readouterr().err
    assert f"{src}:2: skipped" in err and f"{src}:3: skipped" in err
