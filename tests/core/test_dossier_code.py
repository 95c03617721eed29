from datetime import date

import pytest

from desk_app.core.dossier_code import (
    CodeLease, DossierCodeError, format_code, is_provisional, parse_code, provisional_code,
)


def test_code_has_agency_day_and_sequence():
    assert format_code("000.17.22.H56", date(2021, 5, 31), 1) == "000.17.22.H56-210531-0001"


def test_width_is_configurable():
    assert format_code("000.00.04.G18", date(2026, 11, 21), 42, width=6) == "000.00.04.G18-261121-000042"


def test_parse_is_the_inverse_of_format():
    assert parse_code("000.17.22.H56-210531-0001") == ("000.17.22.H56", date(2021, 5, 31), 1)


@pytest.mark.parametrize("bad", ["", "H56-210531", "000.17.22.H56-211331-0001", "000.17.22.H56-210531-01", "x-210531-0001"])
def test_malformed_codes_are_refused(bad):
    with pytest.raises(DossierCodeError):
        parse_code(bad)


def test_sequence_must_fit_width():
    with pytest.raises(DossierCodeError):
        format_code("000.17.22.H56", date(2021, 5, 31), 10000)


def test_provisional_codes_are_marked_and_never_parse_as_final():
    code = provisional_code("000.17.22.H56", date(2026, 11, 21), "desk-nt-01", 3)
    assert code == "000.17.22.H56-261121-TAM.DESKNT01.0003"
    assert is_provisional(code)
    assert not is_provisional(format_code("000.17.22.H56", date(2026, 11, 21), 3))
    with pytest.raises(DossierCodeError):
        parse_code(code)


def test_lease_bounds_are_checked():
    lease = CodeLease("l1", "000.17.22.H56", date(2026, 11, 21), 1, 50)
    assert lease.size == 50
    with pytest.raises(DossierCodeError):
        CodeLease("l2", "000.17.22.H56", date(2026, 11, 21), 9990, 10010)


def test_provisional_code_stays_short_and_distinct_for_long_desk_ids():
    day = date(2026, 11, 21)
    a = provisional_code("000.00.17.H56", day, "DESK-SYNC-123456-1", 9999)
    b = provisional_code("000.00.17.H56", day, "DESK-SYNC-123456-2", 9999)
    assert a != b and len(a) <= 40 and is_provisional(a)
