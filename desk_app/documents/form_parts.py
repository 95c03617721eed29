"""Drawing shared by the one-stop forms (Mẫu 01, 02 and 03).

The three forms carry the same identity block (agency and unit on the left, national motto
and place and date on the right), the same documents table, the same signature blocks and
come in the same two copies, each starting on its own page with its copy label in the top
margin. Each form module supplies its wording (a template) and the order of its body; the
page geometry, type and those shared parts are here.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
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
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desk_app.core.timeutil import VN_TZ
from desk_app.documents.fonts import BOLD, FAMILY, ITALIC, register_fonts
from desk_app.documents.page_formats import PageGeometry, PaperFormat, geometry
from desk_app.documents.templates import FormTemplate, TemplateSpec

DEFAULT_UNIT_NAME = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"

# Placeholders naming the receiving agency and its unit.
PARTIES = frozenset({"agency_name", "unit_name"})
# What every form with copies prints when it is printed again: a dated line and a mark
# across the page, so a reprint can never pass for the copy handed over at the time.
REPRINT_SPEC: TemplateSpec = {
    "reprint": frozenset({"day", "month", "year", "hour", "minute"}),
    "reprint_mark": frozenset(),
}
# The texts every form with copies gives to what prints it here: `render_copies` (the
# label, the copies, the reprint marks) and `header` (nation, motto, place and date), and
# its title. Each form adds its own.
COPIES_FORM_SPEC: TemplateSpec = {
    "template_id": frozenset(),
    "form_label": frozenset(),
    "copies": 2,
    "nation": frozenset(),
    "motto": frozenset(),
    "place_date": frozenset({"place", "day", "month", "year"}),
    "title": frozenset(),
    **REPRINT_SPEC,
}
# What every numbered form (Mẫu 02, Mẫu 03) adds: the identity block, `render_numbered_form`
# and `form_number`.
NUMBERED_FORM_SPEC: TemplateSpec = {
    **COPIES_FORM_SPEC,
    "number": frozenset({"number"}),
    "code": frozenset({"code"}),
    "applicant": frozenset({"name"}),
    "address": frozenset({"address"}),
    "phone": frozenset({"phone"}),
    "email": frozenset({"email"}),
    "request": frozenset({"procedure"}),
    "blank": frozenset(),
    "sign_hint": frozenset(),
    "continued": frozenset({"number", "name", "page"}),
    "pdf_title": frozenset({"number"}),
    "pdf_subject": frozenset(),
}

A4_GEOMETRY = geometry(PaperFormat.A4)


class FormStyles:
    """The paragraph styles of one type size on one paper (13 pt body on A4, stepping down
    on crowded forms); ``width`` is the text's width on that paper."""

    def __init__(self, size: float, page: PageGeometry = A4_GEOMETRY) -> None:
        self.page = page
        self.width = page.frame_width
        lead = size * 1.3
        small = size - 1

        def style(name: str, **kw: Any) -> ParagraphStyle:
            base: dict[str, Any] = {"fontName": FAMILY, "fontSize": size, "leading": lead}
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.style = style
        self.size = size
        self.small = small
        self.header_left = style("header_left", alignment=TA_CENTER, fontSize=small,
                                 leading=small * 1.25)
        self.header_unit = style("header_unit", alignment=TA_CENTER, fontName=BOLD,
                                 fontSize=small, leading=small * 1.25)
        self.nation = style("nation", alignment=TA_CENTER, fontName=BOLD, fontSize=small,
                            leading=small * 1.25)
        self.motto = style("motto", alignment=TA_CENTER, fontName=BOLD, leading=size * 1.2)
        self.place_date = style("place_date", alignment=TA_CENTER, fontName=ITALIC)
        self.reference = style("reference", alignment=TA_CENTER)
        self.title = style("title", alignment=TA_CENTER, fontName=BOLD, fontSize=size + 1,
                           leading=(size + 1) * 1.3, spaceBefore=size * 0.9)
        self.code = style("code", alignment=TA_CENTER, fontName=BOLD, spaceBefore=2)
        self.note = style("note", alignment=TA_CENTER, fontName=ITALIC, fontSize=small - 0.5,
                          leading=(small - 0.5) * 1.25, leftIndent=8 * mm, rightIndent=8 * mm)
        # Justified lines a few words wide open rivers of space: a roll is set ragged.
        self.body = style("body", alignment=TA_LEFT if page.narrow else TA_JUSTIFY, spaceBefore=1.5)
        self.body_first = style("body_first", parent=self.body, spaceBefore=size * 0.7)
        self.item = style("item", parent=self.body, leftIndent=0)
        self.contact = style("contact", parent=self.body, alignment=TA_LEFT)
        self.cell = style("cell", alignment=TA_LEFT, fontSize=small, leading=small * 1.2)
        self.cell_note = style("cell_note", alignment=TA_LEFT, fontName=ITALIC,
                               fontSize=small - 1, leading=(small - 1) * 1.2)
        self.cell_head = style("cell_head", alignment=TA_CENTER, fontName=BOLD,
                               fontSize=small - 1, leading=(small - 1) * 1.15)
        self.cell_num = style("cell_num", alignment=TA_CENTER, fontSize=small,
                              leading=small * 1.2)
        self.sign_title = style("sign_title", alignment=TA_CENTER, fontName=BOLD)
        self.sign_hint = style("sign_hint", alignment=TA_CENTER, fontName=ITALIC,
                               fontSize=small, leading=small * 1.2)
        self.sign_name = style("sign_name", alignment=TA_CENTER, fontName=BOLD)
        # Room to sign by hand; a roll is paid for by the millimetre.
        self.signature_gap = 12 * mm if page.roll else 24 * mm if size >= 13 else 20 * mm
        self.count_width = 11 * mm if page.narrow else 21 * mm if page.paper is PaperFormat.A4 else 16 * mm
        self.number_width = 6 * mm if page.narrow else 10 * mm


