"""Turn whatever picture the officer has into the portrait file a procedure asks for.

Portraits that were "uploaded but not received" were a reported cause of refused dossiers,
so every portrait leaves the desk in one predictable shape: upright, RGB (sRGB), cropped
to the procedure's aspect ratio, exactly its pixel size, a baseline JPEG under its byte
limit, with no metadata (no EXIF: camera serials, GPS and capture times are personal data
the dossier does not need). Anything that cannot be read is refused with a message that
tells the officer what to do, and nothing is changed.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import warnings
from dataclasses import dataclass
from typing import Callable

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from desk_app.core.catalogue import PhotoSpec
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError

log = logging.getLogger(__name__)

# The largest picture the desk will decode. 64 megapixels is beyond any desk camera or
# phone photo the counter sees, yet small enough that a forged header cannot make the
# desk allocate gigabytes. Pillow's own guard is tightened to match (never loosened, in
# case something else in the process set it lower).
MAX_PIXELS = 64_000_000
if Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS > MAX_PIXELS:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# Formats a camera, phone or scanner hands the desk. Limiting Pillow to these keeps its
# rarer (and less exercised) decoders away from files of unknown origin. The JPEG opener
# also yields "MPO", how some cameras label a JPEG that carries a second frame.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "BMP", "TIFF")

# Upscaling a crop by more than this blurs the face past what ID printing accepts.
MAX_UPSCALE = 2.0

JPEG_QUALITIES = (92, 88, 84, 80, 76, 72, 68, 64, 60, 55, 50, 45, 40, 35, 30)

_EXIF_ORIENTATION = 0x0112
_ROTATED_ORIENTATIONS = {5, 6, 7, 8}  # these swap width and height


class PhotoError(DeskError):
    """A portrait that the desk cannot use; the message says what the officer can do."""


class EmptyPhoto(PhotoError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "DeskError",
            "The photo file is empty. Take the photo again or choose another file."))


class NotAPicture(PhotoError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "DeskError",
            "This file is not a picture the desk can read. Choose a JPEG or PNG photo."))


class DamagedPhoto(PhotoError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "DeskError",
            "This photo file is damaged or incomplete (it may not have finished copying). "
            "Take the photo again or choose another file."))


class PhotoTooLarge(PhotoError):
    def __init__(self, width: int | None = None, height: int | None = None) -> None:
        if width and height:
            super().__init__(QT_TRANSLATE_NOOP(
                "DeskError",
                "This picture is too large ({width} x {height} pixels) to be a portrait. "
                "Choose a photo of at most {megapixels} megapixels."),
                width=width, height=height, megapixels=MAX_PIXELS // 1_000_000)
        else:
            super().__init__(QT_TRANSLATE_NOOP(
                "DeskError",
                "This picture is too large to be a portrait. "
                "Choose a photo of at most {megapixels} megapixels."),
                megapixels=MAX_PIXELS // 1_000_000)


class PhotoTooSmall(PhotoError):
    def __init__(self, width: int, height: int, min_width: int, min_height: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "DeskError",
            "This photo is too small ({width} x {height} pixels) for this procedure, which "
            "needs at least {min_width} x {min_height}. Take the photo again closer to the "
            "camera or choose a larger photo."),
            width=width, height=height, min_width=min_width, min_height=min_height)


class PhotoLimitUnreachable(PhotoError):
    def __init__(self, max_bytes: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "DeskError",
            "The portrait cannot be made smaller than the {kilobytes} KB this procedure "
            "allows. Ask the administrator to check the procedure's photo settings."),
            kilobytes=max_bytes // 1000)


@dataclass(frozen=True)
class NormalisedPhoto:
    """The portrait as sent with the dossier: JPEG bytes and their SHA-256 (lowercase hex)."""

    jpeg: bytes
    sha256: str
    width: int
    height: int


def normalise_portrait(data: bytes, spec: PhotoSpec) -> NormalisedPhoto:
    """Check and normalise a portrait to the procedure's `spec`; raise PhotoError if unusable."""
    image, _, _ = decode_upright(data, lambda width, height: centre_detail(width, height, spec))
    crop = centre_crop_box(image.width, image.height, spec.width_px, spec.height_px)
    check_enough_pixels(image.width, image.height, crop[2] - crop[0], crop[3] - crop[1], spec)
    portrait = image.resize((spec.width_px, spec.height_px), Image.Resampling.LANCZOS,
                            box=crop, reducing_gap=3.0)
    return encode_portrait(portrait, spec)


def decode_upright(data: bytes, detail: Callable[[int, int], float] | None = None,
                   ) -> tuple[Image.Image, int, int]:
    """The picture in ``data``, upright and RGB in sRGB, with the full upright size it has.

    ``detail(width, height)``, given that full upright size, is the share of it the caller
    needs (at most 1): a JPEG is then decoded that much smaller, at the cost of a fraction
    of a full decode. Raises a PhotoError for anything that is not a readable picture.
    """
    if not data:
        raise EmptyPhoto()
    image, width, height = _decode(data, detail)
    stored = image.size
    image = _upright(image)
    if image.size != stored:  # turned a quarter: the full size turns with it
        width, height = height, width
    return _to_srgb(image), width, height


