"""Next-poll computation: pure, `now` passed in; floors, entry frequency, back-off, clamps."""

from __future__ import annotations

import random
from email.utils import formatdate

from hypothesis import given
from hypothesis import strategies as st

from streams.poll.schedule import Policy, cache_floor, entry_interval, next_poll, retry_after

NOW = 1_746_610_200.0
P = Policy(jitter=0)


def test_retry_after_seconds_and_http_date() -> None:
    assert retry_after("120", NOW) == 120
    assert retry_after(formatdate(NOW + 3600, usegmt=True), NOW) == 3600
    assert retry_after(formatdate(NOW - 10, usegmt=True), NOW) == 0
    assert retry_after("soon", NOW) is None and retry_after(None, NOW) is None


def test_cache_floor_prefers_max_age_over_expires_and_honours_ttl() -> None:
    expires = formatdate(NOW + 7200, usegmt=True)
    assert cache_floor({"cache-control": "public, max-age=900", "expires": expires}, NOW) == 900
    assert cache_floor({"expires": expires}, NOW) == 7200
    assert cache_floor({"expires": "0"}, NOW) == 0
    assert cache_floor({}, NOW, ttl_minutes=60) == 3600
    assert cache_floor({"cache-control": "max-age=60"}, NOW, ttl_minutes=30) == 1800
    assert cache_floor({"cache-control": "no-cache"}, NOW) == 0


def test_entry_frequency_sets_the_interval() -> None:
    every_10_min = [NOW - 600 * i for i in range(12)]
    assert entry_interval(every_10_min, NOW, P) == 0.5 * (600 * 11) / 12
    busy_at, busy = next_poll(NOW, P, published=every_10_min)
    assert busy == 275 and busy_at == NOW + 275  # twice per expected entry
    daily = [NOW - 86400 * i for i in range(1, 7)]
    quiet_at, quiet = next_poll(NOW, P, published=daily)
    assert quiet > 6 * 3600 and quiet_at == NOW + quiet
    dormant_at, dormant = next_poll(NOW, P, published=[NOW - 30 * 86400])
    assert dormant == P.max_interval
    assert next_poll(NOW, P)[1] == P.default_interval  # nothing dated: the default


def test_bounds_clamp_a_very_busy_feed() -> None:
    burst = [NOW - i for i in range(100)]
    assert next_poll(NOW, P, published=burst)[1] == P.min_interval


def test_floor_wins_over_a_short_interval_and_is_capped() -> None:
    busy = [NOW - 60 * i for i in range(50)]
    _, interval = next_poll(NOW, P, published=busy, headers={"cache-control": "max-age=1800"})
    assert interval == 1800
    _, capped = next_poll(NOW, P, published=busy, ttl_minutes=10_000)
    assert capped == P.max_interval


def test_not_modified_keeps_the_learnt_interval() -> None:
    assert next_poll(NOW, P, previous_interval=900)[1] == 900
    assert next_poll(NOW, P, previous_interval=5)[1] == P.min_interval


def test_errors_back_off_exponentially_then_unhealthy() -> None:
    policy = Policy(jitter=0, error_base=60, error_cap=600, unhealthy_after=5, unhealthy_interval=86400)
    gaps = [next_poll(NOW, policy, consecutive_errors=n)[1] for n in range(1, 7)]
    assert gaps == [60, 120, 240, 480, 86400, 86400]
    assert next_poll(NOW, Policy(jitter=0, error_cap=100, unhealthy_after=99), consecutive_errors=30)[1] == 100


def test_host_pause_always_wins() -> None:
    when, _ = next_poll(NOW, P, previous_interval=120, not_before=NOW + 5000)
    assert when == NOW + 5000


@given(
    published=st.lists(st.floats(min_value=NOW - 60 * 86400, max_value=NOW + 3600), max_size=60),
    errors=st.integers(min_value=0, max_value=40),
    max_age=st.integers(min_value=0, max_value=10 * 86400),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_next_poll_is_always_within_bounds(published: list[float], errors: int, max_age: int, seed: int) -> None:
    policy = Policy()
    when, interval = next_poll(NOW, policy, published=published, consecutive_errors=errors,
                               headers={"cache-control": f"max-age={max_age}"}, rng=random.Random(seed))
    low = policy.error_base if errors else policy.min_interval
    assert low <= interval <= max(policy.max_interval, policy.unhealthy_interval)
    assert NOW + interval * (1 - policy.jitter) - 1e-6 <= when <= NOW + interval * (1 + policy.jitter) + 1e-6
