"""Names a supervisor reads for the review rules' flags, the review decisions, the channels a
dossier came by and the forms printed for it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk_app.core.dossier import Channel
from desk_app.core.review import ReviewAction, ReviewFlag

from ..labels import translated_name

# In the order a supervisor weighs them: what the desk accepted against a rule comes first.
_FLAG_NAMES = {
    ReviewFlag.PHOTO_EXCEPTION: QT_TRANSLATE_NOOP("ReviewFlag", "photo exception"),
    ReviewFlag.VALIDATION_OVERRIDE: QT_TRANSLATE_NOOP("ReviewFlag", "documents short"),
    ReviewFlag.REFUND: QT_TRANSLATE_NOOP("ReviewFlag", "refund"),
    ReviewFlag.REPRINT: QT_TRANSLATE_NOOP("ReviewFlag", "reprint"),
    ReviewFlag.SYNC_HELD: QT_TRANSLATE_NOOP("ReviewFlag", "sending held"),
    ReviewFlag.LATE: QT_TRANSLATE_NOOP("ReviewFlag", "late"),
}

_ACTION_NAMES = {
    ReviewAction.APPROVE: QT_TRANSLATE_NOOP("ReviewAction", "Approved"),
    ReviewAction.RETURN: QT_TRANSLATE_NOOP("ReviewAction", "Returned to the officer"),
    ReviewAction.ESCALATE: QT_TRANSLATE_NOOP("ReviewAction", "Escalated"),
}

_CHANNEL_NAMES = {
    Channel.DIRECT: QT_TRANSLATE_NOOP("Channel", "At the desk"),
    Channel.ONLINE: QT_TRANSLATE_NOOP("Channel", "Online"),
    Channel.POSTAL: QT_TRANSLATE_NOOP("Channel", "By post"),
}

# By FormKind value (gui.intake.dossier_forms), as the print log keeps them.
_FORM_NAMES = {
    "receipt": QT_TRANSLATE_NOOP("PrintedForm", "The receipt (Mẫu 01)"),
    "supplement": QT_TRANSLATE_NOOP("PrintedForm", "The supplement request (Mẫu 02)"),
    "refusal": QT_TRANSLATE_NOOP("PrintedForm", "The refusal (Mẫu 03)"),
    "fee_receipt": QT_TRANSLATE_NOOP("PrintedForm", "The fee receipt"),
}


def flag_name(flag: ReviewFlag) -> str:
    return QCoreApplication.translate("ReviewFlag", _FLAG_NAMES[flag])


# As plain ints: IntFlag arithmetic would cost an enum lookup per test, per cell painted.
_FLAG_BITS = [(int(flag), flag) for flag in _FLAG_NAMES]


def flags_in_order(flags: int) -> list[ReviewFlag]:
    """The flags set in ``flags``, in the order they are listed; bits no rule knows are left out."""
    flags = int(flags)
    return [flag for bit, flag in _FLAG_BITS if flags & bit]


def flag_names(flags: int) -> str:
    """Every flag of ``flags`` by name, as one list: "photo exception, late"."""
    return ", ".join(flag_name(flag) for flag in flags_in_order(flags))


def action_name(action: str | None) -> str:
    """A review decision by name; "" for none, and an unknown one (a newer centre's) as it is."""
    if not action:
        return ""
    try:
        return QCoreApplication.translate("ReviewAction", _ACTION_NAMES[ReviewAction(action)])
    except ValueError:
        return action


def channel_name(channel: int) -> str:
    try:
        text = _CHANNEL_NAMES[Channel(channel)]
    except ValueError:
        return QCoreApplication.translate("Channel", "Channel {code}").format(code=channel)
    return QCoreApplication.translate("Channel", text)


def form_name(kind: str) -> str:
    """A printed form by name; one this desk does not know (a newer desk's) as it is."""
    return translated_name(_FORM_NAMES, kind, "PrintedForm")
