"""Review by exception: the rules that put a dossier before a supervisor, and a decision on it.

A dossier is flagged by what happened to it (a portrait taken against the photo rules, a
validation the officer overrode, a refund, a reprint, an outgoing entry held, lateness).
A supervisor's decision covers the flags it was shown (``Review.flags``); a flag raised
afterwards puts the dossier back in the queue, one already covered does not.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from .dossier import DossierStatus
from .timeutil import parse_rfc3339, to_rfc3339


class ReviewFlag(enum.IntFlag):
    PHOTO_EXCEPTION = 1      # Dossier.portrait_exception set
    VALIDATION_OVERRIDE = 2  # Dossier.validation_overrides non-empty
    SYNC_HELD = 4            # an outbox entry of the dossier is held (local): known at query time
    REFUND = 8               # a refund fee record exists (here or, via the feed's oversight, elsewhere)
    REPRINT = 16             # a form of the dossier was printed again with a reason
    LATE = 32                # open and due_at < now: known at query time


# The flags kept in the dossier's row; the others depend on the moment or on the outbox.
STORED_FLAGS = ReviewFlag.PHOTO_EXCEPTION | ReviewFlag.VALIDATION_OVERRIDE | ReviewFlag.REFUND | ReviewFlag.REPRINT
ALL_FLAGS = STORED_FLAGS | ReviewFlag.SYNC_HELD | ReviewFlag.LATE

# Statuses in which the administration still owes the citizen a result: only these can be late
# (the desk's queues and the central API's figures both count by this set).
OPEN_STATUSES = frozenset({
    DossierStatus.NEW, DossierStatus.ACCEPTED, DossierStatus.PROCESSING,
    DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.PAYMENT_REQUESTED,
})


class ReviewAction(enum.StrEnum):
    APPROVE = "approve"
    RETURN = "return"      # back to the officer, with a note saying what to put right
    ESCALATE = "escalate"  # to the head of the centre, with a note saying why


REVIEW_NOTE_MIN = 3
REVIEW_NOTE_MAX = 1000
# The decisions that must say why; the central API checks the same rule.
NOTE_REQUIRED = frozenset({ReviewAction.RETURN, ReviewAction.ESCALATE})


@dataclass(frozen=True)
class Review:
    """One supervisor decision on a dossier, named by an id chosen on the desk so a replay
    is recognised by the central API."""

    review_id: str
    client_id: str
    action: ReviewAction
    note: str | None
    flags: int
    actor: str
    at: datetime

    def to_wire(self) -> dict[str, Any]:
        """The body of ``PUT /v1/dossiers/{client_id}/reviews/{review_id}``: the central API
        takes the actor from the token, not from the body."""
        return {"review_id": self.review_id, "action": self.action.value, "note": self.note, "flags": self.flags,
                "at": to_rfc3339(self.at)}

    @classmethod
    def from_wire(cls, data: Mapping[str, Any], client_id: str | None = None) -> "Review":
        """A review as the central API answers it (``ReviewRecord``), or as ``to_wire`` wrote it
        with ``client_id`` given. Raises KeyError, ValueError or TypeError when malformed."""
        note = data.get("note")
        if note is not None and not isinstance(note, str):
            raise TypeError("a review note is text or null")
        return cls(
            review_id=str(uuid.UUID(str(data["review_id"]))),
            client_id=str(data.get("client_id") or client_id or ""),
            action=ReviewAction(data["action"]),
            note=note,
            flags=_flags(data.get("flags", 0)),
            actor=str(data.get("actor") or ""),
            at=parse_rfc3339(str(data["at"])),
        )


def new_review(client_id: str, action: ReviewAction | str, note: str | None, flags: int, actor: str,
               at: datetime) -> Review:
    """A decision taken now; ValueError when it breaks the rules (a return or an escalation
    must say why in at least ``REVIEW_NOTE_MIN`` characters)."""
    action = ReviewAction(action)
    text = (note or "").strip() or None
    if action in NOTE_REQUIRED and (text is None or len(text) < REVIEW_NOTE_MIN):
        raise ValueError(f"a {action.value} needs a note of at least {REVIEW_NOTE_MIN} characters")
    if text is not None and len(text) > REVIEW_NOTE_MAX:
        raise ValueError(f"a review note has at most {REVIEW_NOTE_MAX} characters")
    if at.tzinfo is None:
        raise ValueError("naive datetime: a review is taken at an aware time")
    if not actor:
        raise ValueError("a review names its supervisor")
    return Review(str(uuid.uuid4()), client_id, action, text, _flags(flags), actor, at)


def stored_flags(wire: Mapping[str, Any]) -> ReviewFlag:
    """The flags a dossier's own body raises (the others come from facts kept beside it)."""
    flags = ReviewFlag(0)
    if wire.get("portrait_exception"):
        flags |= ReviewFlag.PHOTO_EXCEPTION
    if wire.get("validation_overrides"):
        flags |= ReviewFlag.VALIDATION_OVERRIDE
    return flags


def needs_review(flags: int, covered: int) -> bool:
    """Whether a flag is raised that no decision has covered yet."""
    return bool(flags & ~covered)


def is_late(status: int, due_at: datetime, now: datetime) -> bool:
    return status in OPEN_STATUSES and due_at < now


def _flags(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("review flags are an integer")
    if value & ~int(ALL_FLAGS) or value < 0:
        raise ValueError(f"unknown review flags {value}")
    return value
