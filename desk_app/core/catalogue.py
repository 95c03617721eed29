"""The procedure catalogue (danh mục thủ tục hành chính), as data.

Nothing about a procedure is hard-coded in the desk: the central API serves a versioned
catalogue, the desk caches it, and a dossier keeps the version it was taken with. This
module turns the catalogue JSON (docs/architecture.md) into checked, immutable objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, Iterable, Mapping

from .messages import QT_TRANSLATE_NOOP, DeskError
from .text import fold
from .timeutil import parse_rfc3339, to_rfc3339


DEFAULT_SCAN_MAX_BYTES = 10_000_000


class CatalogueError(DeskError):
    """The catalogue data is malformed; the desk keeps using the copy it had."""


class UnknownProcedure(DeskError):
    """A procedure code that the catalogue does not hold."""


class FieldType(str, Enum):
    TEXT = "text"
    DATE = "date"
    CHOICE = "choice"
    NUMBER = "number"
    PHONE = "phone"
    EMAIL = "email"
    # Street and house, then a ward of a province, picked from the catalogue's places.
    ADDRESS = "address"
    # A block of sub-fields the officer can repeat (household members, earlier licences).
    GROUP = "group"


class UpstreamCheck(str, Enum):
    """A check the central API makes against another agency's system while the dossier is taken."""

    HEALTH_CERTIFICATE = "health_certificate"
    TRAFFIC_VIOLATIONS = "traffic_violations"


class DeliveryOption(str, Enum):
    """Where the citizen collects the result (nhận kết quả)."""

    DESK = "desk"
    POST = "post"


@dataclass(frozen=True)
class DocumentRequirement:
    """A document the procedure asks for (thành phần hồ sơ), with how many of each form."""

    code: str
    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0
    required: bool = True
    note: str = ""
    # The largest scan of it the desk accepts; agencies set it by what their systems take.
    max_bytes: int = DEFAULT_SCAN_MAX_BYTES


@dataclass(frozen=True)
class FeeItem:
    """A fee or charge (phí, lệ phí) in integer đồng."""

    code: str
    name: str
    amount: int
    note: str = ""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FormField:
    """One field of the procedure's application form (tờ khai)."""

    key: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    choices: tuple[Choice, ...] = ()
    prefill: str | None = None
    help: str = ""
    # Only for GROUP: the sub-fields of one entry and how many entries the form takes.
    fields: tuple["FormField", ...] = ()
    min_items: int = 0
    max_items: int = 10


@dataclass(frozen=True)
class Ward:
    """A commune-level unit (xã, phường, đặc khu) as the catalogue lists it."""

    code: str
    name: str


@dataclass(frozen=True)
class Province:
    """A province-level unit with its wards, for the address pick-lists."""

    code: str
    name: str
    wards: tuple[Ward, ...] = ()


@dataclass(frozen=True)
class PhotoSpec:
    """The portrait the procedure needs: print size, pixel size, background, file limit."""

    width_mm: int
    height_mm: int
    width_px: int
    height_px: int
    background: str = "white"
    max_bytes: int = 512_000


