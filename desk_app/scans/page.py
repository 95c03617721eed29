"""Straighten a picture of a paper page: cut the sheet out of a photo, or level a skewed scan.

Officers photograph pages with a phone or the desk camera when a citizen's paper cannot go
through the scanner, and the picture then shows the table around the sheet, in perspective.
The sheet is found as the largest convex quadrilateral, brighter than what surrounds it, in
a small copy of the picture; its corners are carried back to the full picture, which is
warped once onto a rectangle of the sheet's true proportions (recovered from the
perspective, so an A4 page comes out A4 however it was held). A picture without such a
sheet is a flat scan: its text lines give the skew, found by turning the ink's projection
until the lines stand out sharpest, and the page is rotated level. When neither is found
with confidence the picture is returned as it came: a wrong correction is worse than none.

All the searching happens on a copy at most ``DETECT_SIDE`` pixels long, so the cost on a
12-megapixel photo is one resize, the search, and one warp of the full picture.
"""

from __future__ import annotations

import logging
import math

import cv2
import numpy as np

log = logging.getLogger(__name__)

# The longer side of the copy the geometry is found on. Corners found on it are off by a
# pixel or two of it, a few tenths of a percent of the page, which no one sees.
DETECT_SIDE = 800
# Pictures smaller than this have nothing to straighten that anyone could read.
MIN_SIDE = 64

# A sheet covers at least this share of the picture; anything smaller is a detail of it
# (a stamp, a photo glued on the form), not the page.
MIN_SHEET_SHARE = 0.1
# How much brighter (in grey levels, of 255) the paper is than the table around it. A text
# block in a flat scan is darker than its white margin, so it never passes for a sheet.
MIN_SHEET_CONTRAST = 15.0
# A quadrilateral with a corner angle outside this range is no sheet seen by a camera.
CORNER_ANGLES_DEG = (40.0, 140.0)
# The shape found must fill this much of its quadrilateral (a blob is not a sheet).
MIN_QUAD_FILL = 0.9
# A corner this close to the picture's edge (share of the side) means the sheet is cut
# off by the frame, or the picture is the sheet already: no warp then.
EDGE_MARGIN_SHARE = 0.01

# Focal lengths (in units of the picture's longer side) of the cameras a desk meets: a
# phone's main camera is about 0.75-0.85, a webcam 0.6-0.9, a phone's wide lens 0.45.
# Outside this range a measured focal length is noise; ASSUMED_FOCAL stands in then.
FOCAL_RANGE = (0.35, 3.0)
ASSUMED_FOCAL = 0.8
# Relative depth between neighbouring corners below which the perspective along that
# side is too weak to measure the focal length from.
MIN_DEPTH_STEP = 0.02
# Nearly all papers at the counter are ISO 216 (A4, A5, A3): height / width = sqrt(2).
ISO_RATIO = math.sqrt(2.0)
ISO_SNAP = 0.025

# Skew a flat scan may have: a page laid on the glass by hand is rarely further out.
MAX_SKEW_DEG = 15.0
# Below this a rotation would only soften the text.
MIN_SKEW_DEG = 0.15
# The sharpest projection must beat the typical one by this factor to count as text lines.
MIN_SKEW_CONFIDENCE = 1.5
# Share of the page that is ink on a page with text (below: blank; above: a photo).
INK_SHARE = (0.002, 0.35)
# Enough ink pixels to place lines to a tenth of a degree; more only costs time.
MAX_INK_POINTS = 60_000


def straighten_page(rgb: np.ndarray) -> np.ndarray:
    """The page in ``rgb`` (H x W x 3, uint8) cut out and squared, or levelled, or ``rgb``
    itself (the same object) when there is nothing confident to correct."""
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError(f"expected an RGB uint8 picture, got shape {rgb.shape} of {rgb.dtype}")
    height, width = rgb.shape[:2]
    if min(height, width) < MIN_SIDE:
        return rgb
    scale = min(1.0, DETECT_SIDE / max(height, width))
    if scale < 1.0:
        small = cv2.resize(rgb, (max(1, round(width * scale)), max(1, round(height * scale))),
                           interpolation=cv2.INTER_AREA)
    else:
        small = rgb
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    corners = find_sheet(grey)
    if corners is not None:
        # The small copy's pixel centres sit at (i + 0.5) / scale in the full picture.
        ratio = small.shape[1] / width
        full = ((corners + 0.5) / ratio - 0.5).astype(np.float32)
        return _warp_sheet(rgb, _refine_corners(rgb, full, search=round(4 / ratio) + 2))
    angle = find_skew(grey)
    if angle is None:
        return rgb
    background = tuple(int(v) for v in np.median(small.reshape(-1, 3), axis=0))
    return _rotate(rgb, angle, background)


