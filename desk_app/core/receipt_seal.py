"""The receipt seal (dấu xác thực giấy tiếp nhận): a desk's Ed25519 signature in the QR code.

The receipt's QR code holds the status-lookup address with the dossier code. Sealing adds
the other facts a forger would change (procedure, received time, officer) and the desk's
signature over all four, so the central API, and a supervisor offline, can tell a
genuine receipt from an altered or made-up one without asking anybody.

The signed message is versioned and canonical::

    v1|<code>|<procedure code>|<received at, UTC, YYYY-MM-DDTHH:MM:SSZ>|<officer username>

each field NFC-normalised, with ``%`` and ``|`` percent-escaped so that no two field lists
give the same message. The QR carries it in short query parameters after the dossier
code (``tt`` procedure, ``tn`` received time, ``cb`` officer, ``ck`` version.kid.signature,
base64url without padding); the key id (kid) is the first 6 bytes of the SHA-256 of the
raw public key. Pure Python (``cryptography``), no Qt, no I/O.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any
from urllib.parse import parse_qsl

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .messages import QT_TRANSLATE_NOOP, DeskError

SEAL_VERSION = 1
KID_BYTES = 6            # 8 base64url characters: short on paper, 48 bits against collisions
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64

# The query parameters the seal adds to the lookup URL (kept short: the QR stays small).
PARAM_PROCEDURE = "tt"   # thủ tục
PARAM_RECEIVED = "tn"    # thời điểm nhận
PARAM_OFFICER = "cb"     # cán bộ tiếp nhận
PARAM_SEAL = "ck"        # chữ ký
SEAL_PARAMS = (PARAM_PROCEDURE, PARAM_RECEIVED, PARAM_OFFICER, PARAM_SEAL)
# The Mẫu 01 template's "lookup_query_param"; callers that hold the template pass theirs.
DEFAULT_CODE_PARAM = "ma_ho_so"

_RECEIVED_FORMAT = "%Y%m%dT%H%M%SZ"
_RECEIVED_PATTERN = re.compile(r"^[0-9]{8}T[0-9]{6}Z$")
_B64URL = re.compile(r"^[A-Za-z0-9_-]+$")
# Longer than any receipt's QR could be: a longer text is not one, and is not parsed.
MAX_TEXT = 2000
_MAX_FIELD = {"code": 40, "procedure": 60, "officer": 64}
_NOISE = "\ufeff\r\n\t "


class SealError(DeskError):
    """A scanned text that is not a readable sealed receipt QR code."""

    NOT_A_RECEIPT = QT_TRANSLATE_NOOP(
        "DeskError",
        "This is not the QR code of a receipt: it holds no lookup address with a dossier code. "
        "Scan the QR code printed at the foot of the receipt.")
    NO_SEAL = QT_TRANSLATE_NOOP(
        "DeskError",
        "This receipt's QR code carries no seal, so it cannot be checked: it was printed before receipts "
        "were sealed, or by another system. Look the dossier up by its code instead.")
    DAMAGED = QT_TRANSLATE_NOOP(
        "DeskError",
        "This receipt's QR code is damaged or incomplete ({problem}). Scan it again; if it still fails, "
        "the receipt may have been altered.")
    NEWER = QT_TRANSLATE_NOOP(
        "DeskError",
        "This receipt was sealed by a newer version of the desk software (seal version {version}). "
        "Update this desk, then check it again.")

    @classmethod
    def damaged(cls, problem: str) -> "SealError":
        return cls(cls.DAMAGED, problem=problem)


# The {problem} words of SealError.DAMAGED; marked so that they are translated too.
_TOO_LONG = QT_TRANSLATE_NOOP("DeskError", "the text is far too long")
_BAD_ENCODING = QT_TRANSLATE_NOOP("DeskError", "the text is not readable as an address")
_TWICE = QT_TRANSLATE_NOOP("DeskError", "a part appears twice")
_MISSING_PART = QT_TRANSLATE_NOOP("DeskError", "a signed part is missing")
_BAD_PART = QT_TRANSLATE_NOOP("DeskError", "a signed part is empty, too long or holds control characters")
_BAD_TIME = QT_TRANSLATE_NOOP("DeskError", "the received time is not readable")
_BAD_SIGNATURE = QT_TRANSLATE_NOOP("DeskError", "the signature is not readable")


@dataclass(frozen=True)
class SealFields:
    """What the seal vouches for: the receipt's dossier code (as printed), procedure, time, officer."""

    code: str
    procedure_code: str
    received_at: datetime
    officer_username: str

    def __post_init__(self) -> None:
        if self.received_at.tzinfo is None:
            raise ValueError("received_at must be timezone-aware")

    @property
    def received_utc(self) -> datetime:
        """The instant as signed: UTC, whole seconds (what the QR can carry)."""
        return self.received_at.astimezone(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Seal:
    """A desk's signature over a dossier's SealFields, with the key that checks it."""

    kid: str
    public_key: bytes
    signature: bytes
    version: int = SEAL_VERSION

    def to_wire(self) -> dict[str, Any]:
        return {"version": self.version, "kid": self.kid, "public_key": b64url(self.public_key),
                "signature": b64url(self.signature)}

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> "Seal":
        """Raises ValueError or TypeError on anything malformed (the dossier reader turns them into its error)."""
        version = data["version"]
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError("receipt seal version is not a positive whole number")
        public_key = b64url_decode(data["public_key"], PUBLIC_KEY_BYTES)
        signature = b64url_decode(data["signature"], SIGNATURE_BYTES)
        kid = data["kid"]
        if kid != kid_of(public_key):
            raise ValueError("receipt seal kid does not belong to its public key")
        return cls(kid=kid, public_key=public_key, signature=signature, version=version)


@dataclass(frozen=True)
class ParsedSeal:
    """What a scanned receipt QR code claims: the fields and the seal over them."""

    fields: SealFields
    version: int
    kid: str
    signature: bytes


@dataclass(frozen=True)
class DeskKey:
    """A desk's public key as the central API knows it (for checking receipts offline)."""

    kid: str
    public_key: bytes
    desk_id: str


class SealStatus(str, Enum):
    GENUINE = "genuine"          # signed by the key named, over exactly these fields
    FORGED = "forged"            # the key is known, but the signature does not fit the fields
    UNKNOWN_KEY = "unknown_key"  # no key with this id is known here: cannot tell


@dataclass(frozen=True)
class Verdict:
    status: SealStatus
    parsed: ParsedSeal

    @property
    def genuine(self) -> bool:
        return self.status is SealStatus.GENUINE


# ---------------------------------------------------------------------- encoding


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: Any, length: int) -> bytes:
    """Exactly ``length`` bytes from unpadded base64url; ValueError otherwise."""
    if not isinstance(text, str) or not _B64URL.match(text) or len(text) != _b64_length(length):
        raise ValueError(f"not {length} bytes of base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"not {length} bytes of base64url") from exc
    # Stray low bits in the last character would let two texts name one key or signature.
    if len(data) != length or b64url(data) != text:
        raise ValueError(f"not {length} bytes of base64url")
    return data


def _b64_length(length: int) -> int:
    return (length * 4 + 2) // 3


def kid_of(public_key: bytes) -> str:
    """The key id printed on receipts: short, and derived, so it cannot be claimed for another key."""
    return b64url(hashlib.sha256(public_key).digest()[:KID_BYTES])


def public_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _escape(value: str) -> str:
    # NFC so that the same Vietnamese text typed two ways signs the same; escaping keeps
    # the "|" separator unambiguous whatever a code or username holds.
    return unicodedata.normalize("NFC", value).replace("%", "%25").replace("|", "%7C")


def message(fields: SealFields, version: int = SEAL_VERSION) -> bytes:
    """The canonical bytes a seal signs."""
    if version != SEAL_VERSION:
        raise ValueError(f"seal version {version} is not known here")
    received = fields.received_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = (fields.code, fields.procedure_code, received, fields.officer_username)
    return (f"v{version}|" + "|".join(_escape(p) for p in parts)).encode("utf-8")


# ---------------------------------------------------------------------- sealing


def seal(fields: SealFields, private_key: Ed25519PrivateKey) -> Seal:
    public_key = public_key_bytes(private_key)
    return Seal(kid=kid_of(public_key), public_key=public_key, signature=private_key.sign(message(fields)))


def seal_params(seal: Seal, fields: SealFields) -> tuple[tuple[str, str], ...]:
    """The query parameters that follow the dossier code in the receipt's lookup URL."""
    return (
        (PARAM_PROCEDURE, fields.procedure_code),
        (PARAM_RECEIVED, fields.received_utc.strftime(_RECEIVED_FORMAT)),
        (PARAM_OFFICER, fields.officer_username),
        (PARAM_SEAL, f"{seal.version}.{seal.kid}.{b64url(seal.signature)}"),
    )


def verify_seal(seal: Seal, fields: SealFields) -> bool:
    """Whether ``seal`` signs exactly ``fields`` with the key it carries (kid included)."""
    if seal.version != SEAL_VERSION or seal.kid != kid_of(seal.public_key):
        return False
    return _signature_fits(seal.public_key, seal.signature, fields)


def _signature_fits(public_key: bytes, signature: bytes, fields: SealFields) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message(fields))
    except (InvalidSignature, ValueError):
        return False
    return True


