"""Checking a citizen's receipt: is its QR code's seal genuine, and does it match the dossier?

The officer or supervisor scans the receipt's QR code (a USB scanner types it and presses
Enter) or types its text. The text is read here first, so a damaged code is named at once;
then the central system is asked, off the UI thread. When it cannot be reached the seal is
checked on this desk with the site's keys saved from the last successful fetch (refreshed
on every check made online) and the desk's own key: whether the seal fits is certain
offline too, whether the centre holds the dossier is not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.receipt_seal import (
    DEFAULT_CODE_PARAM,
    ParsedSeal,
    SealError,
    SealFields,
    SealStatus,
    parse_seal,
    verify,
)
from desk_app.core.timeutil import VN_TZ, now_vn
from desk_app.signing_key import CachedKeys, ReceiptKeys
from desk_app.sync.client import CentralClient, ReceiptCheck
from desk_app.sync.errors import CentralError

from .errors import error_text
from .feedback import Tone, clear_message, show_message
from .labels import status_name
from .ops import Op

log = logging.getLogger(__name__)

# A supervisor waits at the counter for the answer; past this the desk answers by itself.
CHECK_TIMEOUT_S = 8.0


@dataclass(frozen=True)
class ReceiptOutcome:
    """One check's result, from the central system (``online``) or from this desk's keys."""

    fields: SealFields
    kid: str
    seal: SealStatus
    online: bool
    desk_id: str | None = None
    dossier: str | None = None                # online: "matches", "differs" or "not_found"
    differences: tuple[str, ...] = ()
    dossier_code: str | None = None
    status: int | None = None
    keys_fetched_at: datetime | None = None   # offline: when the site's keys were last fetched
    central_error: Exception | None = None    # offline: why the central system gave no answer

    @property
    def genuine(self) -> bool:
        """Online: the seal and the dossier both; offline: the seal (all that can be known)."""
        if self.online:
            return self.seal is SealStatus.GENUINE and self.dossier == "matches"
        return self.seal is SealStatus.GENUINE

    @classmethod
    def from_central(cls, answer: ReceiptCheck) -> "ReceiptOutcome":
        return cls(fields=answer.fields, kid=answer.kid, seal=answer.seal, online=True, desk_id=answer.desk_id,
                   dossier=answer.dossier, differences=answer.differences, dossier_code=answer.dossier_code,
                   status=answer.status)


def check_receipt(text: str, parsed: ParsedSeal, central: CentralClient | None, keys: ReceiptKeys | None,
                  clock: Callable[[], datetime] = now_vn) -> ReceiptOutcome:
    """Runs off the UI thread: the central system's answer, or this desk's own."""
    problem: Exception | None = None
    if central is not None:
        try:
            return _ask_central(text, central, keys, clock)
        except CentralError as exc:
            log.info("receipt checked offline: the central system gave no answer (%s)", type(exc).__name__)
            problem = exc
    return _check_here(parsed, keys, problem)


def _ask_central(text: str, central: CentralClient, keys: ReceiptKeys | None,
                 clock: Callable[[], datetime]) -> ReceiptOutcome:
    # A client of its own: the session's belongs to the sync thread.
    with central.courier(CHECK_TIMEOUT_S) as courier:
        outcome = ReceiptOutcome.from_central(courier.verify_receipt(text))
        if keys is not None:
            try:
                keys.cache.save(courier.receipt_keys(), clock())  # for the next check made offline
            except (CentralError, OSError) as exc:
                log.warning("receipt keys not refreshed: %s", type(exc).__name__)
    return outcome


def _check_here(parsed: ParsedSeal, keys: ReceiptKeys | None, problem: Exception | None) -> ReceiptOutcome:
    cached = keys.cache.load() if keys is not None else CachedKeys()
    known = keys.known_keys(cached) if keys is not None else {}
    verdict = verify(parsed, known)
    desk = keys.desk_id if keys is not None and parsed.kid == keys.own.kid else cached.desk_of(parsed.kid)
    return ReceiptOutcome(fields=parsed.fields, kid=parsed.kid, seal=verdict.status, online=False, desk_id=desk,
                          keys_fetched_at=cached.fetched_at, central_error=problem)


class ReceiptCheckDialog(QDialog):
    """Scan or type a receipt's QR text, press Enter, read the verdict and the signed fields."""

    checked = Signal(object)  # ReceiptOutcome, once shown

    def __init__(self, *, keys: ReceiptKeys | None, central: CentralClient | None,
                 code_param: str = DEFAULT_CODE_PARAM, clock: Callable[[], datetime] = now_vn,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptCheckDialog")
        self.setWindowTitle(self.tr("Check a receipt"))
        self._keys, self._central, self._code_param, self._clock = keys, central, code_param, clock
        self._checking: Op | None = None
        self.outcome: ReceiptOutcome | None = None
        self._build()
        self.setMinimumWidth(640)
        self.resize(720, self.sizeHint().height())

    def _build(self) -> None:
        intro = QLabel(self.tr("Scan the QR code at the foot of the receipt, or type its text, then press Enter."))
        intro.setWordWrap(True)
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("receiptTextEdit")
        self.text_edit.setPlaceholderText(self.tr("The receipt's QR code text"))
        self.text_edit.returnPressed.connect(self.check)
        label = QLabel(self.tr("&QR code text"))
        label.setBuddy(self.text_edit)
        self.verdict_label = self._wrapping_label("receiptVerdictLabel")
        bold = QFont(self.verdict_label.font())
        bold.setBold(True)
        self.verdict_label.setFont(bold)
        self.source_label = self._wrapping_label("receiptSourceLabel")
        clear_message(self.verdict_label)
        clear_message(self.source_label)
        self.fields_form = QFormLayout()
        self.field_labels: dict[str, QLabel] = {}
        for key, name in self._field_names():
            value = QLabel()
            value.setObjectName(f"receipt_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.field_labels[key] = value
            self.fields_form.addRow(name, value)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = self.buttons.addButton(self.tr("C&heck"), QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.clicked.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, label, self.text_edit, self.verdict_label, self.source_label):
            layout.addWidget(widget)
        layout.addLayout(self.fields_form)
        layout.addWidget(self.buttons)
        self._show_fields(None)

    @staticmethod
    def _wrapping_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def _fit(self) -> None:
        # The verdict wraps and the fields come and go: grow to show them whole (wrapped
        # labels need the height for this width, which the plain size hint leaves out).
        self.layout().activate()
        wanted = self.layout().totalHeightForWidth(self.width())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _field_names(self) -> tuple[tuple[str, str], ...]:
        return (
            ("code", self.tr("Dossier code")),
            ("procedure_code", self.tr("Procedure")),
            ("received_at", self.tr("Received at")),
            ("officer_username", self.tr("Receiving officer")),
            ("key", self.tr("Sealed by")),
            ("held", self.tr("At the central system")),
        )

    # ------------------------------------------------------------------ checking

    @property
    def busy(self) -> bool:
        return self._checking is not None and not self._checking.done

    def check(self) -> Op | None:
        """Read the text here (a damaged code is said at once), then check it in the background."""
        if self.busy:
            return None
        text = self.text_edit.text()
        if not text.strip():
            self._show_problem(self.tr("Scan the receipt's QR code or type its text first."))
            return None
        try:
            parsed = parse_seal(text, code_param=self._code_param)
        except SealError as exc:
            self._show_problem(error_text(exc))
            return None
        self._show_fields(parsed.fields)
        show_message(self.verdict_label, self.tr("Checking…"), Tone.INFO)
        clear_message(self.source_label)
        self.check_button.setEnabled(False)
        keys, central, clock = self._keys, self._central, self._clock
        self._checking = (Op(lambda: check_receipt(text, parsed, central, keys, clock), parent=self)
                          .success(self._show_outcome).failure(self._failed).run())
        return self._checking

    def _show_problem(self, text: str) -> None:
        self.outcome = None
        self._show_fields(None)
        show_message(self.verdict_label, text, Tone.ERROR)
        clear_message(self.source_label)
        self._fit()
        self.text_edit.selectAll()
        self.text_edit.setFocus()

    def _failed(self, error: Exception) -> None:
        self.check_button.setEnabled(True)
        self._show_problem(error_text(error))

    def _show_outcome(self, outcome: ReceiptOutcome) -> None:
        self.check_button.setEnabled(True)
        self.outcome = outcome
        self._show_fields(outcome.fields, outcome)
        text, tone = self._verdict(outcome)
        show_message(self.verdict_label, text, tone)
        show_message(self.source_label, self._source(outcome), Tone.INFO)
        self._fit()
        # Ready for the next receipt: the scanner's text replaces this one.
        self.text_edit.selectAll()
        self.text_edit.setFocus()
        self.checked.emit(outcome)

    # ------------------------------------------------------------------ what is shown

    def _show_fields(self, fields: SealFields | None, outcome: ReceiptOutcome | None = None) -> None:
        values = dict.fromkeys(self.field_labels, "")
        if fields is not None:
            values.update(code=fields.code, procedure_code=fields.procedure_code,
                          received_at=fields.received_at.astimezone(VN_TZ).strftime("%H:%M:%S %d/%m/%Y"),
                          officer_username=fields.officer_username)
        if outcome is not None:
            values["key"] = self._key_text(outcome)
            values["held"] = self._held_text(outcome)
        for key, label in self.field_labels.items():
            label.setText(values[key])
            self.fields_form.setRowVisible(label, bool(values[key]))

    def _key_text(self, outcome: ReceiptOutcome) -> str:
        if outcome.desk_id:
            return self.tr("desk {desk} (key {kid})").format(desk=outcome.desk_id, kid=outcome.kid)
        return self.tr("an unknown key ({kid})").format(kid=outcome.kid)

    def _held_text(self, outcome: ReceiptOutcome) -> str:
        if not outcome.online or outcome.dossier_code is None or outcome.status is None:
            return ""
        return self.tr("dossier {code}, {status}").format(code=outcome.dossier_code, status=status_name(outcome.status))

    def _difference_names(self, differences: tuple[str, ...]) -> str:
        names = {"procedure_code": self.tr("procedure"), "received_at": self.tr("received time"),
                 "officer_username": self.tr("officer")}
        return ", ".join(names.get(d, d) for d in differences)

    def _verdict(self, outcome: ReceiptOutcome) -> tuple[str, Tone]:
        code = outcome.fields.code
        if outcome.seal is SealStatus.FORGED:
            return self.tr("NOT GENUINE: the seal does not fit what this receipt says, so it was altered or made up. "
                           "Keep the receipt and tell the supervisor."), Tone.ERROR
        if outcome.seal is SealStatus.UNKNOWN_KEY:
            if outcome.online:
                return self.tr("Cannot tell: no desk of this site uses the key that sealed this receipt. It comes from "
                               "another site, or it was made up."), Tone.ERROR
            return self.tr("Cannot tell on this desk: the key that sealed this receipt is not among the keys kept "
                           "here. Check it again when the desk is online."), Tone.INFO
        if not outcome.online:
            return self.tr("GENUINE SEAL: this receipt says exactly what the desk that issued it signed."), Tone.OK
        if outcome.dossier == "differs":
            return self.tr("The seal is genuine, but the central system's dossier {code} differs in: {fields}. "
                           "Ask the supervisor to look into it.").format(
                code=code, fields=self._difference_names(outcome.differences)), Tone.ERROR
        if outcome.dossier == "not_found":
            return self.tr("The seal is genuine, but the central system holds no dossier {code} yet: the desk that "
                           "took it may not have sent it. Check again later.").format(code=code), Tone.INFO
        return self.tr("GENUINE: this receipt was issued at this site and matches dossier {code} held by the "
                       "central system.").format(code=code), Tone.OK

    def _source(self, outcome: ReceiptOutcome) -> str:
        if outcome.online:
            return self.tr("Checked with the central system.")
        if outcome.keys_fetched_at is None:
            text = self.tr("Checked on this desk with its own key only: the site's keys were never fetched. "
                           "Whether the central system holds the dossier is not known.")
        else:
            text = self.tr("Checked on this desk, with the site's keys fetched at {when}. Whether the central "
                           "system holds the dossier is not known.").format(
                when=outcome.keys_fetched_at.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y"))
        if outcome.central_error is not None:
            text += " " + self.tr("The central system gave no answer: {reason}").format(
                reason=error_text(outcome.central_error))
        return text
