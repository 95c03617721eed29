"""Render the desk's documents, each on each paper, to PNG pictures for the user guide.

Every official document the desk prints (Mẫu 01, 02, 03, the fee receipt, the dossier
ledger) is rendered with the same realistic data the document tests read back, on A4,
A5 and the 80 mm roll, and the first page is written to docs/images/documents/ with
pdftoppm (poppler-utils). Run it after changing a layout or a template, look at the
pictures, and commit them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk_app.documents import (  # noqa: E402
    PaperFormat,
    render_fee_receipt,
    render_ledger,
    render_receipt,
    render_refusal,
    render_supplement,
)
from tests.documents.test_fee_receipt import make_data as fee_receipt_data  # noqa: E402
from tests.documents.test_ledger import make_ledger  # noqa: E402
from tests.documents.test_receipt import make_receipt  # noqa: E402
from tests.documents.test_refusal import make_refusal  # noqa: E402
from tests.documents.test_supplement import make_supplement  # noqa: E402

OUT = ROOT / "docs" / "images" / "documents"
DOCUMENTS = {
    "mau01-receipt": lambda paper: render_receipt(make_receipt(), paper=paper),
    "mau02-supplement": lambda paper: render_supplement(make_supplement(), paper=paper),
    "mau03-refusal": lambda paper: render_refusal(make_refusal(), paper=paper),
    "fee-receipt": lambda paper: render_fee_receipt(fee_receipt_data(), paper=paper),
    "ledger": lambda paper: render_ledger(make_ledger(), paper=paper),
}
# Enough to read every line on screen; the roll at the same density as the sheets.
DPI = 72


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name, render in DOCUMENTS.items():
            for paper in PaperFormat:
                pdf = Path(folder) / f"{name}-{paper.value}.pdf"
                pdf.write_bytes(render(paper))
                target = OUT / f"{name}-{paper.value}"
                subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile",
                                str(pdf), str(target)], check=True, timeout=120)
                print(target.with_suffix(".png").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
