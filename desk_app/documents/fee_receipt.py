"""Biên lai thu tiền phí, lệ phí: the receipt for the fees paid on a dossier.

`render_fee_receipt` turns a `FeeReceiptData` into a PDF holding the two copies ("Liên 1:
Lưu" kept by the desk, "Liên 2: Giao người nộp" handed to the payer), each starting on its
own page, on A4, A5 or the 80 mm roll: the national header, the receipt number, who paid,
for which dossier and procedure, each fee with its amount, the total in figures and in
words, how it was paid, and the signatures of payer and collector. `fee_receipt_data`
builds the data from a dossier and the payment recorded for it. The wording comes from
resources/templates/fee_receipt.vi.json.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desk_app.core.catalogue import Procedure
from desk_app.core.dossier import Dossier
from desk_app.core.fees import FeeKind, FeeRecord, PaymentMethod
from desk_app.core.timeutil import VN_TZ
from desk_app.documents.amount_words import amount_in_words
from desk_app.documents.fonts import BOLD
from desk_app.documents.form_parts import (
    COPIES_FORM_SPEC,
    DEFAULT_UNIT_NAME,
    PARTIES,
    FormStyles,
    PdfInfo,
    bold_label,
    clean,
    header,
    markup,
    render_copies,
    signatures,
    table_style,
    time_fields,
)
from desk_app.documents.page_formats import PageGeometry, PaperFormat
from desk_app.documents.receipt import format_dong
from desk_app.documents.templates import FormTemplate, TemplateSpec, load_template, template_path

__all__ = ["FEE_RECEIPT_TEMPLATE_SPEC", "FeeReceiptData", "fee_receipt_data",
           "fee_receipt_template", "render_fee_receipt"]

TEMPLATE_FILE = "fee_receipt.vi.json"

_DATE = frozenset({"day", "month", "year"})
FEE_RECEIPT_TEMPLATE_SPEC: TemplateSpec = {
    **COPIES_FORM_SPEC,
    "number": frozenset({"number"}),
    "collector": PARTIES,
    "payer": frozenset({"name"}),
    "address": frozenset({"address"}),
    "code": frozenset({"code"}),
    "code_provisional": frozenset({"code"}),
    "request": frozenset({"procedure"}),
    "fees_heading": frozenset(),
    "fees_columns": 3,
    "fees_total": frozenset(),
    "in_words": frozenset({"words"}),
    # The words of the amount: the currency, and the regional choices "linh"/"lẻ" and
    # "tư"/"bốn" (amount_words).
    "words_unit": frozenset(),
    "words_odd": frozenset(),
    "words_four": frozenset(),
    "method": frozenset({"method"}),
    # One name per payment method the desk records: a new method needs its wording.
    **{f"method_{method.value}": frozenset() for method in PaymentMethod},
    "paid_at": _DATE | {"hour", "minute"},
    "blank": frozenset(),
    "payer_sign": frozenset(),
    "collector_sign": frozenset(),
    "sign_hint": frozenset(),
    "continued": frozenset({"number", "code", "page"}),
    "pdf_title": frozenset({"number"}),
    "pdf_subject": frozenset(),
}

FeeLine = tuple[str, int]  # (name, amount in đồng)


@dataclass(frozen=True, kw_only=True)
class FeeReceiptData:
    """What one fee receipt (biên lai) shows. Times are aware; money is integer đồng.

    `receipt_number` is the number from the desk's receipt series; None prints a blank to
    fill by hand. `dossier_code` None prints a blank too (a dossier not yet coded).
    """

    agency_name: str
    unit_name: str = DEFAULT_UNIT_NAME
    place: str
    receipt_number: str | None = None
    paid_at: datetime
    payer_name: str
    payer_address: str
    dossier_code: str | None
    code_provisional: bool = False
    procedure_name: str
    fees: tuple[FeeLine, ...]
    method: PaymentMethod
    officer_name: str

    def __post_init__(self) -> None:
        # Callers often hold lists; freezing them keeps the receipt hashable and immutable.
        fees = tuple((str(name), int(amount)) for name, amount in self.fees)
        object.__setattr__(self, "fees", fees)
        object.__setattr__(self, "method", PaymentMethod(self.method))
        if self.paid_at.tzinfo is None:
            raise ValueError("paid_at must be timezone-aware")
        if not fees:
            raise ValueError("a fee receipt lists at least one fee")
        if any(amount < 0 for _name, amount in fees):
            raise ValueError("fee amounts cannot be negative")
        if not clean(self.payer_name):
            raise ValueError("a fee receipt names the payer")

    @property
    def total(self) -> int:
        return sum(amount for _name, amount in self.fees)


def fee_receipt_data(dossier: Dossier, payment: FeeRecord, procedure: Procedure, *,
                     place: str, officer_name: str, agency_name: str | None = None,
                     unit_name: str = DEFAULT_UNIT_NAME, payer_name: str | None = None,
                     payer_address: str | None = None) -> FeeReceiptData:
    """The receipt for `payment`, a payment recorded for `dossier`.

    The fees printed are what the payment paid for (its items); the payer is the
    applicant unless someone else paid (a relative, a postal assistant). The agency
    defaults to the procedure's. `officer_name` is the collector's full name as signed.
    """
    if payment.kind is not FeeKind.PAYMENT:
        raise ValueError("a fee receipt is for a payment, not a refund")
    if payment.client_id != dossier.client_id:
        raise ValueError("the payment belongs to another dossier")
    if procedure.code != dossier.procedure_code:
        raise ValueError("the procedure is not the dossier's")
    applicant = dossier.applicant
    return FeeReceiptData(
        agency_name=agency_name or procedure.agency_name,
        unit_name=unit_name,
        place=place,
        receipt_number=payment.receipt_number,
        paid_at=payment.recorded_at,
        payer_name=payer_name or applicant.full_name,
        payer_address=applicant.address if payer_address is None else payer_address,
        dossier_code=dossier.code,
        code_provisional=dossier.code_provisional,
        procedure_name=procedure.name,
        fees=tuple((item.name, item.amount) for item in payment.items),
        method=payment.method,
        officer_name=officer_name,
    )


@lru_cache(maxsize=1)
def fee_receipt_template() -> FormTemplate:
    """The shipped fee receipt template, loaded and checked once."""
    return load_template(template_path(TEMPLATE_FILE), FEE_RECEIPT_TEMPLATE_SPEC)


def render_fee_receipt(data: FeeReceiptData, template: FormTemplate | None = None, *,
                       paper: PaperFormat = PaperFormat.A4,
                       reprinted_at: datetime | None = None) -> bytes:
    """Render both copies of the fee receipt as one PDF (bytes) on ``paper``.

    A receipt listing many fees steps the type size down to stay on one page per copy;
    beyond that a copy flows onto further pages, each marked with the receipt number and
    the dossier code. ``reprinted_at`` (aware) marks every page as a reprint.
    """
    template = template or fee_receipt_template()
    blank = template.text("blank")
    number = clean(data.receipt_number or "") or blank
    code = clean(data.dossier_code or "") or blank
    info = PdfInfo(
        title=template.text("pdf_title", number=number),
        subject=template.text("pdf_subject"),
        author=clean(data.agency_name),
        keywords=tuple(k for k in (clean(data.dossier_code or ""), str(template.raw("template_id"))) if k),
    )
    if reprinted_at is not None:
        if reprinted_at.tzinfo is None:
            raise ValueError("reprinted_at must be timezone-aware")
        reprinted_at = reprinted_at.astimezone(VN_TZ)
    return render_copies(
        template, info,
        copy_story=lambda st: _copy_story(data, template, st, number),
        continued=lambda page: template.text("continued", number=number, code=code, page=page),
        styles=_Styles,
        paper=paper,
        reprinted_at=reprinted_at,
    )


class _Styles(FormStyles):
    """The shared styles plus the fee table's amounts and total."""

    def __init__(self, size: float, page: PageGeometry) -> None:
        super().__init__(size, page)
        style, small = self.style, self.small
        self.amount = style("amount", alignment=TA_RIGHT, fontSize=small, leading=small * 1.2)
        self.total_label = style("total_label", alignment=TA_LEFT, fontName=BOLD,
                                 fontSize=small, leading=small * 1.2)
        self.total_amount = style("total_amount", alignment=TA_RIGHT, fontName=BOLD,
                                  fontSize=small, leading=small * 1.2)


