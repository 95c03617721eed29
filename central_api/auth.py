"""Logins, token rotation and the identity behind every authenticated call.

A login opens a session (one desk, one user). Access tokens are short-lived; a refresh
token works once and hands down a fresh pair. Presenting a refresh token a second time
means it leaked or a response was replayed, so the whole session is revoked.
"""

from __future__ import annotations

import hashlib
import logging
import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from central_api import __version__
from central_api.access_log import note_caller
from central_api.context import AppContext, get_context, utc_now
from central_api.db import upsert
from central_api.errors import ApiError
from central_api.models import AuthSession, AuthToken, Desk, LoginAttempt, Site, User
from central_api.schemas import EnrolmentCheckOut, TokenResponse, UserOut
from central_api.security import new_token, token_digest, verify_password
from central_api.settings import CentralSettings
from desk_app.core.timeutil import to_rfc3339

# The same set as central_api.authz.INTAKE_ROLES, which routes declare; kept here for the
# handlers that check a role themselves (authz imports this module, not the other way).
INTAKE_ROLES = frozenset({"officer", "postal_assistant", "supervisor"})
RATE_WINDOW = timedelta(minutes=1)
UNKNOWN_NAME_HORIZON = timedelta(days=1)
ATTEMPT_RETENTION = timedelta(days=2)
log = logging.getLogger(__name__)
_BEARER = {"WWW-Authenticate": "Bearer"}


@dataclass(frozen=True)
class Principal:
    """Who is calling, from which desk, for which site."""

    user_id: int
    username: str
    full_name: str
    role: str
    site_code: str
    site_name: str
    place: str
    code_width: int
    desk_id: str
    session_id: str

    def require_role(self, roles: frozenset[str]) -> None:
        if self.role not in roles:
            raise ApiError(
                403, "forbidden_role", f"The role {self.role} may not do this.", allowed=sorted(roles)
            )


def _user_out(user: User, site: Site) -> UserOut:
    return UserOut(
        username=user.username,
        full_name=user.full_name,
        role=user.role,  # type: ignore[arg-type]
        site_code=site.code,
        site_name=site.name,
        agency_code=site.code,
        place=site.place,
    )


def _issue_pair(session: Session, ctx: AppContext, auth_session_id: str, now: datetime) -> tuple[str, str]:
    access, refresh = new_token(), new_token()
    settings = ctx.settings
    session.add_all(
        [
            AuthToken(
                token_hash=token_digest(access),
                session_id=auth_session_id,
                kind="access",
                issued_at=now,
                expires_at=now + timedelta(seconds=settings.access_token_seconds),
            ),
            AuthToken(
                token_hash=token_digest(refresh),
                session_id=auth_session_id,
                kind="refresh",
                issued_at=now,
                expires_at=now + timedelta(seconds=settings.refresh_token_seconds),
            ),
        ]
    )
    return access, refresh


def _token_response(ctx: AppContext, access: str, refresh: str, user: User, site: Site) -> TokenResponse:
    return TokenResponse(
        access_token=access,
        refresh_token=refresh,
        expires_in=ctx.settings.access_token_seconds,
        refresh_expires_in=ctx.settings.refresh_token_seconds,
        user=_user_out(user, site),
    )


def _locked(until: datetime) -> ApiError:
    seconds = max(1, math.ceil((until - utc_now()).total_seconds()))
    return ApiError(
        423, "account_locked", "Too many failed logins: this account is locked for a while.",
        headers={"Retry-After": str(seconds)}, locked_until=to_rfc3339(until),
    )


def advisory_lock(session: Session, key: str) -> None:
    """Serialises writers of one key on PostgreSQL (SQLite's BEGIN IMMEDIATE already does)."""
    if session.get_bind().dialect.name == "postgresql":
        number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big", signed=True)
        session.execute(select(func.pg_advisory_xact_lock(number)))


def _admit_attempt(ctx: AppContext, username: str, remote: str, now: datetime) -> int:
    """Records a login attempt, or refuses it (429) when the address made too many this minute.

    Counted in the database, so the limit holds across every worker and process. A refused
    attempt is not recorded: Retry-After then tells exactly when the next one is let in."""
    limit = ctx.settings.login_attempts_per_minute
    with ctx.db.writing() as session:
        advisory_lock(session, "login:" + remote)
        recent = session.scalars(
            select(LoginAttempt.at)
            .where(LoginAttempt.remote == remote, LoginAttempt.at > now - RATE_WINDOW)
            .order_by(LoginAttempt.at)
            .limit(limit)
        ).all()
        if len(recent) >= limit:
            wait = max(1, math.ceil((recent[0] + RATE_WINDOW - now).total_seconds()))
            raise ApiError(
                429, "too_many_attempts", f"Too many login attempts from this address; try again in {wait} s.",
                headers={"Retry-After": str(wait)}, retry_after=wait,
            )
        attempt = LoginAttempt(username=username, remote=remote, at=now, success=False)
        session.add(attempt)
        session.flush()
        return attempt.id


