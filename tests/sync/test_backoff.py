"""The retry schedule: doubling from 2 s, capped at 10 min, jittered, never shorter than Retry-After."""

from __future__ import annotations

import random

import pytest

from desk_app.sync.backoff import BASE_SECONDS, CAP_SECONDS, retry_delay


@pytest.mark.parametrize("attempts", range(0, 14))
def test_delay_stays_between_half_and_all_of_the_doubled_ceiling(attempts):
    ceiling = min(CAP_SECONDS, BASE_SECONDS * 2**attempts)
    rng = random.Random(attempts)
    delays = [retry_delay(attempts, rng=rng) for _ in range(200)]
    assert all(ceiling / 2 <= d <= ceiling for d in delays)
    assert max(delays) - min(delays) > ceiling / 4  # jittered, not one fixed value


def test_a_long_broken_entry_waits_the_cap_and_no_more():
    assert retry_delay(10_000, rng=random.Random(1)) <= CAP_SECONDS


def test_retry_after_is_a_floor():
    assert retry_delay(0, retry_after=90, rng=random.Random(1)) == 90
    assert retry_delay(12, retry_after=1, rng=random.Random(1)) >= CAP_SECONDS / 2
