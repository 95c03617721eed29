"""Signing in without the central system, and checking a password to unlock the desk.

After each online sign-in the desk keeps, per officer, a salted Argon2id hash of the
password (never the password), what the central system said about them (their role
among it: the role is the server's, never chosen on the desk) and when that was. While
the central system cannot be reached, an officer who signed in online here within the
grace period gets in with that remembered role; the session lock checks the password of
the officer at the desk the same way, so unlocking works offline too.

Wrong passwords are counted per officer, across offline sign-ins and unlocking: after
``MAX_FAILURES`` in a row the officer is locked out of both for ``LOCKOUT``; a right
password, or an online sign-in, starts the count again. The records live in one JSON file
in the desk's data folder, written atomically. Pure Python: the GUI calls it from
background operations, since a check takes about a tenth of a second on purpose.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from desk_app.atomic_file import write_atomically
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.sync.client import UserInfo

log = logging.getLogger(__name__)

OFFLINE_LOGINS_FILE = "offline-logins.json"
FILE_VERSION = 1
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# A clock may drift or be corrected by a few minutes; one turned back further than this
# would stretch the grace period, so offline sign-in is refused until it is put right.
CLOCK_SLACK = timedelta(minutes=10)
SALT_BYTES = 16


@dataclass(frozen=True)
class KdfParameters:
    """Argon2id's costs. 64 MiB, two passes, two lanes take about 0.1 s on a counter PC
    (measured on the development machine: median 110 ms), slow enough that guessing from
    a copied file is expensive and quick enough that the officer does not wait."""

    memory_kib: int = 64 * 1024
    iterations: int = 2
    lanes: int = 2
    length: int = 32

    def derive(self, password: str, salt: bytes, bound_to: bytes) -> bytes:
        return self._kdf(salt, bound_to).derive(password.encode("utf-8"))

    def matches(self, password: str, salt: bytes, bound_to: bytes, expected: bytes) -> bool:
        try:
            self._kdf(salt, bound_to).verify(password.encode("utf-8"), expected)  # constant-time compare
        except InvalidKey:
            return False
        return True

    def _kdf(self, salt: bytes, bound_to: bytes) -> Argon2id:
        return Argon2id(salt=salt, length=self.length, iterations=self.iterations, lanes=self.lanes,
                        memory_cost=self.memory_kib, ad=bound_to)


DEFAULT_KDF = KdfParameters()


# ---------------------------------------------------------------------- what the officer reads


class OfflineLoginError(DeskError):
    """Signing in (or unlocking) on this desk alone was refused. ``reason`` is the audit's word."""

    reason = "refused"


class UnknownOnThisDesk(OfflineLoginError):
    reason = "unknown_user"

    NEVER_ONLINE = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system cannot be reached, and {username} has never signed in online on this desk, so the "
        "desk cannot check the password. Sign in when the central system can be reached again.",
    )
    NO_RECORD = QT_TRANSLATE_NOOP(
        "DeskError",
        "This desk holds no password check for {username}, so it cannot be unlocked here. Sign out, then sign in "
        "again; work kept on this desk is not lost.",
    )

    def __init__(self, username: str, *, unlocking: bool = False) -> None:
        super().__init__(self.NO_RECORD if unlocking else self.NEVER_ONLINE, username=username)


