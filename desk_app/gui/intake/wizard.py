"""IntakeWizard: citizen → procedure → form → documents → portrait → fees → review → save and receipt.

Finish first commits the dossier through ``DeskStore.save_new_dossier`` (write first, then
act), then renders the receipt; both run as background ops so the counter never freezes.
A failed save leaves the wizard open with everything typed still there; saving again
reuses the same client id, so an unclear failure can never make a second dossier.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from desk_app.core.calendar import CalendarOverride, WorkingCalendar
from desk_app.core.catalogue import Catalogue
from desk_app.core.dossier import Dossier, DossierStatus
from desk_app.core.fees import FeeRecord
from desk_app.core.timeutil import now_vn
from desk_app.documents.receipt import render_receipt
from desk_app.documents.refusal import render_refusal
from desk_app.documents.supplement import render_supplement
from desk_app.store import DeskStore
from desk_app.sync.client import CentralClient, UserInfo

from ..errors import error_text
from ..feedback import Tone, show_message
from ..ops import Op
from .citizen_page import CitizenPage
from .documents_page import DocumentsPage
from .draft import (
    IntakeDraft,
    build_dossier,
    build_payment,
    build_receipt,
    build_refusal,
    build_supplement,
    outcome_matches,
)
from .fees_page import FeesPage
from .form_page import FormPage
from .portrait_page import PortraitPage
from .procedure_page import ProcedurePage
from .review_page import ReviewPage

log = logging.getLogger(__name__)


class IntakeWizard(QWizard):
    PAGE_CITIZEN = 0
    PAGE_PROCEDURE = 1
    PAGE_FORM = 2
    PAGE_DOCUMENTS = 3
    PAGE_PORTRAIT = 4
    PAGE_FEES = 5
    PAGE_REVIEW = 6

    dossier_saved = Signal(object)          # Dossier, with its code, once committed
    # (Dossier, PDF bytes): the form the saved dossier's status calls for, the receipt
    # (Mẫu 01), the supplement request (Mẫu 02) or the refusal (Mẫu 03).
    receipt_ready = Signal(object, bytes)
    receipt_failed = Signal(object, object)  # (Dossier, exception): saved, but no form printed

    def __init__(
        self,
        *,
        catalogue: Catalogue,
        overrides: Sequence[CalendarOverride],
        store: DeskStore,
        procedure_usage: Mapping[str, int] | None = None,
        user: UserInfo,
        desk_id: str,
        lookup_url: str,
        clock: Callable[[], datetime] = now_vn,
        central: CentralClient | None = None,  # the session's client: the citizen step asks the register
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IntakeWizard")
        self.setWindowTitle(self.tr("Receive a dossier"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Save and print receipt"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.resize(980, 680)

        self.catalogue = catalogue
        self.draft = IntakeDraft()
        self._store = store
        self._user = user
        self._desk_id = desk_id
        self._lookup_url = lookup_url
        self._clock = clock
        self._calendar = WorkingCalendar(overrides)
        self._pending: Dossier | None = None
        self._pending_blobs: dict[str, bytes] = {}
        self._pending_fees: list[FeeRecord] = []
        self._saving = False
        self.saved_dossier: Dossier | None = None
        self.receipt_pdf: bytes | None = None

        self.citizen_page = CitizenPage(self.draft, clock, store=store, central=central)
        self.procedure_page = ProcedurePage(self.draft, catalogue, procedure_usage or {})
        self.form_page = FormPage(self.draft)
        self.documents_page = DocumentsPage(self.draft)
        self.portrait_page = PortraitPage(self.draft)
        self.fees_page = FeesPage(self.draft)
        self.review_page = ReviewPage(self.draft, self._calendar, clock)
        self.review_page.outcome_changed.connect(self._outcome_changed)
        for page_id, page in (
            (self.PAGE_CITIZEN, self.citizen_page),
            (self.PAGE_PROCEDURE, self.procedure_page),
            (self.PAGE_FORM, self.form_page),
            (self.PAGE_DOCUMENTS, self.documents_page),
            (self.PAGE_PORTRAIT, self.portrait_page),
            (self.PAGE_FEES, self.fees_page),
            (self.PAGE_REVIEW, self.review_page),
        ):
            self.setPage(page_id, page)
        self.currentIdChanged.connect(self._page_changed)

    def _page_changed(self, page_id: int) -> None:
        if page_id != self.PAGE_REVIEW:
            # Something may change before Finish: the next save is a new dossier.
            self._pending = None

    # ------------------------------------------------------------------ finish: save, then receipt

    @property
    def saving(self) -> bool:
        return self._saving

    def take_scan(self, text: str) -> None:
        """A card scanned anywhere in the desk (``gui.scanner_input``): the citizen step, filled from it."""
        if self._saving:
            return  # the save under way decides what this dossier is; the officer scans again after
        self.citizen_page.take_scan(text)

    def _outcome_changed(self, outcome: DossierStatus) -> None:
        if outcome is DossierStatus.SUPPLEMENT_REQUESTED:
            text = self.tr("&Save and print the supplement request")
        elif outcome is DossierStatus.REFUSED:
            text = self.tr("&Save and print the refusal")
        else:
            text = self.tr("&Save and print receipt")
        self.setButtonText(QWizard.WizardButton.FinishButton, text)

    def accept(self) -> None:
        if self._saving:
            return
        pending = self._pending
        if pending is None or not outcome_matches(pending, self.draft):
            # Another outcome chosen after a failed save keeps the client id: if that save did
            # commit after all, the store hands back what it holds instead of a second dossier.
            dossier, blobs = build_dossier(
                self.draft,
                catalogue_version=self.catalogue.version,
                user=self._user,
                desk_id=self._desk_id,
                received_at=self._clock(),
                calendar=self._calendar,
                client_id=pending.client_id if pending is not None else None,
                consent_text=self.review_page.consent_text(),
            )
            payment = build_payment(self.draft, dossier, recorded_at=dossier.received_at)
            self._pending = dossier
            self._pending_blobs = blobs
            # Made once with the dossier, so saving again after a failure reuses its fee_id.
            self._pending_fees = [payment] if payment is not None else []
        dossier, blobs, fees, store = self._pending, self._pending_blobs, self._pending_fees, self._store
        self._set_saving(True)
        show_message(self.review_page.ui.reviewMessageLabel, self.tr("Saving the dossier…"), Tone.INFO)
        Op(lambda: store.save_new_dossier(dossier, blobs, fees=fees), parent=self).success(self._saved).failure(
            self._save_failed
        ).with_progress(self.tr("Saving the dossier…")).run()

    def reject(self) -> None:
        if self._saving:
            return  # closing now would hide whether the dossier was saved
        super().reject()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for button in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(button).setEnabled(not saving)

    def _save_failed(self, error: Exception) -> None:
        self._set_saving(False)
        show_message(
            self.review_page.ui.reviewMessageLabel,
            self.tr("The dossier was not saved: {reason} Press Save again when the problem is solved.").format(reason=error_text(error)),
            Tone.ERROR,
        )

    def _saved(self, saved: Dossier) -> None:
        log.info("dossier saved: %s (%s), status %d", saved.code, saved.procedure_code, saved.status)
        self.saved_dossier = saved
        self.dossier_saved.emit(saved)
        procedure = self.draft.procedure
        assert procedure is not None  # Finish is reachable only with a procedure chosen
        user, lookup_url = self._user, self._lookup_url
        # The stored status decides the form: after an unclear failure it is what was saved.
        if saved.status is DossierStatus.REFUSED:
            preparing = self.tr("Saved with code {code}. Preparing the refusal…")
            render = lambda: render_refusal(build_refusal(saved, procedure, user))  # noqa: E731
        elif saved.status is DossierStatus.SUPPLEMENT_REQUESTED:
            preparing = self.tr("Saved with code {code}. Preparing the supplement request…")
            render = lambda: render_supplement(build_supplement(saved, procedure, user))  # noqa: E731
        else:
            preparing = self.tr("Saved with code {code}. Preparing the receipt…")
            render = lambda: render_receipt(build_receipt(saved, procedure, user, lookup_url))  # noqa: E731
        text = preparing.format(code=saved.code)
        show_message(self.review_page.ui.reviewMessageLabel, text, Tone.OK)
        Op(render, parent=self).success(self._rendered).failure(self._render_failed).with_progress(text).run()

    def _rendered(self, pdf: bytes) -> None:
        self.receipt_pdf = pdf
        self._set_saving(False)
        assert self.saved_dossier is not None
        self.receipt_ready.emit(self.saved_dossier, pdf)
        super().accept()

    def _render_failed(self, error: Exception) -> None:
        self._set_saving(False)
        assert self.saved_dossier is not None
        self.receipt_failed.emit(self.saved_dossier, error)
        super().accept()
