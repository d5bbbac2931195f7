; Inno Setup 6 script for Nezarat (نظارت): the Windows installer, Persian interface.
;
; Build on Windows, after the bundle (one command does both):
;     .venv\Scripts\python installer\build.py --installer
; or by hand:  iscc /DAppVersion=0.1.0 installer\nezarat.iss
; Output: dist\installer\nezarat-setup-<version>.exe
;
; - Installs the PyInstaller one-folder bundle (dist\nezarat\), part by part as the
;   [Files] section names them, for the current user by default (no administrator needed;
;   a secretary can install it), or for all users if chosen in the privileges dialog.
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
; The bundle, part by part; nothing is installed outside {app}. Every file of dist\nezarat\
; must be named by exactly one line: tests/installer/test_bundle.py checks this against the
; Linux bundle, and build.py --installer against the Windows bundle before compiling (a
; new dependency that adds a folder to _internal\ needs a line here). Paths are repository
; paths (SourceDir=..). ignoreversion everywhere: these are the program's private files,
; and an update replaces them whatever their version resources say.

; The program: the window without a command, the CLI with one.
Source: "dist\nezarat\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion

; Python runtime: the interpreter DLL and the frozen standard library; next to them the
; C runtime and the other native libraries (OpenSSL, SQLite, libffi), and the compiled
; modules of the standard library.
Source: "dist\nezarat\_internal\python3*.dll"; DestDir: "{app}\_internal"; Flags: ignoreversion
Source: "dist\nezarat\_internal\base_library.zip"; DestDir: "{app}\_internal"; Flags: ignoreversion
Source: "dist\nezarat\_internal\*.dll"; DestDir: "{app}\_internal"; Excludes: "python3*.dll"; Flags: ignoreversion
Source: "dist\nezarat\_internal\*.pyd"; DestDir: "{app}\_internal"; Flags: ignoreversion

; Qt: the PyQt6 modules and Qt's libraries; its plugins; the platform plugin (qwindows.dll:
; without it no window opens); Qt's own Persian strings (buttons, standard dialogs).
Source: "dist\nezarat\_internal\PyQt6\*"; DestDir: "{app}\_internal\PyQt6"; Excludes: "\Qt6\plugins\*,\Qt6\translations\*"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\PyQt6\Qt6\plugins\*"; DestDir: "{app}\_internal\PyQt6\Qt6\plugins"; Excludes: "\platforms\*"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\PyQt6\Qt6\plugins\platforms\*"; DestDir: "{app}\_internal\PyQt6\Qt6\plugins\platforms"; Flags: ignoreversion
Source: "dist\nezarat\_internal\PyQt6\Qt6\translations\*_fa.qm"; DestDir: "{app}\_internal\PyQt6\Qt6\translations"; Flags: ignoreversion
Source: "dist\nezarat\_internal\PyQt6\Qt6\translations\*_en.qm"; DestDir: "{app}\_internal\PyQt6\Qt6\translations"; Flags: ignoreversion

; The app's own files: its Persian translation and a copy of Qt's, the shipped font and
; its licence (no system font is used), stylesheet and icons, and the database migrations
; (Alembic reads them as files). forms\ holds no Designer form yet, so the bundle has no
; forms folder; the first form added needs a line here.
Source: "dist\nezarat\_internal\i18n\fa\nezarat_fa.qm"; DestDir: "{app}\_internal\i18n\fa"; Flags: ignoreversion
Source: "dist\nezarat\_internal\i18n\fa\qtbase_fa.qm"; DestDir: "{app}\_internal\i18n\fa"; Flags: ignoreversion
Source: "dist\nezarat\_internal\fonts\NotoSansArabic[wdth,wght].ttf"; DestDir: "{app}\_internal\fonts"; Flags: ignoreversion
Source: "dist\nezarat\_internal\fonts\LICENSE"; DestDir: "{app}\_internal\fonts"; Flags: ignoreversion
Source: "dist\nezarat\_internal\resources\*"; DestDir: "{app}\_internal\resources"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\supervisor_app\store\migrations\env.py"; DestDir: "{app}\_internal\supervisor_app\store\migrations"; Flags: ignoreversion
Source: "dist\nezarat\_internal\supervisor_app\store\migrations\script.py.mako"; DestDir: "{app}\_internal\supervisor_app\store\migrations"; Flags: ignoreversion
Source: "dist\nezarat\_internal\supervisor_app\store\migrations\versions\*.py"; DestDir: "{app}\_internal\supervisor_app\store\migrations\versions"; Flags: ignoreversion

