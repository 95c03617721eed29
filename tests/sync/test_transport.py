"""Transport (issue 9): the desk speaks HTTPS with the certificate always verified, against
the system's authorities or a pinned one, and plain HTTP only to this computer itself.

The TLS server here is real: a certificate authority and a server certificate for 127.0.0.1
are made with cryptography, and Python's HTTPS server answers /v1/health on loopback.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desk_app.settings import DeskSettings, load_settings, save_settings
from desk_app.sync.client import CentralClient
from desk_app.sync.errors import CentralUnavailable
from desk_app.sync.transport import AddressRefused, certificate_check, checked_address


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _authority(folder: Path, common: str) -> tuple[Path, ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(common)).issuer_name(_name(common))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    path = folder / f"{common}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path, key, cert


def _server_files(folder: Path, ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name("central.test")).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the handler's name
        body = json.dumps({"status": "ok"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def tls_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """An HTTPS server on loopback signed by the province's authority; also another authority."""
    folder = tmp_path_factory.mktemp("tls")
    province, ca_key, ca_cert = _authority(folder, "province-ca")
    stranger, _key, _cert = _authority(folder, "stranger-ca")
    cert_path, key_path = _server_files(folder, ca_key, ca_cert)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", province, stranger
    finally:
        server.shutdown()
        server.server_close()


def test_plain_http_is_refused_except_to_this_computer() -> None:
    for url in ("http://central.example.gov.vn", "http://10.0.0.5:8000/", "http://192.168.1.20"):
        with pytest.raises(AddressRefused) as refused:
            CentralClient(url, desk_id="DESK-T-01")
        assert "https://" in refused.value.english() and url in refused.value.english()
    for url in ("ftp://central.example.gov.vn", "central.example.gov.vn", "https://"):
        with pytest.raises(AddressRefused):
            checked_address(url)
    for url in ("http://127.0.0.1:8000/", "http://localhost:9", "http://[::1]:8000", "https://central.example.gov.vn/"):
        assert checked_address(url) == url.rstrip("/")


def test_the_certificate_is_always_checked_and_a_pinned_authority_alone_is_trusted(tls_central, tmp_path) -> None:
    url, province, stranger = tls_central
    # Pinned to the province's authority: the server is trusted.
    with CentralClient(url, desk_id="DESK-T-01", timeout=5, pinned_authority=str(province)) as client:
        assert client.session.verify == str(province)
        assert client.health()["status"] == "ok"
        # A courier for another thread keeps the same trust.
        with client.courier(timeout=5) as courier:
            assert courier.health()["status"] == "ok"
    # The system's authorities do not know the province's: nothing is sent, and the officer is told why.
    with CentralClient(url, desk_id="DESK-T-01", timeout=5) as client:
        assert client.session.verify is True or isinstance(client.session.verify, str)
        with pytest.raises(CentralUnavailable) as untrusted:
            client.health()
        assert untrusted.value.template == CentralUnavailable.UNTRUSTED
    # Pinned to another authority: refused the same way.
    with CentralClient(url, desk_id="DESK-T-01", timeout=5, pinned_authority=str(stranger)) as client:
        with pytest.raises(CentralUnavailable) as untrusted:
            client.health()
        assert untrusted.value.template == CentralUnavailable.UNTRUSTED
    # A pinned file that is gone is said at once, not discovered as a failed connection.
    with pytest.raises(AddressRefused) as missing:
        certificate_check(str(tmp_path / "gone.pem"))
    assert missing.value.template == AddressRefused.MISSING_AUTHORITY


def test_settings_keep_the_pinned_authority_and_older_files_gain_none(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 3, "server_url": "https://a.example.vn"}), encoding="utf-8")
    assert load_settings(path).pinned_authority is None
    save_settings(path, DeskSettings(server_url="https://a.example.vn", pinned_authority="province-ca.pem"))
    assert load_settings(path).pinned_authority == "province-ca.pem"
    path.write_text(json.dumps({"schema_version": 4, "pinned_authority": 12}), encoding="utf-8")
    assert load_settings(path).pinned_authority is None
