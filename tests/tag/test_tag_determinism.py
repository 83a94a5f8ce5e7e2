"""Tagging must not depend on the process: stories are clustered across workers and restarts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from streams.tag.entities import extract_entities, lookup
from tests.conftest import REPO

_TAG_IN_CHILD = """
import json
from streams.models import Article
from streams.tag.tagger import Tagger
text = ("Le président a parlé à l'Elysée mercredi. Il se rendra ensuite à Montréal, Zürich et Kraków, "
        "puis à Bogotá, Brasília et San José. Des ministres de Québec l'accompagneront à Kandahār.")
a = Tagger()(Article(id="1", url="", source="", source_id="", title="Sarkozy et l'Elysée", text=text,
                     published="2024-05-07T10:00:00Z", lang="fr"))
print(json.dumps([[e.text, e.type] for e in a.entities] + [a.category], ensure_ascii=False))
"""


def _tag_with_seed(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", _TAG_IN_CHILD], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_entities_and_category_do_not_depend_on_the_hash_seed():
    outputs = {seed: _tag_with_seed(seed) for seed in ("1", "2", "3")}
    assert len(set(outputs.values())) == 1, outputs
    assert "Élysée" in outputs["1"]


@pytest.mark.parametrize(
    ("spellings", "name"),
    [
        (("Elysee", "Élysée", "Elysée"), "Élysée"),
        (("Montreal", "Montréal"), "Montreal"),
        (("Zurich", "Zürich"), "Zurich"),
        (("Krakow", "Kraków"), "Krakow"),
        (("Bali", "Bāli"), "Bali"),
    ],
)
def test_spellings_that_differ_in_accents_name_one_referent(spellings, name):
    assert {lookup(spelling)[0] for spelling in spellings} == {name}  # type: ignore[index]


def test_hand_picked_spelling_is_the_name_in_prose():
    got = [e.text for e in extract_entities("", "Talks were held in Montréal and later in Montreal on Monday.")]
    assert got.count("Montreal") == 1 and "Montréal" not in got
