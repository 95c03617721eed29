"""The upstream checks of one intake, compact, for the wizard's review page.

Each check of the draft is a line: a state mark (colour and symbol), the check's name and
what it says now: waiting, being checked, the answer's summary (a valid certificate, unpaid
fines), or why it failed and when it is tried again. Nothing here waits: the checks are
read on an Op when ``show_for`` names a draft and again on every ``refresh`` (connect the
checks worker's ``checks_changed`` to it). Saving never waits for a check either; an answer
that comes after the citizen left is in the officer's check list (``ChecksPanel``).

The names and texts of checks shared with the panel live here too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from desk_app.core.catalogue import UpstreamCheck
from desk_app.core.timeutil import VN_TZ, now_vn
from desk_app.core.upstream_checks import CheckRecord, CheckState
from desk_app.store import DeskStore

from .errors import error_text, message_text
from .feedback import Tone, clear_message, show_message
from .labels import format_moment
from .ops import Op

_KIND_NAMES = {
    UpstreamCheck.HEALTH_CERTIFICATE: QT_TRANSLATE_NOOP("CheckKind", "Health certificate"),
    UpstreamCheck.TRAFFIC_VIOLATIONS: QT_TRANSLATE_NOOP("CheckKind", "Traffic fines"),
}
_STATE_NAMES = {
    CheckState.PENDING: QT_TRANSLATE_NOOP("CheckState", "Waiting"),
    CheckState.RUNNING: QT_TRANSLATE_NOOP("CheckState", "Checking now"),
    CheckState.PASSED: QT_TRANSLATE_NOOP("CheckState", "Passed"),
    CheckState.ATTENTION: QT_TRANSLATE_NOOP("CheckState", "Needs attention"),
    CheckState.FAILED_RETRYING: QT_TRANSLATE_NOOP("CheckState", "Failed, will retry"),
    CheckState.FAILED: QT_TRANSLATE_NOOP("CheckState", "Failed"),
}
STATE_COLOURS = {
    CheckState.PENDING: "#546e7a",
    CheckState.RUNNING: "#0d47a1",
    CheckState.PASSED: "#1b5e20",
    CheckState.ATTENTION: "#8d6e00",
    CheckState.FAILED_RETRYING: "#e65100",
    CheckState.FAILED: "#b71c1c",
}
# The mark's symbol says the state without its colour (for colour-blind officers and greyscale prints).
_STATE_SYMBOLS = {
    CheckState.PENDING: "…",
    CheckState.RUNNING: "↻",
    CheckState.PASSED: "✓",
    CheckState.ATTENTION: "!",
    CheckState.FAILED_RETRYING: "↻",
    CheckState.FAILED: "✕",
}
_ICON_PX = 16


def check_kind_name(kind: UpstreamCheck) -> str:
    return QCoreApplication.translate("CheckKind", _KIND_NAMES[UpstreamCheck(kind)])


def check_state_name(state: CheckState) -> str:
    return QCoreApplication.translate("CheckState", _STATE_NAMES[CheckState(state)])


_icons: dict[CheckState, QIcon] = {}


def state_icon(state: CheckState) -> QIcon:
    """A filled circle in the state's colour with its symbol in white."""
    state = CheckState(state)
    if state not in _icons:
        pixmap = QPixmap(_ICON_PX * 2, _ICON_PX * 2)  # drawn at twice the size: sharp on large text
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATE_COLOURS[state]))
        painter.drawEllipse(QPointF(_ICON_PX, _ICON_PX), _ICON_PX - 1, _ICON_PX - 1)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(_ICON_PX + 2)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, _ICON_PX * 2, _ICON_PX * 2), Qt.AlignmentFlag.AlignCenter, _STATE_SYMBOLS[state])
        painter.end()
        _icons[state] = QIcon(pixmap)
    return _icons[state]


def moment_text(moment: datetime, clock: Callable[[], datetime] = now_vn) -> str:
    """hh:mm today, hh:mm dd/mm/yyyy on another day."""
    local = moment.astimezone(VN_TZ)
    if local.date() == clock().astimezone(VN_TZ).date():
        return local.strftime("%H:%M")
    return format_moment(local)


def problem_text(check: CheckRecord) -> str:
    """Why the last try failed, in the officer's language (English when only that was kept)."""
    if check.problem is not None:
        return message_text(check.problem)
    return check.last_error or ""


def finding_text(check: CheckRecord) -> str:
    """What the last answer found, in the officer's language; empty before any answer."""
    return message_text(check.summary) if check.summary is not None else ""


