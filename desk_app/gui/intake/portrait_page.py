"""Page 5: the citizen's portrait, framed around the face and checked against the photo rules.

The photo comes from the desk camera (F8, with live guidance) or from a file (a phone
picture sent to the desk). ``prepare_portrait`` crops it around the face to the
procedure's size and judges every rule on a worker thread; the page lists the result.
A photo that passes every rule moves the intake on by itself. One that fails a rule is
kept but the step waits: the officer takes it again, or writes why it is used anyway (a
head covering kept for religious reasons, a citizen who cannot face the camera) and the
dossier goes to the supervisor's review with that reason.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QFileDialog, QWidget, QWizardPage

from desk_app.core.catalogue import PhotoSpec
from desk_app.photo.normalise import NormalisedPhoto
from desk_app.photo.portrait import CheckedPortrait, prepare_portrait
from desk_app.photo.rules import PortraitReport

from ..camera import PortraitCaptureDialog
from ..camera.choice import CameraChoice, CameraUse
from ..errors import error_text, message_text
from ..feedback import Tone, clear_message, show_message
from ..forms.ui_portrait_page import Ui_PortraitPage
from ..ops import Op
from ..portrait_rule_names import rule_names
from .draft import IntakeDraft

_IMAGE_FILTER = "*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff"
# A reason shorter than this is not a reason ("ok", "x"); the central API asks the same.
MIN_REASON = 3

class PortraitPage(QWizardPage):
    def __init__(self, draft: IntakeDraft, parent: QWidget | None = None, *,
                 cameras: CameraChoice | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self.cameras = cameras or CameraChoice()
        self.ui = Ui_PortraitPage()
        self.ui.setupUi(self)
        self._busy = False
        self._spec: PhotoSpec | None = None
        self.report: PortraitReport | None = None
        self.camera_dialog: PortraitCaptureDialog | None = None
        clear_message(self.ui.portraitMessageLabel)
        self.ui.rulesLabel.clear()
        self.ui.exceptionPanel.setVisible(False)
        self.ui.cameraButton.clicked.connect(self.take_with_camera)
        self.ui.chooseFileButton.clicked.connect(self.choose_file)
        self.ui.removePhotoButton.clicked.connect(self.remove_photo)
        self.ui.exceptionReasonEdit.textChanged.connect(self._reason_changed)
        QShortcut(QKeySequence("F8"), self, self.take_with_camera)

    def initializePage(self) -> None:
        procedure = self._draft.procedure
        spec = procedure.photo if procedure else None
        if spec != self._spec:
            self._spec = spec
            photo = self._draft.portrait
            if photo is not None and spec is not None and (photo.width, photo.height) == (spec.width_px, spec.height_px):
                self._show_kept_photo(photo)  # a draft brought back, its portrait made for this rule
            else:
                # A different photo rule: a portrait made for the old one does not fit.
                self.remove_photo()
        for button in (self.ui.cameraButton, self.ui.chooseFileButton):
            button.setEnabled(spec is not None and not self._busy)
        if spec is None:
            self.ui.specLabel.setText(self.tr("This procedure needs no portrait. Press Next."))
        else:
            self.ui.specLabel.setText(
                self.tr(
                    "Portrait {w}×{h} mm ({wpx}×{hpx} pixels), {background} background, at most {kb} KB. "
                    "The photo is framed around the face and checked against the rules below."
                ).format(
                    w=spec.width_mm, h=spec.height_mm, wpx=spec.width_px, hpx=spec.height_px,
                    background=self._background_name(spec.background), kb=spec.max_bytes // 1000,
                )
            )

    def _background_name(self, background: str) -> str:
        names = {"white": self.tr("white"), "blue": self.tr("blue")}
        return names.get(background, background)

    # ------------------------------------------------------------------ where the photo comes from

    def take_with_camera(self) -> PortraitCaptureDialog | None:
        """F8: the desk camera, with the rules judged live; the photo taken is then prepared."""
        spec = self._spec
        if spec is None or self._busy:
            return None
        if self.camera_dialog is not None:
            self.camera_dialog.raise_()
            return self.camera_dialog
        dialog = PortraitCaptureDialog(self.wizard() or self, self.cameras.preferred(CameraUse.PORTRAIT), spec)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.jpeg and self.load_portrait_bytes(dialog.jpeg))
        dialog.finished.connect(lambda _result: self._camera_closed(dialog))
        self.camera_dialog = dialog
        dialog.open()
        return dialog

    def _camera_closed(self, dialog: PortraitCaptureDialog) -> None:
        self.cameras.chosen(CameraUse.PORTRAIT, dialog.camera_id)
        self.camera_dialog = None

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the citizen's portrait"), "", self.tr("Pictures ({patterns})").format(patterns=_IMAGE_FILTER)
        )
        if path:
            self.load_portrait_file(Path(path))

    def load_portrait_file(self, path: Path) -> Op | None:
        """Prepare the picture at ``path`` in the background; the returned Op says when it is done."""
        return self._prepare(lambda spec: prepare_portrait(path.read_bytes(), spec))

    def load_portrait_bytes(self, data: bytes) -> Op | None:
        return self._prepare(lambda spec: prepare_portrait(data, spec))

    def _prepare(self, work) -> Op | None:  # noqa: ANN001 - Callable[[PhotoSpec], CheckedPortrait]
        spec = self._spec
        if spec is None or self._busy:
            return None
        self._busy = True
        self.completeChanged.emit()
        self.ui.cameraButton.setEnabled(False)
        self.ui.chooseFileButton.setEnabled(False)
        show_message(self.ui.portraitMessageLabel, self.tr("Preparing the photo…"), Tone.INFO)
        return (
            Op(lambda: work(spec), parent=self)
            .success(self._photo_ready)
            .failure(self._photo_failed)
            .with_progress(self.tr("Preparing the photo…"))
            .run()
        )

    def collect(self) -> None:
        """Nothing to take: the draft holds the portrait and the reason as soon as they change."""

    # ------------------------------------------------------------------ showing it

    def _photo_ready(self, checked: CheckedPortrait) -> None:
        self._busy = False
        self.report = checked.report
        self._draft.portrait_failures = tuple(r.rule.value for r in checked.report.failures)
        self.ui.exceptionReasonEdit.clear()  # a new photo: a reason given for the old one does not carry over
        self._show_photo(checked.photo)
        self._show_report(checked.report)
        self.completeChanged.emit()
        # A photo that passes goes on by itself; the review step shows it again before saving.
        wizard = self.wizard()
        if checked.report.passed and wizard is not None and wizard.currentPage() is self:
            wizard.next()

    def _show_photo(self, photo: NormalisedPhoto) -> None:
        self._draft.portrait = photo
        pixmap = QPixmap()
        pixmap.loadFromData(photo.jpeg, "JPEG")
        label = self.ui.thumbnailLabel
        label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        for button in (self.ui.cameraButton, self.ui.chooseFileButton, self.ui.removePhotoButton):
            button.setEnabled(True)

    def _show_report(self, report: PortraitReport) -> None:
        lines = []
        for result in report.results:
            mark, colour = ("✓", "#2e7d32") if result.passed else ("✗", "#b71c1c")
            lines.append(f'<span style="color:{colour}">{mark}</span> {html.escape(message_text(result))}')
        self.ui.rulesLabel.setText("<br>".join(lines))
        self._show_verdict()

    def _show_kept_photo(self, photo: NormalisedPhoto) -> None:
        self.report = None
        self._show_photo(photo)
        failures = self._draft.portrait_failures
        self.ui.rulesLabel.setText(html.escape(
            self.tr("Fails: {rules}").format(rules=rule_names(failures))) if failures else "")
        self.ui.exceptionReasonEdit.setText(self._draft.portrait_exception_reason)
        self._show_verdict()

    def _show_verdict(self) -> None:
        photo, failures = self._draft.portrait, self._draft.portrait_failures
        self.ui.exceptionPanel.setVisible(photo is not None and bool(failures))
        if photo is None:
            return
        size = self.tr("{w}×{h} pixels, {kb} KB").format(w=photo.width, h=photo.height, kb=max(1, len(photo.jpeg) // 1000))
        if not failures:
            show_message(self.ui.portraitMessageLabel, self.tr("Photo ready: {size}. Every check passes.").format(size=size), Tone.OK)
        elif self._has_reason():
            show_message(self.ui.portraitMessageLabel, self.tr(
                "Photo used against {count} check(s), with the reason given: the supervisor reviews this dossier."
            ).format(count=len(failures)), Tone.INFO)
        else:
            show_message(self.ui.portraitMessageLabel, self.tr(
                "This photo fails {count} check(s) (marked ✗). Take it again, or write why it is used anyway."
            ).format(count=len(failures)), Tone.ERROR)

    def _reason_changed(self, text: str) -> None:
        self._draft.portrait_exception_reason = text.strip()
        self._show_verdict()
        self.completeChanged.emit()

    def _has_reason(self) -> bool:
        return len(self._draft.portrait_exception_reason.strip()) >= MIN_REASON

    def _photo_failed(self, error: Exception) -> None:
        self._busy = False
        self.ui.cameraButton.setEnabled(True)
        self.ui.chooseFileButton.setEnabled(True)
        # The photo the officer had before (if any) stays: a bad file changes nothing.
        show_message(self.ui.portraitMessageLabel, error_text(error), Tone.ERROR)
        self.completeChanged.emit()

    def remove_photo(self) -> None:
        self._draft.portrait = None
        self._draft.portrait_failures = ()
        self.report = None
        self.ui.exceptionReasonEdit.clear()
        self.ui.exceptionPanel.setVisible(False)
        self.ui.rulesLabel.clear()
        self.ui.thumbnailLabel.clear()
        self.ui.thumbnailLabel.setText(self.tr("No photo"))
        self.ui.removePhotoButton.setEnabled(False)
        clear_message(self.ui.portraitMessageLabel)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self._busy:
            return False
        if self._spec is None:
            return True
        if self._draft.portrait is None:
            return False
        return not self._draft.portrait_failures or self._has_reason()
