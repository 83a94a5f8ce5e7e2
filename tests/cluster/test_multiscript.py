"""Stories in scripts other than Latin: Chinese, Japanese and Thai (written without spaces), Russian
(six cases) and Arabic (article and conjunction written onto the word). `fixtures/multiscript.jsonl`
holds 18 stories in five languages, headlines only, two or three outlets each, interleaved; a plain
word split with no stemming found 30 stories in it (BCubed F1 0.780)."""

from __future__ import annotations

import io
from collections import defaultdict

from streams.archive import read_archive
from streams.flow import Process
from streams.offline import cluster_archive
from tests.conftest import FIXTURES

ARCHIVE = FIXTURES / "multiscript.jsonl"


def test_every_story_is_found_exactly():
    predictions = cluster_archive(ARCHIVE, err=io.StringIO())
    found: dict[str, set[str]] = defaultdict(set)
    gold: dict[str, set[str]] = defaultdict(set)
    for p in predictions:
        found[p.story_id].add(p.id)
        gold[p.gold or ""].add(p.id)
    assert len(predictions) == 36
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, gold.values()))


def test_each_language_is_its_own_shard():
    process = Process()
    langs = {line.story.split("-")[0]: set() for line in read_archive(ARCHIVE)}
    for line in read_archive(ARCHIVE):
        langs[line.story.split("-")[0]].add(process(line.item, 0.0).lang)
    assert langs == {"zh": {"zh"}, "ja": {"ja"}, "ru": {"ru"}, "th": {"th"}, "ar": {"ar"}}


def test_a_shared_chinese_name_alone_does_not_join_stories():
    """习近 近平 are two bigrams of one name: as in English, a name alone is weak evidence."""
    from streams.flow import StoryStage
    from streams.models import RawItem

    process, stage = Process(), StoryStage()
    heads = ["习近平抵达莫斯科与普京举行会谈", "习近平会见法国总统马克龙", "普京会见到访的印度总理莫迪",
             "国家主席习近平抵达莫斯科，将与普京会谈"]
    stories = []
    for i, title in enumerate(heads):
        item = RawItem(id=f"z{i}", feed_url=f"https://f{i}.example/rss", source=f"S{i}", url=f"https://s{i}.example/{i}",
                       title=title, published=f"2025-05-07T10:0{i}:00Z")
        stories.append(stage(process(item, 1.75e9), 1.75e9).story.id)
    assert len(set(stories[:3])) == 3  # Xi in Moscow; Xi meets Macron; Putin meets Modi
    assert stories[3] == stories[0]  # the same visit, told by another outlet


def test_bigram_chains_count_as_words():
    from streams.cluster.decide import chain_concepts
    from streams.words import bigrams

    assert chain_concepts(set(bigrams("习近平"))) == 1
    assert chain_concepts(set(bigrams("习近平")) | set(bigrams("莫斯科"))) == 2
    assert chain_concepts(set(bigrams("習近平国家主席がモスクワに到着"))) == 5
    assert chain_concepts(set(bigrams("สีจิ้นผิง"))) == 1  # Thai pairs of letters with their marks chain too
