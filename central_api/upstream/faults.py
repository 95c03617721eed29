"""Made-to-order trouble for the demo adapters: a delay, and failures at a given rate.

Seeded links to outside systems fail and lag (DOMAIN.md); the desk must keep working when
they do, and tests must be able to show it. A failure is decided by hashing the seed, the
upstream, the operation, the key asked about and how many times that key was asked, so

- the same seed and the same calls give the same failures, in any thread interleaving
  (other keys' calls do not shift the sequence), and
- asking again is a new draw: a retry can succeed, as with a real flaky link.

Keys are hashed before they are kept, so no CCCD number sits in memory as text here.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from central_api.upstream.base import UPSTREAM_NAMES, UpstreamUnavailable

# Enough for every citizen of a busy day; the oldest counters go first.
_MAX_TRACKED_KEYS = 50_000
RETRY_AFTER_SECONDS = 2


@dataclass(frozen=True)
class FaultPlan:
    latency_ms: int = 0
    failure_rate: float = 0.0
    seed: int = 0
    targets: frozenset[str] = frozenset(UPSTREAM_NAMES)

    @classmethod
    def parse_targets(cls, text: str) -> frozenset[str]:
        names = frozenset(part.strip() for part in text.split(",") if part.strip())
        unknown = names - set(UPSTREAM_NAMES)
        if unknown:
            raise ValueError(f"unknown upstream names {sorted(unknown)}; known: {', '.join(UPSTREAM_NAMES)}")
        return names or frozenset(UPSTREAM_NAMES)


def draw(seed: int, upstream: str, operation: str, key_digest: str, attempt: int) -> float:
    """A number in [0, 1) fixed by its arguments."""
    text = f"{seed}|{upstream}|{operation}|{key_digest}|{attempt}".encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big") / 2**64


class FaultInjector:
    def __init__(self, plan: FaultPlan) -> None:
        self.plan = plan
        self._lock = threading.Lock()
        self._attempts: OrderedDict[tuple[str, str, str], int] = OrderedDict()

    def before_call(self, upstream: str, operation: str, key: str) -> None:
        """Sleeps the configured latency, then raises UpstreamUnavailable if this call is drawn to fail."""
        plan = self.plan
        if upstream not in plan.targets:
            return
        if plan.latency_ms:
            time.sleep(plan.latency_ms / 1000)
        if plan.failure_rate <= 0.0:
            return
        digest = hashlib.sha256(key.encode()).hexdigest()
        slot = (upstream, operation, digest)
        with self._lock:
            attempt = self._attempts.pop(slot, 0) + 1
            self._attempts[slot] = attempt
            while len(self._attempts) > _MAX_TRACKED_KEYS:
                self._attempts.popitem(last=False)
        if draw(plan.seed, upstream, operation, digest, attempt) < plan.failure_rate:
            raise UpstreamUnavailable(upstream, "error", RETRY_AFTER_SECONDS)
