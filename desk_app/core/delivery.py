"""Whether the central system holds a dossier's files: the proof, not the hope.

Officers reported portraits "uploaded but not received": the desk had sent the bytes and
believed they arrived. Here a file counts as received only when the central system's
answer to the dossier names it as stored under the very SHA-256 the desk computed from
the bytes it has; anything else (an answer without it, ``stored`` false, another hash,
no answer yet) means the desk sends it again and does not say "received".
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

PORTRAIT = "portrait"


class PortraitDelivery(str, Enum):
    NONE = "none"          # the dossier has no portrait
    WAITING = "waiting"    # not (yet) confirmed by the central system
    RECEIVED = "received"  # the central system stores exactly this photo


def _attachments(wire: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    found = wire.get("attachments")
    return [a for a in found if isinstance(a, Mapping)] if isinstance(found, list) else []


def confirmed_sha256s(answer: Mapping[str, Any] | None) -> set[str]:
    """The hashes the central system says it stores for the dossier.

    Its answer to a sent dossier lists each file with ``stored``; its own record of the
    dossier (pulled later) lists the files it took the dossier with, which it does only
    once it holds them, so a file named there without ``stored`` counts too."""
    if not answer:
        return set()
    return {
        a["sha256"].lower() for a in _attachments(answer)
        if isinstance(a.get("sha256"), str) and a.get("stored", "applicant" in answer) is True
    }


def unconfirmed_sha256s(wire: Mapping[str, Any], answer: Mapping[str, Any] | None) -> list[str]:
    """The dossier's files the answer does not confirm, in the dossier's order, each once."""
    confirmed = confirmed_sha256s(answer)
    missing: list[str] = []
    for attachment in _attachments(wire):
        sha = str(attachment.get("sha256", "")).lower()
        if sha and sha not in confirmed and sha not in missing:
            missing.append(sha)
    return missing


def portrait_sha256(wire: Mapping[str, Any]) -> str | None:
    for attachment in _attachments(wire):
        if attachment.get("kind") == PORTRAIT and isinstance(attachment.get("sha256"), str):
            return attachment["sha256"].lower()
    return None


def portrait_delivery(wire: Mapping[str, Any], answer: Mapping[str, Any] | None) -> PortraitDelivery:
    sha = portrait_sha256(wire)
    if sha is None:
        return PortraitDelivery.NONE
    return PortraitDelivery.RECEIVED if sha in confirmed_sha256s(answer) else PortraitDelivery.WAITING

