#!/bin/sh
# Install this Nezarat bundle (the folder this script is in) for the current user, or for
# everyone when run as root: copies the folder, adds the desktop entry and the icons.
#
#   ./install.sh               user: ~/.local/opt/nezarat, menu entry in ~/.local/share
#   sudo ./install.sh          everyone: /opt/nezarat, menu entry in /usr/share
#   ./install.sh --user        per user even when run as root
#   ./install.sh --uninstall   removes the program; the data (~/.local/share/nezarat:
#                              store, settings, backups, logs, keys) is always kept
set -eu
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
SCOPE=system
[ "$(id -u)" = "0" ] || SCOPE=user
UNINSTALL=no
for arg in "$@"; do
  case "$arg" in
    --user) SCOPE=user ;;
    --uninstall) UNINSTALL=yes ;;
    *) echo "usage: install.sh [--user] [--uninstall]" >&2; exit 2 ;;
  esac
done
if [ "$SCOPE" = "system" ]; then
  PREFIX=/opt/nezarat; SHARE=/usr/share; BIN=/usr/local/bin
else
  PREFIX="$HOME/.local/opt/nezarat"; SHARE="$HOME/.local/share"; BIN="$HOME/.local/bin"
fi
if [ "$UNINSTALL" = "yes" ]; then
  rm -rf "$PREFIX"
  rm -f "$SHARE/applications/nezarat.desktop" "$BIN/nezarat"
  find "$SHARE/icons/hicolor" -name 'nezarat.png' -delete 2>/dev/null || true
  rm -f "$SHARE/icons/hicolor/scalable/apps/nezarat.svg"
  echo "Nezarat removed; your data directory was kept."
  exit 0
fi
if [ "$HERE" != "$PREFIX" ]; then
  rm -rf "$PREFIX"
  mkdir -p "$(dirname "$PREFIX")"
  cp -a "$HERE" "$PREFIX"
fi
ICONS="$PREFIX/_internal/resources/icons"
for size in 16 24 32 48 64 128 256; do
  mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
  cp "$ICONS/nezarat-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/nezarat.png"
done
mkdir -p "$SHARE/icons/hicolor/scalable/apps" "$SHARE/applications" "$BIN"
cp "$ICONS/nezarat.svg" "$SHARE/icons/hicolor/scalable/apps/nezarat.svg"
sed "s#/opt/nezarat/nezarat#$PREFIX/nezarat#g" "$HERE/nezarat.desktop" \
  > "$SHARE/applications/nezarat.desktop"
ln -sf "$PREFIX/nezarat" "$BIN/nezarat"
command -v update-desktop-database >/dev/null 2>&1 \
  && update-desktop-database -q "$SHARE/applications" || true
echo "Nezarat installed in $PREFIX (menu: Office → نظارت; command: $BIN/nezarat)"
