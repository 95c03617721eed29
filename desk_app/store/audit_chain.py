"""The audit log as a hash chain: each entry's hash covers its content and the hash before it.

An entry's hash is SHA-256 (hex) over ``prev_hash`` (64 hex characters, ASCII) followed by
the entry's canonical bytes: the UTF-8 JSON object ``{"action", "actor", "at", "details",
"id", "subject"}`` with sorted keys, no spaces and non-ASCII kept as it is, ``at`` in
RFC 3339 Vietnam time (``desk_app.core.timeutil.to_rfc3339``). The first entry of a desk
follows ``GENESIS``. A changed field breaks that entry's hash; a removed entry leaves a gap
in the ids and a link that points nowhere; entries moved about link to the wrong places.

Each desk keeps one chain (ids 1, 2, 3 … with no gap) and the central API keeps a copy per
desk, so the desk id is not part of the hash. Rewriting the whole chain from some entry on
is possible for whoever holds the file: the copy at the centre, and the acknowledged entry
the desk remembers (``anchor``), are what catch that.

Pure Python (hashlib, json): the central API recomputes the same hashes with this module.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Protocol

from desk_app.core.timeutil import to_rfc3339

GENESIS = "0" * 64

CHANGED = "changed"
REMOVED = "removed"
REORDERED = "reordered"


class AuditFields(Protocol):
    """What the hash covers; a stored row, a wire entry and ChainEntry all have these."""

    @property
    def id(self) -> int: ...
    @property
    def at(self) -> datetime: ...
    @property
    def actor(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def details(self) -> Any: ...


@dataclass(frozen=True)
class ChainEntry:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str | None
    details: Any
    prev_hash: str
    hash: str

    def to_wire(self) -> dict[str, Any]:
        """The entry as ``POST /v1/desks/{desk_id}/audit`` carries it."""
        return {"id": self.id, "at": to_rfc3339(self.at), "actor": self.actor, "action": self.action,
                "subject": self.subject, "details": self.details, "prev_hash": self.prev_hash, "hash": self.hash}


def canonical_json(value: Any) -> bytes:
    """One byte string per JSON value. NaN and infinities are refused: they are not JSON,
    and a database that keeps JSON as text would refuse them at the centre."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")


def canonical_bytes(entry: AuditFields) -> bytes:
    return canonical_json({
        "id": int(entry.id), "at": to_rfc3339(entry.at), "actor": entry.actor, "action": entry.action,
        "subject": entry.subject, "details": entry.details,
    })


def entry_hash(prev_hash: str, entry: AuditFields) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_bytes(entry)).hexdigest()


