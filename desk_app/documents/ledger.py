"""Sổ theo dõi hồ sơ: the desk's ledger of the dossiers it received over a day or a period.

`render_ledger` turns a `LedgerData` into a PDF. On A4 and A5 it is a landscape table (TT,
dossier code, procedure, applicant, address and phone, handling agency, received, due,
returned, how the result is collected, a blank cell to sign), its column heads repeated on
every page, each page numbered "Trang x/y". On the 80 mm roll there is no room for eleven
columns: each dossier becomes a compact block, one after the other. `ledger_rows` builds the
rows from the desk's dossiers and the catalogue. The wording comes from
resources/templates/ledger.vi.json.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
)

from desk_app.core.catalogue import DeliveryOption, Procedure
from desk_app.core.dossier import Dossier, DossierStatus
from desk_app.core.status_events import StatusEvent
from desk_app.core.timeutil import VN_TZ
from desk_app.documents.fonts import BOLD, FAMILY, ITALIC, register_fonts
from desk_app.documents.form_parts import (
    DEFAULT_UNIT_NAME,
    bold_label,
    clean,
    fitting_size,
    markup,
    table_style,
    time_fields,
)
from desk_app.documents.page_formats import PageGeometry, PaperFormat, geometry
from desk_app.documents.templates import FormTemplate, TemplateSpec, load_template, template_path

__all__ = ["LEDGER_TEMPLATE_SPEC", "LedgerData", "LedgerRow", "handover_times",
           "ledger_rows", "ledger_template", "render_ledger"]

TEMPLATE_FILE = "ledger.vi.json"

_MOMENT = frozenset({"day", "month", "year", "hour", "minute"})
LEDGER_TEMPLATE_SPEC: TemplateSpec = {
    "template_id": frozenset(),
    "form_label": frozenset(),
    "title": frozenset(),
    "period_day": frozenset({"day", "month", "year"}),
    "period_range": frozenset({"from_day", "from_month", "from_year",
                               "to_day", "to_month", "to_year"}),
    "columns": 11,
    "moment": _MOMENT,
    "provisional": frozenset(),
    "phone": frozenset({"phone"}),
    "delivery_desk": frozenset(),
    "delivery_post": frozenset(),
    "blank": frozenset(),
    "empty": frozenset(),
    "count": frozenset({"count"}),
    "running_head": frozenset({"agency_name", "unit_name", "period"}),
    "page": frozenset({"page", "pages"}),
    "roll_code": frozenset({"number", "code"}),
    "roll_procedure": frozenset({"procedure"}),
    "roll_applicant": frozenset({"name"}),
    "roll_address": frozenset({"address"}),
    "roll_agency": frozenset({"agency"}),
    "roll_received": frozenset({"moment"}),
    "roll_due": frozenset({"moment"}),
    "roll_returned": frozenset({"moment"}),
    "roll_delivery": frozenset({"delivery"}),
    "roll_sign": frozenset(),
    "pdf_title": frozenset({"period"}),
    "pdf_subject": frozenset(),
}


@dataclass(frozen=True, kw_only=True)
class LedgerRow:
    """One dossier's line in the ledger. Times are aware; `returned_at` None is a blank."""

    number: int  # TT
    dossier_code: str | None
    code_provisional: bool = False
    procedure_name: str
    applicant_name: str
    applicant_address: str = ""
    phone: str | None = None
    handling_agency: str
    received_at: datetime
    due_at: datetime
    returned_at: datetime | None = None
    delivery: DeliveryOption = DeliveryOption.DESK

    def __post_init__(self) -> None:
        object.__setattr__(self, "delivery", DeliveryOption(self.delivery))
        if self.number < 1:
            raise ValueError("ledger rows are numbered from 1")
        for label in ("received_at", "due_at", "returned_at"):
            moment = getattr(self, label)
            if moment is not None and moment.tzinfo is None:
                raise ValueError(f"{label} must be timezone-aware")


