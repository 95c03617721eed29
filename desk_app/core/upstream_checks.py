"""Checks with other agencies' systems while a dossier is taken: what they found, and when
to ask again.

A procedure names its checks in the catalogue (``Procedure.checks``): the citizen's driver
health certificate, their unpaid traffic fines. The desk asks the central API for each in
the background; the answer never holds up saving the dossier. This module is the pure
part: the states a check goes through, what an answer means for the officer (a short
translatable summary), and the retry schedule for a check that got no answer.

States::

    pending ──► running ──► passed | attention          (an answer came)
                        └─► failed_retrying ──► running  (no answer: asked again later)
                        └─► failed                       (refused, or no answer for a day)

``attention`` is an answer with a finding the officer must see (no valid health
certificate, unpaid fines); it is not a fault. ``failed`` stops the automatic tries: the
central system refused the check, or it got no answer for about a day (see ``GIVE_UP_FAILURES``).
"Retry now" puts any check back to ``pending``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from .catalogue import UpstreamCheck
from .messages import MESSAGE_CONTEXT, QT_TRANSLATE_NOOP, DeskError
from .timeutil import VN_TZ, parse_rfc3339


class CheckState(str, Enum):
    PENDING = "pending"                  # started, not yet asked (or "Retry now")
    RUNNING = "running"                  # being asked now
    PASSED = "passed"                    # answered; nothing for the officer to act on
    ATTENTION = "attention"              # answered with a finding the officer must see
    FAILED_RETRYING = "failed_retrying"  # no answer; asked again at next_attempt_at
    FAILED = "failed"                    # no more automatic tries: refused, or gave up


# States the store hands to the runner when their time has come.
DUE_STATES = (CheckState.PENDING, CheckState.FAILED_RETRYING)
# Answered states: the summary says what was found.
ANSWERED_STATES = (CheckState.PASSED, CheckState.ATTENTION)


class CheckNotFound(DeskError):
    """A check that is no longer on the desk (its intake was cancelled, or the citizen changed)."""

    @classmethod
    def of(cls, check_id: str) -> "CheckNotFound":
        return cls(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "This check is no longer on the desk: its intake was cancelled or the citizen's number changed.",
            ),
            check_id=check_id,
        )


@dataclass(frozen=True)
class CheckSummary:
    """A short text about a check for the officer: an English template marked for lupdate in
    the "DeskError" context and its parameters, shown like a DeskError (translated first,
    filled in afterwards)."""

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)
    context: str = MESSAGE_CONTEXT

    def english(self) -> str:
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template

    def to_json(self) -> dict[str, Any]:
        return {"context": self.context, "template": self.template, "params": dict(self.params)}

    @classmethod
    def from_json(cls, data: Any) -> "CheckSummary | None":
        """The stored form back; None for anything that is not one (an older or damaged row)."""
        if not isinstance(data, Mapping) or not isinstance(data.get("template"), str):
            return None
        params = data.get("params")
        return cls(data["template"], dict(params) if isinstance(params, Mapping) else {},
                   str(data.get("context") or MESSAGE_CONTEXT))

    @classmethod
    def of_error(cls, error: DeskError) -> "CheckSummary":
        return cls(error.template, dict(error.params), error.context)


@dataclass(frozen=True)
class CheckOutcome:
    """What an answer means: passed or attention, the summary, and the checked answer itself."""

    state: CheckState
    summary: CheckSummary
    result: Mapping[str, Any]
    checked_at: datetime


@dataclass(frozen=True)
class CheckRecord:
    """One check as the store keeps it.

    ``attempts`` counts every time it was asked; ``failures`` the failures in a row since
    its last answer or the last "Retry now" (the retry schedule runs on those).
    ``summary`` is what the last answer found; ``problem`` (translatable) and
    ``last_error`` (English, for logs) why the last try failed. ``dossier_code`` and
    ``citizen_name`` are for lists: the dossier's once it is saved, else what the intake
    said when the check started.
    """

    check_id: str
    kind: UpstreamCheck
    cccd: str
    state: CheckState
    attempts: int
    failures: int
    next_attempt_at: datetime | None
    created_at: datetime
    updated_at: datetime
    draft_id: str | None = None
    client_id: str | None = None
    summary: CheckSummary | None = None
    problem: CheckSummary | None = None
    last_error: str | None = None
    result: Mapping[str, Any] | None = None
    checked_at: datetime | None = None
    citizen_name: str = ""
    dossier_code: str | None = None


# -- what an answer means ----------------------------------------------------------------

HEALTH_VALID = QT_TRANSLATE_NOOP("DeskError", "Health certificate {number} (class {licence_class}) valid until {valid_until}.")
HEALTH_NONE = QT_TRANSLATE_NOOP("DeskError", "No driver health certificate is on record for this citizen.")
HEALTH_EXPIRED = QT_TRANSLATE_NOOP(
    "DeskError", "The latest health certificate, {number}, expired on {valid_until}: a new health examination is needed."
)
HEALTH_UNFIT = QT_TRANSLATE_NOOP(
    "DeskError", "Health certificate {number} of {issued_on} finds the holder not fit to drive."
)
HEALTH_NOT_YET = QT_TRANSLATE_NOOP(
    "DeskError", "Health certificate {number} is only valid from {issued_on} to {valid_until}, not today."
)
FINES_NONE = QT_TRANSLATE_NOOP("DeskError", "No unpaid traffic fines.")
FINES_ONE = QT_TRANSLATE_NOOP("DeskError", "1 unpaid traffic violation, {total} đồng in fines.")
FINES_MANY = QT_TRANSLATE_NOOP("DeskError", "{count} unpaid traffic violations, {total} đồng in fines.")


def _day(text: Any) -> date:
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a date")
    return date.fromisoformat(text)


def _shown(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _money(amount: int) -> str:
    # Vietnamese groups thousands with dots: 4.000.000.
    return f"{amount:,}".replace(",", ".")


def _checked_at(body: Mapping[str, Any]) -> datetime:
    text = body.get("checked_at")
    if not isinstance(text, str):
        raise ValueError("an answer without checked_at")
    return parse_rfc3339(text)


def interpret_health_certificate(body: Mapping[str, Any]) -> CheckOutcome:
    """The health-certificate answer (``{checked_at, certificate | null}``) as an outcome.

    The server's ``valid`` (fit to drive and dated for today) decides; when it is false the
    summary says why: not fit to drive, expired, or not yet valid.
    """
    checked_at = _checked_at(body)
    certificate = body.get("certificate")
    if certificate is None:
        return CheckOutcome(CheckState.ATTENTION, CheckSummary(HEALTH_NONE), dict(body), checked_at)
    if not isinstance(certificate, Mapping):
        raise ValueError("certificate is neither an object nor null")
    number = str(certificate["certificate_number"])
    issued_on, valid_until = _day(certificate["issued_on"]), _day(certificate["valid_until"])
    if certificate["valid"] is True:
        summary = CheckSummary(HEALTH_VALID, {"number": number, "licence_class": str(certificate["licence_class"]),
                                              "valid_until": _shown(valid_until)})
        return CheckOutcome(CheckState.PASSED, summary, dict(body), checked_at)
    today = checked_at.astimezone(VN_TZ).date()
    if certificate["fit_to_drive"] is not True:
        summary = CheckSummary(HEALTH_UNFIT, {"number": number, "issued_on": _shown(issued_on)})
    elif valid_until < today:
        summary = CheckSummary(HEALTH_EXPIRED, {"number": number, "valid_until": _shown(valid_until)})
    else:
        summary = CheckSummary(HEALTH_NOT_YET, {"number": number, "issued_on": _shown(issued_on),
                                                "valid_until": _shown(valid_until)})
    return CheckOutcome(CheckState.ATTENTION, summary, dict(body), checked_at)


def interpret_traffic_violations(body: Mapping[str, Any]) -> CheckOutcome:
    """The traffic-violation answer (``{checked_at, count, total_fine, unpaid}``) as an outcome:
    any unpaid fine needs the officer's attention (the licence is not renewed over it)."""
    checked_at = _checked_at(body)
    count, total = body.get("count"), body.get("total_fine")
    if not isinstance(count, int) or not isinstance(total, int) or count < 0 or total < 0:
        raise ValueError("count and total_fine must be whole numbers")
    if count == 0:
        return CheckOutcome(CheckState.PASSED, CheckSummary(FINES_NONE), dict(body), checked_at)
    template = FINES_ONE if count == 1 else FINES_MANY
    summary = CheckSummary(template, {"count": count, "total": _money(total)})
    return CheckOutcome(CheckState.ATTENTION, summary, dict(body), checked_at)


