"""SyncHealthTab: how sending stands at every desk of the site, and what to do about a held item.

Each desk reports its health to the central system at the end of every sync pass; the
tab reads all reports of the site in the background. This desk's own line is read from
its store at the same time, so it is current, and still shown when the centre cannot be
reached. A held entry can be sent again ("Retry") or given up ("Discard with reason…",
after a reason and a second confirmation): at this desk straight in the store, at another
desk as a command that desk carries out, and reports done, at its next sync pass.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.timeutil import VN_TZ, parse_rfc3339
from desk_app.store import DeskStore
from desk_app.store.desk_store import DISCARD_REASON_MIN
from desk_app.sync.errors import CentralError, CentralUnavailable

from ..errors import error_text, stored_message_text
from ..feedback import Tone, clear_message, show_message
from ..labels import format_moment, translated_name
from ..ops import Op
from ..outbox_model import kind_name
from ..session import DeskServices, DeskSession
from .tab_parts import read_only_table, refresh_button

FETCH_TIMEOUT_S = 15
COMMAND_TIMEOUT_S = 15

_ACTION_NAMES = {
    "retry": QT_TRANSLATE_NOOP("DeskCommand", "Retry"),
    "discard": QT_TRANSLATE_NOOP("DeskCommand", "Discard"),
}
_COMMAND_STATES = {
    "pending": QT_TRANSLATE_NOOP("DeskCommand", "Pending: the desk acts at its next sync"),
    "done": QT_TRANSLATE_NOOP("DeskCommand", "Done"),
    "failed": QT_TRANSLATE_NOOP("DeskCommand", "Failed at the desk"),
    "unknown_entry": QT_TRANSLATE_NOOP("DeskCommand", "The desk has no such entry"),
}


def action_name(action: str) -> str:
    return translated_name(_ACTION_NAMES, action, "DeskCommand")


def command_state_name(state: str) -> str:
    return translated_name(_COMMAND_STATES, state, "DeskCommand")


def held_reason(entry: Mapping[str, Any]) -> str:
    """Why an entry is held, in the reader's language; the English note when no template was kept."""
    return stored_message_text(entry.get("problem"), str(entry.get("error") or ""))


def _moment(value: str | datetime | None) -> datetime | None:
    if not value:
        return None
    return (value if isinstance(value, datetime) else parse_rfc3339(value)).astimezone(VN_TZ)


