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
