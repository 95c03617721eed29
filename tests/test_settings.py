import json

from desk_app.paths import DeskPaths
from desk_app.settings import SCHEMA_VERSION, DeskSettings, load_settings, save_settings


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