@dataclass(frozen=True, kw_only=True)
class LedgerData:
    """The ledger of one desk (agency and unit) for the days `period_start`–`period_end`,
    both included; a single day has both the same. Every row was received in the period
    (Vietnam time)."""

    agency_name: str
    unit_name: str = DEFAULT_UNIT_NAME
    period_start: date
    period_end: date
    rows: tuple[LedgerRow, ...] = ()

    def __post_init__(self) -> None:
        rows = tuple(self.rows)
        object.__setattr__(self, "rows", rows)
        if self.period_end < self.period_start:
            raise ValueError("the period ends before it starts")
        for row in rows:
            day = row.received_at.astimezone(VN_TZ).date()
            if not self.period_start <= day <= self.period_end:
                raise ValueError(f"row {row.number} was received on {day}, outside the period")


def ledger_rows(dossiers: Iterable[Dossier],
                procedures: Mapping[str, Procedure] | Iterable[Procedure], *,
                returned: Mapping[str, datetime] | None = None) -> tuple[LedgerRow, ...]:
    """The ledger's rows for `dossiers`, in the order they were received, numbered from 1.

    `procedures` is the catalogue (by code, or a list); a dossier whose procedure the
    catalogue no longer holds shows its procedure code and a blank agency rather than
    missing from the book. `returned` maps a dossier's client id to the time its result
    was handed over (`handover_times`). Dossiers the desk refused were never received and
    are left out; the caller picks the dossiers of the period.
    """
    catalogue = (dict(procedures) if isinstance(procedures, Mapping)
                 else {procedure.code: procedure for procedure in procedures})
    returned = returned or {}
    kept = sorted((d for d in dossiers if d.status is not DossierStatus.REFUSED),
                  key=lambda d: (d.received_at, d.code or "", d.client_id))
    rows = []
    for number, dossier in enumerate(kept, 1):
        procedure = catalogue.get(dossier.procedure_code)
        applicant = dossier.applicant
        rows.append(LedgerRow(
            number=number,
            dossier_code=dossier.code,
            code_provisional=dossier.code_provisional,
            procedure_name=procedure.name if procedure else dossier.procedure_code,
            applicant_name=applicant.full_name,
            applicant_address=applicant.address,
            phone=applicant.phone,
            handling_agency=procedure.agency_name if procedure else "",
            received_at=dossier.received_at,
            due_at=dossier.due_at,
            returned_at=returned.get(dossier.client_id),
            delivery=dossier.delivery,
        ))
    return tuple(rows)


def handover_times(events: Iterable[StatusEvent]) -> dict[str, datetime]:
    """When each dossier's result was handed over (status 10), from its status events."""
    times: dict[str, datetime] = {}
    for event in events:
        if event.to_status is DossierStatus.HANDED_OVER:
            earlier = times.get(event.client_id)
            times[event.client_id] = event.at if earlier is None else max(earlier, event.at)
    return times


@lru_cache(maxsize=1)
def ledger_template() -> FormTemplate:
    """The shipped ledger template, loaded and checked once."""
    return load_template(template_path(TEMPLATE_FILE), LEDGER_TEMPLATE_SPEC)


def render_ledger(data: LedgerData, template: FormTemplate | None = None, *,
                  paper: PaperFormat = PaperFormat.A4) -> bytes:
    """Render the ledger as one PDF (bytes) on ``paper``: a landscape table on sheets,
    a list of blocks on the roll; every page numbered."""
    template = template or ledger_template()
    register_fonts()
    page = geometry(paper)
    if page.roll:
        return _render_roll(data, template, page)
    return _render_sheets(data, template, page)


# ---------------------------------------------------------------------------- shared

def _period(data: LedgerData, template: FormTemplate) -> str:
    start, end = data.period_start, data.period_end
    if start == end:
        return template.text("period_day", day=start.day, month=start.month, year=start.year)
    return template.text("period_range", from_day=start.day, from_month=start.month,
                         from_year=start.year, to_day=end.day, to_month=end.month,
                         to_year=end.year)


