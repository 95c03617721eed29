"""Official one-stop documents rendered as PDF with reportlab.

Mẫu 01 receipt (`receipt`), Mẫu 02 supplement request (`supplement`), Mẫu 03 refusal
(`refusal`) and the fee receipt (`fee_receipt`) come in two copies and share their identity
block, tables and signatures (`form_parts`); the dossier ledger (`ledger`) lists a period's
dossiers. Each is laid out for the desk's paper (`page_formats`: A4, A5, the 80 mm roll).
Fixed wording lives in template files under resources/templates, so a new circular means
a new template; the layout lives in code.
"""

from desk_app.documents.fee_receipt import FeeReceiptData, fee_receipt_data, render_fee_receipt
from desk_app.documents.ledger import LedgerData, LedgerRow, ledger_rows, render_ledger
from desk_app.documents.page_formats import PaperFormat
from desk_app.documents.receipt import ReceiptData, render_receipt
from desk_app.documents.refusal import RefusalData, render_refusal
from desk_app.documents.supplement import (
    RequestedDocument,
    SupplementData,
    missing_documents,
    render_supplement,
)

__all__ = [
    "FeeReceiptData",
    "LedgerData",
    "LedgerRow",
    "PaperFormat",
    "ReceiptData",
    "RefusalData",
    "RequestedDocument",
    "SupplementData",
    "fee_receipt_data",
    "ledger_rows",
    "missing_documents",
    "render_fee_receipt",
    "render_ledger",
    "render_receipt",
    "render_refusal",
    "render_supplement",
]
