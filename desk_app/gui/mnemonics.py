"""Alt letters for labels the desk builds at run time (a procedure's form fields come from
the catalogue, in Vietnamese), so that every field has a visible shortcut as the labels
written in Designer do.

Only a letter the keyboard types without a dead key can be a shortcut: a Vietnamese label's
"ố" or "đ" cannot, so "Số điện thoại" gets "&Số điện thoại" (Alt+S) and never "Số &điện".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic_of(text: str) -> str | None:
    """The Alt letter a Qt text claims ("Par&k" → "k"), lower-cased; "&&" is a literal "&"."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def without_mnemonic(text: str) -> str:
    """``text`` as shown, without its Alt letter ("Thêm &mục" → "Thêm mục"), still escaped."""
    return re.sub(r"&(?!&)", "", text.replace("&&", "\0")).replace("\0", "&&")


def letters_taken(texts: Iterable[str]) -> set[str]:
    return {letter for letter in map(mnemonic_of, texts) if letter}


def _typeable(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _candidates(text: str) -> list[int]:
    """Where a letter could go, best first: the start of each word, then any other letter or
    digit. Only characters typed without a dead key count (see the module's note)."""
    starts, others = [], []
    for index, char in enumerate(text):
        if not _typeable(char):
            continue
        at_word_start = index == 0 or not text[index - 1].isalnum()
        (starts if at_word_start else others).append(index)
    return starts + others


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with an Alt letter no other control in ``taken`` claims, which is then added
    to ``taken``. A text with no free letter of its own gets a free digit after it, as
    "Hạng (&1)"; with none of those either it is returned without one (its own "&" escaped)
    and Tab still reaches the control."""
    escaped = text.replace("&", "&&")
    # NFC so that a decomposed "o" + combining mark is not mistaken for a plain "o".
    plain = unicodedata.normalize("NFC", text)
    for index in _candidates(plain):
        letter = plain[index].lower()
        if letter in taken:
            continue
        taken.add(letter)
        return plain[:index].replace("&", "&&") + "&" + plain[index:].replace("&", "&&")
    for digit in "123456789":
        if digit not in taken:
            taken.add(digit)
            return f"{escaped} (&{digit})"
    return escaped
