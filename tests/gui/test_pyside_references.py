"""Guards the Qt binding against a reference-counting defect that kills the desk slowly.

PySide6 6.12.0 under Python 3.11 drops one reference to ``True`` on every ``Signal.emit``
and one to ``None`` on every Qt call that returns nothing; once a count reaches zero the
interpreter aborts ("deallocating True or False"). A desk syncing every 30 s would die
after some hours. pyproject.toml keeps that release out; this test fails if one creeps back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_signals_and_calling_qt_keeps_true_and_none_alive(qtbot) -> None:
    emitter = _Emitter()
    seen: list[int] = []
    emitter.fired.connect(seen.append)
    label = QLabel()
    qtbot.addWidget(label)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for n in range(CALLS):
        emitter.fired.emit(n)
        label.setText(str(n))
    lost_true = true_before - sys.getrefcount(True)
    lost_none = none_before - sys.getrefcount(None)
    assert len(seen) == CALLS
    # A handful may move for unrelated reasons; the defect loses one per call.
    assert lost_true < CALLS // 10 and lost_none < CALLS // 10, (lost_true, lost_none)
