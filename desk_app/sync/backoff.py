"""How long to wait before trying again after a transient failure.

Exponential with "equal jitter": the wait doubles per failed attempt up to a cap, and half
of it is random so that the desks of a centre that lost the network together do not all
come back in the same second. A server's Retry-After is a floor, never shortened.
"""

from __future__ import annotations

import random

BASE_SECONDS = 2.0
CAP_SECONDS = 600.0


def retry_delay(
    attempts: int,
    *,
    retry_after: float | None = None,
    rng: random.Random | None = None,
    base: float = BASE_SECONDS,
    cap: float = CAP_SECONDS,
) -> float:
    """Seconds to wait after the failure of attempt number ``attempts + 1`` (0 = first failure)."""
    # The exponent is bounded so a long-broken entry does not overflow the float.
    ceiling = min(cap, base * 2.0 ** min(max(attempts, 0), 32))
    rng = rng or random
    delay = ceiling / 2.0 + rng.uniform(0.0, ceiling / 2.0)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay
