; Inno Setup 6 script of Reintegra's Windows installer (UTF-8 with a byte-order mark, for the Polish
; messages), from the bundle that `make bundle` (or pyinstaller packaging/reintegra.spec) wrote into
; dist\reintegra\. From the checkout's top folder:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\reintegra.iss      -> dist\reintegra-0.1.0-setup.exe
;
; The installer asks whether to install for everyone (Program Files, needs an administrator) or for
; the current user only (no administrator); Start-menu entry, optional desktop icon; Polish or
; English. Uninstalling removes the program only: the database, its backups and the settings live in
; each user's %LOCALAPPDATA%\reintegra (platformdirs, reintegra/paths.py) and stay there.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define BundleDir "..\..\dist\reintegra"

[Setup]
; The same AppId in every version: a newer installer replaces the older one in place.
AppId={{A66B8412-74E8-4C04-A6B6-C7E53A5A6899}
AppName=Reintegra
AppVersion={#AppVersion}
AppVerName=Reintegra {#AppVersion}
AppPublisher=Reintegra
DefaultDirName={autopf}\Reintegra
DefaultGroupName=Reintegra
DisableProgramGroupPage=yes
; Per user by default; the first page offers "for all users" (which asks for an administrator), and
; /ALLUSERS or /CURRENTUSER choose on the command line.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=reintegra-{#AppVersion}-setup
SetupIconFile={#BundleDir}\_internal\icons\reintegra.ico
UninstallDisplayIcon={app}\reintegraw.exe
UninstallDisplayName=Reintegra
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
Name: "polish"; MessagesFile: "compiler:Languages\Polish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
polish.DataKept=Dane programu (baza danych, kopie zapasowe i ustawienia) pozostały w folderze:%n%1%n%nUsuń ten folder samodzielnie, jeśli nie są już potrzebne.
english.DataKept=The program's data (the database, its backups and the settings) stay in the folder:%n%1%n%nDelete that folder yourself if they are no longer needed.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A new version's bundle replaces the old one whole: no module of the previous version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; reintegraw.exe: the same program without a console window. reintegra.exe is for the command line.
Name: "{group}\Reintegra"; Filename: "{app}\reintegraw.exe"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\Reintegra"; Filename: "{app}\reintegraw.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\reintegraw.exe"; Description: "{cm:LaunchProgram,Reintegra}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes what it installed and nothing in the data folder.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir, Note: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    DataDir := ExpandConstant('{localappdata}\reintegra');
    if DirExists(DataDir) then
    begin
      Note := FmtMessage(CustomMessage('DataKept'), [DataDir]);
      StringChangeEx(Note, '%n', #13#10, True);
      MsgBox(Note, mbInformation, MB_OK);
    end;
  end;
end;
