"""Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (request to complete a dossier).

`render_supplement` turns a `SupplementData` into an A4 PDF holding the two copies of the
form ("Liên 1: Lưu", "Liên 2: Giao người nộp"), each starting on its own page, like the
receipt. It tells the citizen which documents to bring (a table with the counts of
originals, certified copies and photocopies), why, and whom to ask; the guiding officer
signs it. The wording comes from resources/templates/mau02_supplement.vi.json.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from desk_app.core.catalogue import DocumentRequirement
from desk_app.core.dossier import ReceivedDocument
from desk_app.core.timeutil import VN_TZ
from desk_app.documents.form_parts import (
    DEFAULT_UNIT_NAME,
    NUMBERED_FORM_SPEC,
    PARTIES,
    FormStyles,
    bold_label,
    clean,
    contact_line,
    documents_table,
    form_number,
    header,
    markup,
    render_numbered_form,
    signatures,
    text_lines,
)
from desk_app.documents.page_formats import PaperFormat
from desk_app.documents.templates import FormTemplate, TemplateSpec, load_template, template_path

TEMPLATE_FILE = "mau02_supplement.vi.json"

SUPPLEMENT_TEMPLATE_SPEC: TemplateSpec = {
    **NUMBERED_FORM_SPEC,
    "documents_heading": frozenset(),
    "documents_columns": 5,
    "no_documents": frozenset(),
    "reason": frozenset({"reason"}),
    "contact": frozenset({"place", "phone"}),
    "contact_place": PARTIES,
    "guide": frozenset(),
}


@dataclass(frozen=True)
class RequestedDocument:
    """A document the citizen is asked to bring or redo, with how many of each form.

    `note` says what is wrong or what is needed (printed under the name), e.g. the
    catalogue's note on that document.
    """

    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0
    note: str = ""

    def __post_init__(self) -> None:
        if not clean(self.name):
            raise ValueError("a requested document needs a name")
        if min(self.originals, self.certified_copies, self.photocopies) < 0:
            raise ValueError("document counts cannot be negative")

    @classmethod
    def from_requirement(cls, requirement: DocumentRequirement,
                         note: str | None = None) -> RequestedDocument:
        """The catalogue's document with its counts; `note` replaces the catalogue's note."""
        return cls(requirement.name, requirement.originals, requirement.certified_copies,
                   requirement.photocopies, requirement.note if note is None else note)


def missing_documents(requirements: Iterable[DocumentRequirement],
                      received: Iterable[ReceivedDocument]) -> tuple[RequestedDocument, ...]:
    """The required documents not handed in, or handed in short, in catalogue order.

    Documents are matched by code; each count asked for is what is still missing of it.
    Optional documents are never asked for.
    """
    taken: dict[str, list[int]] = {}
    for document in received:
        counts = taken.setdefault(document.code, [0, 0, 0])
        counts[0] += document.originals
        counts[1] += document.certified_copies
        counts[2] += document.photocopies
    missing = []
    for requirement in requirements:
        if not requirement.required:
            continue
        have = taken.get(requirement.code, [0, 0, 0])
        short = [max(0, need - got) for need, got in zip(
            (requirement.originals, requirement.certified_copies, requirement.photocopies),
            have, strict=True)]
        nothing_counted = not (requirement.originals or requirement.certified_copies
                               or requirement.photocopies)
        if any(short) or (nothing_counted and requirement.code not in taken):
            missing.append(RequestedDocument(requirement.name, *short, note=requirement.note))
    return tuple(missing)


@dataclass(frozen=True, kw_only=True)
class SupplementData:
    """What one supplement request (phiếu yêu cầu bổ sung) shows. Times are aware.

    `number` is the running number printed before "/HDHS" (the caller keeps the series);
    None prints a blank to be filled by hand. `dossier_code` is printed when the dossier
    already has one. `contact_place` defaults to the template's wording for this unit.
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
    documents: tuple[RequestedDocument, ...] = ()
    reason: str = ""
    contact_place: str | None = None
    contact_phone: str | None = None
    officer_name: str

    def __post_init__(self) -> None:
        # Callers often hold lists, or plain (name, originals, certified, photocopies)
        # tuples; freezing them keeps the request hashable and immutable.
        documents = tuple(item if isinstance(item, RequestedDocument)
                          else RequestedDocument(*item) for item in self.documents)
        object.__setattr__(self, "documents", documents)
        if self.issued_at.tzinfo is None:
            raise ValueError("issued_at must be timezone-aware")
        if not documents and not clean(self.reason):
            raise ValueError("a supplement request needs documents or a reason")