def check_enough_pixels(width: int, height: int, crop_width: float, crop_height: float,
                        spec: PhotoSpec) -> None:
    """Refuse a crop that would have to be enlarged more than MAX_UPSCALE times."""
    min_width = math.ceil(spec.width_px / MAX_UPSCALE)
    min_height = math.ceil(spec.height_px / MAX_UPSCALE)
    if crop_width < min_width or crop_height < min_height:
        raise PhotoTooSmall(width, height, min_width, min_height)


def encode_portrait(image: Image.Image, spec: PhotoSpec) -> NormalisedPhoto:
    """The finished portrait (already spec-sized) as the clean JPEG the dossier carries."""
    jpeg = _encode(image, spec)
    return NormalisedPhoto(jpeg=jpeg, sha256=hashlib.sha256(jpeg).hexdigest(),
                           width=image.width, height=image.height)


def _decode(data: bytes, detail: Callable[[int, int], float] | None,
            ) -> tuple[Image.Image, int, int]:
    """Open and fully decode the first frame, turning every failure into a PhotoError.

    Also returns the picture's full stored size (a draft decode is smaller)."""
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat it as refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
        except UnidentifiedImageError as exc:
            raise NotAPicture() from exc
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PhotoTooLarge() from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise DamagedPhoto() from exc
        width, height = image.size
        if width <= 0 or height <= 0:
            raise DamagedPhoto()
        if width * height > MAX_PIXELS:
            raise PhotoTooLarge(width, height)
        try:
            if detail is not None and image.format in ("JPEG", "MPO"):
                # Read before decoding, which is how a JPEG's EXIF is read anyway; other
                # formats decode in full, so they need no scale.
                swap = _orientation(image) in _ROTATED_ORIENTATIONS
                _draft(image, detail(height, width) if swap else detail(width, height))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PhotoTooLarge(width, height) from exc
        except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
            # Pillow reports a file cut short as OSError("image file is truncated").
            log.info("portrait refused as damaged: %s", exc)
            raise DamagedPhoto() from exc
    return image, width, height


def centre_detail(width: int, height: int, spec: PhotoSpec) -> float:
    """The share of the picture the centre crop needs: at least twice the detail the
    output has, so a 24-megapixel camera frame decodes in a fraction of the time."""
    left, _, right, _ = centre_crop_box(width, height, spec.width_px, spec.height_px)
    return min(1.0, 2.0 * spec.width_px / max(1, right - left))


def _draft(image: Image.Image, scale: float) -> None:
    """Let the JPEG decoder scale down while decoding (by 1/2, 1/4 or 1/8), never below
    ``scale`` of the full size."""
    if scale >= 1.0:
        return
    wanted = (math.ceil(image.size[0] * scale), math.ceil(image.size[1] * scale))
    image.draft(image.mode, wanted)


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(_EXIF_ORIENTATION, 1))
    except (ValueError, TypeError, OSError, SyntaxError):
        return 1


def _upright(image: Image.Image) -> Image.Image:
    """Apply the camera's EXIF orientation so the face is upright once EXIF is dropped."""
    if _orientation(image) == 1:
        return image  # exif_transpose would copy the whole picture for nothing
    try:
        return ImageOps.exif_transpose(image)
    except (ValueError, TypeError, OSError, SyntaxError, KeyError) as exc:
        # A broken EXIF block must not cost the citizen the photo: keep it as stored.
        log.info("portrait EXIF orientation unreadable, kept as stored: %s", exc)
        return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB in sRGB, transparency flattened onto white.

    The ICC profile is dropped with the rest of the metadata, so colours are converted
    into sRGB first (phones often shoot in Display P3; print shops send CMYK); without a
    profile, sRGB is assumed as every browser does.
    """
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        # 16-bit greyscale (some scanners): scale to 8 bits instead of clipping to white.
        image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba).convert("RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            target = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, source, target, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as exc:
            # e.g. a greyscale profile on an image that is now RGB: plain conversion is
            # close enough for a portrait.
            log.info("portrait colour profile unusable, converting without it: %s", exc)
    # convert() to the mode it has already would copy the whole picture for nothing.
    return image if image.mode == "RGB" else image.convert("RGB")


def centre_crop_box(width: int, height: int, target_width: int,
                     target_height: int) -> tuple[int, int, int, int]:
    """The largest centred box of the target's aspect ratio inside width x height."""
    if width * target_height > height * target_width:
        crop_width = max(1, round(height * target_width / target_height))
        left = (width - crop_width) // 2
        return left, 0, left + crop_width, height
    crop_height = max(1, round(width * target_height / target_width))
    top = (height - crop_height) // 2
    return 0, top, width, top + crop_height


def _encode(image: Image.Image, spec: PhotoSpec) -> bytes:
    """Baseline JPEG, stepping quality down until it fits the procedure's byte limit."""
    clean = Image.new("RGB", image.size)
    clean.paste(image)  # a fresh image carries no info dict: no EXIF, ICC, comments, XMP
    # The density makes the file print at the procedure's size in millimetres.
    dpi = (round(spec.width_px * 25.4 / spec.width_mm) if spec.width_mm else 300,
           round(spec.height_px * 25.4 / spec.height_mm) if spec.height_mm else 300)
    for quality in JPEG_QUALITIES:
        out = io.BytesIO()
        clean.save(out, format="JPEG", quality=quality, optimize=True, progressive=False,
                   subsampling="4:2:0", dpi=dpi)
        if out.tell() <= spec.max_bytes:
            return out.getvalue()
    raise PhotoLimitUnreachable(spec.max_bytes)
