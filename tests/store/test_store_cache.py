"""The catalogue and calendar cache: versions kept with their ETag, overrides per year."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.core.calendar import CalendarOverride
from desk_app.core.catalogue import CatalogueError
from desk_app.store import DeskStore

from .builders import catalogue_json, count_rows


def test_an_empty_store_has_no_catalogue(store: DeskStore) -> None:
    assert store.load_catalogue() == (None, None)
    assert store.catalogue_json("2026.11.1") is None


def test_catalogue_round_trip_keeps_every_version_and_its_etag(store: DeskStore) -> None:
    first = catalogue_json("2026.11.1", "Đổi giấy phép lái xe")
    second = catalogue_json("2026.12.1", "Đổi GPLX (tên mới)")
    store.save_catalogue(first, '"etag-1"')
    catalogue, etag = store.load_catalogue()
    assert catalogue is not None and (catalogue.version, etag) == ("2026.11.1", '"etag-1"')
    assert catalogue.get("DEMO.GPLX.01").name == "Đổi giấy phép lái xe"

    store.save_catalogue(second, '"etag-2"')
    catalogue, etag = store.load_catalogue()
    assert catalogue is not None and (catalogue.version, etag) == ("2026.12.1", '"etag-2"')
    assert store.catalogue_json("2026.11.1") == first
    assert store.catalogue_json("2026.12.1") == second
    assert store.catalogue_versions() == ["2026.11.1", "2026.12.1"]

    # The server may go back to an older version; it becomes current again, nothing is lost.
    store.save_catalogue(first, '"etag-3"')
    catalogue, etag = store.load_catalogue()
    assert catalogue is not None and (catalogue.version, etag) == ("2026.11.1", '"etag-3"')
    assert count_rows(store, "catalogue_versions") == 2
    assert [e.subject for e in store.audit_entries() if e.action == "catalogue.saved"] == ["2026.11.1", "2026.12.1", "2026.11.1"]


def test_a_damaged_catalogue_is_refused_and_the_cache_kept(store: DeskStore) -> None:
    store.save_catalogue(catalogue_json("2026.11.1"), None)
    broken = catalogue_json("2026.12.1")
    del broken["procedures"][0]["name"]
    with pytest.raises(CatalogueError):
        store.save_catalogue(broken, '"etag-broken"')
    catalogue, etag = store.load_catalogue()
    assert catalogue is not None and (catalogue.version, etag) == ("2026.11.1", None)
    assert store.catalogue_json("2026.12.1") is None


def test_calendar_overrides_are_replaced_year_by_year(store: DeskStore) -> None:
    assert store.load_calendar_overrides() == []
    y2025 = [
        CalendarOverride(date(2025, 4, 26), "work", "Làm bù"),
        CalendarOverride(date(2025, 5, 2), "off", "Nghỉ bù"),
    ]
    y2026 = [CalendarOverride(date(2026, 11, 24), "off", "Ngày Văn hóa Việt Nam")]
    store.save_calendar_overrides(2025, y2025)
    store.save_calendar_overrides(2026, y2026)
    assert store.load_calendar_overrides() == [*y2025, *y2026]

    revised_2026 = [
        CalendarOverride(date(2026, 1, 2), "off", "Nghỉ bù Tết Dương lịch"),
        CalendarOverride(date(2026, 11, 24), "off", "Ngày Văn hóa Việt Nam"),
    ]
    store.save_calendar_overrides(2026, revised_2026)
    assert store.load_calendar_overrides() == [*y2025, *revised_2026]
    store.save_calendar_overrides(2025, [])
    assert store.load_calendar_overrides() == revised_2026
