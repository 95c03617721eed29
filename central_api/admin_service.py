"""What administrators change: accounts, desks, catalogue versions, calendar days.

Plain functions over the database, called by ``central_api.routes.admin`` and usable from
the command line to bootstrap a deployment (the first administrator and desk). Each one
names the acting administrator so the log tells who changed what.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central_api.admin_schemas import (
    AdminUserOut,
    CalendarDayIn,
    CatalogueVersionOut,
    DeskKeyOut,
    DeskOut,
    UserChange,
    UserCreate,
)
from central_api.auth import advisory_lock, revoke_sessions
from central_api.calendar_overrides import put_override
from central_api.catalogue import CatalogueInvalid, check_catalogue, current, etag_for
from central_api.context import utc_now
from central_api.db import Database
from central_api.errors import ApiError
from central_api.models import CalendarOverride, CatalogueVersion, Desk, Site, User
from central_api.schemas import CalendarOverrideOut
from central_api.security import hash_password
from desk_app.core.timeutil import to_rfc3339

log = logging.getLogger(__name__)

ADMINISTRATOR = "administrator"


# accounts -----------------------------------------------------------------------------


def user_out(user: User) -> AdminUserOut:
    return AdminUserOut(
        username=user.username,
        full_name=user.full_name,
        role=user.role,  # type: ignore[arg-type]
        site_code=user.site_code,
        active=user.active,
        failed_logins=user.failed_logins,
        locked_until=to_rfc3339(user.locked_until) if user.locked_until is not None else None,
        created_at=to_rfc3339(user.created_at),
    )


def _user(session: Session, username: str, *, for_update: bool = False) -> User:
    query = select(User).where(User.username == username)
    user = session.scalar(query.with_for_update() if for_update else query)
    if user is None:
        raise ApiError(404, "user_not_found", f"No account {username!r}.")
    return user


def _site(session: Session, site_code: str) -> Site:
    site = session.get(Site, site_code)
    if site is None:
        raise ApiError(422, "unknown_site", f"No site {site_code!r}.", site_code=site_code)
    return site


def list_users(db: Database, site_code: str | None = None, role: str | None = None,
               active: bool | None = None) -> list[AdminUserOut]:
    query = select(User).order_by(User.site_code, User.username)
    if site_code is not None:
        query = query.where(User.site_code == site_code)
    if role is not None:
        query = query.where(User.role == role)
    if active is not None:
        query = query.where(User.active.is_(active))
    with db.reading() as session:
        return [user_out(u) for u in session.scalars(query)]


def get_user(db: Database, username: str) -> AdminUserOut:
    with db.reading() as session:
        return user_out(_user(session, username))


def create_user(db: Database, actor: str, body: UserCreate) -> AdminUserOut:
    password_hash = hash_password(body.password)  # slow on purpose: outside the transaction
    try:
        with db.writing() as session:
            _site(session, body.site_code)
            if session.scalar(select(User.id).where(User.username == body.username)) is not None:
                raise ApiError(409, "username_taken", f"An account {body.username!r} exists already.")
            user = User(
                username=body.username, full_name=body.full_name, role=body.role, site_code=body.site_code,
                password_hash=password_hash, active=True, created_at=utc_now(), failed_logins=0,
            )
            session.add(user)
            session.flush()
            answer = user_out(user)
    except IntegrityError:
        # Two creations of one name at once: the unique index let only one through.
        raise ApiError(409, "username_taken", f"An account {body.username!r} exists already.") from None
    log.info("%s created account %s (%s at %s)", actor, body.username, body.role, body.site_code)
    return answer


def _keep_an_administrator(session: Session, user: User) -> None:
    """Refuses to leave the service without an active administrator: nobody could then
    manage accounts or desks, and the fix would need direct database access."""
    advisory_lock(session, "administrators")
    others = session.scalar(
        select(func.count()).select_from(User)
        .where(User.role == ADMINISTRATOR, User.active.is_(True), User.id != user.id)
    )
    if not others:
        raise ApiError(409, "last_administrator", "This is the last active administrator; appoint another first.")


def change_user(db: Database, actor: str, username: str, change: UserChange) -> AdminUserOut:
    with db.writing() as session:
        user = _user(session, username, for_update=True)
        fields = change.model_fields_set
        loses_admin = user.role == ADMINISTRATOR and user.active and (
            ("role" in fields and change.role != ADMINISTRATOR) or ("active" in fields and change.active is False)
        )
        if loses_admin:
            _keep_an_administrator(session, user)
        new_terms = (
            ("role" in fields and change.role != user.role)
            or ("site_code" in fields and change.site_code != user.site_code)
            or ("active" in fields and change.active is False and user.active)
        )
        if "site_code" in fields and change.site_code is not None:
            user.site_code = _site(session, change.site_code).code
        if "role" in fields and change.role is not None:
            user.role = change.role
        if "full_name" in fields and change.full_name is not None:
            user.full_name = change.full_name
        if "active" in fields and change.active is not None:
            user.active = change.active
        if new_terms:
            revoke_sessions(session, "account_changed", user_id=user.id)
        answer = user_out(user)
    log.info("%s changed account %s: %s", actor, username, sorted(change.model_fields_set))
    return answer


def reset_password(db: Database, actor: str, username: str, password: str) -> AdminUserOut:
    """A new password ends the sessions opened with the old one and lifts a lock-out."""
    password_hash = hash_password(password)
    with db.writing() as session:
        user = _user(session, username, for_update=True)
        user.password_hash = password_hash
        user.failed_logins, user.locked_until = 0, None
        revoke_sessions(session, "password_reset", user_id=user.id)
        answer = user_out(user)
    log.info("%s reset the password of %s", actor, username)
    return answer


def unlock_user(db: Database, actor: str, username: str) -> AdminUserOut:
    with db.writing() as session:
        user = _user(session, username, for_update=True)
        user.failed_logins, user.locked_until = 0, None
        answer = user_out(user)
    log.info("%s unlocked %s", actor, username)
    return answer


# desks --------------------------------------------------------------------------------


def desk_out(desk: Desk) -> DeskOut:
    return DeskOut(
        desk_id=desk.desk_id,
        site_code=desk.site_code,
        enrolled=desk.key_hash is not None,
        active=desk.active,
        enrolled_by=desk.enrolled_by,
        enrolled_at=to_rfc3339(desk.enrolled_at) if desk.enrolled_at is not None else None,
        last_username=desk.last_username,
        first_seen_at=to_rfc3339(desk.first_seen_at),
        last_seen_at=to_rfc3339(desk.last_seen_at),
    )


def _desk(session: Session, desk_id: str) -> Desk:
    desk = session.get(Desk, desk_id, with_for_update=True)
    if desk is None:
        raise ApiError(404, "desk_not_found", f"No desk {desk_id!r}.")
    return desk


def new_desk_key() -> str:
    """192 random bits, URL-safe, so it survives being typed or pasted into the desk's settings."""
    return secrets.token_urlsafe(24)


