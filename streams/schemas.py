"""JSON Schemas (draft 2020-12) for every topic's record, an AsyncAPI 3 document for the topics and
the REST API's OpenAPI document (also served at `/openapi.json`), generated from the domain dataclasses so they cannot drift. `python -m streams.schemas DIR` writes
them (the repo keeps them in `schemas/`; a test checks they are current).
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from pathlib import Path
from typing import Any

import orjson
import yaml

from streams import models
from streams.alert.subscriptions import Subscription
from streams.serve.openapi import openapi

DEAD_LETTER: dict[str, Any] = {
    "type": "object",
    "description": "A webhook delivery given up: retries exhausted, a permanent 4xx, a blocked URL, or 410 Gone.",
    "required": ["reason", "subscription", "story_id", "alert_ids", "alerts", "failed_at"],
    "properties": {
        "reason": {"type": "string"}, "subscription": {"type": "string"},
        "webhook_id": {"type": ["string", "null"]}, "attempts": {"type": "integer"},
        "last_status": {"type": ["integer", "null"]}, "last_error": {"type": ["string", "null"]},
        "story_id": {"type": "string"}, "alert_ids": {"type": "array", "items": {"type": "string"}},
        "alerts": {"type": "array", "items": {"$ref": "news.alerts.schema.json"}},
        "failed_at": {"type": "string", "format": "date-time"},
    },
}

# topic → (key, record, description)
TOPICS: dict[str, tuple[str, Any, str]] = {
    "news.feeds": ("feed url", models.FeedRef, "The feed registry (compacted; a tombstone removes a feed)."),
    "news.raw": ("item id", models.RawItem, "Polled or replayed feed entries, before cleaning."),
    "news.articles": ("language (the clustering shard)", models.Article, "Cleaned and tagged articles."),
    "news.stories": ("story id", models.Story, "Story snapshots (compacted: the newest per story; a tombstone deletes one after retention_days)."),
    "news.alerts": ("story id", models.Alert, "Alerts: source_joined, story_developing, story_created, story_merged."),
    "news.alerts.dlq": ("story id", DEAD_LETTER, "Webhook deliveries given up, with the reason."),
    "news.subscriptions": ("subscription id", Subscription, "Alert subscriptions (compacted; a tombstone deletes)."),
}


def _type(tp: Any) -> dict[str, Any]:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        out = _type(inner[0]) if len(inner) == 1 else {}
        return {"anyOf": [out, {"type": "null"}]}
    if origin is list:
        return {"type": "array", "items": _type(args[0]) if args else {}}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(args[1]) if len(args) == 2 else {}}
    if dataclasses.is_dataclass(tp):
        return _object(tp)
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    return {"type": simple[tp]} if tp in simple else {}


def _object(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(models))
    props, required = {}, []
    for f in dataclasses.fields(cls):
        props[f.name] = _type(hints[f.name])
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    return {"type": "object", "description": " ".join(doc.split()), "required": required, "properties": props}


def json_schema(topic: str) -> dict[str, Any]:
    key, record, description = TOPICS[topic]
    body = record if isinstance(record, dict) else _object(record)
    if topic == "news.alerts":
        from streams.alert.rules import KINDS

        body["properties"]["kind"] = {"enum": list(KINDS)}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{topic}.schema.json",
            "title": topic, **body, "description": f"{description} Key: {key}."}


def asyncapi() -> dict[str, Any]:
    channels, operations, messages = {}, {}, {}
    for topic, (key, _record, description) in TOPICS.items():
        name = topic.replace(".", "_")
        messages[name] = {"name": name, "contentType": "application/json",
                          "payload": {"$ref": f"./{topic}.schema.json"},
                          "bindings": {"kafka": {"key": {"type": "string", "description": key}}}}
        channels[name] = {"address": topic, "description": description,
                          "messages": {name: {"$ref": f"#/components/messages/{name}"}}}
        operations[f"consume_{name}"] = {"action": "receive", "channel": {"$ref": f"#/channels/{name}"}}
    return {"asyncapi": "3.0.0",
            "info": {"title": "newsstream topics", "version": "1.0.0",
                     "description": "Kafka topics of newsstream. Values are plain JSON objects (orjson); "
                                    "NEWSSTREAM_TOPIC_PREFIX may prefix every name."},
            "defaultContentType": "application/json",
            "channels": channels, "operations": operations, "components": {"messages": messages}}


def render() -> dict[str, bytes]:
    out = {f"{t}.schema.json": orjson.dumps(json_schema(t), option=orjson.OPT_INDENT_2) + b"\n" for t in TOPICS}
    out["asyncapi.yaml"] = yaml.safe_dump(asyncapi(), sort_keys=False, allow_unicode=True).encode()
    out["openapi.json"] = orjson.dumps(openapi("http://127.0.0.1:6066"), option=orjson.OPT_INDENT_2) + b"\n"
    return out


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "schemas")
    target.mkdir(parents=True, exist_ok=True)
    for name, data in render().items():
        (target / name).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
