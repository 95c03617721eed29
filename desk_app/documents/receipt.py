"""Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt and appointment).

`render_receipt` turns a `ReceiptData` into an A4 PDF holding the two copies of the form,
"Liên 1: Lưu" kept by the desk and "Liên 2: Giao người nộp" handed to the citizen, each
starting on its own page. The wording comes from resources/templates/mau01_receipt.vi.json;
the layout is here. Text is set in the embedded DeskSerif family (Times-metric).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desk_app.core.timeutil import VN_TZ
from desk_app.documents.fonts import BOLD, FAMILY, ITALIC, register_fonts
from desk_app.documents.templates import FormTemplate, TemplateSpec, load_template, template_path

DEFAULT_UNIT_NAME = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
TEMPLATE_FILE = "mau01_receipt.vi.json"

_DATE = frozenset({"day", "month", "year"})
_TIME = _DATE | {"hour", "minute"}
RECEIPT_TEMPLATE_SPEC: TemplateSpec = {
    "template_id": frozenset(),
    "form_label": frozenset(),
    "copies": 2,
    "nation": frozenset(),
    "motto": frozenset(),
    "place_date": _DATE | {"place"},
    "title": frozenset(),
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
        return data.lookup_url.replace("{code}", code)
    parts = urlsplit(data.lookup_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query.append((str(template.raw("lookup_query_param")), code))
    return urlunsplit(parts._replace(query=urlencode(query)))


@lru_cache(maxsize=1)
def receipt_template() -> FormTemplate:
    """The shipped Mẫu 01 template, loaded and checked once."""
    return load_template(template_path(TEMPLATE_FILE), RECEIPT_TEMPLATE_SPEC)


def render_receipt(data: ReceiptData, template: FormTemplate | None = None) -> bytes:
    """Render both copies of Mẫu 01 as one A4 PDF (bytes).

    Each copy is kept to one page by stepping the type size down from 13 pt when the
    dossier lists many documents; a copy that still does not fit flows onto further pages,
    each marked with its copy label.
    """
    register_fonts()
    template = template or receipt_template()
    pdf = b""
    for size in _TYPE_SIZES:
        pdf, pages_per_copy = _build(data, template, _Styles(size))
        if all(count == 1 for count in pages_per_copy):
            break
    return pdf


_TYPE_SIZES = (13.0, 12.0, 11.0)
_PAGE_WIDTH, _PAGE_HEIGHT = A4
_MARGIN_LEFT = 25 * mm
_MARGIN_RIGHT = 15 * mm
_MARGIN_TOP = 16 * mm
_MARGIN_BOTTOM = 14 * mm
_FRAME_WIDTH = _PAGE_WIDTH - _MARGIN_LEFT - _MARGIN_RIGHT
_QR_SIZE = 26 * mm


class _Styles:
    def __init__(self, size: float) -> None:
        lead = size * 1.3
        small = size - 1

        def style(name: str, **kw: Any) -> ParagraphStyle:
            base: dict[str, Any] = {"fontName": FAMILY, "fontSize": size, "leading": lead}
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.size = size
        self.header_left = style("header_left", alignment=TA_CENTER, fontSize=small,
                                 leading=small * 1.25)
        self.header_unit = style("header_unit", alignment=TA_CENTER, fontName=BOLD,
                                 fontSize=small, leading=small * 1.25)
        self.nation = style("nation", alignment=TA_CENTER, fontName=BOLD, fontSize=small,
                            leading=small * 1.25)
        self.motto = style("motto", alignment=TA_CENTER, fontName=BOLD, leading=size * 1.2)
        self.place_date = style("place_date", alignment=TA_CENTER, fontName=ITALIC)
        self.title = style("title", alignment=TA_CENTER, fontName=BOLD, fontSize=size + 1,
                           leading=(size + 1) * 1.3, spaceBefore=size * 0.9)
        self.code = style("code", alignment=TA_CENTER, fontName=BOLD, spaceBefore=2)
        self.note = style("note", alignment=TA_CENTER, fontName=ITALIC, fontSize=small - 0.5,
                          leading=(small - 0.5) * 1.25, leftIndent=8 * mm, rightIndent=8 * mm)
        self.body = style("body", alignment=TA_JUSTIFY, spaceBefore=1.5)
        self.body_first = style("body_first", parent=self.body, spaceBefore=size * 0.7)
        self.item = style("item", parent=self.body, leftIndent=0)
        self.contact = style("contact", parent=self.body, alignment=TA_LEFT)
        self.cell = style("cell", alignment=TA_LEFT, fontSize=small, leading=small * 1.2)
        self.cell_head = style("cell_head", alignment=TA_CENTER, fontName=BOLD,
                               fontSize=small - 1, leading=(small - 1) * 1.15)
        self.cell_num = style("cell_num", alignment=TA_CENTER, fontSize=small,
                              leading=small * 1.2)
        self.fee_amount = style("fee_amount", alignment=TA_RIGHT)
        self.fee_total = style("fee_total", alignment=TA_LEFT, fontName=BOLD)
        self.fee_total_amount = style("fee_total_amount", alignment=TA_RIGHT, fontName=BOLD)
        self.sign_title = style("sign_title", alignment=TA_CENTER, fontName=BOLD)
        self.sign_hint = style("sign_hint", alignment=TA_CENTER, fontName=ITALIC,
                               fontSize=small, leading=small * 1.2)
        self.sign_name = style("sign_name", alignment=TA_CENTER, fontName=BOLD)
        self.lookup = style("lookup", alignment=TA_LEFT, fontName=ITALIC, fontSize=small - 0.5,
                            leading=(small - 0.5) * 1.3)
        self.signature_gap = 24 * mm if size >= 13 else 20 * mm


def _clean(text: str) -> str:
    # NFC so each letter is one glyph: decomposed tone marks (NFD input from some keyboards
    # and OCR) would otherwise be set as loose combining marks.
    return unicodedata.normalize("NFC", text).strip()


def _x(text: str) -> str:
    """Escape data for Paragraph markup."""
    return escape(_clean(text))


def _bold_label(text: str) -> str:
    """Paragraph markup with the part up to the first ':' set as the label (not bold)."""
    label, sep, value = _clean(text).partition(":")
    if not sep:
        return escape(label)
    return f"{escape(label)}:<b>{escape(value)}</b>"


@dataclass
class _CopyState:
    current: int = 0
    pages: list[int] = field(default_factory=list)


class _CopyStart(Flowable):
    """Invisible marker: from here on, pages belong to copy `index`."""

    def __init__(self, state: _CopyState, index: int) -> None:
        super().__init__()
        self._state = state
        self._index = index

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self._state.current = self._index


def _build(data: ReceiptData, template: FormTemplate, styles: _Styles) -> tuple[bytes, list[int]]:
    copies: Sequence[str] = template.raw("copies")
    state = _CopyState(pages=[0] * len(copies))
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN_LEFT,
        rightMargin=_MARGIN_RIGHT,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=template.text("pdf_title", code=_clean(data.dossier_code)),
        subject=template.text("pdf_subject"),
        author=_clean(data.agency_name),
        creator="One-stop desk",
        keywords=[_clean(data.dossier_code), str(template.raw("template_id"))],
        lang="vi-VN",
        invariant=1,
        # Otherwise every page names Helvetica, a font the PDF does not embed.
        initialFontName=FAMILY,
        initialFontSize=styles.size,
    )
    frame = Frame(_MARGIN_LEFT, _MARGIN_BOTTOM, _FRAME_WIDTH,
                  _PAGE_HEIGHT - _MARGIN_TOP - _MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate(id="receipt", frames=[frame],
                     onPageEnd=_page_marks(template, copies, state, styles.size,
                                            _clean(data.dossier_code))),
    ])
    story: list[Flowable] = []
    for index in range(len(copies)):
        if index:
            story.append(PageBreak())
        story.append(_CopyStart(state, index))
        story.extend(_copy_story(data, template, styles))
    doc.build(story)
    return buffer.getvalue(), state.pages


def _page_marks(template: FormTemplate, copies: Sequence[str], state: _CopyState,
                size: float, code: str) -> Callable[[Any, Any], None]:
    """Draw, after each page's content, the copy label and form number in the top margin.

    Continuation pages of a long copy also carry the dossier code and their page number,
    so a loose sheet can be put back with its receipt.
    """

    def draw(canvas: Any, _doc: Any) -> None:
        state.pages[state.current] += 1
        page_in_copy = state.pages[state.current]
        baseline = _PAGE_HEIGHT - _MARGIN_TOP + 5 * mm
        canvas.saveState()
        canvas.setFont(ITALIC, size - 2)
        canvas.setFillColor(colors.HexColor("#444444"))
        if page_in_copy == 1:
            left_mark = template.text("form_label")
        else:
            left_mark = template.text("continued", code=code, page=page_in_copy)
        canvas.drawString(_MARGIN_LEFT, baseline, _clean(left_mark))
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, size - 1)
        canvas.drawRightString(_PAGE_WIDTH - _MARGIN_RIGHT, baseline,
                               _clean(copies[state.current]))
        canvas.restoreState()

    return draw


def _copy_story(data: ReceiptData, template: FormTemplate, st: _Styles) -> list[Flowable]:
    t = template.text
    received = data.received_at.astimezone(VN_TZ)
    due = data.due_at.astimezone(VN_TZ)
    story: list[Flowable] = [_header(data, template, st, received)]

    story.append(Paragraph(_x(t("title")), st.title))
    story.append(Paragraph(_x(t("code", code=data.dossier_code)), st.code))
    if data.code_provisional:
        story.append(Paragraph(
            _x(t("provisional_note", url=data.lookup_url, code=data.dossier_code)), st.note))

    story.append(Paragraph(_bold_label(t("receiving_unit", agency_name=data.agency_name,
                                          unit_name=data.unit_name)), st.body_first))
    story.append(Paragraph(_bold_label(t("applicant", name=data.applicant_name)), st.body))
    story.append(Paragraph(_bold_label(t("address", address=data.applicant_address)),
                           st.body))
    story.append(_contact_line(data, template, st))
    story.append(Paragraph(_bold_label(t("request", procedure=data.procedure_name)), st.body))

    story.append(Paragraph(_x(t("documents_heading")), st.item))
    story.append(_documents_table(data, template, st))
    story.append(Paragraph(_bold_label(t("sets", sets=data.sets)), st.item))
    story.append(Paragraph(_bold_label(t("processing_days", days=data.processing_days)),
                           st.item))
    story.append(Paragraph(_bold_label(t("received_at", **_time_fields(received))), st.item))
    story.append(Paragraph(_bold_label(t("due_at", **_time_fields(due))), st.item))
    if data.delivery == "post":
        delivery = t("delivery_post", address=data.delivery_address or "")
    else:
        delivery = t("delivery_desk", agency_name=data.agency_name, unit_name=data.unit_name)
    story.append(Paragraph(_bold_label(delivery), st.item))
    story.extend(_fees(data, template, st))

    blank = t("blank")
    ledger = Paragraph(_x(t("ledger", book=data.ledger_book or blank,
                            number=data.ledger_number or blank)), st.item)
    # The ledger line moves with the signatures so that a copy running onto a second page
    # never leaves the signatures alone there.
    story.append(KeepTogether([ledger, Spacer(1, st.size * 0.6), _signatures(data, template, st),
                               Spacer(1, st.size * 0.6), _lookup_block(data, template, st)]))
    return story


def _table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    # Tables set their cells' font before drawing; left to reportlab's default that is
    # Helvetica, which would then appear in the PDF as a font that is not embedded.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), *commands])


def _time_fields(moment: datetime) -> dict[str, int]:
    return {"hour": moment.hour, "minute": moment.minute, "day": moment.day,
            "month": moment.month, "year": moment.year}


def _fitting_size(text: str, font: str, preferred: float, width: float,
                  floor: float = 10.0) -> float:
    """The largest size from `preferred` down to `floor` at which `text` fits on one line.

    Header lines such as the unit name read best unbroken; below the floor the text
    wraps instead of turning unreadably small.
    """
    size = preferred
    while size > floor and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _header(data: ReceiptData, template: FormTemplate, st: _Styles,
            received: datetime) -> Table:
    left_width = _FRAME_WIDTH * 0.47
    right_width = _FRAME_WIDTH - left_width
    usable_left = left_width - 2 * mm
    usable_right = right_width - 2 * mm
    unit = _clean(data.unit_name).upper()
    unit_size = _fitting_size(unit, BOLD, st.header_unit.fontSize, usable_left)
    unit_style = ParagraphStyle("header_unit_fit", parent=st.header_unit, fontSize=unit_size,
                                leading=unit_size * 1.25)
    nation = _clean(template.text("nation"))
    nation_size = _fitting_size(nation, BOLD, st.nation.fontSize, usable_right)
    nation_style = ParagraphStyle("nation_fit", parent=st.nation, fontSize=nation_size,
                                  leading=nation_size * 1.25)
    motto = _clean(template.text("motto"))
    motto_width = min(stringWidth(motto, BOLD, st.motto.fontSize), usable_right)
    left = [
        Paragraph(_x(data.agency_name.upper()), st.header_left),
        Paragraph(escape(unit), unit_style),
        HRFlowable(width=28 * mm, thickness=0.6, color=colors.black,
                   spaceBefore=3.5, spaceAfter=0, hAlign="CENTER"),
    ]
    right = [
        Paragraph(escape(nation), nation_style),
        Paragraph(escape(motto), st.motto),
        HRFlowable(width=motto_width, thickness=0.6, color=colors.black,
                   spaceBefore=2.5, spaceAfter=4, hAlign="CENTER"),
        Paragraph(_x(template.text("place_date", place=data.place, day=received.day,
                                   month=received.month, year=received.year)),
                  st.place_date),
    ]
    table = Table([[left, right]], colWidths=[left_width, right_width])
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Cell flowables follow the cell's alignment, not their own hAlign.
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _contact_line(data: ReceiptData, template: FormTemplate, st: _Styles) -> Flowable:
    blank = template.text("blank")
    phone_text = _clean(template.text("phone", phone=data.phone or blank))
    email_text = _clean(template.text("email", email=data.email or blank))
    phone_width, email_width = _FRAME_WIDTH * 0.45, _FRAME_WIDTH * 0.55
    phone = Paragraph(_bold_label(phone_text), st.contact)
    email = Paragraph(_bold_label(email_text), st.contact)
    fits = (stringWidth(phone_text, BOLD, st.size) < phone_width - 2
            and stringWidth(email_text, BOLD, st.size) < email_width - 2)
    if not fits:
        # A long address would be split mid-word in a half-width column: give each its line.
        return KeepTogether([phone, email])
    # Two columns so the e-mail always starts at the same place on every receipt.
    table = Table([[phone, email]], colWidths=[phone_width, email_width])
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _documents_table(data: ReceiptData, template: FormTemplate, st: _Styles) -> Flowable:
    if not data.documents:
        return Paragraph(_x(template.text("no_documents")), st.item)
    heads = [Paragraph(_x(text), st.cell_head) for text in template.raw("documents_columns")]
    rows: list[list[Any]] = [heads]
    for number, (name, originals, certified, photocopies) in enumerate(data.documents, 1):
        rows.append([
            Paragraph(str(number), st.cell_num),
            Paragraph(_x(name), st.cell),
            Paragraph(str(originals), st.cell_num),
            Paragraph(str(certified), st.cell_num),
            Paragraph(str(photocopies), st.cell_num),
        ])
    count_width = 21 * mm
    widths = [10 * mm, 0.0, count_width, count_width, count_width]
    widths[1] = _FRAME_WIDTH - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(_table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    table.spaceBefore = 2
    table.spaceAfter = 2
    return table


def _fees(data: ReceiptData, template: FormTemplate, st: _Styles) -> list[Flowable]:
    if not data.fees:
        return [Paragraph(_x(template.text("no_fees")), st.item)]

    def money(amount: int) -> str:
        return _x(template.text("money", amount=format_dong(amount)))

    rows: list[list[Any]] = [
        [Paragraph("- " + _x(name), st.body), Paragraph(money(amount), st.fee_amount)]
        for name, amount in data.fees
    ]
    if len(data.fees) > 1:
        total = sum(amount for _name, amount in data.fees)
        rows.append([Paragraph(_x(template.text("fees_total")), st.fee_total),
                     Paragraph(money(total), st.fee_total_amount)])
    amount_width = 38 * mm
    indent = 6 * mm
    table = Table(rows, colWidths=[_FRAME_WIDTH - amount_width - indent, amount_width])
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    if len(data.fees) > 1:
        commands.append(("LINEABOVE", (1, -1), (1, -1), 0.5, colors.black))
    table.setStyle(_table_style(commands))
    table.hAlign = "RIGHT"
    return [Paragraph(_x(template.text("fees_heading")), st.item), table]


def _signatures(data: ReceiptData, template: FormTemplate, st: _Styles) -> Table:
    def block(title_key: str, name: str) -> list[Flowable]:
        return [
            Paragraph(_x(template.text(title_key)), st.sign_title),
            Paragraph(_x(template.text("sign_hint")), st.sign_hint),
            Spacer(1, st.signature_gap),
            Paragraph(_x(name), st.sign_name),
        ]

    half = _FRAME_WIDTH / 2
    table = Table([[block("submitter", ""), block("receiver", data.officer_name)]],
                  colWidths=[half, half])
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _qr_drawing(value: str) -> Drawing:
    widget = QrCodeWidget(value, barLevel="M", barBorder=0)
    x0, y0, x1, y1 = widget.getBounds()
    width, height = x1 - x0, y1 - y0
    drawing = Drawing(_QR_SIZE, _QR_SIZE,
                      transform=[_QR_SIZE / width, 0, 0, _QR_SIZE / height, 0, 0])
    drawing.initialFontName = FAMILY  # as in _table_style: no unembedded Helvetica
    drawing.add(widget)
    return drawing


def _lookup_block(data: ReceiptData, template: FormTemplate, st: _Styles) -> Table:
    link = lookup_link(data, template)
    text = template.text("lookup", url=_clean(data.lookup_url), code=_clean(data.dossier_code))
    gap = 4 * mm
    table = Table([[_qr_drawing(link), Paragraph(_x(text), st.lookup)]],
                  colWidths=[_QR_SIZE + gap, _FRAME_WIDTH - _QR_SIZE - gap])
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LINEABOVE", (0, 0), (-1, 0), 0.4, colors.HexColor("#888888")),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
    ]))
    return table
