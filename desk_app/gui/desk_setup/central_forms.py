"""Where the central system is, and which desk this is: the fields the first-run setup and
the settings dialog share.

``ConnectionForm`` tests an address (and the certificate authority pinned for it);
``EnrolmentForm`` checks the desk id, the site code and the desk key with the central
system. Both ask off the UI thread, and a result counts only while the fields still hold
what was asked: editing a field forgets it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.core.timeutil import now_vn
from desk_app.credentials import TokenVault
from desk_app.settings import SITE_CODE_MAX, DeskSettings, normal_site_code
from desk_app.sync.client import EnrolmentCheck
from desk_app.sync.errors import AuthenticationFailed, CentralRejected, CentralUnavailable
from desk_app.sync.transport import AddressRefused

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..ops import Op
from .central_probe import CentralProbe, SiteMismatch, check_desk, probe_central, web_address

# The central API's own rule for desk ids (central_api.schemas.DESK_ID_PATTERN).
DESK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class NoKeptKey(DeskError):
    """The settings dialog was asked to check the desk with the key it keeps, and it keeps none."""

    TEMPLATE = QT_TRANSLATE_NOOP(
        "DeskError",
        "This computer keeps no desk key for desk {desk}. Enter the key the administrator issued for it.",
    )


def connection_problem(error: BaseException, url: str) -> str:
    """Why an address is not (yet) a central system the desk can use, for the person setting it up."""
    not_web = QCoreApplication.translate(
        "CentralForms", "{url} is not a web address. Type the address the administrator gave you, for example "
        "https://motcua.example.gov.vn.")
    if isinstance(error, AddressRefused):
        if error.template == AddressRefused.PLAIN_HTTP:
            return QCoreApplication.translate(
                "CentralForms", "The address {url} is not encrypted (http://). The desk talks to the central system "
                "over https:// only, except on this computer itself. Type the https:// address the administrator "
                "gave you.").format(url=url)
        if error.template == AddressRefused.MISSING_AUTHORITY:
            return QCoreApplication.translate(
                "CentralForms", "The certificate authority file {path} cannot be read. Choose the file the province "
                "gave you again, or empty the field to trust this computer's own authorities.").format(
                path=error.params.get("path", ""))
        return not_web.format(url=url)
    if isinstance(error, CentralUnavailable) and error.kind != "malformed":
        if error.template == CentralUnavailable.UNTRUSTED:
            return QCoreApplication.translate(
                "CentralForms", "The server at {url} answered, but its certificate could not be verified, so the desk "
                "refused the connection (TLS). Check the address; if the province gave you a certificate authority "
                "file, choose it.").format(url=url)
        if error.template == CentralUnavailable.BAD_ADDRESS:
            return not_web.format(url=url)
        if error.kind == "timeout":
            return QCoreApplication.translate(
                "CentralForms", "The server at {url} did not answer in time. Check the address and the network "
                "connection, then try again.").format(url=url)
        if error.kind == "busy":
            return QCoreApplication.translate(
                "CentralForms", "The central system is busy. Try again in {seconds} seconds.").format(
                seconds=round(error.retry_after or 30))
        if error.kind == "server":
            return QCoreApplication.translate(
                "CentralForms", "The central system at {url} answered with a fault (HTTP {status}). Try again in a "
                "few minutes; if it goes on, tell the administrator.").format(url=url, status=error.status or "?")
        return QCoreApplication.translate(
            "CentralForms", "Nothing answers at {url}: the address is wrong, the network is down, or a firewall "
            "blocks the way. Check the address and the network connection, then try again.").format(url=url)
    if isinstance(error, (CentralUnavailable, CentralRejected, AuthenticationFailed)):
        # An answer, but not the central API's: a web site, a proxy's page, another service.
        return QCoreApplication.translate(
            "CentralForms", "The server at {url} answers, but it is not the central system of the one-stop desks. "
            "Check the address the administrator gave you.").format(url=url)
    return error_text(error)


def enrolment_problem(error: BaseException, url: str, desk_id: str) -> str:
    """Why the central system did not confirm the desk; the connection's problems as above."""
    if isinstance(error, AuthenticationFailed):
        return QCoreApplication.translate(
            "CentralForms", "The central system does not know desk {desk} with this key. Check the desk id and the "
            "key the administrator issued (every character counts, capitals too); the administrator can issue a new "
            "key.").format(desk=desk_id)
    if isinstance(error, CentralUnavailable) and error.kind == "busy":
        return QCoreApplication.translate(
            "CentralForms", "Too many tries for now. Wait {seconds} seconds, then check again.").format(
            seconds=round(error.retry_after or 30))
    if isinstance(error, (SiteMismatch, NoKeptKey)):
        return error_text(error)
    return connection_problem(error, url)


