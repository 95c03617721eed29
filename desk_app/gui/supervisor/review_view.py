"""The Review tab: review by exception.

Only dossiers a rule flagged are listed (a photo accepted against the rules, documents
accepted short, a held sending, a refund, a reprint, lateness), in the same paged model as
the Queue tab. The pane beside the list says in words what each flag of the selected
dossier stands for, read in the background. The supervisor approves it, returns it to the
officer with a note, or escalates it with a note: the decision is written to the store on an
Op (review row, audit entry and an outbox entry in one commit), the list is asked again
(an approved dossier leaves "To review") and ``review_recorded`` lets the window ask the
sync worker to send it now.
"""

from __future__ import annotations

import dataclasses
import html
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.dossier import Dossier
from desk_app.core.fees import FeeKind, FeeRecord
from desk_app.core.queue_query import QueueQuery, QueueSort, ReviewScope
from desk_app.core.review import (
    ALL_FLAGS,
    REVIEW_NOTE_MAX,
    REVIEW_NOTE_MIN,
    Review,
    ReviewAction,
    ReviewFlag,
    new_review,
)
from desk_app.store import DeskStore
from desk_app.store.records import HELD, OutboxEntry, PrintRecord, QueueRow

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..labels import format_money, format_moment, status_name
from ..ops import Op
from ..outbox_model import kind_name, problem_text
from ..portrait_rule_names import rule_names
from ..session import DeskServices, DeskSession
from .flag_names import action_name, flag_name, flags_in_order, form_name
from .paged_queue_model import PagedQueueModel
from .queue_view import buddy, make_queue_table

# What each choice of the scope box asks the store: a review state, and flags (0: any).
SCOPES: tuple[tuple[str, ReviewScope, int], ...] = (
    (QT_TRANSLATE_NOOP("ReviewTab", "To review"), ReviewScope.TO_REVIEW, 0),
    (QT_TRANSLATE_NOOP("ReviewTab", "Escalated"), ReviewScope.ESCALATED, 0),
    (QT_TRANSLATE_NOOP("ReviewTab", "Returned"), ReviewScope.RETURNED, 0),
    (QT_TRANSLATE_NOOP("ReviewTab", "All flagged"), ReviewScope.ANY, int(ALL_FLAGS)),
)


@dataclasses.dataclass(frozen=True)
class ReviewDetail:
    """What the pane shows about one dossier, read together off the UI thread."""

    record: QueueRow
    dossier: Dossier
    reprints: list[PrintRecord]
    refunds: list[FeeRecord]
    held: list[OutboxEntry]
    reviews: list[Review]


def load_detail(store: DeskStore, record: QueueRow) -> ReviewDetail:
    client_id = record.client_id
    return ReviewDetail(
        record=record,
        dossier=store.get_dossier(client_id),
        reprints=[p for p in store.prints(client_id) if p.reprint_reason],
        refunds=[f for f in store.fee_records(client_id) if f.kind is FeeKind.REFUND],
        # Held entries are few (each one waits for a supervisor), so they are read whole.
        held=[e for e in store.outbox_entries((HELD,)) if e.client_id == client_id],
        reviews=store.reviews(client_id),
    )