def _moment(template: FormTemplate, moment: datetime | None) -> str:
    if moment is None:
        return ""
    return template.text("moment", **time_fields(moment.astimezone(VN_TZ)))


def _delivery(template: FormTemplate, row: LedgerRow) -> str:
    return template.text("delivery_post" if row.delivery is DeliveryOption.POST else "delivery_desk")


class _Styles:
    """The ledger's type at one size: its title block, its cells or its roll blocks."""

    def __init__(self, size: float) -> None:
        def style(name: str, **kw: Any) -> ParagraphStyle:
            base: dict[str, Any] = {"fontName": FAMILY, "fontSize": size, "leading": size * 1.2}
            base.update(kw)
            return ParagraphStyle(name, **base)

        head = size - 1
        self.size = size
        self.agency = style("agency", alignment=TA_CENTER, fontSize=size + 1, leading=(size + 1) * 1.25)
        self.unit = style("unit", alignment=TA_CENTER, fontName=BOLD, fontSize=size + 1,
                          leading=(size + 1) * 1.25)
        self.title = style("title", alignment=TA_CENTER, fontName=BOLD, fontSize=size + 5,
                           leading=(size + 5) * 1.3, spaceBefore=size * 0.8)
        self.period = style("period", alignment=TA_CENTER, fontName=ITALIC, fontSize=size + 1,
                            leading=(size + 1) * 1.3, spaceAfter=size * 0.8)
        self.label = style("label", alignment=TA_RIGHT, fontName=ITALIC, fontSize=size - 1.5,
                           leading=(size - 1.5) * 1.2, spaceAfter=size * 0.4)
        self.note = style("note", alignment=TA_LEFT, fontName=ITALIC, spaceBefore=size * 0.6)
        self.count = style("count", alignment=TA_LEFT, fontName=BOLD, spaceBefore=size * 0.6)
        self.cell = style("cell", alignment=TA_LEFT)
        self.cell_num = style("cell_num", alignment=TA_CENTER)
        self.cell_head = style("cell_head", alignment=TA_CENTER, fontName=BOLD, fontSize=head,
                               leading=head * 1.15)
        self.block_code = style("block_code", alignment=TA_LEFT, fontName=BOLD, spaceBefore=size * 0.5)
        self.block = style("block", alignment=TA_LEFT, leftIndent=size * 0.8)