def verify(parsed: ParsedSeal, public_keys: Mapping[str, bytes]) -> Verdict:
    """Genuine, forged, or unknown key, with ``public_keys`` (kid → raw public key) as trusted.

    A key filed under a kid that is not its own counts as unknown: a damaged or doctored key
    list must never turn a receipt genuine."""
    key = public_keys.get(parsed.kid)
    if key is None or len(key) != PUBLIC_KEY_BYTES or kid_of(key) != parsed.kid:
        return Verdict(SealStatus.UNKNOWN_KEY, parsed)
    fits = _signature_fits(key, parsed.signature, parsed.fields)
    return Verdict(SealStatus.GENUINE if fits else SealStatus.FORGED, parsed)


# ---------------------------------------------------------------------- reading a scanned QR


def parse_seal(text: object, *, code_param: str = DEFAULT_CODE_PARAM) -> ParsedSeal:
    """The sealed fields of a scanned receipt QR text (a lookup URL, or just its query).

    Anything else raises ``SealError`` with a message for the officer; never another exception."""
    if not isinstance(text, str):
        raise SealError(SealError.NOT_A_RECEIPT)
    text = text.strip(_NOISE)
    if len(text) > MAX_TEXT:
        raise SealError.damaged(_TOO_LONG)
    values = _query_values(_query_of(text))
    code = values.get(code_param)
    if code is None:
        raise SealError(SealError.NOT_A_RECEIPT)
    if PARAM_SEAL not in values:
        raise SealError(SealError.NO_SEAL)
    version, kid, signature = _read_seal_param(values[PARAM_SEAL])
    fields = SealFields(
        code=_field(code, "code"),
        procedure_code=_field(_needed(values, PARAM_PROCEDURE), "procedure"),
        received_at=_received(_needed(values, PARAM_RECEIVED)),
        officer_username=_field(_needed(values, PARAM_OFFICER), "officer"),
    )
    return ParsedSeal(fields=fields, version=version, kid=kid, signature=signature)