class ReviewNoteDialog(QDialog):
    """Asks the note a return or an escalation needs; OK only once it is long enough."""

    def __init__(self, title: str, prompt: str, accept_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewNoteDialog")
        self.setWindowTitle(title)
        intro = QLabel(prompt, self)
        intro.setWordWrap(True)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("reviewNoteEdit")
        self.note_edit.setTabChangesFocus(True)
        hint = QLabel(self.tr("From {least} to {most} characters.").format(least=REVIEW_NOTE_MIN, most=REVIEW_NOTE_MAX),
                      self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(accept_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(buddy(self.tr("&Note:"), self.note_edit, self))
        layout.addWidget(self.note_edit)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.note_edit.textChanged.connect(self._check)
        self._check()
        self.resize(460, 260)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def _check(self) -> None:
        self.ok_button.setEnabled(REVIEW_NOTE_MIN <= len(self.note()) <= REVIEW_NOTE_MAX)


class ReviewTab(QWidget):
    review_recorded = Signal(str)     # client_id: a decision is in the store and its outbox
    detail_shown = Signal(str)        # client_id: the pane shows this dossier

    def __init__(self, services: DeskServices, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTab")
        assert services.store is not None, "the supervisor's review reads the desk store"
        self.services = services
        self.session = session
        self.store = services.store
        # The most pressing first: what falls due soonest (or is the most overdue).
        first = QueueQuery(review=ReviewScope.TO_REVIEW, sort=QueueSort.DUE, descending=False)
        self.model = PagedQueueModel(self.store, first, clock=services.clock, with_review=True, parent=self)
        self.note_dialog: ReviewNoteDialog | None = None
        self._keep_row = 0
        self._detail_client: str | None = None
        self._recording = False

        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("scopeCombo")
        for text, _scope, _flags in SCOPES:
            self.scope_combo.addItem(QCoreApplication.translate("ReviewTab", text))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("reviewCountLabel")
        self.view = make_queue_table(self.model, self)
        self.view.setObjectName("reviewView")
        # What the rules raised and what was decided come right after the code here.
        header = self.view.horizontalHeader()
        header.moveSection(header.visualIndex(PagedQueueModel.COLUMN_FLAGS), 1)
        header.moveSection(header.visualIndex(PagedQueueModel.COLUMN_REVIEW), 2)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("reviewDetail")
        self.detail.setOpenLinks(False)
        self.approve_button = QPushButton(self.tr("&Approve"), self)
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setToolTip(self.tr("The flags shown are in order (Ctrl+Enter)"))
        self.return_button = QPushButton(self.tr("Re&turn to officer…"), self)
        self.return_button.setObjectName("returnButton")
        self.return_button.setToolTip(self.tr("Send the dossier back to its officer with a note (Ctrl+R)"))
        self.escalate_button = QPushButton(self.tr("&Escalate…"), self)
        self.escalate_button.setObjectName("escalateButton")
        self.escalate_button.setToolTip(self.tr("Pass the dossier to the head of the centre with a note (Ctrl+E)"))
        for button in (self.approve_button, self.return_button, self.escalate_button):
            button.setAutoDefault(False)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("reviewMessageLabel")
        self.message_label.setWordWrap(True)
        clear_message(self.message_label)

        top = QHBoxLayout()
        top.addWidget(buddy(self.tr("Sh&ow:"), self.scope_combo, self))
        top.addWidget(self.scope_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(buddy(self.tr("Doss&iers:"), self.view, left))
        left_layout.addWidget(self.view, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(buddy(self.tr("&Flags of the selected dossier:"), self.detail, right))
        right_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.return_button, self.escalate_button):
            buttons.addWidget(button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(splitter, 1)
        for first_control, second in ((self.scope_combo, self.view), (self.view, self.detail),
                                      (self.detail, self.approve_button), (self.approve_button, self.return_button),
                                      (self.return_button, self.escalate_button)):
            QWidget.setTabOrder(first_control, second)

        self.scope_combo.currentIndexChanged.connect(self._scope_changed)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.count_changed.connect(self._counted)
        self.model.rows_loaded.connect(self._rows_loaded)
        self.model.failed.connect(self._show_failure)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_to_officer)
        self.escalate_button.clicked.connect(self.escalate)
        for keys, slot in (("Ctrl+Return", self.approve), ("Ctrl+Enter", self.approve),
                           ("Ctrl+R", self.return_to_officer), ("Ctrl+E", self.escalate),
                           (QKeySequence.StandardKey.Refresh, self.refresh)):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._clear_detail()

    # ------------------------------------------------------------------ life

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        # The window focuses the tab it shows: the list, where the decision keys work. Not
        # a focus proxy: Tab would then go from the last control to the proxy instead of
        # the first.
        super().focusInEvent(event)
        self.view.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.model.started:
            self.model.refresh()

    def refresh(self) -> None:
        """Ask again (after a sync pass: new flags, or another supervisor's decisions)."""
        if self.model.started:
            self.model.refresh()

    def _scope_changed(self, index: int) -> None:
        _text, scope, flags = SCOPES[index]
        self._keep_row = 0
        self.model.set_query(dataclasses.replace(self.model.query, review=scope, flags=flags))

    # ------------------------------------------------------------------ the list

    def _counted(self, count: int) -> None:
        self.count_label.setText(self.tr("{n} dossiers").format(n=count))
        self.count_label.setProperty("count", count)
        if count == 0:
            self._clear_detail()
            return
        # The row the supervisor stood on: after a decision, the next dossier has moved up to it.
        self.view.selectRow(min(self._keep_row, count - 1))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._keep_row = current.row()
        self._load_detail()

    def _rows_loaded(self, first: int, last: int) -> None:
        row = self.current_row()
        if row is not None and first <= row <= last and self.model.client_id(row) != self._detail_client:
            self._load_detail()

    def current_row(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def selected_record(self) -> QueueRow | None:
        row = self.current_row()
        return None if row is None else self.model.row_record(row)


    # ------------------------------------------------------------------ the pane

    def _load_detail(self) -> None:
        record = self.selected_record()
        if record is None:
            self._clear_detail(loading=self.current_row() is not None)
            return
        self._detail_client = record.client_id
        self._update_buttons()
        store = self.store
        Op(lambda: load_detail(store, record), parent=self).success(self._detail_loaded).failure(
            lambda error: self._detail_failed(record.client_id, error)).run()

    def _detail_loaded(self, detail: ReviewDetail) -> None:
        selected = self.selected_record()
        if selected is None or selected.client_id != detail.record.client_id:
            return  # the selection moved on while this was read
        self.detail.setHtml(self.detail_html(detail, self.services.clock()))
        self.detail.setProperty("client_id", detail.record.client_id)
        self.detail_shown.emit(detail.record.client_id)

    def _detail_failed(self, client_id: str, error: Exception) -> None:
        selected = self.selected_record()
        if selected is not None and selected.client_id == client_id:
            self.detail.setPlainText(self.tr("The dossier's details could not be read: {reason}").format(
                reason=error_text(error)))

    def _clear_detail(self, *, loading: bool = False) -> None:
        self._detail_client = None
        self.detail.setProperty("client_id", None)
        self.detail.setPlainText(self.tr("Loading…") if loading else self.tr("Select a dossier to see its flags."))
        self._update_buttons()

    def detail_html(self, detail: ReviewDetail, now: datetime) -> str:
        record = detail.record
        e = html.escape
        parts = [
            f"<h3>{e(record.code)}</h3>",
            "<p>" + e(self.tr("{citizen} · {procedure}").format(citizen=record.applicant_name,
                                                                    procedure=record.procedure_name)) + "<br>",
            e(self.tr("Officer {officer} at desk {desk} · {status}").format(
                officer=record.officer_username, desk=record.desk_id, status=status_name(record.status))) + "</p>",
            "<ul>",
        ]
        new_flags = record.flags & ~record.reviewed_flags
        for flag in flags_in_order(record.flags):
            lines = self._flag_lines(flag, detail, now)
            seen = "" if new_flags & flag else " " + self.tr("(seen at the last review)")
            parts.append(f"<li><b>{e(flag_name(flag).capitalize())}</b>{e(seen)}")
            if lines:
                parts.append("<br>" + "<br>".join(e(line) for line in lines))
            parts.append("</li>")
        parts.append("</ul>")
        reviews = self._review_lines(detail)
        if reviews:
            parts.append("<p><b>" + e(self.tr("Earlier reviews")) + "</b><br>"
                         + "<br>".join(e(line) for line in reviews) + "</p>")
        return "".join(parts)

    def _flag_lines(self, flag: ReviewFlag, detail: ReviewDetail, now: datetime) -> list[str]:
        dossier, record = detail.dossier, detail.record
        if flag == ReviewFlag.PHOTO_EXCEPTION:
            exception = dossier.portrait_exception
            if exception is None:
                return []
            return [self.tr("Photo accepted although it fails: {rules}.").format(rules=rule_names(exception.rules)),
                    self.tr("Reason: {reason} (accepted by {who})").format(reason=exception.reason,
                                                                         who=exception.accepted_by)]
        if flag == ReviewFlag.VALIDATION_OVERRIDE:
            lines = []
            for override in dossier.validation_overrides:
                documents = "; ".join(override.documents)
                if override.rule == "documents_short":
                    lines.append(self.tr("Accepted with fewer copies than the procedure asks: {documents} "
                                         "(accepted by {who})").format(documents=documents, who=override.accepted_by))
                else:
                    lines.append(self.tr("Rule {rule} set aside for: {documents} (by {who})").format(
                        rule=override.rule, documents=documents, who=override.accepted_by))
            return lines
        if flag == ReviewFlag.REPRINT:
            if not detail.reprints:
                return [self.tr("Printed again at another desk of the site.")]
            return [self.tr("{form} printed again {when} by {officer}: {reason}").format(
                form=form_name(p.kind), when=format_moment(p.at), officer=p.officer_username,
                reason=p.reprint_reason or "")
                for p in detail.reprints]
        if flag == ReviewFlag.REFUND:
            if not detail.refunds:
                return [self.tr("Refunded at another desk of the site.")]
            return [self.tr("{amount} refunded {when} by {officer}: {reason}").format(
                amount=format_money(f.amount), when=format_moment(f.recorded_at), officer=f.officer_username,
                reason=f.reason or "") for f in detail.refunds]
        if flag == ReviewFlag.SYNC_HELD:
            return [self.tr("{what} held: {reason}").format(what=kind_name(entry.kind), reason=problem_text(entry))
                    for entry in detail.held]
        if flag == ReviewFlag.LATE:
            days = (now.date() - record.due_at.astimezone(now.tzinfo).date()).days
            if days <= 0:
                return [self.tr("Due {due}: the time has passed.").format(due=format_moment(record.due_at))]
            return [self.tr("Due {due}: {days} day(s) late.").format(due=format_moment(record.due_at), days=days)]
        return []

    def _review_lines(self, detail: ReviewDetail) -> list[str]:
        lines = []
        for review in detail.reviews:
            line = self.tr("{action} by {who}, {when}").format(action=action_name(review.action), who=review.actor,
                                                               when=format_moment(review.at))
            lines.append(f"{line}: {review.note}" if review.note else line)
        record = detail.record
        if not detail.reviews and record.review_action:
            # A decision taken at another desk reaches this one through the central feed only.
            line = self.tr("{action} by {who}, {when}").format(action=action_name(record.review_action),
                                                               who=record.reviewed_by or "",
                                                               when=format_moment(record.reviewed_at))
            lines.append(f"{line}: {record.review_note}" if record.review_note else line)
        return lines

    # ------------------------------------------------------------------ decisions

    def approve(self) -> None:
        self._decide(ReviewAction.APPROVE, None)

    def return_to_officer(self) -> None:
        self._ask_note(ReviewAction.RETURN, self.tr("Return to the officer"),
                       self.tr("What should the officer put right?"), self.tr("&Return"))

    def escalate(self) -> None:
        self._ask_note(ReviewAction.ESCALATE, self.tr("Escalate"),
                       self.tr("Why does this dossier need the head of the centre?"), self.tr("&Escalate"))

    def _ask_note(self, action: ReviewAction, title: str, prompt: str, accept_text: str) -> None:
        if not self._can_decide():
            return
        dialog = ReviewNoteDialog(title, prompt, accept_text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._decide(action, dialog.note()))
        dialog.finished.connect(lambda _result: setattr(self, "note_dialog", None))
        self.note_dialog = dialog
        dialog.open()

    def _can_decide(self) -> bool:
        return not self._recording and self.selected_record() is not None

    def _decide(self, action: ReviewAction, note: str | None) -> None:
        record = self.selected_record()
        if self._recording or record is None:
            return
        try:
            review = new_review(record.client_id, action, note, record.flags, self.session.username,
                                self.services.clock())
        except ValueError as exc:
            show_message(self.message_label, str(exc), Tone.ERROR)
            return
        self._recording = True
        self._update_buttons()
        store = self.store
        Op(lambda: store.record_review(review), parent=self).success(
            lambda recorded: self._recorded(record, recorded)).failure(self._not_recorded).run()

    def _recorded(self, record: QueueRow, review: Review) -> None:
        self._recording = False
        show_message(self.message_label, self.tr("{action}: {code}").format(action=action_name(review.action),
                                                                          code=record.code), Tone.OK)
        self.model.refresh()
        self._update_buttons()
        self.review_recorded.emit(record.client_id)

    def _not_recorded(self, error: Exception) -> None:
        self._recording = False
        self._update_buttons()
        show_message(self.message_label, self.tr("The decision was not recorded: {reason}").format(
            reason=error_text(error)), Tone.ERROR)

    def _update_buttons(self) -> None:
        can = self._can_decide()
        for button in (self.approve_button, self.return_button, self.escalate_button):
            button.setEnabled(can)

    def _show_failure(self, error: object) -> None:
        text = error_text(error) if isinstance(error, BaseException) else str(error)
        show_message(self.message_label, self.tr("The review list could not be read: {reason}").format(reason=text),
                     Tone.ERROR)
