"""The fee receipt (biên lai thu phí, lệ phí) of a dossier's payment, ready for the preview.

A dossier whose fees were paid at the desk has a payment recorded with it; its receipt is
printed from the main window (Dossier → Print the fee receipt). The first print is just
that; any later one is a reprint, asked for with a reason and marked "Bản in lại", as the
forms are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from desk_app.core.dossier import Dossier
from desk_app.core.fees import FeeKind, FeeRecord
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.documents import PaperFormat, fee_receipt_data, render_fee_receipt
from desk_app.store import DeskStore
from desk_app.store.records import PRINTED
from desk_app.sync.client import UserInfo

from .intake.dossier_forms import FormKind
from .print_preview import procedure_of


class NoPaymentRecorded(DeskError):
    """The dossier has no fee payment to print a receipt for."""


@dataclass(frozen=True)
class FeeReceiptJob:
    """What the preview needs: the dossier, its payment, whether a receipt was printed before,
    and how to lay it out on a paper (run off the UI thread)."""

    dossier: Dossier
    payment: FeeRecord
    printed_before: bool
    render: Callable[[PaperFormat, datetime | None], bytes]


def latest_payment(records: list[FeeRecord]) -> FeeRecord | None:
    """The payment a receipt is printed for: the latest one not wholly refunded."""
    refunded: dict[str, int] = {}
    for record in records:
        if record.kind is FeeKind.REFUND and record.refers_to is not None:
            refunded[record.refers_to] = refunded.get(record.refers_to, 0) + record.amount
    payments = [r for r in records if r.kind is FeeKind.PAYMENT and refunded.get(r.fee_id, 0) < r.amount]
    return max(payments, key=lambda r: r.recorded_at, default=None)


def fee_receipt_job(store: DeskStore, client_id: str, user: UserInfo) -> FeeReceiptJob:
    """Everything to print a dossier's fee receipt; reads the store (call it off the UI thread)."""
    dossier = store.get_dossier(client_id)
    payment = latest_payment(store.fee_records(client_id))
    if payment is None:
        raise NoPaymentRecorded(QT_TRANSLATE_NOOP(
            "DeskError", "No fee was paid for dossier {code} at this desk, so there is no fee receipt to print."),
            code=dossier.code or "")
    procedure = procedure_of(store, dossier)
    # The collector signs; the desk knows the full name of whoever is signed in now.
    collector = user.full_name if payment.officer_username == user.username else payment.officer_username
    data = fee_receipt_data(dossier, payment, procedure, place=user.place, officer_name=collector)
    printed_before = any(p.kind == FormKind.FEE_RECEIPT.value and p.outcome == PRINTED
                         for p in store.prints(client_id))

    def render(paper: PaperFormat, reprinted_at: datetime | None) -> bytes:
        return render_fee_receipt(data, paper=paper, reprinted_at=reprinted_at)

    return FeeReceiptJob(dossier, payment, printed_before, render)