@dataclass(frozen=True)
class Procedure:
    """An administrative procedure (thủ tục hành chính) as the catalogue describes it."""

    code: str
    name: str
    sector: str
    agency_code: str
    agency_name: str
    processing_days: int
    documents: tuple[DocumentRequirement, ...] = ()
    fees: tuple[FeeItem, ...] = ()
    fields: tuple[FormField, ...] = ()
    photo: PhotoSpec | None = None
    delivery_options: tuple[DeliveryOption, ...] = (DeliveryOption.DESK,)
    abbreviations: tuple[str, ...] = ()
    fully_online: bool = False
    demo_values: bool = False
    checks: tuple[UpstreamCheck, ...] = ()
    _search_keys: tuple[str, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Folded once here, not on every keystroke of the officer's search.
        object.__setattr__(self, "_search_keys", search_keys(self.name, self.code, self.abbreviations))

    @property
    def total_fee(self) -> int:
        return sum(item.amount for item in self.fees)

    def field(self, key: str) -> FormField:
        for form_field in self.fields:
            if form_field.key == key:
                return form_field
        raise KeyError(key)


_BAD_VALUE = QT_TRANSLATE_NOOP("DeskError", "The catalogue is damaged: {where} has a bad \"{key}\".")
_NO_VALUE = QT_TRANSLATE_NOOP("DeskError", "The catalogue is damaged: {where} has no \"{key}\".")


def _bad(where: str, key: str) -> CatalogueError:
    return CatalogueError(_BAD_VALUE, where=where, key=key)


def _missing(where: str, key: str) -> CatalogueError:
    return CatalogueError(_NO_VALUE, where=where, key=key)


def search_keys(name: str, code: str, abbreviations: Iterable[str]) -> tuple[str, ...]:
    """Folded name, code, the name's initials, then abbreviations.

    Officers type initials the way the trade speaks ("gplx" for giấy phép lái xe), so the
    initials of the name are a key of their own and no catalogue has to list them all.
    """
    folded_name = fold(name)
    initials = "".join(word[0] for word in folded_name.split() if word[0].isalnum())
    return (folded_name, fold(code), initials, *(fold(a) for a in abbreviations))


_FIELD_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def _need(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data or data[key] is None:
        raise _missing(where, key)
    return data[key]


def _count(data: Mapping[str, Any], key: str, where: str) -> int:
    value = data.get(key, 0) or 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _bad(where, key)
    return value


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = _need(data, key, where)
    if not isinstance(value, str) or not value.strip():
        raise _bad(where, key)
    return value.strip()


def _field_from_dict(data: Mapping[str, Any], where: str, *, in_group: bool = False) -> FormField:
    if not isinstance(data, Mapping):
        raise _bad(where, "fields")
    key = _text(data, "key", where)
    if not _FIELD_KEY.match(key):
        raise _bad(where, "key")
    try:
        field_type = FieldType(data.get("type", "text"))
    except ValueError:
        raise _bad(where, "type") from None
    pattern = data.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error:
            raise _bad(where, "pattern") from None
    choices = tuple(Choice(str(_need(c, "value", where)), str(c.get("label") or c["value"])) for c in data.get("choices") or ())
    if field_type is FieldType.CHOICE and not choices:
        raise _missing(where, "choices")
    sub_fields: tuple[FormField, ...] = ()
    min_items, max_items = 0, 10
    if field_type is FieldType.GROUP:
        # One level only: a group of groups is a form no officer can fill at a counter.
        if in_group:
            raise _bad(where, "type")
        sub_fields = tuple(_field_from_dict(f, f"{where} {key}", in_group=True) for f in data.get("fields") or ())
        if not sub_fields:
            raise _missing(where, "fields")
        if len({f.key for f in sub_fields}) != len(sub_fields):
            raise _bad(where, "fields")
        min_items = _count(data, "min_items", where)
        max_items = _count(data, "max_items", where) or 10
        if min_items > max_items or max_items > 50:
            raise _bad(where, "max_items")
    return FormField(
        key=key,
        label=_text(data, "label", where),
        type=field_type,
        required=bool(data.get("required", False)),
        pattern=pattern,
        min_length=data.get("min_length"),
        max_length=data.get("max_length"),
        min_value=data.get("min_value"),
        max_value=data.get("max_value"),
        choices=choices,
        prefill=data.get("prefill"),
        help=data.get("help") or "",
        fields=sub_fields,
        min_items=min_items,
        max_items=max_items,
    )


def _procedure_from_dict(data: Mapping[str, Any]) -> Procedure:
    if not isinstance(data, Mapping):
        raise _bad("procedures", "item")
    code = _text(data, "code", "procedure")
    where = f"procedure {code}"
    processing_days = _count(data, "processing_days", where)
    documents = tuple(
        DocumentRequirement(
            code=_text(d, "code", where),
            name=_text(d, "name", where),
            originals=_count(d, "originals", where),
            certified_copies=_count(d, "certified_copies", where),
            photocopies=_count(d, "photocopies", where),
            required=bool(d.get("required", True)),
            note=d.get("note") or "",
            max_bytes=_count(d, "max_bytes", where) or DEFAULT_SCAN_MAX_BYTES,
        )
        for d in data.get("documents") or ()
    )
    fees = tuple(
        FeeItem(code=_text(f, "code", where), name=_text(f, "name", where), amount=_count(f, "amount", where), note=f.get("note") or "")
        for f in data.get("fees") or ()
    )
    fields = tuple(_field_from_dict(f, where) for f in data.get("fields") or ())
    if len({f.key for f in fields}) != len(fields):
        raise _bad(where, "fields")
    photo_data = data.get("photo")
    photo = None
    if photo_data:
        photo = PhotoSpec(
            width_mm=_count(photo_data, "width_mm", where),
            height_mm=_count(photo_data, "height_mm", where),
            width_px=_count(photo_data, "width_px", where),
            height_px=_count(photo_data, "height_px", where),
            background=str(photo_data.get("background") or "white"),
            max_bytes=_count(photo_data, "max_bytes", where) or 512_000,
        )
        if not (photo.width_px and photo.height_px):
            raise _bad(where, "photo")
    try:
        delivery = tuple(DeliveryOption(v) for v in data.get("delivery_options") or ("desk",))
    except ValueError:
        raise _bad(where, "delivery_options") from None
    try:
        checks = tuple(UpstreamCheck(v) for v in data.get("checks") or ())
    except ValueError:
        raise _bad(where, "checks") from None
    name = _text(data, "name", where)
    abbreviations = tuple(str(a) for a in data.get("abbreviations") or ())
    return Procedure(
        code=code,
        name=name,
        sector=str(data.get("sector") or ""),
        agency_code=_text(data, "agency_code", where),
        agency_name=_text(data, "agency_name", where),
        processing_days=processing_days,
        documents=documents,
        fees=fees,
        fields=fields,
        photo=photo,
        delivery_options=delivery,
        abbreviations=abbreviations,
        fully_online=bool(data.get("fully_online", False)),
        demo_values=bool(data.get("demo_values", False)),
        checks=checks,
    )


def _procedure_to_dict(p: Procedure) -> dict[str, Any]:
    return {
        "code": p.code,
        "name": p.name,
        "abbreviations": list(p.abbreviations),
        "sector": p.sector,
        "agency_code": p.agency_code,
        "agency_name": p.agency_name,
        "processing_days": p.processing_days,
        "fully_online": p.fully_online,
        "demo_values": p.demo_values,
        "documents": [
            {"code": d.code, "name": d.name, "originals": d.originals, "certified_copies": d.certified_copies,
             "photocopies": d.photocopies, "required": d.required, "note": d.note, "max_bytes": d.max_bytes}
            for d in p.documents
        ],
        "fees": [{"code": f.code, "name": f.name, "amount": f.amount, "note": f.note} for f in p.fees],
        "fields": [_field_to_dict(f) for f in p.fields],
        "photo": None if p.photo is None else {
            "width_mm": p.photo.width_mm, "height_mm": p.photo.height_mm, "width_px": p.photo.width_px,
            "height_px": p.photo.height_px, "background": p.photo.background, "max_bytes": p.photo.max_bytes,
        },
        "delivery_options": [d.value for d in p.delivery_options],
        "checks": [c.value for c in p.checks],
    }


def _field_to_dict(f: FormField) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": f.key, "label": f.label, "type": f.type.value, "required": f.required, "pattern": f.pattern,
        "min_length": f.min_length, "max_length": f.max_length, "min_value": f.min_value, "max_value": f.max_value,
        "choices": [{"value": c.value, "label": c.label} for c in f.choices], "prefill": f.prefill, "help": f.help,
    }
    if f.type is FieldType.GROUP:
        out.update(fields=[_field_to_dict(s) for s in f.fields], min_items=f.min_items, max_items=f.max_items)
    return out


def _places_from_list(items: Any) -> tuple[Province, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise _bad("catalogue", "places")
    provinces = []
    for item in items:
        if not isinstance(item, Mapping):
            raise _bad("catalogue", "places")
        code = _text(item, "code", "places")
        where = f"place {code}"
        wards = tuple(Ward(_text(w, "code", where), _text(w, "name", where)) for w in item.get("wards") or ())
        if len({w.code for w in wards}) != len(wards):
            raise _bad(where, "wards")
        provinces.append(Province(code, _text(item, "name", where), wards))
    if len({p.code for p in provinces}) != len(provinces):
        raise _bad("catalogue", "places")
    return tuple(provinces)


@dataclass(frozen=True)
class Catalogue:
    """One published version of the catalogue."""

    version: str
    published_at: datetime
    procedures: tuple[Procedure, ...]
    # Provinces and their wards for ADDRESS fields; shipped with the catalogue because they
    # change as rarely, by decree, and must be the same list at every desk.
    places: tuple[Province, ...] = ()

    @classmethod
    def from_dict(cls, data: Any) -> "Catalogue":
        if not isinstance(data, Mapping):
            raise _bad("catalogue", "root")
        version = _text(data, "version", "catalogue")
        try:
            published_at = parse_rfc3339(_text(data, "published_at", "catalogue"))
        except ValueError:
            raise _bad("catalogue", "published_at") from None
        items = data.get("procedures")
        if not isinstance(items, list):
            raise _bad("catalogue", "procedures")
        procedures = tuple(_procedure_from_dict(p) for p in items)
        codes = [p.code for p in procedures]
        if len(set(codes)) != len(codes):
            raise _bad("catalogue", "code")
        return cls(version=version, published_at=published_at, procedures=procedures,
                   places=_places_from_list(data.get("places")))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "version": self.version,
            "published_at": to_rfc3339(self.published_at),
            "procedures": [_procedure_to_dict(p) for p in self.procedures],
        }
        if self.places:
            out["places"] = [
                {"code": p.code, "name": p.name, "wards": [{"code": w.code, "name": w.name} for w in p.wards]}
                for p in self.places
            ]
        return out

    def get(self, code: str) -> Procedure:
        for procedure in self.procedures:
            if procedure.code == code:
                return procedure
        raise UnknownProcedure(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "There is no procedure with code \"{code}\" in catalogue version {version}. "
                "Search the procedure by name, or send now to fetch the newest catalogue.",
            ),
            code=code,
            version=self.version,
        )

    def search(self, query: str, *, limit: int = 50, usage: Mapping[str, int] | None = None) -> list[Procedure]:
        """Procedures matching every word of the query, diacritics and case ignored.

        Ranked: exact code or abbreviation first, then name prefix, then more use at this
        desk, then catalogue order. An empty query lists the most used first.
        """
        usage = usage or {}
        words = fold(query).split()
        scored: list[tuple[int, int, int, Procedure]] = []
        for index, procedure in enumerate(self.procedures):
            keys = procedure._search_keys
            if words and not all(any(w in k for k in keys) for w in words):
                continue
            folded_query = " ".join(words)
            if folded_query and (folded_query == keys[1] or folded_query in keys[3:]):
                rank = 0
            elif folded_query and keys[0].startswith(folded_query):
                rank = 1
            else:
                rank = 2
            scored.append((rank, -usage.get(procedure.code, 0), index, procedure))
        scored.sort(key=lambda item: item[:3])
        return [item[3] for item in scored[:limit]]
