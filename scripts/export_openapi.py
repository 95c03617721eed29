"""Write docs/openapi.json from the central API's current schema.

Run after changing a route or a schema; tests/central/test_openapi.py fails until the
committed file matches: ``python scripts/export_openapi.py`` (``--check`` only compares).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from central_api.__main__ import openapi_text  # noqa: E402  (needs the repo on sys.path)

TARGET = REPO / "docs" / "openapi.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed file is stale")
    args = parser.parse_args(argv)
    text = openapi_text()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    if args.check:
        if current != text:
            print(f"{TARGET.relative_to(REPO)} is stale; run scripts/export_openapi.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
