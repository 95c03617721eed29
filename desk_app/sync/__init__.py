"""Talking to the central system: the wire client and the engine that drains the outbox."""

from .client import CentralClient, LoginResult, UserInfo
from .engine import SyncEngine, SyncProgress, SyncReport
from .errors import (
    AccountLocked,
    AuthenticationFailed,
    CentralError,
    CentralRejected,
    CentralUnavailable,
    HashMismatch,
    MalformedAnswer,
    SyncCancelled,
)

__all__ = [
    "AccountLocked",
    "AuthenticationFailed",
    "CentralClient",
    "CentralError",
    "CentralRejected",
    "CentralUnavailable",
    "HashMismatch",
    "LoginResult",
    "MalformedAnswer",
    "SyncCancelled",
    "SyncEngine",
    "SyncProgress",
    "SyncReport",
    "UserInfo",
]
