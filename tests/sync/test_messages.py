"""Every message the sync layer can show is extractable for the Vietnamese translation."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import desk_app.sync.errors as errors_module
from desk_app.core.messages import DeskError

ROOT = Path(__file__).resolve().parents[2]


def sync_templates() -> set[str]:
    templates = set()
    for value in vars(errors_module).values():
        if isinstance(value, type) and issubclass(value, DeskError):
            templates |= {v for k, v in vars(value).items() if k.isupper() and isinstance(v, str)}
    return templates


def test_every_sync_error_template_is_found_by_lupdate(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    ts = tmp_path / "sync.ts"
    result = subprocess.run(
        [str(lupdate), *sorted(str(p) for p in (ROOT / "desk_app" / "sync").glob("*.py")), "-ts", str(ts)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    extracted = {
        message.findtext("source")
        for context in ET.parse(ts).getroot().iter("context") if context.findtext("name") == "DeskError"
        for message in context.iter("message")
    }
    templates = sync_templates()
    assert len(templates) >= 10
    assert templates <= extracted, templates - extracted


def test_templates_say_what_happens_next():
    # An officer reads these at the counter: each names an outcome or an action, not a status code alone.
    for template in sync_templates():
        assert template.endswith("."), template
        assert any(word in template for word in ("will", "again", "kept", "review", "Sign in", "ask", "tell", "Check")), template