def storable_text(text: str) -> str:
    """``text`` with what no database or UTF-8 encoder keeps (NUL, lone surrogates) replaced
    by U+FFFD, so what is hashed is exactly what is stored, sent and stored again."""
    if not _needs_cleaning(text):
        return text
    return "".join("\ufffd" if ch == "\x00" or 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def storable_details(details: Any) -> Any:
    """A JSON copy of ``details`` with storable strings (TypeError/ValueError when not JSON)."""
    if details is None:
        return None
    return _clean(json.loads(json.dumps(details, allow_nan=False)))


def _needs_cleaning(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {storable_text(k): _clean(v) for k, v in value.items()}
    return value


# -- verifying ------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainVerdict:
    """Whether a chain is intact; if not, the first entry where it breaks and why.

    ``reason`` is ``changed`` (an entry no longer matches its hash, or two neighbours no
    longer link), ``removed`` (ids missing: ``broken_id`` is the first missing one) or
    ``reordered`` (an entry links to one that comes after it, or ids run backwards)."""

    ok: bool
    checked: int
    last_id: int
    last_hash: str
    broken_id: int | None = None
    reason: str | None = None
    detail: str = ""

    def __str__(self) -> str:
        if self.ok:
            return f"intact: {self.checked} entries checked, last #{self.last_id} ({self.last_hash[:16]}…)"
        return f"broken at entry #{self.broken_id} ({self.reason}): {self.detail}"


class ChainVerifier:
    """Checks a chain fed in id order, one page at a time (a long chain need not fit in memory).

    ``after_id``/``after_hash`` start it mid-chain. ``anchor`` is an (id, hash) known to be
    right, e.g. the last entry the central API acknowledged: an entry rewritten together
    with every hash after it still differs there, and entries cut from the end of the
    chain leave it pointing past the last one."""

    def __init__(self, *, after_id: int = 0, after_hash: str = GENESIS,
                 anchor: tuple[int, str] | None = None) -> None:
        self.last_id = after_id
        self.last_hash = after_hash
        self.checked = 0
        self.anchor = anchor
        self.verdict: ChainVerdict | None = None

    def feed(self, entries: Iterable[Any]) -> "ChainVerifier":
        """``entries`` have the AuditFields plus ``prev_hash`` and ``hash``. Stops at the first break."""
        if self.verdict is not None:
            return self
        page = list(entries)
        # Where each hash of this page stands, to tell entries moved about from changed ones.
        by_hash = {e.hash: (position, e.id) for position, e in enumerate(page)}
        for position, entry in enumerate(page):
            self.verdict = self._check(entry, position, by_hash)
            if self.verdict is not None:
                return self
            self.last_id, self.last_hash = entry.id, entry.hash
            self.checked += 1
        return self

    def finish(self) -> ChainVerdict:
        if self.verdict is not None:
            return self.verdict
        if self.anchor is not None and self.anchor[0] > self.last_id:
            first = self.last_id + 1
            return self._broken(first, REMOVED, f"entries #{first}–#{self.anchor[0]} were acknowledged by the "
                                                f"central API but are gone from the end of the log")
        return ChainVerdict(True, self.checked, self.last_id, self.last_hash)

    def _check(self, entry: Any, position: int, by_hash: dict[str, tuple[int, int]]) -> ChainVerdict | None:
        expected_id = self.last_id + 1
        if entry.id < expected_id:
            return self._broken(entry.id, REORDERED, f"entry #{entry.id} comes after entry #{self.last_id}")
        if entry.prev_hash != self.last_hash:
            target = by_hash.get(entry.prev_hash)
            if target is not None and target[0] > position:
                return self._broken(entry.id, REORDERED,
                                    f"entry #{entry.id} links to entry #{target[1]}, which comes after it")
        if entry.id > expected_id:
            missing = f"#{expected_id}" if entry.id == expected_id + 1 else f"#{expected_id}–#{entry.id - 1}"
            return self._broken(expected_id, REMOVED, f"entries {missing} are missing (the log resumes at #{entry.id})")
        try:
            recomputed = entry_hash(entry.prev_hash, entry)
        except (AttributeError, TypeError, ValueError) as exc:
            return self._broken(entry.id, CHANGED, f"entry #{entry.id} cannot be read as written ({exc})")
        if recomputed != entry.hash:
            return self._broken(entry.id, CHANGED, f"entry #{entry.id} no longer matches its hash: a field was changed")
        if entry.prev_hash != self.last_hash:
            if self.last_id == 0:
                return self._broken(entry.id, CHANGED, f"entry #{entry.id} does not start the log")
            return self._broken(self.last_id, CHANGED, f"entries #{self.last_id} and #{entry.id} no longer link: "
                                                       f"entry #{self.last_id} was rewritten with a new hash")
        if self.anchor is not None and entry.id == self.anchor[0] and entry.hash != self.anchor[1]:
            return self._broken(entry.id, CHANGED, f"entry #{entry.id} differs from the one the central API "
                                                   f"acknowledged: the log was rewritten up to here")
        return None

    def _broken(self, entry_id: int, reason: str, detail: str) -> ChainVerdict:
        return ChainVerdict(False, self.checked, self.last_id, self.last_hash, entry_id, reason, detail)


def verify_chain(entries: Iterable[Any], *, after_id: int = 0, after_hash: str = GENESIS,
                 anchor: tuple[int, str] | None = None) -> ChainVerdict:
    """Check ``entries`` (in id order) from ``after_id``/``after_hash`` (the start by default)."""
    return ChainVerifier(after_id=after_id, after_hash=after_hash, anchor=anchor).feed(entries).finish()
