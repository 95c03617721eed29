"""Page 6: everything gathered, read back to the citizen before saving."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QWidget, QWizardPage

from desk_app.core.calendar import WorkingCalendar
from desk_app.core.catalogue import DeliveryOption

from ..feedback import clear_message
from ..forms.ui_review_page import Ui_ReviewPage
from ..labels import format_date, format_moment, format_money, payment_method_name
from .draft import IntakeDraft


_HEADING = "\x00heading"  # a row that starts a section of the summary


def _e(text: object) -> str:
    return html.escape(str(text))


class ReviewPage(QWizardPage):
    def __init__(
        self,
        draft: IntakeDraft,
        calendar: WorkingCalendar,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._draft = draft
        self._calendar = calendar
        self._clock = clock
        self.ui = Ui_ReviewPage()
        self.ui.setupUi(self)
        clear_message(self.ui.reviewMessageLabel)
        self.ui.consentCheck.toggled.connect(self._consent_toggled)

    def initializePage(self) -> None:
        self.ui.consentCheck.setChecked(self._draft.consent)
        self.ui.summaryBrowser.setHtml(self.summary_html())
        clear_message(self.ui.reviewMessageLabel)

    def _consent_toggled(self, checked: bool) -> None:
        self._draft.consent = checked
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._draft.consent

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
            due = self._calendar.due_at(self._clock(), p.processing_days)
            rows += [
                (_HEADING, self.tr("Procedure")),
                (self.tr("Name"), f"{_e(p.name)} <small>({_e(p.code)})</small>"),
                (self.tr("Agency"), _e(p.agency_name)),
                (self.tr("Fee"), _e(format_money(p.total_fee)) if p.fees else self.tr("free")),
                (
                    self.tr("Result due"),
                    self.tr("{when} (if saved now; {days} working days)").format(when=_e(format_moment(due)), days=p.processing_days),
                ),
            ]
            if p.fields:
                rows.append((_HEADING, self.tr("Application form")))
            for f in p.fields:
                value = d.form_values.get(f.key, "")
                label = next((ch.label for ch in f.choices if ch.value == value), value)
                rows.append((_e(f.label), _e(label) or "—"))
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
        rows.append((self.tr("Portrait"), self.tr("attached") if d.portrait is not None else self.tr("none")))
        if p is not None and p.fees:
            if d.fee_collected:
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
