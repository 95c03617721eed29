"""What can be checked of the installers without building them: installer/build_linux.sh builds
and self-tests the Linux one, and the Windows one can only be built on Windows."""

from __future__ import annotations

import ast
import configparser
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import desk_app
from desk_app.paths import APP_AUTHOR, APP_NAME

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "one-stop-desk.spec"
ISS = INSTALLER / "windows" / "one-stop-desk.iss"
DESKTOP = INSTALLER / "linux" / "one-stop-desk.desktop"


def spec_helpers() -> dict[str, Any]:
    """The spec's data-collecting functions and DATA_FOLDERS, run as the build runs them
    (the rest of the spec needs PyInstaller's build machinery)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    kept = [node for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef))
            or (isinstance(node, ast.Assign) and any(getattr(t, "id", "") in {"NAME", "DATA_FOLDERS"}
                                                     for t in node.targets))]
    kept = [node for node in kept if not (isinstance(node, ast.ImportFrom) and node.module.startswith("PyInstaller"))]
    namespace: dict[str, Any] = {"ROOT": ROOT, "__name__": "spec"}
    exec(compile(ast.Module(body=kept, type_ignores=[]), str(SPEC), "exec"), namespace)  # noqa: S102
    return namespace


def iss_text() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def test_the_version_is_written_nowhere_in_installer() -> None:
    version = re.compile(rf"(?<![\w.]){re.escape(desk_app.__version__)}(?![\w.])")
    for path in INSTALLER.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if path.suffix == ".desktop" and line.startswith("Version="):
                continue  # the Desktop Entry specification's version, not the desk's
            assert not version.search(line), f"{path.relative_to(ROOT)} writes the version: {line!r}"


def test_the_spec_reads_the_version_from_the_package() -> None:
    assert spec_helpers()["read_version"]() == desk_app.__version__


def test_every_data_path_the_spec_lists_exists() -> None:
    helpers = spec_helpers()
    collected = [entry for source, target, suffixes in helpers["DATA_FOLDERS"]
                 for entry in helpers["folder"](source, target, suffixes)]
    collected += helpers["haar_cascades"]()
    for source, _target in collected:
        assert Path(source).is_file(), source
    targets = {target for _source, target in collected}
    # Each where the code looks for it at run time, relative to its package.
    assert {"resources/fonts", "resources/icons", "resources/templates", "resources/translations", "resources/demo",
            "desk_app/store/migrations", "desk_app/store/migrations/versions", "central_api/migrations",
            "central_api/migrations/versions", "cv2/data"} <= targets
    assert any(source.endswith("desk_vi.qm") for source, _target in collected)
    assert not any(source.endswith((".ts", ".pyc")) for source, _target in collected)
    assert (INSTALLER / "one_stop_desk.py").is_file() and "installer\" / \"one_stop_desk.py" in SPEC.read_text(
        encoding="utf-8")


def test_the_spec_collects_the_holiday_names_the_calendar_reads() -> None:
    pytest.importorskip("PyInstaller", reason="the build extra (installer/build_linux.sh installs it)")
    from PyInstaller.utils.hooks import collect_data_files

    helpers = spec_helpers()
    helpers["collect_data_files"] = collect_data_files
    names = helpers["holiday_names"]()
    assert any(source.endswith("/vi/LC_MESSAGES/VN.mo") for source, _target in names)
    assert all(Path(source).is_file() for source, _target in names)


def test_the_iss_installs_per_machine_with_shortcuts_and_runs_the_desk() -> None:
    text = iss_text()
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$", text, re.M)
    assert re.search(r"^PrivilegesRequired=admin$", text, re.M)
    assert re.search(r"^DefaultDirName=\{autopf\}\\", text, re.M)
    assert re.search(r"^Name: \"\{autoprograms\}\\.*Filename: \"\{app\}\\\{#AppExeName\}\"", text, re.M)
    assert re.search(r"^Name: \"\{autodesktop\}\\.*Tasks: desktopicon$", text, re.M)
    assert re.search(r"^Name: \"desktopicon\";.*Flags: unchecked$", text, re.M)
    assert re.search(r"^Filename: \"\{app\}\\\{#AppExeName\}\";.*Flags: nowait postinstall skipifsilent$", text, re.M)
    assert '#define AppExeName "one-stop-desk.exe"' in text and 'NAME = "one-stop-desk"' in SPEC.read_text(
        encoding="utf-8")
    # The version comes from the built executable, which the spec stamps with desk_app.__version__.
    assert '#define AppVersion GetStringFileInfo(AppExe, "ProductVersion")' in text
    assert '"ProductVersion": VERSION' in SPEC.read_text(encoding="utf-8")


def test_the_iss_speaks_vietnamese_and_english() -> None:
    text = iss_text()
    assert re.search(r'^Name: "vi"; MessagesFile: "\{#VietnameseMessages\}"$', text, re.M)
    assert re.search(r'^Name: "en"; MessagesFile: "compiler:Default.isl"$', text, re.M)
    keys = re.findall(r"^(vi|en)\.(\w+)=", text, re.M)
    assert {key for lang, key in keys if lang == "vi"} == {key for lang, key in keys if lang == "en"} != set()
    vietnamese = dict((key, value) for key, value in re.findall(r"^vi\.(\w+)=(.*)$", text, re.M))
    assert "dữ liệu" in vietnamese["RemoveDataQuestion"]  # real Vietnamese, kept intact by the UTF-8 BOM
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_uninstaller_asks_whether_to_keep_the_data_and_keeps_it_by_default() -> None:
    text = iss_text()
    code = text[text.index("[Code]"):]
    # platformdirs' Windows folders are <LOCALAPPDATA>\<author>\<app>: data, settings and logs.
    assert f"ExpandConstant('{{localappdata}}\\{APP_AUTHOR}')" in code and APP_NAME in code
    assert "procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);" in code
    assert "usPostUninstall" in code
    question = re.search(r"SuppressibleMsgBox\(FmtMessage\(CustomMessage\('RemoveDataQuestion'\).*?\) = IDYES", code,
                         re.S)
    assert question and "MB_YESNO or MB_DEFBUTTON2, IDNO" in question.group(0)
    assert code.index("= IDYES") < code.index("DelTree(Folder, True, True, True)")
    assert "Credential Manager" in text  # the keyring entries are said to stay


def test_the_desktop_entry_has_the_required_keys() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] and desktop["Name[vi]"] == "Bộ phận Một cửa"
    assert desktop["Exec"] == desktop["TryExec"] == "one-stop-desk" == desktop["Icon"]
    assert desktop["Terminal"] == "false" and desktop["Categories"].endswith(";")
    assert (ROOT / "resources" / "icons" / "app.svg").is_file()
    validate = shutil.which("desktop-file-validate")
    if validate:
        result = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True, timeout=30)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_build_scripts_use_the_spec_and_the_iss() -> None:
    linux = (INSTALLER / "build_linux.sh").read_text(encoding="utf-8")
    windows = (INSTALLER / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert "installer/$name.spec" in linux and "installer\\one-stop-desk.spec" in windows
    assert "installer\\windows\\one-stop-desk.iss" in windows
    assert "--self-test" in linux and "--self-test" in windows
