"""Compile the Qt Designer forms in ui/*.ui into desk_app/gui/forms/ui_<name>.py.

The .ui files are the source of truth; the generated modules are committed so the
desk runs without the Qt tools installed, and tests/gui/test_forms_current.py fails
when a committed module no longer matches its .ui file.

Usage: python scripts/build_ui.py [--out DIR] [--check]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UI_DIR = REPO / "ui"
FORMS_DIR = REPO / "desk_app" / "gui" / "forms"


def find_tool(name: str) -> str:
    """The PySide6 tool installed beside this interpreter first, so a venv wins over PATH."""
    beside = shutil.which(name, path=str(Path(sys.executable).parent))
    found = beside or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def module_name(ui_file: Path) -> str:
    return f"ui_{ui_file.stem}.py"


def compile_all(out_dir: Path) -> list[Path]:
    uic = find_tool("pyside6-uic")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        target = out_dir / module_name(ui_file)
        # Run from ui/ with a relative name so the generated header names no machine path.
        subprocess.run(
            [uic, ui_file.name, "-o", str(target.resolve())],
            cwd=UI_DIR,
            check=True,
        )
        written.append(target)
    return written


def stale_forms(fresh_dir: Path) -> list[str]:
    """Names of committed forms that differ from (or are missing beside) a fresh build."""
    problems = []
    for fresh in sorted(fresh_dir.glob("ui_*.py")):
        committed = FORMS_DIR / fresh.name
        if not committed.exists() or committed.read_bytes() != fresh.read_bytes():
            problems.append(fresh.name)
    expected = {f.name for f in fresh_dir.glob("ui_*.py")}
    problems += sorted(
        p.name for p in FORMS_DIR.glob("ui_*.py") if p.name not in expected
    )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FORMS_DIR, help="output folder")
    parser.add_argument(
        "--check", action="store_true",
        help="build into --out and report committed forms that differ; exit 1 if any",
    )
    args = parser.parse_args(argv)
    written = compile_all(args.out)
    if args.check:
        stale = stale_forms(args.out)
        for name in stale:
            print(f"stale: desk_app/gui/forms/{name}")
        return 1 if stale else 0
    init = args.out / "__init__.py"
    if not init.exists():
        init.write_text('"""Forms generated from ui/*.ui by scripts/build_ui.py: do not edit."""\n')
    print(f"compiled {len(written)} form(s) into {args.out.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
