"""Names a person reads for the domain's codes: dossier statuses, sync states, payment methods,
money, dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk_app.core.dossier import DossierStatus
from desk_app.core.fees import PaymentMethod
from desk_app.core.timeutil import VN_TZ

_STATUS_NAMES = {
    DossierStatus.NEW: QT_TRANSLATE_NOOP("DossierStatus", "New"),
    DossierStatus.ACCEPTED: QT_TRANSLATE_NOOP("DossierStatus", "Accepted"),
    DossierStatus.REFUSED: QT_TRANSLATE_NOOP("DossierStatus", "Refused"),
    DossierStatus.PROCESSING: QT_TRANSLATE_NOOP("DossierStatus", "Being processed"),
    DossierStatus.SUPPLEMENT_REQUESTED: QT_TRANSLATE_NOOP("DossierStatus", "Supplement requested"),
    DossierStatus.PAYMENT_REQUESTED: QT_TRANSLATE_NOOP("DossierStatus", "Payment requested"),
    DossierStatus.WITHDRAWN: QT_TRANSLATE_NOOP("DossierStatus", "Withdrawn by the citizen"),
    DossierStatus.STOPPED: QT_TRANSLATE_NOOP("DossierStatus", "Processing stopped"),
    DossierStatus.RESULT_READY: QT_TRANSLATE_NOOP("DossierStatus", "Result ready"),
    DossierStatus.HANDED_OVER: QT_TRANSLATE_NOOP("DossierStatus", "Result handed over"),
}

_SYNC_STATES = {
    "waiting": QT_TRANSLATE_NOOP("SyncState", "Waiting to send"),
    "sending": QT_TRANSLATE_NOOP("SyncState", "Sending"),
    "sent": QT_TRANSLATE_NOOP("SyncState", "Sent"),
    "retrying": QT_TRANSLATE_NOOP("SyncState", "Will retry"),
    "held": QT_TRANSLATE_NOOP("SyncState", "Held for review"),
    "discarded": QT_TRANSLATE_NOOP("SyncState", "Discarded by a supervisor"),
}

_PAYMENT_METHODS = {
    PaymentMethod.CASH: QT_TRANSLATE_NOOP("PaymentMethod", "cash"),
    PaymentMethod.BANK_TRANSFER: QT_TRANSLATE_NOOP("PaymentMethod", "bank transfer"),
    PaymentMethod.QR: QT_TRANSLATE_NOOP("PaymentMethod", "QR payment"),
}


def payment_method_name(method: PaymentMethod) -> str:
    return QCoreApplication.translate("PaymentMethod", _PAYMENT_METHODS[method])


def status_name(status: int) -> str:
    try:
        text = _STATUS_NAMES[DossierStatus(status)]
    except ValueError:
        return QCoreApplication.translate("DossierStatus", "Unknown status {code}").format(code=status)
    return QCoreApplication.translate("DossierStatus", text)


def translated_name(names: Mapping[Any, str], key: Any, context: str) -> str:
    """``key``'s name in the reader's language; a key with no name (a newer peer's code) as it is."""
    text = names.get(key)
    return str(key) if text is None else QCoreApplication.translate(context, text)


def sync_state_name(state: str) -> str:
    return translated_name(_SYNC_STATES, state, "SyncState")


def format_money(amount: int) -> str:
    """135000 → "135.000 đ": Vietnamese groups thousands with dots."""
    return f"{amount:,}".replace(",", ".") + " đ"


def format_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def format_moment(moment: datetime | None) -> str:
    """Counter time, hh:mm dd/mm/yyyy, the order the receipt prints it."""
    if moment is None:
        return ""
    return moment.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