def _replayed_lock(
    session: Session, settings: CentralSettings, username: str, before_id: int, now: datetime
) -> datetime | None:
    """The lock an account of this name would be under, worked out from the attempt log.

    Used for names no account has, so that they answer 401 and then 423 exactly like a
    real account being guessed at: the answers do not tell which user names exist."""
    rows = session.execute(
        select(LoginAttempt.at, LoginAttempt.success)
        .where(LoginAttempt.username == username, LoginAttempt.at >= now - UNKNOWN_NAME_HORIZON,
               LoginAttempt.id < before_id)
        .order_by(LoginAttempt.at, LoginAttempt.id)
    ).all()
    failures, locked_until = 0, None
    for at, success in rows:
        if locked_until is not None and at < locked_until:
            continue  # refused while locked: not a guess that counts, as for a real account
        if success:
            failures, locked_until = 0, None
            continue
        failures += 1
        if failures >= settings.login_max_failures:
            failures, locked_until = 0, at + timedelta(minutes=settings.login_lockout_minutes)
    return locked_until if locked_until is not None and locked_until > now else None


def _count_failure(ctx: AppContext, user_id: int | None) -> None:
    """One more consecutive failure; the Nth locks the account for the configured minutes."""
    if user_id is None:
        return  # the attempt row already says it failed; _replayed_lock reads it from there
    settings = ctx.settings
    with ctx.db.writing() as session:
        user = session.get_one(User, user_id, with_for_update=True)
        user.failed_logins += 1
        if user.failed_logins >= settings.login_max_failures:
            user.failed_logins = 0
            user.locked_until = utc_now() + timedelta(minutes=settings.login_lockout_minutes)
            log.warning("account %s locked after %d failed logins", user.username, settings.login_max_failures)


def _bad_credentials() -> ApiError:
    return ApiError(401, "bad_credentials", "Wrong user name or password.", headers=_BEARER)


def login(
    ctx: AppContext,
    username: str,
    password: str,
    desk_id: str,
    desk_key: str | None = None,
    remote: str = "unknown",
) -> TokenResponse:
    """Opens a session for ``username`` at ``desk_id``.

    Order of the checks: rate limit per address (429), lock-out (423), desk key when
    enrolment is required (401), password (401 bad_credentials, the same for an unknown
    name), then, only for someone who proved the password: account disabled, desk
    deactivated or of another site (403)."""
    settings = ctx.settings
    now = utc_now()
    attempt_id = _admit_attempt(ctx, username, remote[:64], now)
    with ctx.db.reading() as session:
        user = session.scalar(select(User).where(User.username == username))
        desk = session.get(Desk, desk_id)
        if user is not None:
            locked_until = user.locked_until if user.locked_until is not None and user.locked_until > now else None
        else:
            locked_until = _replayed_lock(session, settings, username, attempt_id, now)
    if locked_until is not None:
        raise _locked(locked_until)
    user_id = user.id if user is not None else None
    # Hashing is slow on purpose; it runs outside any transaction so it holds no lock.
    if settings.desk_enrolment == "required":
        key_hash = desk.key_hash if desk is not None else None
        if not verify_password(key_hash, desk_key or ""):
            _count_failure(ctx, user_id)
            raise ApiError(
                401, "desk_not_enrolled",
                "This desk is not enrolled or its desk key is wrong. Ask the administrator to enrol it.",
                headers=_BEARER,
            )
    if not verify_password(user.password_hash if user is not None else None, password) or user is None:
        _count_failure(ctx, user_id)
        raise _bad_credentials()
    if not user.active:
        raise ApiError(403, "account_disabled", "This account is disabled. Ask the administrator.")
    with ctx.db.writing() as session:
        site = session.get_one(Site, user.site_code)
        if settings.desk_enrolment == "open":
            # A desk registers itself at its first login; two first logins may race (PostgreSQL).
            session.execute(
                upsert(session, Desk)
                .values(desk_id=desk_id, site_code=site.code, last_username=user.username,
                        first_seen_at=now, last_seen_at=now, active=True)
                .on_conflict_do_nothing(index_elements=[Desk.desk_id])
            )
        desk = session.get(Desk, desk_id, with_for_update=True, populate_existing=True)
        if desk is None:  # deleted between the key check and now
            raise ApiError(401, "desk_not_enrolled", "This desk is not enrolled.", headers=_BEARER)
        if not desk.active:
            raise ApiError(403, "desk_inactive", "This desk was deactivated. Ask the administrator.")
        if desk.site_code != site.code:
            raise ApiError(
                403, "desk_wrong_site", f"This desk belongs to site {desk.site_code}; log in at a desk of your site.",
                desk_site_code=desk.site_code,
            )
        desk.last_username, desk.last_seen_at = user.username, now
        account = session.get_one(User, user.id, with_for_update=True, populate_existing=True)
        account.failed_logins, account.locked_until = 0, None
        session.execute(
            update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(success=True)
            .execution_options(synchronize_session=False)
        )
        # Attempts matter for a day at most (see _replayed_lock); older ones are dropped here.
        session.execute(
            delete(LoginAttempt).where(LoginAttempt.at < now - ATTEMPT_RETENTION)
            .execution_options(synchronize_session=False)
        )
        auth_session = AuthSession(id=str(uuid.uuid4()), user_id=user.id, desk_id=desk_id, created_at=now)
        session.add(auth_session)
        session.flush()
        access, refresh = _issue_pair(session, ctx, auth_session.id, now)
        return _token_response(ctx, access, refresh, account, site)


