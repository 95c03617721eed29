"""The scans of the paper documents a citizen hands in, one document at a time.

The officer picks the document (or the page picks it for them with ``set_current``), then
attaches files with the file dialog, drops them from the file manager, or photographs the
page with the desk camera. Each file is checked and prepared by ``desk_app.scans`` on a
background thread, one at a time in the order given, so memory holds one page at a time
however many files are dropped; while that runs a busy bar says what is being prepared.
A refused file is named with the reason in the panel and changes nothing already attached.
The selected scan is previewed, so the officer sees how the camera's page was cut out.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QImageReader,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.catalogue import DocumentRequirement
from desk_app.core.timeutil import now_vn
from desk_app.scans.check import JPEG, PreparedScan, megabytes, prepare_scan, prepare_scan_file

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..ops import Op

log = logging.getLogger(__name__)

CapturePage = Callable[[QWidget], "bytes | None"]

PREVIEW_SIDE = 220
COLUMN_NAME, COLUMN_PAGES, COLUMN_SIZE = range(3)
_SCAN_PATTERNS = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.webp"


@dataclass(frozen=True)
class _Job:
    """One file or camera picture waiting to be prepared for one document."""

    code: str
    name: str
    max_bytes: int
    path: Path | None = None
    data: bytes | None = None

    def run(self) -> PreparedScan:
        if self.path is not None:
            return prepare_scan_file(self.path, max_bytes=self.max_bytes)
        return prepare_scan(self.data or b"", self.name, max_bytes=self.max_bytes)


def _preview_image(data: bytes, side: int) -> QImage:
    """A small copy of a JPEG scan, decoded at reduced size (runs on a worker thread:
    QImage, unlike QPixmap, may be made there)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"jpeg")
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class ScanPanel(QWidget):
    scans_changed = Signal()       # a scan was attached or removed (not on set_scans)
    current_changed = Signal(str)  # the officer picked another document in the panel
    busy_changed = Signal(bool)    # files are being prepared / all are done

    def __init__(self, capture_page: CapturePage | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanPanel")
        self._capture_page = capture_page
        self._requirements: tuple[DocumentRequirement, ...] = ()
        self._scans: dict[str, list[PreparedScan]] = {}
        self._queue: deque[_Job] = deque()
        self._running: _Job | None = None
        self._was_busy = False
        # Bumped when the scans are replaced wholesale: a result prepared for the old set
        # must not land in the new one.
        self._generation = 0
        self._batch_refusals: list[str] = []
        self._batch_added = 0
        self._previews: dict[str, QPixmap] = {}
        self._previews_coming: set[str] = set()
        self._last_folder = ""
        self.setAcceptDrops(True)
        self._build()
        self._refresh_documents()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.document_label = QLabel(self.tr("Doc&ument:"), self)
        self.document_combo = QComboBox(self)
        self.document_combo.setObjectName("scanDocumentCombo")
        self.document_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.document_combo.setMinimumContentsLength(24)
        self.document_label.setBuddy(self.document_combo)
        self.document_combo.currentIndexChanged.connect(self._document_shown)
        self.document_combo.activated.connect(self._document_picked)

        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("scanHintLabel")
        self.hint_label.setWordWrap(True)

        self.scan_list = QTreeWidget(self)
        self.scan_list.setObjectName("scanList")
        self.list_label = QLabel(self.tr("Sc&ans of this document (Delete removes the selected):"), self)
        self.list_label.setBuddy(self.scan_list)
        self.scan_list.setColumnCount(3)
        self.scan_list.setHeaderLabels([self.tr("File"), self.tr("Pages"), self.tr("Size")])
        self.scan_list.setRootIsDecorated(False)
        self.scan_list.setUniformRowHeights(True)
        self.scan_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.scan_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_PAGES, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.scan_list.itemSelectionChanged.connect(self._selection_changed)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.scan_list, self.remove_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("scanPreviewLabel")
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setFixedSize(PREVIEW_SIDE, PREVIEW_SIDE)
        self.preview_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.preview_label.setWordWrap(True)

        self.attach_button = QPushButton(self.tr("Attach &file…"), self)
        self.attach_button.setObjectName("attachScanButton")
        self.attach_button.setToolTip(self.tr("Choose scanned PDFs or pictures of this document"))
        self.attach_button.clicked.connect(self.choose_files)
        self.camera_button = QPushButton(self.tr("&Camera…"), self)
        self.camera_button.setObjectName("cameraScanButton")
        self.camera_button.setToolTip(self.tr("Photograph a page with the desk camera; it is cut out and straightened"))
        self.camera_button.clicked.connect(self.take_photo)
        self.camera_button.setVisible(self._capture_page is not None)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setObjectName("removeScanButton")
        self.remove_button.setToolTip(self.tr("Remove the selected scans (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)

        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("scanBusyBar")
        self.busy_bar.setRange(0, 0)  # busy: preparing a page reports no fractions
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("scanBusyLabel")
        self.busy_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.busy_bar.hide()
        self.busy_label.hide()

        self.message_label = QLabel(self)
        self.message_label.setObjectName("scanMessageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        clear_message(self.message_label)

        top = QHBoxLayout()
        top.addWidget(self.document_label)
        top.addWidget(self.document_combo, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.scan_list, 1)
        middle.addWidget(self.preview_label, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.camera_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.busy_bar)
        buttons.addWidget(self.busy_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.list_label)
        layout.addLayout(middle, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)

    # ------------------------------------------------------------------ what the page calls

    def set_requirements(self, requirements: Sequence[DocumentRequirement]) -> None:
        """The documents of the procedure. Scans of documents it no longer names are dropped
        (another procedure was chosen); those of documents it still names are kept."""
        self._requirements = tuple(requirements)
        codes = {r.code for r in self._requirements}
        dropped = [code for code in self._scans if code not in codes]
        for code in dropped:
            del self._scans[code]
        self._forget_unused_previews()
        self._queue = deque(job for job in self._queue if job.code in codes)
        self._refresh_documents()
        if dropped:
            self.scans_changed.emit()

    def set_current(self, code: str) -> None:
        """Show the scans of the document ``code`` (KeyError for a code not in the list)."""
        index = self.document_combo.findData(code)
        if index < 0:
            raise KeyError(code)
        self.document_combo.setCurrentIndex(index)

    def current_code(self) -> str | None:
        code = self.document_combo.currentData()
        return code if isinstance(code, str) else None

    def scans(self) -> dict[str, list[PreparedScan]]:
        """The scans attached, by document code, in the order attached (copies)."""
        return {code: list(items) for code, items in self._scans.items() if items}

    def set_scans(self, scans: Mapping[str, Sequence[PreparedScan]]) -> None:
        """Put back the scans of a draft. Files still waiting or being prepared are dropped,
        and ``scans_changed`` is not emitted: nothing changed that the draft does not hold."""
        self._generation += 1
        self._queue.clear()
        self._scans = {code: list(items) for code, items in scans.items() if items}
        self._previews.clear()
        self._batch_refusals.clear()
        self._batch_added = 0
        clear_message(self.message_label)
        self._refresh_documents()
        self._update_busy()

    def is_busy(self) -> bool:
        """Whether files are still being prepared (a page should wait before it moves on)."""
        return self._running is not None or bool(self._queue)

    # ------------------------------------------------------------------ attaching

    def choose_files(self) -> None:
        if self._current_requirement() is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach scans of the document"),
            self._last_folder,
            self.tr("Scans ({patterns})").format(patterns=_SCAN_PATTERNS) + ";;" + self.tr("All files (*)"),
        )
        if paths:
            self._last_folder = str(Path(paths[0]).parent)
            self.attach_files(Path(p) for p in paths)

    def attach_files(self, paths: Iterable[Path | str]) -> None:
        """Prepare these files, in order, as scans of the current document."""
        requirement = self._current_requirement()
        if requirement is None:
            return
        self._enqueue([_Job(requirement.code, Path(p).name, requirement.max_bytes, path=Path(p)) for p in paths])

    def attach_bytes(self, data: bytes, filename: str) -> None:
        """Prepare a picture or PDF already in memory (the camera's) as a scan of the
        current document."""
        requirement = self._current_requirement()
        if requirement is None:
            return
        self._enqueue([_Job(requirement.code, filename, requirement.max_bytes, data=data)])

    def take_photo(self) -> None:
        """Photograph a page with the injected camera and attach it like a file."""
        if self._capture_page is None or self._current_requirement() is None:
            return
        try:
            data = self._capture_page(self)
        except Exception as exc:  # noqa: BLE001 - a camera that fails must not take the page with it
            log.warning("page capture failed", exc_info=exc)
            show_message(self.message_label, error_text(exc), Tone.ERROR)
            return
        if data:
            self.attach_bytes(data, f"camera-{now_vn():%Y%m%d-%H%M%S}.jpg")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        if not self._accepts(event):
            event.ignore()
            return
        urls = event.mimeData().urls()
        paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        event.acceptProposedAction()
        self.attach_files(paths)
        if len(paths) < len(urls):
            # Links from a browser or a network place: the officer saves the file first.
            self._batch_refusals.append(self.tr("Only files on this computer can be attached; save the file first."))
            self._show_batch_message()

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        return (self._current_requirement() is not None and mime.hasUrls()
                and any(url.isLocalFile() for url in mime.urls()))

    # ------------------------------------------------------------------ preparing, one at a time

    def _enqueue(self, jobs: list[_Job]) -> None:
        if not jobs:
            return
        if not self.is_busy():
            self._batch_refusals.clear()
            self._batch_added = 0
            clear_message(self.message_label)
        self._queue.extend(jobs)
        self._pump()

    def _pump(self) -> None:
        if self._running is None and self._queue:
            job = self._queue.popleft()
            self._running = job
            generation = self._generation
            (
                Op(job.run, parent=self)
                .success(lambda scan: self._prepared(job, generation, scan))
                .failure(lambda error: self._refused(job, generation, error))
                .run()
            )
        self._update_busy()

    def _prepared(self, job: _Job, generation: int, scan: PreparedScan) -> None:
        self._running = None
        codes = {r.code for r in self._requirements}
        if generation == self._generation and job.code in codes:
            attached = self._scans.setdefault(job.code, [])
            if any(s.sha256 == scan.sha256 for s in attached):
                self._batch_refusals.append(
                    self.tr("\"{name}\" is already attached to this document.").format(name=job.name))
            else:
                attached.append(scan)
                self._batch_added += 1
                self._refresh_documents()
                if job.code == self.current_code():
                    # Selected at once, so its preview shows how the page was cut out.
                    self.scan_list.setCurrentItem(self.scan_list.topLevelItem(len(attached) - 1))
                self.scans_changed.emit()
            self._show_batch_message()
        self._pump()

    def _refused(self, job: _Job, generation: int, error: Exception) -> None:
        self._running = None
        if generation == self._generation:
            # Whatever was attached before stays: a bad file only adds its reason here.
            self._batch_refusals.append(error_text(error))
            self._show_batch_message()
        self._pump()

    def _show_batch_message(self) -> None:
        lines = list(self._batch_refusals)
        if self._batch_added and not self.is_busy():
            lines.append(self.tr("{count} scan(s) attached.").format(count=self._batch_added))
        if self._batch_refusals:
            show_message(self.message_label, "\n".join(lines), Tone.ERROR)
        elif lines:
            show_message(self.message_label, "\n".join(lines), Tone.OK)

    def _update_busy(self) -> None:
        busy = self.is_busy()
        if self._running is not None:
            waiting = len(self._queue)
            text = self.tr("Preparing \"{name}\"…").format(name=self._running.name)
            if waiting:
                text += " " + self.tr("({count} more waiting)").format(count=waiting)
            self.busy_label.setText(text)
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        if busy != self._was_busy:
            self._was_busy = busy
            if not busy:
                self._show_batch_message()
            self.busy_changed.emit(busy)

    # ------------------------------------------------------------------ removing

    def remove_selected(self) -> None:
        code = self.current_code()
        if code is None:
            return
        rows = sorted((self.scan_list.indexOfTopLevelItem(item) for item in self.scan_list.selectedItems()), reverse=True)
        attached = self._scans.get(code, [])
        if not rows or not attached:
            return
        for row in rows:
            attached.pop(row)
        self._forget_unused_previews()
        clear_message(self.message_label)
        self._refresh_documents()
        left = self.scan_list.topLevelItemCount()
        if left:
            # Keep the keyboard on the list (also after the button): the next Delete
            # removes the next scan.
            self.scan_list.setCurrentItem(self.scan_list.topLevelItem(min(rows[-1], left - 1)))
            self.scan_list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scans_changed.emit()

    # ------------------------------------------------------------------ showing

    def _forget_unused_previews(self) -> None:
        kept = {scan.sha256 for items in self._scans.values() for scan in items}
        self._previews = {sha: pixmap for sha, pixmap in self._previews.items() if sha in kept}

    def _current_requirement(self) -> DocumentRequirement | None:
        code = self.current_code()
        return next((r for r in self._requirements if r.code == code), None)

    def _refresh_documents(self) -> None:
        """The document list with how many scans each has, keeping the one shown."""
        combo = self.document_combo
        shown = self.current_code()
        combo.blockSignals(True)
        combo.clear()
        for requirement in self._requirements:
            count = len(self._scans.get(requirement.code, ()))
            text = requirement.name if not count else self.tr("{document} ({count} scan(s))").format(document=requirement.name, count=count)
            combo.addItem(text, requirement.code)
            if requirement.note:
                combo.setItemData(combo.count() - 1, requirement.note, Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(shown) if shown is not None else -1
        combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))
        combo.blockSignals(False)
        self._document_shown()

    def _document_shown(self, _index: int = -1) -> None:
        requirement = self._current_requirement()
        enabled = requirement is not None
        self.attach_button.setEnabled(enabled)
        self.camera_button.setEnabled(enabled)
        self.document_combo.setEnabled(bool(self._requirements))
        if requirement is None:
            self.hint_label.setText(self.tr("This procedure asks for no documents."))
        else:
            self.hint_label.setText(
                self.tr("Scanned PDF or pictures (JPEG, PNG, TIFF, WebP), at most {limit} MB each. "
                        "Drop files here, attach them, or photograph the page.").format(
                    limit=megabytes(requirement.max_bytes)))
        self._fill_list()

    def _document_picked(self, _index: int) -> None:
        code = self.current_code()
        if code is not None:
            self.current_changed.emit(code)

    def _fill_list(self) -> None:
        code = self.current_code()
        scans = self._scans.get(code, []) if code is not None else []
        self.scan_list.clear()
        for scan in scans:
            item = QTreeWidgetItem([scan.filename, str(scan.pages), self._size_text(scan.size)])
            item.setTextAlignment(COLUMN_PAGES, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(COLUMN_SIZE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(COLUMN_NAME, self.tr("PDF") if scan.media_type != JPEG else self.tr("Picture (JPEG)"))
            self.scan_list.addTopLevelItem(item)
        self._selection_changed()

    def _size_text(self, size: int) -> str:
        if size < 1_000_000:
            return self.tr("{size} KB").format(size=max(1, round(size / 1000)))
        return self.tr("{size} MB").format(size=self.locale().toString(size / 1_000_000, "f", 1))

    def _selected_scan(self) -> PreparedScan | None:
        code = self.current_code()
        item = self.scan_list.currentItem()
        if code is None or item is None or not item.isSelected():
            return None
        row = self.scan_list.indexOfTopLevelItem(item)
        attached = self._scans.get(code, [])
        return attached[row] if 0 <= row < len(attached) else None

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.scan_list.selectedItems()))
        scan = self._selected_scan()
        label = self.preview_label
        label.clear()
        if scan is None:
            label.setText(self.tr("No scan selected"))
        elif scan.media_type != JPEG:
            label.setText(self.tr("PDF, {count} page(s)").format(count=scan.pages))
        elif scan.sha256 in self._previews:
            label.setPixmap(self._previews[scan.sha256])
        else:
            label.setText(self.tr("Loading the preview…"))
            if scan.sha256 in self._previews_coming:
                return  # already on its way: arrowing through the list starts one each
            self._previews_coming.add(scan.sha256)
            (
                Op(lambda: _preview_image(scan.data, PREVIEW_SIDE - 8), parent=self)
                .success(lambda image: self._preview_ready(scan.sha256, image))
                .failure(lambda error: self._preview_ready(scan.sha256, QImage()))
                .run()
            )

    def _preview_ready(self, sha256: str, image: QImage) -> None:
        self._previews_coming.discard(sha256)
        if not image.isNull() and any(s.sha256 == sha256 for items in self._scans.values() for s in items):
            self._previews[sha256] = QPixmap.fromImage(image)
        current = self._selected_scan()
        if current is None or current.sha256 != sha256:
            return  # the officer moved on meanwhile
        if sha256 in self._previews:
            self.preview_label.setPixmap(self._previews[sha256])
        else:
            self.preview_label.setText(self.tr("No preview"))
