"""Coalescing and delivery state: batches per (subscription, story), nothing lost, nothing twice."""

from streams.alert.outbox import StoryOutbox, webhook_id
from streams.alert.deliver.retry import RetryPolicy, parse_retry_after


def al(i: int) -> dict:
    return {"alert_id": f"al-{i}", "kind": "source_joined", "story_id": "st-1", "headline": "h"}


def test_joins_within_the_window_become_one_delivery_without_loss():
    box = StoryOutbox("st-1")
    for i in range(20):  # a storm: 20 sources at once
        assert box.add(al(i), "sub", now=100.0 + i * 0.1, window=5.0)
    assert box.ready(103.0) == []  # window still open
    assert box.seal_due(105.0)
    [batch] = box.ready(105.0)
    assert batch.alert_ids == [f"al-{i}" for i in range(20)]
    assert batch.webhook_id == webhook_id("sub", batch.alert_ids)
    box.add(al(20), "sub", now=105.5, window=5.0)  # after sealing: a new batch
    assert len(box.batches) == 2


def test_redelivered_alert_is_not_queued_twice_and_subscriptions_are_separate():
    box = StoryOutbox("st-1")
    assert box.add(al(1), "a", 0.0, 0.0) and not box.add(al(1), "a", 1.0, 0.0)
    assert box.add(al(1), "b", 1.0, 0.0)
    assert {b.sub_id for b in box.ready(1.0)} == {"a", "b"}


def test_retry_keeps_the_webhook_id_and_state_round_trips():
    box = StoryOutbox("st-1")
    box.add(al(1), "a", 0.0, 0.0)
    wid = box.batches[0].webhook_id
    box.retry(wid, next_at=10.0, error="HTTP 500")
    assert box.ready(5.0) == [] and box.ready(10.0)[0].webhook_id == wid
    again = StoryOutbox.from_dict(box.to_dict())
    assert again == box and again.batches[0].attempts == 1
    assert again.finish(wid) is not None and again.batches == []


def test_webhook_ids_differ_for_distinct_alerts():
    ids = {webhook_id("s", [f"al-{i}"]) for i in range(1000)}
    assert len(ids) == 1000
    assert webhook_id("s", ["a", "b"]) == webhook_id("s", ["b", "a"]) != webhook_id("t", ["a", "b"])


def test_retry_schedule_backs_off_honours_retry_after_and_ends():
    p = RetryPolicy(base=2.0, cap=60.0, max_attempts=5)
    assert [p.delay(n) for n in range(1, 6)] == [2.0, 4.0, 8.0, 16.0, None]
    assert p.delay(1, retry_after=30.0) == 30.0 and p.delay(1, retry_after=1e9) == 60.0
    assert parse_retry_after("7", 0) == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", 1445412480.0) == 10.0
    assert parse_retry_after("soon", 0) is None
    assert parse_retry_after("²", 0) is None  # a digit to str.isdigit, not to float()
    assert parse_retry_after("Wed, 21 Oct 99999 07:28:10 GMT", 0) is None


from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(max_size=40))
def test_any_retry_after_header_reads_as_seconds_or_none(value):
    """A header the delivery cannot read must not raise: the batch would be re-sent unsettled."""
    seconds = parse_retry_after(value, 1_700_000_000.0)
    assert seconds is None or seconds >= 0.0


@given(st.lists(st.tuples(st.integers(0, 30), st.floats(0, 50), st.sampled_from(["a", "b"])), max_size=60),
       st.floats(0, 10))
def test_no_join_is_lost_or_doubled_whatever_the_timing(events, window):
    box = StoryOutbox("st")
    delivered: dict[str, list[str]] = {"a": [], "b": []}
    now = 0.0
    for alert_no, dt, sub in events:
        now += dt / 10
        box.add(al(alert_no), sub, now, window)
        box.seal_due(now)
        for batch in box.ready(now):
            delivered[batch.sub_id] += batch.alert_ids
            box.finish(batch.webhook_id)
    box.seal_due(now + window + 1)
    for batch in box.ready(now + window + 1):
        delivered[batch.sub_id] += batch.alert_ids
        box.finish(batch.webhook_id)
    for sub in ("a", "b"):
        wanted = {f"al-{n}" for n, _, s in events if s == sub}
        assert sorted(delivered[sub]) == sorted(wanted)
    assert box.batches == []