# ---------------------------------------------------------------------------- text

def clean(text: str) -> str:
    # NFC so each letter is one glyph: decomposed tone marks (NFD input from some keyboards
    # and OCR) would otherwise be set as loose combining marks.
    return unicodedata.normalize("NFC", text).strip()


def markup(text: str) -> str:
    """Escape data for Paragraph markup."""
    return escape(clean(text))


def bold_label(text: str) -> str:
    """Paragraph markup with the part up to the first ':' set as the label (not bold)."""
    label, sep, value = clean(text).partition(":")
    if not sep:
        return escape(label)
    return f"{escape(label)}:<b>{escape(value)}</b>"


def text_lines(text: str) -> list[str]:
    """The non-empty lines of a free text (a reason typed with line breaks), cleaned."""
    return [line for line in (clean(part) for part in clean(text).splitlines()) if line]


def date_fields(moment: datetime) -> dict[str, int]:
    return {"day": moment.day, "month": moment.month, "year": moment.year}


def time_fields(moment: datetime) -> dict[str, int]:
    return {"hour": moment.hour, "minute": moment.minute, **date_fields(moment)}


def fitting_size(text: str, font: str, preferred: float, width: float,
                 floor: float = 10.0) -> float:
    """The largest size from `preferred` down to `floor` at which `text` fits on one line.

    Header lines such as the unit name read best unbroken; below the floor the text
    wraps instead of turning unreadably small.
    """
    size = preferred
    while size > floor and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    # Tables set their cells' font before drawing; left to reportlab's default that is
    # Helvetica, which would then appear in the PDF as a font that is not embedded.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), *commands])


_NO_PADDING: list[tuple[Any, ...]] = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


# ---------------------------------------------------------------------------- parts

