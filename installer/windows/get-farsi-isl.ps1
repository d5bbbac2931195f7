# Fetch Inno Setup's Persian messages (Farsi.isl) next to this script.
#
# Inno Setup ships Farsi.isl as an unofficial translation: it is in the Inno Setup source
# tree (Files/Languages/Unofficial/Farsi.isl) and on https://jrsoftware.org/files/istrans/
# but the standard installer does not put it into the compiler's Languages folder.
# installer\nezarat.iss looks for it there first, then here (installer\windows\Farsi.isl).
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\get-farsi-isl.ps1
#
# Pin -Ref to a commit of jrsoftware/issrc for a reproducible build; the SHA-256 of what
# was fetched is printed so it can be recorded with the release.
param([string]$Ref = "main")
$ErrorActionPreference = "Stop"
$url = "https://raw.githubusercontent.com/jrsoftware/issrc/$Ref/Files/Languages/Unofficial/Farsi.isl"
$target = Join-Path $PSScriptRoot "Farsi.isl"
Invoke-WebRequest -Uri $url -OutFile $target -UseBasicParsing
$hash = (Get-FileHash -Algorithm SHA256 $target).Hash
Write-Output "Farsi.isl ($Ref) -> $target"
Write-Output "SHA-256: $hash"
