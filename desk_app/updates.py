"""Desk updates: whether the version on offer is newer than this desk, and its download.

The central API says which desk version is on offer and what its download must be (SHA-256
and size). The file is fetched into ``<name>.part`` in the download folder, checked, and
only then renamed to its final name, so a half-fetched or damaged installer never sits
there under a name that invites a double-click. The officer (or the site's IT) then runs
the installer; the desk does not install anything by itself.

No Qt here: the dialog in desk_app/gui/update_offer.py runs ``download`` on a worker thread,
gets progress through a callback and stops it through a ``threading.Event``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from posixpath import basename
from urllib.parse import unquote, urlsplit

import platformdirs
import requests
from packaging.version import InvalidVersion, Version

from desk_app import __version__
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.sync.client import DeskRelease
from desk_app.sync.transport import is_loopback

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called with (bytes received, bytes expected) as a download advances."""

CHUNK_BYTES = 64 * 1024
PART_SUFFIX = ".part"
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class UpdateError(DeskError):
    """A desk version could not be downloaded, or what arrived is not what was published."""

    HASH_MISMATCH = QT_TRANSLATE_NOOP(
        "DeskError",
        "The downloaded file is not the desk version {version} the central system published (its SHA-256 "
        "checksum differs), so it was deleted. Try again later; if it happens again, tell the administrator.",
    )
    SIZE_MISMATCH = QT_TRANSLATE_NOOP(
        "DeskError",
        "The downloaded file has {received} bytes, but desk version {version} has {expected}, so it was deleted. "
        "Try again later; if it happens again, tell the administrator.",
    )
    UNREACHABLE = QT_TRANSLATE_NOOP(
        "DeskError",
        "The download server could not be reached, so nothing was saved. Check the network and try again later.",
    )
    HTTP_ERROR = QT_TRANSLATE_NOOP(
        "DeskError",
        "The download server refused the file (HTTP {status}), so nothing was saved. Try again later; "
        "if it happens again, tell the administrator.",
    )
    ADDRESS_REFUSED = QT_TRANSLATE_NOOP(
        "DeskError",
        "The download address \"{url}\" is not a safe web address (only https:// is used), so nothing was "
        "downloaded. Tell the administrator.",
    )
    NOT_SAVED = QT_TRANSLATE_NOOP(
        "DeskError",
        "The file could not be saved in the folder {folder} ({reason}). Check that the folder exists and the disk "
        "has free space, then try again.",
    )


class DownloadCancelled(DeskError):
    """The person stopped the download; the part fetched so far is deleted."""

    CANCELLED = QT_TRANSLATE_NOOP("DeskError", "The download was stopped. Nothing was kept.")

    def __init__(self) -> None:
        super().__init__(self.CANCELLED)


def parsed_version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def is_newer(offered: str, current: str = __version__) -> bool:
    """Whether version ``offered`` comes after ``current`` (PEP 440 order: 1.10.0 after 1.9.0,
    1.4.0 after 1.4.0rc1). An offer that is not a version number is never newer."""
    offered_version, current_version = parsed_version(offered), parsed_version(current)
    if offered_version is None or current_version is None:
        log.warning("desk version on offer %r or this desk's %r is not a version number", offered, current)
        return False
    return offered_version > current_version


def download_folder() -> Path:
    """The person's download folder (Windows' Downloads, XDG's on Linux)."""
    return Path(platformdirs.user_downloads_dir())


def file_name(release: DeskRelease) -> str:
    """The file name the download URL ends in, made safe for any file system; one made of the
    version when the URL names none."""
    name = _UNSAFE_IN_NAME.sub("-", unquote(basename(urlsplit(release.download_url).path))).strip(".-")
    if not name or name.endswith(PART_SUFFIX):
        name = f"one-stop-desk-{_UNSAFE_IN_NAME.sub('-', release.version)}"
    return name[:150]


def _allowed_address(url: str) -> bool:
    parts = urlsplit(url)
    host = parts.hostname or ""
    return (parts.scheme == "https" and bool(host)) or (parts.scheme == "http" and is_loopback(host))


def _matches(path: Path, release: DeskRelease) -> bool:
    if not path.is_file() or path.stat().st_size != release.size_bytes:
        return False
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest() == release.sha256


