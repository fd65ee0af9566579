; Facturier's Windows installer (NSIS 3, Unicode, French and English).
;
;   makensis -DVERSION=0.1.0 -DPAYLOAD=build\dist\facturier -DICON=build\windows\facturier.ico ^
;            -DOUTFILE=build\Facturier-0.1.0-setup.exe packaging\windows\facturier.nsi
;
; PAYLOAD is PyInstaller's output folder (packaging/facturier.spec): facturier.exe (the desktop
; program, no console window), facturier-cli.exe (the headless commands, for scripts and
; scheduled tasks, e.g. "facturier-cli.exe outbox send") and _internal\.
;
; The program goes to Program Files, for every user of the computer (administrator rights),
; with a Start-menu and a desktop shortcut. Each user's data (the database, its backups) lives
; in that user's %LOCALAPPDATA%\Facturier, written by the program itself (platformdirs): the
; installer never writes there and the uninstaller never deletes it, so reinstalling or
; upgrading finds the data as it was; the program upgrades the database on its first start,
; after a backup copy. Installing a new version over an old one replaces the program's files.
;
; packaging/windows/check-nsis.sh compiles this script on Linux against a placeholder payload.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is missing: makensis -DVERSION=x.y.z -DPAYLOAD=folder ..."
!endif
!ifndef PAYLOAD
  !error "PAYLOAD is missing: the PyInstaller output folder holding facturier.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "Facturier-${VERSION}-setup.exe"
!endif
!ifndef VIVERSION  ; Windows wants four numbers
  !define VIVERSION "${VERSION}.0"
!endif

!define APPNAME "Facturier"
!define PUBLISHER "Facturier"
!define APPKEY "Software\Facturier"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Facturier"
!define APPPATHKEY "Software\Microsoft\Windows\CurrentVersion\App Paths\facturier.exe"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APPNAME}"
RequestExecutionLevel admin
BrandingText "${APPNAME} ${VERSION}"

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
; No "start Facturier now" box on the last page: the installer runs elevated, and the first
; start must be the user's own (their AppData, their keyring).
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(DataKept)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; Windows' display language picks the other one.
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString DataKept ${LANG_FRENCH} "Facturier va être désinstallé. Vos données (la base de données et ses copies de sauvegarde, dans le dossier AppData\Local\Facturier de chaque utilisateur) sont conservées."
LangString DataKept ${LANG_ENGLISH} "Facturier will be uninstalled. Your data (the database and its backup copies, in each user's AppData\Local\Facturier folder) is kept."
LangString Needs64 ${LANG_FRENCH} "Facturier nécessite une version 64 bits de Windows."
LangString Needs64 ${LANG_ENGLISH} "Facturier needs a 64-bit version of Windows."

VIProductVersion "${VIVERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APPNAME} ${VERSION} setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "GPL-3.0-or-later"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(Needs64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  ; An upgrade goes where the previous version is.
  ReadRegStr $0 HKLM "${APPKEY}" "InstallDir"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
FunctionEnd

Section "Facturier" SecMain
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; The previous version's modules must not linger beside the new ones.
  RMDir /r "$INSTDIR\_internal"
  File "${PAYLOAD}\facturier.exe"
  File "${PAYLOAD}\facturier-cli.exe"
  File /r "${PAYLOAD}\_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\facturier.exe" "" "$INSTDIR\facturier.exe" 0
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\facturier.exe" "" "$INSTDIR\facturier.exe" 0

  WriteRegStr HKLM "${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${APPKEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${APPPATHKEY}" "" "$INSTDIR\facturier.exe"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\facturier.exe"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  ; Only what the installer put there: the program's own folder and files.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\facturier.exe"
  Delete "$INSTDIR\facturier-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; removed only when empty
  DeleteRegKey HKLM "${APPPATHKEY}"
  DeleteRegKey HKLM "${UNINSTKEY}"
  DeleteRegKey HKLM "${APPKEY}"
  ; Each user's %LOCALAPPDATA%\Facturier (database, backups) is theirs: never touched here.
SectionEnd