def list_desks(db: Database, site_code: str | None = None) -> list[DeskOut]:
    query = select(Desk).order_by(Desk.site_code, Desk.desk_id)
    if site_code is not None:
        query = query.where(Desk.site_code == site_code)
    with db.reading() as session:
        return [desk_out(d) for d in session.scalars(query)]


def enrol_desk(db: Database, actor: str, desk_id: str, site_code: str) -> DeskKeyOut:
    """Gives a desk its key. A desk that registered itself while enrolment was open keeps
    its history and is enrolled in place; an enrolled one keeps its key (rotate it instead)."""
    key = new_desk_key()
    key_hash = hash_password(key)
    now = utc_now()
    try:
        with db.writing() as session:
            _site(session, site_code)
            desk = session.get(Desk, desk_id, with_for_update=True)
            if desk is None:
                desk = Desk(desk_id=desk_id, site_code=site_code, last_username="",
                            first_seen_at=now, last_seen_at=now, active=True)
                session.add(desk)
            elif desk.key_hash is not None:
                raise ApiError(409, "desk_enrolled", f"Desk {desk_id} is enrolled already; rotate its key instead.")
            elif desk.site_code != site_code:
                # It worked for another site until now: nobody stays logged in across the move.
                revoke_sessions(session, "desk_enrolled", desk_id=desk_id)
                desk.site_code = site_code
            desk.key_hash, desk.enrolled_by, desk.enrolled_at, desk.active = key_hash, actor, now, True
    except IntegrityError:
        raise ApiError(409, "desk_enrolled", f"Desk {desk_id} was enrolled at the same moment.") from None
    log.info("%s enrolled desk %s for site %s", actor, desk_id, site_code)
    return DeskKeyOut(desk_id=desk_id, site_code=site_code, desk_key=key, enrolled_at=to_rfc3339(now))


def rotate_desk_key(db: Database, actor: str, desk_id: str) -> DeskKeyOut:
    """A new key; the old one stops working and the desk's open sessions end (the old key
    may be why it is rotated)."""
    key = new_desk_key()
    key_hash = hash_password(key)
    now = utc_now()
    with db.writing() as session:
        desk = _desk(session, desk_id)
        if desk.key_hash is None:
            raise ApiError(409, "desk_not_enrolled", f"Desk {desk_id} is not enrolled; enrol it first.")
        desk.key_hash, desk.enrolled_by, desk.enrolled_at = key_hash, actor, now
        revoke_sessions(session, "desk_key_rotated", desk_id=desk_id)
        site_code = desk.site_code
    log.info("%s rotated the key of desk %s", actor, desk_id)
    return DeskKeyOut(desk_id=desk_id, site_code=site_code, desk_key=key, enrolled_at=to_rfc3339(now))


def set_desk_active(db: Database, actor: str, desk_id: str, active: bool) -> DeskOut:
    with db.writing() as session:
        desk = _desk(session, desk_id)
        desk.active = active
        if not active:
            revoke_sessions(session, "desk_deactivated", desk_id=desk_id)
        answer = desk_out(desk)
    log.info("%s %s desk %s", actor, "activated" if active else "deactivated", desk_id)
    return answer


# catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueExport:
    body: dict[str, Any]
    etag: str


