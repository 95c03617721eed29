"""How late the UI thread's event loop runs a 10 ms timer: what an officer feels as a frozen window.

A single-shot precise timer, armed again from its own tick, so each sample is the delay of
one tick past its due time and a late tick never makes the next look early (a repeating
timer would catch up).
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, Qt, QTimer


class EventLoopProbe(QObject):
    def __init__(self, period_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.period_ms = period_ms
        self.lateness_ms: list[float] = []
        self.fired_at: list[float] = []  # perf_counter of each tick, to place a stall in time
        self._armed_at = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.lateness_ms = []
        self.fired_at = []
        self._arm()

    def stop(self) -> list[float]:
        self._timer.stop()
        return self.lateness_ms

    def _arm(self) -> None:
        self._armed_at = time.perf_counter()
        self._timer.start(self.period_ms)

    def _tick(self) -> None:
        fired = time.perf_counter()
        self.lateness_ms.append(max(0.0, (fired - self._armed_at) * 1000 - self.period_ms))
        self.fired_at.append(fired)
        self._arm()


def worst_ticks(probe: EventLoopProbe, since: float, count: int = 5) -> list[tuple[float, float]]:
    """(seconds after ``since``, ms late) of the ticks that fired furthest past their due time, worst first."""
    pairs = sorted(zip(probe.lateness_ms, probe.fired_at), reverse=True)[:count]
    return [(round(at - since, 3), round(late, 1)) for late, at in pairs]


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile; 0.0 for no samples."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = min(len(ordered), max(1, math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]
