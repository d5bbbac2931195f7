; Inno Setup 6 script for Nezarat (نظارت): the Windows installer, Persian interface.
;
; Build on Windows, after the bundle (one command does both):
;     .venv\Scripts\python installer\build.py --installer
; or by hand:  iscc /DAppVersion=0.1.0 installer\nezarat.iss
; Output: dist\installer\nezarat-setup-<version>.exe
;
; - Installs the PyInstaller one-folder bundle (dist\nezarat\, every file, recursively)
;   for the current user by default (no administrator needed; a secretary can install it),
;   or for all users if chosen in the privileges dialog.
; - Start-menu and desktop shortcuts (the desktop one is a task, ticked by default).
; - Uninstalling removes the program folder only. The data directory
;   %LOCALAPPDATA%\nezarat (store, settings, backups, logs, keystore) is never deleted:
;   it is listed under [Dirs] with uninsneveruninstall, and no [UninstallDelete] or
;   [InstallDelete] entry points outside {app}. tests/installer/test_bundle.py checks this.
; - Persian wizard: Inno Setup ships Farsi.isl as an unofficial translation (not installed
;   by the standard setup). The script takes it from the compiler's Languages\ or
;   Languages\Unofficial\ folder, else from installer\windows\Farsi.isl; fetch it with
;   installer\windows\get-farsi-isl.ps1 (see installer\README.md).
; - This file is UTF-8 with a byte-order mark: Inno Setup reads a file without one as ANSI,
;   which would garble the Persian names below.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Nezarat"
#define AppNameFa "نظارت"
#define AppExe "nezarat.exe"
#define AppPublisher "Nezarat"
#define DataDir "{localappdata}\nezarat"

#if FileExists(AddBackslash(CompilerPath) + "Languages\Farsi.isl")
  #define FarsiIsl "compiler:Languages\Farsi.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\Farsi.isl")
  #define FarsiIsl "compiler:Languages\Unofficial\Farsi.isl"
#elif FileExists(AddBackslash(SourcePath) + "windows\Farsi.isl")
  #define FarsiIsl AddBackslash(SourcePath) + "windows\Farsi.isl"
#else
  #error Farsi.isl (Inno Setup's Persian messages) was not found: run installer\windows\get-farsi-isl.ps1
#endif

[Setup]
; Never change AppId: it is how an update finds and replaces the installed version.
AppId={{6F0E6C52-3B1D-4C8A-9E55-2A7B0D4C1E93}
AppName={#AppNameFa} ({#AppName})
AppVersion={#AppVersion}
AppVerName={#AppNameFa} {#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppNameFa}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Paths below are relative to the repository root.
SourceDir=..
OutputDir=dist\installer
OutputBaseFilename=nezarat-setup-{#AppVersion}
SetupIconFile=resources\icons\nezarat.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppNameFa} ({#AppName})
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
LanguageDetectionMethod=none
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "farsi"; MessagesFile: "{#FarsiIsl}"

[CustomMessages]
farsi.DataKept=داده‌های شما (پایگاه داده، تنظیمات، نسخه‌های پشتیبان، گزارش‌ها و کلیدها) در این پوشه باقی ماند و حذف نشد:%n%1
farsi.ShortcutComment=سامانه هیات نظارت بر انتخابات

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Dirs]
; The user's data directory: created if missing, and never removed by the uninstaller.
Name: "{#DataDir}"; Flags: uninsneveruninstall

[Files]
; The whole PyInstaller bundle: nezarat.exe and _internal\ (Python, Qt, fonts,
; translations, resources, migrations). Nothing is installed outside {app}.
Source: "dist\nezarat\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppNameFa}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:ShortcutComment}"
Name: "{group}\{cm:UninstallProgram,{#AppNameFa}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppNameFa}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:ShortcutComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppNameFa}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only inside the program folder: caches the program may have left next to itself.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
Type: dirifempty; Name: "{app}"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { Say where the data stayed, so nobody thinks it was lost (or looks for it in vain). }
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{#DataDir}')]),
           mbInformation, MB_OK);
end;
