"""Blanking ID numbers, phone numbers and credentials out of log text.

Every log line is written to carry codes, counts and error kinds only, and
tests/e2e/test_log_hygiene.py proves it: it greps an unfiltered copy of a full working
day's records for the citizen's values and the session's secrets. What is here is a second
line for what that test cannot foresee: a third-party message or an exception text quoting
a URL, a query string or a server's answer. It only recognises values by their shape (a
12-digit CCCD, a 9-digit CMND, a phone number, a bearer token, a field named like a
secret); names and addresses have no shape, so they stay the sources' responsibility.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urlsplit

ID_NUMBER = "<id-number>"
PHONE = "<phone>"
SECRET = "<secret>"

# A number counts only as a whole word: the digits inside a SHA-256 prefix or a dossier
# code ("000.00.17.H56-261121-0001") are not someone's number.
# Nor are the decimals of a measurement ("0.123456789 s").
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z.])(?:\d{12}|\d{9})(?![0-9A-Za-z]|\.\d)")
# Vietnamese phone numbers: 0 (or +84) and nine digits, together or in groups split by spaces.
_PHONE = re.compile(r"(?<![0-9A-Za-z.])(?:\+84|0)(?: ?\d){9}(?![0-9A-Za-z]|\.\d)")
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")
# "access_token": "…", refresh_token=…, password: …, desk_key='…' (JSON, query, repr, prose).
_SECRET_FIELD = re.compile(
    r"""(?ix)
    (?P<key>["']?\b(?:access_token|refresh_token|token|password|passwd|desk_key|secret)\b["']?)
    (?P<sep>\s*[:=]\s*)
    (?P<value>"[^"]*"|'[^']*'|[^\s,;&)}\]]+)
    """
)


def redact(text: str) -> str:
    """``text`` with credentials, ID numbers and phone numbers replaced by placeholders."""
    text = _BEARER.sub(lambda m: f"{m.group(1)} {SECRET}", text)
    text = _SECRET_FIELD.sub(lambda m: f"{m.group('key')}{m.group('sep')}{SECRET}", text)
    text = _PHONE.sub(PHONE, text)
    return _ID_NUMBER.sub(ID_NUMBER, text)


def loggable_path(path_url: str) -> str:
    """A request path for a log line: numbers blanked, query values dropped (names kept).

    ``/v1/citizens/056162123456`` → ``/v1/citizens/<id-number>``;
    ``/v1/checks/traffic-violations?cccd=…`` → ``/v1/checks/traffic-violations?cccd=*``.
    A query can carry anything the caller searched by, so none of its values is kept.
    """
    parts = urlsplit(path_url)
    path = redact(parts.path)
    if not parts.query:
        return path
    names = [name for name, _value in parse_qsl(parts.query, keep_blank_values=True)]
    return path + "?" + "&".join(f"{redact(name)}=*" for name in names)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then passes the whole text (traceback included) through ``redact``.

    A formatter rather than a filter: it changes what this handler writes without touching
    the record, which other handlers (the console, a test's capture) see as it was made.
    """

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
