"""Run the security test list (docs/security-tests.md), and only it.

    .venv/bin/python scripts/security_tests.py            # pytest on exactly the listed tests
    .venv/bin/python scripts/security_tests.py --list     # print the pytest node ids, one a line
    .venv/bin/python scripts/security_tests.py -- -x -q   # anything after -- goes to pytest

The list is the document: every `tests/....py` or `tests/....py::test_name` written in
backticks in one of its table rows is a node id. tests/test_security_list.py checks that
each one names a file and a test that exist, so the list cannot rot. CI runs the whole
suite, these tests included.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIST_FILE = ROOT / "docs" / "security-tests.md"
_NODE_ID = re.compile(r"`(tests/[A-Za-z0-9_/]+\.py(?:::[A-Za-z_][A-Za-z0-9_]*)*)`")


def listed_node_ids(text: str | None = None) -> list[str]:
    """The node ids in the list's table rows, in order, each once."""
    if text is None:
        text = LIST_FILE.read_text(encoding="utf-8")
    seen: dict[str, None] = {}
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            for node_id in _NODE_ID.findall(line):
                seen.setdefault(node_id, None)
    return list(seen)


def pytest_command(node_ids: list[str], extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "pytest", *extra, *node_ids]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    node_ids = listed_node_ids()
    if args[:1] == ["--list"]:
        print("\n".join(node_ids))
        return 0
    extra = args[1:] if args[:1] == ["--"] else args
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call(pytest_command(node_ids, extra), cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
