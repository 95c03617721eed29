"""Attachment bytes for the sync drain benchmark: a real JPEG portrait and PDF-like scans.

Every file has an exact size chosen by the caller, so the drain and its baseline can move
the same number of bytes while holding different files. The bytes come from a seeded
generator: incompressible (loopback does not get a free ride from any compression) and the
same on every run with the same seed.
"""

from __future__ import annotations

import io
import random
import struct

from PIL import Image

KIB = 1024
PORTRAIT_BYTES = 60 * KIB
SCAN_BYTES = 250 * KIB

# A JPEG comment segment carries at most this many bytes after its two length bytes.
_MAX_COMMENT = 65_533
_SOI = b"\xff\xd8"


def _noise(seed: str, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def portrait_jpeg(seed: str, size: int = PORTRAIT_BYTES) -> bytes:
    """A decodable JPEG of noise, brought to exactly ``size`` bytes with comment segments.

    Noise does not compress, so the picture itself is most of the file; the comment
    segments (also noise) sit right after the start marker, where every decoder skips them.
    """
    width, height, quality = 200, 260, 90
    while True:
        out = io.BytesIO()
        Image.frombytes("RGB", (width, height), _noise(f"{seed}/pixels", width * height * 3)).save(
            out, format="JPEG", quality=quality
        )
        picture = out.getvalue()
        # Room for at least one comment header, so every size can be reached exactly.
        if len(picture) + 4 <= size:
            break
        width, height = width * 3 // 4, height * 3 // 4
        if width < 16:
            raise ValueError(f"a JPEG portrait cannot be as small as {size} bytes")
    filler = _noise(f"{seed}/comment", size - len(picture))
    segments = []
    room = size - len(picture)
    while room > 0:
        # A segment needs 4 header bytes; never leave a remainder too small for one.
        body = min(room - 4, _MAX_COMMENT)
        if 0 < room - 4 - body < 4:
            body -= 4
        segments.append(b"\xff\xfe" + struct.pack(">H", body + 2) + filler[:body])
        filler = filler[body:]
        room -= body + 4
    data = _SOI + b"".join(segments) + picture[len(_SOI):]
    assert len(data) == size
    return data


def scan_pdf(seed: str, size: int = SCAN_BYTES) -> bytes:
    """A one-page PDF-like file whose image stream is noise, exactly ``size`` bytes long."""
    head_template = (
        "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
        "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</XObject <</Im0 4 0 R>>>>>> endobj\n"
        "4 0 obj <</Type /XObject /Subtype /Image /Width 1240 /Height 1754 /BitsPerComponent 8 "
        "/ColorSpace /DeviceGray /Filter /DCTDecode /Length {length:010d}>>\nstream\n"
    )
    tail = b"\nendstream\nendobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
    # The length field is fixed-width, so the header's size does not depend on its value.
    head_size = len(head_template.format(length=0).encode("latin-1"))
    length = size - head_size - len(tail)
    if length <= 0:
        raise ValueError(f"a PDF scan cannot be as small as {size} bytes")
    data = head_template.format(length=length).encode("latin-1") + _noise(f"{seed}/stream", length) + tail
    assert len(data) == size
    return data
