"""`python -m desk_app --enrol`: the desk id and server go to the settings, the key to the keyring."""

from __future__ import annotations

import io

import keyring

from desk_app.app import enrol, parse_args
from desk_app.credentials import TokenVault
from desk_app.paths import DeskPaths
from desk_app.settings import DeskSettings, load_settings
from tests.test_credentials import FileLessKeyring


def test_enrol_keeps_the_key_in_the_keyring_and_nothing_secret_in_the_settings(tmp_path, monkeypatch, capsys):
    previous = keyring.get_keyring()
    keyring.set_keyring(FileLessKeyring())
    try:
        paths = DeskPaths.under(tmp_path).create()
        monkeypatch.setattr("sys.stdin", io.StringIO("k-secret-42\n"))
        args = parse_args(["--enrol", "--desk-id", "DESK-NT-07", "--server", "https://motcua.example.vn"])
        assert enrol(paths, DeskSettings(), args) == 0
        assert TokenVault().load_desk_key("DESK-NT-07") == "k-secret-42"
        settings = load_settings(paths.settings_file)
        assert settings.desk_id == "DESK-NT-07" and settings.server_url == "https://motcua.example.vn"
        assert "k-secret-42" not in paths.settings_file.read_text(encoding="utf-8")
        assert "DESK-NT-07 enrolled" in capsys.readouterr().out
    finally:
        keyring.set_keyring(previous)


def test_enrol_refuses_without_a_keyring(tmp_path, monkeypatch, capsys):
    paths = DeskPaths.under(tmp_path).create()
    monkeypatch.setattr("sys.stdin", io.StringIO("k\n"))
    assert enrol(paths, DeskSettings(), parse_args(["--enrol"]), vault=TokenVault(use_keyring=False)) == 2
    assert not paths.settings_file.exists()
    assert "no working keyring" in capsys.readouterr().err
