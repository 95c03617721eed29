"""The Vietnamese catalogue is complete, covers every source string, and its .qm is current."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desk_app.core.identity import CccdError, parse_cccd_qr
from desk_app.gui.errors import error_text

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("build_translations", REPO / "scripts" / "build_translations.py")
assert _spec is not None and _spec.loader is not None
build_translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_translations)

TS = build_translations.ts_path("vi")
QM = build_translations.qm_path("vi")
PLACEHOLDER = re.compile(r"\{\w*\}")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


def test_every_message_is_translated():
    unfinished = [
        f"{context}: {source}"
        for (context, source), translation in messages(TS).items()
        if translation is None
        or translation.get("type") in ("unfinished", "obsolete", "vanished")
        or not (translation.text or "").strip()
    ]
    assert not unfinished, "untranslated in desk_vi.ts (open it in pyside6-linguist):\n" + "\n".join(unfinished)


def test_translations_keep_every_placeholder():
    broken = [
        f"{context}: {source!r} -> {translation.text!r}"
        for (context, source), translation in messages(TS).items()
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation.text or ""))
    ]
    assert not broken, "\n".join(broken)


def test_the_catalogue_covers_every_source_string(tmp_path):
    fresh = tmp_path / "fresh.ts"
    build_translations.run_lupdate(fresh, "vi")
    in_sources = set(messages(fresh))
    in_catalogue = set(messages(TS))
    missing = sorted(in_sources - in_catalogue)
    extra = sorted(in_catalogue - in_sources)
    assert not missing and not extra, (
        "desk_vi.ts is out of date; run `python scripts/build_translations.py` and translate:\n"
        f"missing: {missing}\nno longer in the sources: {extra}"
    )


def test_the_compiled_catalogue_is_current(tmp_path):
    fresh = tmp_path / "desk_vi.qm"
    build_translations.run_lrelease(TS, fresh)
    assert QM.exists(), "desk_vi.qm is missing; run `python scripts/build_translations.py`"
    assert fresh.read_bytes() == QM.read_bytes(), "desk_vi.qm is stale; run `python scripts/build_translations.py`"


def test_the_sources_mark_desk_errors_from_the_qt_free_packages():
    sources = {source for (context, source) in messages(TS) if context == "DeskError"}
    assert any("citizen ID card QR code" in s for s in sources)  # core.identity
    assert any(s.startswith("{label}:") for s in sources)  # core.validation


def test_desk_errors_are_shown_in_vietnamese_with_their_parameters(vietnamese):
    with pytest.raises(CccdError) as caught:
        parse_cccd_qr("a|b|c")
    text = error_text(caught.value)
    assert text.startswith("Đây không phải mã QR của thẻ căn cước công dân: mã có 3 trường")


def test_marked_words_inside_a_message_are_translated_too(vietnamese):
    with pytest.raises(CccdError) as caught:
        parse_cccd_qr("056162123456|225123456|Nguyễn Văn A|31021962|Nam|Khánh Hòa|15072021")
    assert error_text(caught.value).startswith("Ngày sinh trên thẻ, “31021962”, không phải là một ngày có thật")


def test_english_is_the_fallback_without_a_translator(qapp):
    assert QCoreApplication.translate("MainWindow", "&Send now") == "&Send now"


def test_ui_forms_pick_up_the_translation(vietnamese, qtbot):
    from desk_app.gui.forms.ui_login_window import Ui_LoginWindow
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    qtbot.addWidget(dialog)
    ui = Ui_LoginWindow()
    ui.setupUi(dialog)
    assert ui.loginButton.text() == "Đăng &nhập"
