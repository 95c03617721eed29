"""Typed settings of the central service.

One object, built from keyword arguments or from ``ONE_STOP_CENTRAL_*`` environment
variables, so the CLI, the embedded demo server and the tests configure it the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

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
    max_blob_bytes: int = Field(default=64 * 1024 * 1024, ge=1)
    max_chunk_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)
    max_lease_count: int = Field(default=500, ge=1)
    sqlite_busy_timeout_ms: int = Field(default=30_000, ge=0)

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