_INTERPRETERS = {
    UpstreamCheck.HEALTH_CERTIFICATE: interpret_health_certificate,
    UpstreamCheck.TRAFFIC_VIOLATIONS: interpret_traffic_violations,
}


def interpret(kind: UpstreamCheck, body: Mapping[str, Any]) -> CheckOutcome:
    """What the answer to a check of ``kind`` means; ValueError when it does not read."""
    try:
        return _INTERPRETERS[UpstreamCheck(kind)](body)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{UpstreamCheck(kind).value} answer does not read: {exc!r}") from exc


# -- when to ask again --------------------------------------------------------------------
# 30 s after the first failure (a blip of the upstream link is usually over by then),
# doubling to every 30 minutes: a check is a handful of requests, so a steady half-hourly
# try costs nothing while an upstream system is down for hours. No jitter: the central API
# spreads its upstream calls itself (a bounded pool under a deadline) and its Retry-After
# is a floor here.
#
# A check gives up after about a day of tries (GIVE_UP_AFTER of the schedule, counted in
# failures, so hours while the desk was switched off do not count). Why give up rather than
# try for as long as the dossier is open: a check helps the officer at the counter and the
# processing officer in the first days; after a day without an answer a person must look
# (check the citizen's papers by hand, or ask the agency), and an endless half-hourly try
# for every dossier of a week with a broken link only hides that. The check stays in the
# officer's list as failed, and "Retry now" starts the schedule again.

FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(minutes=30)
GIVE_UP_AFTER = timedelta(hours=24)


def retry_delay(failures: int, retry_after: float | None = None) -> timedelta:
    """How long to wait after the ``failures``-th failure in a row (1 = the first); the
    central API's Retry-After (seconds) is a floor."""
    exponent = min(max(failures, 1) - 1, 32)
    delay = min(LONGEST_RETRY, FIRST_RETRY * 2**exponent)
    if retry_after is not None and retry_after > 0:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


def _failures_within(span: timedelta) -> int:
    waited, failures = timedelta(), 1
    while waited < span:
        waited += retry_delay(failures)
        failures += 1
    return failures


# The failure in a row at which a check stops trying by itself: the first failure after
# the schedule's waits add up to GIVE_UP_AFTER (54 with the values above).
GIVE_UP_FAILURES = _failures_within(GIVE_UP_AFTER)


def gives_up(failures: int) -> bool:
    """Whether the ``failures``-th failure in a row ends the automatic tries."""
    return failures >= GIVE_UP_FAILURES


def next_attempt_at(now: datetime, failures: int, retry_after: float | None = None) -> datetime | None:
    """When to ask again after the ``failures``-th failure in a row; None once it gives up."""
    if gives_up(failures):
        return None
    return now + retry_delay(failures, retry_after)
