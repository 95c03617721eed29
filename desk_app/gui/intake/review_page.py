"""Page 6: everything gathered, read back to the citizen, and the desk's decision on it.

The officer accepts the dossier (Mẫu 01 receipt), asks for more documents (Mẫu 02, the
missing ones ticked, with guidance) or refuses it (Mẫu 03, with the reason). Whatever
the outcome, the dossier is saved and sent the same way, and the citizen's consent is
asked for every time: their data is processed in all three cases.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QListWidgetItem, QWidget, QWizardPage

from desk_app.core.calendar import WorkingCalendar
from desk_app.core.catalogue import DeliveryOption, Province
from desk_app.core.dossier import DossierStatus
from desk_app.core.form_values import display_value

from ..feedback import Tone, clear_message, show_message
from ..forms.ui_review_page import Ui_ReviewPage
from ..labels import format_date, format_moment, format_money, payment_method_name
from ..portrait_rule_names import rule_names
from .draft import OUTCOME_NOTE_MAX, IntakeDraft, RequestCandidate, is_requested, request_candidates

_HEADING = "\x00heading"  # a row that starts a section of the summary
_CODE_ROLE = Qt.ItemDataRole.UserRole


_PORTRAIT_HEIGHT = 120


def _e(text: object) -> str:
    return html.escape(str(text))


class ReviewPage(QWizardPage):
    outcome_changed = Signal(object)  # DossierStatus: the wizard names its Finish button after it

    def __init__(
        self,
        draft: IntakeDraft,
        calendar: WorkingCalendar,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        *,
        places: Sequence[Province] = (),
    ) -> None:
        super().__init__(parent)
        self._draft = draft
        self._places = tuple(places)
        self._calendar = calendar
        self._clock = clock
        self._candidates: tuple[RequestCandidate, ...] = ()
        self.ui = ui = Ui_ReviewPage()
        ui.setupUi(self)
        clear_message(ui.reviewMessageLabel)
        clear_message(ui.outcomeMessageLabel)
        self.outcome_buttons = QButtonGroup(self)
        for button, status in (
            (ui.acceptRadio, DossierStatus.ACCEPTED),
            (ui.supplementRadio, DossierStatus.SUPPLEMENT_REQUESTED),
            (ui.refuseRadio, DossierStatus.REFUSED),
        ):
            self.outcome_buttons.addButton(button, int(status))
        self.outcome_buttons.idToggled.connect(self._outcome_toggled)
        ui.consentCheck.toggled.connect(self._consent_toggled)
        ui.requestedList.itemChanged.connect(self._request_ticked)
        ui.supplementNoteEdit.textChanged.connect(self._supplement_note_edited)
        ui.refusalReasonEdit.textChanged.connect(self._refusal_reason_edited)
        self._show_panels()

    def initializePage(self) -> None:
        d = self._draft
        ui = self.ui
        ui.consentCheck.setChecked(d.consent)
        self.outcome_buttons.button(int(d.outcome)).setChecked(True)
        # setPlainText moves the cursor: only when the draft holds other text (a restored draft).
        if ui.supplementNoteEdit.toPlainText() != d.supplement_note:
            ui.supplementNoteEdit.setPlainText(d.supplement_note)
        if ui.refusalReasonEdit.toPlainText() != d.refusal_reason:
            ui.refusalReasonEdit.setPlainText(d.refusal_reason)
        self._fill_requested()
        self._show_panels()
        ui.summaryBrowser.setHtml(self.summary_html())
        clear_message(ui.reviewMessageLabel)
        self._show_outcome_message()

    def collect(self) -> None:
        """Nothing to take: every choice here goes into the draft as it is made."""

    # ------------------------------------------------------------------ the outcome

    @property
    def outcome(self) -> DossierStatus:
        return self._draft.outcome

    def set_outcome(self, outcome: DossierStatus) -> None:
        self.outcome_buttons.button(int(outcome)).setChecked(True)

    def _outcome_toggled(self, button_id: int, checked: bool) -> None:
        if not checked:
            return
        outcome = DossierStatus(button_id)
        changed = outcome is not self._draft.outcome
        self._draft.outcome = outcome
        self._show_panels()
        if changed:
            self.ui.summaryBrowser.setHtml(self.summary_html())
        self._show_outcome_message()
        self.completeChanged.emit()
        self.outcome_changed.emit(outcome)

    def _show_panels(self) -> None:
        outcome = self._draft.outcome
        self.ui.supplementPanel.setVisible(outcome is DossierStatus.SUPPLEMENT_REQUESTED)
        self.ui.refusalPanel.setVisible(outcome is DossierStatus.REFUSED)

    def _fill_requested(self) -> None:
        procedure = self._draft.procedure
        self._candidates = request_candidates(procedure, self._draft.documents) if procedure is not None else ()
        view = self.ui.requestedList
        view.blockSignals(True)
        view.clear()
        for candidate in self._candidates:
            item = QListWidgetItem(self._candidate_text(candidate))
            item.setData(_CODE_ROLE, candidate.code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if is_requested(self._draft, candidate) else Qt.CheckState.Unchecked)
            if candidate.document.note:
                item.setToolTip(candidate.document.note)
            view.addItem(item)
        view.blockSignals(False)

    def _candidate_text(self, candidate: RequestCandidate) -> str:
        d = candidate.document
        counts = ", ".join(
            text.format(n=n) for n, text in (
                (d.originals, self.tr("{n} original(s)")),
                (d.certified_copies, self.tr("{n} certified copy(ies)")),
                (d.photocopies, self.tr("{n} photocopy(ies)")),
            ) if n
        )
        text = f"{d.name} ({counts})" if counts else d.name
        if candidate.missing:
            return text
        if candidate.handed_in:
            return self.tr("{document}: handed in, ask again").format(document=text)
        return self.tr("{document}: optional, not handed in").format(document=text)

    def set_requested(self, code: str, requested: bool) -> None:
        """Tick or untick a document of the supplement request, as the officer does."""
        view = self.ui.requestedList
        for row in range(view.count()):
            item = view.item(row)
            if item.data(_CODE_ROLE) == code:
                item.setCheckState(Qt.CheckState.Checked if requested else Qt.CheckState.Unchecked)
                return
        raise KeyError(code)

    def _request_ticked(self, item: QListWidgetItem) -> None:
        code = item.data(_CODE_ROLE)
        candidate = next((c for c in self._candidates if c.code == code), None)
        if candidate is None:
            return
        ticked = item.checkState() == Qt.CheckState.Checked
        # Only a change from what the documents page implies is kept (see IntakeDraft.request_ticks).
        if ticked == candidate.missing:
            self._draft.request_ticks.pop(code, None)
        else:
            self._draft.request_ticks[code] = ticked
        self._show_outcome_message()
        self.completeChanged.emit()

    def _supplement_note_edited(self) -> None:
        self._draft.supplement_note = self.ui.supplementNoteEdit.toPlainText()
        self._show_outcome_message()
        self.completeChanged.emit()

    def _refusal_reason_edited(self) -> None:
        self._draft.refusal_reason = self.ui.refusalReasonEdit.toPlainText()
        self._show_outcome_message()
        self.completeChanged.emit()

    def consent_text(self) -> str:
        """The consent sentence as the citizen was shown it (in the desk's language), for the record."""
        return self.ui.consentCheck.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()

    def _consent_toggled(self, checked: bool) -> None:
        self._draft.consent = checked
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._draft.consent and self._outcome_problem() is None

    def _outcome_problem(self) -> str | None:
        """Why the chosen outcome cannot be saved yet, in words for the officer; None when it can."""
        d = self._draft
        if d.outcome is DossierStatus.ACCEPTED:
            absent = [c.document.name for c in self._candidates if c.missing and not c.handed_in]
            if absent:
                return self.tr(
                    "Not handed in: {documents}. The dossier cannot be accepted without it: ask for more documents "
                    "or refuse it."
                ).format(documents="; ".join(absent))
            return None
        if d.outcome is DossierStatus.REFUSED:
            text = d.refusal_reason
            if not text.strip():
                return self.tr("Write the reason for the refusal: the citizen is owed it in writing.")
        else:
            text = d.supplement_note
            if not text.strip() and not any(is_requested(d, c) for c in self._candidates):
                return self.tr("Tick the documents to bring or write the guidance: the request must say what to do.")
        if len(text.strip()) > OUTCOME_NOTE_MAX:
            return self.tr("The text is {length} characters long; at most {limit} can be kept. Shorten it.").format(
                length=len(text.strip()), limit=OUTCOME_NOTE_MAX)
        return None

    def _show_outcome_message(self) -> None:
        problem = self._outcome_problem()
        notes = [problem] if problem else []
        d = self._draft
        p = d.procedure
        if d.outcome is DossierStatus.ACCEPTED:
            short = [c.document.name for c in self._candidates if c.missing]
            if short and not problem:
                notes.append(self.tr("Fewer copies were counted than the procedure asks for: {documents}. Accept only "
                                     "if that is enough, or ask for more documents.").format(documents="; ".join(short)))
        elif p is not None and p.fees:
            if d.outcome is DossierStatus.REFUSED:
                notes.append(self.tr("A refused dossier owes no fee."))
            else:
                notes.append(self.tr("No fee is taken now: it is paid when the completed dossier is accepted."))
            if d.fee_collected:
                notes.append(self.tr("The payment marked on the fees page is not recorded."))
        show_message(self.ui.outcomeMessageLabel, " ".join(notes), Tone.ERROR if problem else Tone.INFO)

    # ------------------------------------------------------------------ the summary

    def summary_html(self) -> str:
        d = self._draft
        c = d.citizen
        p = d.procedure
        rows: list[tuple[str, str]] = [
            (_HEADING, self.tr("Citizen")),
            (self.tr("Full name"), _e(c.full_name)),
            (self.tr("CCCD"), _e(c.cccd) + (" " + self.tr("(old ID {cmnd})").format(cmnd=_e(c.cmnd)) if c.cmnd else "")),
            (self.tr("Date of birth"), _e(format_date(c.date_of_birth))),
            (self.tr("Address"), _e(c.address)),
            (self.tr("Phone / email"), _e(" / ".join(x for x in (d.phone, d.email) if x) or "—")),
        ]
        if p is not None:
            rows += [
                (_HEADING, self.tr("Procedure")),
                (self.tr("Name"), f"{_e(p.name)} <small>({_e(p.code)})</small>"),
                (self.tr("Agency"), _e(p.agency_name)),
                (self.tr("Fee"), _e(format_money(p.total_fee)) if p.fees else self.tr("free")),
            ]
            if d.outcome is DossierStatus.ACCEPTED:
                due = self._calendar.due_at(self._clock(), p.processing_days)
                rows.append((
                    self.tr("Result due"),
                    self.tr("{when} (if saved now; {days} working days)").format(when=_e(format_moment(due)), days=p.processing_days),
                ))
            elif d.outcome is DossierStatus.SUPPLEMENT_REQUESTED:
                rows.append((
                    self.tr("Result due"),
                    self.tr("{days} working days from when the completed dossier is accepted").format(days=p.processing_days),
                ))
            else:
                rows.append((self.tr("Result due"), self.tr("none: the dossier is refused")))
            if p.fields:
                rows.append((_HEADING, self.tr("Application form")))
            for f in p.fields:
                rows.append((_e(f.label), _e(display_value(f, d.form_values, self._places)) or "—"))
            rows.append((_HEADING, self.tr("Documents and delivery")))
        documents = "".join(
            "<li>" + self.tr("{name}: {o} original(s), {c} certified copy(ies), {p} photocopy(ies)").format(
                name=_e(doc.name), o=doc.originals, c=doc.certified_copies, p=doc.photocopies
            ) + "</li>"
            for doc in d.documents
        )
        rows.append((self.tr("Documents"), f"<ul style='margin:0'>{documents}</ul>" if documents else "—"))
        rows.append((self.tr("Number of sets"), str(d.sets)))
        if d.delivery is DeliveryOption.POST:
            delivery = self.tr("by post to {address}").format(address=_e(d.delivery_address or ""))
        else:
            delivery = self.tr("at the desk")
        rows.append((self.tr("Result delivered"), delivery))
        if d.portrait is not None:
            # Shown here because a clean photo moves the officer on at once: this is where they see it.
            image = base64.b64encode(d.portrait.jpeg).decode("ascii")
            rows.append((self.tr("Portrait"), f'<img src="data:image/jpeg;base64,{image}" height="{_PORTRAIT_HEIGHT}">'))
            if d.portrait_failures:
                # Read back before saving: the reason goes to the supervisor with the dossier.
                rows.append((self.tr("Photo used despite"),
                             f"<span style='color:#b26a00'>{_e(rule_names(d.portrait_failures))}</span>"))
                rows.append((self.tr("Reason"), _e(d.portrait_exception_reason) or "—"))
                rows.append(("", "<small>" + self.tr("The supervisor reviews this photo.") + "</small>"))
        else:
            rows.append((self.tr("Portrait"), self.tr("none")))
        if p is not None and p.fees:
            if d.outcome is DossierStatus.REFUSED:
                paid = self.tr("none: a refused dossier owes no fee")
            elif d.outcome is DossierStatus.SUPPLEMENT_REQUESTED:
                paid = self.tr("none now: {amount} is paid when the completed dossier is accepted").format(
                    amount=_e(format_money(p.total_fee)))
            elif d.fee_collected:
                paid = self.tr("{amount} paid by {method}, receipt no. {number}").format(
                    amount=_e(format_money(p.total_fee)), method=_e(payment_method_name(d.fee_method)),
                    number=_e(d.fee_receipt_number))
            else:
                paid = self.tr("{amount} to be collected later").format(amount=_e(format_money(p.total_fee)))
            rows.append((self.tr("Payment"), paid))
        body = "".join(
            f"<tr><td colspan='2' style='padding:10px 0 2px 0'><b>{value}</b></td></tr>"
            if label is _HEADING
            else f"<tr><td style='padding:2px 12px 2px 0; color:#455a64'>{label}</td><td style='padding:2px 0'>{value}</td></tr>"
            for label, value in rows
        )
        return f"<table>{body}</table>"
