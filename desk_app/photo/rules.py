"""Judge a portrait against the rules an ID photo is refused for, and say what to change.

Dossiers came back for portraits with the face too small, tilted, blurred, dark or in
front of a busy wall. The officer now sees, while the camera is live and again on the
finished photo, which rule a picture breaks and what to do about it ("Move closer to the
camera"), and may still accept it with a reason: a failed rule never stops the desk.

One face and its eyes are found with OpenCV's Haar cascades on a small copy of the
picture, which is fast enough for every camera frame on a two-core desk PC. The region
that becomes the photo is placed around that face (``portrait_box``), and every rule is
measured on that region scaled to a fixed judging size, so a live frame and the finished
photo are judged alike.

The thresholds are the desk's, chosen from the ID-photo rules (face about 0.5-0.7 of the
photo's height, eyes at about 0.4-0.5 from the top, head straight, plain light
background) and checked on real public-domain portraits (tests/data/portraits). Each is
documented where it is defined, with the reason for its value.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from desk_app.core.catalogue import PhotoSpec
from desk_app.core.messages import QT_TRANSLATE_NOOP
from desk_app.photo.normalise import MAX_UPSCALE

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # x, y, width, height
Point = tuple[float, float]

RULE_CONTEXT = "PortraitRule"

# --- Finding the face -------------------------------------------------------------------

# The longer side of the copy faces are looked for on. Haar cascades cost in proportion to
# the pixels searched, and the frontal cascade finds faces reliably from about 30 px
# across. On a live frame (check_frame) 448 px keeps the whole check at about 25 ms on a
# two-core desk PC and finds faces from 80 px in a 1280 x 720 frame, below the 135 px a
# face needs to fill a 600 x 800 portrait (FACE_SIZE), so a sitter too far away is told
# to come closer rather than not found. A photo being prepared (portrait.py) is searched
# at 800 px: a 12-megapixel phone photo taken from 3 m has a face of about 150 px, which
# that still finds.
DETECT_SIDE = 448
PHOTO_DETECT_SIDE = 800
# The smallest face searched for on that copy: smaller ones are not found reliably, and
# looking for them doubles the time.
MIN_FACE_PX = 28
# Haar search steps: 1.15 rather than the usual 1.1 searches a third fewer scales and
# found the same faces on the test pictures; with 4 neighbours instead of 5, the badge on
# Eileen Collins's suit passed for a face on one of them.
FACE_SCALE_STEP = 1.15
FACE_NEIGHBOURS = 5
# The frontal cascade misses heads leaning more than 15-20 degrees. When no face is found
# the copy is turned by this much each way and searched again, so a leaning head is told
# to straighten instead of being reported missing.
ROLL_TRY_DEG = 20.0
# Faces smaller than this share of the largest one are people further back (the queue
# behind the citizen, a poster): the background rules catch them, ONE_FACE does not count
# them.
COUNTED_FACE_SHARE = 0.5

# The face is scaled to this width before the eyes are looked for: eye cascades work best
# on eyes 20-40 px wide, which they are at this width.
EYE_PATCH = 160
# Where the eyes sit in the face box the frontal cascade draws (share of its height),
# measured on the portraits in tests/data: 0.36-0.38. Eyes are searched for in a band
# around it and the candidate nearest to it is taken.
EYE_LINE_IN_BOX = 0.37
EYE_BAND = (0.15, 0.6)

# --- Placing the photo around the face --------------------------------------------------

# Chin to crown is about 1.5 times the height of the cascade's face box (on the portraits
# in tests/data: 1.3 for Grace Hopper in her cap, 1.7 for Eileen Collins's full hair).
HEAD_PER_BOX = 1.5
# ID photos: head 0.5-0.7 of the photo's height, eyes 0.4-0.5 from the top. The crop aims
# at the middle of both.
HEAD_SHARE_TARGET = 0.6
EYE_LINE_FROM_TOP = 0.45

# --- The rules and their thresholds -----------------------------------------------------

# FACE_SIZE: head height over photo height. Outside 0.5-0.7 the head is visibly too small
# or cut at the crown or chin. A crop is never enlarged more than MAX_UPSCALE times (the
# same limit as any portrait), so a face with too few pixels gets a larger crop, appears
# small in it, and is told to come closer.
HEAD_SHARE_RANGE = (0.5, 0.7)
# CENTRED: horizontal offset of the face centre, as a share of the photo's width. 0.08 is
# 2.4 mm on a 30 mm photo: visible, and well above the error of the cascade's box (about
# 0.02). The crop is centred on the face, so this fails only when the face is so near the
# picture's edge that the crop cannot be.
MAX_CENTRE_OFFSET = 0.08
# LEVEL: angle of the eye line. Up to 8 degrees looks straight; the eye centres are found
# to about 2 degrees.
MAX_ROLL_DEG = 8.0
# SHARP: variance of the Laplacian over the inner face, the face scaled to SHARP_SIDE px
# wide and its mean grey level to SHARP_MEAN, so that the figure depends neither on the
# picture's size nor on its exposure (EXPOSURE judges that). In-focus faces on the test
# pictures measure 105-875 (the low end: Eileen Collins's 512 px portrait enlarged); a
# Gaussian blur of 1% of the face's width (a moving head, a missed focus) brings hers
# under 20, 2.5% under 5.
SHARP_SIDE = 128
SHARP_MEAN = 128.0
MIN_SHARPNESS = 40.0
# EXPOSURE: mean grey level (0-255) of the inner face, and the share of it clipped to
# black or white. The test faces measure 145-180 in good light and 35-45 at a quarter of
# it; 60 leaves room for skin darker than theirs. Above 215, or with 15% burnt out (a
# flash), skin has lost its detail.
FACE_MEAN_RANGE = (60.0, 215.0)
CLIPPED_LOW, CLIPPED_HIGH = 8, 248
MAX_CLIPPED_SHARE = 0.15
# BACKGROUND_PLAIN: the largest standard deviation of one colour channel over the
# background regions (above the head, beside it), taken region by region so that a wall
# lit from one side is still plain. A linear shade across a region of 48 grey levels
# measures 14; a plain wall in the test pictures measures 0-7, a studio's mottled backdrop
# 9-14, stripes and noise 35-70, Grace Hopper's flag 65-85.
MAX_BACKGROUND_STD = 14.0
# BACKGROUND_COLOUR: share of the background pixels that have the procedure's colour.
# White is light (mean channel >= 150) and nearly grey (saturation <= 0.22, which admits
# the warm cast of indoor light); blue is a hue of 180-260 degrees with saturation >= 0.2
# and value >= 60, from the pale blue of photo studios to a deep blue screen.
MIN_BACKGROUND_SHARE = 0.75
WHITE_MIN_LIGHTNESS = 150.0
WHITE_MAX_SATURATION = 0.22
BLUE_HUE_DEG = (180.0, 260.0)
BLUE_MIN_SATURATION = 0.2
BLUE_MIN_VALUE = 60.0

# Every rule is measured on the photo's region scaled to this height.
JUDGE_HEIGHT = 400
# Where the head is assumed to end, in face-box units: the crown 0.45 above the box top,
# the hair 0.8 either side of its centre; the regions judged as background keep clear of
# it by BACKGROUND_GAP of the photo's height.
CROWN_ABOVE_BOX = 0.45
HAIR_HALF_WIDTH = 0.8
BACKGROUND_GAP = 0.03
# Below this many pixels a background region says nothing.
MIN_REGION_PIXELS = 150

_COLOUR_NAMES = {
    "white": QT_TRANSLATE_NOOP("PortraitRule", "white"),
    "blue": QT_TRANSLATE_NOOP("PortraitRule", "blue"),
}

_NOT_CHECKED_FACE = QT_TRANSLATE_NOOP(
    "PortraitRule", "Not checked: there must be exactly one face in the picture")


class Rule(str, Enum):
    ONE_FACE = "one_face"
    FACE_SIZE = "face_size"
    CENTRED = "centred"
    LEVEL = "level"
    EYES = "eyes"
    SHARP = "sharp"
    EXPOSURE = "exposure"
    BACKGROUND_PLAIN = "background_plain"
    BACKGROUND_COLOUR = "background_colour"


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict. ``template`` is the English sentence for the officer (what to do
    when it failed, what is right when it passed), translated by the GUI in ``context``."""

    rule: Rule
    passed: bool
    measured: float | None
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    context: str = RULE_CONTEXT