; Libraries with compiled parts or data files (pure Python is inside the program file).
Source: "dist\nezarat\_internal\aiohttp\*"; DestDir: "{app}\_internal\aiohttp"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\certifi\*"; DestDir: "{app}\_internal\certifi"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\charset_normalizer\*"; DestDir: "{app}\_internal\charset_normalizer"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\cryptography\*"; DestDir: "{app}\_internal\cryptography"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\frozenlist\*"; DestDir: "{app}\_internal\frozenlist"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\lxml\*"; DestDir: "{app}\_internal\lxml"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\markupsafe\*"; DestDir: "{app}\_internal\markupsafe"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\msgspec\*"; DestDir: "{app}\_internal\msgspec"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\multidict\*"; DestDir: "{app}\_internal\multidict"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\PIL\*"; DestDir: "{app}\_internal\PIL"; Flags: ignoreversion recursesubdirs
; Pillow's own copies of its libraries: a folder of their own in Pillow's Linux wheels.
Source: "dist\nezarat\_internal\pillow.libs\*"; DestDir: "{app}\_internal\pillow.libs"; Flags: ignoreversion recursesubdirs skipifsourcedoesntexist
; Signing keys on PKCS#11 tokens: in the bundle when the tokens extra is installed.
Source: "dist\nezarat\_internal\pkcs11\*"; DestDir: "{app}\_internal\pkcs11"; Flags: ignoreversion recursesubdirs skipifsourcedoesntexist
Source: "dist\nezarat\_internal\propcache\*"; DestDir: "{app}\_internal\propcache"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\reportlab\*"; DestDir: "{app}\_internal\reportlab"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\sqlalchemy\*"; DestDir: "{app}\_internal\sqlalchemy"; Flags: ignoreversion recursesubdirs
; Time zones (Asia/Tehran): Windows has no zoneinfo database of its own.
Source: "dist\nezarat\_internal\tzdata\*"; DestDir: "{app}\_internal\tzdata"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\uharfbuzz\*"; DestDir: "{app}\_internal\uharfbuzz"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\yaml\*"; DestDir: "{app}\_internal\yaml"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\yarl\*"; DestDir: "{app}\_internal\yarl"; Flags: ignoreversion recursesubdirs

; Package metadata importlib.metadata reads at run time (keyring finds its backends through
; entry points). The versions are those pinned in constraints.txt: refreshing it renames
; these folders, and the bundle test names the lines to change.
Source: "dist\nezarat\_internal\attrs-26.1.0.dist-info\*"; DestDir: "{app}\_internal\attrs-26.1.0.dist-info"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\cryptography-50.0.2.dist-info\*"; DestDir: "{app}\_internal\cryptography-50.0.2.dist-info"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\importlib_metadata-10.2.0.dist-info\*"; DestDir: "{app}\_internal\importlib_metadata-10.2.0.dist-info"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\keyring-25.7.0.dist-info\*"; DestDir: "{app}\_internal\keyring-25.7.0.dist-info"; Flags: ignoreversion recursesubdirs
Source: "dist\nezarat\_internal\markupsafe-3.0.4.dist-info\*"; DestDir: "{app}\_internal\markupsafe-3.0.4.dist-info"; Flags: ignoreversion recursesubdirs

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