def download(
    release: DeskRelease,
    folder: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    verify: str | bool = True,
    timeout: float = 30.0,
    chunk_bytes: int = CHUNK_BYTES,
) -> Path:
    """Fetches the release into ``folder`` and returns the checked file's path.

    Raises DownloadCancelled when ``cancel`` is set, UpdateError when the file cannot be
    fetched or saved or is not the published one (SHA-256 and size); in every such case the
    part file is gone. A file already there with the published SHA-256 is kept, not fetched
    again. ``verify`` is requests' certificate check (a CA bundle's path, or True)."""
    if not _allowed_address(release.download_url):
        raise UpdateError(UpdateError.ADDRESS_REFUSED, url=release.download_url)
    target = Path(folder) / file_name(release)
    if _matches(target, release):
        if progress is not None:
            progress(release.size_bytes, release.size_bytes)
        return target
    part = target.with_name(target.name + PART_SUFFIX)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with requests.Session() as session:
            _fetch(session, release, part, progress, cancel, verify, timeout, chunk_bytes)
        os.replace(part, target)
    except BaseException as exc:
        _remove(part)
        if isinstance(exc, OSError) and not isinstance(exc, requests.RequestException):
            log.warning("desk version %s not saved in %s: %s", release.version, folder, exc)
            raise UpdateError(UpdateError.NOT_SAVED, folder=str(folder), reason=exc.strerror or str(exc)) from exc
        raise
    log.info("desk version %s downloaded to %s (%d bytes)", release.version, target, release.size_bytes)
    return target


def _remove(part: Path) -> None:
    try:
        part.unlink(missing_ok=True)
    except OSError as exc:  # the folder itself is unusable: there is no part file to remove
        log.info("part file %s not removed: %s", part, exc)


def _fetch(
    session: requests.Session,
    release: DeskRelease,
    part: Path,
    progress: Progress | None,
    cancel: threading.Event | None,
    verify: str | bool,
    timeout: float,
    chunk_bytes: int,
) -> None:
    expected = release.size_bytes
    try:
        response = session.get(release.download_url, stream=True, timeout=timeout, verify=verify)
    except requests.RequestException as exc:
        log.warning("desk version %s: download server not reached: %s", release.version, exc)
        raise UpdateError(UpdateError.UNREACHABLE) from exc
    with response:
        # Mirrors redirect; still never to a plain-http host elsewhere.
        if not _allowed_address(response.url):
            raise UpdateError(UpdateError.ADDRESS_REFUSED, url=response.url)
        if response.status_code != 200:
            raise UpdateError(UpdateError.HTTP_ERROR, status=response.status_code)
        announced = response.headers.get("Content-Length")
        if announced is not None and announced.isdigit() and int(announced) != expected and \
                "Content-Encoding" not in response.headers:
            raise UpdateError(UpdateError.SIZE_MISMATCH, version=release.version, received=int(announced),
                              expected=expected)
        digest, received = hashlib.sha256(), 0
        try:
            with part.open("wb") as out:
                for chunk in response.iter_content(chunk_bytes):
                    if cancel is not None and cancel.is_set():
                        raise DownloadCancelled()
                    received += len(chunk)
                    if received > expected:  # never fill the disk with what was not published
                        raise UpdateError(UpdateError.SIZE_MISMATCH, version=release.version, received=received,
                                          expected=expected)
                    digest.update(chunk)
                    out.write(chunk)
                    if progress is not None:
                        progress(received, expected)
                out.flush()
                os.fsync(out.fileno())
        except requests.RequestException as exc:
            if cancel is not None and cancel.is_set():
                # Stopped while the server was silent: the person asked first, the timeout came after.
                raise DownloadCancelled() from exc
            log.warning("desk version %s: download broke off after %d bytes: %s", release.version, received, exc)
            raise UpdateError(UpdateError.UNREACHABLE) from exc
    if cancel is not None and cancel.is_set():
        raise DownloadCancelled()
    if received != expected:
        raise UpdateError(UpdateError.SIZE_MISMATCH, version=release.version, received=received, expected=expected)
    if digest.hexdigest() != release.sha256:
        raise UpdateError(UpdateError.HASH_MISMATCH, version=release.version)
