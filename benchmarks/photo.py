"""Preparing a portrait, against Pillow's plain decode-resize-encode of the same photo.

The photo is synthetic and the same every run: the NASA portrait of Eileen Collins
(tests/data/portraits) cut out, enlarged five times and sat at the bottom of a 4000 x 3000
frame in front of a softly lit wall, with camera grain, saved as a JPEG of quality 92 as
a 12-megapixel phone does. ``prepare_portrait`` then does what the desk does with it:
decodes it small to find the face, decodes it again at the detail the crop needs, finds
the eyes, crops around the face, judges every rule on the crop and encodes the portrait
under the procedure's byte limit (600 x 800 px, 512 KB, as the catalogue asks).

The yardstick is what any program does with a photo at the least: Pillow opens it, decodes
it in full, resizes it to the same pixel size (bicubic) and saves it with the same JPEG
settings (quality 92, optimised Huffman tables, baseline). The two are timed in turns in
the same run, after a warm-up of each, so drift on a shared machine falls on both. The
issue's goal is a ratio (prepare / plain) of at most 2.

``check_frame`` is timed on a 1280 x 720 camera frame of the same person (the live
guidance runs on every frame the officer sees, so it must stay well under 100 ms), and
on a frame with nobody in front of a striped shelf, its slowest case: with no face found
the search is repeated on two turned copies in case the head leans, and stripes keep the
cascade busy.

The memory a preparation needs is measured in a fresh process of its own (the photo read
from a file, modules imported, then one ``prepare_portrait``): the growth of its peak
resident size. Linux only (None elsewhere).

Prints one JSON object on stdout; diagnostics go to stderr. Times are in milliseconds.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
from peak_memory import growth_in_child_mb, probe  # noqa: E402

from desk_app.core.catalogue import PhotoSpec  # noqa: E402
from desk_app.photo.normalise import JPEG_QUALITIES  # noqa: E402
from desk_app.photo.portrait import CheckedPortrait, prepare_portrait  # noqa: E402
from desk_app.photo.rules import check_frame  # noqa: E402
from tests.support.portraits import jpeg_bytes, person_on, stripes  # noqa: E402

PHOTO_SIZE = (4000, 3000)
FRAME_SIZE = (1280, 720)
SPEC = PhotoSpec(width_mm=30, height_mm=40, width_px=600, height_px=800,
                 background="white", max_bytes=512_000)
WARM_UP = 2


def lit_wall(size: tuple[int, int], seed: int) -> Image.Image:
    """A white wall lit from the left, with the grain of a phone camera (fixed seed)."""
    width, height = size
    shade = np.linspace(246, 226, width, dtype=np.float32)[None, :, None]
    grain = np.random.default_rng(seed).normal(0, 2.5, (height, width, 1)).astype(np.float32)
    wall = np.clip(np.broadcast_to(shade, (height, width, 3)) + grain, 0, 255)
    return Image.fromarray(wall.astype(np.uint8))


def grainy(image: Image.Image, seed: int) -> Image.Image:
    noise = np.random.default_rng(seed).normal(0, 2.5, (image.height, image.width, 1))
    pixels = np.asarray(image).astype(np.float32) + noise.astype(np.float32)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def camera_photo() -> bytes:
    person = person_on(lit_wall(PHOTO_SIZE, 1), scale=5.0, canvas=PHOTO_SIZE)
    return jpeg_bytes(grainy(person, 2), quality=92)


def camera_frame(with_person: bool) -> np.ndarray:
    if with_person:
        frame = grainy(person_on(lit_wall(FRAME_SIZE, 3), scale=1.55, canvas=FRAME_SIZE), 4)
    else:
        frame = grainy(stripes(FRAME_SIZE), 5)
    return np.ascontiguousarray(np.asarray(frame))


def plain_pillow(photo: bytes, size: tuple[int, int]) -> bytes:
    """Decode, resize to ``size``, encode: the least any program does with the photo."""
    image = Image.open(io.BytesIO(photo))
    image = image.convert("RGB").resize(size, Image.Resampling.BICUBIC)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITIES[0], optimize=True, progressive=False)
    return out.getvalue()


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def summary(samples: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(samples), 1), "min": round(min(samples), 1),
            "max": round(max(samples), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--quick", action="store_true",
                        help="2 runs, no memory probe: checks that the benchmark works")
    parser.add_argument("--memory-probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_probe is not None:
        photo = args.memory_probe.read_bytes()
        probe(lambda: prepare_portrait(photo, SPEC))
        return 0
    runs = 2 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")

    print("drawing the photo…", file=sys.stderr)
    photo = camera_photo()
    frame = camera_frame(with_person=True)
    empty_frame = camera_frame(with_person=False)
    out_size = (SPEC.width_px, SPEC.height_px)

    def prepare() -> CheckedPortrait:
        return prepare_portrait(photo, SPEC)

    checked = prepare()
    for _ in range(1 if args.quick else WARM_UP):
        prepare()
        plain_pillow(photo, out_size)
        check_frame(frame, SPEC)
        check_frame(empty_frame, SPEC)

    samples: dict[str, list[float]] = {"prepare": [], "plain": [], "frame": [], "empty": []}
    steps: list[tuple[str, Callable[[], object]]] = [
        ("prepare", prepare), ("plain", lambda: plain_pillow(photo, out_size)),
        ("frame", lambda: check_frame(frame, SPEC)),
        ("empty", lambda: check_frame(empty_frame, SPEC))]
    for run in range(runs):
        # In turns, the order swapped every run, so neither always follows the other.
        for name, step in (steps if run % 2 == 0 else steps[::-1]):
            samples[name].append(timed(step)[0])
        print(f"run {run + 1}: prepare {samples['prepare'][-1]:.0f} ms, "
              f"plain {samples['plain'][-1]:.0f} ms, check_frame {samples['frame'][-1]:.0f} ms, "
              f"empty frame {samples['empty'][-1]:.0f} ms", file=sys.stderr)

    frame_report = check_frame(frame, SPEC)
    pipeline_ms = statistics.median(samples["prepare"])
    pillow_ms = statistics.median(samples["plain"])
    result = {
        "benchmark": "photo",
        "runs": runs,
        "cpus": os.cpu_count(),
        "photo": {"width": PHOTO_SIZE[0], "height": PHOTO_SIZE[1],
                  "megapixels": round(PHOTO_SIZE[0] * PHOTO_SIZE[1] / 1e6, 1),
                  "jpeg_bytes": len(photo)},
        "portrait": {"width": checked.photo.width, "height": checked.photo.height,
                     "jpeg_bytes": len(checked.photo.jpeg), "passed": checked.report.passed,
                     "failures": [r.rule.value for r in checked.report.failures]},
        "pipeline_ms": round(pipeline_ms, 1),
        "pillow_ms": round(pillow_ms, 1),
        "ratio": round(pipeline_ms / pillow_ms, 2),
        "check_frame_ms": round(statistics.median(samples["frame"]), 1),
        "check_frame_no_face_ms": round(statistics.median(samples["empty"]), 1),
        "frame": {"width": FRAME_SIZE[0], "height": FRAME_SIZE[1],
                  "passed": frame_report.passed,
                  "failures": [r.rule.value for r in frame_report.failures]},
        "pipeline": summary(samples["prepare"]),
        "pillow": summary(samples["plain"]),
        "check_frame": summary(samples["frame"]),
        "check_frame_no_face": summary(samples["empty"]),
        "prepare_peak_memory_mb": None if args.quick else growth_in_child_mb(__file__, photo, prefix="photo-bench-"),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