def ago_text(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return ""
    minutes = max(0, int((now - moment).total_seconds() // 60))
    if minutes < 1:
        return QCoreApplication.translate("SyncHealth", "just now")
    if minutes < 120:
        return QCoreApplication.translate("SyncHealth", "{n} min ago").format(n=minutes)
    if minutes < 48 * 60:
        return QCoreApplication.translate("SyncHealth", "{n} h ago").format(n=minutes // 60)
    return QCoreApplication.translate("SyncHealth", "{n} days ago").format(n=minutes // (24 * 60))


@dataclass(frozen=True)
class DeskLine:
    """One desk as the tab shows it: the central system's record, with this desk's own report
    taken from its store (``local``)."""

    desk_id: str
    officer: str | None
    last_contact: datetime | None
    reported_at: datetime | None
    report: dict[str, Any] | None
    commands: list[dict[str, Any]] = field(default_factory=list)
    local: bool = False

    def count(self, key: str) -> int | None:
        return None if self.report is None else int(self.report.get(key) or 0)

    @property
    def held_entries(self) -> list[dict[str, Any]]:
        return list((self.report or {}).get("held_entries") or [])


@dataclass(frozen=True)
class HealthSnapshot:
    lines: list[DeskLine]
    as_of: datetime
    problem: Exception | None = None   # the centre could not be read: only this desk is shown


def _server_line(desk: Mapping[str, Any]) -> DeskLine:
    report = desk.get("report")
    return DeskLine(
        desk_id=desk["desk_id"],
        officer=(report or {}).get("officer") or desk.get("last_username"),
        last_contact=_moment(desk.get("last_seen_at")),
        reported_at=_moment(desk.get("reported_at")),
        report=dict(report) if report else None,
        commands=list(desk.get("commands") or []),
    )


def read_health(session: DeskSession, store: DeskStore | None, desk_id: str, now: datetime) -> HealthSnapshot:
    """The site's desks (off the UI thread); this desk's counts from its own store."""
    local = store.health_report(now, officer=session.username) if store is not None else None
    try:
        with session.client.courier(FETCH_TIMEOUT_S) as courier:
            site = courier.site_health()
    except CentralError as error:
        if local is None:
            raise
        own = DeskLine(desk_id, session.username, _moment(local.get("last_sent_at")), None, local, local=True)
        return HealthSnapshot([own], now, error)
    lines = [_server_line(desk) for desk in site["desks"]]
    if local is not None:
        own_at = next((i for i, line in enumerate(lines) if line.desk_id == desk_id), None)
        if own_at is None:
            lines.insert(0, DeskLine(desk_id, session.username, None, None, local, local=True))
        else:
            lines[own_at] = replace(lines[own_at], officer=session.username, report=local, local=True)
    return HealthSnapshot(lines, _moment(site.get("as_of")) or now)


class DiscardReasonDialog(QDialog):
    """Asks why an entry is given up; OK only once the reason has three characters."""

    def __init__(self, entry_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discardReasonDialog")
        self.setWindowTitle(self.tr("Discard with reason"))
        intro = QLabel(self.tr("Discarding gives up {entry} for good. Write why: the reason is kept in the "
                               "audit log.").format(entry=entry_text), self)
        intro.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("discardReasonEdit")
        self.reason_edit.setMaxLength(500)
        label = QLabel(self.tr("&Reason:"), self)
        label.setBuddy(self.reason_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Continue…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._check)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.reason_edit, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._check()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _check(self) -> None:
        self.ok_button.setEnabled(len(self.reason()) >= DISCARD_REASON_MIN)

    def accept(self) -> None:
        if len(self.reason()) >= DISCARD_REASON_MIN:
            super().accept()


class SyncHealthTab(QWidget):
    """The desks table; below it the selected desk's held entries and the commands sent to it."""

    refreshed = Signal()
    commands_changed = Signal()

    HELD_REASON = 4   # the last column: it stretches
    # The reason is a sentence or two: past this width it is read in full in its tool tip.
    REASON_WIDTH = 520

    def __init__(self, services: DeskServices, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncHealthTab")
        self.services = services
        self.session = session
        self.snapshot: HealthSnapshot | None = None
        self.op: Op | None = None
        self.action_op: Op | None = None
        self.reason_dialog: DiscardReasonDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self._load_again = False

        self.refresh_button = refresh_button(self, "healthRefreshButton", self.refresh)
        self.as_of_label = QLabel(self)
        self.as_of_label.setObjectName("healthAsOfLabel")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("healthMessageLabel")
        self.message_label.setWordWrap(True)
        clear_message(self.message_label)

        self.desks_table = self._table("desksTable", [
            self.tr("Desk"), self.tr("Counter officer"), self.tr("Last contact"), self.tr("Waiting"),
            self.tr("Retrying"), self.tr("Held"), self.tr("Reported at")])
        self.held_table = self._table("heldEntriesTable", [
            self.tr("Item"), self.tr("Dossier code"), self.tr("Held since"), self.tr("Asked of the desk"),
            self.tr("Reason")])
        self.held_table.horizontalHeader().setStretchLastSection(True)
        self.commands_table = self._table("commandsTable", [
            self.tr("Item"), self.tr("Action"), self.tr("Reason"), self.tr("Issued by"), self.tr("Issued at"),
            self.tr("State"), self.tr("Detail")])
        self.retry_button = QPushButton(self.tr("Re&try"), self)
        self.retry_button.setObjectName("retryHeldButton")
        self.discard_button = QPushButton(self.tr("Dis&card with reason…"), self)
        self.discard_button.setObjectName("discardHeldButton")
        for button in (self.retry_button, self.discard_button):
            button.setAutoDefault(False)
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.desks_table.itemSelectionChanged.connect(self._desk_changed)
        self.held_table.itemSelectionChanged.connect(self._update_actions)

        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.as_of_label, 1)
        self.held_box = QGroupBox(self.tr("&Held entries"), self)
        held_layout = QVBoxLayout(self.held_box)
        held_layout.addWidget(self.held_table)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.discard_button)
        held_layout.addLayout(actions)
        self.commands_box = QGroupBox(self.tr("C&ommands to the desk"), self)
        QVBoxLayout(self.commands_box).addWidget(self.commands_table)
        desks_box = QWidget(self)
        desks_layout = QVBoxLayout(desks_box)
        desks_layout.setContentsMargins(0, 0, 0, 0)
        desks_label = QLabel(self.tr("De&sks of the site:"), self)
        desks_label.setBuddy(self.desks_table)
        desks_layout.addWidget(desks_label)
        desks_layout.addWidget(self.desks_table)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(desks_box)
        splitter.addWidget(self.held_box)
        splitter.addWidget(self.commands_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(splitter, 1)
        self._update_actions()

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = read_only_table(self, name, headers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        return table

    # ------------------------------------------------------------------ reading

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> Op | None:
        """Read every desk's report in the background; a refresh asked meanwhile runs after it."""
        if self.op is not None:
            self._load_again = True
            return None
        session, store, desk_id, now = self.session, self.services.store, self.services.desk_id, self.services.clock()
        self.op = Op(lambda: read_health(session, store, desk_id, now), parent=self)
        self.op.success(self._read).failure(self._read_failed)
        return self.op.run()

    def _read(self, snapshot: HealthSnapshot) -> None:
        self.op = None
        self.show_snapshot(snapshot)
        if snapshot.problem is not None:
            show_message(self.message_label, self._offline_text(snapshot.problem), Tone.ERROR)
        elif self.message_label.property("tone") == Tone.ERROR.value:
            clear_message(self.message_label)  # the centre answers again; a notice of an action stays
        self.refreshed.emit()
        self._again()

    def _read_failed(self, error: Exception) -> None:
        self.op = None
        show_message(self.message_label, self._offline_text(error), Tone.ERROR)
        self._again()

    def _again(self) -> None:
        if self._load_again:
            self._load_again = False
            self.refresh()

    def _offline_text(self, error: Exception) -> str:
        if isinstance(error, CentralUnavailable) and error.network_down:
            reason = self.tr("The central system cannot be reached.")
        else:
            reason = error_text(error)
        return self.tr("{reason} Only this desk is shown; the other desks' state is not known now.").format(
            reason=reason)

    # ------------------------------------------------------------------ showing

    def line(self, desk_id: str) -> DeskLine | None:
        if self.snapshot is None:
            return None
        return next((line for line in self.snapshot.lines if line.desk_id == desk_id), None)

    def selected_line(self) -> DeskLine | None:
        row = self.desks_table.currentRow()
        item = self.desks_table.item(row, 0) if row >= 0 else None
        return self.line(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def selected_entry(self) -> dict[str, Any] | None:
        line = self.selected_line()
        row = self.held_table.currentRow()
        if line is None or row < 0 or not self.held_table.item(row, 0):
            return None
        entry_id = self.held_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        return next((e for e in line.held_entries if e.get("entry_id") == entry_id), None)

    def select_desk(self, desk_id: str) -> bool:
        for row in range(self.desks_table.rowCount()):
            if self.desks_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == desk_id:
                self.desks_table.selectRow(row)
                return True
        return False

    def select_entry(self, entry_id: int) -> bool:
        for row in range(self.held_table.rowCount()):
            if self.held_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == entry_id:
                self.held_table.selectRow(row)
                return True
        return False

    def show_snapshot(self, snapshot: HealthSnapshot) -> None:
        chosen = self.selected_line()
        entry = self.selected_entry()
        self.snapshot = snapshot
        now = self.services.clock()
        self.as_of_label.setText(self.tr("As of {moment}").format(moment=format_moment(snapshot.as_of)))
        table = self.desks_table
        table.blockSignals(True)
        table.setRowCount(len(snapshot.lines))
        for row, line in enumerate(snapshot.lines):
            desk = line.desk_id
            if line.local:
                desk = self.tr("{desk} (this desk)").format(desk=desk)
            contact = format_moment(line.last_contact)
            if line.last_contact is not None:
                contact += f" ({ago_text(line.last_contact, now)})"
            counts = [line.count(key) for key in ("waiting", "retrying", "held")]
            cells = [desk, line.officer or "", contact, *("" if n is None else str(n) for n in counts),
                     format_moment(line.reported_at)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, line.desk_id)
                if line.local:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if column == 5 and counts[2]:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(row, column, item)
        table.blockSignals(False)
        table.resizeColumnsToContents()
        wanted = chosen.desk_id if chosen is not None else (snapshot.lines[0].desk_id if snapshot.lines else None)
        if wanted is not None:
            self.select_desk(wanted)
        self._desk_changed()  # the rows changed under the selection even when it stayed put
        if entry is not None:
            self.select_entry(entry.get("entry_id"))

    def _desk_changed(self) -> None:
        line = self.selected_line()
        self._show_held(line)
        self._show_commands(line)
        self._update_actions()

    def _pending_for(self, line: DeskLine, entry_id: int) -> str:
        pending = [c for c in line.commands if c.get("entry_id") == entry_id and c.get("state") == "pending"]
        return ", ".join(action_name(c["action"]) for c in pending)

    def _show_held(self, line: DeskLine | None) -> None:
        entries = line.held_entries if line is not None else []
        table = self.held_table
        table.blockSignals(True)
        table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = [kind_name(str(entry.get("kind") or "")), entry.get("dossier_code") or "",
                     format_moment(_moment(entry.get("held_at"))),
                     self._pending_for(line, entry.get("entry_id")) if line is not None else "", held_reason(entry)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, entry.get("entry_id"))
                table.setItem(row, column, item)
        table.blockSignals(False)
        table.resizeColumnsToContents()
        table.setColumnWidth(self.HELD_REASON, min(table.columnWidth(self.HELD_REASON), self.REASON_WIDTH))
        if line is None:
            self.held_box.setTitle(self.tr("&Held entries"))
        else:
            self.held_box.setTitle(self.tr("&Held entries of {desk}: {count}").format(
                desk=line.desk_id, count=len(entries)))

    def _show_commands(self, line: DeskLine | None) -> None:
        commands = line.commands if line is not None else []
        codes = {e.get("entry_id"): e.get("dossier_code") for e in (line.held_entries if line else [])}
        table = self.commands_table
        table.setRowCount(len(commands))
        for row, command in enumerate(commands):
            entry_id = command.get("entry_id")
            item_text = codes.get(entry_id) or self.tr("entry #{number}").format(number=entry_id)
            cells = [item_text, action_name(str(command.get("action"))), command.get("reason") or "",
                     command.get("issued_by") or "", format_moment(_moment(command.get("issued_at"))),
                     command_state_name(str(command.get("state") or "pending")), command.get("detail") or ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, command.get("command_id"))
                table.setItem(row, column, item)
        table.resizeColumnsToContents()

    def _busy(self) -> bool:
        return self.action_op is not None or self.reason_dialog is not None or self.confirm_box is not None

    def _update_actions(self) -> None:
        enabled = self.selected_entry() is not None and not self._busy()
        self.retry_button.setEnabled(enabled)
        self.discard_button.setEnabled(enabled)

    # ------------------------------------------------------------------ actions

    def _is_here(self, line: DeskLine) -> bool:
        return line.desk_id == self.services.desk_id and self.services.store is not None

    def _entry_text(self, entry: Mapping[str, Any]) -> str:
        code = entry.get("dossier_code") or entry.get("client_id") or ""
        return self.tr("the entry of dossier {code}").format(code=code)

    def retry_selected(self) -> Op | None:
        line, entry = self.selected_line(), self.selected_entry()
        if line is None or entry is None or self._busy():
            return None
        return self._act(line, entry, "retry", None)

    def discard_selected(self) -> DiscardReasonDialog | None:
        """Ask for the reason; the confirmation follows; nothing changes before both are given."""
        line, entry = self.selected_line(), self.selected_entry()
        if line is None or entry is None or self._busy():
            return None
        dialog = DiscardReasonDialog(self._entry_text(entry), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._reason_given(dialog, line, entry, result))
        self.reason_dialog = dialog
        self._update_actions()
        dialog.open()
        return dialog

    def _reason_given(self, dialog: DiscardReasonDialog, line: DeskLine, entry: dict[str, Any], result: int) -> None:
        self.reason_dialog = None
        if result != QDialog.DialogCode.Accepted:
            self._update_actions()
            return
        reason = dialog.reason()
        code = entry.get("dossier_code") or entry.get("client_id") or ""
        box = QMessageBox(self)
        box.setObjectName("confirmDiscardBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Discard the entry?"))
        box.setText(self.tr("Discard the entry of dossier {code}? It will never reach the central system.").format(
            code=code))
        box.setInformativeText(self.tr("Reason: {reason}").format(reason=reason))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Discard it"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&Keep it"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._confirmed(box, line, entry, reason))
        self.confirm_box = box
        box.open()

    def _confirmed(self, box: QMessageBox, line: DeskLine, entry: dict[str, Any], reason: str) -> None:
        self.confirm_box = None
        if box.clickedButton() is not box.button(QMessageBox.StandardButton.Yes):
            self._update_actions()
            return
        self._act(line, entry, "discard", reason)

    def _act(self, line: DeskLine, entry: dict[str, Any], action: str, reason: str | None) -> Op:
        entry_id, actor = int(entry["entry_id"]), self.session.username
        code = entry.get("dossier_code") or entry.get("client_id") or ""
        store, here = self.services.store, self._is_here(line)
        session, desk_id = self.session, line.desk_id
        body = {"entry_id": entry_id, "action": action, "reason": reason}

        def work() -> dict | None:
            if here:
                assert store is not None
                if action == "retry":
                    store.requeue_outbox(entry_id, actor)
                else:
                    store.discard_outbox(entry_id, actor, reason)
                return None
            with session.client.courier(COMMAND_TIMEOUT_S) as courier:
                return courier.put_desk_command(desk_id, str(uuid.uuid4()), body)

        self.action_op = Op(work, parent=self).success(
            lambda answer: self._acted(line, action, code, answer)).failure(self._act_failed)
        self._update_actions()
        return self.action_op.run()

    def _acted(self, line: DeskLine, action: str, code: str, answer: Any) -> None:
        self.action_op = None
        if isinstance(answer, dict) and self.snapshot is not None:
            # The command shows as pending at once; the next read brings the desk's own word.
            commands = [c for c in line.commands if c.get("command_id") != answer.get("command_id")] + [answer]
            lines = [replace(x, commands=commands) if x.desk_id == line.desk_id else x for x in self.snapshot.lines]
            self.show_snapshot(replace(self.snapshot, lines=lines))
            if action == "retry":
                text = self.tr("Desk {desk} will send the entry of dossier {code} again at its next sync.")
            else:
                text = self.tr("Desk {desk} will discard the entry of dossier {code} at its next sync.")
            text = text.format(desk=line.desk_id, code=code)
        elif action == "retry":
            text = self.tr("The entry of dossier {code} will be sent again.").format(code=code)
        else:
            text = self.tr("The entry of dossier {code} was discarded.").format(code=code)
        show_message(self.message_label, text, Tone.OK)
        self._update_actions()
        self.commands_changed.emit()
        self.refresh()

    def _act_failed(self, error: Exception) -> None:
        self.action_op = None
        show_message(self.message_label, error_text(error), Tone.ERROR)
        self._update_actions()
        self.refresh()
