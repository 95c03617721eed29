"""Fictional citizens and the CCCD QR text their cards would carry."""

from __future__ import annotations

from datetime import date

from desk_app.core.identity import Sex, century_and_sex_digit


def cccd_number(province: str, date_of_birth: date, sex: Sex, serial: int) -> str:
    digit = century_and_sex_digit(date_of_birth, sex)
    return f"{province}{digit}{date_of_birth.year % 100:02d}{serial:06d}"


def cccd_qr(
    full_name: str = "Nguyễn Thị Phương Thảo",
    date_of_birth: date = date(1962, 3, 8),
    sex: Sex = Sex.FEMALE,
    address: str = "Thôn Phú Hòa, Xã Diên Phú, Huyện Diên Khánh, Tỉnh Khánh Hòa",
    province: str = "056",
    serial: int = 123456,
    cmnd: str = "225123456",
    issue_date: date = date(2021, 7, 15),
) -> str:
    number = cccd_number(province, date_of_birth, sex, serial)
    return "|".join([number, cmnd, full_name, date_of_birth.strftime("%d%m%Y"), sex.value, address, issue_date.strftime("%d%m%Y")])
