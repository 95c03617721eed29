"""Text folding for search: Vietnamese without diacritics, the way officers type fast."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, without diacritics (đ→d), single spaces: "Đổi GPLX" → "doi gplx"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def normalise_spaces(text: str) -> str:
    """NFC form with single inner spaces, for names and addresses typed or scanned."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
