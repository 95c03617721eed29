"""A zip for the site's IT: what the desk is, how it is set up, what it logged, how full it is.

Built by Help ▸ Export diagnostics (desk_app/gui/diagnostics_action.py), off the UI thread.
It holds no citizen's data and no secret, by construction rather than by filtering alone:

- the store's part is counts, sizes, dates and verdicts, read through methods that return
  nothing else (no name, no number, no dossier code);
- the settings leave out the last officer's username and anything named like a secret
  (the desk keeps none there: tokens, the desk key and the store key are in the OS keyring,
  which this module never reads);
- the logs are written without personal data (desk_app/log_redaction.py, and the sources
  log codes and counts only); each line passes through the redaction again as a second
  guard, and the usernames the caller knows are blanked too.

Paths under the user's home folder are shown from ``~``: a Windows account is often named
after the person. ``manifest.json`` lists every other member with its size and SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import json
import locale
import logging
import logging.handlers
import os
import platform
import re
import shutil
import sqlite3
import sys
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from desk_app import __version__
from desk_app.atomic_file import write_atomically
from desk_app.core.messages import DeskError
from desk_app.core.timeutil import VN_TZ, now_vn
from desk_app.log_redaction import redact
from desk_app.restore_backup import sealed_copies
from desk_app.settings import DeskSettings
from desk_app.store import DeskStore
from desk_app.store.desk_store import BLOBS_DIR

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
LOGS_FOLDER = "logs"
USERNAME = "<username>"
# Settings the zip leaves out whatever their value: the last officer's username, and any
# field a later version might add whose name says it holds a secret.
PERSONAL_SETTINGS = frozenset({"last_username"})
_SECRET_NAME = re.compile(r"(?i)(password|passwd|token|secret|credential|desk_key|store_key|private)")
# (label, module, attribute holding its version, distributions that may provide it)
LIBRARIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("SQLAlchemy", "sqlalchemy", "__version__", ("SQLAlchemy",)),
    ("Alembic", "alembic", "__version__", ("alembic",)),
    ("cryptography", "cryptography", "__version__", ("cryptography",)),
    ("OpenCV", "cv2", "__version__", ("opencv-python-headless", "opencv-python")),
    ("zxing-cpp", "zxingcpp", "__version__", ("zxing-cpp",)),
    ("reportlab", "reportlab", "Version", ("reportlab",)),
    ("Pillow", "PIL", "__version__", ("pillow", "Pillow")),
    ("keyring", "keyring", "__version__", ("keyring",)),
    ("requests", "requests", "__version__", ("requests",)),
    ("platformdirs", "platformdirs", "__version__", ("platformdirs",)),
    ("pypdf", "pypdf", "__version__", ("pypdf",)),
)

README = """One-stop desk: diagnostics for the site's IT
=============================================

This archive was made by the desk's Help > Export diagnostics. It holds:

  versions.json   the desk's version, Python, the operating system, Qt and the libraries
  settings.json   the desk's settings, without the last officer's username
  store.json      how full the desk's local records are: counts, sizes, the audit log's
                  verdict and the sealed backups (no names, no ID numbers, no dossiers)
  system.json     the keyring in use, free disk space, the time zone
  logs/           the desk's log files (desk.log and its older rotations)
  manifest.json   every file here, with its size and SHA-256

