# Builds the desk's Windows installer on a Windows 10/11 x64 machine:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# 1. a virtual environment in .venv with the desk, its embedded central API and the build extra;
# 2. the PyInstaller one-folder build in dist\one-stop-desk\ (installer\one-stop-desk.spec);
# 3. that build's self-test (demo mode in a temporary folder; nothing of the user's is touched);
# 4. the Vietnamese messages of Inno Setup (a user-contributed translation Inno Setup does not ship);
# 5. the installer dist\one-stop-desk-<version>-windows-x64-setup.exe (Inno Setup 6.5 or later).
# Needs Python 3.11 (the "py" launcher) and Inno Setup 6; installer\README.md says how to get them.
param(
    [string]$Python = "py",
    [string]$PythonVersion = "-3.11",
    [switch]$SkipSelfTest
)
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path (Join-Path $PSScriptRoot "..\.."))

# The file at a fixed revision of Inno Setup's repository, so every build gets the same messages.
$VietnameseUrl = "https://raw.githubusercontent.com/jrsoftware/issrc/09b24879e5be49278ef223dc3d1b07c856369ea2/Files/Languages/Unofficial/Vietnamese.isl"

function Invoke-Checked([string]$What, [scriptblock]$Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

if (-not (Test-Path .venv\Scripts\python.exe)) {
    Invoke-Checked "Creating .venv" { & $Python $PythonVersion -m venv .venv }
}
$venvPython = (Resolve-Path .venv\Scripts\python.exe).Path
Invoke-Checked "Updating pip" { & $venvPython -m pip install -q --upgrade pip }
Invoke-Checked "Installing the desk" { & $venvPython -m pip install -q -e ".[central,build]" }
$version = (& $venvPython -c "import desk_app; print(desk_app.__version__)").Trim()

Invoke-Checked "PyInstaller" {
    & $venvPython -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller `
        installer\one-stop-desk.spec
}
if (-not $SkipSelfTest) {
    # Through the console twin, which prints; the report is kept in build\ as well.
    $report = Join-Path (Resolve-Path build).Path "self-test-report.json"
    Remove-Item $report -ErrorAction SilentlyContinue
    & dist\one-stop-desk\one-stop-desk-console.exe --self-test $report
    $code = $LASTEXITCODE
    if (Test-Path $report) { Get-Content $report -Encoding UTF8 }
    if ($code -ne 0) { throw "The built desk failed its self-test (exit code $code)" }
}

$isl = "build\inno\Vietnamese.isl"
if (-not (Test-Path $isl)) {
    New-Item -ItemType Directory -Force build\inno | Out-Null
    Invoke-WebRequest -Uri $VietnameseUrl -OutFile $isl -UseBasicParsing
}

$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if ($iscc) { $iscc = $iscc.Source }
else {
    # Where the Inno Setup installer (per machine) and winget (per user) put it.
    $iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
              "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $iscc) { throw "ISCC.exe (Inno Setup 6) not found: install it (see installer\README.md)" }
Invoke-Checked "Inno Setup" {
    & $iscc /Q "/DVietnameseMessages=$((Resolve-Path $isl).Path)" installer\windows\one-stop-desk.iss
}
Write-Host "Built dist\one-stop-desk-$version-windows-x64-setup.exe"