def _copy_story(data: FeeReceiptData, template: FormTemplate, st: _Styles,
                number: str) -> list[Flowable]:
    t = template.text
    paid = data.paid_at.astimezone(VN_TZ)
    blank = t("blank")
    story: list[Flowable] = [header(
        agency_name=data.agency_name, unit_name=data.unit_name, template=template,
        place=data.place, day=paid, st=st, reference=t("number", number=number))]

    story.append(Paragraph(markup(t("title")), st.title))
    code = clean(data.dossier_code or "") or blank
    code_key = "code_provisional" if data.code_provisional and data.dossier_code else "code"
    story.append(Paragraph(markup(t(code_key, code=code)), st.code))

    story.append(Paragraph(bold_label(t("collector", agency_name=data.agency_name,
                                         unit_name=data.unit_name)), st.body_first))
    story.append(Paragraph(bold_label(t("payer", name=data.payer_name)), st.body))
    story.append(Paragraph(bold_label(t("address", address=clean(data.payer_address) or blank)),
                           st.body))
    story.append(Paragraph(bold_label(t("request", procedure=data.procedure_name)), st.body))
    story.append(Paragraph(markup(t("fees_heading")), st.item))
    story.append(_fees_table(data, template, st))

    words = amount_in_words(data.total, unit=t("words_unit"), odd=t("words_odd"),
                            four=t("words_four"))
    in_words = Paragraph(bold_label(t("in_words", words=words)), st.item)
    method = Paragraph(bold_label(t("method", method=t(f"method_{data.method.value}"))), st.item)
    paid_at = Paragraph(bold_label(t("paid_at", **time_fields(paid))), st.item)
    signed = signatures((t("payer_sign"), ""), (t("collector_sign"), data.officer_name),
                        template, st)
    # The amount in words and the payment stay with the signatures: a copy running onto a
    # second page never leaves them alone there.
    story.append(KeepTogether([in_words, method, paid_at, Spacer(1, st.size * 0.6), signed]))
    return story


