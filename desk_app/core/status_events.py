"""A status change made at the desk (hand-over of the result, withdrawal) as it travels.

The desk moves its own copy at once, and the event goes to the central API through the
outbox under an ``event_id`` chosen here, so a replay is answered, never applied twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping

from .dossier import DossierStatus, check_transition
from .messages import QT_TRANSLATE_NOOP, DeskError

# Moves an officer makes in front of the citizen; the back office makes the others.
COUNTER_MOVES = frozenset({DossierStatus.WITHDRAWN, DossierStatus.HANDED_OVER})
# Ending a dossier against the citizen's or the law's will must say why (DOMAIN.md).
REASON_REQUIRED = frozenset({DossierStatus.REFUSED, DossierStatus.STOPPED, DossierStatus.WITHDRAWN})


class ReasonRequired(DeskError):
    """A move that must be explained was asked for without a reason."""


@dataclass(frozen=True)
class StatusEvent:
    event_id: str
    client_id: str
    from_status: DossierStatus
    to_status: DossierStatus
    at: datetime
    actor: str
    reason: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def new(cls, client_id: str, from_status: DossierStatus, to_status: DossierStatus, *, at: datetime, actor: str,
            reason: str | None = None, details: Mapping[str, Any] | None = None) -> "StatusEvent":
        check_transition(from_status, to_status)
        reason = (reason or "").strip() or None
        if to_status in REASON_REQUIRED and reason is None:
            raise ReasonRequired(QT_TRANSLATE_NOOP("DeskError", "Write down the reason for moving the dossier to status {status}."),
                                 status=int(to_status))
        return cls(str(uuid.uuid4()), client_id, from_status, to_status, at, actor, reason, dict(details or {}))

    def to_wire(self) -> dict[str, Any]:
        """The body of ``POST /v1/dossiers/{client_id}/events``."""
        return {"event_id": self.event_id, "to_status": int(self.to_status), "reason": self.reason,
                "details": dict(self.details)}
