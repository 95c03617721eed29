"""The desk's settings: one typed object, saved as versioned JSON, migrated on load.

Window geometry is kept apart (Qt's QSettings, in the GUI) so that a layout change never
touches these. Secrets never live here: tokens go to the OS keyring (credentials.py).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable

from desk_app.atomic_file import write_atomically
from desk_app.documents.page_formats import PaperFormat

log = logging.getLogger(__name__)

SCHEMA_VERSION = 6
LANGUAGES = ("vi", "en")
# A site (agency) code in the style of QCVN 102:2016, "000.00.17.H56": dot-separated groups of
# digits and capitals, 13 characters at most. Checked loosely: a province that numbers its
# sites a little differently still sets its desks up.
SITE_CODE_MAX = 13
# Fewer seconds between sync passes than this is a desk hammering the central system.
SYNC_INTERVAL_MIN_SECONDS = 5
_SITE_CODE = re.compile(r"[0-9A-Z]+(?:\.[0-9A-Z]+)*")


@dataclass(frozen=True)
class DeskSettings:
    schema_version: int = SCHEMA_VERSION
    # None means demo mode: the central API is started in-process on loopback.
    server_url: str | None = None
    desk_id: str = "DESK-01"
    language: str = "vi"
    sync_interval_seconds: int = 30
    # Keys closer than this are a barcode scanner typing, not a person (gui.scanner_input);
    # raise it for a slow scanner, lower it for a very fast typist.
    scanner_max_gap_ms: int = 30
    # Large-text mode (View ▸ Large text, Ctrl+Shift+L), kept for the next start.
    large_text: bool = False
    # "Save and print" prints at once; a desk that wants to look first sets this.
    preview_before_print: bool = False
    # The cameras last chosen: one facing the citizen's card, one looking down at the papers,
    # one for the portrait (None: the card's).
    card_camera_id: str | None = None
    page_camera_id: str | None = None
    portrait_camera_id: str | None = None
    # The last officer who logged in on this desk, offered again at the login window.
    last_username: str = ""
    # The printer last chosen in the print dialog, preselected the next time (None: the
    # system's default printer), and the paper the desk prints its forms on (a PaperFormat
    # value: "a4", "a5" or "roll80").
    printer_name: str | None = None
    paper_format: str = PaperFormat.A4.value
    # A PEM file of the one certificate authority the province's central API is signed by:
    # set, the desk trusts that authority alone for it (None: the system's trusted ones).
    pinned_authority: str | None = None
    # The desk locks after this many minutes without a key press or a mouse movement.
    idle_lock_minutes: int = 5
    # An officer who signed in online on this desk may sign in without the central system
    # for this many days after; 0 turns signing in offline off.
    offline_grace_days: int = 7
    # Days the desk keeps its copy of a dossier once the central system has confirmed it.
    retention_days: int = 30
    # The site (agency) code the desk was set up for; the first-run setup checks it against
    # the central system's record of the desk (None: not set up, or set up before version 6).
    site_code: str | None = None

    @property
    def demo(self) -> bool:
        return not self.server_url


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    # Version 1 called the server "central_url" and had no sync interval.
    raw = dict(raw)
    raw["server_url"] = raw.pop("central_url", None)
    raw.setdefault("sync_interval_seconds", 30)
    return raw


def _v2_to_v3(raw: dict[str, Any]) -> dict[str, Any]:
    # Version 3 remembers the printer and the paper; desks printed on A4 until then.
    raw = dict(raw)
    raw.setdefault("printer_name", None)
    raw.setdefault("paper_format", PaperFormat.A4.value)
    return raw


def _v3_to_v4(raw: dict[str, Any]) -> dict[str, Any]:
    # Version 4 may pin the central API's certificate authority; desks trusted the system's until then.
    raw = dict(raw)
    raw.setdefault("pinned_authority", None)
    return raw


def _v4_to_v5(raw: dict[str, Any]) -> dict[str, Any]:
    # Version 5 (security and privacy) locks an idle desk, lets an officer sign in offline for
    # a while after an online sign-in, and deletes confirmed dossiers after a retention period.
    raw = dict(raw)
    for name in INT_BOUNDS:
        raw.setdefault(name, getattr(DeskSettings, name))
    return raw


def _v5_to_v6(raw: dict[str, Any]) -> dict[str, Any]:
    # Version 6 (first-run setup) remembers the site code the desk was set up for; older desks
    # were set up by hand, with no code to remember.
    raw = dict(raw)
    raw.setdefault("site_code", None)
    return raw


def normal_site_code(text: object) -> str | None:
    """``text`` as a site code (trimmed, in capitals), or None when it cannot be one."""
    if not isinstance(text, str):
        return None
    code = text.strip().upper()
    if len(code) > SITE_CODE_MAX or not _SITE_CODE.fullmatch(code):
        return None
    return code


# name: (lowest, highest). A value outside is brought to the nearest bound: an administrator
# who asks for 200 idle minutes gets the longest the desk allows, not the default.
INT_BOUNDS: dict[str, tuple[int, int]] = {
    "idle_lock_minutes": (1, 120),
    "offline_grace_days": (0, 30),
    "retention_days": (1, 3650),
}

UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5, 5: _v5_to_v6,
}


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    version = int(raw.get("schema_version", 1))
    while version < SCHEMA_VERSION:
        raw = UPGRADES[version](raw)
        version += 1
        raw["schema_version"] = version
    return raw


def _from_raw(raw: dict[str, Any]) -> DeskSettings:
    known = {f.name for f in fields(DeskSettings)}
    values = {k: v for k, v in raw.items() if k in known}
    settings = DeskSettings(**values)
    if settings.language not in LANGUAGES:
        settings = replace(settings, language="vi")
    if not isinstance(settings.sync_interval_seconds, int) or settings.sync_interval_seconds < SYNC_INTERVAL_MIN_SECONDS:
        settings = replace(settings, sync_interval_seconds=30)
    if not isinstance(settings.large_text, bool):
        settings = replace(settings, large_text=False)
    if not isinstance(settings.preview_before_print, bool):
        settings = replace(settings, preview_before_print=False)
    for name in ("card_camera_id", "page_camera_id", "portrait_camera_id"):
        if not isinstance(getattr(settings, name), (str, type(None))):
            settings = replace(settings, **{name: None})
    if not isinstance(settings.printer_name, str) or not settings.printer_name.strip():
        settings = replace(settings, printer_name=None)
    if not isinstance(settings.pinned_authority, str) or not settings.pinned_authority.strip():
        settings = replace(settings, pinned_authority=None)
    if settings.site_code is not None:
        code = normal_site_code(settings.site_code)
        if code is None:
            log.warning("setting site_code is not a site code; the desk is taken as set up without one")
        settings = replace(settings, site_code=code)
    if settings.paper_format not in {paper.value for paper in PaperFormat}:
        settings = replace(settings, paper_format=PaperFormat.A4.value)
    if not isinstance(settings.scanner_max_gap_ms, int) or not 5 <= settings.scanner_max_gap_ms <= 200:
        settings = replace(settings, scanner_max_gap_ms=30)
    for name, (low, high) in INT_BOUNDS.items():
        value, default = getattr(settings, name), getattr(DeskSettings, name)
        if type(value) is not int:  # noqa: E721 - True is an int to isinstance, not a number of days
            log.warning("setting %s is not a whole number; using %d", name, default)
            settings = replace(settings, **{name: default})
        elif not low <= value <= high:
            log.warning("setting %s = %d is outside %d..%d; using %d", name, value, low, high, min(max(value, low), high))
            settings = replace(settings, **{name: min(max(value, low), high)})
    return settings


def load_settings(path: Path) -> DeskSettings:
    """Settings from disk; a missing or unreadable file gives the defaults (and is logged)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return DeskSettings()
    except (OSError, ValueError) as exc:
        log.warning("settings file unreadable, using defaults: %s", exc)
        return DeskSettings()
    if not isinstance(raw, dict):
        return DeskSettings()
    if int(raw.get("schema_version", 1)) > SCHEMA_VERSION:
        log.warning("settings written by a newer desk (schema %s); using the fields this version knows", raw["schema_version"])
        raw = dict(raw, schema_version=SCHEMA_VERSION)
    try:
        return _from_raw(migrate(raw))
    except (TypeError, ValueError, KeyError) as exc:
        log.warning("settings file not understood, using defaults: %s", exc)
        return DeskSettings()


def save_settings(path: Path, settings: DeskSettings) -> None:
    """Write atomically, so a power cut leaves the old file or the new one, never half."""
    text = json.dumps(asdict(settings), ensure_ascii=False, indent=2)
    write_atomically(path, text.encode("utf-8"), prefix=".settings-")