@dataclass(frozen=True)
class PortraitReport:
    """Every rule's result, in Rule order, and where the face and eyes were found."""

    results: tuple[RuleResult, ...]
    face: tuple[int, int, int, int] | None
    eyes: tuple[tuple[int, int], ...]

    @property
    def passed(self) -> bool:
        return all(result.passed for result in self.results)

    @property
    def failures(self) -> tuple[RuleResult, ...]:
        return tuple(result for result in self.results if not result.passed)

    def result(self, rule: Rule) -> RuleResult:
        """The result for ``rule``; KeyError if the report has none."""
        for result in self.results:
            if result.rule is rule:
                return result
        raise KeyError(rule)


@dataclass(frozen=True)
class FaceSearch:
    """What the face search found, in the searched picture's pixels."""

    count: int
    face: Box | None
    roll: float = 0.0  # the turn (degrees) the face was found at; 0 when found upright


# --- Cascades ---------------------------------------------------------------------------


class _Cascade:
    """One Haar cascade, read once, used by one thread at a time.

    A CascadeClassifier keeps the picture it is searching inside itself, and OpenCV
    releases the GIL while it searches, so two worker threads sharing one would corrupt
    each other's search: each use holds the lock. A search takes milliseconds.
    The XML is read by Python and handed to OpenCV from memory: on Windows OpenCV opens
    files by their ANSI path, which fails for a folder with Vietnamese letters in its name
    (a desk installed under a user's own folder).
    """

    def __init__(self, filename: str) -> None:
        self._filename = filename
        self._classifier: cv2.CascadeClassifier | None = None
        self._lock = threading.Lock()

    def _load(self) -> cv2.CascadeClassifier:
        path = Path(cv2.data.haarcascades) / self._filename
        storage = cv2.FileStorage(path.read_text(encoding="utf-8"),
                                  cv2.FILE_STORAGE_READ | cv2.FILE_STORAGE_MEMORY)
        classifier = cv2.CascadeClassifier()
        if not classifier.read(storage.getFirstTopLevelNode()) or classifier.empty():
            raise RuntimeError(f"OpenCV cascade {self._filename} could not be read")
        return classifier

    def detect(self, grey: np.ndarray, *, scale_step: float, neighbours: int,
               min_size: int, max_size: int = 0) -> list[tuple[int, int, int, int]]:
        with self._lock:
            if self._classifier is None:
                self._classifier = self._load()
            found = self._classifier.detectMultiScale(
                grey, scaleFactor=scale_step, minNeighbors=neighbours,
                minSize=(min_size, min_size), maxSize=(max_size, max_size))
        return [tuple(int(v) for v in box) for box in found]  # type: ignore[misc]


