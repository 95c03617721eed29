"""Check a scan of a paper document and put it in the shape the dossier carries.

The counter gets files from scanners, phones, e-mail and USB sticks: named anything,
sometimes cut short by a copy that did not finish, sometimes a password-protected PDF,
sometimes a picture of 100 megapixels or a file forged to look like one. What leaves this
module is either a PDF kept byte for byte (it opens and has pages) or a baseline JPEG of
the straightened page without metadata (no EXIF: camera serials, GPS and capture times are
personal data the dossier does not need), under the document's byte limit from the
catalogue. Everything else is refused with a ``ScanRefused`` that names the file and says
what the officer can do; nothing else is raised, whatever the bytes.

The kind of file is read from its first bytes, never from its name: ``.jpg`` on a PDF, or
on a Word document, is common at a counter. Pure Python (Pillow, pypdf, OpenCV), no Qt:
it runs on the GUI's background threads.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import re
import struct
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError

from .page import straighten_page

log = logging.getLogger(__name__)

PDF = "application/pdf"
JPEG = "image/jpeg"

# The largest picture the desk decodes: a page scanned at 600 dpi in A3 is about this, and
# a forged header cannot make the desk allocate more. Pillow's own guard is tightened to
# match (never loosened, in case something else in the process set it lower).
MAX_PIXELS = 64_000_000
if Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS > MAX_PIXELS:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# No real page is more than this many times longer than wide (a till receipt is about 10);
# a picture of 1 x 60 million pixels passes the pixel count but is no scan.
MAX_SIDE_RATIO = 20
# The most the desk reads of one file. Above the document limit a picture can still be
# made to fit (a PNG or uncompressed TIFF scan is large); this bounds reading and memory.
MAX_INPUT_BYTES = 200_000_000

# A page is kept at most this long (pixels): A4 at about 340 dpi, A3 at 240, more than any
# agency's system needs to read a stamp or a signature.
MAX_PAGE_SIDE = 4000
# Scaled down to fit the limit, a page stops being readable below this (A4 at 100 dpi).
MIN_PAGE_SIDE = 1100
JPEG_QUALITIES = (88, 82, 76, 70, 64, 58, 52, 46, 40)

# Some scanners and PDF libraries put a few bytes before the header; readers look this far.
_PDF_HEADER_WINDOW = 1024
# A PDF ends with %%EOF; a copy cut short does not. Writers may append a little after it.
_PDF_TRAILER_WINDOW = 2048

_IMAGE_FORMATS = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF", "webp": "WEBP"}
_EXIF_ORIENTATION = 0x0112


class ScanRefused(DeskError):
    """A scan the desk does not accept; the message names the file and what to do."""


_EMPTY = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is empty. Scan the document again or choose another file.")
_UNREADABLE = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" could not be read. Check that the file is still there and try again.")
_NOT_A_SCAN = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is not a PDF or a picture. Attach a PDF, JPEG, PNG, TIFF or WebP file.")
_HEIC = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is a HEIC photo, which the desk does not read. Set the phone to save "
    "photos as JPEG (\"Most compatible\"), or send the photo again as JPEG.")
_DAMAGED = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is damaged or incomplete (it may not have finished copying). "
    "Scan the document again or copy the file again.")
_PDF_TOO_LARGE = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is {size} MB, more than the {limit} MB allowed for this document. "
    "Scan it again at a lower resolution (200 dpi is enough) or in black and white.")
_LIMIT_UNREACHABLE = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" cannot be brought under the {limit} MB allowed for this document and "
    "stay readable. Scan it again at a lower resolution, or split it into several files.")
_TOO_BIG_TO_READ = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is {size} MB, more than the {limit} MB the desk reads for one scan. "
    "Scan it again at a lower resolution.")
_TOO_MANY_PIXELS = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is too large a picture ({width} x {height} pixels). Scan it again at a "
    "lower resolution: at most {megapixels} megapixels.")
_TOO_MANY_PIXELS_UNMEASURED = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is too large a picture. Scan it again at a lower resolution: at most "
    "{megapixels} megapixels.")
_ABSURD_SHAPE = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is {width} x {height} pixels, which is not the shape of a page. "
    "Scan the document again.")
_ENCRYPTED = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is protected by a password. Ask for a copy without a password, "
    "or print it and scan the paper.")
_NO_PAGES = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" is a PDF without any page. Scan the document again.")
_MANY_PAGES_IN_PICTURE = QT_TRANSLATE_NOOP(
    "DeskError", "\"{name}\" holds {frames} pages in one picture file. Scan them into one PDF, "
    "or save each page as a picture of its own.")


@dataclass(frozen=True)
class PreparedScan:
    """A scan as it travels with the dossier, content-addressed by its SHA-256."""

    data: bytes
    media_type: str   # PDF or JPEG
    filename: str     # the name sent with it: the officer's file name, cleaned, right extension
    sha256: str       # lowercase hex of data
    pages: int
    size: int         # len(data)


def prepare_scan(data: bytes, filename: str, *, max_bytes: int) -> PreparedScan:
    """Check ``data`` (named ``filename`` by the officer's computer) and prepare it to fit
    ``max_bytes``; raise ScanRefused when the desk cannot accept it."""
    name = display_name(filename)
    if not data:
        raise ScanRefused(_EMPTY, name=name)
    if len(data) > MAX_INPUT_BYTES:
        raise ScanRefused(_TOO_BIG_TO_READ, name=name, size=megabytes(len(data)),
                          limit=megabytes(MAX_INPUT_BYTES))
    kind = sniff_kind(data)
    if kind == "pdf":
        return _prepare_pdf(data, name, max_bytes)
    if kind == "heic":
        raise ScanRefused(_HEIC, name=name)
    if kind not in _IMAGE_FORMATS:
        raise ScanRefused(_NOT_A_SCAN, name=name)
    return _prepare_picture(data, name, _IMAGE_FORMATS[kind], max_bytes)


def prepare_scan_file(path: Path, *, max_bytes: int) -> PreparedScan:
    """``prepare_scan`` for a file on disk, reading no more of it than can be accepted: a
    PDF over the limit or a file over ``MAX_INPUT_BYTES`` is refused from its first bytes."""
    name = display_name(path.name)
    try:
        with path.open("rb") as stream:
            head = stream.read(_PDF_HEADER_WINDOW)
            size = stream.seek(0, io.SEEK_END)
            if size > MAX_INPUT_BYTES:
                raise ScanRefused(_TOO_BIG_TO_READ, name=name, size=megabytes(size),
                                  limit=megabytes(MAX_INPUT_BYTES))
            if sniff_kind(head) == "pdf" and size > max_bytes:
                raise ScanRefused(_PDF_TOO_LARGE, name=name, size=megabytes(size), limit=megabytes(max_bytes))
            stream.seek(0)
            data = stream.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        log.info("scan file unreadable: %s", exc)
        raise ScanRefused(_UNREADABLE, name=name) from exc
    return prepare_scan(data, path.name, max_bytes=max_bytes)


def sniff_kind(data: bytes) -> str | None:
    """"pdf", "jpeg", "png", "tiff", "webp" or "heic" from the first bytes, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
        return "heic"
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    return None


def megabytes(size: int) -> str:
    """A byte count as the MB (10^6) an officer reads: "10", "2.5", "0.25", "120"."""
    value = size / 1_000_000
    digits = 2 if value < 10 else 1 if value < 100 else 0
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def display_name(filename: str) -> str:
    """The last part of a path from any system, in composed Unicode (macOS decomposes
    Vietnamese letters), without control characters; "scan" when nothing is left."""
    base = re.split(r"[\\/]", filename)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    return base.strip() or "scan"


def sent_filename(filename: str, extension: str) -> str:
    """The name the scan is sent under: the officer's name, cleaned for every system the
    agencies run, with the extension of what it now is."""
    stem = display_name(filename)
    before, dot, _extension = stem.rpartition(".")
    if dot:
        stem = before  # "don.JPG" -> "don"; ".pdf" -> "" and so "scan"
    stem = re.sub(r'[<>:"|?*]+', "_", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .")[:100] or "scan"
    return f"{stem}.{extension}"


def _sealed(data: bytes, media_type: str, filename: str, pages: int) -> PreparedScan:
    return PreparedScan(data=data, media_type=media_type, filename=filename,
                        sha256=hashlib.sha256(data).hexdigest(), pages=pages, size=len(data))


# ---------------------------------------------------------------------- PDF


def _prepare_pdf(data: bytes, name: str, max_bytes: int) -> PreparedScan:
    if len(data) > max_bytes:
        raise ScanRefused(_PDF_TOO_LARGE, name=name, size=megabytes(len(data)), limit=megabytes(max_bytes))
    if b"%%EOF" not in data[-_PDF_TRAILER_WINDOW:]:
        raise ScanRefused(_DAMAGED, name=name)
    pages = _pdf_pages(data, name)
    if pages < 1:
        raise ScanRefused(_NO_PAGES, name=name)
    return _sealed(data, PDF, sent_filename(name, "pdf"), pages)


def _pdf_pages(data: bytes, name: str) -> int:
    """The page count of a PDF that opens without a password (an owner password only
    restricts printing or editing: such files open, and are accepted)."""
    # Imported here, not at start-up: only PDFs need it.
    from pypdf import PasswordType, PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about every repairable oddity
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise ScanRefused(_ENCRYPTED, name=name)
            count = len(reader.pages)
            for page in reader.pages:
                page.mediabox  # noqa: B018 - a page without a usable size is a broken file
    except ScanRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on malformed input
        log.info("PDF refused as damaged: %r", exc)
        raise ScanRefused(_DAMAGED, name=name) from exc
    return count


# ---------------------------------------------------------------------- pictures


def _prepare_picture(data: bytes, name: str, fmt: str, max_bytes: int) -> PreparedScan:
    image = _decode(data, name, fmt)
    image = _upright(image)
    rgb = _to_rgb(image, name)
    del image
    if max(rgb.size) > MAX_PAGE_SIDE:
        rgb.thumbnail((MAX_PAGE_SIDE, MAX_PAGE_SIDE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    pixels = np.asarray(rgb)
    try:
        page = straighten_page(pixels)
    except (cv2.error, ValueError, MemoryError) as exc:
        # The page is still worth sending as it was taken; the failure is for the log.
        log.warning("straightening %s failed, kept as taken: %r", name, exc)
        page = pixels
    del rgb, pixels
    jpeg = _encode_within(Image.fromarray(page), name, max_bytes)
    return _sealed(jpeg, JPEG, sent_filename(name, "jpg"), 1)


def _decode(data: bytes, name: str, fmt: str) -> Image.Image:
    """The first frame fully decoded, with its size checked before any pixel is."""
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; the size check below
        # refuses those pictures with their size in the message, before a pixel is decoded.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        # Pillow warns of oddities it reads past ("Corrupt EXIF data"); what it cannot read, it raises.
        warnings.simplefilter("ignore", UserWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=(fmt,))
        except Image.DecompressionBombError as exc:
            # Pillow refuses at the header beyond twice its guard, before the size is known.
            raise ScanRefused(_TOO_MANY_PIXELS_UNMEASURED, name=name,
                              megapixels=MAX_PIXELS // 1_000_000) from exc
        except UnidentifiedImageError as exc:
            raise ScanRefused(_DAMAGED, name=name) from exc
        except Exception as exc:  # noqa: BLE001 - a decoder fed hostile bytes raises anything
            log.info("picture header refused as damaged: %r", exc)
            raise ScanRefused(_DAMAGED, name=name) from exc
        width, height = image.size
        if width <= 0 or height <= 0:
            raise ScanRefused(_DAMAGED, name=name)
        if width * height > MAX_PIXELS:
            raise ScanRefused(_TOO_MANY_PIXELS, name=name, width=width, height=height,
                              megapixels=MAX_PIXELS // 1_000_000)
        if max(width, height) > MAX_SIDE_RATIO * min(width, height):
            raise ScanRefused(_ABSURD_SHAPE, name=name, width=width, height=height)
        try:
            # Counting walks the TIFF's chain of pages, which a damaged file may break.
            frames = getattr(image, "n_frames", 1) if fmt == "TIFF" else 1
            if frames > 1:
                # Each frame of a TIFF is a page; keeping the first would lose the others unseen.
                raise ScanRefused(_MANY_PAGES_IN_PICTURE, name=name, frames=frames)
            if fmt == "TIFF":
                image.seek(0)
            _draft_for_page(image)
            image.load()
        except ScanRefused:
            raise
        except Image.DecompressionBombError as exc:
            raise ScanRefused(_TOO_MANY_PIXELS, name=name, width=width, height=height,
                              megapixels=MAX_PIXELS // 1_000_000) from exc
        except Exception as exc:  # noqa: BLE001 - truncated data is OSError; hostile data anything
            log.info("picture refused as damaged: %r", exc)
            raise ScanRefused(_DAMAGED, name=name) from exc
    return image


def _draft_for_page(image: Image.Image) -> None:
    """Let the JPEG decoder scale down by a power of two while decoding when the picture
    is far larger than a page is kept: a 50-megapixel photo then decodes in a quarter of
    the time and memory. The result stays at least MAX_PAGE_SIDE long."""
    if image.format not in ("JPEG", "MPO"):
        return
    longest = max(image.size)
    if longest <= 2 * MAX_PAGE_SIDE:
        return
    scale = MAX_PAGE_SIDE / longest
    image.draft("RGB" if image.mode == "RGB" else image.mode,
                (math.ceil(image.size[0] * scale), math.ceil(image.size[1] * scale)))


def _upright(image: Image.Image) -> Image.Image:
    """The camera's EXIF orientation applied, since the EXIF does not leave the desk."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # Pillow's "Corrupt EXIF data"
            return ImageOps.exif_transpose(image)
    except Exception as exc:  # noqa: BLE001 - a broken EXIF block must not cost the page
        log.info("EXIF orientation unreadable, kept as stored: %r", exc)
        return image


def _to_rgb(image: Image.Image, name: str) -> Image.Image:
    """RGB, transparency flattened on white paper.

    Colour profiles are not applied: a page's colours need not be exact, and the sRGB that
    a file without a profile is taken to be is close enough for every camera and scanner.
    """
    try:
        if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
            # 16-bit greyscale (some scanners): scale to 8 bits instead of clipping to white.
            image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
        if image.mode == "P":
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
            rgba = image.convert("RGBA")
            paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            return Image.alpha_composite(paper, rgba).convert("RGB")
        return image.convert("RGB")
    except (ValueError, OSError, struct.error) as exc:
        # Colour spaces Pillow cannot convert (LAB, some 32-bit float scans).
        log.info("picture mode %s not convertible: %r", image.mode, exc)
        raise ScanRefused(_NOT_A_SCAN, name=name) from exc


def _encode_within(image: Image.Image, name: str, max_bytes: int) -> bytes:
    """The page as a baseline JPEG of at most ``max_bytes``: the best quality that fits,
    and if even the lowest does not, the page scaled down (no further than MIN_PAGE_SIDE).

    The first try usually fits (a page is 1–3 MB at the top quality), so most scans are
    encoded once; otherwise the quality is searched by halves, a few encodes at most.
    """
    while True:
        best = _encode(image, JPEG_QUALITIES[0])
        if len(best) <= max_bytes:
            return best
        worst = _encode(image, JPEG_QUALITIES[-1])
        if len(worst) <= max_bytes:
            low, high = 0, len(JPEG_QUALITIES) - 1  # high fits, low does not
            fitting = worst
            while high - low > 1:
                middle = (low + high) // 2
                attempt = _encode(image, JPEG_QUALITIES[middle])
                if len(attempt) <= max_bytes:
                    high, fitting = middle, attempt
                else:
                    low = middle
            return fitting
        # Bytes grow about with the area: aim a little under the limit in one step.
        factor = max(0.5, min(0.9, math.sqrt(max_bytes / len(worst)) * 0.95))
        new_size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        if max(new_size) < MIN_PAGE_SIDE:
            raise ScanRefused(_LIMIT_UNREACHABLE, name=name, limit=megabytes(max_bytes))
        image = image.resize(new_size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _encode(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # A fresh image from pixels carries no info dict: no EXIF, ICC, XMP or comments.
    image.save(out, format="JPEG", quality=quality, optimize=True, progressive=False, subsampling="4:2:0")
    return out.getvalue()
