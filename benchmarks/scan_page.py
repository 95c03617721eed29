"""Preparing a photographed page, against Pillow's plain decode-resize-encode of the same photo.

The photo is synthetic and the same every run: an A4 form (200 dpi) lying on a dark table,
leant away from a 12-megapixel phone camera and turned a few degrees (tests/scans), saved
as a JPEG of quality 92 as phones do. ``prepare_scan`` then does what the desk does with a
camera picture: checks it, decodes it with its EXIF orientation, finds the sheet on a small
copy, warps the full picture once to the sheet's true proportions and encodes the page as a
JPEG under the default 10 MB limit.

The yardstick is what any program does with a photo at the least: Pillow opens it, decodes
it, resizes it to the same pixel size as the desk's page and saves it with the same JPEG
settings (quality 88, optimised Huffman tables). The two are timed in turns in the same
run, after a warm-up of each, so drift on a shared machine falls on both. ``straighten_page``
alone is timed on the decoded picture too: the cost of finding and correcting the page.

The memory a preparation needs is measured in a fresh process of its own (the photo
read from a file, modules imported, then one ``prepare_scan``): the growth of its peak
resident size, which is what the desk adds while a scan is prepared. Linux only (None
elsewhere).

Prints one JSON object on stdout; diagnostics go to stderr. Times are in milliseconds;
the ratio is prepare / plain (how many times the plain path the desk's takes).
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

from desk_app.core.catalogue import DEFAULT_SCAN_MAX_BYTES  # noqa: E402
from desk_app.scans.check import JPEG_QUALITIES, PreparedScan, prepare_scan  # noqa: E402
from desk_app.scans.page import straighten_page  # noqa: E402
from tests.scans import A4_ASPECT, jpeg_bytes, photographed_page, text_page  # noqa: E402

PHOTO_SIZE = (4000, 3000)
WARM_UP = 2


def plain_pillow(photo: bytes, size: tuple[int, int]) -> bytes:
    """Decode, resize to ``size``, encode: the least any program does with the photo."""
    image = Image.open(io.BytesIO(photo))
    image = image.convert("RGB").resize(size, Image.Resampling.BICUBIC)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITIES[0], optimize=True)
    return out.getvalue()


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def summary(samples: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(samples), 1), "min": round(min(samples), 1),
            "max": round(max(samples), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each (default 9)")
    parser.add_argument("--memory-probe", type=Path, help=argparse.SUPPRESS)  # the child of growth_in_child_mb
    args = parser.parse_args()
    if args.memory_probe is not None:
        photo = args.memory_probe.read_bytes()
        probe(lambda: prepare_scan(photo, "page.jpg", max_bytes=DEFAULT_SCAN_MAX_BYTES))
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    print("drawing the photo…", file=sys.stderr)
    photo_pixels = photographed_page(text_page(1654), size=PHOTO_SIZE)
    photo = jpeg_bytes(photo_pixels, quality=92)
    decoded = np.asarray(Image.open(io.BytesIO(photo)).convert("RGB"))

    def prepare() -> PreparedScan:
        return prepare_scan(photo, "page.jpg", max_bytes=DEFAULT_SCAN_MAX_BYTES)

    scan = prepare()
    page = Image.open(io.BytesIO(scan.data))
    out_size = page.size
    for _ in range(WARM_UP):
        prepare()
        plain_pillow(photo, out_size)
        straighten_page(decoded)

    prepare_ms, plain_ms, straighten_ms = [], [], []
    for run in range(args.runs):
        # In turns, and the order swapped every run, so neither always follows the other.
        steps = [("prepare", prepare), ("plain", lambda: plain_pillow(photo, out_size)),
                 ("straighten", lambda: straighten_page(decoded))]
        if run % 2:
            steps.reverse()
        for name, step in steps:
            ms, _ = timed(step)
            {"prepare": prepare_ms, "plain": plain_ms, "straighten": straighten_ms}[name].append(ms)
        print(f"run {run + 1}: prepare {prepare_ms[-1]:.0f} ms, plain {plain_ms[-1]:.0f} ms, "
              f"straighten {straighten_ms[-1]:.0f} ms", file=sys.stderr)

    result = {
        "benchmark": "scan_page",
        "runs": args.runs,
        "cpus": os.cpu_count(),
        "photo": {"width": PHOTO_SIZE[0], "height": PHOTO_SIZE[1],
                  "megapixels": round(PHOTO_SIZE[0] * PHOTO_SIZE[1] / 1e6, 1), "jpeg_bytes": len(photo)},
        "page": {"width": out_size[0], "height": out_size[1], "jpeg_bytes": scan.size,
                 "aspect_error": round(out_size[1] / out_size[0] / A4_ASPECT - 1, 4)},
        "straighten_ms": summary(straighten_ms),
        "prepare_ms": summary(prepare_ms),
        "plain_pillow_ms": summary(plain_ms),
        "ratio_prepare_to_plain": round(statistics.median(prepare_ms) / statistics.median(plain_ms), 2),
        "prepare_peak_memory_mb": growth_in_child_mb(__file__, photo, prefix="scan-page-"),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
