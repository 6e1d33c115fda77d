#!/bin/sh
# Installs the Reintegra bundle on a Linux desktop: the program folder, the `reintegra` command, the
# menu entry and its icon. `make bundle` puts this script inside dist/reintegra/; copy that folder to
# the PC (no Python needed there) and run it from there:
#
#   ./install.sh               for this user: ~/.local/lib/reintegra, ~/.local/bin/reintegra, the menu
#   sudo ./install.sh          for everyone: /opt/reintegra, /usr/local/bin/reintegra, the menu
#   ./install.sh --uninstall   (sudo for everyone) removes the program, the command and the menu entry
#
# Neither installing again nor uninstalling touches the data: the database, its backups and the
# settings stay in ~/.local/share/reintegra and ~/.config/reintegra of each user.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
if [ "$(id -u)" -eq 0 ]; then
    program=/opt/reintegra
    bin=/usr/local/bin
    share=/usr/local/share
else
    program="$HOME/.local/lib/reintegra"
    bin="$HOME/.local/bin"
    share="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
sizes="16 24 32 48 64 128 256"

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$program"
    rm -f "$bin/reintegra" "$share/applications/reintegra.desktop"
    for size in $sizes; do rm -f "$share/icons/hicolor/${size}x${size}/apps/reintegra.png"; done
    refresh_menus
    echo "Reintegra removed. The data stay in ~/.local/share/reintegra (and ~/.config/reintegra)."
    exit 0
fi

[ -x "$here/reintegra" ] && [ -d "$here/_internal/icons" ] || {
    echo "Run install.sh from inside the bundle folder (dist/reintegra/ after make bundle)." >&2
    exit 1
}
if [ "$here" != "$program" ]; then
    rm -rf "$program.new"
    mkdir -p "$(dirname "$program")"
    cp -a "$here" "$program.new"
    rm -rf "$program"
    mv "$program.new" "$program"
fi
mkdir -p "$bin" "$share/applications"
ln -sfn "$program/reintegra" "$bin/reintegra"
for size in $sizes; do
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    cp "$program/_internal/icons/reintegra-$size.png" "$share/icons/hicolor/${size}x${size}/apps/reintegra.png"
done
# The menu entry starts the program by its full path: ~/.local/bin is not on every desktop's PATH.
sed "s|^Exec=.*|Exec=\"$program/reintegra\"|" "$program/_internal/icons/reintegra.desktop" \
    >"$share/applications/reintegra.desktop"
refresh_menus
echo "Reintegra installed in $program; start it from the menu or with $bin/reintegra."
