"""The committed JSON Schemas and AsyncAPI document are current, and real records validate."""

from pathlib import Path

import jsonschema
import orjson
import pytest
import yaml

from streams.alert import AlertParams, alerts_for
from streams.cluster import StoryClusterer
from streams.models import Article
from streams.schemas import TOPICS, json_schema, render

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def test_committed_schemas_are_current():
    for name, data in render().items():
        assert (SCHEMAS / name).read_bytes() == data, f"{name} is stale: run `python -m streams.schemas schemas`"


def test_asyncapi_lists_every_topic():
    doc = yaml.safe_load((SCHEMAS / "asyncapi.yaml").read_text())
    assert doc["asyncapi"].startswith("3.") and {c["address"] for c in doc["channels"].values()} == set(TOPICS)


def test_real_alerts_and_stories_validate():
    c = StoryClusterer()
    arts = [Article(id=f"a{i}", url=f"https://{s}.example/{i}", source=s.title(), source_id=s, lang="en",
                    title="Xi Jinping arrives in Moscow for talks with Putin", text="", published=f"2025-05-07T10:0{i}:00Z")
            for i, s in enumerate(["alpha", "beta", "gamma"])]
    alerts, stories = [], []
    for art in arts:
        assignment = c.assign(art)
        stories.append(assignment.story)
        alerts += alerts_for(assignment, art, 0, AlertParams(story_created=True))
    assert len(alerts) == 4
    for alert in alerts:
        jsonschema.validate(orjson.loads(orjson.dumps(alert)), json_schema("news.alerts"))
    jsonschema.validate(orjson.loads(orjson.dumps(stories[-1])), json_schema("news.stories"))
    for art in arts:
        jsonschema.validate(orjson.loads(orjson.dumps(art)), json_schema("news.articles"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**orjson.loads(orjson.dumps(alerts[0])), "kind": "nope"}, json_schema("news.alerts"))