def _title_block(data: LedgerData, template: FormTemplate, st: _Styles,
                 width: float) -> list[Flowable]:
    """Agency and unit, then the title and the period."""
    # On a sheet the agency sits top left, as on the forms; on the roll it spans the slip.
    sheet = width > 120 * mm
    side_width = min(width * 0.42, 110 * mm) if sheet else width
    unit = clean(data.unit_name).upper()
    unit_size = fitting_size(unit, BOLD, st.unit.fontSize, side_width - 2 * mm, floor=st.size - 1)
    unit_style = ParagraphStyle("unit_fit", parent=st.unit, fontSize=unit_size,
                                leading=unit_size * 1.25)
    agency = Paragraph(markup(data.agency_name.upper()), st.agency)
    unit_line = Paragraph(markup(unit), unit_style)
    rule = HRFlowable(width=min(28 * mm, width * 0.4), thickness=0.6, color=colors.black,
                      spaceBefore=2.5, spaceAfter=0, hAlign="CENTER")
    if sheet:
        side = Table([[[agency, unit_line, rule]]], colWidths=[side_width])
        side.setStyle(table_style([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        side.hAlign = "LEFT"
        top: list[Flowable] = [side]
    else:
        top = [agency, unit_line, rule]
    return [*top, Paragraph(markup(template.text("title")), st.title),
            Paragraph(markup(_period(data, template)), st.period)]


def _closing(data: LedgerData, template: FormTemplate, st: _Styles) -> Flowable:
    if not data.rows:
        return Paragraph(markup(template.text("empty")), st.note)
    return Paragraph(markup(template.text("count", count=len(data.rows))), st.count)


def _numbered_canvas(draw: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each can say "page x of y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                draw(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _doc(buffer: io.BytesIO, data: LedgerData, template: FormTemplate, page: PageGeometry,
         pagesize: tuple[float, float], st: _Styles) -> BaseDocTemplate:
    period = _period(data, template)
    return BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=page.margin_left,
        rightMargin=page.margin_right,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        title=template.text("pdf_title", period=period),
        subject=template.text("pdf_subject"),
        author=clean(data.agency_name),
        creator="One-stop desk",
        keywords=[str(template.raw("template_id"))],
        lang="vi-VN",
        invariant=1,
        # Otherwise every page names Helvetica, a font the PDF does not embed.
        initialFontName=FAMILY,
        initialFontSize=st.size,
    )


# ---------------------------------------------------------------------------- sheets

# Cell type per sheet: two steps under the forms' smallest body size, so that eleven
# columns fit across a landscape page (A4: 9.5 pt; A5: 7.5 pt).
_SHEET_STEP = 1.5
_COLUMN_WEIGHTS = {"code": 1.2, "procedure": 1.7, "applicant": 1.2, "address": 1.6,
                   "agency": 1.25, "delivery": 0.85}


def _render_sheets(data: LedgerData, template: FormTemplate, page: PageGeometry) -> bytes:
    st = _Styles(min(page.type_sizes) - _SHEET_STEP)
    landscape = (page.height, page.width)
    width = landscape[0] - page.margin_left - page.margin_right
    height = landscape[1] - page.margin_top - page.margin_bottom
    buffer = io.BytesIO()
    doc = _doc(buffer, data, template, page, landscape, st)
    frame = Frame(page.margin_left, page.margin_bottom, width, height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="ledger", frames=[frame])])

    story = _title_block(data, template, st, width)
    if data.rows:
        story.append(_table(data, template, st, width, height))
    story.append(_closing(data, template, st))

    period = _period(data, template)
    running = clean(template.text("running_head", agency_name=data.agency_name,
                                  unit_name=data.unit_name, period=period))
    label = clean(template.text("form_label"))
    mark = st.size - 1.5

    def marks(canvas: Canvas, number: int, total: int) -> None:
        page_width, page_height = canvas._pagesize
        baseline = page_height - page.margin_top * 0.55
        canvas.saveState()
        canvas.setFont(ITALIC, mark)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawRightString(page_width - page.margin_right, baseline, label)
        if number > 1:
            # The first page has the full title; the others say whose book and which days.
            room = width - stringWidth(label, ITALIC, mark) - 6 * mm
            canvas.setFont(ITALIC, fitting_size(running, ITALIC, mark, room, floor=5.0))
            canvas.drawString(page.margin_left, baseline, running)
        canvas.setFillColor(colors.black)
        canvas.setFont(FAMILY, st.size)
        canvas.drawCentredString(page.margin_left + width / 2, page.margin_bottom * 0.4,
                                 clean(template.text("page", page=number, pages=total)))
        canvas.restoreState()

    doc.build(story, canvasmaker=_numbered_canvas(marks))
    return buffer.getvalue()


