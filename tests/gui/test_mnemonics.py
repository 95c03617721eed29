"""Alt letters for the labels built from the catalogue: typeable, never shared, text kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desk_app.gui.mnemonics import letters_taken, mnemonic_of, with_mnemonic, without_mnemonic


def test_a_vietnamese_label_gets_a_letter_the_keyboard_types():
    taken = {"t", "q", "k"}  # Tiếp, Quay lại, Tạm gác
    assert with_mnemonic("Số điện thoại", taken) == "&Số điện thoại"
    assert with_mnemonic("Số giấy phép", taken) == "Số &giấy phép"  # S is taken now; "đ" cannot be typed
    assert taken == {"t", "q", "k", "s", "g"}


def test_a_label_with_no_free_letter_gets_a_digit_after_it():
    taken = {"h", "n", "g"}
    assert with_mnemonic("Hạng", taken) == "Hạng (&1)"
    assert with_mnemonic("Hạng", taken) == "Hạng (&2)"


def test_an_ampersand_in_a_label_stays_an_ampersand():
    taken: set[str] = set()
    text = with_mnemonic("A & B", taken)
    assert text == "&A && B" and mnemonic_of(text) == "a"
    assert without_mnemonic("Thêm &mục") == "Thêm mục" and without_mnemonic(text) == "A && B"


def test_the_letters_of_the_wizards_buttons_are_read():
    assert letters_taken(["&Tiếp >", "< &Quay lại", "Tạm gác (&K)", "Đóng"]) == {"t", "q", "k"}


labels = st.text(st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐHNSTàảãáạằẳẵắặấầẩẫậốồổỗộớờởỡợ &0123"), max_size=30)


@given(st.lists(labels, min_size=1, max_size=12))
def test_letters_are_never_shared_always_typeable_and_the_text_is_kept(texts):
    taken: set[str] = set()
    given_letters = []
    for text in texts:
        before = set(taken)
        labelled = with_mnemonic(text, taken)
        letter = mnemonic_of(labelled)
        shown = without_mnemonic(labelled).replace("&&", "&")
        if letter is None:
            assert shown == text and taken == before
            continue
        assert letter.isascii() and letter.isalnum() and letter not in before
        assert taken == before | {letter}
        assert shown in (text, f"{text} ({letter})")
        given_letters.append(letter)
    assert len(given_letters) == len(set(given_letters))
