"""Log-ins with a desk key and administrator calls, over HTTP, for the auth and admin tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count
from typing import Any

import requests
from sqlalchemy import select, update

from central_api.db import Database
from central_api.models import LoginAttempt, User
from tests.support.central_server import DEMO_PASSWORD, RunningCentral

DEMO_DESK_KEY = "demo-desk-key"
_names = count(1)


def token(
    central: RunningCentral, username: str, password: str = DEMO_PASSWORD, desk_id: str = "DESK-NT-01",
    desk_key: str | None = DEMO_DESK_KEY,
) -> requests.Response:
    body: dict[str, Any] = {"username": username, "password": password, "desk_id": desk_id}
    if desk_key is not None:
        body["desk_key"] = desk_key
    return requests.post(central.url("/v1/auth/token"), json=body, timeout=10)


def bearer(answer: requests.Response, desk_id: str = "DESK-NT-01") -> dict[str, str]:
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}", "X-Desk-Id": desk_id}


def code(response: requests.Response) -> str:
    return str(response.json()["detail"]["code"])


def unique(prefix: str) -> str:
    return f"{prefix}{next(_names)}"


def admin_call(central: RunningCentral, admin: dict[str, str], method: str, path: str, **kwargs: Any) -> requests.Response:
    return requests.request(method, central.url(path), headers=admin, timeout=10, **kwargs)


def create_user(
    central: RunningCentral, admin: dict[str, str], *, role: str = "officer", site_code: str = "000.00.17.H56",
    password: str = "initial-password", username: str | None = None,
) -> str:
    username = username or unique("user")
    response = admin_call(central, admin, "POST", "/v1/admin/users", json={
        "username": username, "full_name": "Đặng Thu Hà", "role": role, "site_code": site_code, "password": password,
    })
    assert response.status_code == 201, response.text
    return username


def _database(central: RunningCentral) -> Database:
    return Database(central.database_url)


def set_locked_until(central: RunningCentral, username: str, when: datetime | None) -> None:
    """Moves an account's lock-out end, as if time had passed (the server reads it per log-in)."""
    db = _database(central)
    try:
        with db.writing() as session:
            session.execute(update(User).where(User.username == username).values(locked_until=when))
    finally:
        db.dispose()


def age_login_attempts(central: RunningCentral, by: timedelta) -> None:
    """Makes every recorded login attempt older, as if the rate-limit window had moved on."""
    db = _database(central)
    try:
        with db.writing() as session:
            for attempt in session.scalars(select(LoginAttempt)):
                attempt.at = attempt.at - by
    finally:
        db.dispose()


def count_login_attempts(central: RunningCentral) -> int:
    db = _database(central)
    try:
        with db.reading() as session:
            return len(session.scalars(select(LoginAttempt.id)).all())
    finally:
        db.dispose()
