"""The desk started as a person starts it: a separate process, demo mode, a real demo server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]


def run_desk(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DESK_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "desk_app", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_demo_start_signs_in_shows_the_main_window_and_saves_a_screenshot(tmp_path):
    shot = tmp_path / "main.png"
    result = run_desk("--demo", "--data-dir", str(tmp_path / "desk"), "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr[-3000:]
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768)
    log = (tmp_path / "desk" / "logs" / "desk.log").read_text(encoding="utf-8")
    assert "main window shown after" in log and "desk stopped (exit 0)" in log
    assert "Nguyễn" not in log and "demo1234" not in log  # no personal data, no secrets
    settings = (tmp_path / "desk" / "config" / "settings.json").read_text(encoding="utf-8")
    assert '"last_username": "canbo01"' in settings


def test_quit_after_shown_exits_cleanly(tmp_path):
    result = run_desk("--demo", "--data-dir", str(tmp_path / "desk"), "--quit-after-shown", "--language", "en")
    assert result.returncode == 0, result.stderr[-3000:]


def test_unattended_runs_need_demo_mode(tmp_path):
    result = run_desk("--server", "http://127.0.0.1:9", "--data-dir", str(tmp_path / "desk"), "--quit-after-shown")
    assert result.returncode == 2
    assert "demo mode" in result.stderr


def test_the_desk_application_signs_in_logs_out_and_shuts_down(qtbot, tmp_path):
    from desk_app.app import DeskApplication
    from desk_app.credentials import TokenVault
    from desk_app.gui.printing import PdfFileReceiptPrinter
    from desk_app.paths import DeskPaths
    from desk_app.settings import DeskSettings

    paths = DeskPaths.under(tmp_path / "desk").create()
    desk = DeskApplication(
        paths,
        DeskSettings(),
        demo=True,
        printer=PdfFileReceiptPrinter(tmp_path / "printed.pdf"),
        vault=TokenVault(service="one-stop-desk-tests", use_keyring=False),
        auto_login=True,
    )
    try:
        with qtbot.waitSignal(desk.main_window_shown, timeout=60_000) as shown:
            desk.start()
        window = shown.args[0]
        assert window.objectName() == "MainWindow" and window.isVisible()
        assert not desk.login_window.isVisible()
        assert "[DEMO]" in window.windowTitle() and window.ui.demoBadge.isVisible()
        assert isinstance(window.services.printer, PdfFileReceiptPrinter)
        window.ui.actionLogOut.trigger()
        assert desk.login_window.isVisible() and desk.main_window is None
    finally:
        desk.login_window.close()
        desk.shutdown()
    assert desk.demo_server is None and desk.services.store is None
