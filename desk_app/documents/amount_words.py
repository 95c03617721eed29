"""Amounts of money in Vietnamese words, as receipts and invoices print them.

"Số tiền bằng chữ" is read in groups of three digits (nghìn, triệu, tỷ). Money documents
spell every group after the first in full, with "không trăm" for an empty hundreds and
"linh" before a lone unit, so that no word can be added to change the amount:
1 005 000 is "một triệu không trăm linh năm nghìn", 1 015 is "một nghìn không trăm mười
lăm", 1 000 001 is "một triệu không trăm linh một". An all-zero group is left out.

After the tens, 1 is "mốt" (hai mươi mốt, not after mười: mười một), 5 is "lăm" (mười lăm,
hai mươi lăm, but linh năm) and 4 may be "tư" (hai mươi tư, never mười tư). Regions differ
on "linh" or "lẻ" and on "tư" or "bốn": both are parameters, and the fee receipt takes
them from its template.
"""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
HUNDRED = "trăm"
TEN = "mười"            # 10–19
TENS = "mươi"           # after 2–9 tens
ONE_AFTER_TENS = "mốt"  # 21, 31, …
FIVE_AFTER_TEN = "lăm"  # 15, 25, …
THOUSAND = "nghìn"
MILLION = "triệu"
BILLION = "tỷ"
DEFAULT_ODD = "linh"    # or "lẻ" (southern usage)
DEFAULT_FOUR = "tư"     # 4 after "mươi"; or "bốn"

_BILLION = 1_000_000_000


def number_words(n: int, *, odd: str = DEFAULT_ODD, four: str = DEFAULT_FOUR) -> str:
    """The Vietnamese words for a whole number ≥ 0, lower case: 135000 -> "một trăm ba
    mươi lăm nghìn"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"a whole number is needed, not {type(n).__name__}")
    if n < 0:
        raise ValueError("an amount in words cannot be negative")
    if n == 0:
        return DIGITS[0]
    return " ".join(_words(n, full=False, odd=odd, four=four))


def amount_in_words(amount: int, *, unit: str = "đồng", odd: str = DEFAULT_ODD,
                    four: str = DEFAULT_FOUR) -> str:
    """The amount as a receipt writes it: capitalised, with the currency: 135000 ->
    "Một trăm ba mươi lăm nghìn đồng"."""
    words = number_words(amount, odd=odd, four=four)
    text = f"{words} {unit.strip()}" if unit.strip() else words
    return text[0].upper() + text[1:]


def _words(n: int, *, full: bool, odd: str, four: str) -> list[str]:
    """Words for 0 < n; ``full`` when a larger group was already read (so "không trăm")."""
    words: list[str] = []
    if n >= _BILLION:
        # Beyond a thousand billion the count of tỷ is itself read as a number: "một nghìn tỷ".
        words += _words(n // _BILLION, full=full, odd=odd, four=four)
        words.append(BILLION)
        n %= _BILLION
        full = True
    for scale, word in ((1_000_000, MILLION), (1_000, THOUSAND), (1, "")):
        group, n = divmod(n, scale)
        if group == 0:
            continue
        words += _group(group, full=full, odd=odd, four=four)
        if word:
            words.append(word)
        full = True
    return words


def _group(n: int, *, full: bool, odd: str, four: str) -> list[str]:
    """Words for one group 1–999; ``full`` spells an empty hundreds ("không trăm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    spoken_hundreds = hundreds > 0 or full
    if spoken_hundreds:
        words += [DIGITS[hundreds], HUNDRED]
    if tens == 0:
        if units:
            if spoken_hundreds:
                words.append(odd)
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append(TEN)
    else:
        words += [DIGITS[tens], TENS]
    if units == 5:
        words.append(FIVE_AFTER_TEN)
    elif units == 1 and tens >= 2:
        words.append(ONE_AFTER_TENS)
    elif units == 4 and tens >= 2:
        words.append(four)
    elif units:
        words.append(DIGITS[units])
    return words
