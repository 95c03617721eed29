"""Make the portrait file from a picture of the citizen: cropped around the face, judged.

Where ``normalise_portrait`` cuts the middle of the picture, this finds the face and
places the photo around it as ID photos are framed (rules.portrait_box), then judges the
finished photo against every rule (rules.judge). A picture with no face, or several, is
still made into a photo from its middle, with ONE_FACE failed: the officer decides.
Only a picture that cannot be read or used at all raises a PhotoError.

A 12-megapixel JPEG is decoded twice, never more than once in full: at 1/4 of its size
to find the face, then at the smallest scale that still gives the crop twice the detail
the photo needs (the full size when the face is small in the picture). A reduced decode
costs a fraction of a full one, so the whole preparation takes about the time any
program takes to decode, resize and save the same picture (benchmarks/photo.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np
from PIL import Image

from desk_app.core.catalogue import PhotoSpec
from desk_app.photo.normalise import (
    NormalisedPhoto,
    centre_crop_box,
    centre_detail,
    check_enough_pixels,
    decode_upright,
    encode_portrait,
)
from desk_app.photo.rules import (
    PHOTO_DETECT_SIDE,
    Box,
    Mapping,
    Point,
    PortraitReport,
    find_eyes,
    find_face,
    judge,
    judge_size,
    portrait_box,
)

# The crop is decoded with at least this many times the photo's pixels across (as
# normalise_portrait does): Lanczos then has real detail to scale down from.
DETAIL_MARGIN = 2.0


@dataclass(frozen=True)
class CheckedPortrait:
    """The portrait as sent with the dossier, and how it fares against the rules."""

    photo: NormalisedPhoto
    report: PortraitReport


def prepare_portrait(data: bytes, spec: PhotoSpec) -> CheckedPortrait:
    """Crop ``data`` around the face to ``spec``, judge it, encode it; raise PhotoError
    only for a picture that cannot be read or is too small for any photo."""
    probe, width, height = decode_upright(
        data, lambda w, h: min(1.0, PHOTO_DETECT_SIDE / max(w, h, 1)))
    centre = centre_crop_box(width, height, spec.width_px, spec.height_px)
    check_enough_pixels(width, height, centre[2] - centre[0], centre[3] - centre[1], spec)
    search = find_face(np.asarray(probe), PHOTO_DETECT_SIDE)
    to_full = (width / probe.width, height / probe.height)

    if search.face is None:
        image = _decode_again(data, probe, width, height,
                              lambda w, h: centre_detail(w, h, spec))
        crop = centre_crop_box(image.width, image.height, spec.width_px, spec.height_px)
        final = _resize(image, crop, spec)
        return _finish(final, spec, search.count, None, (), 0.0)

    face_full = _scaled_box(search.face, *to_full)
    first_guess = portrait_box(face_full, (), width, height, spec)
    image = _decode_again(data, probe, width, height, lambda w, h: min(
        1.0, DETAIL_MARGIN * spec.height_px / max(first_guess[3], 1.0)))
    to_image = (image.width / width, image.height / height)
    face = _scaled_box(face_full, *to_image)
    eyes = _eyes_in(image, face, search.roll)
    eyes_full = tuple((x / to_image[0], y / to_image[1]) for x, y in eyes)
    left, top, crop_w, crop_h = _scaled_box(
        portrait_box(face_full, eyes_full, width, height, spec), *to_image)
    crop = (left, top, left + crop_w, top + crop_h)
    final = _resize(image, crop, spec)
    to_final = Mapping(left, top, spec.width_px / crop_w, spec.height_px / crop_h)
    return _finish(final, spec, 1, to_final.box(face), to_final.points(eyes), search.roll)


def _decode_again(data: bytes, probe: Image.Image, width: int, height: int,
                  detail: Callable[[int, int], float]) -> Image.Image:
    """The picture at the detail the photo needs; the probe itself when it is already the
    full picture (any format but JPEG, or a small JPEG)."""
    if probe.size == (width, height):
        return probe
    image, _, _ = decode_upright(data, detail)
    return image


def _eyes_in(image: Image.Image, face: Box, roll: float) -> tuple[Point, ...]:
    """find_eyes on just the face's surroundings, so a 12-megapixel picture is never
    copied whole into an array."""
    x, y, w, h = face
    reach = 0.8 * max(w, h)
    left, top = max(0, math.floor(x + w / 2 - reach)), max(0, math.floor(y + h / 2 - reach))
    right = min(image.width, math.ceil(x + w / 2 + reach))
    bottom = min(image.height, math.ceil(y + h / 2 + reach))
    region = np.asarray(image.crop((left, top, right, bottom)))
    found = find_eyes(region, (x - left, y - top, w, h), roll)
    return tuple((ex + left, ey + top) for ex, ey in found)


def _resize(image: Image.Image, crop: tuple[float, float, float, float],
            spec: PhotoSpec) -> Image.Image:
    # Scaling between decode sizes can leave a corner a hair outside the picture, which
    # Pillow refuses.
    left, top, right, bottom = crop
    box = (max(0.0, left), max(0.0, top), min(float(image.width), right),
           min(float(image.height), bottom))
    return image.resize((spec.width_px, spec.height_px), Image.Resampling.LANCZOS,
                        box=box, reducing_gap=3.0)


def _finish(final: Image.Image, spec: PhotoSpec, count: int, face: Box | None,
            eyes: tuple[Point, ...], roll: float) -> CheckedPortrait:
    """Encode the photo and judge it at the judging size; face and eyes in its pixels."""
    photo = encode_portrait(final, spec)
    pixels = np.asarray(final)
    size = judge_size(spec)
    judged = cv2.resize(pixels, size, interpolation=cv2.INTER_AREA
                        if size[0] < final.width else cv2.INTER_LINEAR)
    to_judged = Mapping(0.0, 0.0, size[0] / final.width, size[1] / final.height)
    results = judge(judged, count, to_judged.box(face), to_judged.points(eyes), roll, spec)
    face_px = None if face is None else tuple(round(v) for v in face)
    report = PortraitReport(results, face_px,  # type: ignore[arg-type]
                            tuple((round(x), round(y)) for x, y in eyes))
    return CheckedPortrait(photo=photo, report=report)


def _scaled_box(box: Box, scale_x: float, scale_y: float) -> Box:
    x, y, w, h = box
    return x * scale_x, y * scale_y, w * scale_x, h * scale_y