It holds no citizen's data, no password, no token and no key. The logs are written
without personal data and were filtered once more when this archive was made.
"""


@dataclass(frozen=True)
class DiagnosticsZip:
    path: Path
    members: tuple[str, ...]  # every file in the zip, the manifest included
    size: int                 # bytes on disk
    seconds: float            # how long building it took


# -- what the desk may not show: usernames, the home folder ----------------------------


class Scrubber:
    """Blanks the usernames the caller knows and shows the home folder as ``~``."""

    def __init__(self, names: Iterable[str], home: Path) -> None:
        words = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
        # Whole words only, in any case: "canbo01" goes, "canbo012" is someone else.
        self._names = (re.compile(r"(?<![\w.@-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w@-])", re.IGNORECASE)
                       if words else None)
        homes = {str(home)}
        try:
            homes.add(str(home.resolve()))
        except OSError:
            pass
        if os.sep == "\\":
            homes |= {h.replace("\\", "/") for h in homes}
        # Windows compares paths without regard to case.
        flags = re.IGNORECASE if os.name == "nt" else 0
        self._homes = [re.compile(re.escape(h) + r"(?![\w.-])", flags) for h in sorted(homes, key=len, reverse=True)
                       if len(h) > 1]

    def text(self, text: str) -> str:
        for home in self._homes:
            text = home.sub("~", text)
        if self._names is not None:
            text = self._names.sub(USERNAME, text)
        return text

    def log_line(self, line: str) -> str:
        return self.text(redact(line))


def _home() -> Path:
    try:
        return Path.home()
    except (RuntimeError, KeyError):
        return Path("~")


# -- the parts ----------------------------------------------------------------------------


def _library_version(module: str, attribute: str, distributions: Sequence[str]) -> str:
    # Loaded already (the running desk has most of them): its own word, which also holds in
    # a frozen build that carries no package metadata. Otherwise the metadata, without
    # paying for an import (OpenCV alone takes most of a second).
    loaded = sys.modules.get(module)
    if loaded is not None and isinstance(getattr(loaded, attribute, None), str):
        return getattr(loaded, attribute)
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not found"


def versions(ui_versions: Mapping[str, str], store_revision: str | None) -> dict[str, Any]:
    os_release: dict[str, str] = {}
    if sys.platform.startswith("linux"):
        try:
            release = platform.freedesktop_os_release()
            os_release = {k: release[k] for k in ("PRETTY_NAME", "VERSION_ID") if k in release}
        except OSError:
            pass
    return {
        "desk": __version__,
        "installed_build": bool(getattr(sys, "frozen", False)),
        "python": {"version": platform.python_version(), "implementation": platform.python_implementation(),
                   "build": " ".join(platform.python_build()), "compiler": platform.python_compiler(),
                   "bits": 64 if sys.maxsize > 2 ** 32 else 32},
        "os": {"platform": platform.platform(), "system": platform.system(), "release": platform.release(),
               "version": platform.version(), "machine": platform.machine(), **os_release},
        "ui": dict(ui_versions),
        "libraries": {label: _library_version(module, attribute, dists)
                      for label, module, attribute, dists in LIBRARIES},
        "sqlite": sqlite3.sqlite_version,
        "store_schema_revision": store_revision,
    }


def _plain_url(value: str) -> str:
    # A server address with a user or password in it ("https://user:pw@host") keeps the host.
    parts = urlsplit(value)
    if parts.username is None and parts.password is None:
        return value
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def settings_part(settings: DeskSettings, scrub: Scrubber) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    left_out = []
    for name, value in asdict(settings).items():
        if name in PERSONAL_SETTINGS or _SECRET_NAME.search(name):
            left_out.append(name)
            continue
        if isinstance(value, str):
            value = scrub.text(redact(_plain_url(value)))
        shown[name] = value
    return {"settings": shown, "left_out": sorted(left_out)}


def _folder_size(folder: Path) -> tuple[int, int]:
    files = size = 0
    if folder.is_dir():
        for path in folder.rglob("*"):
            try:
                if path.is_file():
                    files += 1
                    size += path.stat().st_size
            except OSError:
                continue
    return files, size


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def store_part(store: DeskStore | None, scrub: Scrubber) -> dict[str, Any]:
    if store is None:
        return {"open": False}
    part: dict[str, Any] = {"open": True, "folder": scrub.text(str(store.data_dir))}
    # Each figure on its own: a store that fails one read still tells the others.
    try:
        part.update(store.figures())
    except DeskError as exc:
        part["figures_error"] = type(exc).__name__
    try:
        part["outbox"] = store.outbox_counts()
    except DeskError as exc:
        part["outbox_error"] = type(exc).__name__
    try:
        verdict = store.verify_audit_chain()
        part["audit_chain"] = {"ok": verdict.ok, "entries_checked": verdict.checked, "last_entry": verdict.last_id,
                               "broken_at_entry": verdict.broken_id, "reason": verdict.reason}
    except DeskError as exc:
        part["audit_chain_error"] = type(exc).__name__
    database = store.database_path
    part["database_files"] = {
        path.name: path.stat().st_size
        for path in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm"))
        if path.is_file()
    }
    files, size = _folder_size(store.data_dir / BLOBS_DIR)
    part["blobs"] = {"files": files, "bytes": size}
    part["backups"] = [
        {"name": copy.name, "schema_revision": copy.revision, "taken_at": _stamp(copy.taken_at), "bytes": copy.size}
        for copy in sealed_copies(store.data_dir)
    ]
    return part


def system_part(keyring_backend: str, folder: Path | None, scrub: Scrubber, now: datetime) -> dict[str, Any]:
    local = now.astimezone()
    offset = local.utcoffset()
    part: dict[str, Any] = {
        "keyring_backend": keyring_backend,
        "time": {
            "local": local.isoformat(timespec="seconds"),
            "utc": now.astimezone(timezone.utc).isoformat(timespec="seconds"),
            "zone": local.tzname(),
            "zone_names": list(time.tzname),
            "utc_offset_minutes": int(offset.total_seconds() // 60) if offset is not None else None,
            # The desk dates everything in Vietnam's time; a PC set to another zone shows
            # other times in its own windows than the desk's receipts do.
            "same_offset_as_vietnam": offset == now.astimezone(VN_TZ).utcoffset(),
        },
        "locale": _locale(),
        "cpus": os.cpu_count(),
    }
    if folder is not None:
        try:
            usage = shutil.disk_usage(folder)
            part["disk"] = {"folder": scrub.text(str(folder)), "free_bytes": usage.free, "total_bytes": usage.total}
        except OSError as exc:
            part["disk"] = {"folder": scrub.text(str(folder)), "error": exc.strerror or type(exc).__name__}
    return part


def _locale() -> dict[str, str | None]:
    try:
        language = locale.getlocale()[0]
    except ValueError:  # a locale name Python cannot parse
        language = None
    return {"preferred_encoding": locale.getpreferredencoding(False), "language": language}


def desk_log_files(logger: logging.Logger | None = None) -> list[Path]:
    """The files the desk logs to (its root logger's file handlers), each with its rotations."""
    logger = logger or logging.getLogger()
    found: list[Path] = []
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler):
            base = Path(handler.baseFilename)
            found.append(base)
            if isinstance(handler, logging.handlers.RotatingFileHandler):
                found += [base.with_name(f"{base.name}.{n}") for n in range(1, handler.backupCount + 1)]
    return [path for path in dict.fromkeys(found) if path.is_file()]