def header(*, agency_name: str, unit_name: str, template: FormTemplate, place: str,
           day: datetime, st: FormStyles, reference: str | None = None) -> Table:
    """The identity block: agency and unit left, nation, motto and place and date right.

    `reference` (a form's "Số: …" line) sits under the unit, level with the place and
    date, as the forms print it. On paper too narrow for two blocks side by side (the
    80 mm roll) they are stacked: the nation and motto first, then the agency.
    """
    narrow = st.page.narrow
    left_width = st.width if narrow else st.width * 0.47
    right_width = st.width if narrow else st.width - left_width
    usable_left = left_width - 2 * mm
    usable_right = right_width - 2 * mm
    unit = clean(unit_name).upper()
    # The header lines stay whole down to a couple of points under the body size (A5 and
    # the roll set the body at 9 pt), then wrap.
    floor = min(10.0, st.small - 2)
    unit_size = fitting_size(unit, BOLD, st.header_unit.fontSize, usable_left, floor)
    unit_style = ParagraphStyle("header_unit_fit", parent=st.header_unit, fontSize=unit_size,
                                leading=unit_size * 1.25)
    nation = clean(template.text("nation"))
    nation_size = fitting_size(nation, BOLD, st.nation.fontSize, usable_right, floor)
    nation_style = ParagraphStyle("nation_fit", parent=st.nation, fontSize=nation_size,
                                  leading=nation_size * 1.25)
    motto = clean(template.text("motto"))
    motto_width = min(stringWidth(motto, BOLD, st.motto.fontSize), usable_right)
    place_date = Paragraph(markup(template.text("place_date", place=place,
                                                **date_fields(day))), st.place_date)
    left = [
        Paragraph(markup(agency_name.upper()), st.header_left),
        Paragraph(escape(unit), unit_style),
        HRFlowable(width=28 * mm, thickness=0.6, color=colors.black,
                   spaceBefore=3.5, spaceAfter=0, hAlign="CENTER"),
    ]
    right: list[Flowable] = [
        Paragraph(escape(nation), nation_style),
        Paragraph(escape(motto), st.motto),
        HRFlowable(width=motto_width, thickness=0.6, color=colors.black,
                   spaceBefore=2.5, spaceAfter=4 if reference is None else 0,
                   hAlign="CENTER"),
    ]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Cell flowables follow the cell's alignment, not their own hAlign.
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        *_NO_PADDING,
    ]
    if narrow:
        rows: list[list[Any]] = [[right], [left]]
        if reference is not None:
            rows.append([Paragraph(markup(reference), st.reference)])
        rows.append([place_date])
        commands.append(("TOPPADDING", (0, 1), (-1, -1), 3))
        table = Table(rows, colWidths=[st.width])
        table.setStyle(table_style(commands))
        return table
    if reference is None:
        rows = [[left, [*right, place_date]]]
    else:
        # A second row keeps the number and the date on one baseline whatever the agency
        # name's length.
        rows = [[left, right], [Paragraph(markup(reference), st.reference), place_date]]
        commands.append(("TOPPADDING", (0, 1), (-1, 1), 4))
    table = Table(rows, colWidths=[left_width, right_width])
    table.setStyle(table_style(commands))
    return table


def contact_line(template: FormTemplate, st: FormStyles, phone: str | None,
                 email: str | None) -> Flowable:
    """Phone and e-mail, side by side when both fit, each on its own line otherwise."""
    blank = template.text("blank")
    phone_text = clean(template.text("phone", phone=phone or blank))
    email_text = clean(template.text("email", email=email or blank))
    phone_width, email_width = st.width * 0.45, st.width * 0.55
    phone_cell = Paragraph(bold_label(phone_text), st.contact)
    email_cell = Paragraph(bold_label(email_text), st.contact)
    fits = (stringWidth(phone_text, BOLD, st.size) < phone_width - 2
            and stringWidth(email_text, BOLD, st.size) < email_width - 2)
    if not fits:
        # A long address would be split mid-word in a half-width column: give each its line.
        return KeepTogether([phone_cell, email_cell])
    # Two columns so the e-mail always starts at the same place on every form.
    table = Table([[phone_cell, email_cell]], colWidths=[phone_width, email_width])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING]))
    return table


DocumentRow = tuple[str, int, int, int]  # (name, originals, certified copies, photocopies)


def documents_table(rows: Sequence[DocumentRow], columns: Sequence[str], st: FormStyles,
                    notes: Sequence[str] | None = None) -> Table:
    """TT | name | originals | certified copies | photocopies, the header repeated on a new page.

    A row's note, when given, is set in italics under its name.
    """
    heads = [Paragraph(markup(text), st.cell_head) for text in columns]
    body: list[list[Any]] = [heads]
    for number, (name, originals, certified, photocopies) in enumerate(rows, 1):
        note = clean(notes[number - 1]) if notes else ""
        name_cell: Any = Paragraph(markup(name), st.cell)
        if note:
            name_cell = [name_cell, Paragraph(markup(note), st.cell_note)]
        body.append([
            Paragraph(str(number), st.cell_num),
            name_cell,
            Paragraph(str(originals), st.cell_num),
            Paragraph(str(certified), st.cell_num),
            Paragraph(str(photocopies), st.cell_num),
        ])
    count = st.count_width
    widths = [st.number_width, 0.0, count, count, count]
    widths[1] = st.width - sum(widths)
    padding = 1.5 if st.page.narrow else 3
    table = Table(body, colWidths=widths, repeatRows=1)
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]))
    table.spaceBefore = 2
    table.spaceAfter = 2
    return table


Signer = tuple[str, str]  # (title text, printed name; "" leaves the line to be written)


def signatures(left: Signer | None, right: Signer | None, template: FormTemplate,
               st: FormStyles) -> Table:
    """Two signature columns; a form signed by one person leaves the other empty."""

    def block(signer: Signer | None) -> list[Flowable] | str:
        if signer is None:
            return ""
        title, name = signer
        return [
            Paragraph(markup(title), st.sign_title),
            Paragraph(markup(template.text("sign_hint")), st.sign_hint),
            Spacer(1, st.signature_gap),
            Paragraph(markup(name), st.sign_name),
        ]

    half = st.width / 2
    table = Table([[block(left), block(right)]], colWidths=[half, half])
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


