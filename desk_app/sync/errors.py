"""What can go wrong between the desk and the central system, told to the officer.

The sync engine sorts failures by what to do about them, not by where they came from:
``CentralUnavailable`` means "try again later, nothing is lost"; ``CentralRejected`` means
"the central system said no, a person has to look"; ``AuthenticationFailed`` means "sign
in again"; ``HashMismatch`` means "the attachment arrived damaged, send it again".
Every template says what happened and what happens next, in English source text that
Qt Linguist translates (the Vietnamese lives in the .ts file).
"""

from __future__ import annotations

from typing import Any

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.core.timeutil import parse_rfc3339


class CentralError(DeskError):
    """Any failure talking to the central system (hệ thống trung tâm)."""


class CentralUnavailable(CentralError):
    """The central system did not give a usable answer now; the desk keeps the work and retries.

    ``kind`` says why, so the engine can tell a dead network (stop for this run) from a
    server that answered badly: "network", "timeout", "server" (5xx), "busy" (429 or 503
    with Retry-After) or "malformed" (an answer the desk cannot read).
    """

    UNREACHABLE = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system cannot be reached. The dossier is saved on this desk and will be sent automatically.",
    )
    TIMEOUT = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system did not answer in time. The dossier is saved on this desk and will be sent automatically.",
    )
    SERVER_ERROR = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system reported an internal fault (HTTP {status}). The dossier is saved on this desk and will be sent again automatically.",
    )
    BUSY = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system is busy. The desk will try again in {seconds} seconds; nothing is lost.",
    )
    MALFORMED = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system sent an answer this desk cannot read ({problem}). Nothing was changed on this desk; it will try again later. If this keeps happening, tell the system administrator.",
    )
    UNTRUSTED = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system's certificate could not be verified, so nothing was sent to it. Work is kept on this desk; tell the administrator (the address or the certificate authority set for it may be wrong).",
    )
    BAD_ADDRESS = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system address \"{url}\" is not valid. Work is kept on this desk; ask the administrator to correct the address in the settings.",
    )

    def __init__(
        self,
        template: str,
        *,
        kind: str,
        retry_after: float | None = None,
        status: int | None = None,
        **params: Any,
    ) -> None:
        self.kind = kind
        self.retry_after = retry_after
        self.status = status
        if status is not None:
            params.setdefault("status", status)
        super().__init__(template, **params)

    @property
    def network_down(self) -> bool:
        """True when talking again right now is pointless: no route, no answer, or asked to wait."""
        return self.kind in ("network", "timeout", "busy")


class MalformedAnswer(CentralUnavailable):
    """The answer was not the JSON the contract promises (an HTML proxy page, a cut body, a missing field)."""

    def __init__(self, problem: str, *, status: int | None = None) -> None:
        self.problem = problem
        super().__init__(self.MALFORMED, kind="malformed", status=status, problem=problem)


class CentralRejected(CentralError):
    """The central system answered with a 4xx other than 401: retrying the same request will not help.

    ``server_code`` and ``server_message`` are what the server said (``{"detail":
    {"code", "message"}}``), kept for the held-item list and the log.
    """

    REJECTED = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system refused this request ({reason}). Nothing on this desk was lost; the item is set aside for a supervisor to review.",
    )

    def __init__(self, status: int, server_code: str, server_message: str) -> None:
        self.status = status
        self.server_code = server_code
        self.server_message = server_message
        # The whole error body, for callers that read a field of it (locked_until, say).
        self.detail: dict = {}
        super().__init__(self.REJECTED, reason=self.reason)

    @property
    def reason(self) -> str:
        if self.server_message and self.server_message != self.server_code:
            return f"{self.server_code}: {self.server_message}"
        return self.server_code


class AuthenticationFailed(CentralError):
    """401: wrong credentials at sign-in, or the session's token is no longer accepted."""

    BAD_CREDENTIALS = QT_TRANSLATE_NOOP(
        "DeskError",
        "The user name or password is not correct. Check them and sign in again.",
    )
    DESK_NOT_ENROLLED = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system does not recognise this desk. Please ask the administrator to enrol it and enter the desk key they give you.",
    )
    SESSION_ENDED = QT_TRANSLATE_NOOP(
        "DeskError",
        "Your session with the central system has ended. Sign in again; dossiers saved on this desk are kept and will be sent after you sign in.",
    )

    def __init__(self, template: str, *, server_code: str = "", server_message: str = "") -> None:
        self.server_code = server_code
        self.server_message = server_message
        super().__init__(template)


class AccountLocked(AuthenticationFailed):
    """423: too many wrong passwords; the account waits, or an administrator unlocks it."""

    LOCKED = QT_TRANSLATE_NOOP(
        "DeskError",
        "This account is locked after too many wrong passwords. Try again after {until}, or ask the administrator to unlock it.",
    )

    def __init__(self, locked_until: str | None) -> None:
        self.locked_until = locked_until
        until = "?"
        if locked_until:
            try:
                until = parse_rfc3339(locked_until).strftime("%H:%M %d/%m/%Y")
            except ValueError:
                until = locked_until
        CentralError.__init__(self, self.LOCKED, until=until)
        self.server_code = "account_locked"
        self.server_message = ""


class HashMismatch(CentralError):
    """The central system stored something other than what the desk sent (the "uploaded but not received" photo)."""

    MISMATCH = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system received a damaged copy of attachment {short}. It was not counted as delivered and will be sent again automatically.",
    )

    def __init__(self, expected: str, received: str) -> None:
        self.expected = expected
        self.received = received
        super().__init__(self.MISMATCH, short=expected[:12])


class AttachmentsNotConfirmed(CentralError):
    """The central system took the dossier but its answer does not confirm holding every file
    the desk sent with it, under the desk's own hashes: they are not counted as received."""

    NOT_CONFIRMED = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system did not confirm receiving {count} file(s) of this dossier (the portrait among them, if any). "
        "They are not counted as received and are being sent again automatically.",
    )

    def __init__(self, sha256s: list[str]) -> None:
        self.sha256s = list(sha256s)
        super().__init__(self.NOT_CONFIRMED, count=len(self.sha256s))


class SyncCancelled(DeskError):
    """The officer (or closing the app) stopped sending part way; the rest continues next time."""

    CANCELLED = QT_TRANSLATE_NOOP(
        "DeskError",
        "Sending was stopped. Everything not yet sent is kept on this desk and will continue at the next sync.",
    )

    def __init__(self) -> None:
        super().__init__(self.CANCELLED)


class SyncFault(DeskError):
    """A pass ended on an unexpected exception (a bug); the outbox still holds everything."""

    FAULT = QT_TRANSLATE_NOOP(
        "DeskError",
        "Sending stopped because of an internal fault ({kind}). Everything is kept on this desk "
        "and sending will be tried again; if this repeats, tell your administrator.",
    )

    def __init__(self, kind: str) -> None:
        super().__init__(self.FAULT, kind=kind)
