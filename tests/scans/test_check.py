"""prepare_scan with real PDFs (pypdf) and pictures (Pillow, OpenCV), good, broken and hostile."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import struct
import unicodedata
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader, PdfWriter

from desk_app.scans.check import (
    JPEG,
    MAX_INPUT_BYTES,
    MAX_PAGE_SIDE,
    MIN_PAGE_SIDE,
    PDF,
    PreparedScan,
    ScanRefused,
    megabytes,
    prepare_scan,
    prepare_scan_file,
)

from . import A4_ASPECT, jpeg_bytes, photographed_page, rule_angles, text_page

LIMIT = 10_000_000


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return text_page(1240)


@pytest.fixture(scope="module")
def photo_jpeg() -> bytes:
    return jpeg_bytes(photographed_page(text_page(1654)))  # 12 MP, as a phone takes it


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def pdf_bytes(pages: int = 1, **encrypt: str) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if encrypt:
        writer.encrypt(algorithm="AES-256", **encrypt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG of a few dozen bytes whose header claims width x height RGB pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header)
            + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + png_chunk(b"IEND", b""))


def markers_before_scan(jpeg: bytes) -> list[int]:
    """The JPEG segment markers up to the start of the image data."""
    assert jpeg[:2] == b"\xff\xd8"
    found, pos = [], 2
    while True:
        marker = jpeg[pos + 1]
        found.append(marker)
        if marker == 0xDA:
            return found
        (length,) = struct.unpack(">H", jpeg[pos + 2:pos + 4])
        pos += 2 + length


def refusal(data: bytes, filename: str = "scan.jpg", max_bytes: int = LIMIT) -> str:
    with pytest.raises(ScanRefused) as caught:
        prepare_scan(data, filename, max_bytes=max_bytes)
    return str(caught.value)


def decoded(scan: PreparedScan) -> Image.Image:
    image = Image.open(io.BytesIO(scan.data))
    image.load()
    return image


# ---------------------------------------------------------------------- pictures that pass


def test_a_phone_photo_becomes_a_straightened_clean_jpeg(photo_jpeg: bytes) -> None:
    scan = prepare_scan(photo_jpeg, "IMG_2041.JPG", max_bytes=LIMIT)
    assert scan.media_type == JPEG and scan.pages == 1
    assert scan.filename == "IMG_2041.jpg"
    assert scan.size == len(scan.data) <= LIMIT
    assert scan.sha256 == hashlib.sha256(scan.data).hexdigest()
    image = decoded(scan)
    assert image.format == "JPEG" and image.mode == "RGB"
    assert image.height / image.width == pytest.approx(A4_ASPECT, rel=0.015)
    assert max(abs(a) for a in rule_angles(np.asarray(image))) < 0.5
    with pytest.raises(dataclasses.FrozenInstanceError):
        scan.pages = 2  # type: ignore[misc]


def test_camera_metadata_is_dropped_after_its_orientation_is_applied(page: np.ndarray) -> None:
    # Stored lying on its side with "rotate 90° clockwise to show" in EXIF, as phones do,
    # with a camera model and a GPS block the dossier must not carry.
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x0110] = "Desk Phone 7"
    exif[0x8825] = {1: "N", 2: (10.0, 45.0, 0.0)}
    lying = Image.fromarray(np.ascontiguousarray(np.rot90(page, 1)))
    data = encode(lying, "JPEG", quality=90, exif=exif.tobytes(), icc_profile=b"\0" * 128)
    scan = prepare_scan(data, "page.jpg", max_bytes=LIMIT)
    image = decoded(scan)
    assert image.height > image.width  # upright again
    assert max(abs(a) for a in rule_angles(np.asarray(image))) < 0.5
    # The heading is at the top: ink appears in the top fifth, not only at the bottom.
    grey = np.asarray(image.convert("L"))
    assert (grey[: image.height // 5] < 100).any()
    assert len(image.getexif()) == 0 and "icc_profile" not in image.info
    assert set(markers_before_scan(scan.data)) <= {0xE0, 0xDB, 0xC0, 0xC4, 0xDA}  # JFIF, tables, frame


def test_png_with_transparency_is_flattened_on_white(page: np.ndarray) -> None:
    ink = page.min(axis=2) < 128
    rgba = np.zeros((*page.shape[:2], 4), np.uint8)  # black where transparent
    rgba[..., 3] = np.where(ink, 255, 0)
    scan = prepare_scan(encode(Image.fromarray(rgba, "RGBA"), "PNG"), "form.png", max_bytes=LIMIT)
    grey = np.asarray(decoded(scan).convert("L"))
    assert np.median(grey) > 245  # the transparent paper became white, not black
    assert (grey < 100).mean() > 0.005  # and the ink is still there
    assert scan.filename == "form.jpg"


@pytest.mark.parametrize(
    ("fmt", "params", "mode"),
    [
        ("JPEG", {"quality": 90}, "CMYK"),
        ("TIFF", {"compression": "tiff_lzw"}, "RGB"),
        ("TIFF", {"compression": "group4"}, "1"),
        ("WEBP", {"quality": 90}, "RGB"),
        ("PNG", {}, "L"),
        ("PNG", {}, "P"),
    ],
)
def test_scanner_and_phone_formats_are_accepted(page: np.ndarray, fmt: str, params: dict, mode: str) -> None:
    image = Image.fromarray(page).convert(mode)
    scan = prepare_scan(encode(image, fmt, **params), f"scan.{fmt.lower()}", max_bytes=LIMIT)
    out = decoded(scan)
    assert scan.media_type == JPEG and out.mode == "RGB"
    assert out.size == image.size  # a straight scan is kept as it is
    grey = np.asarray(out.convert("L"))
    assert np.median(grey) > 200 and (grey < 100).any()


def test_sixteen_bit_greyscale_keeps_its_tones() -> None:
    grey16 = np.full((1400, 1000), 128 * 257, np.uint16)
    scan = prepare_scan(encode(Image.fromarray(grey16), "PNG"), "grey.png", max_bytes=LIMIT)
    assert np.asarray(decoded(scan).convert("L")).mean() == pytest.approx(128, abs=3)


def test_the_kind_is_read_from_the_content_not_the_name(page: np.ndarray) -> None:
    pdf_named_jpg = prepare_scan(pdf_bytes(), "don.jpg", max_bytes=LIMIT)
    assert (pdf_named_jpg.media_type, pdf_named_jpg.filename) == (PDF, "don.pdf")
    jpeg_named_pdf = prepare_scan(jpeg_bytes(page), "don.pdf", max_bytes=LIMIT)
    assert (jpeg_named_pdf.media_type, jpeg_named_pdf.filename) == (JPEG, "don.jpg")


def test_file_names_are_cleaned_for_sending(page: np.ndarray) -> None:
    decomposed = unicodedata.normalize("NFD", "Giấy khai sinh")
    scan = prepare_scan(jpeg_bytes(page), f"C:\\Users\\canbo\\{decomposed}.JPG", max_bytes=LIMIT)
    assert scan.filename == "Giấy khai sinh.jpg"
    assert unicodedata.is_normalized("NFC", scan.filename)
    odd = prepare_scan(pdf_bytes(), "/home/canbo/a<b>:c\x07 .pdf", max_bytes=LIMIT)
    assert odd.filename == "a_b_c.pdf"
    assert prepare_scan(pdf_bytes(), ".pdf", max_bytes=LIMIT).filename == "scan.pdf"


# ---------------------------------------------------------------------- fitting the limit


def test_a_tight_limit_lowers_the_quality_before_the_size(photo_jpeg: bytes) -> None:
    roomy = prepare_scan(photo_jpeg, "p.jpg", max_bytes=LIMIT)
    limit = roomy.size * 3 // 4
    tight = prepare_scan(photo_jpeg, "p.jpg", max_bytes=limit)
    assert tight.size <= limit
    assert decoded(tight).size == decoded(roomy).size


def test_a_tighter_limit_scales_the_page_down_but_keeps_it_readable(photo_jpeg: bytes) -> None:
    scan = prepare_scan(photo_jpeg, "p.jpg", max_bytes=150_000)
    assert scan.size <= 150_000
    image = decoded(scan)
    assert MIN_PAGE_SIDE <= max(image.size) < 2200
    assert image.height / image.width == pytest.approx(A4_ASPECT, rel=0.015)


def test_a_page_that_cannot_fit_is_refused_naming_the_limit_in_mb() -> None:
    noise = np.random.default_rng(3).integers(0, 256, (2800, 2000, 3), dtype=np.uint8)
    message = refusal(encode(Image.fromarray(noise), "PNG"), "noise.png", max_bytes=50_000)
    assert message.startswith('"noise.png" cannot be brought under the 0.05 MB allowed')


def test_a_huge_photo_is_decoded_small_and_kept_at_most_max_page_side() -> None:
    ramp = np.linspace(40, 250, 8400, dtype=np.uint8)[None, :].repeat(3000, axis=0)
    scan = prepare_scan(encode(Image.fromarray(ramp).convert("RGB"), "JPEG", quality=80), "wide.jpg", max_bytes=LIMIT)
    assert max(decoded(scan).size) == MAX_PAGE_SIDE


# ---------------------------------------------------------------------- PDFs


def test_a_pdf_is_kept_byte_for_byte_with_its_page_count() -> None:
    data = pdf_bytes(pages=3)
    scan = prepare_scan(data, "ho so.pdf", max_bytes=LIMIT)
    assert scan == PreparedScan(data=data, media_type=PDF, filename="ho so.pdf",
                                sha256=hashlib.sha256(data).hexdigest(), pages=3, size=len(data))


def test_a_pdf_over_the_limit_is_refused_naming_the_limit(page: np.ndarray) -> None:
    noise = np.random.default_rng(5).integers(0, 256, (1000, 1000, 3), dtype=np.uint8)
    data = encode(Image.fromarray(noise), "PDF", quality=95)
    assert 1_000_000 < len(data) < 10_000_000
    message = refusal(data, "to khai.pdf", max_bytes=1_000_000)
    assert message.startswith(f'"to khai.pdf" is {megabytes(len(data))} MB, more than the 1 MB allowed')


def test_a_pdf_protected_by_a_password_is_refused() -> None:
    message = refusal(pdf_bytes(user_password="bimat", owner_password="chu"), "sao ke.pdf")
    assert message.startswith('"sao ke.pdf" is protected by a password')


def test_a_pdf_restricted_only_by_its_owner_opens_and_is_accepted() -> None:
    data = pdf_bytes(pages=2, user_password="", owner_password="chu")
    assert PdfReader(io.BytesIO(data)).is_encrypted
    scan = prepare_scan(data, "ban sao.pdf", max_bytes=LIMIT)
    assert (scan.pages, scan.data) == (2, data)


def test_a_damaged_pdf_is_refused() -> None:
    garbage = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"
    assert "is damaged or incomplete" in refusal(garbage, "hong.pdf")


def test_a_pdf_cut_short_is_refused() -> None:
    data = pdf_bytes(pages=4)
    assert "is damaged or incomplete" in refusal(data[: len(data) * 2 // 3], "chua chep xong.pdf")


def test_a_pdf_without_pages_is_refused() -> None:
    assert "is a PDF without any page" in refusal(pdf_bytes(pages=0), "trong.pdf")


# ---------------------------------------------------------------------- refused pictures and files


def test_an_empty_file_is_refused() -> None:
    assert refusal(b"", "empty.jpg") == '"empty.jpg" is empty. Scan the document again or choose another file.'


def test_a_jpeg_cut_short_is_refused(photo_jpeg: bytes) -> None:
    assert "is damaged or incomplete" in refusal(photo_jpeg[: len(photo_jpeg) // 2], "cut.jpg")


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "Đơn đề nghị\n".encode() * 50, b"GIF89a" + bytes(100)],
    ids=["word-document", "text", "gif"],
)
def test_a_file_that_is_no_scan_is_refused_whatever_its_name(data: bytes) -> None:
    assert refusal(data, "giay to.jpg") == (
        '"giay to.jpg" is not a PDF or a picture. Attach a PDF, JPEG, PNG, TIFF or WebP file.')


def test_a_heic_photo_is_refused_with_what_to_change() -> None:
    heic = struct.pack(">I", 24) + b"ftypheic" + b"\x00" * 4 + b"mif1heic" + bytes(64)
    assert "is a HEIC photo" in refusal(heic, "IMG_0001.HEIC")


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (100_000, 100_000, '"bomb.png" is too large a picture. Scan it again at a lower resolution: at most 64 megapixels.'),
        (9_000, 8_000, '"bomb.png" is too large a picture (9000 x 8000 pixels). Scan it again at a lower '
                       'resolution: at most 64 megapixels.'),
        (60_000, 2, '"bomb.png" is 60000 x 2 pixels, which is not the shape of a page. Scan the document again.'),
    ],
    ids=["far-beyond-pillow-guard", "beyond-desk-limit", "absurd-shape"],
)
def test_a_decompression_bomb_is_refused_before_decoding(width: int, height: int, expected: str) -> None:
    data = png_claiming(width, height)
    assert len(data) < 200
    assert refusal(data, "bomb.png") == expected


def test_a_multi_page_tiff_is_refused_rather_than_losing_pages(page: np.ndarray) -> None:
    first = Image.fromarray(page)
    data = encode(first, "TIFF", save_all=True, append_images=[first.copy(), first.copy()], compression="tiff_lzw")
    assert "holds 3 pages in one picture file" in refusal(data, "pages.tif")


def test_a_file_is_read_only_as_far_as_needed(tmp_path: Path) -> None:
    huge = tmp_path / "huge.tif"
    with huge.open("wb") as out:
        out.write(b"II*\x00")
        out.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing is written to disk
    with pytest.raises(ScanRefused, match=r'"huge.tif" is 200 MB, more than the 200 MB the desk reads'):
        prepare_scan_file(huge, max_bytes=LIMIT)
    large_pdf = tmp_path / "big.pdf"
    with large_pdf.open("wb") as out:
        out.write(pdf_bytes())
        out.truncate(30_000_000)
    with pytest.raises(ScanRefused, match=r'"big.pdf" is 30 MB, more than the 10 MB allowed'):
        prepare_scan_file(large_pdf, max_bytes=LIMIT)


def test_a_file_on_disk_is_prepared_like_its_bytes(tmp_path: Path, page: np.ndarray) -> None:
    path = tmp_path / "Sổ hộ khẩu.jpg"
    path.write_bytes(jpeg_bytes(page))
    assert prepare_scan_file(path, max_bytes=LIMIT) == prepare_scan(path.read_bytes(), path.name, max_bytes=LIMIT)


@pytest.mark.parametrize("name", ["gone.pdf", ""], ids=["missing", "a-folder"])
def test_a_file_that_cannot_be_read_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ScanRefused, match="could not be read"):
        prepare_scan_file(tmp_path / name, max_bytes=LIMIT)


# ---------------------------------------------------------------------- anything at all

_SMALL_PNG = encode(Image.new("RGB", (80, 60), (200, 10, 10)), "PNG")
_SMALL_JPEG = encode(Image.new("RGB", (80, 60), (10, 200, 10)), "JPEG")
_SMALL_TIFF = encode(Image.new("RGB", (80, 60), (10, 10, 200)), "TIFF")
_SMALL_WEBP = encode(Image.new("RGB", (80, 60), (90, 90, 90)), "WEBP")
_SMALL_PDF = pdf_bytes(pages=2)
_HEADERS = [b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"%PDF-1.4\n"]


def _accepted_or_refused(data: bytes, max_bytes: int) -> None:
    try:
        scan = prepare_scan(data, "fuzz.bin", max_bytes=max_bytes)
    except ScanRefused as refused:
        assert str(refused)  # a sentence for the officer, never an empty one
    else:
        assert scan.size == len(scan.data) <= max_bytes
        assert scan.media_type in (PDF, JPEG) and scan.pages >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.binary(max_size=2048), st.builds(lambda h, b: h + b, st.sampled_from(_HEADERS), st.binary(max_size=2048))),
    st.integers(min_value=1, max_value=LIMIT),
)
def test_any_bytes_are_accepted_or_refused_with_a_message(data: bytes, max_bytes: int) -> None:
    _accepted_or_refused(data, max_bytes)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([_SMALL_PNG, _SMALL_JPEG, _SMALL_TIFF, _SMALL_WEBP, _SMALL_PDF]),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=12),
    st.integers(min_value=0),
)
def test_damaged_real_files_are_accepted_or_refused_with_a_message(original: bytes, edits: list, cut: int) -> None:
    data = bytearray(original)
    for position, value in edits:
        data[position % len(data)] = value
    data = data[: len(data) - cut % (len(data) // 2 + 1)]
    _accepted_or_refused(bytes(data), LIMIT)