def _desk_attempt_name(desk_id: str) -> str:
    """The name a desk-key check is logged under in the attempt log. The colon keeps it apart
    from every user name (USERNAME_PATTERN has none); an id too long for the column is hashed."""
    name = "desk:" + desk_id
    if len(name) <= 64:
        return name
    return "desk#" + hashlib.sha256(desk_id.encode("utf-8")).hexdigest()[:59]


def _not_enrolled() -> ApiError:
    return ApiError(
        401, "desk_not_enrolled",
        "This desk is not enrolled or its desk key is wrong. Ask the administrator to enrol it.",
        headers=_BEARER,
    )


def check_desk_key(ctx: AppContext, desk_id: str, desk_key: str, remote: str = "unknown") -> EnrolmentCheckOut:
    """Whether ``desk_key`` is the key of the active desk ``desk_id``, and for which site.

    Guarded like a login: the attempt counts against the address's per-minute limit (429),
    and after ``login_max_failures`` wrong answers in a row for one desk id, checks of that id
    are refused for ``login_lockout_minutes`` (429 with Retry-After). An unknown desk, an
    inactive one and a wrong key give the same 401 ``desk_not_enrolled``, cost the same key
    hashing and lock the same way, so the answers do not tell which desk ids exist."""
    now = utc_now()
    name = _desk_attempt_name(desk_id)
    attempt_id = _admit_attempt(ctx, name, remote[:64], now)
    with ctx.db.reading() as session:
        locked_until = _replayed_lock(session, ctx.settings, name, attempt_id, now)
        row = session.execute(
            select(Desk.key_hash, Desk.active, Site.code, Site.name)
            .join(Site, Site.code == Desk.site_code)
            .where(Desk.desk_id == desk_id)
        ).first()
    if locked_until is not None:
        wait = max(1, math.ceil((locked_until - now).total_seconds()))
        raise ApiError(
            429, "too_many_attempts", f"Too many wrong desk keys for this desk; try again in {wait} s.",
            headers={"Retry-After": str(wait)}, retry_after=wait,
        )
    # Hashing is slow on purpose; it runs outside any transaction so it holds no lock.
    key_matches = verify_password(row.key_hash if row is not None else None, desk_key)
    if row is None or not key_matches or not row.active:
        raise _not_enrolled()  # the attempt row stays a failure: _replayed_lock counts it
    with ctx.db.writing() as session:
        session.execute(
            update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(success=True)
            .execution_options(synchronize_session=False)
        )
    return EnrolmentCheckOut(desk_id=desk_id, site_code=row.code, site_name=row.name, server_version=__version__)


