"""Which official form a saved dossier prints, and that form rendered: what the intake wizard
prints after saving and what a reprint from the main window prints again, built the same way.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from desk_app.core.catalogue import Procedure
from desk_app.core.dossier import Dossier, DossierStatus
from desk_app.documents.page_formats import PaperFormat
from desk_app.documents.receipt import render_receipt
from desk_app.documents.refusal import render_refusal
from desk_app.documents.supplement import render_supplement
from desk_app.signing_key import ReceiptKey
from desk_app.sync.client import UserInfo

from .draft import build_receipt, build_refusal, build_supplement


class FormKind(str, Enum):
    """The form a dossier's outcome at the desk calls for."""

    RECEIPT = "receipt"        # Mẫu 01, giấy tiếp nhận hồ sơ và hẹn trả kết quả
    SUPPLEMENT = "supplement"  # Mẫu 02, phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
    REFUSAL = "refusal"        # Mẫu 03, phiếu từ chối tiếp nhận giải quyết hồ sơ
    FEE_RECEIPT = "fee_receipt"  # biên lai thu phí, lệ phí of a dossier's payment
    LEDGER = "ledger"          # sổ theo dõi hồ sơ of a period: no one dossier's


def form_kind(status: DossierStatus) -> FormKind:
    if status is DossierStatus.SUPPLEMENT_REQUESTED:
        return FormKind.SUPPLEMENT
    if status is DossierStatus.REFUSED:
        return FormKind.REFUSAL
    return FormKind.RECEIPT


def render_form(dossier: Dossier, procedure: Procedure, user: UserInfo, lookup_url: str, *,
                paper: PaperFormat = PaperFormat.A4, reprinted_at: datetime | None = None,
                signer: ReceiptKey | None = None) -> bytes:
    """The form of a saved dossier as PDF bytes, built as the intake wizard builds it (the
    receipt sealed with ``signer``); ``reprinted_at`` marks every page "Bản in lại"."""
    kind = form_kind(dossier.status)
    if kind is FormKind.REFUSAL:
        return render_refusal(build_refusal(dossier, procedure, user), paper=paper, reprinted_at=reprinted_at)
    if kind is FormKind.SUPPLEMENT:
        return render_supplement(build_supplement(dossier, procedure, user), paper=paper, reprinted_at=reprinted_at)
    return render_receipt(build_receipt(dossier, procedure, user, lookup_url, signer=signer),
                          paper=paper, reprinted_at=reprinted_at)
