; Inno Setup 6 script of the desk's Windows installer: a per-machine install in Program Files.
;
; Build it on Windows with installer\windows\build.ps1, which makes the PyInstaller one-folder
; build (dist\one-stop-desk\), runs its self-test, fetches the Vietnamese messages and then
; compiles this script into dist\one-stop-desk-<version>-windows-x64-setup.exe. By hand:
;   iscc /DVietnameseMessages=C:\path\to\Vietnamese.isl installer\windows\one-stop-desk.iss
; Needs Inno Setup 6.5 or later (the Vietnamese messages are written for 6.5).
;
; The version is not written here: it is read from the built executable's version resource,
; which installer\one-stop-desk.spec fills from desk_app\__init__.py (the one place it is
; written). /DAppVersion=... on the iscc command line overrides it.

#define AppName "One-stop desk"
#define AppNameVi "Bộ phận Một cửa"
#define AppExeName "one-stop-desk.exe"
#define BuildDir AddBackslash(SourcePath) + "..\..\dist\one-stop-desk"
#define AppExe BuildDir + "\" + AppExeName

#if !FileExists(AppExe)
  #error dist\one-stop-desk\one-stop-desk.exe is missing: build the desk first (installer\windows\build.ps1)
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error The built executable carries no ProductVersion: rebuild it with installer\one-stop-desk.spec
#endif

; Inno Setup ships no Vietnamese messages file: Vietnamese.isl is one of its user-contributed
; ("unofficial") translations; build.ps1 downloads it into build\inno\.
#ifndef VietnameseMessages
  #define VietnameseMessages AddBackslash(SourcePath) + "..\..\build\inno\Vietnamese.isl"
#endif
#if !FileExists(VietnameseMessages)
  #error Vietnamese.isl not found: run installer\windows\build.ps1, or pass /DVietnameseMessages=<path>
#endif

[Setup]
; The AppId identifies the desk to Windows across versions: an update installs over the old
; one and keeps a single entry in "Apps & features". Never change it.
AppId={{6C36E5E9-A89B-4112-96D7-C909356BDCD5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=One-stop desk project
VersionInfoVersion={#GetVersionNumbersString(AppExe)}
VersionInfoProductTextVersion={#AppVersion}
; Per machine, for every Windows account of the counter PC: Program Files, admin rights.
PrivilegesRequired=admin
DefaultDirName={autopf}\One-stop desk
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=auto
SetupIconFile=..\..\build\icons\one-stop-desk.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\..\dist
OutputBaseFilename=one-stop-desk-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
; A desk still running is closed (and asked to close) before its files are replaced.
CloseApplications=yes
RestartApplications=no
; The uninstaller asks about the desk's data, which lives in the profile of the Windows
; account that uses it ({localappdata}); installing per machine makes the compiler warn
; about that, on purpose here.
UsedUserAreasWarning=no

[Languages]
Name: "vi"; MessagesFile: "{#VietnameseMessages}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.AppDisplayName={#AppNameVi}
en.AppDisplayName={#AppName}
vi.RemoveDataQuestion=Có xoá cả dữ liệu của chương trình Bộ phận Một cửa trên máy tính này không?%n%nThư mục %1 chứa cấu hình, nhật ký, cơ sở dữ liệu hồ sơ trên máy (kể cả hồ sơ chưa gửi lên hệ thống trung tâm) và các bản quét giấy tờ.%n%nChọn "Không" (khuyến nghị) để giữ lại: khi cài lại hoặc cập nhật, chương trình tiếp tục dùng dữ liệu này. Chỉ chọn "Có" khi máy tính không còn dùng tại quầy; hồ sơ chưa gửi sẽ bị mất.%n%nCác khoá và mật khẩu chương trình lưu trong Windows Credential Manager (mục mang tên one-stop-desk) không bị xoá.
en.RemoveDataQuestion=Also remove the One-stop desk's data from this computer?%n%nThe folder %1 holds the desk's settings, logs, its local database of dossiers (including dossiers not yet sent to the central system) and the scanned papers.%n%nChoose "No" (recommended) to keep it: a desk installed again or updated goes on with it. Choose "Yes" only when this computer no longer serves at the counter; dossiers not yet sent are then lost.%n%nThe keys and passwords the desk keeps in Windows Credential Manager (entries named one-stop-desk) are not removed.
vi.DataNotRemoved=Không xoá được toàn bộ thư mục %1 (có thể có tệp đang được sử dụng). Vui lòng xoá thư mục này thủ công.
en.DataNotRemoved=The folder %1 could not be removed completely (a file may be in use). Please delete it by hand.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The Start menu shortcut (in "All apps"), and the desktop one when the task was ticked.
Name: "{autoprograms}\{cm:AppDisplayName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{autodesktop}\{cm:AppDisplayName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; "Run the desk" on the last page; postinstall entries run as the user who started Setup
; (not elevated), so the desk's data goes into that user's profile.
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{cm:AppDisplayName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The desk keeps its data in platformdirs' per-user folders (desk_app\paths.py, APP_NAME and
  APP_AUTHOR "OneStopDesk"): on Windows data, settings and logs all lie under
  %LOCALAPPDATA%\OneStopDesk\OneStopDesk, and nothing else uses %LOCALAPPDATA%\OneStopDesk. }
function DeskDataFolder: String;
begin
  Result := ExpandConstant('{localappdata}\OneStopDesk');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Folder := DeskDataFolder;
  if not DirExists(Folder) then
    Exit;
  { A silent uninstall (/SILENT, /VERYSILENT) never asks, so an unattended removal does not
    hang on the question, and keeps the data. Asked, keep is the default: No has the focus. }
  if UninstallSilent then
    Exit;
  if SuppressibleMsgBox(FmtMessage(CustomMessage('RemoveDataQuestion'), [Folder]),
                        mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
  begin
    if not DelTree(Folder, True, True, True) then
      SuppressibleMsgBox(FmtMessage(CustomMessage('DataNotRemoved'), [Folder]), mbError, MB_OK, IDOK);
  end;
end;
