"""No token, password, ID number, name, address or phone in any log of a full working day.

The walk of tests/e2e/test_walkthrough.py (the real desk against the real central API on
loopback) runs with the desk's own rotating log file at DEBUG, the central API's loggers
(its access log included) written to a file, and an unfiltered copy of every record
besides, so that the redacting formatter on the desk's file cannot hide a source that
leaks. Around the walk come the moments that tend to leak: a sign-in with a wrong password,
register look-ups by CCCD (one the register knows, one it does not), a sync pass, a print,
the desk locked and unlocked after one wrong password; then the network goes down and a
second citizen is taken with every look-up, check and send failing. Then every log file is
read back and searched for the values the run really used: the tokens the client held, the
keys in the keyring, the passwords typed, and the citizen's data as saved in the dossier
(names also without diacritics, in any case).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from central_api.access_log import ACCESS_LOGGER
from central_api.serving import LOG_CONFIG, ServeOptions, uvicorn_config
from desk_app.app import setup_logging
from desk_app.core.identity import Sex
from desk_app.core.text import fold
from desk_app.gui.ops import wait_for_ops
from desk_app.sync.errors import CentralUnavailable
from tests.e2e.test_walkthrough import (  # noqa: F401 - central and vietnamese are fixtures
    central,
    log_in,
    print_and_read,
    queue_state,
    server_dossiers,
    shut,
    start_desk,
    take_dossier,
    vietnamese,
)
from tests.support.central_server import DEMO_PASSWORD, RunningCentral
from tests.support.citizens import cccd_number

WRONG_PASSWORD = "Sai-mat-khau-7731"
WRONG_UNLOCK_PASSWORD = "Nham-mat-khau-5519"
# A well-formed number the demo register does not hold: its look-up answers 404.
UNKNOWN_CCCD = cccd_number("079", date(1990, 4, 2), Sex.MALE, 654321)
# Not "uvicorn.access": uvicorn writes its raw request lines only when that logger has a
# handler, and the served API keeps it without one (checked below).
CENTRAL_LOGGERS = ("central_api", ACCESS_LOGGER, "uvicorn", "uvicorn.error")


@dataclass
class CapturedLogs:
    folder: Path
    handlers: list[tuple[logging.Logger, logging.Handler]] = field(default_factory=list)

    def close(self) -> None:
        for logger, handler in self.handlers:
            logger.removeHandler(handler)
            handler.close()
        self.handlers.clear()

    def texts(self) -> dict[str, str]:
        return {str(path.relative_to(self.folder)): path.read_text(encoding="utf-8")
                for path in sorted(self.folder.rglob("*")) if path.is_file()}


def _file_handler(path: Path) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    return handler


@pytest.fixture
def captured_logs(central: RunningCentral, tmp_path: Path) -> Iterator[CapturedLogs]:
    """Set up after the central API started: uvicorn's start-up replaces its loggers' handlers."""
    folder = tmp_path / "logs"
    root = logging.getLogger()
    kept_handlers, kept_levels = list(root.handlers), {name: logging.getLogger(name).level for name in CENTRAL_LOGGERS}
    kept_root_level = root.level
    captured = CapturedLogs(folder)
    setup_logging(folder / "desk", level=logging.DEBUG)
    captured.handlers += [(root, h) for h in root.handlers if h not in kept_handlers]
    raw = _file_handler(folder / "unfiltered.log")
    root.addHandler(raw)
    captured.handlers.append((root, raw))
    central_file = _file_handler(folder / "central" / "central.log")
    for name in CENTRAL_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.DEBUG)
        logger.addHandler(central_file)
        captured.handlers.append((logger, central_file))
    try:
        yield captured
    finally:
        captured.close()
        root.setLevel(kept_root_level)
        for name, level in kept_levels.items():
            logging.getLogger(name).setLevel(level)


def sign_in_with_a_wrong_password(qtbot, desk) -> None:
    ui = desk.login_window.ui
    ui.usernameEdit.setText("canbo01")
    ui.passwordEdit.setText(WRONG_PASSWORD)
    op = desk.login_window.login()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=15_000)
    assert desk.login_window.isVisible() and ui.messageLabel.text()
    ui.usernameEdit.clear()
    ui.passwordEdit.clear()


def test_no_secret_or_personal_value_reaches_any_log(qtbot, tmp_path, central, captured_logs, vietnamese, os_keyring):
    desk, printed = start_desk(qtbot, tmp_path, central.base_url)
    tokens: set[str] = set()
    kept_in_keyring: set[str] = set()  # the store key, the receipt-signing key, the refresh token
    try:
        sign_in_with_a_wrong_password(qtbot, desk)
        window = log_in(qtbot, desk)
        client = window.session.client
        tokens.update({client.access_token, client.refresh_token})
        signed_in_hook = client.on_tokens

        def keep_tokens(result) -> None:  # every renewal's pair is a secret of this run too
            tokens.update({result.access_token, result.refresh_token})
            if signed_in_hook is not None:
                signed_in_hook(result)

        client.on_tokens = keep_tokens

        # The citizen step asks the register for the scanned CCCD; the checks run meanwhile.
        dossier, preview = take_dossier(qtbot, window, tmp_path)
        print_and_read(qtbot, preview, printed, tmp_path / "receipt.pdf")
        preview.close()

        window.ui.actionSendNow.trigger()
        qtbot.waitUntil(lambda: dossier.client_id in server_dossiers(central), timeout=30_000)
        qtbot.waitUntil(lambda: queue_state(window, dossier.client_id) == "sent", timeout=30_000)

        # Look-ups that end in an error, the lines most tempted to name what was asked.
        assert client.lookup_citizen(UNKNOWN_CCCD) is None
        client.check_traffic_violations(dossier.applicant.cccd)
        tokens.update({client.access_token, client.refresh_token})
        kept_in_keyring.update(os_keyring.items.values())

        # The officer steps away (Ctrl+L) and comes back, mistyping the password once.
        wait_for_ops(15_000)  # the offline sign-in record the unlock checks against
        lock = window.session_lock
        lock.action.trigger()
        qtbot.waitUntil(lambda: lock.locked, timeout=5_000)
        screen = lock.screen
        screen.password_edit.setText(WRONG_UNLOCK_PASSWORD)
        screen.unlock_button.click()
        qtbot.waitUntil(lambda: screen.password_edit.text() == "", timeout=15_000)
        assert lock.locked
        screen.password_edit.setText(DEMO_PASSWORD)
        screen.unlock_button.click()
        qtbot.waitUntil(lambda: not lock.locked, timeout=15_000)

        # The network goes down: the next citizen's look-ups, checks and sending all fail.
        central.server.stop()
        offline, preview = take_dossier(qtbot, window, tmp_path)
        print_and_read(qtbot, preview, printed, tmp_path / "receipt-offline.pdf")
        preview.close()
        window.ui.actionSendNow.trigger()
        qtbot.waitUntil(lambda: window.online_label.property("online") is False, timeout=30_000)
        for ask in (client.lookup_citizen, client.check_traffic_violations, client.driving_licences):
            with pytest.raises(CentralUnavailable):
                ask(offline.applicant.cccd)
        kept_in_keyring.update(os_keyring.items.values())
    finally:
        shut(desk)
    texts = captured_logs.texts()
    captured_logs.close()

    applicant = dossier.applicant
    secrets = {
        "password": DEMO_PASSWORD,
        "wrong password": WRONG_PASSWORD,
        "wrong unlock password": WRONG_UNLOCK_PASSWORD,
        "CCCD number": applicant.cccd,
        "CMND number": applicant.cmnd,
        "unknown CCCD asked for": UNKNOWN_CCCD,
        "full name": applicant.full_name,
        "given names": " ".join(applicant.full_name.split()[-2:]),
        "address": applicant.address,
        "street": applicant.address.split(",")[0],
        "date of birth": applicant.date_of_birth.isoformat(),
        "date of birth as printed": applicant.date_of_birth.strftime("%d/%m/%Y"),
        "phone": applicant.phone,
        "phone as typed": "0905 123 456",
        "licence number": dossier.form_values["licence_number"],
        **{f"token {i}": token for i, token in enumerate(sorted(t for t in tokens if t))},
        # Stored as "<format>:<base64>": the encoded key alone is the secret.
        **{f"keyring entry {i}": value.rpartition(":")[2] for i, value in enumerate(sorted(kept_in_keyring))},
    }
    assert all(secrets.values()), secrets.keys()
    assert sum(1 for key in secrets if key.startswith("token")) >= 2
    assert sum(1 for key in secrets if key.startswith("keyring")) >= 3

    # The logs were really written, and cover what the walk did.
    assert {"desk/desk.log", "unfiltered.log", "central/central.log"} <= set(texts)
    access = [json.loads(line.split(": ", 1)[1]) for line in texts["central/central.log"].splitlines()
              if f" {ACCESS_LOGGER}: " in line]
    routes = {(line["method"], line["route"], line["status"]) for line in access}
    assert ("POST", "/v1/auth/token", 401) in routes and ("POST", "/v1/auth/token", 200) in routes
    assert ("GET", "/v1/citizens/{cccd}", 200) in routes and ("GET", "/v1/citizens/{cccd}", 404) in routes
    assert any(route == "/v1/dossiers/{client_id}" for _m, route, _s in routes)
    assert "sync pass" in texts["desk/desk.log"]

    leaks = []
    for name, text in texts.items():
        folded = fold(text)
        for what, value in secrets.items():
            if value in text or fold(value) in folded:
                leaks.append(f"{what} in {name}: " + next(
                    (line for line in text.splitlines() if value in line or fold(value) in fold(line)), "")[:300])
    assert not leaks, "\n".join(leaks)


def test_the_served_central_api_keeps_uvicorn_s_own_access_log_off():
    """uvicorn's access line is the raw request line: /v1/citizens/<CCCD>, query strings."""
    assert uvicorn_config(ServeOptions()).access_log is False
    assert LOG_CONFIG["loggers"]["uvicorn.access"]["handlers"] == []
    assert LOG_CONFIG["loggers"]["uvicorn.access"]["propagate"] is False
