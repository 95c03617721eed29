"""A circuit breaker in front of the sync passes.

Each outbox entry already waits its own backoff, but during an outage of hours a desk would
still wake every interval, open connections that fail, and write the same warning to the
log. After ``threshold`` passes in a row found the central system unreachable (or unwell:
5xx, 429), the breaker opens and passes are skipped without touching the network until the
wait is over; then one pass probes. Success closes it; another failure reopens it with a
doubled wait. "Send now" from the officer probes at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from .backoff import retry_delay

CLOSED = "closed"
OPEN = "open"


@dataclass
class CircuitBreaker:
    threshold: int = 2
    base_seconds: float = 15.0
    cap_seconds: float = 600.0
    rng: random.Random | None = None
    failures: int = 0
    open_until: datetime | None = None

    @property
    def state(self) -> str:
        return OPEN if self.open_until is not None else CLOSED

    def allows(self, now: datetime, *, force: bool = False) -> bool:
        """Whether a pass may reach the network now (an open breaker's wait is over: a probe)."""
        return force or self.open_until is None or now >= self.open_until

    def succeeded(self) -> bool:
        """Record a pass that reached the central system; True when this closed an open breaker."""
        was_open = self.open_until is not None
        self.failures = 0
        self.open_until = None
        return was_open

    def failed(self, now: datetime, retry_after: float | None = None) -> bool:
        """Record a pass that found it unreachable; True when this opened the breaker."""
        self.failures += 1
        if self.failures < self.threshold:
            return False
        was_open = self.open_until is not None
        delay = retry_delay(self.failures - self.threshold, retry_after=retry_after, rng=self.rng,
                            base=self.base_seconds, cap=self.cap_seconds)
        self.open_until = now + timedelta(seconds=delay)
        return not was_open