def revoke_sessions(session: Session, reason: str, *, user_id: int | None = None, desk_id: str | None = None) -> int:
    """Ends every open session of a user or of a desk (role change, key rotation, …)."""
    query = update(AuthSession).where(AuthSession.revoked_at.is_(None))
    if user_id is not None:
        query = query.where(AuthSession.user_id == user_id)
    if desk_id is not None:
        query = query.where(AuthSession.desk_id == desk_id)
    if user_id is None and desk_id is None:
        raise ValueError("name a user or a desk")
    result = session.execute(
        query.values(revoked_at=utc_now(), revoked_reason=reason).execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def refresh(ctx: AppContext, refresh_token: str) -> TokenResponse:
    now = utc_now()
    with ctx.db.writing() as session:
        token = session.get(AuthToken, token_digest(refresh_token))
        if token is None or token.kind != "refresh":
            raise ApiError(401, "invalid_token", "This refresh token is not known. Log in again.", headers=_BEARER)
        auth_session = session.get_one(AuthSession, token.session_id)
        if auth_session.revoked_at is not None:
            raise ApiError(401, "token_revoked", "This session was ended. Log in again.", headers=_BEARER)
        if token.expires_at <= now:
            raise ApiError(401, "token_expired", "The session expired. Log in again.", headers=_BEARER)
        user = session.get_one(User, auth_session.user_id)
        if not user.active:
            raise ApiError(401, "invalid_token", "This account is disabled.", headers=_BEARER)
        if not session.get_one(Desk, auth_session.desk_id).active:
            raise ApiError(401, "token_revoked", "This desk was deactivated. Ask the administrator.", headers=_BEARER)
        # Claim the token with one conditional UPDATE: of two concurrent refreshes exactly
        # one wins, and the other is treated as the reuse it is.
        claimed = session.execute(
            update(AuthToken)
            .where(AuthToken.token_hash == token.token_hash, AuthToken.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed == 1:
            access, new_refresh = _issue_pair(session, ctx, auth_session.id, now)
            site = session.get_one(Site, user.site_code)
            return _token_response(ctx, access, new_refresh, user, site)
        session.execute(
            update(AuthSession)
            .where(AuthSession.id == auth_session.id)
            .values(revoked_at=now, revoked_reason="refresh_reuse")
            .execution_options(synchronize_session=False)
        )
    # Raised after the transaction committed, so the revocation stands.
    raise ApiError(
        401, "token_reused", "This refresh token was already used; the session is ended. Log in again.",
        headers=_BEARER,
    )


def revoke(ctx: AppContext, refresh_token: str) -> bool:
    """Ends the session the token belongs to. Unknown tokens are not an error (RFC 7009)."""
    now = utc_now()
    with ctx.db.writing() as session:
        token = session.get(AuthToken, token_digest(refresh_token))
        if token is None or token.kind != "refresh":
            return False
        session.execute(
            update(AuthSession)
            .where(AuthSession.id == token.session_id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason="revoked")
        )
        return True


_bearer = HTTPBearer(auto_error=False, description="access_token from POST /v1/auth/token")


def current_principal(
    request: Request,
    ctx: Annotated[AppContext, Depends(get_context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    x_desk_id: Annotated[
        str | None, Header(alias="X-Desk-Id", description="the desk the token was issued to")
    ] = None,
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ApiError(401, "not_authenticated", "Send 'Authorization: Bearer <access_token>'.", headers=_BEARER)
    if not x_desk_id:
        raise ApiError(400, "desk_id_required", "Send the desk's id in the X-Desk-Id header.")
    now = utc_now()
    with ctx.db.reading() as session:
        row = session.execute(
            select(AuthToken, AuthSession, User, Site, Desk.active)
            .join(AuthSession, AuthSession.id == AuthToken.session_id)
            .join(User, User.id == AuthSession.user_id)
            .join(Site, Site.code == User.site_code)
            .join(Desk, Desk.desk_id == AuthSession.desk_id)
            .where(AuthToken.token_hash == token_digest(credentials.credentials))
        ).first()
    if row is None or row.AuthToken.kind != "access":
        raise ApiError(401, "invalid_token", "This access token is not known. Log in again.", headers=_BEARER)
    token, auth_session, user, site, desk_active = row
    # Deactivating an account or a desk also revokes its sessions; checking here as well
    # closes the window of a request already past that revocation.
    if auth_session.revoked_at is not None or not user.active or not desk_active:
        raise ApiError(401, "token_revoked", "This session was ended. Log in again.", headers=_BEARER)
    if token.expires_at <= now:
        raise ApiError(401, "token_expired", "The access token expired; refresh it.", headers=_BEARER)
    note_caller(request.scope, username=user.username, desk_id=auth_session.desk_id)
    if auth_session.desk_id != x_desk_id:
        raise ApiError(
            403, "desk_mismatch", "This token was issued to another desk than the one in X-Desk-Id."
        )
    return Principal(
        user_id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        site_code=site.code,
        site_name=site.name,
        place=site.place,
        code_width=site.code_width,
        desk_id=auth_session.desk_id,
        session_id=auth_session.id,
    )


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
