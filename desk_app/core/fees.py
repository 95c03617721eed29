"""Fee records taken at the desk (lệ phí, phí): a payment with its method and receipt
number, or a refund of an earlier payment with a reason.

A record is named by a UUID chosen when it is taken, so sending it again is harmless: the
central API answers the same record. The amounts are whole đồng.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from .dossier import FeeLine
from .messages import QT_TRANSLATE_NOOP, DeskError
from .timeutil import parse_rfc3339, to_rfc3339

MAX_AMOUNT = 10_000_000_000  # đồng; far above any fee, below any overflow


class PaymentMethod(str, Enum):
    CASH = "cash"                   # Tiền mặt
    BANK_TRANSFER = "bank_transfer"  # Chuyển khoản
    QR = "qr"                       # Thanh toán qua mã QR


class FeeKind(str, Enum):
    PAYMENT = "payment"
    REFUND = "refund"


class FeeRecordError(DeskError):
    """A fee record that does not add up or lacks what the law asks of it."""


@dataclass(frozen=True)
class FeeRecord:
    fee_id: str
    client_id: str
    kind: FeeKind
    amount: int
    method: PaymentMethod
    recorded_at: datetime
    officer_username: str
    receipt_number: str | None = None
    items: tuple[FeeLine, ...] = ()
    reason: str | None = None
    refers_to: str | None = None  # the payment a refund gives back

    def __post_init__(self) -> None:
        if not 0 < self.amount <= MAX_AMOUNT:
            raise FeeRecordError(QT_TRANSLATE_NOOP("DeskError", "A fee amount must be more than 0 đồng."))
        if self.kind is FeeKind.PAYMENT:
            if not self.items:
                raise FeeRecordError(QT_TRANSLATE_NOOP("DeskError", "A fee payment must list what it pays for."))
            if sum(item.amount for item in self.items) != self.amount:
                raise FeeRecordError(
                    QT_TRANSLATE_NOOP("DeskError", "The fee items add up to {items} đồng, not {amount} đồng."),
                    items=sum(item.amount for item in self.items), amount=self.amount,
                )
            if self.refers_to is not None:
                raise FeeRecordError(QT_TRANSLATE_NOOP("DeskError", "Only a refund refers to an earlier payment."))
        else:
            if self.refers_to is None:
                raise FeeRecordError(QT_TRANSLATE_NOOP("DeskError", "A refund must name the payment it gives back."))
            if not (self.reason or "").strip():
                raise FeeRecordError(QT_TRANSLATE_NOOP("DeskError", "A refund needs a reason."))

    @classmethod
    def payment(cls, client_id: str, items: tuple[FeeLine, ...], method: PaymentMethod, *, officer_username: str,
                recorded_at: datetime, receipt_number: str | None = None) -> "FeeRecord":
        return cls(str(uuid.uuid4()), client_id, FeeKind.PAYMENT, sum(i.amount for i in items), method,
                   recorded_at, officer_username, receipt_number, tuple(items))

    @classmethod
    def refund(cls, payment: "FeeRecord", reason: str, *, officer_username: str, recorded_at: datetime,
               amount: int | None = None, receipt_number: str | None = None) -> "FeeRecord":
        return cls(str(uuid.uuid4()), payment.client_id, FeeKind.REFUND, payment.amount if amount is None else amount,
                   payment.method, recorded_at, officer_username, receipt_number, (), reason.strip(), payment.fee_id)

    def to_wire(self) -> dict[str, Any]:
        return {
            "fee_id": self.fee_id,
            "client_id": self.client_id,
            "kind": self.kind.value,
            "amount": self.amount,
            "method": self.method.value,
            "recorded_at": to_rfc3339(self.recorded_at),
            "officer_username": self.officer_username,
            "receipt_number": self.receipt_number,
            "items": [{"code": i.code, "name": i.name, "amount": i.amount} for i in self.items],
            "reason": self.reason,
            "refers_to": self.refers_to,
        }

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> "FeeRecord":
        try:
            return cls(
                fee_id=str(data["fee_id"]),
                client_id=str(data["client_id"]),
                kind=FeeKind(data["kind"]),
                amount=int(data["amount"]),
                method=PaymentMethod(data["method"]),
                recorded_at=parse_rfc3339(data["recorded_at"]),
                officer_username=str(data["officer_username"]),
                receipt_number=data.get("receipt_number"),
                items=tuple(FeeLine(str(i["code"]), str(i["name"]), int(i["amount"])) for i in data.get("items") or ()),
                reason=data.get("reason"),
                refers_to=data.get("refers_to"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise FeeRecordError(
                QT_TRANSLATE_NOOP("DeskError", "A fee record is malformed ({problem})."), problem=str(exc)
            ) from exc
