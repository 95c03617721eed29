"""Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt and appointment).

`render_receipt` turns a `ReceiptData` into an A4 PDF holding the two copies of the form,
"Liên 1: Lưu" kept by the desk and "Liên 2: Giao người nộp" handed to the citizen, each
starting on its own page. The wording comes from resources/templates/mau01_receipt.vi.json;
the layout is here. Text is set in the embedded DeskSerif family (Times-metric).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desk_app.core.timeutil import VN_TZ
from desk_app.documents.fonts import BOLD, FAMILY, ITALIC
from desk_app.documents.form_parts import (
    DEFAULT_UNIT_NAME,
    COPIES_FORM_SPEC,
    FormStyles,
    PdfInfo,
    bold_label,
    clean,
    contact_line,
    documents_table,
    header,
    markup,
    render_copies,
    signatures,
    table_style,
    time_fields,
)
from desk_app.documents.qr import QrFlowable
from desk_app.documents.page_formats import PageGeometry, PaperFormat
from desk_app.documents.templates import FormTemplate, TemplateSpec, load_template, template_path

__all__ = ["DEFAULT_UNIT_NAME", "RECEIPT_TEMPLATE_SPEC", "ReceiptData", "format_dong",
           "lookup_link", "receipt_template", "render_receipt"]

TEMPLATE_FILE = "mau01_receipt.vi.json"

_DATE = frozenset({"day", "month", "year"})
_TIME = _DATE | {"hour", "minute"}
RECEIPT_TEMPLATE_SPEC: TemplateSpec = {
    **COPIES_FORM_SPEC,
    "code": frozenset({"code"}),
    "provisional_note": frozenset({"url", "code"}),
    "receiving_unit": frozenset({"agency_name", "unit_name"}),
    "applicant": frozenset({"name"}),
    "address": frozenset({"address"}),
    "phone": frozenset({"phone"}),
    "email": frozenset({"email"}),
    "request": frozenset({"procedure"}),
    "documents_heading": frozenset(),
    "documents_columns": 5,
    "no_documents": frozenset(),
    "sets": frozenset({"sets"}),
    "processing_days": frozenset({"days"}),
    "received_at": _TIME,
    "due_at": _TIME,
    "delivery_desk": frozenset({"agency_name", "unit_name"}),
    "delivery_post": frozenset({"address"}),
    "fees_heading": frozenset(),
    "no_fees": frozenset(),
    "fees_total": frozenset(),
    "money": frozenset({"amount"}),
    "ledger": frozenset({"book", "number"}),
    "blank": frozenset(),
    "submitter": frozenset(),
    "receiver": frozenset(),
    "sign_hint": frozenset(),
    "lookup": frozenset({"url", "code"}),
    "lookup_query_param": frozenset(),
    "continued": frozenset({"code", "page"}),
    "pdf_title": frozenset({"code"}),
    "pdf_subject": frozenset(),
}

DocumentLine = tuple[str, int, int, int]  # (name, originals, certified copies, photocopies)
FeeLine = tuple[str, int]  # (name, amount in đồng)


@dataclass(frozen=True, kw_only=True)
class ReceiptData:
    """What one receipt (giấy tiếp nhận) shows. Times are aware; money is integer đồng."""

    agency_name: str
    unit_name: str = DEFAULT_UNIT_NAME
    place: str
    dossier_code: str
    code_provisional: bool
    procedure_name: str
    applicant_name: str
    applicant_address: str
    phone: str | None = None
    email: str | None = None
    documents: tuple[DocumentLine, ...] = ()
    sets: int = 1
    processing_days: int
    received_at: datetime
    due_at: datetime
    delivery: Literal["desk", "post"] = "desk"
    delivery_address: str | None = None
    fees: tuple[FeeLine, ...] = ()
    officer_name: str
    lookup_url: str
    # The ledger (sổ theo dõi) book and entry are filled by hand where the desk keeps a
    # paper book; left None they print as blanks.
    ledger_book: str | None = None
    ledger_number: str | None = None
    # The seal's query parameters (core.receipt_seal): they follow the code in the QR's
    # lookup address, so the receipt can be checked as the desk issued it.
    seal_params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # Callers often hold lists; freezing them keeps the receipt hashable and immutable.
        documents = tuple((str(n), int(o), int(c), int(p)) for n, o, c, p in self.documents)
        fees = tuple((str(n), int(a)) for n, a in self.fees)
        object.__setattr__(self, "documents", documents)
        object.__setattr__(self, "fees", fees)
        for label, moment in (("received_at", self.received_at), ("due_at", self.due_at)):
            if moment.tzinfo is None:
                raise ValueError(f"{label} must be timezone-aware")
        if self.delivery not in ("desk", "post"):
            raise ValueError(f"delivery must be 'desk' or 'post', not {self.delivery!r}")
        if self.delivery == "post" and not (self.delivery_address or "").strip():
            raise ValueError("delivery by post needs a delivery_address")
        if self.sets < 1:
            raise ValueError("sets must be at least 1")
        if self.processing_days < 0:
            raise ValueError("processing_days cannot be negative")
        if any(min(o, c, p) < 0 for _n, o, c, p in documents):
            raise ValueError("document counts cannot be negative")
        if any(amount < 0 for _n, amount in fees):
            raise ValueError("fee amounts cannot be negative")


def format_dong(amount: int) -> str:
    """135000 -> '135.000' (Vietnamese groups thousands with dots)."""
    return f"{amount:,}".replace(",", ".")


def lookup_link(data: ReceiptData, template: FormTemplate | None = None) -> str:
    """The status-lookup address for this dossier, as the QR code carries it.

    A lookup URL with a ``{code}`` slot gets the code put there; any other URL gets it as
    a query parameter, keeping the parameters already present.
    """
    template = template or receipt_template()
    code = data.dossier_code
    if "{code}" in data.lookup_url:
        link = data.lookup_url.replace("{code}", code)
        if not data.seal_params:
            return link
        parts = urlsplit(link)
        query = [*parse_qsl(parts.query, keep_blank_values=True), *data.seal_params]
        return urlunsplit(parts._replace(query=urlencode(query)))
    parts = urlsplit(data.lookup_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query.append((str(template.raw("lookup_query_param")), code))
    query.extend(data.seal_params)
    return urlunsplit(parts._replace(query=urlencode(query)))


@lru_cache(maxsize=1)
def receipt_template() -> FormTemplate:
    """The shipped Mẫu 01 template, loaded and checked once."""
    return load_template(template_path(TEMPLATE_FILE), RECEIPT_TEMPLATE_SPEC)


def render_receipt(data: ReceiptData, template: FormTemplate | None = None, *,
                   paper: PaperFormat = PaperFormat.A4, reprinted_at: datetime | None = None) -> bytes:
    """Render both copies of Mẫu 01 as one PDF (bytes) on ``paper``.

    Each copy is kept to one page by stepping the type size down (from 13 pt on A4) when
    the dossier lists many documents; a copy that still does not fit flows onto further
    pages, each marked with its copy label. On the roll each copy is one slip.
    """
    template = template or receipt_template()
    code = clean(data.dossier_code)
    info = PdfInfo(
        title=template.text("pdf_title", code=code),
        subject=template.text("pdf_subject"),
        author=clean(data.agency_name),
        keywords=(code, str(template.raw("template_id"))),
    )
    return render_copies(
        template, info,
        copy_story=lambda st: _copy_story(data, template, st),
        # Continuation pages carry the dossier code, so a loose sheet finds its receipt.
        continued=lambda page: template.text("continued", code=code, page=page),
        styles=_Styles,
        paper=paper,
        reprinted_at=reprinted_at,
    )


_QR_SIZE = 26 * mm
_ROLL_QR_SIZE = 40 * mm


class _Styles(FormStyles):
    """The shared styles plus the receipt's fee lines and lookup note."""

    def __init__(self, size: float, page: PageGeometry) -> None:
        super().__init__(size, page)
        style, small = self.style, self.small
        self.fee_amount = style("fee_amount", alignment=TA_RIGHT)
        self.fee_total = style("fee_total", alignment=TA_LEFT, fontName=BOLD)
        self.fee_total_amount = style("fee_total_amount", alignment=TA_RIGHT, fontName=BOLD)
        self.lookup = style("lookup", alignment=TA_LEFT, fontName=ITALIC, fontSize=small - 0.5,
                            leading=(small - 0.5) * 1.3)