# ---------------------------------------------------------------------------- the copies

@dataclass(frozen=True)
class PdfInfo:
    """The document information a form's PDF carries."""

    title: str
    subject: str
    author: str
    keywords: tuple[str, ...]


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


def render_copies(template: FormTemplate, info: PdfInfo,
                  copy_story: Callable[[Any], list[Flowable]],
                  continued: Callable[[int], str],
                  styles: Callable[[float, PageGeometry], Any] = FormStyles,
                  *, paper: PaperFormat = PaperFormat.A4,
                  reprinted_at: datetime | None = None) -> bytes:
    """Render every copy the template lists into one PDF (bytes) on ``paper``.

    Each copy is kept to one page by stepping the type size down (13 pt first on A4) when
    the form is crowded; a copy that still does not fit flows onto further pages, each
    marked with its copy label and `continued(page)`, so that a loose sheet can be put
    back. On a roll each copy is one page exactly as long as it needs. ``reprinted_at``
    marks every page as a reprint of that moment.
    """
    register_fonts()
    page = geometry(paper)
    for index, size in enumerate(page.type_sizes):
        st = styles(size, page)
        if page.roll:
            height = min(page.height, _story_height(copy_story, st) + page.margin_top + page.margin_bottom
                         + _ROLL_SLACK)
        else:
            height = page.height
            # After the first size fails, measuring a smaller one is cheaper than laying it out.
            if 0 < index < len(page.type_sizes) - 1 and _story_height(copy_story, st) > page.frame_height:
                continue
        pdf, pages_per_copy = _build(template, info, copy_story, continued, st, height, reprinted_at, shared=True)
        if pages_per_copy[0] == 1:
            return pdf
    # Too much for one page even at the smallest size: each copy is laid out on its own.
    return _build(template, info, copy_story, continued, st, height, reprinted_at, shared=False)[0]


# What the measure of a roll copy's length may miss (a paragraph's last line, a table's
# rounding): a few millimetres of paper rather than a copy split onto a second slip.
_ROLL_SLACK = 6 * mm


def _story_height(copy_story: Callable[[Any], list[Flowable]], st: Any) -> float:
    """How tall one copy's flowables stand, stacked at the page's text width."""
    page: PageGeometry = st.page
    scratch = Canvas(io.BytesIO(), pagesize=(page.width, page.height), initialFontName=FAMILY)

    def stacked(flowables: Sequence[Flowable]) -> float:
        total = 0.0
        for flowable in flowables:
            if isinstance(flowable, KeepTogether):
                # It answers "taller than any page" to be split; its parts say how tall.
                height = stacked(flowable._content)
            else:
                _width, height = flowable.wrapOn(scratch, page.frame_width, page.height)
            total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return total

    return stacked(copy_story(st))


def _build(template: FormTemplate, info: PdfInfo, copy_story: Callable[[Any], list[Flowable]],
           continued: Callable[[int], str], st: Any, height: float,
           reprinted_at: datetime | None, *, shared: bool) -> tuple[bytes, list[int]]:
    """Lay the copies out; pages per copy with the PDF.

    ``shared``: the first copy is laid out once, as a form the PDF shows again on each
    copy's page, with that copy's label. The copies are the same text, and laying it out
    is most of a render's time. It holds only when the first copy fits one page (the
    caller checks ``pages_per_copy[0]``); otherwise every copy is laid out in turn.
    """
    page: PageGeometry = st.page
    copies: Sequence[str] = template.raw("copies")
    state = _CopyState(pages=[0] * len(copies))
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page.width, height),
        leftMargin=page.margin_left,
        rightMargin=page.margin_right,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        title=info.title,
        subject=info.subject,
        author=info.author,
        creator="One-stop desk",
        keywords=list(info.keywords),
        lang="vi-VN",
        invariant=1,
        # Otherwise every page names Helvetica, a font the PDF does not embed.
        initialFontName=FAMILY,
        initialFontSize=st.size,
    )
    frame = Frame(page.margin_left, page.margin_bottom, page.frame_width,
                  height - page.margin_top - page.margin_bottom, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    marks = _page_marks(template, copies, state, st, continued, reprinted_at)
    reprint_mark = _reprint_mark(template, reprinted_at)

    def page_start(canvas: Any, doc: Any) -> None:
        reprint_mark(canvas, doc)
        if shared and doc.page == 1:
            canvas.beginForm(_SHARED_COPY)

    def page_end(canvas: Any, doc: Any) -> None:
        if shared:
            if doc.page == 1:
                canvas.endForm()
            canvas.doForm(_SHARED_COPY)
        marks(canvas, doc)

    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=page_start, onPageEnd=page_end)])
    story: list[Flowable] = []
    for index in range(len(copies)):
        if index:
            story.append(PageBreak())
        story.append(_CopyStart(state, index))
        if index == 0 or not shared:
            story.extend(copy_story(st))
    doc.build(story)
    return buffer.getvalue(), state.pages


