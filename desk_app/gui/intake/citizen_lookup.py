"""The citizen step's look-up in the population register (Cơ sở dữ liệu quốc gia về dân cư).

``RegisterLookup`` asks the central API (``GET /v1/citizens/{cccd}``) on a background op
and keeps the last answer per CCCD in the desk's store, so that offline the officer still
sees what the register said, and when. ``compare`` tells what the card (or the typed
details) and the register disagree on; the page shows it. Nothing here waits on the UI
thread and nothing here is needed to finish an intake: every failure comes back as an
outcome the page words calmly, and the officer goes on by hand.

Personal data: the store keeps only the fields shown here (name, date of birth, sex,
permanent address) with the time of the look-up; how long they stay and their
crypto-shredding are issue 9's retention rules.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Mapping

from PySide6.QtCore import QCoreApplication

from desk_app.core.identity import Sex
from desk_app.core.messages import DeskError
from desk_app.core.text import fold
from desk_app.store import DeskStore
from desk_app.sync.client import CentralClient
from desk_app.sync.errors import AuthenticationFailed, CentralRejected, CentralUnavailable, MalformedAnswer

from ..errors import error_text
from ..labels import format_date, format_moment

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

# Longer than the central API's own deadline for the register (5 s by default), so a slow
# register comes back as the centre's clear 503 rather than as a cut connection.
LOOKUP_TIMEOUT_S = 8.0


@dataclass(frozen=True)
class RegisterCitizen:
    """A citizen as the population register has them."""

    cccd: str
    full_name: str
    date_of_birth: date
    sex: Sex
    permanent_address: str

    @classmethod
    def from_answer(cls, answer: Mapping[str, Any]) -> "RegisterCitizen":
        """From ``CentralClient.lookup_citizen``'s answer, fresh or kept; ValueError when it does not read."""
        try:
            return cls(
                cccd=str(answer["cccd"]),
                full_name=str(answer["full_name"]),
                date_of_birth=date.fromisoformat(str(answer["date_of_birth"])),
                sex=Sex(answer["sex"]),
                permanent_address=str(answer["permanent_address"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a register answer: {exc}") from exc


class Failure(str, Enum):
    """Why the register gave no fresh answer; each is worded for the officer by ``status_text``."""

    OFFLINE = "offline"
    TIMEOUT = "timeout"
    UNAVAILABLE = "unavailable"
    SIGN_IN = "sign_in"
    REFUSED = "refused"
    UNREADABLE = "unreadable"
    UNEXPECTED = "unexpected"


@dataclass(frozen=True)
class LookupOutcome:
    """What one look-up came to. ``citizen`` is the fresh answer, or the kept one when
    ``failure`` is set; ``fetched_at`` is when that answer came from the register."""

    cccd: str
    citizen: RegisterCitizen | None = None
    fetched_at: datetime | None = None
    not_found: bool = False
    failure: Failure | None = None
    error: BaseException | None = None

    @property
    def from_cache(self) -> bool:
        return self.failure is not None and self.citizen is not None


class RegisterLookup:
    """Asks the register for the citizen step; ``__call__`` blocks, so run it on an op.

    ``central`` is the signed-in session's client. The sync worker uses that one on its
    own thread, so each look-up goes through a short-lived client of its own with the
    session's current access token and no refresh token: renewing (which the server
    accepts once per refresh token) stays the sync worker's business.
    """

    def __init__(self, central: CentralClient, store: DeskStore, *, timeout: float = LOOKUP_TIMEOUT_S) -> None:
        self._central = central
        self._store = store
        self.timeout = timeout

    def __call__(self, cccd: str) -> LookupOutcome:
        central = self._central
        try:
            with central.courier(self.timeout) as courier:
                answer = courier.lookup_citizen(cccd)
        except Exception as exc:  # noqa: BLE001 - every failure becomes an outcome the page words
            return self._from_cache(cccd, _failure_of(exc), exc)
        if answer is None:
            return LookupOutcome(cccd, not_found=True)
        citizen = RegisterCitizen.from_answer(answer)  # lookup_citizen checked it already
        try:
            kept = self._store.save_citizen_lookup(cccd, answer)
            fetched_at = kept.fetched_at
        except DeskError as exc:
            # The answer is still worth showing; only the offline copy is missing.
            log.warning("the register's answer could not be kept on the desk: %s", exc)
            fetched_at = None
        return LookupOutcome(cccd, citizen=citizen, fetched_at=fetched_at)

    def _from_cache(self, cccd: str, failure: Failure, error: BaseException) -> LookupOutcome:
        try:
            kept = self._store.citizen_lookup(cccd)
            citizen = RegisterCitizen.from_answer(kept.answer) if kept is not None else None
        except (DeskError, ValueError) as exc:
            log.warning("the kept register answer could not be read: %s", exc)
            kept, citizen = None, None
        if citizen is None or kept is None:
            return LookupOutcome(cccd, failure=failure, error=error)
        return LookupOutcome(cccd, citizen=citizen, fetched_at=kept.fetched_at, failure=failure, error=error)


def _failure_of(error: BaseException) -> Failure:
    if isinstance(error, MalformedAnswer):
        return Failure.UNREADABLE
    if isinstance(error, CentralUnavailable):
        if error.kind == "network":
            return Failure.OFFLINE
        if error.kind == "timeout":
            return Failure.TIMEOUT
        return Failure.UNAVAILABLE
    if isinstance(error, AuthenticationFailed):
        return Failure.SIGN_IN
    if isinstance(error, CentralRejected):
        return Failure.REFUSED
    log.error("unexpected failure of a register look-up", exc_info=error)
    return Failure.UNEXPECTED


# ---------------------------------------------------------------------- what the officer reads


def looking_up_text(cccd: str) -> str:
    return translate("CitizenLookup", "Looking up CCCD {cccd} in the population register… You can go on meanwhile.").format(
        cccd=cccd)


def status_text(outcome: LookupOutcome) -> str:
    """One calm sentence: what the register said, or why it said nothing and what to do."""
    if outcome.not_found:
        return translate(
            "CitizenLookup",
            "The population register has no citizen with CCCD {cccd}. Check the number against the card; "
            "you can go on with the details as they are.",
        ).format(cccd=outcome.cccd)
    if outcome.failure is None:
        if outcome.fetched_at is None:
            return translate("CitizenLookup", "Found in the population register.")
        return translate("CitizenLookup", "Found in the population register at {time}.").format(
            time=format_moment(outcome.fetched_at))
    if outcome.failure is Failure.OFFLINE:
        reason = translate("CitizenLookup", "The desk is offline, so the population register cannot be asked now.")
    elif outcome.failure is Failure.TIMEOUT:
        reason = translate("CitizenLookup", "The population register did not answer in time.")
    elif outcome.failure is Failure.UNAVAILABLE:
        reason = translate("CitizenLookup", "The population register is not answering at the moment.")
    elif outcome.failure is Failure.SIGN_IN:
        reason = translate("CitizenLookup", "The population register could not be asked while the desk renews its sign-in.")
    elif outcome.failure is Failure.REFUSED:
        reason = translate("CitizenLookup", "The central system refused the look-up ({reason}).").format(
            reason=getattr(outcome.error, "reason", ""))
    elif outcome.failure is Failure.UNREADABLE:
        reason = translate("CitizenLookup", "The population register's answer could not be read.")
    else:
        reason = error_text(outcome.error) if outcome.error is not None else ""
    if outcome.citizen is not None and outcome.fetched_at is not None:
        shown = translate("CitizenLookup", "Shown below: the register's answer as looked up at {time}.")
        return reason + " " + shown.format(time=format_moment(outcome.fetched_at))
    return reason + " " + translate("CitizenLookup", "Go on with the details from the card; you can ask again later.")


def sex_text(sex: Sex | None) -> str:
    if sex is Sex.MALE:
        return translate("CitizenLookup", "Male (Nam)")
    if sex is Sex.FEMALE:
        return translate("CitizenLookup", "Female (Nữ)")
    return ""


# ---------------------------------------------------------------------- card against register


@dataclass(frozen=True)
class TypedCitizen:
    """The citizen step's fields as they stand (from the card or typed); None where empty or unreadable."""

    full_name: str
    date_of_birth: date | None
    sex: Sex | None
    address: str


class Field(str, Enum):
    NAME = "full_name"
    DATE_OF_BIRTH = "date_of_birth"
    SEX = "sex"
    ADDRESS = "address"


@dataclass(frozen=True)
class Difference:
    field: Field
    text: str
    # Name, birth date or sex: another person, or a mistake; the officer must look.
    # The address: people move, and the card keeps the address it was issued with.
    serious: bool


_COMMA = re.compile(r"\s*,\s*")
_SPACES = re.compile(r"\s+")


def _same(a: str, b: str) -> bool:
    def key(text: str) -> str:
        text = unicodedata.normalize("NFC", text).casefold()
        return _COMMA.sub(", ", _SPACES.sub(" ", text).strip())

    return key(a) == key(b)


def compare(typed: TypedCitizen, register: RegisterCitizen) -> list[Difference]:
    """What the fields and the register disagree on; an empty field is not a difference.

    Each text names the form's value: the register's stands highlighted beside it.
    """
    found: list[Difference] = []
    if typed.full_name.strip() and not _same(typed.full_name, register.full_name):
        if fold(typed.full_name) == fold(register.full_name):
            text = translate("CitizenLookup", "Name: only the accents differ from the form's “{typed}”.")
        else:
            text = translate("CitizenLookup", "Name: not the form's “{typed}”.")
        found.append(Difference(Field.NAME, text.format(typed=typed.full_name.strip()), serious=True))
    if typed.date_of_birth is not None and typed.date_of_birth != register.date_of_birth:
        text = translate("CitizenLookup", "Date of birth: not the form's {typed}.").format(
            typed=format_date(typed.date_of_birth))
        found.append(Difference(Field.DATE_OF_BIRTH, text, serious=True))
    if typed.sex is not None and typed.sex is not register.sex:
        text = translate("CitizenLookup", "Sex: not the form's {typed}.").format(typed=sex_text(typed.sex))
        found.append(Difference(Field.SEX, text, serious=True))
    if typed.address.strip() and not _same(typed.address, register.permanent_address):
        text = translate(
            "CitizenLookup",
            "Address: not the form's “{typed}”. It may have changed since the card was issued: "
            "ask the citizen which is current.",
        ).format(typed=typed.address.strip())
        found.append(Difference(Field.ADDRESS, text, serious=False))
    return found


def empty_fields_the_register_fills(typed: TypedCitizen) -> bool:
    return not typed.full_name.strip() or typed.date_of_birth is None or typed.sex is None or not typed.address.strip()
