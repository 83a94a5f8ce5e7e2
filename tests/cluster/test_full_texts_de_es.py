"""Full-text stories in German and Spanish: `fixtures/german.jsonl` and `fixtures/spanish.jsonl`, ten
stories each, two or three outlets a story, interleaved, written so that unrelated stories share the
capital, the government and generic nouns (German capitalises them all: "Regierung", "Polizei").
When every German noun counted as an entity, two German stories split in two (BCubed F1 0.948)."""

from __future__ import annotations

import io
from collections import defaultdict

import pytest

from streams.archive import read_archive
from streams.flow import Process
from streams.offline import cluster_archive
from tests.conftest import FIXTURES


@pytest.mark.parametrize("name", ["german", "spanish"])
def test_every_story_is_found_exactly(name):
    predictions = cluster_archive(FIXTURES / f"{name}.jsonl", err=io.StringIO())
    found: dict[str, set[str]] = defaultdict(set)
    gold: dict[str, set[str]] = defaultdict(set)
    for p in predictions:
        found[p.story_id].add(p.id)
        gold[p.gold or ""].add(p.id)
    assert len(gold) == 10 and len(predictions) >= 24
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, gold.values()))


def test_german_entities_are_names_not_nouns():
    process = Process()
    generic = {"Regierung", "Polizei", "Menschen", "Millionen", "Euro", "Dienstag", "Land", "Jahr", "Angaben",
               "Stadt", "Kritik", "Entscheidung"}
    people = set()
    for line in read_archive(FIXTURES / "german.jsonl"):
        article = process(line.item, 0.0)
        assert article.lang == "de"
        names = {e.text for e in article.entities}
        assert not names & generic, (line.item.id, names & generic)
        people |= {e.text for e in article.entities if e.type == "PERSON"}
    assert {"Olaf Scholz", "Nancy Faeser", "Emmanuel Macron"} <= people
