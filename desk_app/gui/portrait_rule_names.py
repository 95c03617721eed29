"""The portrait rules by short name, for wherever a photo's failures are listed without its report.

A draft brought back, the review step's summary and the supervisor's review keep which
rules a photo failed, not the full report with its advice: these names stand for them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from desk_app.core.messages import QT_TRANSLATE_NOOP
from desk_app.photo.rules import Rule

_CONTEXT = "PortraitRuleName"
_NAMES = {
    Rule.ONE_FACE: QT_TRANSLATE_NOOP("PortraitRuleName", "one face"),
    Rule.FACE_SIZE: QT_TRANSLATE_NOOP("PortraitRuleName", "face size"),
    Rule.CENTRED: QT_TRANSLATE_NOOP("PortraitRuleName", "face centred"),
    Rule.LEVEL: QT_TRANSLATE_NOOP("PortraitRuleName", "head straight"),
    Rule.EYES: QT_TRANSLATE_NOOP("PortraitRuleName", "eyes visible"),
    Rule.SHARP: QT_TRANSLATE_NOOP("PortraitRuleName", "sharpness"),
    Rule.EXPOSURE: QT_TRANSLATE_NOOP("PortraitRuleName", "light"),
    Rule.BACKGROUND_PLAIN: QT_TRANSLATE_NOOP("PortraitRuleName", "plain background"),
    Rule.BACKGROUND_COLOUR: QT_TRANSLATE_NOOP("PortraitRuleName", "background colour"),
}


def rule_name(value: str) -> str:
    """The rule's short name in the desk's language; an unknown rule (a newer desk's) as it is."""
    try:
        return QCoreApplication.translate(_CONTEXT, _NAMES[Rule(value)])
    except (ValueError, KeyError):
        return value


def rule_names(values: Iterable[str]) -> str:
    """Several rules' names as one list: "face size, light"."""
    return ", ".join(rule_name(value) for value in values)
