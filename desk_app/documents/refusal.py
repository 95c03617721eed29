"""Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ (refusal to accept a dossier).

`render_refusal` turns a `RefusalData` into an A4 PDF holding the two copies of the form
("Liên 1: Lưu", "Liên 2: Giao người nộp"), each starting on its own page, like the
receipt: who submitted what, the reason the desk will not take the dossier (free text,
wrapped however long), and the signatures of the submitter and the receiving officer.
The wording comes from resources/templates/mau03_refusal.vi.json.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from desk_app.core.timeutil import VN_TZ
from desk_app.documents.form_parts import (
    DEFAULT_UNIT_NAME,
    NUMBERED_FORM_SPEC,
    PARTIES,
    FormStyles,
    bold_label,
    clean,
    contact_line,
    form_number,
    header,
    markup,
    render_numbered_form,
    signatures,
    text_lines,
)
from desk_app.documents.page_formats import PaperFormat
from desk_app.documents.templates import FormTemplate, TemplateSpec, load_template, template_path

TEMPLATE_FILE = "mau03_refusal.vi.json"

REFUSAL_TEMPLATE_SPEC: TemplateSpec = {
    **NUMBERED_FORM_SPEC,
    "receiving_unit": PARTIES,
    "reason_heading": PARTIES,
    "closing": frozenset(),
    "submitter": frozenset(),
    "receiver": frozenset(),
}


@dataclass(frozen=True, kw_only=True)
class RefusalData:
    """What one refusal (phiếu từ chối) shows. Times are aware.

    `number` is the running number printed before the template's suffix (the caller keeps
    the series); None prints a blank to be filled by hand. `dossier_code` is printed when
    the dossier already has one. `reason` is free text; its line breaks are kept.
    """

    agency_name: str
    unit_name: str = DEFAULT_UNIT_NAME
    place: str
    number: str | None = None
    issued_at: datetime
    dossier_code: str | None = None
    procedure_name: str
    applicant_name: str
    applicant_address: str
    phone: str | None = None
    email: str | None = None
    reason: str
    officer_name: str

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None:
            raise ValueError("issued_at must be timezone-aware")
        if not clean(self.reason):
            # The citizen is owed the reason in writing; a blank one defeats the form.
            raise ValueError("a refusal needs a reason")


@lru_cache(maxsize=1)
def refusal_template() -> FormTemplate:
    """The shipped Mẫu 03 template, loaded and checked once."""
    return load_template(template_path(TEMPLATE_FILE), REFUSAL_TEMPLATE_SPEC)


def render_refusal(data: RefusalData, template: FormTemplate | None = None, *,
                   paper: PaperFormat = PaperFormat.A4, reprinted_at: datetime | None = None) -> bytes:
    """Render both copies of Mẫu 03 as one PDF (bytes) on ``paper``.

    A long reason steps the type down to 11 pt to stay on one page per copy; beyond that
    a copy flows onto further pages, each marked with the number and the applicant's name.
    """
    template = template or refusal_template()
    return render_numbered_form(data, template, lambda st: _copy_story(data, template, st),
                                paper=paper, reprinted_at=reprinted_at)


def _copy_story(data: RefusalData, template: FormTemplate, st: FormStyles) -> list[Flowable]:
    t = template.text
    parties = {"agency_name": data.agency_name, "unit_name": data.unit_name}
    issued = data.issued_at.astimezone(VN_TZ)
    story: list[Flowable] = [header(
        agency_name=data.agency_name, unit_name=data.unit_name, template=template,
        place=data.place, day=issued, st=st,
        reference=t("number", number=form_number(data, template)))]

    story.append(Paragraph(markup(t("title")), st.title))
    if data.dossier_code:
        story.append(Paragraph(markup(t("code", code=data.dossier_code)), st.code))

    story.append(Paragraph(bold_label(t("receiving_unit", **parties)), st.body_first))
    story.append(Paragraph(bold_label(t("applicant", name=data.applicant_name)), st.body))
    story.append(Paragraph(bold_label(t("address", address=data.applicant_address)),
                           st.body))
    story.append(contact_line(template, st, data.phone, data.email))
    story.append(Paragraph(bold_label(t("request", procedure=data.procedure_name)), st.body))

    story.append(Paragraph(markup(t("reason_heading", **parties)), st.body))
    # The officer's line breaks are kept: a reason is often a short list of faults.
    story.extend(Paragraph(markup(line), st.body) for line in text_lines(data.reason))

    closing = Paragraph(markup(t("closing")), st.body)
    signed = signatures((t("submitter"), ""), (t("receiver"), data.officer_name), template, st)
    # The closing moves with the signatures so they never stand alone on a page.
    story.append(KeepTogether([closing, Spacer(1, st.size * 0.6), signed]))
    return story