def check_text(check: CheckRecord, clock: Callable[[], datetime] = now_vn) -> str:
    """What a check says now: waiting, being asked, its finding, or why it failed and what next."""
    state = check.state
    if state is CheckState.PENDING:
        return QCoreApplication.translate("UpstreamChecks", "Waiting to be checked.")
    if state is CheckState.RUNNING:
        return QCoreApplication.translate("UpstreamChecks", "Being checked now…")
    if state in (CheckState.PASSED, CheckState.ATTENTION):
        return finding_text(check)
    text = problem_text(check)
    if state is CheckState.FAILED_RETRYING and check.next_attempt_at is not None:
        text += " " + QCoreApplication.translate("UpstreamChecks", "Next try at {time}.").format(
            time=moment_text(check.next_attempt_at, clock)
        )
    return text


class UpstreamChecksView(QWidget):
    """The checks of one draft. Hidden while that draft has none (a procedure without checks)."""

    reloaded = Signal()   # the checks on screen were read again

    def __init__(self, store: DeskStore, clock: Callable[[], datetime] = now_vn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("upstreamChecksView")
        self.store = store
        self._clock = clock
        self._draft_id: str | None = None
        self._checks: list[CheckRecord] = []
        self._loading = False
        self._load_again = False

        self.title_label = QLabel(self.tr("Checks with other agencies"), self)
        self.title_label.setObjectName("checksTitleLabel")
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self._rows = QGridLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setHorizontalSpacing(8)
        self._rows.setColumnStretch(2, 1)
        self.hint_label = QLabel(
            self.tr("Saving does not wait for these checks; an answer that comes later shows in the list of checks."),
            self,
        )
        self.hint_label.setObjectName("checksHintLabel")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #546e7a;")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("checksErrorLabel")
        self.error_label.setWordWrap(True)
        clear_message(self.error_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addLayout(self._rows)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        self.setVisible(False)

    @property
    def draft_id(self) -> str | None:
        return self._draft_id

    def checks(self) -> list[CheckRecord]:
        """The checks on screen, in their order."""
        return list(self._checks)

    def texts(self) -> list[tuple[str, str, str]]:
        """(check name, state name, text) of each line on screen, for tests and screen readers."""
        lines = []
        for row in range(len(self._checks)):
            kind = self._rows.itemAtPosition(row, 1).widget()
            text = self._rows.itemAtPosition(row, 2).widget()
            mark = self._rows.itemAtPosition(row, 0).widget()
            lines.append((kind.text(), mark.toolTip(), text.text()))
        return lines

    def show_for(self, draft_id: str | None) -> None:
        """Show the checks of this draft (None: none), read in the background."""
        if draft_id != self._draft_id:
            self._draft_id = draft_id
            self._show([])
        self.refresh()

    def refresh(self) -> None:
        """Read the checks of the draft shown again; requests during a read collapse into one more."""
        if self._draft_id is None:
            return
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        store, draft_id = self.store, self._draft_id
        Op(lambda: store.checks_for(draft_id=draft_id), parent=self).success(
            lambda checks: self._loaded(draft_id, checks)
        ).failure(self._load_failed).run()

    def _loaded(self, draft_id: str, checks: list[CheckRecord]) -> None:
        self._loading = False
        if draft_id == self._draft_id:
            clear_message(self.error_label)
            self._show(checks)
            self.reloaded.emit()
        if self._load_again or draft_id != self._draft_id:
            self._load_again = False
            self.refresh()

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        self._load_again = False
        show_message(self.error_label, error_text(error), Tone.ERROR)

    def _show(self, checks: list[CheckRecord]) -> None:
        self._checks = list(checks)
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # off the view at once; deleted when Python lets it go
                widget.deleteLater()
        for row, check in enumerate(self._checks):
            colour = STATE_COLOURS[check.state]
            mark = QLabel(self)
            mark.setObjectName(f"checkMark_{check.kind.value}")
            mark.setPixmap(state_icon(check.state).pixmap(_ICON_PX, _ICON_PX))
            mark.setToolTip(check_state_name(check.state))
            mark.setAccessibleName(check_state_name(check.state))
            kind = QLabel(check_kind_name(check.kind) + ":", self)
            kind.setObjectName(f"checkKind_{check.kind.value}")
            text = QLabel(check_text(check, self._clock), self)
            text.setObjectName(f"checkText_{check.kind.value}")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if check.state in (CheckState.ATTENTION, CheckState.FAILED_RETRYING, CheckState.FAILED):
                text.setStyleSheet(f"color: {colour};")
            self._rows.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            self._rows.addWidget(kind, row, 1, Qt.AlignmentFlag.AlignTop)
            self._rows.addWidget(text, row, 2)
        self.setVisible(bool(self._checks))
