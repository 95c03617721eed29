"""The two questions setting a desk up asks the central system, off the UI thread.

``probe_central``: is the address the province's central system, and does its clock agree
with this computer's? ``check_desk``: does the central system know this desk with this key,
at the site the officer typed? Neither signs anyone in nor writes anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.core.timeutil import now_vn, parse_rfc3339
from desk_app.settings import normal_site_code
from desk_app.sync.client import CentralClient, EnrolmentCheck
from desk_app.sync.errors import MalformedAnswer

# Receipts, deadlines and sign-in tokens all carry the time: a desk clock further off than
# this from the central system's gives wrong dates and refused sessions.
CLOCK_TOLERANCE = timedelta(minutes=5)
# A person is waiting at the screen: an address that does not answer is said so quickly.
PROBE_TIMEOUT_SECONDS = 8.0


class SiteMismatch(DeskError):
    """The desk is enrolled, but at another site than the one the officer typed."""

    TEMPLATE = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system has desk {desk} at site {enrolled} ({site_name}), not at {typed}. Check the site "
        "code; if this desk really serves {typed}, ask the administrator to enrol it there.",
    )

    def __init__(self, desk: str, typed: str, check: EnrolmentCheck) -> None:
        self.check = check
        super().__init__(self.TEMPLATE, desk=desk, typed=typed, enrolled=check.site_code, site_name=check.site_name)


def web_address(text: str) -> str:
    """What was typed, as an address: "motcua.example.vn" means https://motcua.example.vn
    (the client refuses anything that is not https, or http to this computer)."""
    text = text.strip()
    if text and "://" not in text:
        text = "https://" + text
    return text.rstrip("/")


@dataclass(frozen=True)
class CentralProbe:
    """What the central system said about itself; ``clock_skew`` is its clock minus this
    computer's (positive: this computer is behind)."""

    url: str
    version: str
    clock_skew: timedelta | None

    @property
    def clock_off(self) -> bool:
        return self.clock_skew is not None and abs(self.clock_skew) > CLOCK_TOLERANCE


def probe_central(url: str, authority: str | None, *, desk_id: str = "setup",
                  clock: Callable[[], datetime] = now_vn, timeout: float = PROBE_TIMEOUT_SECONDS) -> CentralProbe:
    """Ask ``/v1/health``; an answer without the central API's version is not a central system."""
    with CentralClient(url, desk_id=desk_id, pinned_authority=authority, timeout=timeout) as client:
        asked_at, started = clock(), time.monotonic()
        body = client.health()
        took = timedelta(seconds=time.monotonic() - started)
    version = body.get("version")
    if not isinstance(version, str) or not version.strip():
        raise MalformedAnswer("health answer without the central API's version")
    skew = None
    if isinstance(body.get("time"), str):
        try:
            # The server read its clock about half-way through the round trip.
            skew = parse_rfc3339(body["time"]) - (asked_at + took / 2)
        except ValueError:
            raise MalformedAnswer("health answer with a time that is not RFC 3339") from None
    return CentralProbe(url=client.base_url, version=version.strip(), clock_skew=skew)


def check_desk(url: str, authority: str | None, desk_id: str, desk_key: str, site_code: str, *,
               timeout: float = PROBE_TIMEOUT_SECONDS) -> EnrolmentCheck:
    """The central system's word that ``desk_key`` is the key of ``desk_id`` at ``site_code``.

    Raises what the client raises (AuthenticationFailed for an unknown desk or a wrong key,
    CentralUnavailable when out of reach or after too many tries), or ``SiteMismatch``."""
    with CentralClient(url, desk_id=desk_id, pinned_authority=authority, timeout=timeout) as client:
        check = client.check_enrolment(desk_id, desk_key)
    typed = normal_site_code(site_code) or site_code.strip()
    if normal_site_code(check.site_code) != typed:
        raise SiteMismatch(desk_id, typed, check)
    return check