_SHARED_COPY = "copy"


_REPRINT_GREY = colors.Color(0, 0, 0, alpha=0.09)


def _reprint_mark(template: FormTemplate, reprinted_at: datetime | None) -> Callable[[Any, Any], None]:
    """Before each page's content, a light mark across the page on a reprint."""

    def draw(canvas: Any, doc: Any) -> None:
        if reprinted_at is None:
            return
        width, height = doc.pagesize
        mark = clean(template.text("reprint_mark"))
        # Diagonal on a sheet, across the width on a long roll slip; as large as fits.
        angle = 45.0 if height < 2.5 * width else 30.0
        reach = min(width, height) * (1.25 if angle == 45.0 else 1.0)
        size = min(90.0, reach * 0.9 / max(1.0, stringWidth(mark, BOLD, 1.0)))
        canvas.saveState()
        canvas.setFillColor(_REPRINT_GREY)
        canvas.setFont(BOLD, size)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(angle)
        canvas.drawCentredString(0, -size / 3, mark)
        canvas.restoreState()

    return draw


def _page_marks(template: FormTemplate, copies: Sequence[str], state: _CopyState, st: Any,
                continued: Callable[[int], str],
                reprinted_at: datetime | None) -> Callable[[Any, Any], None]:
    """Draw, after each page's content, the copy label and form number in the top margin,
    and on a reprint the moment it was printed again in the bottom margin."""
    page: PageGeometry = st.page
    size = st.size

    def draw(canvas: Any, doc: Any) -> None:
        state.pages[state.current] += 1
        page_in_copy = state.pages[state.current]
        page_width, page_height = doc.pagesize
        baseline = page_height - page.margin_top + min(5 * mm, page.margin_top * 0.45)
        if page_in_copy == 1:
            left_mark = clean(template.text("form_label"))
        else:
            left_mark = clean(continued(page_in_copy))
        copy_label = clean(copies[state.current])
        # A long continuation mark (a long name in it) shrinks rather than run under the
        # copy label.
        room = page.frame_width - stringWidth(copy_label, BOLD, size - 1) - 3 * mm
        mark_size = fitting_size(left_mark, ITALIC, size - 2, room, floor=5.0)
        canvas.saveState()
        canvas.setFont(ITALIC, mark_size)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawString(page.margin_left, baseline, left_mark)
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, size - 1)
        canvas.drawRightString(page_width - page.margin_right, baseline, copy_label)
        if reprinted_at is not None:
            line = clean(template.text("reprint", **time_fields(reprinted_at.astimezone(VN_TZ))))
            canvas.setFont(BOLD, fitting_size(line, BOLD, size - 1, page.frame_width, floor=5.0))
            canvas.drawCentredString(page_width / 2, page.margin_bottom * 0.4, line)
        canvas.restoreState()

    return draw


class NumberedForm(Protocol):
    """What Mẫu 02 and Mẫu 03 share: a number of their own, an agency, a dossier, an applicant."""

    number: str | None
    agency_name: str
    dossier_code: str | None
    applicant_name: str


def form_number(data: NumberedForm, template: FormTemplate) -> str:
    """The form's number as printed; a blank to fill by hand while the desk keeps no series."""
    return clean(data.number or "") or template.text("blank")


def render_numbered_form(data: NumberedForm, template: FormTemplate,
                         copy_story: Callable[[Any], list[Flowable]], *,
                         paper: PaperFormat = PaperFormat.A4,
                         reprinted_at: datetime | None = None) -> bytes:
    """Both copies of a numbered form, with the PDF's metadata and the continuation marks
    naming the number and the applicant."""
    number = form_number(data, template)
    info = PdfInfo(
        title=template.text("pdf_title", number=number),
        subject=template.text("pdf_subject"),
        author=clean(data.agency_name),
        keywords=tuple(k for k in (clean(data.dossier_code or ""), str(template.raw("template_id"))) if k),
    )
    return render_copies(
        template, info, copy_story=copy_story,
        continued=lambda page: template.text("continued", number=number, name=clean(data.applicant_name), page=page),
        paper=paper, reprinted_at=reprinted_at,
    )
