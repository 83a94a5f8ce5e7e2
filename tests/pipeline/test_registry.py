"""Registry.disable: a subscription is disabled (and counted) once, however many 410s race."""

from __future__ import annotations

import asyncio

import orjson

from streams.pipeline import live


async def test_concurrent_410s_disable_a_subscription_once(monkeypatch):
    registry = live.Registry()
    registry.apply(b"gone", orjson.dumps({"id": "gone", "url": "https://receiver.example/hook",
                                        "secret": "whsec_" + "a2tr" * 8}))
    writes: list[dict] = []

    async def slow_put(sub):  # the write is a broker round trip: the others' 410s arrive meanwhile
        await asyncio.sleep(0.01)
        writes.append(sub.to_dict())
        registry.apply(sub.id.encode(), orjson.dumps(sub.to_dict()))

    monkeypatch.setattr(registry, "put", slow_put)
    counted = []
    monkeypatch.setattr(live.metrics, "inc", lambda name, help_, value=1.0, **labels: counted.append(name))
    await asyncio.gather(*(registry.disable("gone", "410 Gone") for _ in range(3)))
    assert len(writes) == 1 and writes[0]["disabled"].startswith("410 Gone at ")
    assert counted == ["newsstream_subscriptions_disabled_total"]
    assert not registry.get("gone").active
    await registry.disable("gone", "410 Gone")  # already disabled: nothing more
    assert len(writes) == 1 and len(counted) == 1
