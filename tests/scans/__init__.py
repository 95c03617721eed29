"""Synthetic paper pages for the scans tests and the scan benchmark.

A page is drawn as a form would print: a heading, lines of text and some ruled lines for
signatures. ``photographed_page`` then puts it on a table in front of a pinhole camera
(a real 3-D pose, the principal point at the centre), so the perspective in the picture is
one a phone could take and the page's true proportions are known. ``rule_angles`` reads
back the ruled lines of a result, independently of how ``desk_app.scans.page`` finds them.
"""

from __future__ import annotations

import io
import math

import cv2
import numpy as np
from PIL import Image

A4_ASPECT = 297 / 210  # height / width
PAPER = (246, 244, 238)
INK = (25, 25, 35)
TABLE = (62, 48, 40)


def text_page(width: int = 1240, *, aspect: float = A4_ASPECT, seed: int = 0) -> np.ndarray:
    """An upright RGB page: a heading, text lines, and three long ruled lines.

    The ruled lines span most of the width so that ``rule_angles`` can find them; the
    text lines are words of random length, as a skew finder sees a real page.
    """
    rng = np.random.default_rng(seed)
    height = round(width * aspect)
    page = np.empty((height, width, 3), np.uint8)
    page[:] = PAPER
    margin = width // 10
    line_gap = max(12, width // 38)
    scale = line_gap / 40
    thickness = max(1, round(line_gap / 14))
    cv2.putText(page, "CONG HOA XA HOI CHU NGHIA VIET NAM", (margin + width // 10, margin),
                cv2.FONT_HERSHEY_DUPLEX, scale * 1.3, INK, thickness + 1, cv2.LINE_AA)
    letters = "abcdeghiklmnopqrstuvxy"
    y = margin + 3 * line_gap
    rules_at = {height * 2 // 5, height * 3 // 5, height * 4 // 5}
    while y < height - margin:
        if any(abs(y - r) < line_gap for r in rules_at):
            cv2.line(page, (margin, y), (width - margin, y), INK, max(2, thickness + 1), cv2.LINE_AA)
        else:
            x = margin
            while True:
                word = "".join(rng.choice(list(letters), size=int(rng.integers(2, 9))))
                (w, _), _ = cv2.getTextSize(word, cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
                if x + w > width - margin:
                    break
                cv2.putText(page, word, (x, y), cv2.FONT_HERSHEY_SIMPLEX, scale, INK, thickness, cv2.LINE_AA)
                x += w + int(line_gap * 0.5)
        y += line_gap
    return page


def photographed_page(
    page: np.ndarray,
    *,
    size: tuple[int, int] = (4000, 3000),
    roll_deg: float = 8.0,
    tilt_x_deg: float = 18.0,
    tilt_y_deg: float = -10.0,
    fill: float = 0.75,
    focal: float = 0.9,
    seed: int = 0,
) -> np.ndarray:
    """``page`` lying on a dark table, seen by a camera of ``size`` (width, height) pixels.

    ``roll`` turns the page in its plane, the tilts lean it away from the camera, ``fill``
    is the share of the picture's height the page would cover seen square on, ``focal``
    the focal length in units of the picture's longer side (0.9 is a phone's main camera).
    Noise, a light gradient and a slight blur make it look less like a drawing.
    """
    width, height = size
    page_h, page_w = page.shape[:2]
    f = focal * max(width, height)
    # The page in its own plane, centred, in the page's pixels.
    flat = np.array([[-page_w / 2, -page_h / 2, 0], [page_w / 2, -page_h / 2, 0],
                     [page_w / 2, page_h / 2, 0], [-page_w / 2, page_h / 2, 0]], np.float64)
    rotation = _rotation_z(roll_deg) @ _rotation_x(tilt_x_deg) @ _rotation_y(tilt_y_deg)
    distance = f * page_h / (fill * height)
    placed = flat @ rotation.T + np.array([0.0, 0.0, distance])
    projected = np.stack([f * placed[:, 0] / placed[:, 2] + width / 2,
                          f * placed[:, 1] / placed[:, 2] + height / 2], axis=1).astype(np.float32)
    source = np.array([[0, 0], [page_w, 0], [page_w, page_h], [0, page_h]], np.float32)
    homography = cv2.getPerspectiveTransform(source, projected)
    rng = np.random.default_rng(seed)
    photo = np.empty((height, width, 3), np.uint8)
    photo[:] = TABLE
    cv2.warpPerspective(page, homography, (width, height), dst=photo, flags=cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_TRANSPARENT)
    # Light falls off across the table: a gradient of a tenth of the brightness.
    ramp = np.linspace(1.0, 0.9, width, dtype=np.float32)[None, :, None]
    noise = rng.normal(0.0, 3.0, (height // 4, width // 4, 1)).astype(np.float32)
    noise = cv2.resize(noise, (width, height), interpolation=cv2.INTER_LINEAR)[:, :, None]
    lit = photo.astype(np.float32) * ramp + noise
    photo = np.clip(lit, 0, 255).astype(np.uint8)
    return cv2.GaussianBlur(photo, (3, 3), 0)


def rotated_scan(page: np.ndarray, degrees: float) -> np.ndarray:
    """A flat scan of ``page`` lying askew on the glass: turned by ``degrees`` (counter-
    clockwise as seen) on a white lid, the canvas grown so no corner is cut off."""
    height, width = page.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = round(height * sin + width * cos), round(height * cos + width * sin)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    return cv2.warpAffine(page, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))


def rule_angles(rgb: np.ndarray, min_share: float = 0.45) -> list[float]:
    """The angles in degrees (positive: falling to the right) of the long dark lines in
    ``rgb`` that span at least ``min_share`` of its width, by a straight-line fit."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    dark = (grey < 110).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    angles = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        if w < min_share * rgb.shape[1] or h > w / 3:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == label)
        slope = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
        angles.append(math.degrees(math.atan(slope)))
    return angles


def jpeg_bytes(rgb: np.ndarray, quality: int = 92, **params: object) -> bytes:
    out = io.BytesIO()
    Image.fromarray(rgb).save(out, format="JPEG", quality=quality, **params)
    return out.getvalue()


def _rotation_x(degrees: float) -> np.ndarray:
    a = math.radians(degrees)
    return np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])


def _rotation_y(degrees: float) -> np.ndarray:
    a = math.radians(degrees)
    return np.array([[math.cos(a), 0, math.sin(a)], [0, 1, 0], [-math.sin(a), 0, math.cos(a)]])


def _rotation_z(degrees: float) -> np.ndarray:
    a = math.radians(degrees)
    return np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