# ---------------------------------------------------------------------- the sheet


def find_sheet(grey: np.ndarray) -> np.ndarray | None:
    """The corners (top-left, top-right, bottom-right, bottom-left; float32 4 x 2) of the
    sheet of paper in ``grey``, or None when no sheet stands out from its surroundings."""
    area = float(grey.shape[0] * grey.shape[1])
    blurred = cv2.GaussianBlur(grey, (5, 5), 0)
    # Two views of the same outline: paper brighter than the table (Otsu's threshold), and
    # the edges around it (for a lighter table, where the threshold may merge the two).
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    median = float(np.median(blurred))
    edges = cv2.Canny(blurred, max(10.0, 0.5 * median), max(30.0, 1.2 * median))
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8), iterations=2)
    best: np.ndarray | None = None
    best_area = 0.0
    for binary in (bright, edges):
        contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
            contour_area = cv2.contourArea(contour)
            if contour_area < MIN_SHEET_SHARE * area:
                break
            quad = _quadrilateral(contour)
            if quad is None:
                continue
            quad_area = cv2.contourArea(quad)
            if quad_area > best_area and _is_sheet(quad, blurred):
                best, best_area = quad, quad_area
    return best


def _quadrilateral(contour: np.ndarray) -> np.ndarray | None:
    """The contour's hull simplified to four corners, if it is close to a quadrilateral."""
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for tolerance in (0.01, 0.02, 0.03, 0.045, 0.06):
        approx = cv2.approxPolyDP(hull, tolerance * perimeter, True)
        if len(approx) == 4:
            break
    else:
        return None
    quad = approx.reshape(4, 2).astype(np.float32)
    if not cv2.isContourConvex(quad):
        return None
    quad_area = cv2.contourArea(quad)
    if quad_area <= 0 or cv2.contourArea(hull) / quad_area < MIN_QUAD_FILL:
        return None
    return _ordered(quad)


def _ordered(quad: np.ndarray) -> np.ndarray:
    """Corners clockwise from the one whose next edge is closest to level, left to right:
    the side of the sheet nearest the photo's top becomes the page's top."""
    centre = quad.mean(axis=0)
    around = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    clockwise = quad[np.argsort(around)]  # y grows downwards, so a growing angle is clockwise

    def lean(start: int) -> float:
        dx, dy = clockwise[(start + 1) % 4] - clockwise[start]
        return abs(math.atan2(dy, dx))

    start = min(range(4), key=lean)
    return np.roll(clockwise, -start, axis=0)


def _is_sheet(quad: np.ndarray, grey: np.ndarray) -> bool:
    height, width = grey.shape
    margin_x, margin_y = EDGE_MARGIN_SHARE * width, EDGE_MARGIN_SHARE * height
    if (quad[:, 0].min() < margin_x or quad[:, 0].max() > width - 1 - margin_x
            or quad[:, 1].min() < margin_y or quad[:, 1].max() > height - 1 - margin_y):
        return False
    low, high = CORNER_ANGLES_DEG
    for i in range(4):
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        u, v = a - b, c - b
        cosine = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        if not low <= math.degrees(math.acos(max(-1.0, min(1.0, cosine)))) <= high:
            return False
    # Paper inside against a band of table just outside it (medians: text and shadows are
    # a minority on either side).
    inside = np.zeros(grey.shape, np.uint8)
    cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 255)
    band = max(3, round(0.02 * max(width, height)))
    kernel = np.ones((2 * band + 1, 2 * band + 1), np.uint8)
    ring = cv2.subtract(cv2.dilate(inside, kernel), inside)
    core = cv2.erode(inside, kernel)
    if not ring.any() or not core.any():
        return False
    contrast = float(np.median(grey[core > 0])) - float(np.median(grey[ring > 0]))
    return contrast >= MIN_SHEET_CONTRAST