def _copy_story(data: ReceiptData, template: FormTemplate, st: _Styles) -> list[Flowable]:
    t = template.text
    received = data.received_at.astimezone(VN_TZ)
    due = data.due_at.astimezone(VN_TZ)
    story: list[Flowable] = [header(agency_name=data.agency_name, unit_name=data.unit_name,
                                    template=template, place=data.place, day=received, st=st)]

    story.append(Paragraph(markup(t("title")), st.title))
    story.append(Paragraph(markup(t("code", code=data.dossier_code)), st.code))
    if data.code_provisional:
        story.append(Paragraph(
            markup(t("provisional_note", url=data.lookup_url, code=data.dossier_code)),
            st.note))

    story.append(Paragraph(bold_label(t("receiving_unit", agency_name=data.agency_name,
                                         unit_name=data.unit_name)), st.body_first))
    story.append(Paragraph(bold_label(t("applicant", name=data.applicant_name)), st.body))
    story.append(Paragraph(bold_label(t("address", address=data.applicant_address)),
                           st.body))
    story.append(contact_line(template, st, data.phone, data.email))
    story.append(Paragraph(bold_label(t("request", procedure=data.procedure_name)), st.body))

    story.append(Paragraph(markup(t("documents_heading")), st.item))
    if data.documents:
        story.append(documents_table(data.documents, template.raw("documents_columns"), st))
    else:
        story.append(Paragraph(markup(t("no_documents")), st.item))
    story.append(Paragraph(bold_label(t("sets", sets=data.sets)), st.item))
    story.append(Paragraph(bold_label(t("processing_days", days=data.processing_days)),
                           st.item))
    story.append(Paragraph(bold_label(t("received_at", **time_fields(received))), st.item))
    story.append(Paragraph(bold_label(t("due_at", **time_fields(due))), st.item))
    if data.delivery == "post":
        delivery = t("delivery_post", address=data.delivery_address or "")
    else:
        delivery = t("delivery_desk", agency_name=data.agency_name, unit_name=data.unit_name)
    story.append(Paragraph(bold_label(delivery), st.item))
    story.extend(_fees(data, template, st))

    blank = t("blank")
    ledger = Paragraph(markup(t("ledger", book=data.ledger_book or blank,
                                number=data.ledger_number or blank)), st.item)
    # The ledger line moves with the signatures so that a copy running onto a second page
    # never leaves the signatures alone there.
    signed = signatures((t("submitter"), ""), (t("receiver"), data.officer_name), template, st)
    story.append(KeepTogether([ledger, Spacer(1, st.size * 0.6), signed,
                               Spacer(1, st.size * 0.6), _lookup_block(data, template, st)]))
    return story