def _cleaned_log(path: Path, scrub: Scrubber) -> bytes:
    with path.open("r", encoding="utf-8", errors="replace", newline="") as lines:
        return "".join(scrub.log_line(line) for line in lines).encode("utf-8")


# -- the zip --------------------------------------------------------------------------------


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")


def build_diagnostics(
    target: Path,
    *,
    settings: DeskSettings,
    store: DeskStore | None,
    log_files: Sequence[Path] = (),
    ui_versions: Mapping[str, str] | None = None,
    keyring_backend: str = "unknown",
    usernames: Iterable[str] = (),
    now: datetime | None = None,
) -> DiagnosticsZip:
    """Write the diagnostics zip to ``target`` (atomically) and say what it holds.

    ``log_files``: the desk's log files (``desk_log_files()``); ``ui_versions``: Qt's and
    PySide6's, which this Qt-free module cannot ask; ``usernames``: names to blank wherever
    they appear (the officer signed in, the last one kept in the settings)."""
    started = time.monotonic()
    now = now or now_vn()
    scrub = Scrubber([*usernames, settings.last_username], _home())
    store_figures = store_part(store, scrub)
    members: list[tuple[str, bytes]] = [
        ("README.txt", README.encode("utf-8")),
        ("versions.json", _json(versions(ui_versions or {}, store_figures.get("schema_revision")))),
        ("settings.json", _json(settings_part(settings, scrub))),
        ("store.json", _json(store_figures)),
        ("system.json", _json(system_part(keyring_backend, store.data_dir if store is not None else None, scrub, now))),
    ]
    for path in log_files:
        try:
            members.append((f"{LOGS_FOLDER}/{path.name}", _cleaned_log(path, scrub)))
        except OSError as exc:
            log.warning("log file %s left out of the diagnostics: %s", path.name, exc.strerror or type(exc).__name__)
    manifest = {
        "format": FORMAT,
        "made_at": now.isoformat(timespec="seconds"),
        "desk_version": __version__,
        "desk_id": settings.desk_id,
        "personal_data": "none: counts, versions, settings and logs without names, ID numbers, usernames, "
                         "passwords, tokens or keys",
        "files": [{"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                  for name, data in members],
    }
    members.append((MANIFEST, _json(manifest)))
    buffer = io.BytesIO()
    stamp = now.astimezone().timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    content = buffer.getvalue()
    write_atomically(target, content, prefix=".diagnostics-")
    return DiagnosticsZip(path=target, members=tuple(name for name, _ in members), size=len(content),
                          seconds=time.monotonic() - started)
