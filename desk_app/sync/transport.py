"""How the desk may reach the central API: encrypted, verified, or on this computer only.

Counter PCs sit on shared networks (post offices, service centres), and what travels holds
citizens' ID numbers, names and portraits. So the desk talks HTTPS with the certificate
always verified, against the system's trusted authorities or against the one authority the
province pins in the settings; plain HTTP is accepted only for this computer itself (the
demo's in-process central API, a local test server), where nothing crosses a wire.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError


class AddressRefused(DeskError):
    """The settings name a central API the desk will not talk to."""

    PLAIN_HTTP = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system address \"{url}\" is not encrypted (http://). Only https:// addresses are used, "
        "except for this computer itself. Ask the administrator for the https:// address.",
    )
    NOT_WEB = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system address \"{url}\" is not a web address. Ask the administrator for the https:// address.",
    )
    MISSING_AUTHORITY = QT_TRANSLATE_NOOP(
        "DeskError",
        "The certificate authority file set for the central system ({path}) cannot be read, so the desk cannot "
        "check whom it talks to. Ask the administrator to correct it in the settings.",
    )


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def checked_address(url: str) -> str:
    """``url`` without its trailing slash, once it is https, or http to this computer itself."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused(AddressRefused.NOT_WEB, url=url)
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise AddressRefused(AddressRefused.PLAIN_HTTP, url=url)
    return url.strip().rstrip("/")


def certificate_check(pinned_authority: str | None) -> str | bool:
    """What requests verifies the server's certificate with; never False.

    The pinned authority (a PEM file the province gives its desks) when the settings name
    one; else a bundle the environment names (a managed PC's own); else the system's store.
    """
    if pinned_authority:
        if not Path(pinned_authority).is_file():
            raise AddressRefused(AddressRefused.MISSING_AUTHORITY, path=pinned_authority)
        return pinned_authority
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
