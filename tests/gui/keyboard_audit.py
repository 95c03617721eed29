"""What a person without a mouse meets on one screen: which controls Tab reaches, which
have a visible Alt shortcut, and which letters two controls claim at once.

Used by the keyboard-only tests of the intake wizard and the desk's dialogs. A control
"has a visible shortcut" when its own text carries one (a button's "&Next", a check box's
"&Use…"), when a label with one is its buddy, or when its text or tool tip names a key
("Camera… (F8)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app.gui.mnemonics import mnemonic_of as mnemonic

_NAMED_KEY = re.compile(r"\((?:Ctrl\+|Alt\+|Shift\+)*(?:F\d{1,2}|Enter|Del|Esc)\)")
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit, QTextEdit)


def usable(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def controls_of(root: QWidget) -> list[QWidget]:
    """The controls a person works with on ``root``, as they stand now (hidden or disabled
    ones do not count). A combo box's own line edit is the combo box; a spin box's too."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not usable(widget):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue
        found.append(widget)
    return found


def name_of(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else ""
    return f"{type(widget).__name__} {widget.objectName() or '(unnamed)'} {text!r}".rstrip(" ''")


@dataclass
class Audit:
    controls: list[QWidget]
    reached: set[int] = field(default_factory=set)
    letters: dict[str, list[str]] = field(default_factory=dict)
    with_shortcut: set[int] = field(default_factory=set)

    def not_reached(self) -> list[str]:
        return [name_of(w) for w in self.controls if id(w) not in self.reached and not self._radio_reached(w)]

    def _radio_reached(self, widget: QWidget) -> bool:
        """Tab stops on the checked button of an exclusive group; the arrows move within it."""
        if not isinstance(widget, QRadioButton) or not widget.autoExclusive():
            return False
        siblings = [w for w in self.controls if isinstance(w, QRadioButton) and w.parent() is widget.parent()]
        return any(id(w) in self.reached for w in siblings)

    def clashes(self) -> dict[str, list[str]]:
        return {letter: owners for letter, owners in self.letters.items() if len(owners) > 1}

    def without_shortcut(self) -> list[str]:
        """Inputs and actions no Alt letter or named key leads to. Read-only text is only
        read. A control inside a region a shortcut leads into (a table, a group of fields)
        is one Tab or arrow away from it, and so is the field an option button opens
        ("Send by post to:" and its address)."""
        return [name_of(w) for w in self.controls
                if not self._led_to(w) and not _read_only(w)]

    def untypeable(self) -> list[str]:
        """Alt letters the keyboard cannot type without a dead key ("&đ", "&ố")."""
        return [owner for letter, owners in self.letters.items()
                if not (letter.isascii() and letter.isalnum()) for owner in owners]

    def _led_to(self, widget: QWidget) -> bool:
        ancestor: QWidget | None = widget
        while ancestor is not None:
            if id(ancestor) in self.with_shortcut:
                return True
            ancestor = ancestor.parentWidget()
        before = widget.previousInFocusChain()
        return isinstance(before, (QRadioButton, QCheckBox)) and id(before) in self.with_shortcut \
            and before.parentWidget() is widget.parentWidget()


def _read_only(widget: QWidget) -> bool:
    return isinstance(widget, (QTextEdit, QPlainTextEdit)) and widget.isReadOnly()


def first_control_in(group: QGroupBox) -> QWidget | None:
    """Where a group box's Alt letter sends the focus: its first control in Tab order."""
    widget = group.nextInFocusChain()
    while widget is not group:
        if group.isAncestorOf(widget) and isinstance(widget, CONTROLS) and usable(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_owner(widget: QWidget | None) -> QWidget | None:
    """The control a focused widget belongs to: an editable combo box's line edit counts as
    the combo box."""
    while widget is not None and not isinstance(widget, CONTROLS):
        widget = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
        return widget.parentWidget()
    return widget


def audit(qtbot: QtBot, window: QWidget, root: QWidget | None = None) -> Audit:
    """Walk ``window``'s Tab chain once round with real Tab presses, and read the Alt letters
    and named keys of what ``root`` (default: the window) shows: the letters of the whole
    window count, since Alt+letter reaches anything visible in it."""
    root = root or window
    result = Audit(controls_of(root))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    # Where the focus stands when the window opens needs no key to get there.
    start = focus_owner(QApplication.focusWidget())
    if start is not None:
        result.with_shortcut.add(id(start))
    seen_in_row = 0
    # Round the chain twice at most: every control of the window, and the window's own buttons.
    for _ in range(2 * len(controls_of(window)) + 4):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        owner = focus_owner(QApplication.focusWidget())
        if owner is None:
            continue
        if id(owner) in result.reached:
            seen_in_row += 1
            if seen_in_row > len(result.controls) + 2:
                break
        else:
            seen_in_row = 0
        result.reached.add(id(owner))

    for bar in window.findChildren(QMenuBar):
        if bar.isVisible():
            for action in bar.actions():
                letter = mnemonic(action.text())
                if action.isVisible() and letter:
                    result.letters.setdefault(letter, []).append(f"menu {action.text()!r}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        target, text = None, ""
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            target, text = widget.buddy(), widget.text()
        elif isinstance(widget, QAbstractButton):
            target, text = widget, widget.text()
        elif isinstance(widget, QGroupBox):
            target, text = (widget if widget.isCheckable() else first_control_in(widget)), widget.title()
        if target is None:
            continue
        letter = mnemonic(text)
        if letter:
            result.letters.setdefault(letter, []).append(name_of(widget))
        if letter or _NAMED_KEY.search(text) or _NAMED_KEY.search(widget.toolTip()):
            result.with_shortcut.update({id(target), id(focus_owner(target) or target)})
            proxy = target.focusProxy()
            if proxy is not None:
                result.with_shortcut.add(id(focus_owner(proxy) or proxy))
    return result
