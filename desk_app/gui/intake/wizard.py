"""IntakeWizard: citizen → procedure → form → documents → portrait → fees → review → save and receipt.

Finish first commits the dossier through ``DeskStore.save_new_dossier`` (write first, then
act), then renders the receipt; both run as background ops so the counter never freezes.
A failed save leaves the wizard open with everything typed still there; saving again
reuses the same client id, so an unclear failure can never make a second dossier.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget, QWizard

from desk_app.core.calendar import CalendarOverride, WorkingCalendar
from desk_app.core.catalogue import Catalogue
from desk_app.core.dossier import Dossier, DossierStatus
from desk_app.core.fees import FeeRecord
from desk_app.core.timeutil import now_vn
from desk_app.documents.page_formats import PaperFormat
from desk_app.core.licences import LICENCE_PREFILLS, DrivingLicence, licence_to_renew
from desk_app.signing_key import ReceiptKey
from desk_app.store import DeskStore, StoredDraft
from desk_app.sync.client import CentralClient, UserInfo

from ..camera import capture_page
from ..camera.choice import CameraChoice, CameraUse
from ..checks_view import UpstreamChecksView
from ..errors import error_text, show_error
from ..feedback import Tone, show_message
from ..ops import Op
from .citizen_lookup import LOOKUP_TIMEOUT_S
from .citizen_page import CitizenPage
from .documents_page import DocumentsPage
from .dossier_forms import FormKind, form_kind, render_form
from .draft import (
    IntakeDraft,
    build_dossier,
    build_payment,
    draft_from_json,
    draft_has_content,
    draft_to_json,
    outcome_matches,
)
from .fees_page import FeesPage
from .form_page import FormPage
from .portrait_page import PortraitPage
from .procedure_page import ProcedurePage
from .review_page import ReviewPage

log = logging.getLogger(__name__)

# How often what is typed is written down: a power cut loses at most this much typing.
AUTOSAVE_MS = 2_000


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
    parked = Signal(str, str)                # (draft_id, citizen's name): kept for later, wizard closed
    draft_kept = Signal()                    # the draft as typed is on disk (after each autosave)
    checks_started = Signal()                # the procedure's upstream checks wait in the store: run them

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
        draft_id: str | None = None,
        cameras: CameraChoice | None = None,
        receipt_key: ReceiptKey | None = None,  # seals the receipt; loaded at start-up, never here
        paper: PaperFormat | str = PaperFormat.A4,  # the desk's paper: the form is laid out for it
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
        # Closing never loses what was typed: the draft is kept, and discarded only from the list
        # of unfinished dossiers. So the button says what it does.
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Par&k for later"))
        self.button(QWizard.WizardButton.CancelButton).setToolTip(
            self.tr("Keep this dossier as it is and serve the next citizen (Esc). "
                    "Resume it from Unfinished dossiers (F7)."))
        self.resize(980, 680)
        self._title = self.windowTitle()

        self.catalogue = catalogue
        self.draft = IntakeDraft()
        self._store = store
        self._user = user
        self._desk_id = desk_id
        self._lookup_url = lookup_url
        self._clock = clock
        self._receipt_key = receipt_key
        self._paper = PaperFormat(paper)
        self._calendar = WorkingCalendar(overrides)
        self._pending: Dossier | None = None
        self._pending_blobs: dict[str, bytes] = {}
        self._pending_fees: list[FeeRecord] = []
        self._saving = False
        self.saved_dossier: Dossier | None = None
        self.receipt_pdf: bytes | None = None
        self.draft_id = draft_id or str(uuid.uuid4())
        self._kept_body: dict | None = None      # what the store holds of this draft
        self._keeping: Op | None = None           # the draft write under way
        self._keep_failed = False
        self._keep_again = False
        self._closing = False
        self._closed = False  # parked and closed: a write queued before must not unpark it
        self._after_keep: Callable[[], None] | None = None

        self.cameras = cameras or CameraChoice()
        self.citizen_page = CitizenPage(self.draft, clock, store=store, central=central, cameras=self.cameras)
        self.procedure_page = ProcedurePage(self.draft, catalogue, procedure_usage or {})
        self.form_page = FormPage(self.draft, places=catalogue.places)
        self.documents_page = DocumentsPage(self.draft, capture_page=self._capture_page)
        self.portrait_page = PortraitPage(self.draft, cameras=self.cameras)
        self.fees_page = FeesPage(self.draft)
        self.review_page = ReviewPage(self.draft, self._calendar, clock, places=catalogue.places)
        self.review_page.outcome_changed.connect(self._outcome_changed)
        # The upstream checks' answers show above the outcome as they arrive; saving never waits.
        self.checks_view = UpstreamChecksView(store, clock, self.review_page)
        self.review_page.ui.pageLayout.insertWidget(1, self.checks_view)
        self._checks_for: tuple[str, tuple[str, ...]] | None = None
        self._central = central
        self._licences_for: str | None = None
        # Asked only when some procedure fills a field from the licence register.
        self._wants_licences = any(f.prefill in LICENCE_PREFILLS for p in catalogue.procedures for f in p.fields)
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
        self._shown_page = self.PAGE_CITIZEN
        self.currentIdChanged.connect(self._page_changed)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.keep_draft)
        self.autosave_timer.start()

    def _capture_page(self, parent: QWidget) -> bytes | None:
        """A page photographed with the desk camera that looks down at the papers."""
        return capture_page(parent, self.cameras.preferred(CameraUse.PAGE),
                            remember_camera=lambda camera_id: self.cameras.chosen(CameraUse.PAGE, camera_id))

    def _page_changed(self, page_id: int) -> None:
        if page_id != self.PAGE_REVIEW:
            # Something may change before Finish: the next save is a new dossier.
            self._pending = None
        # Back leaves a page without checking it: what was typed there is taken as it stands.
        # (Next has just checked it and written it down, normalised: that must stay.)
        left = self.page(self._shown_page)
        if left is not None and page_id < self._shown_page:
            left.collect()
        self._shown_page = page_id
        if page_id >= self.PAGE_PROCEDURE:
            self._ask_licences()
        if page_id >= self.PAGE_FORM:
            self._start_checks()
        if page_id == self.PAGE_REVIEW:
            self.checks_view.show_for(self.draft_id)
        self.keep_draft()

    def _start_checks(self) -> None:
        """Once the citizen and the procedure are known, its checks are asked in the background;
        a changed citizen or procedure replaces them (the store keeps one set per draft)."""
        procedure, cccd = self.draft.procedure, self.draft.citizen.cccd
        if procedure is None or not cccd:
            return
        wanted = (cccd, tuple(c.value for c in procedure.checks))
        if wanted == self._checks_for:
            return
        self._checks_for = wanted
        store, draft_id, name = self._store, self.draft_id, self.draft.citizen.full_name
        Op(lambda: store.start_checks(procedure.checks, cccd, draft_id, citizen_name=name), parent=self).success(
            lambda _ids: self.checks_started.emit()).failure(self._checks_not_started).run()

    def _ask_licences(self) -> None:
        """While the officer picks the procedure, the licence register is asked for the citizen's
        licence, so a renewal's form comes filled in; no answer leaves the fields to type."""
        central, cccd = self._central, self.draft.citizen.cccd
        if central is None or not self._wants_licences or not cccd or cccd == self._licences_for:
            return
        self._licences_for = cccd
        self.draft.licence = None

        def ask() -> list[DrivingLicence]:
            with central.courier(LOOKUP_TIMEOUT_S) as courier:  # the session's own is the sync thread's
                return courier.driving_licences(cccd)

        Op(ask, parent=self).success(lambda held: self._licences_found(cccd, held)).failure(
            lambda error: log.info("licence register not asked: %s", type(error).__name__)).run()

    def _licences_found(self, cccd: str, held: list[DrivingLicence]) -> None:
        if cccd != self.draft.citizen.cccd:
            return  # the officer has moved on to another citizen
        self.draft.licence = licence_to_renew(held)
        if self.currentId() == self.PAGE_FORM:
            self.form_page.apply_prefill()

    def _checks_not_started(self, error: Exception) -> None:
        self._checks_for = None  # tried again on the next step
        log.warning("upstream checks not started: %s", error)

    # ------------------------------------------------------------------ the draft, kept as typed

    def _collect(self) -> None:
        page = self.currentPage()
        if page is not None:
            page.collect()

    def keep_draft(self, *, parked: bool = False) -> Op | None:
        """Write the draft down when it changed since the last write (never two writes at once)."""
        if self._saving or self.saved_dossier is not None or self._closed:
            return None
        if self._keeping is not None and not self._keeping.done:
            self._keep_again = True  # what changed meanwhile is written when this write is done
            return self._keeping
        self._keep_again = False
        self._collect()
        draft = self.draft
        if not draft_has_content(draft):
            return None
        body = draft_to_json(draft, max(self.currentId(), 0))
        body["parked"] = parked
        if body == self._kept_body and not self._keep_failed:
            return None
        store, draft_id, user = self._store, self.draft_id, self._user.username
        name, code = draft.citizen.full_name, draft.procedure.code if draft.procedure else None
        portrait = draft.portrait.jpeg if draft.portrait is not None else None
        scans = [scan.data for scans in draft.scans.values() for scan in scans]
        self._keeping = (
            Op(lambda: store.save_draft(draft_id, officer_username=user, citizen_name=name, procedure_code=code,
                                        body=body, portrait=portrait, parked=parked, attachments=scans), parent=self)
            .success(lambda _none: self._kept(body))
            .failure(self._keep_failed_with)
            .run()
        )
        return self._keeping

    def _kept(self, body: dict) -> None:
        self._kept_body = body
        self._keep_failed = False
        if self._keep_again and self._after_keep is None:
            QTimer.singleShot(0, self.keep_draft)
        self.setWindowTitle(self.tr("{title} — draft kept at {time}").format(
            title=self._title, time=self._clock().strftime("%H:%M:%S")))
        self.draft_kept.emit()
        self._run_after_keep()

    def _keep_failed_with(self, error: Exception) -> None:
        first = not self._keep_failed
        self._keep_failed = True
        self.setWindowTitle(self.tr("{title} — the draft could not be kept").format(title=self._title))
        log.warning("draft %s not kept: %s", self.draft_id, error)
        if self._closing:
            self._closing = False
            self._after_keep = None
            self.autosave_timer.start()  # it stays open: keep writing what is typed
            show_error(self, error, self.tr("This dossier could not be parked; it stays open"))
            return
        if first:
            # Said once, not every two seconds: the officer can go on and save the dossier itself.
            show_error(self, error, self.tr("What is typed here could not be kept as a draft"))
        self._run_after_keep()

    def _run_after_keep(self) -> None:
        then, self._after_keep = self._after_keep, None
        if then is not None:
            then()

    def _when_kept(self, then: Callable[[], None]) -> None:
        """Run ``then`` once no draft write is under way, so no write lands after it."""
        if self._keeping is not None and not self._keeping.done:
            self._after_keep = then
        else:
            then()

    def resume(self, stored: StoredDraft) -> None:
        """Bring back a draft: each step is filled and checked again, as if the officer pressed
        Next, up to the step it was left on; a step that no longer passes stops there and says why."""
        procedures = {p.code: p for p in self.catalogue.procedures}
        restored, page = draft_from_json(stored.body, procedures, stored.portrait, stored.attachments)
        for name in restored.__dataclass_fields__:
            setattr(self.draft, name, getattr(restored, name))  # the pages hold this very object
        self.draft_id = stored.draft_id
        self._kept_body = None
        self.citizen_page.show_citizen()
        while self.currentId() < min(page, self.PAGE_REVIEW):
            here = self.currentPage()
            if not here.isComplete():
                break
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

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
        draft_id = self.draft_id
        # The seal signs the code, which the store chooses inside its transaction.
        seal = self._receipt_key.seal_dossier if self._receipt_key is not None else None
        self._set_saving(True)
        show_message(self.review_page.ui.reviewMessageLabel, self.tr("Saving the dossier…"), Tone.INFO)

        def save() -> None:
            # The draft goes in the same commit as the dossier it became.
            Op(lambda: store.save_new_dossier(dossier, blobs, fees=fees, draft_id=draft_id, seal=seal),
               parent=self).success(
                self._saved).failure(self._save_failed).with_progress(self.tr("Saving the dossier…")).run()

        self._when_kept(save)  # a draft write landing after the save would bring the draft back

    def reject(self) -> None:
        """Esc or "Park for later": the draft is kept (parked) and the wizard closes once it is on disk."""
        if self._saving or self._closing:
            return  # closing now would hide whether the dossier was saved
        self._collect()
        if not draft_has_content(self.draft):
            self._closed = True
            self.autosave_timer.stop()
            super().reject()
            return
        self._closing = True
        self._when_kept(self._park)

    def _park(self) -> None:
        self.autosave_timer.stop()
        self._kept_body = None  # written again with the parked mark, even if nothing else changed
        op = self.keep_draft(parked=True)
        if op is None:
            self._closed_parked()
        else:
            self._after_keep = self._closed_parked

    def _closed_parked(self) -> None:
        if not self._closing:
            return  # the write failed: the wizard stays open and says so
        self._closing = False
        self._closed = True
        self.autosave_timer.stop()
        self.parked.emit(self.draft_id, self.draft.citizen.full_name)
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
        self.autosave_timer.stop()
        log.info("dossier saved: %s (%s), status %d", saved.code, saved.procedure_code, saved.status)
        self.saved_dossier = saved
        self.dossier_saved.emit(saved)
        procedure = self.draft.procedure
        assert procedure is not None  # Finish is reachable only with a procedure chosen
        user, lookup_url, signer, paper = self._user, self._lookup_url, self._receipt_key, self._paper
        # The stored status decides the form: after an unclear failure it is what was saved.
        kind = form_kind(saved.status)
        if kind is FormKind.REFUSAL:
            preparing = self.tr("Saved with code {code}. Preparing the refusal…")
        elif kind is FormKind.SUPPLEMENT:
            preparing = self.tr("Saved with code {code}. Preparing the supplement request…")
        else:
            preparing = self.tr("Saved with code {code}. Preparing the receipt…")
        render = lambda: render_form(saved, procedure, user, lookup_url, paper=paper, signer=signer)  # noqa: E731
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
