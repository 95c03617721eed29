"""Typed settings of the central service.

One object, built from keyword arguments or from ``ONE_STOP_CENTRAL_*`` environment
variables, so the CLI, the embedded demo server and the tests configure it the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import BaseModel, ConfigDict, Field, model_validator

ENV_PREFIX = "ONE_STOP_CENTRAL_"


def default_data_dir() -> Path:
    return Path(user_data_dir("one-stop-central", appauthor=False))


class CentralSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""
    """SQLAlchemy URL; empty means a SQLite file ``central.sqlite3`` in ``data_dir``."""
    blob_dir: Path | None = None
    """Attachment store; None means ``data_dir/blobs``."""
    access_token_seconds: int = Field(default=15 * 60, ge=1, le=24 * 3600)
    refresh_token_seconds: int = Field(default=14 * 24 * 3600, ge=1, le=365 * 24 * 3600)
    seed_demo: bool = False
    migrate_on_start: bool = True
    """False when ``python -m central_api migrate`` (or the serve command before it starts its
    workers) already brought the schema to head: start-up then only checks the revision."""
    max_blob_bytes: int = Field(default=64 * 1024 * 1024, ge=1)
    max_chunk_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)
    max_lease_count: int = Field(default=500, ge=1)
    sqlite_busy_timeout_ms: int = Field(default=30_000, ge=0)
    desk_enrolment: Literal["required", "open"] = "required"
    """"required": logging in needs a desk an administrator enrolled and its desk_key.
    "open": a desk registers itself at its first login, keys are not checked (demo, tests)."""
    login_max_failures: int = Field(default=5, ge=1, le=100)
    """Consecutive failed logins after which an account is locked (and wrong desk keys after
    which a desk id's enrolment checks wait as long)."""
    login_lockout_minutes: int = Field(default=15, ge=1, le=24 * 60)
    login_attempts_per_minute: int = Field(default=20, ge=1, le=10_000)
    """Login attempts (enrolment checks included) one client address may make per minute
    (429 with Retry-After beyond)."""
    # Upstream systems (central_api.upstream): population data, health certificates, traffic
    # violations, driving licences, payment.
    upstream_adapters: str = Field(default="auto", pattern="^(auto|demo|none)$")
    """``demo``: fictional citizens from resources/demo/citizens.json; ``none``: every upstream
    call answers 503; ``auto``: demo exactly when ``seed_demo`` is on."""
    upstream_timeout_ms: int = Field(default=5_000, ge=10, le=120_000)
    """Longest wait for an upstream answer before the caller gets 503 upstream_unavailable."""
    upstream_latency_ms: int = Field(default=0, ge=0, le=600_000)
    """Demo adapters only: delay added to every call."""
    upstream_failure_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    """Demo adapters only: share of calls that fail, decided from ``upstream_seed``."""
    upstream_seed: int = 0
    upstream_fault_targets: str = Field(default="", pattern=r"^[a-z_, ]*$")
    """Demo adapters only: comma-separated upstream names that the latency and failures apply
    to (population_registry, health_certificates, traffic_violations, payment_gateway,
    driving_licences); empty means all of them."""
    upstream_payment_settle_ms: int = Field(default=0, ge=0)
    """Demo payment gateway: a payment turns from pending to paid this long after creation."""

    @model_validator(mode="after")
    def _derive_paths(self) -> CentralSettings:
        # Frozen model: fill the derived defaults once, so every reader sees final values.
        if not self.database_url:
            object.__setattr__(
                self, "database_url", f"sqlite:///{(self.data_dir / 'central.sqlite3').as_posix()}"
            )
        if self.blob_dir is None:
            object.__setattr__(self, "blob_dir", self.data_dir / "blobs")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> CentralSettings:
        """Settings from ``ONE_STOP_CENTRAL_<FIELD>`` variables, then explicit overrides."""
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, object] = {}
        for name in cls.model_fields:
            raw = environ.get(ENV_PREFIX + name.upper())
            if raw is not None and raw != "":
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)