def _table(data: LedgerData, template: FormTemplate, st: _Styles, width: float,
           height: float) -> Table:
    pad = 2.0
    head_font, head_size = BOLD, st.cell_head.fontSize
    columns: list[str] = template.raw("columns")

    def fits(text: str, font: str = FAMILY, size: float = st.size) -> float:
        return stringWidth(text, font, size) + 2 * pad + 1

    # Columns of set content are as wide as that content; the others share what is left.
    number_width = max(fits(str(len(data.rows))), fits(columns[0], head_font, head_size))
    # A time column holds the widest word of a time as the template writes it (the date).
    sample = _moment(template, datetime(2026, 12, 28, 23, 59, tzinfo=VN_TZ))
    moment_width = max(fits(piece) for piece in sample.split()) + 2
    sign_width = max(moment_width, width * 0.065)
    fixed = number_width + 3 * moment_width + sign_width
    weights = _COLUMN_WEIGHTS
    share = (width - fixed) / sum(weights.values())
    w = {key: share * weight for key, weight in weights.items()}
    widths = [number_width, w["code"], w["procedure"], w["applicant"], w["address"],
              w["agency"], moment_width, moment_width, moment_width, w["delivery"], sign_width]

    blank = template.text("blank")
    code_room = w["code"] - 2 * pad
    heads = [Paragraph(markup(text), st.cell_head) for text in columns]
    head_height = max(head.wrap(column - 2 * pad, height)[1]
                      for head, column in zip(heads, widths)) + _PAD_Y
    # The most a row may hold on one page under the column heads; a taller one (a very
    # long address) goes on over further rows, so nothing is ever cut.
    room = height - head_height - _PAD_Y - 2
    rows: list[list[Any]] = [heads]
    ends: list[int] = []  # the last table row of each dossier
    for row in data.rows:
        # One paragraph per cell, lines joined with <br/>: a list of flowables in a cell
        # is measured again at every page split, and 400 rows would feel it.
        code = _code_markup(row.dossier_code or blank, code_room, st.size)
        if row.code_provisional and row.dossier_code:
            code += f"<br/><i>{markup(template.text('provisional'))}</i>"
        contact = markup(row.applicant_address or blank)
        if row.phone:
            contact += "<br/>" + markup(template.text("phone", phone=row.phone))
        cells: list[Any] = [
            Paragraph(str(row.number), st.cell_num),
            Paragraph(code, st.cell),
            Paragraph(markup(row.procedure_name), st.cell),
            Paragraph(markup(row.applicant_name), st.cell),
            Paragraph(contact, st.cell),
            Paragraph(markup(row.handling_agency or blank), st.cell),
            Paragraph(markup(_moment(template, row.received_at)), st.cell),
            Paragraph(markup(_moment(template, row.due_at)), st.cell),
            Paragraph(markup(_moment(template, row.returned_at)), st.cell),
            Paragraph(markup(_delivery(template, row)), st.cell),
            "",
        ]
        rows.extend(_fitting_rows(cells, [w - 2 * pad for w in widths], room))
        ends.append(len(rows) - 1)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_Y - 2),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
    ]
    if len(rows) == len(data.rows) + 1:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    else:
        # A dossier over several rows reads as one: no rule between its rows.
        commands += [("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                     ("LINEAFTER", (0, 0), (-2, -1), 0.5, colors.black),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black)]
        commands += [("LINEBELOW", (0, end), (-1, end), 0.5, colors.black) for end in ends]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(commands))
    return table


_PAD_Y = 5.0  # a cell's top and bottom padding together


def _fitting_rows(cells: list[Any], widths: list[float], room: float) -> list[list[Any]]:
    """The table rows for one dossier: one, or as many as it takes for no row to be
    taller than `room` (each cell's text carried on into the next row)."""
    pieces: list[list[Any]] = []
    while True:
        first: list[Any] = []
        rest: list[Any] = []
        for cell, width in zip(cells, widths):
            if isinstance(cell, Paragraph) and cell.wrap(width, 1e6)[1] > room:
                parts = cell.split(width, room)
                if len(parts) == 2:
                    first.append(parts[0])
                    rest.append(parts[1])
                    continue
            first.append(cell)
            rest.append("")
        pieces.append(first)
        if all(cell == "" for cell in rest):
            return pieces
        cells = rest


def _code_markup(code: str, room: float, size: float) -> str:
    """A dossier code that does not fit its column breaks after a hyphen, between its
    parts (agency, day, sequence), rather than anywhere in them."""
    code = clean(code)
    if stringWidth(code, FAMILY, size) <= room:
        return markup(code)
    lines: list[str] = []
    for part in re.split(r"(?<=-)", code):
        if lines and stringWidth(lines[-1] + part, FAMILY, size) <= room:
            lines[-1] += part
        else:
            lines.append(part)
    return "<br/>".join(markup(line) for line in lines)


# ---------------------------------------------------------------------------- roll

# What the estimate of a slip's length may miss (a paragraph's last line, rounding): a few
# millimetres of paper rather than a block pushed onto a slip of its own.
_ROLL_SLACK = 6 * mm


def _render_roll(data: LedgerData, template: FormTemplate, page: PageGeometry) -> bytes:
    """One block per dossier, on slips as long as their content (up to the roll's longest
    page), each slip numbered at its foot."""
    st = _Styles(page.type_sizes[0])
    width = page.frame_width
    # No margin on a roll is wide enough for the form's label: it heads the first slip.
    label = Paragraph(markup(template.text("form_label")), st.label)
    blocks: list[list[Flowable]] = [[label, *_title_block(data, template, st, width)]]
    blocks.extend(_roll_block(row, template, st) for row in data.rows)
    blocks.append([_closing(data, template, st)])

    # Slips: blocks stacked until the next would pass the roll's longest page; a block
    # (one dossier) is never split between two slips.
    room = page.frame_height - _ROLL_SLACK
    slips: list[tuple[list[Flowable], float]] = []
    current: list[Flowable] = []
    used = 0.0
    for block in blocks:
        height = 0.0
        for flowable in block:
            _w, h = flowable.wrap(width, page.frame_height)
            height += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if current and used + height > room:
            slips.append((current, used))
            current, used = [], 0.0
        current.append(KeepTogether(block))
        used += height
    slips.append((current, used))

    def slip_size(used: float) -> tuple[float, float]:
        return page.width, min(page.height, used + page.margin_top + page.margin_bottom + _ROLL_SLACK)

    buffer = io.BytesIO()
    doc = _doc(buffer, data, template, page, slip_size(slips[0][1]), st)
    templates = []
    story: list[Flowable] = []
    for index, (content, used) in enumerate(slips):
        size = slip_size(used)
        frame = Frame(page.margin_left, page.margin_bottom, width,
                      size[1] - page.margin_top - page.margin_bottom, id=f"body{index}",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(id=f"slip{index}", frames=[frame], pagesize=size))
        if index:
            story.extend([NextPageTemplate(f"slip{index}"), PageBreak()])
        story.extend(content)
    doc.addPageTemplates(templates)

    def marks(canvas: Canvas, number: int, total: int) -> None:
        page_width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(FAMILY, st.size - 1)
        canvas.drawCentredString(page_width / 2, page.margin_bottom * 0.4,
                                 clean(template.text("page", page=number, pages=total)))
        canvas.restoreState()

    doc.build(story, canvasmaker=_numbered_canvas(marks))
    return buffer.getvalue()


def _roll_block(row: LedgerRow, template: FormTemplate, st: _Styles) -> list[Flowable]:
    t = template.text
    blank = t("blank")
    code = clean(row.dossier_code or "") or blank
    if row.code_provisional and row.dossier_code:
        code = f"{code} {clean(t('provisional'))}"
    lines = [
        Paragraph(markup(t("roll_code", number=row.number, code=code)), st.block_code),
        Paragraph(bold_label(t("roll_procedure", procedure=row.procedure_name)), st.block),
        Paragraph(bold_label(t("roll_applicant", name=row.applicant_name)), st.block),
        Paragraph(markup(t("roll_address", address=row.applicant_address or blank)), st.block),
    ]
    if row.phone:
        lines.append(Paragraph(markup(t("phone", phone=row.phone)), st.block))
    lines += [
        Paragraph(markup(t("roll_agency", agency=row.handling_agency or blank)), st.block),
        Paragraph(markup(t("roll_received", moment=_moment(template, row.received_at))), st.block),
        Paragraph(markup(t("roll_due", moment=_moment(template, row.due_at))), st.block),
        Paragraph(markup(t("roll_returned", moment=_moment(template, row.returned_at) or blank)),
                  st.block),
        Paragraph(markup(t("roll_delivery", delivery=_delivery(template, row))), st.block),
        Paragraph(markup(t("roll_sign")), st.block),
        HRFlowable(width="100%", thickness=0.4, color=colors.HexColor("#888888"),
                   spaceBefore=3, spaceAfter=0),
    ]
    return lines
