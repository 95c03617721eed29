"""Update resources/translations/desk_vi.ts from the sources, then compile desk_vi.qm.

lupdate reads every Python module of desk_app (the Qt layer's tr() calls and the
QT_TRANSLATE_NOOP("DeskError", ...) templates of the Qt-free packages) and the Designer
forms in ui/*.ui. The generated ui_*.py modules are left out: their .ui files are read
instead. Existing translations are kept; new strings arrive marked unfinished for the
translator (Qt Linguist), and tests/gui/test_translations.py fails until they are done.

Usage: python scripts/build_translations.py [--no-update]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = REPO / "resources" / "translations"
LANGUAGES = {"vi": "vi_VN"}
GENERATED_FORMS = REPO / "desk_app" / "gui" / "forms"


def find_tool(name: str) -> str:
    beside = shutil.which(name, path=str(Path(sys.executable).parent))
    found = beside or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def source_files() -> list[Path]:
    """Every file lupdate reads, relative to the repository root, in a stable order."""
    python = [
        p for p in sorted((REPO / "desk_app").rglob("*.py"))
        if GENERATED_FORMS not in p.parents and "__pycache__" not in p.parts
    ]
    forms = sorted((REPO / "ui").glob("*.ui"))
    return [p.relative_to(REPO) for p in python + forms]


def ts_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"desk_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"desk_{language}.qm"


def run_lupdate(target_ts: Path, language: str) -> None:
    """Merge the sources' strings into ``target_ts`` (created when missing)."""
    target_ts.parent.mkdir(parents=True, exist_ok=True)
    command = [
        find_tool("pyside6-lupdate"),
        *[str(p) for p in source_files()],
        "-ts", str(target_ts.resolve()),
        "-target-language", LANGUAGES[language],
        "-no-obsolete",
        "-locations", "none",
        "-silent",
    ]
    # From the repository root, so no machine path ends up in the catalogue.
    subprocess.run(command, cwd=REPO, check=True)


def run_lrelease(source_ts: Path, target_qm: Path) -> None:
    subprocess.run(
        [find_tool("pyside6-lrelease"), str(source_ts), "-qm", str(target_qm), "-silent"],
        cwd=REPO,
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts files as they are")
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        if not args.no_update:
            run_lupdate(ts_path(language), language)
        run_lrelease(ts_path(language), qm_path(language))
        print(f"built {qm_path(language).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
