"""The committed ui_*.py modules are exactly what pyside6-uic makes of ui/*.ui today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_form_is_compiled_and_current(tmp_path):
    fresh = tmp_path / "forms"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_ui.py"), "--out", str(fresh), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        "desk_app/gui/forms is stale; run `python scripts/build_ui.py`:\n" + result.stdout + result.stderr
    )
    ui_files = sorted(p.stem for p in (REPO / "ui").glob("*.ui"))
    assert ui_files, "no Designer forms found in ui/"
    assert sorted(p.name for p in fresh.glob("ui_*.py")) == [f"ui_{name}.py" for name in ui_files]


def test_generated_forms_name_no_machine_path():
    for module in (REPO / "desk_app" / "gui" / "forms").glob("ui_*.py"):
        header = module.read_text(encoding="utf-8").splitlines()[3]
        assert "reading UI file '" in header and "/" not in header.split("'")[1], header
