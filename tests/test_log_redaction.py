"""The redacting log formatter: ID numbers, phones and credentials blanked, the rest kept."""

from __future__ import annotations

import logging
import sys

import pytest

from desk_app.log_redaction import ID_NUMBER, PHONE, SECRET, RedactingFormatter, loggable_path, redact


@pytest.mark.parametrize(("text", "expected"), [
    ("GET /v1/citizens/056162123456 rejected (404)", f"GET /v1/citizens/{ID_NUMBER} rejected (404)"),
    ("url: /v1/citizens/056162123456/driving-licences (Caused by", f"url: /v1/citizens/{ID_NUMBER}/driving-licences (Caused by"),
    ("traffic-violations?cccd=056162123456&x=1", f"traffic-violations?cccd={ID_NUMBER}&x=1"),
    ("old card 225123456 shown", f"old card {ID_NUMBER} shown"),
    ("phone 0905123456, or 0905 123 456", f"phone {PHONE}, or {PHONE}"),
    ("call +84905123456.", f"call {PHONE}."),
    ("Authorization: Bearer abc.DEF-123_x~", f"Authorization: Bearer {SECRET}"),
    ('{"access_token": "t0k3n", "token_type": "bearer"}', f'{{"access_token": {SECRET}, "token_type": "bearer"}}'),
    ("{'refresh_token': 'r-1', 'user': 'canbo01'}", f"{{'refresh_token': {SECRET}, 'user': 'canbo01'}}"),
    ("password=demo1234&desk_id=DESK-NT-01", f"password={SECRET}&desk_id=DESK-NT-01"),
    ("desk_key: k3y-value", f"desk_key: {SECRET}"),
])
def test_values_with_a_recognisable_shape_are_blanked(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "dossier 000.00.17.H56-261121-0001 saved, status 2",
    "blob 0561621234565a3f: server holds 1048576 bytes, not 2097152; resuming there",
    "sha256 056162123456abcdef0123456789abcdef0123456789abcdef0123456789abcd",
    "2026-11-21 09:30:00,123 INFO MainThread desk_app: main window shown after 1.25 s",
    "took 0.123456789 s, then 0.0905123456 s",
    "leased codes 000.00.17.H56 1-50 for 2026-11-21",
    "client_id 2f1c9a7e-5b0d-4c3e-9f7a-1d2e3f4a5b6c token_type bearer",
])
def test_codes_hashes_times_and_measurements_stay_readable(text):
    assert redact(text) == text


def test_a_logged_path_keeps_its_shape_and_drops_what_was_searched_for():
    assert loggable_path("/v1/citizens/056162123456/driving-licences") == f"/v1/citizens/{ID_NUMBER}/driving-licences"
    assert loggable_path("/v1/checks/traffic-violations?cccd=056162123456") == "/v1/checks/traffic-violations?cccd=*"
    assert loggable_path("/v1/stats/due?day=2026-11-21&limit=50") == "/v1/stats/due?day=*&limit=*"
    assert loggable_path("/v1/dossiers/2f1c9a7e-5b0d-4c3e-9f7a-1d2e3f4a5b6c") == "/v1/dossiers/2f1c9a7e-5b0d-4c3e-9f7a-1d2e3f4a5b6c"


def test_the_formatter_blanks_the_message_and_the_traceback_but_leaves_the_record_alone():
    formatter = RedactingFormatter("%(levelname)s %(name)s: %(message)s")
    try:
        raise ValueError("no citizen 056162123456")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("desk_app.test", logging.WARNING, __file__, 1, "look-up of %s failed, phone %s",
                               ("056162123456", "0905123456"), exc_info)
    text = formatter.format(record)
    assert "056162123456" not in text and "0905123456" not in text
    assert text.startswith(f"WARNING desk_app.test: look-up of {ID_NUMBER} failed, phone {PHONE}")
    assert f"ValueError: no citizen {ID_NUMBER}" in text
    # Another handler formatting the same record sees what was logged.
    assert "056162123456" in logging.Formatter("%(message)s").format(record)
    assert record.args == ("056162123456", "0905123456")


def test_the_desk_s_log_file_goes_through_the_formatter_and_keeps_urllib3_s_request_lines_out(tmp_path):
    from desk_app.app import LOG_FILE, setup_logging

    root, urllib3_logger = logging.getLogger(), logging.getLogger("urllib3")
    kept = (list(root.handlers), root.level, urllib3_logger.level)
    setup_logging(tmp_path, level=logging.DEBUG)
    try:
        logging.getLogger("desk_app.test").debug("look-up of %s", "056162123456")
        # What urllib3 writes at DEBUG: the raw request line.
        logging.getLogger("urllib3.connectionpool").debug('"GET /v1/citizens/%s HTTP/1.1" 200', "079090654321")
    finally:
        for handler in [h for h in root.handlers if h not in kept[0]]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(kept[1])
        urllib3_logger.setLevel(kept[2])
    text = (tmp_path / LOG_FILE).read_text(encoding="utf-8")
    assert f"desk_app.test: look-up of {ID_NUMBER}" in text
    assert "urllib3" not in text and "079090654321" not in text