def _version_out(row: CatalogueVersion, current_version: str | None) -> CatalogueVersionOut:
    return CatalogueVersionOut(
        version=row.version,
        state=row.state,  # type: ignore[arg-type]
        etag=row.etag,
        procedure_count=len(row.body.get("procedures", [])),
        created_at=to_rfc3339(row.created_at),
        published_at=to_rfc3339(row.published_at) if row.published_at is not None else None,
        published_by=row.published_by,
        current=row.version == current_version,
    )


def _published(version: str) -> ApiError:
    return ApiError(
        409, "version_published",
        f"Catalogue version {version} is published and can no longer change; import a new version.",
        version=version,
    )


def _version(session: Session, version: str, *, for_update: bool = False) -> CatalogueVersion:
    row = session.get(CatalogueVersion, version, with_for_update=for_update)
    if row is None:
        raise ApiError(404, "catalogue_version_not_found", f"No catalogue version {version!r}.")
    return row


def list_catalogue_versions(db: Database) -> list[CatalogueVersionOut]:
    with db.reading() as session:
        served = current(session)
        rows = session.scalars(
            select(CatalogueVersion).order_by(CatalogueVersion.created_at.desc(), CatalogueVersion.version.desc())
        ).all()
        return [_version_out(r, served.version if served is not None else None) for r in rows]


def import_catalogue(db: Database, actor: str, body: Any) -> tuple[bool, CatalogueVersionOut]:
    """Stores ``body`` as a draft of its version: (created, the version). A draft of the same
    version is replaced; a published one is refused, since dossiers name it for ever."""
    if not isinstance(body, dict):
        raise ApiError(422, "catalogue_invalid", "A catalogue is a JSON object.")
    try:
        check_catalogue(body)
    except CatalogueInvalid as exc:
        raise ApiError(422, "catalogue_invalid", f"The catalogue is not valid: {exc}") from None
    version = body["version"]
    now = utc_now()
    try:
        with db.writing() as session:
            row = session.get(CatalogueVersion, version, with_for_update=True)
            created = row is None
            if row is None:
                row = CatalogueVersion(version=version, created_at=now, activated_at=None, published_at=None,
                                       state="draft", etag=etag_for(body), body=body)
                session.add(row)
            elif row.state == "published":
                raise _published(version)
            else:
                row.body, row.etag = body, etag_for(body)
            session.flush()
            served = current(session)
            answer = _version_out(row, served.version if served is not None else None)
    except IntegrityError:
        raise ApiError(409, "version_conflict", f"Catalogue version {version} was imported at the same moment.") from None
    log.info("%s imported catalogue version %s as a draft", actor, version)
    return created, answer


def export_catalogue(db: Database, version: str) -> CatalogueExport:
    with db.reading() as session:
        row = _version(session, version)
        return CatalogueExport(body=row.body, etag=row.etag)


def publish_catalogue(db: Database, actor: str, version: str) -> CatalogueVersionOut:
    """The draft becomes the catalogue every desk downloads next (new ETag, so their
    If-None-Match no longer matches), and never changes again."""
    now = utc_now()
    with db.writing() as session:
        row = _version(session, version, for_update=True)
        if row.state == "published":
            raise _published(version)
        # Checked again: the rules of check_catalogue may be stricter than when it was imported.
        try:
            check_catalogue(row.body)
        except CatalogueInvalid as exc:
            raise ApiError(422, "catalogue_invalid", f"The draft is not valid: {exc}") from None
        row.state, row.published_at, row.published_by, row.activated_at = "published", now, actor, now
        session.flush()
        answer = _version_out(row, version)
    log.info("%s published catalogue version %s", actor, version)
    return answer


def delete_catalogue_draft(db: Database, actor: str, version: str) -> None:
    with db.writing() as session:
        row = _version(session, version, for_update=True)
        if row.state == "published":
            raise _published(version)
        session.delete(row)
    log.info("%s deleted the catalogue draft %s", actor, version)


# calendar -----------------------------------------------------------------------------


def put_calendar_day(db: Database, actor: str, day: date, body: CalendarDayIn) -> tuple[bool, CalendarOverrideOut]:
    for attempt in (1, 2):
        try:
            with db.writing() as session:
                created = session.scalar(select(CalendarOverride.id).where(CalendarOverride.day == day)) is None
                put_override(session, day, body.kind, body.name, body.note, body.confirmed)
            break
        except IntegrityError:
            # Two administrators created the same day at once; the second one now replaces it.
            if attempt == 2:
                raise
    log.info("%s set calendar day %s: %s", actor, day.isoformat(), body.kind)
    return created, CalendarOverrideOut(day=day, kind=body.kind, name=body.name, note=body.note, confirmed=body.confirmed)


def delete_calendar_day(db: Database, actor: str, day: date) -> None:
    with db.writing() as session:
        removed = session.execute(
            delete(CalendarOverride).where(CalendarOverride.day == day).execution_options(synchronize_session=False)
        ).rowcount
    if not removed:
        raise ApiError(404, "calendar_day_not_found", f"No override for {day.isoformat()}.")
    log.info("%s removed the calendar override of %s", actor, day.isoformat())