_FACES = _Cascade("haarcascade_frontalface_alt2.xml")
_EYES = _Cascade("haarcascade_eye.xml")
# Finds eyes behind spectacle frames, where the plain eye cascade may find only one (it
# does on Grace Hopper's portrait); the second try, for the sides still without an eye.
_EYES_GLASSES = _Cascade("haarcascade_eye_tree_eyeglasses.xml")


# --- Geometry ---------------------------------------------------------------------------


def find_face(rgb: np.ndarray, side: int = DETECT_SIDE) -> FaceSearch:
    """Look for faces on a copy at most ``side`` px long; boxes in ``rgb``'s pixels."""
    try:
        return _find_face(rgb, side)
    except (cv2.error, MemoryError) as exc:
        # A search that breaks is a face not found: the officer can still take the photo
        # and accept it with a reason. The failure is for the log.
        log.warning("face search failed on a %s picture: %r", rgb.shape, exc)
        return FaceSearch(0, None)


def _find_face(rgb: np.ndarray, side: int) -> FaceSearch:
    height, width = rgb.shape[:2]
    scale = min(1.0, side / max(height, width))
    small = rgb
    if scale < 1.0:
        small = cv2.resize(rgb, (max(1, round(width * scale)), max(1, round(height * scale))),
                           interpolation=cv2.INTER_AREA)
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    if min(grey.shape) < MIN_FACE_PX:
        return FaceSearch(0, None)
    boxes = [(float(x), float(y), float(w), float(h)) for x, y, w, h in _search_faces(grey)]
    roll = 0.0
    if not boxes:
        for angle in (ROLL_TRY_DEG, -ROLL_TRY_DEG):
            boxes = _search_turned(grey, angle)
            if boxes:
                roll = angle
                break
    if not boxes:
        return FaceSearch(0, None)
    largest = max(box[2] for box in boxes)
    counted = [box for box in boxes if box[2] >= COUNTED_FACE_SHARE * largest]
    if len(counted) != 1:
        return FaceSearch(len(counted), None)
    x, y, w, h = counted[0]
    sx, sy = width / grey.shape[1], height / grey.shape[0]
    return FaceSearch(1, (x * sx, y * sy, w * sx, h * sy), roll)


