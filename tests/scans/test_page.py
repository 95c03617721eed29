"""straighten_page on synthetic photographs and scans of a printed page."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from desk_app.scans.page import find_sheet, find_skew, sheet_aspect, straighten_page

from . import A4_ASPECT, photographed_page, rotated_scan, rule_angles, text_page


@pytest.fixture(scope="module")
def a4_page() -> np.ndarray:
    return text_page(1654)  # A4 at 200 dpi


def assert_level(rgb: np.ndarray, tolerance_deg: float, rules: int = 3) -> None:
    angles = rule_angles(rgb)
    assert len(angles) >= rules, f"only {len(angles)} ruled lines found: the page was cut"
    assert max(abs(a) for a in angles) <= tolerance_deg, angles


@pytest.mark.parametrize(
    "pose",
    [
        {"roll_deg": 8, "tilt_x_deg": 18, "tilt_y_deg": -10},
        {"roll_deg": -20, "tilt_x_deg": -25, "tilt_y_deg": 15},
        {"roll_deg": 30, "tilt_x_deg": 30, "tilt_y_deg": 20, "fill": 0.6},
        {"roll_deg": 3, "tilt_x_deg": 4, "tilt_y_deg": 0, "fill": 0.9},
    ],
    ids=["leaning", "leaning-other-way", "steep-and-far", "nearly-square-on"],
)
def test_a_photographed_page_comes_out_a4_with_level_lines(a4_page: np.ndarray, pose: dict) -> None:
    photo = photographed_page(a4_page, **pose)  # 12 MP on a dark table
    page = straighten_page(photo)
    height, width = page.shape[:2]
    assert height / width == pytest.approx(A4_ASPECT, rel=0.015)
    assert_level(page, tolerance_deg=0.5)
    # The table is gone: the margins are paper all round.
    assert page[:8].mean() > 180 and page[-8:].mean() > 180
    assert page[:, :8].mean() > 180 and page[:, -8:].mean() > 180


def test_a_landscape_page_keeps_its_proportions() -> None:
    landscape = text_page(1600, aspect=1 / A4_ASPECT, seed=3)
    page = straighten_page(photographed_page(landscape, roll_deg=-6, tilt_x_deg=20, tilt_y_deg=10))
    height, width = page.shape[:2]
    assert width / height == pytest.approx(A4_ASPECT, rel=0.015)
    assert_level(page, tolerance_deg=0.5)


def test_a_page_on_a_light_table_is_still_found(a4_page: np.ndarray, monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.scans as synthetic

    monkeypatch.setattr(synthetic, "TABLE", (170, 160, 150))
    page = straighten_page(synthetic.photographed_page(a4_page))
    assert page.shape[0] / page.shape[1] == pytest.approx(A4_ASPECT, rel=0.015)
    assert_level(page, tolerance_deg=0.5)


def test_the_sheet_is_found_on_a_small_copy_and_applied_to_the_full_picture(a4_page: np.ndarray) -> None:
    photo = photographed_page(a4_page)
    page = straighten_page(photo)
    # As many pixels as the sheet covers in the photo, not the small copy's few.
    assert page.shape[0] * page.shape[1] > 0.25 * photo.shape[0] * photo.shape[1]


@pytest.mark.parametrize("degrees", [7.0, -7.0, 12.0, -3.0])
def test_a_skewed_flat_scan_is_levelled_within_a_degree(degrees: float) -> None:
    scan = rotated_scan(text_page(1240, seed=1), degrees)
    assert_level(scan, tolerance_deg=90)  # the lines are there, at an angle
    assert max(abs(a) for a in rule_angles(scan)) == pytest.approx(abs(degrees), abs=0.2)
    levelled = straighten_page(scan)
    assert_level(levelled, tolerance_deg=1.0)
    # Rotated on a canvas grown to fit: nothing of the page is cut off.
    assert levelled.shape[0] >= scan.shape[0] * 0.95


def test_a_straight_scan_is_returned_as_it_came() -> None:
    scan = text_page(1240, seed=2)
    assert straighten_page(scan) is scan


def test_a_blank_page_is_returned_unchanged() -> None:
    blank = np.full((1754, 1240, 3), 250, np.uint8)
    result = straighten_page(blank)
    assert result is blank
    assert np.array_equal(result, np.full((1754, 1240, 3), 250, np.uint8))


def test_a_picture_without_lines_or_sheet_is_returned_unchanged() -> None:
    noise = np.random.default_rng(7).integers(0, 256, (1200, 900, 3), dtype=np.uint8)
    assert straighten_page(noise) is noise
    gradient = np.repeat(np.linspace(0, 255, 900, dtype=np.uint8)[None, :, None], 1200, axis=0).repeat(3, axis=2)
    assert straighten_page(gradient) is gradient


def test_a_sheet_running_off_the_picture_is_not_cropped(a4_page: np.ndarray) -> None:
    # Held too close: the page's corners are outside the frame, so its shape is unknown.
    photo = photographed_page(a4_page, roll_deg=0, tilt_x_deg=0, tilt_y_deg=0, fill=1.3)
    assert find_sheet(cv2.cvtColor(cv2.resize(photo, (800, 600)), cv2.COLOR_RGB2GRAY)) is None
    assert straighten_page(photo) is photo


def test_a_text_block_in_a_flat_scan_is_not_taken_for_a_sheet() -> None:
    # A dense block of text is a dark rectangle to an edge finder; it is darker than the
    # margin around it, which a sheet on a table never is.
    scan = rotated_scan(text_page(1240, seed=4), 5)
    grey = cv2.cvtColor(cv2.resize(scan, None, fx=0.45, fy=0.45, interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY)
    assert find_sheet(grey) is None
    assert find_skew(grey) == pytest.approx(-5.0, abs=0.5)


def _seen(width: float, height: float, focal: float, tilt_x: float, tilt_y: float) -> np.ndarray:
    """The corners of a width x height rectangle seen by a camera of 4000 x 3000 pixels."""
    ax, ay = math.radians(tilt_x), math.radians(tilt_y)
    rx = np.array([[1, 0, 0], [0, math.cos(ax), -math.sin(ax)], [0, math.sin(ax), math.cos(ax)]])
    ry = np.array([[math.cos(ay), 0, math.sin(ay)], [0, 1, 0], [-math.sin(ay), 0, math.cos(ay)]])
    flat = np.array([[-width / 2, -height / 2, 0], [width / 2, -height / 2, 0],
                     [width / 2, height / 2, 0], [-width / 2, height / 2, 0]])
    placed = flat @ (rx @ ry).T + [0.2, 0.1, 6]
    return np.stack([focal * placed[:, 0] / placed[:, 2] + 2000,
                     focal * placed[:, 1] / placed[:, 2] + 1500], axis=1).astype(np.float32)


def test_sheet_aspect_recovers_the_rectangle_from_a_true_perspective() -> None:
    corners = _seen(3, 2, focal=2400, tilt_x=30, tilt_y=-20)
    # The picture alone is far from 3:2 (the far edge is shorter, the sides foreshortened).
    top, left = np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[3] - corners[0])
    assert abs(top / left - 1.5) > 0.1
    assert sheet_aspect(corners, (2000, 1500)) == pytest.approx(1.5, rel=1e-3)


def test_sheet_aspect_leant_only_forwards_takes_a_typical_camera() -> None:
    # Top and bottom edges stay parallel in the picture: the focal length cannot be
    # measured, and a phone's (0.8 of the longer side) is taken.
    corners = _seen(3, 2, focal=3200, tilt_x=35, tilt_y=0)
    assert abs(corners[0, 1] - corners[1, 1]) < 1e-3
    assert sheet_aspect(corners, (2000, 1500)) == pytest.approx(1.5, rel=1e-3)
    # A webcam with a wider lens is still read within a few percent.
    assert sheet_aspect(_seen(3, 2, focal=2600, tilt_x=35, tilt_y=0), (2000, 1500)) == pytest.approx(1.5, rel=0.06)


def test_sheet_aspect_takes_a_nearly_iso_sheet_to_be_one() -> None:
    a4_like = _seen(1, 1.4, focal=3000, tilt_x=20, tilt_y=10)
    assert sheet_aspect(a4_like, (2000, 1500)) == pytest.approx(1 / math.sqrt(2), rel=1e-9)


def test_a_page_of_another_shape_keeps_its_own_proportions() -> None:
    certificate = text_page(1500, aspect=1.25, seed=5)
    page = straighten_page(photographed_page(certificate, roll_deg=5, tilt_x_deg=22, tilt_y_deg=-14))
    assert page.shape[0] / page.shape[1] == pytest.approx(1.25, rel=0.015)
    assert_level(page, tolerance_deg=0.5)


def test_only_rgb_pictures_are_taken() -> None:
    with pytest.raises(ValueError):
        straighten_page(np.zeros((100, 100), np.uint8))
    with pytest.raises(ValueError):
        straighten_page(np.zeros((100, 100, 3), np.float32))
    tiny = np.zeros((20, 30, 3), np.uint8)
    assert straighten_page(tiny) is tiny