def _fees_table(data: FeeReceiptData, template: FormTemplate, st: _Styles) -> Table:
    """TT | fee | amount, with the total under the amounts; the header repeated on a new page."""
    columns = template.raw("fees_columns")
    padding = 1.5 if st.page.narrow else 3
    heads = [Paragraph(markup(text), st.cell_head) for text in columns]
    rows: list[list[Any]] = [heads]
    for index, (name, amount) in enumerate(data.fees, 1):
        rows.append([Paragraph(str(index), st.cell_num), Paragraph(markup(name), st.cell),
                     Paragraph(format_dong(amount), st.amount)])
    total = format_dong(data.total)
    rows.append([Paragraph(markup(template.text("fees_total")), st.total_label), "",
                 Paragraph(total, st.total_amount)])
    # The amount column is as wide as its longest figure (the total), never narrower than
    # the paper's usual column, so the figures line up on their last digit.
    amount_width = max(22 * mm if st.page.narrow else 36 * mm,
                       stringWidth(total, BOLD, st.total_amount.fontSize) + padding + 3 + 2)
    widths = [st.number_width, st.width - st.number_width - amount_width, amount_width]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, -1), (1, -1)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        # Figures end clear of the rule even on the roll's thin padding.
        ("RIGHTPADDING", (-1, 0), (-1, -1), 3),
    ]))
    table.spaceBefore = 2
    table.spaceAfter = 2
    return table