def _search_faces(grey: np.ndarray) -> list[tuple[int, int, int, int]]:
    return _FACES.detect(grey, scale_step=FACE_SCALE_STEP, neighbours=FACE_NEIGHBOURS,
                         min_size=MIN_FACE_PX)


def _search_turned(grey: np.ndarray, angle: float) -> list[Box]:
    """Faces on the copy turned by ``angle`` (counter-clockwise), mapped back as upright
    boxes of the same size around each face's centre."""
    height, width = grey.shape
    centre = (width / 2, height / 2)
    matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
    turned = cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_REPLICATE)
    back = cv2.invertAffineTransform(matrix)
    boxes = []
    for x, y, w, h in _search_faces(turned):
        cx, cy = back @ np.array([x + w / 2, y + h / 2, 1.0])
        boxes.append((float(cx - w / 2), float(cy - h / 2), float(w), float(h)))
    return boxes


def find_eyes(rgb: np.ndarray, face: Box, roll: float = 0.0) -> tuple[Point, ...]:
    """The eye centres (at most one per side, left to right) in ``rgb``'s pixels."""
    try:
        return _find_eyes(rgb, face, roll)
    except (cv2.error, MemoryError) as exc:
        log.warning("eye search failed on a %s picture: %r", rgb.shape, exc)
        return ()


def _find_eyes(rgb: np.ndarray, face: Box, roll: float) -> tuple[Point, ...]:
    x, y, w, h = face
    scale = EYE_PATCH / max(w, 1.0)
    # A square around the face with room to turn it, cut out and scaled in one resize.
    cx, cy = x + w / 2, y + h / 2
    reach = 0.75 * max(w, h)
    height, width = rgb.shape[:2]
    left, top = max(0, int(cx - reach)), max(0, int(cy - reach))
    right, bottom = min(width, int(math.ceil(cx + reach))), min(height, int(math.ceil(cy + reach)))
    if right - left < 8 or bottom - top < 8:
        return ()
    region = rgb[top:bottom, left:right]
    size = (max(1, round((right - left) * scale)), max(1, round((bottom - top) * scale)))
    patch = cv2.cvtColor(cv2.resize(region, size, interpolation=cv2.INTER_AREA
                                    if scale < 1 else cv2.INTER_LINEAR), cv2.COLOR_RGB2GRAY)
    # patch -> upright face square of EYE_PATCH px, centred on the face.
    pcx, pcy = (cx - left) * scale, (cy - top) * scale
    matrix = cv2.getRotationMatrix2D((pcx, pcy), roll, 1.0)
    matrix[0, 2] += EYE_PATCH / 2 - pcx
    matrix[1, 2] += EYE_PATCH / 2 - pcy
    upright = cv2.warpAffine(patch, matrix, (EYE_PATCH, EYE_PATCH), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_REPLICATE)
    band_top, band_bottom = (round(EYE_PATCH * share) for share in EYE_BAND)
    band = upright[band_top:band_bottom]
    picked = _pick_eyes(band, band_top)
    back = cv2.invertAffineTransform(matrix)
    eyes = []
    for ex, ey in picked:
        px, py = back @ np.array([ex, ey, 1.0])
        eyes.append((float(px / scale + left), float(py / scale + top)))
    return tuple(eyes)


