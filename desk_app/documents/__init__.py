"""Official one-stop forms rendered as PDF with reportlab.

Mẫu 01 receipt (`receipt`), Mẫu 02 supplement request (`supplement`) and Mẫu 03 refusal
(`refusal`), sharing their identity block, tables and signatures (`form_parts`).
Fixed wording lives in template files under resources/templates, so a new circular means a
new template; the layout lives in code.
"""

from desk_app.documents.receipt import ReceiptData, render_receipt
from desk_app.documents.refusal import RefusalData, render_refusal
from desk_app.documents.supplement import (
    RequestedDocument,
    SupplementData,
    missing_documents,
    render_supplement,
)

__all__ = [
    "ReceiptData",
    "RefusalData",
    "RequestedDocument",
    "SupplementData",
    "missing_documents",
    "render_receipt",
    "render_refusal",
    "render_supplement",
]
