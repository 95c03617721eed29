"""What one piece of work adds to a process's peak memory, measured in a fresh process.

The benchmark runs itself again as a child (``--memory-probe <file>``): the child reads the
input, imports what it needs, then does the work once between two readings of its peak
resident size; the parent reports the growth. Linux only (None elsewhere).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def peak_rss_mb() -> float | None:
    """This process's peak resident size (Linux's VmHWM: unlike getrusage's maximum, it
    starts afresh at exec instead of carrying over the parent's)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def probe(work: Callable[[], object]) -> None:
    """The child's side: the peak before and after ``work``, as JSON on stdout."""
    before = peak_rss_mb()
    work()
    print(json.dumps({"before": before, "after": peak_rss_mb()}))


def growth_in_child_mb(script: str, data: bytes, *, prefix: str) -> float | None:
    """The parent's side: run ``script --memory-probe`` on ``data`` saved to a file."""
    if peak_rss_mb() is None:
        return None
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        path = Path(folder) / "photo.jpg"
        path.write_bytes(data)
        done = subprocess.run([sys.executable, script, "--memory-probe", str(path)],
                              capture_output=True, text=True, timeout=300, check=True)
    figures = json.loads(done.stdout)
    return round(figures["after"] - figures["before"], 1)
