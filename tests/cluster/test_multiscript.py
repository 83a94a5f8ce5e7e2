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
