"""Amounts in Vietnamese words, as receipts print them ("Số tiền bằng chữ")."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from desk_app.core.fees import MAX_AMOUNT
from desk_app.documents.amount_words import amount_in_words, number_words

# What money documents print (a group after the first is read in full, "linh" before a
# lone unit, "mốt", "lăm", "tư" after the tens).
KNOWN = {
    0: "Không đồng",
    1: "Một đồng",
    5: "Năm đồng",
    10: "Mười đồng",
    11: "Mười một đồng",
    14: "Mười bốn đồng",
    15: "Mười lăm đồng",
    20: "Hai mươi đồng",
    21: "Hai mươi mốt đồng",
    24: "Hai mươi tư đồng",
    25: "Hai mươi lăm đồng",
    100: "Một trăm đồng",
    101: "Một trăm linh một đồng",
    105: "Một trăm linh năm đồng",
    110: "Một trăm mười đồng",
    115: "Một trăm mười lăm đồng",
    1_000: "Một nghìn đồng",
    1_005: "Một nghìn không trăm linh năm đồng",
    1_015: "Một nghìn không trăm mười lăm đồng",
    1_050: "Một nghìn không trăm năm mươi đồng",
    25_000: "Hai mươi lăm nghìn đồng",
    115_000: "Một trăm mười lăm nghìn đồng",
    135_000: "Một trăm ba mươi lăm nghìn đồng",
    1_000_001: "Một triệu không trăm linh một đồng",
    1_005_000: "Một triệu không trăm linh năm nghìn đồng",
    1_234_567: "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng",
    2_010_005: "Hai triệu không trăm mười nghìn không trăm linh năm đồng",
    2_100_000_000: "Hai tỷ một trăm triệu đồng",
    2_000_005_000: "Hai tỷ không trăm linh năm nghìn đồng",
    10_000_000_000: "Mười tỷ đồng",
    1_000_000_000_000: "Một nghìn tỷ đồng",
}


@pytest.mark.parametrize("amount,words", sorted(KNOWN.items()))
def test_known_amounts(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


def test_regional_choices_are_parameters() -> None:
    assert amount_in_words(1_005, odd="lẻ") == "Một nghìn không trăm lẻ năm đồng"
    assert amount_in_words(24_000, four="bốn") == "Hai mươi bốn nghìn đồng"
    # "tư" only after "mươi": never "mười tư", and "linh bốn" stays.
    assert number_words(14) == "mười bốn" and number_words(104) == "một trăm linh bốn"
    assert amount_in_words(1_000, unit="") == "Một nghìn"


@pytest.mark.parametrize("bad,error", [(-1, ValueError), (1.5, TypeError), (True, TypeError),
                                       ("135000", TypeError)])
def test_non_amounts_are_refused(bad: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        number_words(bad)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- reading back

_DIGIT = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
          "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_SCALE = {"nghìn": 1_000, "triệu": 1_000_000}


def read_back(words: str) -> int:
    """An independent reading of the words, as a person would add them up."""
    tokens = words.split()
    total = 0       # finished billions
    below = 0       # finished groups below a billion
    group = 0       # the group being read
    digit = None
    for token in tokens:
        if token in _DIGIT:
            assert digit is None, words
            digit = _DIGIT[token]
        elif token == "trăm":
            group += 100 * digit
            digit = None
        elif token == "mười":
            assert digit is None, words
            group += 10
        elif token == "mươi":
            group += 10 * digit
            digit = None
        elif token == "linh":
            assert digit is None, words
        elif token in _SCALE:
            group += digit or 0
            digit = None
            below += group * _SCALE[token]
            group = 0
        elif token == "tỷ":
            group += digit or 0
            digit = None
            total = (total + below + group) * 1_000_000_000
            below = group = 0
        else:
            raise AssertionError(f"unknown word {token!r} in {words!r}")
    return total + below + group + (digit or 0)


amounts = st.one_of(st.integers(0, 1_000), st.integers(0, MAX_AMOUNT),
                    st.integers(0, 10**13))


@given(amounts)
@example(1_015)
@example(1_000_001)
@example(2_100_000_000)
def test_words_read_back_to_the_amount(amount: int) -> None:
    assert read_back(number_words(amount)) == amount


@given(amounts)
def test_words_have_the_receipt_shape(amount: int) -> None:
    text = amount_in_words(amount)
    assert text[0].isupper() and text[1:] == text[1:].lower()
    assert text.endswith(" đồng") and "  " not in text
    words = text.lower().removesuffix(" đồng")
    tokens = words.split()
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index else ""
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token == "lăm":
            assert before in ("mười", "mươi"), words
        if token in ("mốt", "tư"):
            assert before == "mươi", words
        if token == "linh":
            # Only after a spoken hundreds, before a single unit that ends its group.
            assert before == "trăm", words
            assert after in _DIGIT and after not in ("không", "mốt", "lăm", "tư"), words
            follow = tokens[index + 2] if index + 2 < len(tokens) else ""
            assert follow in ("", "nghìn", "triệu", "tỷ"), words
        if token == "không" and amount:
            assert after == "trăm", words
        if token in ("mươi", "mười"):
            assert after != "không", words
    # "năm" after the tens is always "lăm"; "một" after "mươi" always "mốt".
    assert not re.search(r"\bmươi (năm|một)\b", words)
    assert not re.search(r"\bmười năm\b", words)


@given(st.integers(1, 999), st.integers(0, 3), st.integers(1, 999))
def test_every_group_after_the_first_is_read_in_full(head: int, scale: int, tail: int) -> None:
    # Whatever stands before it, the last group is spelt with its hundreds ("không trăm …"),
    # so nothing can be slipped in front of it.
    amount = head * 1000 ** (scale + 1) + tail
    tokens = number_words(amount).split()
    last_scale = max(i for i, token in enumerate(tokens) if token in ("nghìn", "triệu", "tỷ"))
    assert tokens[last_scale + 2] == "trăm", tokens
    assert read_back(" ".join(tokens[last_scale + 1:])) == tail
