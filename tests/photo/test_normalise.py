"""normalise_portrait with real pictures made by Pillow, good and broken."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageDraw, ImageFilter

from desk_app.core.catalogue import PhotoSpec
from desk_app.core.messages import DeskError
from desk_app.photo.normalise import (
    MAX_PIXELS,
    DamagedPhoto,
    EmptyPhoto,
    NormalisedPhoto,
    NotAPicture,
    PhotoError,
    PhotoLimitUnreachable,
    PhotoTooLarge,
    PhotoTooSmall,
    normalise_portrait,
)

SPEC = PhotoSpec(width_mm=30, height_mm=40, width_px=600, height_px=800,
                 background="white", max_bytes=512_000)

RED = (220, 20, 20)
GREEN = (20, 160, 40)
BLUE = (20, 40, 200)


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def portrait(width: int = 900, height: int = 1200) -> Image.Image:
    """An upright test portrait: red band on top, a dark 'face' in the middle."""
    image = Image.new("RGB", (width, height), (235, 235, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height // 8), fill=RED)
    draw.ellipse((width // 4, height // 4, 3 * width // 4, 3 * height // 4), fill=(60, 40, 30))
    return image


def jpeg_markers(data: bytes) -> list[int]:
    """The JPEG segment markers up to the start of scan."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while pos < len(data):
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        pos += 2 + length
    return markers


def assert_clean_portrait(result: NormalisedPhoto, spec: PhotoSpec = SPEC) -> Image.Image:
    assert result.sha256 == hashlib.sha256(result.jpeg).hexdigest()
    assert len(result.jpeg) <= spec.max_bytes
    assert (result.width, result.height) == (spec.width_px, spec.height_px)
    image = Image.open(io.BytesIO(result.jpeg))
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert image.size == (spec.width_px, spec.height_px)
    assert len(image.getexif()) == 0
    assert "exif" not in image.info and "icc_profile" not in image.info
    markers = jpeg_markers(result.jpeg)
    # Only JFIF (APP0) may precede the image data: no EXIF/XMP (APP1), ICC (APP2),
    # other application blocks or comments; SOF0 = baseline, which every reader takes.
    assert [m for m in markers if 0xE1 <= m <= 0xEF or m == 0xFE] == []
    assert 0xC0 in markers and 0xC2 not in markers
    image.load()
    return image


def is_close(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def test_plain_jpeg_becomes_spec_sized_clean_jpeg() -> None:
    result = normalise_portrait(encode(portrait(), "JPEG", quality=95), SPEC)
    image = assert_clean_portrait(result)
    assert is_close(image.getpixel((300, 20)), RED)
    # 600 px across 30 mm: the file prints at the procedure's size.
    assert image.info["dpi"] == (508, 508)


def test_exif_and_colour_profile_are_dropped_after_orientation_is_applied() -> None:
    upright = portrait()
    # Stored turned 90 degrees anticlockwise; EXIF 6 tells viewers to turn it clockwise.
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "ExampleCam Maker"
    exif[0x0132] = "2026:11:21 09:30:00"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(stored, "JPEG", quality=95, exif=exif.tobytes(), icc_profile=srgb)
    assert b"ExampleCam" in data

    result = normalise_portrait(data, SPEC)

    image = assert_clean_portrait(result)
    assert b"ExampleCam" not in result.jpeg and b"2026:11:21" not in result.jpeg
    # The red band is back on top: the face is upright.
    assert is_close(image.getpixel((300, 20)), RED)
    assert not is_close(image.getpixel((300, 780)), RED)
    assert not is_close(image.getpixel((20, 400)), RED)


def test_png_with_alpha_is_flattened_on_white() -> None:
    image = Image.new("RGBA", (900, 1200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((225, 300, 675, 900), fill=(*BLUE, 255))

    result = normalise_portrait(encode(image, "PNG"), SPEC)

    out = assert_clean_portrait(result)
    for corner in ((5, 5), (594, 5), (5, 794), (594, 794)):
        assert min(out.getpixel(corner)) >= 250
    assert is_close(out.getpixel((300, 400)), BLUE)


def test_palette_png_with_transparency_is_flattened_on_white() -> None:
    image = portrait().convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    corner_index = image.getpixel((0, 0))
    data = encode(image, "PNG", transparency=corner_index)

    out = assert_clean_portrait(normalise_portrait(data, SPEC))

    assert min(out.getpixel((5, 5))) >= 250  # the red band was the transparent colour
    assert is_close(out.getpixel((300, 400)), (60, 40, 30))


def test_cmyk_jpeg_is_converted_to_rgb() -> None:
    image = Image.new("CMYK", (900, 1200), (0, 255, 255, 0))  # full magenta + yellow = red

    out = assert_clean_portrait(normalise_portrait(encode(image, "JPEG", quality=95), SPEC))

    red, green, blue = out.getpixel((300, 400))
    assert red > 230 and green < 30 and blue < 30


def test_sixteen_bit_greyscale_keeps_its_tones() -> None:
    image = Image.new("I;16", (900, 1200), 32768)  # mid grey on 16 bits

    out = assert_clean_portrait(normalise_portrait(encode(image, "PNG"), SPEC))

    assert all(110 <= value <= 145 for value in out.getpixel((300, 400)))


def test_wide_picture_is_centre_cropped_to_the_spec_ratio() -> None:
    image = Image.new("RGB", (1600, 800), GREEN)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 399, 799), fill=BLUE)
    draw.rectangle((1200, 0, 1599, 799), fill=BLUE)

    out = assert_clean_portrait(normalise_portrait(encode(image, "PNG"), SPEC))

    # A 3:4 crop of a 1600 x 800 frame is its middle 600 columns, all green.
    for x in (3, 300, 596):
        assert is_close(out.getpixel((x, 400)), GREEN)


def test_tall_picture_is_centre_cropped_to_the_spec_ratio() -> None:
    image = Image.new("RGB", (600, 1600), GREEN)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 599, 299), fill=BLUE)
    draw.rectangle((0, 1300, 599, 1599), fill=BLUE)

    out = assert_clean_portrait(normalise_portrait(encode(image, "PNG"), SPEC))

    for y in (3, 400, 796):
        assert is_close(out.getpixel((300, y)), GREEN)


