"""The portrait rules: their thresholds on pictures whose answer is known, and check_frame on
live camera frames of a real face (tests/data/portraits)."""

from __future__ import annotations

import ast
import math
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageEnhance

import desk_app.photo.rules as rules_module
from desk_app.core.catalogue import PhotoSpec
from desk_app.photo.portrait import prepare_portrait
from desk_app.photo.rules import (
    EYE_LINE_FROM_TOP,
    HEAD_PER_BOX,
    HEAD_SHARE_RANGE,
    HEAD_SHARE_TARGET,
    MAX_BACKGROUND_STD,
    MAX_ROLL_DEG,
    PortraitReport,
    Rule,
    RuleResult,
    check_frame,
    judge,
    judge_size,
    portrait_box,
)

from tests.support.portraits import BLUE_WALL, WHITE_WALL, face_centre, jpeg_bytes, person_on, stripes

SPEC = PhotoSpec(width_mm=30, height_mm=40, width_px=600, height_px=800,
                 background="white", max_bytes=512_000)
BLUE_SPEC = PhotoSpec(width_mm=30, height_mm=40, width_px=600, height_px=800,
                      background="blue", max_bytes=512_000)
HD = (1280, 720)
NOT_CHECKED = "Not checked: there must be exactly one face in the picture"


def frame_of(image: Image.Image) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(image.convert("RGB")))


def sitter_at(scale: float) -> tuple[int, int]:
    """Centred, the crown of her hair about 80 px below the frame's top, as a webcam at
    the counter frames a sitter (her hair starts 14 px down her portrait)."""
    return (HD[0] - round(512 * scale)) // 2, 80 - round(14 * scale)


def sitter(background: tuple[int, int, int] | Image.Image = WHITE_WALL, *,
           scale: float = 1.55) -> np.ndarray:
    """A 1280 x 720 webcam frame of the citizen sitting in front of ``background``."""
    return frame_of(person_on(background, scale=scale, canvas=HD, at=sitter_at(scale)))


def failed(report: PortraitReport) -> set[Rule]:
    return {result.rule for result in report.failures}


def english(result: RuleResult) -> str:
    return result.template.format(**result.params)


# ------------------------------------------------------------------------ the API's shape


def test_rules_report_every_rule_in_order_with_translatable_templates() -> None:
    assert [rule.value for rule in Rule] == [
        "one_face", "face_size", "centred", "level", "eyes", "sharp", "exposure",
        "background_plain", "background_colour"]
    report = check_frame(sitter(), SPEC)
    assert [result.rule for result in report.results] == list(Rule)
    assert all(result.context == "PortraitRule" for result in report.results)
    assert report.passed and report.failures == ()