class WrongPassword(OfflineLoginError):
    reason = "bad_password"

    WRONG = QT_TRANSLATE_NOOP(
        "DeskError",
        "The password is not correct. After {left} more wrong password(s), signing in on this desk without the "
        "central system and unlocking it are locked for {minutes} minutes.",
    )

    def __init__(self, left: int) -> None:
        self.left = left
        super().__init__(self.WRONG, left=left, minutes=int(LOCKOUT.total_seconds() // 60))


class OfflineLocked(OfflineLoginError):
    reason = "locked"

    LOCKED = QT_TRANSLATE_NOOP(
        "DeskError",
        "Too many wrong passwords: signing in on this desk without the central system, and unlocking it, are "
        "locked until {until}. Wait until then, or sign in online when the central system can be reached.",
    )

    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(self.LOCKED, until=until.strftime("%H:%M %d/%m/%Y"))


class GraceExpired(OfflineLoginError):
    reason = "grace_expired"

    EXPIRED = QT_TRANSLATE_NOOP(
        "DeskError",
        "You last signed in online on this desk on {date}, more than {days} day(s) ago, so you can no longer "
        "sign in without the central system. Sign in online when the central system can be reached again.",
    )
    CLOCK_BACK = QT_TRANSLATE_NOOP(
        "DeskError",
        "This computer's clock shows a time before your last sign-in on it ({date}), so signing in without the "
        "central system is refused. Ask the administrator to correct the clock, or sign in online.",
    )

    def __init__(self, last_online: datetime, days: int, *, clock_back: bool = False) -> None:
        self.last_online = last_online
        super().__init__(self.CLOCK_BACK if clock_back else self.EXPIRED,
                         date=last_online.strftime("%d/%m/%Y"), days=days)


class OfflineLoginOff(OfflineLoginError):
    reason = "disabled"

    OFF = QT_TRANSLATE_NOOP(
        "DeskError",
        "Signing in without the central system is turned off on this desk. Sign in when the central system can "
        "be reached again.",
    )

    def __init__(self) -> None:
        super().__init__(self.OFF)


# ---------------------------------------------------------------------- the records


@dataclass
class _Record:
    user: UserInfo
    kdf: KdfParameters
    salt: bytes
    digest: bytes
    online_at: datetime       # the last online sign-in on this desk: the grace period runs from here
    seen_at: datetime         # the latest time a sign-in or unlock of theirs succeeded here
    failures: int = 0
    locked_until: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "user": asdict(self.user),
            "kdf": {"name": "argon2id", **asdict(self.kdf)},
            "salt": _b64(self.salt),
            "hash": _b64(self.digest),
            "online_at": self.online_at.isoformat(),
            "seen_at": self.seen_at.isoformat(),
            "failures": self.failures,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> "_Record":
        kdf = dict(raw["kdf"])
        if kdf.pop("name") != "argon2id":
            raise ValueError("unknown key derivation")
        user = raw["user"]
        return cls(
            user=UserInfo(**{f.name: str(user[f.name]) for f in fields(UserInfo)}),
            kdf=KdfParameters(**{f.name: int(kdf[f.name]) for f in fields(KdfParameters)}),
            salt=base64.b64decode(raw["salt"], validate=True),
            digest=base64.b64decode(raw["hash"], validate=True),
            online_at=_aware(raw["online_at"]),
            seen_at=_aware(raw["seen_at"]),
            failures=int(raw["failures"]),
            locked_until=_aware(raw["locked_until"]) if raw.get("locked_until") else None,
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a time without its offset")
    return moment


def _bound_to(user: UserInfo) -> bytes:
    # The hash also covers who the server said the officer is: a role edited in the file
    # (officer → supervisor) makes the right password fail instead of granting the role.
    return json.dumps(asdict(user), sort_keys=True, ensure_ascii=False).encode("utf-8")


class OfflineLogins:
    """The desk's offline sign-in records, one JSON file; safe to use from several threads."""

    def __init__(self, path: Path, *, kdf: KdfParameters = DEFAULT_KDF) -> None:
        self.path = Path(path)
        self.kdf = kdf
        self._lock = threading.Lock()
        self._records: dict[str, _Record] | None = None  # read on first use, off the UI thread

    def remember(self, user: UserInfo, password: str, now: datetime) -> None:
        """After an online sign-in: a fresh salt and hash, the server's word on the officer,
        and a clean failure count."""
        salt = os.urandom(SALT_BYTES)
        digest = self.kdf.derive(password, salt, _bound_to(user))
        with self._lock:
            records = self._loaded()
            records[user.username] = _Record(user=user, kdf=self.kdf, salt=salt, digest=digest,
                                             online_at=now, seen_at=now)
            self._save(records)

    def forget(self, username: str) -> None:
        with self._lock:
            records = self._loaded()
            if records.pop(username, None) is not None:
                self._save(records)

    def knows(self, username: str) -> bool:
        with self._lock:
            return username in self._loaded()

    def last_online(self, username: str) -> datetime | None:
        with self._lock:
            record = self._loaded().get(username)
            return record.online_at if record else None

    def verify(self, username: str, password: str, now: datetime, grace: timedelta) -> UserInfo:
        """Sign in without the central system: the remembered UserInfo, or an OfflineLoginError.

        The password is checked before the grace period, so nobody learns when an officer last
        signed in, or that the period is over, without knowing the password.
        """
        if grace <= timedelta(0):
            raise OfflineLoginOff()
        record = self._check(username, password, now, unlocking=False)
        if now + CLOCK_SLACK < record.seen_at:
            raise GraceExpired(record.online_at.astimezone(now.tzinfo), grace.days, clock_back=True)
        if now - record.online_at > grace:
            raise GraceExpired(record.online_at.astimezone(now.tzinfo), grace.days)
        return record.user

    def check_password(self, username: str, password: str, now: datetime) -> None:
        """Unlocking the desk: returns when the password is the officer's, raises otherwise
        (with the same failure count and lock-out as offline sign-in)."""
        self._check(username, password, now, unlocking=True)

    def _check(self, username: str, password: str, now: datetime, *, unlocking: bool) -> _Record:
        with self._lock:
            record = self._loaded().get(username)
        if record is None:
            raise UnknownOnThisDesk(username, unlocking=unlocking)
        if record.locked_until is not None and now < record.locked_until:
            raise OfflineLocked(record.locked_until.astimezone(now.tzinfo))
        # The slow part runs outside the lock: a second check does not queue behind it.
        right = record.kdf.matches(password, record.salt, _bound_to(record.user), record.digest)
        with self._lock:
            records = self._loaded()
            current = records.get(username)
            if current is None:
                raise UnknownOnThisDesk(username, unlocking=unlocking)
            if current.digest != record.digest:
                # An online sign-in replaced the hash meanwhile (rare): the answer is the new one's.
                right = current.kdf.matches(password, current.salt, _bound_to(current.user), current.digest)
            if right:
                current.failures, current.locked_until = 0, None
                current.seen_at = max(current.seen_at, now)
                self._save(records)
                return current
            if current.locked_until is not None and now >= current.locked_until:
                current.failures, current.locked_until = 0, None  # the lock-out is over: a new count
            current.failures += 1
            if current.failures >= MAX_FAILURES:
                current.locked_until = now + LOCKOUT
                self._save(records)
                log.warning("offline sign-in locked for %d minutes after %d wrong passwords",
                            LOCKOUT.total_seconds() // 60, current.failures)
                raise OfflineLocked(current.locked_until.astimezone(now.tzinfo))
            self._save(records)
            raise WrongPassword(MAX_FAILURES - current.failures)

    # ------------------------------------------------------------------ the file

    def _loaded(self) -> dict[str, _Record]:
        if self._records is None:
            self._records = self._read()
        return self._records

    def _read(self) -> dict[str, _Record]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("offline sign-in records unreadable, starting afresh: %s", type(exc).__name__)
            return {}
        records: dict[str, _Record] = {}
        users = raw.get("users") if isinstance(raw, dict) and raw.get("version") == FILE_VERSION else None
        if not isinstance(users, dict):
            log.warning("offline sign-in records not understood, starting afresh")
            return {}
        for username, entry in users.items():
            try:
                records[username] = _Record.from_json(entry)
            except (KeyError, TypeError, ValueError) as exc:
                # One damaged record costs that officer offline sign-in until their next online one.
                log.warning("an offline sign-in record is damaged and was dropped: %s", type(exc).__name__)
        return records

    def _save(self, records: dict[str, _Record]) -> None:
        body = {"version": FILE_VERSION, "users": {name: record.to_json() for name, record in records.items()}}
        try:
            write_atomically(self.path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"),
                             prefix=".offline-logins-")
        except OSError as exc:
            # The counts still hold in memory for as long as the desk runs.
            log.warning("offline sign-in records not written: %s", type(exc).__name__)