def _refine_corners(rgb: np.ndarray, corners: np.ndarray, search: int) -> np.ndarray:
    """Corners moved onto the sheet's edges in the full picture.

    Found on the small copy, a corner is only good to a few pixels of the full picture,
    and on a steep photo a few pixels at the far edge tilt the text by a degree. Across
    each side, at points along it, the step from table to paper is located to a fraction
    of a pixel, a line is fitted through those steps, and neighbouring sides' lines meet
    at the new corners. A side whose edge cannot be traced keeps the corners as they were.
    """
    centre = corners.mean(axis=0)
    offsets = np.arange(-search, search + 1, dtype=np.float32)
    along = np.linspace(0.1, 0.9, 48, dtype=np.float32)
    lines = []
    for i in range(4):
        start, end = corners[i], corners[(i + 1) % 4]
        direction = (end - start) / max(float(np.linalg.norm(end - start)), 1e-6)
        inward = np.array([-direction[1], direction[0]], np.float32)
        if np.dot(centre - (start + end) / 2, inward) < 0:
            inward = -inward
        points = start + along[:, None] * (end - start)
        map_x = (points[:, 0:1] + offsets[None, :] * inward[0]).astype(np.float32)
        map_y = (points[:, 1:2] + offsets[None, :] * inward[1]).astype(np.float32)
        profile = cv2.remap(rgb, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        brightness = profile.astype(np.float32).mean(axis=2)
        rise = np.diff(brightness, axis=1)  # table to paper going inwards: the largest rise
        step = rise.argmax(axis=1)
        strong = rise[np.arange(len(step)), step] >= MIN_SHEET_CONTRAST / 4
        if strong.sum() < len(step) // 2:
            return corners
        # The rise lies between two samples: offsets[step] + 0.5 is the edge.
        edge = points[strong] + (offsets[step[strong]] + 0.5)[:, None] * inward
        vx, vy, x0, y0 = cv2.fitLine(edge.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    refined = []
    for i in range(4):
        (p, u), (q, v) = lines[i - 1], lines[i]
        cross = u[0] * v[1] - u[1] * v[0]
        if abs(cross) < 1e-6:
            return corners
        t = ((q[0] - p[0]) * v[1] - (q[1] - p[1]) * v[0]) / cross
        refined.append(p + t * u)
    result = np.array(refined, np.float32)
    if float(np.abs(result - corners).max()) > 2 * search:
        return corners
    return result


def sheet_aspect(corners: np.ndarray, centre: tuple[float, float]) -> float:
    """Width / height of the rectangle whose picture is ``corners`` (tl, tr, br, bl).

    A pinhole camera with square pixels and its principal point at ``centre`` is assumed.
    The picture gives the corners' relative depths (the four lie in one plane), hence the
    directions in space of the sheet's top and left edges up to the focal length; those
    must be perpendicular, which fixes the focal length, and their lengths then give the
    ratio. When one pair of edges is parallel in the picture (the camera leant only
    forwards or only sideways) the focal length is undetermined, and a typical one is
    taken: the ratio then depends on it only as much as the picture is in perspective.
    A result within ``ISO_SNAP`` of the ISO 216 ratio (A4, A5, A3) is taken to be it.
    """
    tl, tr, br, bl = (np.array([x, y, 1.0]) for x, y in corners.astype(np.float64))
    u0, v0 = centre
    longest = 2.0 * max(u0, v0)
    with np.errstate(all="ignore"):
        # Depths of the top-right and bottom-left corners relative to the top-left one.
        depth_right = np.dot(np.cross(tl, br), bl) / np.dot(np.cross(tr, br), bl)
        depth_down = np.dot(np.cross(tl, br), tr) / np.dot(np.cross(bl, br), tr)
    if not (np.isfinite(depth_right) and np.isfinite(depth_down)) or depth_right <= 0 or depth_down <= 0:
        return _side_ratio(corners)
    across = depth_right * tr - tl   # the top edge in space, times its width (and a scale)
    down = depth_down * bl - tl      # the left edge in space, times its height
    a = np.array([across[0] - u0 * across[2], across[1] - v0 * across[2]])
    d = np.array([down[0] - u0 * down[2], down[1] - v0 * down[2]])
    focal_sq = (ASSUMED_FOCAL * longest) ** 2
    # across[2] is how much deeper the top-right corner lies than the top-left, relative to
    # it; below a few percent the vanishing point is too far to place.
    if min(abs(across[2]), abs(down[2])) >= MIN_DEPTH_STEP:
        measured = -float(np.dot(a, d)) / (across[2] * down[2])
        if (FOCAL_RANGE[0] * longest) ** 2 <= measured <= (FOCAL_RANGE[1] * longest) ** 2:
            focal_sq = measured
    width_sq = float(np.dot(a, a)) / focal_sq + across[2] ** 2
    height_sq = float(np.dot(d, d)) / focal_sq + down[2] ** 2
    if not (width_sq > 0 and height_sq > 0):
        return _side_ratio(corners)
    aspect = math.sqrt(width_sq / height_sq)
    for iso in (1 / ISO_RATIO, ISO_RATIO):
        if abs(aspect / iso - 1) <= ISO_SNAP:
            return iso
    return aspect


def _side_ratio(corners: np.ndarray) -> float:
    tl, tr, br, bl = corners.astype(np.float64)
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(width / max(height, 1e-9))


def _warp_sheet(rgb: np.ndarray, corners: np.ndarray) -> np.ndarray:
    height, width = rgb.shape[:2]
    aspect = sheet_aspect(corners, (width / 2, height / 2))
    # As many pixels as the sheet covers in the photo: the near half keeps its detail, the
    # far half is not blown up beyond what the camera saw.
    area = float(cv2.contourArea(corners))
    out_h = max(1, round(math.sqrt(area / aspect)))
    out_w = max(1, round(out_h * aspect))
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    log.debug("sheet found: %s, warped to %dx%d", corners.round(1).tolist(), out_w, out_h)
    return cv2.warpPerspective(rgb, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


# ---------------------------------------------------------------------- the skew


def find_skew(grey: np.ndarray) -> float | None:
    """The angle in degrees (positive: lines falling to the right) of the text lines in
    ``grey``, within ±MAX_SKEW_DEG, or None when there are no lines to go by."""
    if float(grey.std()) < 8.0:
        return None  # one flat tone: blank paper or an empty picture
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    share = len(xs) / ink.size
    if not INK_SHARE[0] <= share <= INK_SHARE[1]:
        return None
    step = max(1, len(xs) // MAX_INK_POINTS)
    height, width = grey.shape
    x = xs[::step].astype(np.float32) - width / 2
    y = ys[::step].astype(np.float32) - height / 2
    offset = math.hypot(width, height) / 2 + 2

    def sharpness(degrees: float) -> float:
        # Ink projected across lines at this angle: aligned lines pile up in few rows.
        t = math.radians(degrees)
        rows = np.bincount((y * math.cos(t) - x * math.sin(t) + offset).astype(np.intp))
        return float(np.dot(rows, rows))

    coarse = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 0.25, 0.5)
    scores = np.array([sharpness(a) for a in coarse])
    best = int(scores.argmax())
    if best in (0, len(coarse) - 1):
        return None  # still rising at the end of the range: not a small skew of text lines
    if scores[best] < MIN_SKEW_CONFIDENCE * float(np.median(scores)):
        return None
    fine = np.arange(coarse[best] - 0.5, coarse[best] + 0.5001, 0.05)
    angle = float(fine[int(np.argmax([sharpness(a) for a in fine]))])
    if abs(angle) < MIN_SKEW_DEG:
        return None
    return angle


def _rotate(rgb: np.ndarray, degrees: float, background: tuple[int, ...]) -> np.ndarray:
    """``rgb`` turned so lines at ``degrees`` become level, on a canvas grown to keep its
    corners, the new corners filled with the page's own background colour."""
    height, width = rgb.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w = round(height * sin + width * cos)
    new_h = round(height * cos + width * sin)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    log.debug("skew of %.2f degrees levelled", degrees)
    return cv2.warpAffine(rgb, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=background)
