import json

from desk_app.paths import DeskPaths
from desk_app.settings import SCHEMA_VERSION, DeskSettings, load_settings, normal_site_code, save_settings


def test_missing_file_gives_demo_defaults(tmp_path):
    settings = load_settings(tmp_path / "none.json")
    assert settings == DeskSettings() and settings.demo and settings.language == "vi"


def test_round_trip(tmp_path):
    path = tmp_path / "s.json"
    settings = DeskSettings(server_url="https://motcua.example.vn", desk_id="DESK-NT-02", last_username="canbo01")
    save_settings(path, settings)
    assert load_settings(path) == settings
    assert not load_settings(path).demo


def test_version_one_file_is_migrated(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"schema_version": 1, "central_url": "https://a.example.vn", "desk_id": "D7"}), encoding="utf-8")
    settings = load_settings(path)
    assert settings.server_url == "https://a.example.vn"
    assert settings.desk_id == "D7" and settings.schema_version == SCHEMA_VERSION


def test_damaged_file_falls_back_to_defaults(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == DeskSettings()


def test_unknown_language_and_silly_interval_are_corrected(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"schema_version": 2, "language": "fr", "sync_interval_seconds": 0}), encoding="utf-8")
    settings = load_settings(path)
    assert settings.language == "vi" and settings.sync_interval_seconds == 30


def test_paths_under_one_root(tmp_path):
    paths = DeskPaths.under(tmp_path).create()
    assert paths.settings_file.parent.is_dir() and paths.store_dir.parent == paths.data_dir


def test_a_version_four_file_gets_the_security_settings_with_their_defaults(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"schema_version": 4, "desk_id": "D9", "pinned_authority": None}), encoding="utf-8")
    settings = load_settings(path)
    assert settings.schema_version == SCHEMA_VERSION
    assert (settings.idle_lock_minutes, settings.offline_grace_days, settings.retention_days) == (5, 7, 30)
    assert settings.desk_id == "D9"


def test_the_security_settings_round_trip(tmp_path):
    path = tmp_path / "s.json"
    settings = DeskSettings(idle_lock_minutes=2, offline_grace_days=0, retention_days=365)
    save_settings(path, settings)
    assert load_settings(path) == settings
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["schema_version"] == SCHEMA_VERSION and written["offline_grace_days"] == 0


def test_security_settings_outside_their_range_are_brought_to_the_nearest_bound(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"schema_version": 5, "idle_lock_minutes": 0, "offline_grace_days": 90,
                                "retention_days": 99999}), encoding="utf-8")
    settings = load_settings(path)
    assert (settings.idle_lock_minutes, settings.offline_grace_days, settings.retention_days) == (1, 30, 3650)
    path.write_text(json.dumps({"schema_version": 5, "idle_lock_minutes": 500, "offline_grace_days": -3,
                                "retention_days": 0}), encoding="utf-8")
    settings = load_settings(path)
    assert (settings.idle_lock_minutes, settings.offline_grace_days, settings.retention_days) == (120, 0, 1)


def test_security_settings_that_are_not_whole_numbers_fall_back_to_the_defaults(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"schema_version": 5, "idle_lock_minutes": "5", "offline_grace_days": True,
                                "retention_days": 30.5}), encoding="utf-8")
    settings = load_settings(path)
    assert (settings.idle_lock_minutes, settings.offline_grace_days, settings.retention_days) == (5, 7, 30)


def test_a_version_five_file_gets_no_site_code_and_keeps_the_rest(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"schema_version": 5, "desk_id": "DESK-NT-02", "server_url": "https://a.example.vn",
                                "idle_lock_minutes": 9}), encoding="utf-8")
    settings = load_settings(path)
    assert settings.schema_version == SCHEMA_VERSION == 6
    assert settings.site_code is None
    assert (settings.desk_id, settings.server_url, settings.idle_lock_minutes) == ("DESK-NT-02", "https://a.example.vn", 9)


def test_the_site_code_round_trips(tmp_path):
    path = tmp_path / "s.json"
    settings = DeskSettings(server_url="https://a.example.vn", desk_id="DESK-NT-01", site_code="000.00.17.H56")
    save_settings(path, settings)
    assert load_settings(path) == settings
    assert json.loads(path.read_text(encoding="utf-8"))["site_code"] == "000.00.17.H56"


def test_a_site_code_typed_loosely_is_kept_in_capitals_and_one_that_is_none_is_dropped(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"schema_version": 6, "site_code": " 000.00.04.g18 "}), encoding="utf-8")
    assert load_settings(path).site_code == "000.00.04.G18"
    for written, kept in (("000.00.04.G18.99", None), ("000..04", None), ("H56 ", "H56"), ("x y", None),
                          (56, None), ("", None)):
        path.write_text(json.dumps({"schema_version": 6, "site_code": written, "desk_id": "D1"}), encoding="utf-8")
        settings = load_settings(path)
        assert (settings.site_code, settings.desk_id) == (kept, "D1"), written


def test_site_codes_are_checked_loosely():
    assert normal_site_code("000.00.17.H56") == "000.00.17.H56"
    assert normal_site_code("h56") == "H56"
    assert normal_site_code("000.20.31.H56") == "000.20.31.H56"
    for wrong in ("", "   ", "000.00.17.H56X", ".H56", "H56.", "000-00", "Hà.56", None, 17):
        assert normal_site_code(wrong) is None, wrong