def _pick_eyes(band: np.ndarray, band_top: int) -> list[Point]:
    """One eye per half of the face, the candidate nearest where eyes usually are."""
    expected_y = EYE_LINE_IN_BOX * EYE_PATCH
    sides: list[Point | None] = [None, None]
    for cascade in (_EYES, _EYES_GLASSES):
        found = cascade.detect(band, scale_step=1.1, neighbours=3, min_size=EYE_PATCH // 10,
                               max_size=EYE_PATCH // 3)
        for side, expected_x in enumerate((0.3 * EYE_PATCH, 0.7 * EYE_PATCH)):
            if sides[side] is not None:
                continue
            centres = [(ex + ew / 2, band_top + ey + eh / 2) for ex, ey, ew, eh in found
                       if (ex + ew / 2 < EYE_PATCH / 2) == (side == 0)]
            if centres:
                sides[side] = min(centres, key=lambda c: math.hypot(c[0] - expected_x,
                                                                    c[1] - expected_y))
        if all(sides):
            break
    return [eye for eye in sides if eye is not None]


def portrait_box(face: Box, eyes: tuple[Point, ...], width: int, height: int,
                 spec: PhotoSpec) -> Box:
    """The region of a ``width`` x ``height`` picture (in full-size pixels) that becomes
    the photo: the spec's shape, the head HEAD_SHARE_TARGET of its height with the eyes
    EYE_LINE_FROM_TOP from its top, never needing more than MAX_UPSCALE enlargement, and
    inside the picture (moved or shrunk to fit, which the rules then report)."""
    x, y, w, h = face
    aspect = spec.width_px / spec.height_px
    crop_h = max(HEAD_PER_BOX * h / HEAD_SHARE_TARGET, spec.height_px / MAX_UPSCALE,
                 spec.width_px / MAX_UPSCALE / aspect)
    crop_w = crop_h * aspect
    fit = min(1.0, width / crop_w, height / crop_h)
    crop_w, crop_h = crop_w * fit, crop_h * fit
    eye_y = (sum(eye[1] for eye in eyes) / 2 if len(eyes) == 2
             else y + EYE_LINE_IN_BOX * h)
    crop_w, crop_h = min(crop_w, float(width)), min(crop_h, float(height))  # rounding
    left = max(0.0, min(x + w / 2 - crop_w / 2, width - crop_w))
    top = max(0.0, min(eye_y - EYE_LINE_FROM_TOP * crop_h, height - crop_h))
    return left, top, crop_w, crop_h


def judge_size(spec: PhotoSpec) -> tuple[int, int]:
    """The size (width, height) every rule is measured at."""
    return max(1, round(JUDGE_HEIGHT * spec.width_px / spec.height_px)), JUDGE_HEIGHT


# --- The rules --------------------------------------------------------------------------


def judge(photo: np.ndarray, count: int, face: Box | None, eyes: tuple[Point, ...],
          roll: float, spec: PhotoSpec) -> tuple[RuleResult, ...]:
    """Every rule on ``photo`` (RGB, judge_size(spec)); face and eyes in its pixels."""
    grey = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)
    inner = _inner_face(face, photo.shape[1], photo.shape[0])
    background = _background_regions(photo, face)
    results = [_one_face(count)]
    if face is None or inner is None:
        # Size, place, eyes, focus and light are the face's: with no single face there is
        # nothing to measure them on. The background is judged all the same.
        results += [RuleResult(rule, False, None, _NOT_CHECKED_FACE)
                    for rule in (Rule.FACE_SIZE, Rule.CENTRED, Rule.LEVEL, Rule.EYES,
                                 Rule.SHARP, Rule.EXPOSURE)]
    else:
        results += [_face_size(face, photo.shape[0]), _centred(face, photo.shape[1]),
                    _level(eyes, roll), _eyes(eyes), _sharp(grey, inner, face[2]),
                    _exposure(grey, inner)]
    results += _background(background, spec)
    order = list(Rule)
    return tuple(sorted(results, key=lambda result: order.index(result.rule)))


def _one_face(count: int) -> RuleResult:
    if count == 1:
        return RuleResult(Rule.ONE_FACE, True, 1.0,
                          QT_TRANSLATE_NOOP("PortraitRule", "One face found"))
    if count == 0:
        return RuleResult(Rule.ONE_FACE, False, 0.0, QT_TRANSLATE_NOOP(
            "PortraitRule", "No face found: the citizen faces the camera, close to it, with the face uncovered"))
    return RuleResult(Rule.ONE_FACE, False, float(count), QT_TRANSLATE_NOOP(
        "PortraitRule", "{count} faces found: only the citizen may be in the picture"),
        {"count": count})


