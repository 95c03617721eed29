from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from desk_app.core.identity import CccdError, Sex, check_cccd_number, parse_cccd_qr
from tests.support.citizens import cccd_number, cccd_qr

TODAY = date(2026, 11, 21)


def test_reads_every_field_of_a_card():
    citizen = parse_cccd_qr(cccd_qr(), today=TODAY)
    assert citizen.cccd == "056162123456"
    assert citizen.cmnd == "225123456"
    assert citizen.full_name == "Nguyễn Thị Phương Thảo"
    assert citizen.date_of_birth == date(1962, 3, 8)
    assert citizen.sex is Sex.FEMALE
    assert citizen.address.endswith("Tỉnh Khánh Hòa")
    assert citizen.issue_date == date(2021, 7, 15)


def test_card_without_old_cmnd_number_is_accepted():
    citizen = parse_cccd_qr(cccd_qr(cmnd=""), today=TODAY)
    assert citizen.cmnd is None


def test_scanner_noise_and_trailing_separator_are_tolerated():
    assert parse_cccd_qr("\ufeff" + cccd_qr() + "|\r\n", today=TODAY).full_name == "Nguyễn Thị Phương Thảo"


def test_man_born_in_2000s_uses_century_digit_two():
    qr = cccd_qr(full_name="Trần Văn An", date_of_birth=date(2003, 5, 1), sex=Sex.MALE)
    assert parse_cccd_qr(qr, today=TODAY).cccd[3] == "2"


@pytest.mark.parametrize("fields", [5, 6, 8 + 1])
def test_wrong_field_count_names_the_count(fields):
    text = "|".join(cccd_qr().split("|")[:6] + ["x"] * (fields - 6)) if fields > 6 else "|".join(cccd_qr().split("|")[:fields])
    with pytest.raises(CccdError) as caught:
        parse_cccd_qr(text, today=TODAY)
    assert caught.value.params["count"] == fields
    assert "expected 7" in str(caught.value)


def test_number_contradicting_birth_year_is_refused():
    good = cccd_qr()
    fields = good.split("|")
    fields[0] = fields[0][:4] + "75" + fields[0][6:]
    with pytest.raises(CccdError) as caught:
        parse_cccd_qr("|".join(fields), today=TODAY)
    assert caught.value.params["expected"] == "62"


def test_number_contradicting_sex_is_refused():
    fields = cccd_qr().split("|")
    fields[4] = "Nam"
    with pytest.raises(CccdError) as caught:
        parse_cccd_qr("|".join(fields), today=TODAY)
    assert caught.value.params["expected"] == 0


@pytest.mark.parametrize("bad", ["12345678901", "1234567890123", "05616212345a", ""])
def test_malformed_numbers_are_refused(bad):
    with pytest.raises(CccdError):
        check_cccd_number(bad)


@pytest.mark.parametrize(
    "index,value",
    [(3, "31022000"), (3, "1-1-1990"), (4, "X"), (1, "12345"), (2, ""), (6, "01011950")],
)
def test_bad_fields_are_named(index, value):
    fields = cccd_qr().split("|")
    fields[index] = value
    with pytest.raises(CccdError):
        parse_cccd_qr("|".join(fields), today=TODAY)


def test_birth_date_in_the_future_is_refused():
    qr = cccd_qr(date_of_birth=date(2030, 1, 1), sex=Sex.MALE, issue_date=date(2030, 2, 1))
    with pytest.raises(CccdError):
        parse_cccd_qr(qr, today=TODAY)


def test_number_helper_matches_the_rule():
    assert cccd_number("079", date(1985, 1, 2), Sex.MALE, 1) == "079085000001"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_either_parses_or_raises_a_cccd_error(text):
    try:
        citizen = parse_cccd_qr(text, today=TODAY)
    except CccdError as err:
        assert str(err)
    else:
        check_cccd_number(citizen.cccd, citizen.date_of_birth, citizen.sex)


@settings(max_examples=200, deadline=None)
@given(
    name=st.text(alphabet="ẮẰẲẴẶăằắẳẵặâầấẩẫậđêềếểễệôồốổỗộơờớởỡợưừứửữự abcdefghiklmnopqrstuvxyAĐ", min_size=1, max_size=60).filter(lambda s: s.strip()),
    dob=st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
    sex=st.sampled_from(list(Sex)),
    serial=st.integers(0, 999_999),
)
def test_every_well_formed_card_round_trips(name, dob, sex, serial):
    qr = cccd_qr(full_name=name, date_of_birth=dob, sex=sex, serial=serial, issue_date=date(2021, 1, 1) if dob.year < 2021 else date(2025, 1, 1))
    citizen = parse_cccd_qr(qr, today=TODAY)
    assert citizen.date_of_birth == dob and citizen.sex is sex
    assert " ".join(name.split()) == citizen.full_name
