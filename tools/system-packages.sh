#!/usr/bin/env bash
# The Debian/Ubuntu packages Reintegra needs, installed when missing; shared by `make` (before it
# makes .venv, and before run and test) and .ci/run. A fresh desktop has python3 but neither
# python3-venv nor pip, and a minimal system lacks the libraries Qt's windows need.
#
#   tools/system-packages.sh        what make run and make test need
#   tools/system-packages.sh --ci   and what CI adds (PostgreSQL for the server tests, binutils for the bundle)
#
# As root it installs with apt-get; as a user it asks sudo (which asks for the password) when run
# from a terminal; otherwise it prints the one command to run and fails. Not Debian or Ubuntu (no
# dpkg-query): it does nothing, and the README's list of system packages applies.
set -euo pipefail

PACKAGES=(
    python3 python3-venv python3-pip make
    libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
    # a window on an X11 desktop (Qt's xcb platform); Debian's desktop lacks libxcb-cursor0
    libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1
)
ci=0
if [ "${1:-}" = "--ci" ]; then
    ci=1
    # binutils: PyInstaller reads the bundle's libraries with objdump (make bundle)
    PACKAGES+=(poppler-utils postgresql binutils)
fi

command -v dpkg-query >/dev/null 2>&1 || exit 0

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

command_line="sudo apt-get install -y ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && { [ -t 0 ] || [ "$ci" -eq 1 ]; }; then
    sudo="sudo"
else
    echo "Reintegra needs these system packages: ${missing[*]}. Install them with:" >&2
    echo "    $command_line" >&2
    exit 1
fi
echo "Installing the system packages Reintegra needs: ${missing[*]}"
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "The system packages could not be installed. Install them with:" >&2
    echo "    $command_line" >&2
    exit 1
fi