def portrait_rule_templates() -> set[str]:
    """Every string rules.py marks with QT_TRANSLATE_NOOP("PortraitRule", ...), read as
    lupdate reads it: from the source, not from what the code happens to return."""
    tree = ast.parse(Path(rules_module.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
                and isinstance(node.args[0], ast.Constant) and node.args[0].value == "PortraitRule"):
            text = node.args[1]
            assert isinstance(text, ast.Constant), "lupdate reads only literal text"
            found.add(text.value)
    return found


def test_every_message_the_rules_give_is_marked_for_translation() -> None:
    marked = portrait_rule_templates()
    frames = [sitter(), sitter(scale=1.0), frame_of(Image.new("RGB", HD, WHITE_WALL)),
              frame_of(Image.eval(Image.fromarray(sitter()), lambda v: v // 4)),
              sitter(stripes(HD))]
    seen = 0
    for frame in frames:
        for spec in (SPEC, BLUE_SPEC):
            for result in check_frame(frame, spec).results:
                assert result.template in marked, result.template
                english(result)  # every placeholder has its parameter
                for value in result.params.values():
                    # Text parameters are translated by the GUI too: they must be marked.
                    assert not isinstance(value, str) or value in marked, value
                seen += 1
    assert seen == len(frames) * 2 * len(Rule)


# ------------------------------------------------------------------------ check_frame


def test_a_compliant_sitter_passes_every_rule_live() -> None:
    report = check_frame(sitter(), SPEC)

    assert report.passed, [(r.rule, r.measured) for r in report.failures]
    x, y, w, h = report.face
    # Where her face was put, and 1.55 times the size it has in her portrait (97 px).
    centre_x, centre_y = face_centre(1.55, HD, sitter_at(1.55))
    assert abs(x + w / 2 - centre_x) < 0.02 * HD[0] and abs(y + h / 2 - centre_y) < 0.03 * HD[1]
    assert 0.8 * 97 * 1.55 < w < 1.25 * 97 * 1.55
    assert len(report.eyes) == 2
    (lx, ly), (rx, ry) = report.eyes
    assert x < lx < x + w / 2 < rx < x + w and y < ly < y + h / 2 and y < ry < y + h / 2


def test_an_empty_frame_finds_no_face_and_checks_only_the_background() -> None:
    report = check_frame(frame_of(Image.new("RGB", HD, WHITE_WALL)), SPEC)

    one_face = report.result(Rule.ONE_FACE)
    assert not one_face.passed and one_face.measured == 0.0
    assert english(one_face).startswith("No face found")
    assert report.face is None and report.eyes == ()
    for rule in (Rule.FACE_SIZE, Rule.CENTRED, Rule.LEVEL, Rule.EYES, Rule.SHARP, Rule.EXPOSURE):
        result = report.result(rule)
        assert (result.passed, result.measured, result.template) == (False, None, NOT_CHECKED)
    assert report.result(Rule.BACKGROUND_PLAIN).passed
    assert report.result(Rule.BACKGROUND_COLOUR).passed


def test_a_sitter_far_from_the_camera_is_told_to_come_closer() -> None:
    report = check_frame(sitter(scale=1.0), SPEC)

    assert failed(report) == {Rule.FACE_SIZE}
    result = report.result(Rule.FACE_SIZE)
    assert result.template == "Move closer to the camera"
    assert result.measured < HEAD_SHARE_RANGE[0]


def test_a_dark_frame_is_too_dark() -> None:
    frame = Image.fromarray(sitter())
    report = check_frame(frame_of(ImageEnhance.Brightness(frame).enhance(0.25)), SPEC)

    result = report.result(Rule.EXPOSURE)
    assert not result.passed and result.template == "Too dark: add light or face the window"
    assert report.result(Rule.ONE_FACE).passed and report.result(Rule.SHARP).passed


def test_a_busy_wall_behind_the_sitter_is_not_plain() -> None:
    report = check_frame(sitter(stripes(HD)), SPEC)

    result = report.result(Rule.BACKGROUND_PLAIN)
    assert not result.passed and result.measured > MAX_BACKGROUND_STD
    assert english(result) == "The background is not plain: use the plain white wall"
    assert report.result(Rule.ONE_FACE).passed


def test_the_live_verdict_is_the_verdict_on_the_photo_made_from_the_frame() -> None:
    for frame, spec in ((sitter(), SPEC), (sitter(scale=1.0), SPEC), (sitter(BLUE_WALL), SPEC),
                        (sitter(BLUE_WALL), BLUE_SPEC), (sitter(stripes(HD)), SPEC)):
        live = check_frame(frame, spec)
        photo = prepare_portrait(jpeg_bytes(Image.fromarray(frame), quality=95), spec)
        assert ({r.rule: r.passed for r in live.results}
                == {r.rule: r.passed for r in photo.report.results})


def test_check_frame_refuses_what_is_not_an_rgb_frame() -> None:
    for bad in (np.zeros((720, 1280), np.uint8), np.zeros((720, 1280, 4), np.uint8),
                np.zeros((720, 1280, 3), np.float32)):
        with pytest.raises(ValueError):
            check_frame(bad, SPEC)


def test_tiny_and_odd_frames_give_a_report_not_an_error() -> None:
    for shape in ((1, 1, 3), (10, 3000, 3), (3000, 10, 3), (30, 40, 3)):
        report = check_frame(np.full(shape, 128, np.uint8), SPEC)
        assert not report.passed and report.result(Rule.ONE_FACE).measured == 0.0


def test_worker_threads_checking_at_once_get_the_answers_one_thread_gets() -> None:
    frames = [sitter(), sitter(scale=1.0), sitter(stripes(HD)),
              frame_of(Image.new("RGB", HD, WHITE_WALL))]
    expected = [check_frame(frame, SPEC) for frame in frames]
    answers: dict[tuple[int, int], PortraitReport] = {}
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for round_ in range(3):
                for index in range(len(frames)):
                    index = (index + worker) % len(frames)
                    answers[(worker, round_ * 10 + index)] = check_frame(frames[index], SPEC)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and len(answers) == 4 * 3 * len(frames)
    for (_, key), report in answers.items():
        assert report == expected[key % 10]


# ------------------------------------------------------------------------ the thresholds


def judged(photo: np.ndarray, face: tuple[float, float, float, float] | None,
           eyes: tuple[tuple[float, float], ...] = (), spec: PhotoSpec = SPEC,
           roll: float = 0.0) -> dict[Rule, RuleResult]:
    return {r.rule: r for r in judge(photo, 0 if face is None else 1, face, eyes, roll, spec)}


def wall(colour: tuple[int, int, int], spec: PhotoSpec = SPEC) -> np.ndarray:
    width, height = judge_size(spec)
    return np.full((height, width, 3), colour, np.uint8)


# A face box of the standard size in the standard place on the 300 x 400 judging photo.
FACE = (150 - 80, 100, 160, 160)


def test_face_size_is_judged_on_the_head_share_of_the_photo_height() -> None:
    height = judge_size(SPEC)[1]
    for share, passed, template in ((0.45, False, "Move closer to the camera"),
                                    (0.6, True, "The face is the right size"),
                                    (0.75, False, "Move back from the camera")):
        box_h = share * height / HEAD_PER_BOX
        result = judged(wall(WHITE_WALL), (150 - box_h / 2, 80, box_h, box_h))[Rule.FACE_SIZE]
        assert (result.passed, result.template) == (passed, template)
        assert result.measured == pytest.approx(share, abs=0.002)


def test_a_face_more_than_eight_percent_off_centre_fails() -> None:
    for shift, passed in ((0.05, True), (0.12, False)):
        x, y, w, h = FACE
        result = judged(wall(WHITE_WALL), (x + shift * 300, y, w, h))[Rule.CENTRED]
        assert result.passed is passed and result.measured == pytest.approx(shift, abs=0.002)
    assert not passed and result.template.startswith("The face is off centre")


def test_the_eye_line_must_be_within_eight_degrees_of_level() -> None:
    for degrees in (5.0, 12.0, -12.0):
        dx = 60.0
        eyes = ((120.0, 160.0), (120.0 + dx, 160.0 + dx * math.tan(math.radians(degrees))))
        result = judged(wall(WHITE_WALL), FACE, eyes)[Rule.LEVEL]
        assert result.measured == pytest.approx(abs(degrees), abs=0.1)
        assert result.passed is (abs(degrees) <= MAX_ROLL_DEG)
    assert english(result) == "The head leans by 12 degrees: hold it straight"
    # Without both eyes the lean cannot be measured ...
    one_eye = judged(wall(WHITE_WALL), FACE, ((120.0, 160.0),))
    assert one_eye[Rule.LEVEL].measured is None and not one_eye[Rule.EYES].passed
    # ... unless the face was only found on a copy turned by 20 degrees.
    turned = judged(wall(WHITE_WALL), FACE, (), roll=20.0)[Rule.LEVEL]
    assert not turned.passed and turned.measured == 20.0


def test_a_wall_lit_from_one_side_is_plain_and_a_pattern_is_not() -> None:
    width, height = judge_size(SPEC)
    shade = np.linspace(250, 215, width)[None, :, None].repeat(height, 0).repeat(3, 2)
    lit = judged(shade.astype(np.uint8), FACE)
    assert lit[Rule.BACKGROUND_PLAIN].passed and lit[Rule.BACKGROUND_COLOUR].passed
    pattern = np.asarray(stripes((width, height), period=24))
    busy = judged(pattern, FACE)[Rule.BACKGROUND_PLAIN]
    assert not busy.passed and busy.measured > 2 * MAX_BACKGROUND_STD


@pytest.mark.parametrize("colour,white,blue", [
    ((242, 242, 240), True, False),    # white wall
    ((235, 222, 196), True, False),    # white wall under warm indoor light
    ((160, 160, 160), True, False),    # white wall in a dim room: light grey
    ((120, 120, 120), False, False),   # grey wall
    ((72, 140, 214), False, True),     # blue screen
    ((182, 212, 240), False, True),    # pale studio blue
    ((40, 60, 150), False, True),      # deep blue
    ((120, 200, 120), False, False),   # green
    ((230, 200, 150), False, False),   # beige
])
def test_background_colour_thresholds(colour: tuple[int, int, int], white: bool, blue: bool) -> None:
    assert judged(wall(colour), FACE)[Rule.BACKGROUND_COLOUR].passed is white
    as_blue = judged(wall(colour, BLUE_SPEC), FACE, spec=BLUE_SPEC)[Rule.BACKGROUND_COLOUR]
    assert as_blue.passed is blue
    if not blue:
        assert english(as_blue) == "The background is not blue: use the plain blue wall"


def test_a_background_colour_the_desk_does_not_know_is_not_held_against_the_photo() -> None:
    spec = PhotoSpec(30, 40, 600, 800, background="grey", max_bytes=512_000)
    result = judged(wall((128, 128, 128), spec), FACE, spec=spec)[Rule.BACKGROUND_COLOUR]
    assert result.passed and result.measured is None and result.params == {"colour": "grey"}


def test_a_face_filling_the_photo_leaves_no_background_to_judge() -> None:
    result = judged(wall(WHITE_WALL), (-40, -20, 380, 380))
    assert result[Rule.FACE_SIZE].template == "Move back from the camera"
    for rule in (Rule.BACKGROUND_PLAIN, Rule.BACKGROUND_COLOUR):
        assert not result[rule].passed and result[rule].measured is None


# ------------------------------------------------------------------------ framing


def test_the_photo_is_framed_as_an_id_photo_around_the_face() -> None:
    face = (1800.0, 900.0, 500.0, 500.0)
    eyes = ((1925.0, 1085.0), (2175.0, 1085.0))
    left, top, width, height = portrait_box(face, eyes, 4000, 3000, SPEC)

    assert width / height == pytest.approx(600 / 800)
    assert HEAD_PER_BOX * 500 / height == pytest.approx(HEAD_SHARE_TARGET)
    assert (1085 - top) / height == pytest.approx(EYE_LINE_FROM_TOP)
    assert left + width / 2 == pytest.approx(2050)


def test_framing_stays_inside_the_picture_and_never_enlarges_more_than_twice() -> None:
    # A face at the left edge: the photo starts at the edge, the face is off centre.
    left, top, width, height = portrait_box((0.0, 300.0, 200.0, 200.0), (), 2000, 1500, SPEC)
    assert left == 0 and top >= 0 and left + width <= 2000 and top + height <= 1500
    # A small face: the crop is at least 400 px tall (800 px photo, at most twice enlarged),
    # so the head is under half of it.
    _, _, width, height = portrait_box((900.0, 500.0, 100.0, 100.0), (), 2000, 1500, SPEC)
    assert height == pytest.approx(400) and HEAD_PER_BOX * 100 / height < HEAD_SHARE_RANGE[0]
    # A face too big for the picture: the crop is the whole height, the head over 0.7.
    _, top, width, height = portrait_box((200.0, 50.0, 500.0, 500.0), (), 900, 800, SPEC)
    assert (top, height) == (0, 800) and HEAD_PER_BOX * 500 / height > HEAD_SHARE_RANGE[1]


def test_report_coordinates_are_plain_integers() -> None:
    report = check_frame(sitter(), SPEC)
    assert all(type(v) is int for v in report.face)
    assert all(type(v) is int for eye in report.eyes for v in eye)


def test_a_cascade_is_read_once_however_many_threads_ask_at_first() -> None:
    cascade = rules_module._Cascade("haarcascade_frontalface_alt2.xml")
    reads: list[int] = []
    real_load = cascade._load

    def counted_load():  # type: ignore[no-untyped-def]
        reads.append(1)
        return real_load()

    cascade._load = counted_load  # type: ignore[method-assign]
    grey = np.asarray(Image.fromarray(sitter()).convert("L").resize((448, 252)))
    found: list[int] = []
    start = threading.Barrier(4)

    def search() -> None:
        start.wait()
        found.append(len(cascade.detect(grey, scale_step=1.15, neighbours=5, min_size=28)))

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert reads == [1] and found == [1, 1, 1, 1]


@settings(max_examples=200, deadline=None)
@given(
    width=st.integers(300, 6000), height=st.integers(400, 6000),
    x=st.floats(0, 1), y=st.floats(0, 1), size=st.floats(0.02, 1.2),
)
def test_framing_is_always_the_spec_shape_inside_the_picture(
    width: int, height: int, x: float, y: float, size: float
) -> None:
    side = size * min(width, height)
    face = (x * (width - 1), y * (height - 1), side, side)
    left, top, crop_w, crop_h = portrait_box(face, (), width, height, SPEC)
    assert crop_w / crop_h == pytest.approx(600 / 800)
    assert left >= 0 and top >= 0
    assert left + crop_w <= width + 1e-6 and top + crop_h <= height + 1e-6
