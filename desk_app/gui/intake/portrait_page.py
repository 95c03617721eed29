"""Page 5: the citizen's portrait, normalised to the procedure's photo rules."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QWidget, QWizardPage

from desk_app.core.catalogue import PhotoSpec
from desk_app.photo.normalise import NormalisedPhoto, normalise_portrait

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..forms.ui_portrait_page import Ui_PortraitPage
from ..ops import Op
from .draft import IntakeDraft

_IMAGE_FILTER = "*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff"


def _read_and_normalise(path: Path, spec: PhotoSpec) -> NormalisedPhoto:
    return normalise_portrait(path.read_bytes(), spec)


class PortraitPage(QWizardPage):
    def __init__(self, draft: IntakeDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self.ui = Ui_PortraitPage()
        self.ui.setupUi(self)
        self._busy = False
        self._spec: PhotoSpec | None = None
        clear_message(self.ui.portraitMessageLabel)
        self.ui.chooseFileButton.clicked.connect(self.choose_file)
        self.ui.removePhotoButton.clicked.connect(self.remove_photo)

    def initializePage(self) -> None:
        procedure = self._draft.procedure
        spec = procedure.photo if procedure else None
        if spec != self._spec:
            self._spec = spec
            photo = self._draft.portrait
            if photo is not None and spec is not None and (photo.width, photo.height) == (spec.width_px, spec.height_px):
                self._show_photo(photo)  # a draft brought back, its portrait made for this rule
            else:
                # A different photo rule: a portrait made for the old one does not fit.
                self.remove_photo()
        self.ui.chooseFileButton.setEnabled(spec is not None)
        if spec is None:
            self.ui.specLabel.setText(self.tr("This procedure needs no portrait. Press Next."))
        else:
            self.ui.specLabel.setText(
                self.tr(
                    "Portrait {w}×{h} mm ({wpx}×{hpx} pixels), {background} background, at most {kb} KB. "
                    "The photo is cropped to this shape and resized; check that the face is whole and sharp."
                ).format(
                    w=spec.width_mm, h=spec.height_mm, wpx=spec.width_px, hpx=spec.height_px,
                    background=self._background_name(spec.background), kb=spec.max_bytes // 1000,
                )
            )

    def _background_name(self, background: str) -> str:
        names = {"white": self.tr("white"), "blue": self.tr("blue")}
        return names.get(background, background)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the citizen's portrait"), "", self.tr("Pictures ({patterns})").format(patterns=_IMAGE_FILTER)
        )
        if path:
            self.load_portrait_file(Path(path))

    def load_portrait_file(self, path: Path) -> Op | None:
        """Normalise the picture at ``path`` in the background; the returned Op says when it is done."""
        spec = self._spec
        if spec is None or self._busy:
            return None
        self._busy = True
        self.completeChanged.emit()
        self.ui.chooseFileButton.setEnabled(False)
        show_message(self.ui.portraitMessageLabel, self.tr("Preparing the photo…"), Tone.INFO)
        return (
            Op(lambda: _read_and_normalise(path, spec), parent=self)
            .success(self._photo_ready)
            .failure(self._photo_failed)
            .with_progress(self.tr("Preparing the photo…"))
            .run()
        )

    def collect(self) -> None:
        """Nothing to take: the draft holds the portrait as soon as it is ready."""

    def _photo_ready(self, photo: NormalisedPhoto) -> None:
        self._busy = False
        self._show_photo(photo)
        self.completeChanged.emit()
        # A photo that passed goes on by itself; the review step shows it again before saving.
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            wizard.next()

    def _show_photo(self, photo: NormalisedPhoto) -> None:
        self._draft.portrait = photo
        pixmap = QPixmap()
        pixmap.loadFromData(photo.jpeg, "JPEG")
        label = self.ui.thumbnailLabel
        label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        self.ui.chooseFileButton.setEnabled(True)
        self.ui.removePhotoButton.setEnabled(True)
        show_message(
            self.ui.portraitMessageLabel,
            self.tr("Photo ready: {w}×{h} pixels, {kb} KB.").format(w=photo.width, h=photo.height, kb=max(1, len(photo.jpeg) // 1000)),
            Tone.OK,
        )

    def _photo_failed(self, error: Exception) -> None:
        self._busy = False
        self.ui.chooseFileButton.setEnabled(True)
        # The photo the officer had before (if any) stays: a bad file changes nothing.
        show_message(self.ui.portraitMessageLabel, error_text(error), Tone.ERROR)
        self.completeChanged.emit()

    def remove_photo(self) -> None:
        self._draft.portrait = None
        self.ui.thumbnailLabel.clear()
        self.ui.thumbnailLabel.setText(self.tr("No photo"))
        self.ui.removePhotoButton.setEnabled(False)
        clear_message(self.ui.portraitMessageLabel)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self._busy:
            return False
        return self._spec is None or self._draft.portrait is not None
