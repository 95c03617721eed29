"""Time from process start to the main window shown: the desk against a bare PySide6 window.

Both are started the same way (a new Python process, Qt offscreen) in the same run, and the
clock stops when the process prints WINDOW-SHOWN. The desk runs in demo mode, so its time
includes starting the embedded central API, migrating a new store and logging in.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_until_shown(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    shown_at = None
    for line in process.stdout:
        if line.strip() == "WINDOW-SHOWN":
            shown_at = time.perf_counter()
            break
    process.wait(timeout=120)
    if shown_at is None:
        raise RuntimeError(f"{command} never reported its window (exit {process.returncode})")
    return shown_at - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    bare, desk_cold, desk_warm = [], [], []
    for _ in range(args.runs):
        bare.append(time_until_shown([sys.executable, str(ROOT / "benchmarks" / "bare_window.py")], env))
        with tempfile.TemporaryDirectory() as home:
            command = [sys.executable, "-m", "desk_app", "--demo", "--data-dir", home, "--quit-after-shown"]
            desk_cold.append(time_until_shown(command, env))
            desk_warm.append(time_until_shown(command, env))
    result = {
        "benchmark": "startup",
        "runs": args.runs,
        "bare_pyside6_window_s": round(statistics.median(bare), 3),
        "desk_first_start_s": round(statistics.median(desk_cold), 3),
        "desk_next_start_s": round(statistics.median(desk_warm), 3),
        "ratio_first_start": round(statistics.median(desk_cold) / statistics.median(bare), 2),
        "ratio_next_start": round(statistics.median(desk_warm) / statistics.median(bare), 2),
        "goal_ratio": 1.5,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
