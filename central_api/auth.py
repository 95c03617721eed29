"""Logins, token rotation and the identity behind every authenticated call.

A login opens a session (one desk, one user). Access tokens are short-lived; a refresh
token works once and hands down a fresh pair. Presenting a refresh token a second time
means it leaked or a response was replayed, so the whole session is revoked.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Header
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central_api.context import AppContext, get_context, utc_now
from central_api.db import upsert
from central_api.errors import ApiError
from central_api.models import AuthSession, AuthToken, Desk, Site, User
from central_api.schemas import TokenResponse, UserOut
from central_api.security import new_token, token_digest, verify_password

INTAKE_ROLES = frozenset({"officer", "postal_assistant", "supervisor"})
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


def login(ctx: AppContext, username: str, password: str, desk_id: str) -> TokenResponse:
    with ctx.db.reading() as session:
        user = session.scalar(select(User).where(User.username == username))
        password_hash = user.password_hash if user is not None and user.active else None
    # Hashing is slow on purpose; it runs outside any transaction so it holds no lock.
    if not verify_password(password_hash, password) or user is None:
        raise ApiError(401, "bad_credentials", "Wrong user name or password.", headers=_BEARER)
    now = utc_now()
    with ctx.db.writing() as session:
        site = session.get_one(Site, user.site_code)
        # An upsert, since two first logins of one desk may race on PostgreSQL.
        session.execute(
            upsert(session, Desk)
            .values(desk_id=desk_id, site_code=site.code, last_username=user.username,
                    first_seen_at=now, last_seen_at=now)
            .on_conflict_do_update(
                index_elements=[Desk.desk_id],
                set_={"site_code": site.code, "last_username": user.username, "last_seen_at": now},
            )
        )
        auth_session = AuthSession(id=str(uuid.uuid4()), user_id=user.id, desk_id=desk_id, created_at=now)
        session.add(auth_session)
        session.flush()
        access, refresh = _issue_pair(session, ctx, auth_session.id, now)
        return _token_response(ctx, access, refresh, user, site)


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
            select(AuthToken, AuthSession, User, Site)
            .join(AuthSession, AuthSession.id == AuthToken.session_id)
            .join(User, User.id == AuthSession.user_id)
            .join(Site, Site.code == User.site_code)
            .where(AuthToken.token_hash == token_digest(credentials.credentials))
        ).first()
    if row is None or row.AuthToken.kind != "access":
        raise ApiError(401, "invalid_token", "This access token is not known. Log in again.", headers=_BEARER)
    token, auth_session, user, site = row
    if auth_session.revoked_at is not None or not user.active:
        raise ApiError(401, "token_revoked", "This session was ended. Log in again.", headers=_BEARER)
    if token.expires_at <= now:
        raise ApiError(401, "token_expired", "The access token expired; refresh it.", headers=_BEARER)
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
