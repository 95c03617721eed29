"""The circuit breaker: an outage stops waking the network every interval, a probe comes
after the wait, "Send now" probes at once, and success closes it."""

from __future__ import annotations

import random
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.timeutil import now_vn
from desk_app.sync import CentralClient
from desk_app.sync.circuit import CircuitBreaker

from .conftest import Desk, MutableClock, closed_port_url
from .test_engine import engine_for


def test_opens_after_the_threshold_and_lets_a_probe_through_after_the_wait():
    now = now_vn()
    breaker = CircuitBreaker(threshold=2, base_seconds=10, cap_seconds=100, rng=random.Random(1))
    assert breaker.allows(now) and not breaker.failed(now)  # one failure: still closed
    assert breaker.failed(now) and breaker.state == "open"
    assert breaker.open_until is not None and now + timedelta(seconds=5) <= breaker.open_until <= now + timedelta(seconds=10)
    assert not breaker.allows(now + timedelta(seconds=4))
    assert breaker.allows(now + timedelta(seconds=4), force=True)
    assert breaker.allows(breaker.open_until)
    assert breaker.succeeded() and breaker.state == "closed" and breaker.failures == 0


@given(st.integers(min_value=2, max_value=60), st.floats(min_value=0, max_value=3600, allow_nan=False))
def test_the_wait_grows_but_never_passes_the_cap_and_honours_retry_after(failures, retry_after):
    now = now_vn()
    breaker = CircuitBreaker(threshold=2, base_seconds=15, cap_seconds=600, rng=random.Random(failures))
    for _ in range(failures - 1):
        breaker.failed(now)
    breaker.failed(now, retry_after)
    assert breaker.open_until is not None
    wait = (breaker.open_until - now).total_seconds()
    assert wait <= max(600, retry_after) + 1e-6
    assert wait >= retry_after - 1e-6


def test_a_long_outage_skips_passes_without_touching_the_network(make_desk):
    desk: Desk = make_desk()
    desk.save(portraits=0)
    offline = CentralClient(closed_port_url(), desk_id=desk.desk_id, access_token=desk.login.access_token)
    clock = MutableClock()
    engine = engine_for(desk, client=offline, clock=clock)
    first, second = engine.run_once(), engine.run_once()
    assert not first.online and not second.online and not second.skipped
    assert second.next_try_at is not None

    tried: list[tuple] = []
    send = offline.session.request

    def counting(*args, **kwargs):
        tried.append(args)
        return send(*args, **kwargs)

    offline.session.request = counting
    third = engine.run_once()
    assert third.skipped and not third.online and third.next_try_at == second.next_try_at
    assert third.waiting == 1  # the dossier is still counted, and shown as waiting
    assert tried == []  # no connection attempt, so nothing for the log either

    # "Send now" probes at once; the link is back, so the breaker closes and the dossier goes.
    engine.client = desk.client
    report = engine.run_once(force=True)
    assert report.online and report.sent == 1 and report.next_try_at is None and not report.skipped
    assert engine.breaker.state == "closed"


def test_after_the_wait_an_ordinary_pass_probes(make_desk):
    desk: Desk = make_desk()
    offline = CentralClient(closed_port_url(), desk_id=desk.desk_id, access_token=desk.login.access_token)
    clock = MutableClock()
    engine = engine_for(desk, client=offline, clock=clock)
    engine.run_once()
    report = engine.run_once()
    assert engine.run_once().skipped
    clock.offset += report.next_try_at - clock()
    engine.client = desk.client
    assert engine.run_once().online and engine.breaker.state == "closed"
