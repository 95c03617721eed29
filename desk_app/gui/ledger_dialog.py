"""LedgerDialog: the dossier ledger (sổ theo dõi hồ sơ) of a day or a period, for printing.

Desks that still keep the paper book print the day's page at closing; a supervisor prints
a week or a month for the file. The officer picks the days (today by default, with quick
choices for this week and this month), and the ledger is read from the store and laid out
off the UI thread, then shown in the print preview like any form, on the desk's paper.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.catalogue import Procedure
from desk_app.documents import LedgerData, PaperFormat, ledger_rows, render_ledger
from desk_app.documents.ledger import handover_times
from desk_app.store import DeskStore

from .errors import error_text
from .feedback import Tone, clear_message, show_message
from .ops import Op

# A year of dossiers is the longest book anyone prints at once; more is a report, not a ledger.
MAX_DAYS = 366


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def ledger_of(store: DeskStore, procedures: Callable[[], list[Procedure]], agency_name: str,
              first: date, last: date) -> LedgerData:
    """The ledger of ``first``–``last`` as the desk's store holds it (call off the UI thread)."""
    dossiers, handed_over = store.dossiers_received(first, last)
    rows = ledger_rows(dossiers, procedures(), returned=handover_times(handed_over))
    return LedgerData(agency_name=agency_name, period_start=first, period_end=last, rows=rows)


class LedgerDialog(QDialog):
    """Asks for the days; emits ``ready(ledger, pdf, render)`` once the ledger is laid out.

    ``render(paper)`` lays the same ledger out on another paper, for the preview's paper
    choice.
    """

    ready = Signal(object, bytes, object)   # LedgerData, the PDF, (PaperFormat) -> bytes

    def __init__(self, store: DeskStore, procedures: Callable[[], list[Procedure]], agency_name: str,
                 today: date, paper: PaperFormat | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LedgerDialog")
        self.setWindowTitle(self.tr("Dossier ledger"))
        self._store = store
        self._procedures = procedures
        self._agency_name = agency_name
        self._today = today
        self._paper = PaperFormat(paper)
        self.op: Op | None = None

        intro = QLabel(self.tr("The ledger (sổ theo dõi hồ sơ) lists every dossier received on these days, "
                               "with its dates and how the result is returned."), self)
        intro.setWordWrap(True)
        self.from_edit = QDateEdit(self)
        self.from_edit.setObjectName("fromDateEdit")
        self.to_edit = QDateEdit(self)
        self.to_edit.setObjectName("toDateEdit")
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMaximumDate(_qdate(today))
            edit.dateChanged.connect(self._check)
        form = QFormLayout()
        from_label = QLabel(self.tr("&From:"), self)
        from_label.setBuddy(self.from_edit)
        to_label = QLabel(self.tr("T&o:"), self)
        to_label.setBuddy(self.to_edit)
        form.addRow(from_label, self.from_edit)
        form.addRow(to_label, self.to_edit)

        self.today_button = QPushButton(self.tr("To&day"), self)
        self.week_button = QPushButton(self.tr("This &week"), self)
        self.month_button = QPushButton(self.tr("This &month"), self)
        quick = QHBoxLayout()
        for button in (self.today_button, self.week_button, self.month_button):
            button.setAutoDefault(False)
            quick.addWidget(button)
        quick.addStretch(1)
        self.today_button.clicked.connect(lambda: self.set_period(today, today))
        self.week_button.clicked.connect(lambda: self.set_period(today - timedelta(days=today.weekday()), today))
        self.month_button.clicked.connect(lambda: self.set_period(today.replace(day=1), today))

        self.message_label = QLabel(self)
        self.message_label.setObjectName("ledgerMessageLabel")
        self.message_label.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.preview_button = buttons.addButton(self.tr("&Preview and print…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.setObjectName("previewLedgerButton")
        self.preview_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self.prepare)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(quick)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.set_period(today, today)
        self.from_edit.setFocus()

    def period(self) -> tuple[date, date]:
        return _day(self.from_edit.date()), _day(self.to_edit.date())

    def set_period(self, first: date, last: date) -> None:
        self.from_edit.setDate(_qdate(first))
        self.to_edit.setDate(_qdate(last))
        self._check()

    def _problem(self) -> str | None:
        first, last = self.period()
        if last < first:
            return self.tr("The period ends before it starts: change one of the dates.")
        if (last - first).days >= MAX_DAYS:
            return self.tr("Print at most a year at a time.")
        return None

    def _check(self) -> None:
        problem = self._problem()
        self.preview_button.setEnabled(problem is None and self.op is None)
        if problem:
            show_message(self.message_label, problem, Tone.ERROR)
        else:
            clear_message(self.message_label)

    def prepare(self) -> Op | None:
        """Read and lay out the ledger in the background; ``ready`` follows."""
        if self._problem() is not None or self.op is not None:
            return None
        first, last = self.period()
        store, procedures, agency, paper = self._store, self._procedures, self._agency_name, self._paper

        def work() -> tuple[LedgerData, bytes]:
            ledger = ledger_of(store, procedures, agency, first, last)
            return ledger, render_ledger(ledger, paper=paper)

        show_message(self.message_label, self.tr("Preparing the ledger…"), Tone.INFO)
        self.op = Op(work, parent=self).success(self._prepared).failure(self._failed)
        self._check()
        return self.op.run()

    def _prepared(self, done: tuple[LedgerData, bytes]) -> None:
        self.op = None
        ledger, pdf = done
        self.ready.emit(ledger, pdf, lambda paper: render_ledger(ledger, paper=paper))
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.op = None
        self._check()
        show_message(self.message_label, error_text(error), Tone.ERROR)
