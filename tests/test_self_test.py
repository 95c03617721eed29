"""``--self-test`` run from source as CI runs the frozen build's: a separate process, offscreen, no
keyring. It takes the whole desk through start-up, a dossier, its receipt and a print (about
ten seconds, most of it the demo central API's start and the 300 dpi print): that is what it is for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ["resources", "store and demo central API", "sign-in and main window", "first sync", "receipt", "print",
          "dossier sent to the central API", "shutdown"]


def test_the_self_test_passes_in_a_temporary_folder_and_reports_every_check(tmp_path: Path) -> None:
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    report = tmp_path / "report.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_STATE_HOME=str(home / "state"), TMPDIR=str(temp))
    env.pop("DESK_HOME", None)
    result = subprocess.run([sys.executable, "-m", "desk_app", "--self-test", str(report)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = report.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    outcome = json.loads(lines[0])
    assert outcome["self_test"] == "passed" and outcome["frozen"] is False
    assert [check["name"] for check in outcome["checks"]] == CHECKS
    assert all(check["ms"] >= 0 for check in outcome["checks"])
    checks = {check["name"]: check for check in outcome["checks"]}
    assert checks["resources"]["translation"] is True and checks["resources"]["platform"] == "offscreen"
    receipt = checks["receipt"]
    assert receipt["pages"] >= 1 and receipt["qr_codes"] >= 1 and "LiberationSerif" in receipt["fonts"]
    assert checks["dossier sent to the central API"]["code"] == receipt["dossier_code"]
    assert checks["print"]["sheets"] == receipt["pages"]
    # Everything happened in its own temporary folder, deleted afterwards: nothing in the
    # user's folders, nothing left behind.
    assert list(home.iterdir()) == [] and list(temp.iterdir()) == []


def test_a_check_that_fails_gives_a_non_zero_exit_and_says_where(qapp: QApplication, tmp_path: Path, monkeypatch,
                                                                 capfd) -> None:
    """An installed desk whose icons folder is missing (a broken build) fails at once."""
    from desk_app.gui import icons
    from desk_app.app import main

    monkeypatch.setattr(icons, "ICONS_DIR", tmp_path / "no-icons")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    icons.icon.cache_clear()
    report = tmp_path / "report.json"
    try:
        code = main(["--self-test", str(report), "--language", "en"])
    finally:
        icons.icon.cache_clear()
    assert code == 1
    outcome = json.loads(report.read_text(encoding="utf-8"))
    assert outcome["self_test"] == "failed" and outcome["failed_at"] == "resources"
    assert "application icon" in outcome["error"]
    assert "Self-test FAILED at resources: SelfTestFailed: the application icon" in capfd.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]  # its folder is gone
