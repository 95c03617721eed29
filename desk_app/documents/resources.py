"""Where the documents package finds its fonts and templates.

The resources folder sits at the repository root in a checkout, and at the bundle root in a
PyInstaller build (which keeps package paths relative to the same root), so one relative
lookup serves both.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
TEMPLATES_DIR = RESOURCES_DIR / "templates"