def clock_warning(skew: timedelta) -> str:
    minutes = round(abs(skew.total_seconds()) / 60)
    if skew > timedelta(0):
        text = QCoreApplication.translate(
            "CentralForms", "This computer's clock is {minutes} minutes behind the central system's. Receipts, "
            "deadlines and sign-ins use the time: ask the site's IT to set the clock right (automatic time).")
    else:
        text = QCoreApplication.translate(
            "CentralForms", "This computer's clock is {minutes} minutes ahead of the central system's. Receipts, "
            "deadlines and sign-ins use the time: ask the site's IT to set the clock right (automatic time).")
    return text.format(minutes=minutes)


def _buddy(text_label: QLabel, field: QWidget) -> QLabel:
    text_label.setBuddy(field)
    return text_label


def _message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    clear_message(label)
    return label


def _form_button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    # Enter stays with the wizard's Next or the dialog's Save, also while this button has the focus.
    button.setAutoDefault(False)
    return button


class Retranslating:
    """Texts are set in ``retranslate``, again whenever the interface language changes.

    Mixed in ahead of a Qt widget class (these forms, the setup wizard and its pages)."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]  # the Qt widget class this is mixed into


class _AskingForm(Retranslating, QWidget):
    """Fields the central system is asked about off the UI thread: its answer counts only while
    the fields still hold what was asked, and an edit forgets it.

    A form says what ``asked`` is, how to ``_forget`` an answer, and what an answer (``_answered``)
    and a failure (``_failed``) do; ``_shown`` is ("asking", what) while the central system is asked."""

    changed = Signal()  # an edit, or an answer: whether an answer holds may have changed

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._asking: Op | None = None
        self._shown: tuple[str, object] | None = None  # (kind, what), said again in a new language

    @property
    def busy(self) -> bool:
        return self._asking is not None

    def asked(self) -> tuple:
        raise NotImplementedError

    def _forget(self) -> None:
        raise NotImplementedError

    def _answered(self, asked: tuple, answer: Any) -> None:
        raise NotImplementedError

    def _failed(self, asked: tuple, error: Exception) -> None:
        raise NotImplementedError

    def _update_button(self) -> None:
        raise NotImplementedError

    def _say_again(self) -> None:
        raise NotImplementedError

    def _ask(self, asked: tuple, work: Callable[[], Any], asking_about: object) -> Op:
        self._forget()
        self._show("asking", asking_about)
        self._asking = (Op(work, parent=self)
                        .success(lambda answer: self._settle(asked, self._answered, answer))
                        .failure(lambda error: self._settle(asked, self._failed, error)))
        self._update_button()
        return self._asking.run()

    def _settle(self, asked: tuple, then: Callable[[tuple, Any], None], outcome: Any) -> None:
        self._asking = None
        self._update_button()
        if asked == self.asked():
            then(asked, outcome)
        else:
            self._show(None, None)  # the fields changed meanwhile: that outcome is about other values
        self.changed.emit()

    def _edited(self) -> None:
        self._forget()
        if self._shown is not None and self._shown[0] != "asking":
            self._show(None, None)
        self._update_button()
        self.changed.emit()

    def _show(self, kind: str | None, what: object) -> None:
        self._shown = None if kind is None else (kind, what)
        self._say_again()


class ConnectionForm(_AskingForm):
    """The central system's address and the certificate authority pinned for it, with a test.

    ``test_on_enter``: Enter in a field tests when no test holds yet (the wizard's way, whose
    Next waits for a test); the settings dialog leaves Enter to its Save button."""

    def __init__(self, settings: DeskSettings, *, test_on_enter: bool = False,
                 clock: Callable[[], datetime] = now_vn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionForm")
        self._clock = clock
        self.probe: CentralProbe | None = None
        self.address_edit = QLineEdit(settings.server_url or "")
        self.address_edit.setObjectName("addressEdit")
        self.address_edit.setPlaceholderText("https://motcua.example.gov.vn")
        self.authority_edit = QLineEdit(settings.pinned_authority or "")
        self.authority_edit.setObjectName("authorityEdit")
        self.choose_button = _form_button("chooseAuthorityButton")
        self.test_button = _form_button("testConnectionButton")
        self.message_label = _message_label("connectionMessage")
        self.clock_label = _message_label("clockWarning")
        self.address_label = _buddy(QLabel(), self.address_edit)
        self.authority_label = _buddy(QLabel(), self.authority_edit)
        self.authority_note = QLabel()
        self.authority_note.setWordWrap(True)
        self.authority_note.setStyleSheet("color: #546e7a;")

        authority_row = QHBoxLayout()
        authority_row.addWidget(self.authority_edit, 1)
        authority_row.addWidget(self.choose_button)
        authority_column = QVBoxLayout()
        authority_column.setSpacing(2)
        authority_column.addLayout(authority_row)
        authority_column.addWidget(self.authority_note)
        form = QFormLayout()
        form.addRow(self.address_label, self.address_edit)
        form.addRow(self.authority_label, authority_column)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.clock_label)
        layout.addStretch(1)

        self.address_edit.textEdited.connect(self._edited)
        self.authority_edit.textEdited.connect(self._edited)
        self.choose_button.clicked.connect(lambda: self.choose_authority())
        self.test_button.clicked.connect(lambda: self.test())
        if test_on_enter:
            self.address_edit.returnPressed.connect(self._enter)
            self.authority_edit.returnPressed.connect(self._enter)
        self.retranslate()
        self._update_button()

    def retranslate(self) -> None:
        self.address_label.setText(self.tr("&Address of the central system"))
        self.authority_label.setText(self.tr("Certificate a&uthority file"))
        self.authority_note.setText(self.tr("Optional: only when the province gave you a file (.pem) for its central "
                                            "system. Empty: this computer's own trusted authorities."))
        self.choose_button.setText(self.tr("C&hoose…"))
        self.test_button.setText(self.tr("&Test the connection"))
        self._say_again()

    # ------------------------------------------------------------------ values

    def address(self) -> str:
        return web_address(self.address_edit.text())

    def authority(self) -> str | None:
        return self.authority_edit.text().strip() or None

    def asked(self) -> tuple[str, str | None]:
        return self.address(), self.authority()

    # ------------------------------------------------------------------ actions

    def choose_authority(self) -> None:
        start = self.authority() or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("The certificate authority file"), start,
                                                    self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.authority_edit.setText(path)
            self._edited()

    def test(self) -> Op | None:
        asked = self.asked()
        url, authority = asked
        if not url or self.busy:
            return None
        clock = self._clock
        return self._ask(asked, lambda: probe_central(url, authority, clock=clock), url)

    def _enter(self) -> None:
        if self.probe is None:
            self.test()

    def _forget(self) -> None:
        self.probe = None

    def _answered(self, asked: tuple, probe: CentralProbe) -> None:
        self.probe = probe
        self._show("probe", probe)

    def _failed(self, asked: tuple, error: Exception) -> None:
        self._show("error", (asked[0], error))

    def _update_button(self) -> None:
        self.test_button.setEnabled(bool(self.address_edit.text().strip()) and not self.busy)

    # ------------------------------------------------------------------ what the form says

    def _say_again(self) -> None:
        clear_message(self.clock_label)
        if self._shown is None:
            clear_message(self.message_label)
            return
        kind, what = self._shown
        if kind == "asking":
            show_message(self.message_label, self.tr("Asking {url}…").format(url=what), Tone.INFO)
        elif kind == "probe":
            assert isinstance(what, CentralProbe)
            show_message(self.message_label, self.tr("Connected: the central system at {url} answers (version {version}).")
                         .format(url=what.url, version=what.version), Tone.OK)
            if what.clock_off and what.clock_skew is not None:
                show_message(self.clock_label, clock_warning(what.clock_skew), Tone.ERROR)
        else:
            url, error = what  # type: ignore[misc]
            show_message(self.message_label, connection_problem(error, url), Tone.ERROR)


class EnrolmentForm(_AskingForm):
    """The desk id, the site code and the desk key, with a check by the central system.

    ``key_required``: the first-run setup needs the key typed; the settings dialog may leave
    it empty and check with the key this computer keeps. Without a working keyring the key
    cannot be kept, and the form says so and checks nothing (like ``--enrol``)."""

    checked = Signal(object)  # the EnrolmentCheck of a check that held

    def __init__(self, settings: DeskSettings, vault: TokenVault, connection: Callable[[], tuple[str, str | None]], *,
                 key_required: bool = True, check_on_enter: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrolmentForm")
        self.vault = vault
        self._connection = connection
        self._key_required = key_required
        self.check: EnrolmentCheck | None = None
        self._checked_for: tuple | None = None
        self.desk_edit = QLineEdit(settings.desk_id)
        self.desk_edit.setObjectName("deskIdEdit")
        self.desk_edit.setMaxLength(64)
        self.site_edit = QLineEdit(settings.site_code or "")
        self.site_edit.setObjectName("siteCodeEdit")
        self.site_edit.setMaxLength(SITE_CODE_MAX + 4)  # room for stray spaces, trimmed before use
        self.site_edit.setPlaceholderText("000.00.17.H56")
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("deskKeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.check_button = _form_button("checkDeskButton")
        self.message_label = _message_label("enrolmentMessage")
        self.keyring_label = _message_label("keyringMessage")
        self.desk_label = _buddy(QLabel(), self.desk_edit)
        self.site_label = _buddy(QLabel(), self.site_edit)
        self.key_label = _buddy(QLabel(), self.key_edit)

        form = QFormLayout()
        form.addRow(self.desk_label, self.desk_edit)
        form.addRow(self.site_label, self.site_edit)
        form.addRow(self.key_label, self.key_edit)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.keyring_label)
        layout.addLayout(form)
        layout.addLayout(check_row)
        layout.addWidget(self.message_label)
        layout.addStretch(1)

        for edit in (self.desk_edit, self.site_edit, self.key_edit):
            edit.textEdited.connect(self._edited)
            if check_on_enter:
                edit.returnPressed.connect(self._enter)
        self.check_button.clicked.connect(lambda: self.check_desk())
        self.retranslate()
        self._update_button()

    def retranslate(self) -> None:
        self.desk_label.setText(self.tr("&Desk id"))
        self.site_label.setText(self.tr("S&ite code"))
        self.key_label.setText(self.tr("Desk &key"))
        self.key_edit.setPlaceholderText(
            self.tr("as the administrator issued it") if self._key_required
            else self.tr("empty: keep the key this computer keeps"))
        self.check_button.setText(self.tr("&Check with the central system"))
        if self.vault.is_persistent:
            clear_message(self.keyring_label)
        else:
            show_message(self.keyring_label, self.tr(
                "This computer has no working password keyring, so the desk key cannot be kept safely and this desk "
                "cannot be set up. Ask the site's IT to install or unlock the keyring (Windows Credential Manager, "
                "or the Secret Service on Linux), then set the desk up again."), Tone.ERROR)
        self._say_again()

    # ------------------------------------------------------------------ values

    def desk_id(self) -> str:
        return self.desk_edit.text().strip()

    def site_code(self) -> str | None:
        return normal_site_code(self.site_edit.text())

    def key(self) -> str:
        return self.key_edit.text().strip()

    @property
    def usable(self) -> bool:
        """A key can be kept on this computer."""
        return self.vault.is_persistent

    def asked(self) -> tuple[str, str, str, tuple[str, str | None]]:
        return self.desk_id(), self.site_edit.text().strip(), self.key(), self._connection()

    def holds(self) -> bool:
        """The last check was of what the fields (and the connection's) hold now."""
        return self.check is not None and self._checked_for == self.asked()

    # ------------------------------------------------------------------ actions

    def problem(self) -> tuple[str, QLineEdit] | None:
        """What must be typed before the central system is asked, and where."""
        if not DESK_ID.fullmatch(self.desk_id()):
            return self.tr("Type the desk id the administrator enrolled this desk with (letters, digits, dot, dash or "
                       "underscore, for example DESK-NT-01)."), self.desk_edit
        if self.site_code() is None:
            return self.tr("Type the site code: groups of digits and capital letters with dots, at most {count} "
                       "characters, for example 000.00.17.H56.").format(count=SITE_CODE_MAX), self.site_edit
        if self._key_required and not self.key():
            return self.tr("Type the desk key the administrator issued for this desk."), self.key_edit
        return None

    def check_desk(self) -> Op | None:
        if self.busy or not self.usable:
            return None
        found = self.problem()
        if found is not None:
            _text, field = found
            self.check = None
            self._show("problem", None)
            field.setFocus()
            field.selectAll()
            return None
        asked = self.asked()
        desk_id, site_code, key, (url, authority) = asked
        vault = self.vault

        def work() -> EnrolmentCheck:
            desk_key = key or vault.load_desk_key(desk_id)
            if not desk_key:
                raise NoKeptKey(NoKeptKey.TEMPLATE, desk=desk_id)
            return check_desk(url, authority, desk_id, desk_key, site_code)

        return self._ask(asked, work, None)

    def _enter(self) -> None:
        if self.check is None:
            self.check_desk()

    def _forget(self) -> None:
        self.check = None

    def _answered(self, asked: tuple, check: EnrolmentCheck) -> None:
        self.check, self._checked_for = check, asked
        self._show("check", check)
        self.checked.emit(check)

    def _failed(self, asked: tuple, error: Exception) -> None:
        self._show("error", (asked[3][0], asked[0], error))
        if isinstance(error, AuthenticationFailed):
            self.key_edit.setFocus()
            self.key_edit.selectAll()
        elif isinstance(error, SiteMismatch):
            self.site_edit.setFocus()
            self.site_edit.selectAll()

    def _update_button(self) -> None:
        self.check_button.setEnabled(self.usable and not self.busy)
        for edit in (self.desk_edit, self.site_edit, self.key_edit):
            edit.setEnabled(self.usable)

    # ------------------------------------------------------------------ what the form says

    def _say_again(self) -> None:
        if self._shown is None:
            clear_message(self.message_label)
            return
        kind, what = self._shown
        if kind == "asking":
            show_message(self.message_label, self.tr("Checking the desk with the central system…"), Tone.INFO)
        elif kind == "problem":
            found = self.problem()
            show_message(self.message_label, found[0] if found else "", Tone.ERROR)
        elif kind == "check":
            assert isinstance(what, EnrolmentCheck)
            show_message(self.message_label, self.tr("Desk {desk} is enrolled at {site} ({code}).").format(
                desk=what.desk_id, site=what.site_name, code=what.site_code), Tone.OK)
        else:
            url, desk_id, error = what  # type: ignore[misc]
            show_message(self.message_label, enrolment_problem(error, url, desk_id), Tone.ERROR)