@lru_cache(maxsize=1)
def supplement_template() -> FormTemplate:
    """The shipped Mẫu 02 template, loaded and checked once."""
    return load_template(template_path(TEMPLATE_FILE), SUPPLEMENT_TEMPLATE_SPEC)


def render_supplement(data: SupplementData, template: FormTemplate | None = None, *,
                      paper: PaperFormat = PaperFormat.A4, reprinted_at: datetime | None = None) -> bytes:
    """Render both copies of Mẫu 02 as one PDF (bytes) on ``paper``.

    A crowded request (many documents, a long reason) steps the type down to 11 pt to
    stay on one page per copy; beyond that a copy flows onto further pages, each marked
    with the request's number and the applicant's name.
    """
    template = template or supplement_template()
    return render_numbered_form(data, template, lambda st: _copy_story(data, template, st),
                                paper=paper, reprinted_at=reprinted_at)


def _copy_story(data: SupplementData, template: FormTemplate, st: FormStyles) -> list[Flowable]:
    t = template.text
    issued = data.issued_at.astimezone(VN_TZ)
    story: list[Flowable] = [header(
        agency_name=data.agency_name, unit_name=data.unit_name, template=template,
        place=data.place, day=issued, st=st,
        reference=t("number", number=form_number(data, template)))]

    story.append(Paragraph(markup(t("title")), st.title))
    if data.dossier_code:
        story.append(Paragraph(markup(t("code", code=data.dossier_code)), st.code))

    story.append(Paragraph(bold_label(t("applicant", name=data.applicant_name)),
                           st.body_first))
    story.append(Paragraph(bold_label(t("address", address=data.applicant_address)),
                           st.body))
    story.append(contact_line(template, st, data.phone, data.email))
    story.append(Paragraph(bold_label(t("request", procedure=data.procedure_name)), st.body))

    story.append(Paragraph(markup(t("documents_heading")), st.item))
    if data.documents:
        rows = [(d.name, d.originals, d.certified_copies, d.photocopies)
                for d in data.documents]
        story.append(documents_table(rows, template.raw("documents_columns"), st,
                                     notes=[d.note for d in data.documents]))
    else:
        story.append(Paragraph(markup(t("no_documents")), st.item))
    story.extend(_reason(data.reason, template, st))

    blank = t("blank")
    place = data.contact_place or t("contact_place", agency_name=data.agency_name,
                                    unit_name=data.unit_name)
    contact = Paragraph(markup(t("contact", place=place, phone=data.contact_phone or blank)),
                        st.body)
    # The contact line moves with the signature, so a copy running onto a second page never
    # leaves the signature alone there.
    signed = signatures(None, (t("guide"), data.officer_name), template, st)
    story.append(KeepTogether([contact, Spacer(1, st.size * 0.6), signed]))
    return story


def _reason(reason: str, template: FormTemplate, st: FormStyles) -> list[Flowable]:
    """"Lý do: …" in the body face (a long reason in bold would shout); each typed line is
    its own paragraph."""
    lines = text_lines(reason) or [template.text("blank")]
    return [Paragraph(markup(template.text("reason", reason=lines[0])), st.body)] + [
        Paragraph(markup(line), st.body) for line in lines[1:]]