def _face_size(face: Box, photo_height: int) -> RuleResult:
    share = HEAD_PER_BOX * face[3] / photo_height
    low, high = HEAD_SHARE_RANGE
    if share < low:
        template = QT_TRANSLATE_NOOP("PortraitRule", "Move closer to the camera")
    elif share > high:
        template = QT_TRANSLATE_NOOP("PortraitRule", "Move back from the camera")
    else:
        template = QT_TRANSLATE_NOOP("PortraitRule", "The face is the right size")
    return RuleResult(Rule.FACE_SIZE, low <= share <= high, round(share, 3), template)


def _centred(face: Box, photo_width: int) -> RuleResult:
    offset = (face[0] + face[2] / 2 - photo_width / 2) / photo_width
    if abs(offset) <= MAX_CENTRE_OFFSET:
        return RuleResult(Rule.CENTRED, True, round(abs(offset), 3),
                          QT_TRANSLATE_NOOP("PortraitRule", "The face is centred"))
    return RuleResult(Rule.CENTRED, False, round(abs(offset), 3), QT_TRANSLATE_NOOP(
        "PortraitRule", "The face is off centre: move the camera or the chair so the face "
        "is in the middle"), {"offset": round(offset, 3)})


def _level(eyes: tuple[Point, ...], roll: float) -> RuleResult:
    if len(eyes) == 2:
        (lx, ly), (rx, ry) = eyes
        degrees = abs(math.degrees(math.atan2(ry - ly, rx - lx)))
    elif roll:
        degrees = abs(roll)  # found only on a turned copy: it leans about that much
    else:
        return RuleResult(Rule.LEVEL, False, None, QT_TRANSLATE_NOOP(
            "PortraitRule", "Not checked: both eyes must be visible"))
    measured = round(degrees, 1)
    if degrees <= MAX_ROLL_DEG:
        return RuleResult(Rule.LEVEL, True, measured,
                          QT_TRANSLATE_NOOP("PortraitRule", "The head is straight"))
    return RuleResult(Rule.LEVEL, False, measured, QT_TRANSLATE_NOOP(
        "PortraitRule", "The head leans by {degrees} degrees: hold it straight"),
        {"degrees": math.floor(measured + 0.5)})


def _eyes(eyes: tuple[Point, ...]) -> RuleResult:
    if len(eyes) == 2:
        return RuleResult(Rule.EYES, True, 2.0,
                          QT_TRANSLATE_NOOP("PortraitRule", "Both eyes are visible"))
    return RuleResult(Rule.EYES, False, float(len(eyes)), QT_TRANSLATE_NOOP(
        "PortraitRule", "The eyes are not clearly visible: look at the camera with eyes "
        "open, hair off the eyes, no tinted glasses"))


def _inner_face(face: Box | None, width: int, height: int) -> tuple[int, int, int, int] | None:
    """Skin, eyes and mouth, without hair or background: (left, top, right, bottom)."""
    if face is None:
        return None
    x, y, w, h = face
    left, right = max(0, round(x + 0.2 * w)), min(width, round(x + 0.8 * w))
    top, bottom = max(0, round(y + 0.2 * h)), min(height, round(y + 0.9 * h))
    if right - left < 4 or bottom - top < 4:
        return None
    return left, top, right, bottom


def _sharp(grey: np.ndarray, inner: tuple[int, int, int, int], face_width: float) -> RuleResult:
    left, top, right, bottom = inner
    scale = SHARP_SIDE / max(face_width, 1.0)
    region = grey[top:bottom, left:right]
    size = (max(3, round(region.shape[1] * scale)), max(3, round(region.shape[0] * scale)))
    region = cv2.resize(region, size, interpolation=cv2.INTER_AREA if scale < 1
                        else cv2.INTER_LINEAR).astype(np.float32)
    region *= SHARP_MEAN / max(float(region.mean()), 1.0)
    variance = float(cv2.Laplacian(region, cv2.CV_32F).var())
    if variance >= MIN_SHARPNESS:
        return RuleResult(Rule.SHARP, True, round(variance, 1),
                          QT_TRANSLATE_NOOP("PortraitRule", "The face is sharp"))
    return RuleResult(Rule.SHARP, False, round(variance, 1), QT_TRANSLATE_NOOP(
        "PortraitRule", "The photo is blurred: hold still and let the camera focus"))