def _fees(data: ReceiptData, template: FormTemplate, st: _Styles) -> list[Flowable]:
    if not data.fees:
        return [Paragraph(markup(template.text("no_fees")), st.item)]

    def money(amount: int) -> str:
        return markup(template.text("money", amount=format_dong(amount)))

    rows: list[list[Any]] = [
        [Paragraph("- " + markup(name), st.body), Paragraph(money(amount), st.fee_amount)]
        for name, amount in data.fees
    ]
    if len(data.fees) > 1:
        total = sum(amount for _name, amount in data.fees)
        rows.append([Paragraph(markup(template.text("fees_total")), st.fee_total),
                     Paragraph(money(total), st.fee_total_amount)])
    amount_width = 26 * mm if st.page.narrow else 38 * mm
    indent = 3 * mm if st.page.narrow else 6 * mm
    table = Table(rows, colWidths=[st.width - amount_width - indent, amount_width])
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    if len(data.fees) > 1:
        commands.append(("LINEABOVE", (1, -1), (1, -1), 0.5, colors.black))
    table.setStyle(table_style(commands))
    table.hAlign = "RIGHT"
    return [Paragraph(markup(template.text("fees_heading")), st.item), table]


def _lookup_block(data: ReceiptData, template: FormTemplate, st: _Styles) -> Table:
    link = lookup_link(data, template)
    text = Paragraph(markup(template.text("lookup", url=clean(data.lookup_url), code=clean(data.dossier_code))),
                     st.lookup)
    if st.page.narrow:
        # On the roll the code goes under the text, larger: a thermal head's dots are
        # coarse, and a sealed address makes a dense code.
        side = min(st.width, _ROLL_QR_SIZE)
        rows: list[list[Any]] = [[text], [QrFlowable(link, side)]]
        widths = [st.width]
    else:
        gap = 4 * mm
        rows = [[QrFlowable(link, _QR_SIZE), text]]
        widths = [_QR_SIZE + gap, st.width - _QR_SIZE - gap]
    table = Table(rows, colWidths=widths)
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LINEABOVE", (0, 0), (-1, 0), 0.4, colors.HexColor("#888888")),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("ALIGN", (0, 0), (-1, -1), "CENTER" if st.page.narrow else "LEFT"),
        ("TOPPADDING", (0, 1), (-1, 1), 3),
    ]))
    return table
