#!/usr/bin/env bash
# Nezarat developer entry point: the README's two commands.
#
#   ./dev.sh run    set everything up, make a demo store if there is none, start the app
#   ./dev.sh test   set everything up, run ruff and the whole test suite
#
# Works on a fresh Debian 12 with nothing but python3: as root it installs the system
# packages Qt and the tests need; otherwise it names the missing ones and stops.
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"

# What the app needs at run time: the venv module and Qt's libraries (offscreen and xcb).
RUN_PACKAGES=(
  python3-venv
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0
  libasound2
)
# What the tests drive for real: a virtual display, PDF tools, openssl, a Secret Service
# keyring, a PKCS#11 token, a PostgreSQL server and the desktop-entry validator.
TEST_PACKAGES=(
  xvfb xauth poppler-utils qpdf openssl libnss3-tools zbar-tools
  dbus dbus-daemon gnome-keyring softhsm2
  postgresql desktop-file-utils
)
SYSTEM_PACKAGES=("${RUN_PACKAGES[@]}")

missing_packages() {
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  echo "${missing[@]:-}"
}

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian-like: trust the machine
  local missing
  missing=$(missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = "0" ]; then
    echo "==> installing system packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Missing system packages: $missing" >&2
    echo "Install them as root:  sudo apt-get install $missing" >&2
    exit 1
  fi
}

ensure_venv() {
  if [ ! -x "$PY" ]; then
    echo "==> creating $VENV"
    python3 -m venv "$VENV"
  fi
  # Reinstall only when the dependency list changed: repeated runs start fast.
  local stamp="$VENV/.nezarat-installed"
  local want
  want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> installing Python dependencies"
    "$PY" -m pip install -q --upgrade pip
    # constraints.txt pins the versions CI was last green with (refresh: see README).
    "$PY" -m pip install -q -c constraints.txt -e ".[dev,server,build]"
    echo "$want" > "$stamp"
  fi
}

setup() {
  ensure_system_packages
  ensure_venv
}

cmd_run() {
  setup
  local data_dir="${SUPERVISOR_DATA_DIR:-$PWD/.demo-data}"
  export SUPERVISOR_DATA_DIR="$data_dir"
  export NEZARAT_LAUNCHER="./dev.sh run"
  if [ ! -f "$data_dir/store.sqlite3" ]; then
    echo "==> building the demo store in $data_dir"
    "$VENV/bin/supervisor-app" demo-data --candidates "${DEMO_CANDIDATES:-5000}" --seed 1404
  elif [ -n "${DEMO_CANDIDATES:-}" ]; then
    echo "==> a store already exists in $data_dir; DEMO_CANDIDATES is ignored" \
         "(remove the folder or run: .venv/bin/supervisor-app demo-data --replace ...)"
  fi
  echo "==> starting Nezarat (data: $data_dir)"
  exec "$VENV/bin/supervisor-app" "$@"
}

cmd_test() {
  SYSTEM_PACKAGES+=("${TEST_PACKAGES[@]}")
  setup
  echo "==> ruff"
  "$VENV/bin/ruff" check .
  echo "==> pytest"
  QT_QPA_PLATFORM=offscreen "$VENV/bin/pytest" "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  setup) setup ;;
  *) echo "usage: ./dev.sh run | test | setup" >&2; exit 2 ;;
esac