def test_quality_steps_down_until_the_file_fits() -> None:
    # Blurred noise compresses like skin and fabric: hard, but not impossible.
    grain = Image.merge("RGB", [Image.effect_noise((1200, 1600), 90)] * 3)
    data = encode(grain.filter(ImageFilter.GaussianBlur(1.5)), "PNG")
    roomy = normalise_portrait(data, SPEC)
    assert len(roomy.jpeg) > 90_000  # so a 60 kB limit forces a lower quality
    spec = PhotoSpec(width_mm=30, height_mm=40, width_px=600, height_px=800,
                     background="white", max_bytes=60_000)

    tight = normalise_portrait(data, spec)

    assert_clean_portrait(tight, spec)
    assert len(tight.jpeg) < len(roomy.jpeg)


def test_a_byte_limit_no_quality_can_meet_is_refused() -> None:
    noise = Image.merge("RGB", [Image.effect_noise((600, 800), 90)] * 3)
    spec = PhotoSpec(width_mm=30, height_mm=40, width_px=600, height_px=800,
                     background="white", max_bytes=2_000)

    with pytest.raises(PhotoLimitUnreachable) as caught:
        normalise_portrait(encode(noise, "PNG"), spec)

    assert "administrator" in str(caught.value)


def test_same_picture_gives_same_bytes_and_hash() -> None:
    data = encode(portrait(), "JPEG", quality=90)

    first, second = normalise_portrait(data, SPEC), normalise_portrait(data, SPEC)

    assert first == second


def test_zero_bytes_are_refused() -> None:
    with pytest.raises(EmptyPhoto) as caught:
        normalise_portrait(b"", SPEC)
    assert "empty" in str(caught.value)


def test_text_file_named_jpg_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "portrait.jpg"
    fake.write_text("Họ tên: Nguyễn Văn A\nThis is not a photo.\n", encoding="utf-8")

    with pytest.raises(NotAPicture) as caught:
        normalise_portrait(fake.read_bytes(), SPEC)

    assert str(caught.value) == (
        "This file is not a picture the desk can read. Choose a JPEG or PNG photo.")


def test_truncated_jpeg_is_refused() -> None:
    data = encode(portrait(), "JPEG", quality=95)

    with pytest.raises(DamagedPhoto) as caught:
        normalise_portrait(data[: len(data) // 2], SPEC)

    assert "damaged or incomplete" in str(caught.value)


def test_truncated_png_is_refused() -> None:
    data = encode(portrait(), "PNG")

    with pytest.raises(DamagedPhoto):
        normalise_portrait(data[: len(data) * 2 // 3], SPEC)


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture (a decompression bomb's calling card)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("width,height", [(100_000, 100_000), (9_000, 9_000)])
def test_huge_dimension_header_is_refused_without_decoding(width: int, height: int) -> None:
    assert width * height > MAX_PIXELS
    bomb = png_header_claiming(width, height)
    assert len(bomb) < 200

    with pytest.raises(PhotoTooLarge) as caught:
        normalise_portrait(bomb, SPEC)

    assert "too large" in str(caught.value)


def test_picture_too_small_to_enlarge_is_refused() -> None:
    with pytest.raises(PhotoTooSmall) as caught:
        normalise_portrait(encode(portrait(200, 260), "PNG"), SPEC)

    assert caught.value.params["width"] == 200
    assert "closer to the camera" in str(caught.value)


def test_photo_errors_are_desk_errors_with_untranslated_templates() -> None:
    for error in (EmptyPhoto(), NotAPicture(), DamagedPhoto(), PhotoTooLarge(1, 2),
                  PhotoTooSmall(1, 2, 3, 4), PhotoLimitUnreachable(1000)):
        assert isinstance(error, PhotoError) and isinstance(error, DeskError)
        assert error.context == "DeskError"
        assert str(error) == error.template.format(**error.params)


_VALID_SAMPLES = (encode(portrait(320, 420), "JPEG", quality=80),
                  encode(portrait(320, 420), "PNG"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(_VALID_SAMPLES),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_corrupted_files_give_a_photo_error_or_a_clean_portrait(
    sample: bytes, edits: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(sample)
    for position, value in edits:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    try:
        result = normalise_portrait(bytes(data), SPEC)
    except PhotoError:
        return
    assert_clean_portrait(result)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=512))
def test_random_bytes_give_a_photo_error(data: bytes) -> None:
    with pytest.raises(PhotoError):
        normalise_portrait(data, SPEC)
