"""The delivery pump's settle(): concurrent outcomes for one story's box must all be kept."""

from __future__ import annotations

import asyncio

import orjson

from streams.alert.deliver.webhook import Result
from streams.alert.outbox import StoryOutbox
from streams.pipeline import delivery


async def test_a_410_settled_alongside_other_deliveries_of_the_story_does_not_undo_them(monkeypatch):
    store: dict[str, bytes] = {}
    monkeypatch.setattr(delivery, "load_box", lambda sid: StoryOutbox.from_dict(orjson.loads(store[sid])))
    monkeypatch.setattr(delivery, "save_box", lambda box: store.__setitem__(box.story_id, orjson.dumps(box.to_dict())))
    box = StoryOutbox("st-1")
    for sub in ("gone", "flaky", "ok"):
        box.add({"alert_id": "a1", "story_id": "st-1"}, sub, 100.0, 0.0)  # window 0: sealed at once
    store["st-1"] = orjson.dumps(box.to_dict())
    wid = {b.sub_id: b.webhook_id for b in box.batches}

    class SlowRegistry:  # disabling a subscription writes to the broker: other settles run meanwhile
        disabled: list[str] = []

        async def disable(self, sub_id: str, reason: str) -> None:
            await asyncio.sleep(0.01)
            self.disabled.append(sub_id)

    registry = SlowRegistry()
    monkeypatch.setattr(delivery, "registry", registry)
    pump = delivery.Pump()
    letters: list[str] = []
    monkeypatch.setattr(pump, "dead_letter", lambda story_id, batch, reason, status=None: letters.append(batch.sub_id))
    await asyncio.gather(pump.settle("st-1", wid["gone"], Result("gone", 410, reason="410 Gone")),
                         pump.settle("st-1", wid["flaky"], Result("retry", 500, reason="HTTP 500")),
                         pump.settle("st-1", wid["ok"], Result("ok", 200)))
    left = StoryOutbox.from_dict(orjson.loads(store["st-1"]))
    assert [b.sub_id for b in left.batches] == ["flaky"]  # ok acknowledged, gone dead-lettered
    assert left.batches[0].attempts == 1 and left.batches[0].next_at > 100.0  # backed off, not due at once
    assert letters == ["gone"] and registry.disabled == ["gone"]