def _exposure(grey: np.ndarray, inner: tuple[int, int, int, int]) -> RuleResult:
    left, top, right, bottom = inner
    region = grey[top:bottom, left:right]
    mean = float(region.mean())
    dark = float(np.count_nonzero(region <= CLIPPED_LOW)) / region.size
    bright = float(np.count_nonzero(region >= CLIPPED_HIGH)) / region.size
    low, high = FACE_MEAN_RANGE
    params = {"dark_share": round(dark, 3), "bright_share": round(bright, 3)}
    if mean < low or dark > MAX_CLIPPED_SHARE:
        return RuleResult(Rule.EXPOSURE, False, round(mean, 1), QT_TRANSLATE_NOOP(
            "PortraitRule", "Too dark: add light or face the window"), params)
    if mean > high or bright > MAX_CLIPPED_SHARE:
        return RuleResult(Rule.EXPOSURE, False, round(mean, 1), QT_TRANSLATE_NOOP(
            "PortraitRule", "Too bright: turn off the flash or move out of direct light"),
            params)
    return RuleResult(Rule.EXPOSURE, True, round(mean, 1), QT_TRANSLATE_NOOP(
        "PortraitRule", "The light on the face is right"), params)


def _background_regions(photo: np.ndarray, face: Box | None) -> list[np.ndarray]:
    """The parts of the photo that should be bare wall: above the head, and beside it
    down to the nose (below that come the shoulders). Each as an N x 3 array."""
    height, width = photo.shape[:2]
    gap = BACKGROUND_GAP * height
    if face is None:
        crown, head_left, head_right, lowest = 0.12 * height + gap, width * 0.2, width * 0.8, height / 2
    else:
        x, y, w, h = face
        crown = y - CROWN_ABOVE_BOX * h
        head_left = x + w / 2 - HAIR_HALF_WIDTH * w
        head_right = x + w / 2 + HAIR_HALF_WIDTH * w
        lowest = y + 0.5 * h
    above = round(max(0.0, crown - gap))
    side_bottom = round(min(float(height), max(0.0, lowest)))
    beside_left = round(max(0.0, head_left - gap))
    beside_right = round(min(float(width), head_right + gap))
    regions = [photo[:above, :], photo[above:side_bottom, :beside_left],
               photo[above:side_bottom, beside_right:]]
    return [region.reshape(-1, 3) for region in regions
            if region.shape[0] * region.shape[1] >= MIN_REGION_PIXELS]


def _background(regions: list[np.ndarray], spec: PhotoSpec) -> list[RuleResult]:
    colour = _COLOUR_NAMES.get(spec.background, spec.background)
    params = {"colour": colour}
    if not regions:
        not_checked = QT_TRANSLATE_NOOP(
            "PortraitRule", "Not checked: too little background is visible")
        return [RuleResult(Rule.BACKGROUND_PLAIN, False, None, not_checked, params),
                RuleResult(Rule.BACKGROUND_COLOUR, False, None, not_checked, params)]
    spread = max(float(region.std(axis=0).max()) for region in regions)
    if spread <= MAX_BACKGROUND_STD:
        plain = RuleResult(Rule.BACKGROUND_PLAIN, True, round(spread, 1),
                           QT_TRANSLATE_NOOP("PortraitRule", "The background is plain"), params)
    else:
        plain = RuleResult(Rule.BACKGROUND_PLAIN, False, round(spread, 1), QT_TRANSLATE_NOOP(
            "PortraitRule", "The background is not plain: use the plain {colour} wall"), params)
    return [plain, _background_colour(np.concatenate(regions), spec.background, params)]


def _background_colour(pixels: np.ndarray, background: str,
                       params: dict[str, Any]) -> RuleResult:
    matching = _matches_colour(pixels.astype(np.float32), background)
    if matching is None:
        # A colour the desk has no test for: the catalogue's business, not the officer's.
        return RuleResult(Rule.BACKGROUND_COLOUR, True, None, QT_TRANSLATE_NOOP(
            "PortraitRule", "The background colour is not checked for this procedure"), params)
    share = float(np.count_nonzero(matching)) / len(pixels)
    if share >= MIN_BACKGROUND_SHARE:
        return RuleResult(Rule.BACKGROUND_COLOUR, True, round(share, 3), QT_TRANSLATE_NOOP(
            "PortraitRule", "The background is {colour}"), params)
    return RuleResult(Rule.BACKGROUND_COLOUR, False, round(share, 3), QT_TRANSLATE_NOOP(
        "PortraitRule", "The background is not {colour}: use the plain {colour} wall"), params)


