"""Demo data: two sites, four accounts, three enrolled desks, the demo catalogue and the
calendar overrides.

Idempotent: run it on every start-up; what exists is left as it is (passwords are not
re-hashed), what is missing is added. The data lives in resources/demo/ so that it can be
read and changed without touching code.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from central_api.calendar_overrides import put_override
from central_api.catalogue import publish
from central_api.context import utc_now
from central_api.db import Database
from central_api.models import Desk, Site, User
from central_api.security import hash_password

log = logging.getLogger(__name__)


def demo_dir() -> Path:
    # A frozen build unpacks resources beside the code; a checkout has them at the repo root.
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base / "resources" / "demo"


@functools.lru_cache(maxsize=8)
def _demo_hash(published_secret: str) -> str:
    """One argon2 hash per published demo secret and process: every demo account shares the
    demo password and every demo desk the demo key, and each hash is slow on purpose (a demo
    desk, and every test, starts a fresh seeded server)."""
    return hash_password(published_secret)


def load_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def seed_demo(db: Database, directory: Path | None = None) -> dict[str, int]:
    """Adds whatever demo rows are missing; returns how many of each it added."""
    directory = directory or demo_dir()
    data = load_json(directory / "central_seed.json")
    catalogue = load_json(directory / "catalogue.json")
    added = {"sites": 0, "users": 0, "desks": 0}
    now = utc_now()
    with db.writing() as session:
        for site in data["sites"]:
            if session.get(Site, site["code"]) is None:
                session.add(Site(**site, created_at=now))
                added["sites"] += 1
        session.flush()
        known = set(session.scalars(select(User.username)))
        for user in data["users"]:
            if user["username"] not in known:
                password_hash = _demo_hash(data["demo_password"])
                session.add(User(**user, password_hash=password_hash, active=True, created_at=now))
                added["users"] += 1
        session.flush()
        for desk in data.get("desks", []):
            # Enrolled with the public demo key, so a server with desk_enrolment "required"
            # can be demonstrated too; a desk that already has a key keeps it.
            row = session.get(Desk, desk["desk_id"])
            if row is None:
                row = Desk(**desk, last_username="", first_seen_at=now, last_seen_at=now, active=True)
                session.add(row)
            if row.key_hash is None:
                row.key_hash = _demo_hash(data["demo_desk_key"])
                row.enrolled_by, row.enrolled_at = "seed", now
                added["desks"] += 1
        for override in data["calendar_overrides"]:
            put_override(
                session,
                date.fromisoformat(override["day"]),
                override["kind"],
                override["name"],
                override.get("note", ""),
                bool(override.get("confirmed", True)),
            )
        publish(session, catalogue)
    if any(added.values()):
        log.info("demo data seeded: %s", added)
    return added