def _query_of(text: str) -> str:
    # A phone scans the whole URL; a person may paste only what follows the "?".
    if "?" in text:
        text = text.split("?", 1)[1]
    elif "=" not in text:
        raise SealError(SealError.NOT_A_RECEIPT)
    return text.split("#", 1)[0]


def _query_values(query: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(query, keep_blank_values=True, errors="strict", max_num_fields=40)
    except (ValueError, UnicodeDecodeError):
        raise SealError.damaged(_BAD_ENCODING) from None
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in values:
            # Two values for one signed part: which one a checker reads must never be a choice.
            raise SealError.damaged(_TWICE)
        values[name] = value
    return values


def _needed(values: Mapping[str, str], name: str) -> str:
    if name not in values:
        raise SealError.damaged(_MISSING_PART)
    return values[name]


def _field(value: str, kind: str) -> str:
    if not value.strip() or len(value) > _MAX_FIELD[kind] or any(unicodedata.category(c)[0] == "C" for c in value):
        raise SealError.damaged(_BAD_PART)
    return value


def _received(value: str) -> datetime:
    if not _RECEIVED_PATTERN.match(value):
        raise SealError.damaged(_BAD_TIME)
    try:
        return datetime.strptime(value, _RECEIVED_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise SealError.damaged(_BAD_TIME) from None


def _read_seal_param(value: str) -> tuple[int, str, bytes]:
    parts = value.split(".")
    if len(parts) != 3 or not parts[0].isascii() or not parts[0].isdigit() or len(parts[0]) > 3:
        raise SealError.damaged(_BAD_SIGNATURE)
    version = int(parts[0])
    if version > SEAL_VERSION:
        raise SealError(SealError.NEWER, version=version)
    if version < 1:
        raise SealError.damaged(_BAD_SIGNATURE)
    kid = parts[1]
    try:
        b64url_decode(kid, KID_BYTES)
        signature = b64url_decode(parts[2], SIGNATURE_BYTES)
    except ValueError:
        raise SealError.damaged(_BAD_SIGNATURE) from None
    return version, kid, signature