def _matches_colour(pixels: np.ndarray, background: str) -> np.ndarray | None:
    high = pixels.max(axis=1)
    low = pixels.min(axis=1)
    saturation = (high - low) / np.maximum(high, 1.0)
    if background == "white":
        return (pixels.mean(axis=1) >= WHITE_MIN_LIGHTNESS) & (saturation <= WHITE_MAX_SATURATION)
    if background == "blue":
        red, green, blue = pixels[:, 0], pixels[:, 1], pixels[:, 2]
        chroma = np.maximum(high - low, 1e-6)
        # Hue in degrees from the usual hexagon formula, for the pixels where blue leads
        # (the only ones that can be 180-260 degrees: cyan to violet).
        hue = np.where(blue >= np.maximum(red, green), 240.0 + 60.0 * (red - green) / chroma,
                       np.where(green >= red, 120.0 + 60.0 * (blue - red) / chroma, 0.0))
        hue = np.mod(hue, 360.0)
        return ((hue >= BLUE_HUE_DEG[0]) & (hue <= BLUE_HUE_DEG[1])
                & (saturation >= BLUE_MIN_SATURATION) & (high >= BLUE_MIN_VALUE))
    return None


# --- Live frames ------------------------------------------------------------------------


def check_frame(rgb: np.ndarray, spec: PhotoSpec) -> PortraitReport:
    """Judge a camera frame (H x W x 3 RGB uint8, as the camera gives it) as the photo
    prepare_portrait would cut from it; face and eyes in the frame's pixels."""
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError(f"expected an RGB uint8 frame, got shape {rgb.shape} of {rgb.dtype}")
    height, width = rgb.shape[:2]
    search = find_face(rgb)
    eyes: tuple[Point, ...] = ()
    if search.face is not None:
        eyes = find_eyes(rgb, search.face, search.roll)
        box = portrait_box(search.face, eyes, width, height, spec)
    else:
        box = centre_box(width, height, spec)
    photo, to_photo = cut(rgb, box, judge_size(spec))
    results = judge(photo, search.count, to_photo.box(search.face), to_photo.points(eyes),
                    search.roll, spec)
    return PortraitReport(results, _int_box(search.face), _int_points(eyes))


def centre_box(width: int, height: int, spec: PhotoSpec) -> Box:
    """The largest centred region of the spec's shape (the photo when no face guides it)."""
    aspect = spec.width_px / spec.height_px
    crop_w, crop_h = (height * aspect, float(height)) if width / height > aspect else (
        float(width), width / aspect)
    return (width - crop_w) / 2, (height - crop_h) / 2, crop_w, crop_h


@dataclass(frozen=True)
class Mapping:
    """From a picture's pixels to a photo cut from it: subtract the box corner, scale."""

    left: float
    top: float
    scale_x: float
    scale_y: float

    def box(self, box: Box | None) -> Box | None:
        if box is None:
            return None
        x, y, w, h = box
        return ((x - self.left) * self.scale_x, (y - self.top) * self.scale_y,
                w * self.scale_x, h * self.scale_y)

    def points(self, points: tuple[Point, ...]) -> tuple[Point, ...]:
        return tuple(((px - self.left) * self.scale_x, (py - self.top) * self.scale_y)
                     for px, py in points)


def cut(rgb: np.ndarray, box: Box, size: tuple[int, int]) -> tuple[np.ndarray, Mapping]:
    """``box`` of ``rgb`` scaled to ``size`` (width, height), and the mapping into it."""
    left, top, crop_w, crop_h = box
    x0, y0 = int(math.floor(left)), int(math.floor(top))
    x1 = min(rgb.shape[1], int(math.ceil(left + crop_w)))
    y1 = min(rgb.shape[0], int(math.ceil(top + crop_h)))
    region = rgb[y0:max(y1, y0 + 1), x0:max(x1, x0 + 1)]
    shrink = size[0] < region.shape[1]
    photo = cv2.resize(region, size, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)
    return photo, Mapping(x0, y0, size[0] / region.shape[1], size[1] / region.shape[0])


def _int_box(box: Box | None) -> tuple[int, int, int, int] | None:
    if box is None:
        return None
    return tuple(round(v) for v in box)  # type: ignore[return-value]


def _int_points(points: tuple[Point, ...]) -> tuple[tuple[int, int], ...]:
    return tuple((round(px), round(py)) for px, py in points)
