"""FeedState: health, seen-id expiry, and the dict round trip the Faust table relies on."""

from __future__ import annotations

from streams.poll.state import FeedState

NOW = 1_746_610_200.0


def test_health_progression() -> None:
    st = FeedState(url="https://f.example/rss")
    assert st.health == "new" and st.first_poll
    st.last_success = NOW
    assert st.health == "ok"
    st.consecutive_errors = 2
    assert st.health == "failing"
    st.unhealthy = True
    assert st.health == "unhealthy"
    st.disabled = "gone: HTTP 410"
    assert st.health == "disabled"


def test_seen_ids_expire_and_are_capped() -> None:
    st = FeedState(url="u", seen={f"old{i}": ["d", NOW - 40 * 86400] for i in range(3)})
    st.seen.update({f"new{i}": ["d", NOW - i] for i in range(10)})
    st.forget_expired(NOW, ttl=30 * 86400, max_seen=5)
    assert sorted(st.seen) == [f"new{i}" for i in range(5)], "expired first, then the least recently listed"


def test_dict_round_trip_ignores_unknown_keys() -> None:
    st = FeedState(url="u", etag='"x"', next_poll=NOW, seen={"a": ["d", NOW]}, disabled=None, unhealthy=True)
    data = st.to_dict()
    assert FeedState.from_dict({**data, "added_in_a_later_version": 1}) == st
