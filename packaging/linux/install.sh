#!/bin/sh
# Install Groq Desktop from this unpacked .tar.gz (any Linux distribution; x86_64, glibc 2.36 or newer).
#   ./install.sh               as root: /opt/groq-desktop, /usr/local/bin, /usr/local/share
#                              as a user: ~/.local/lib/groq-desktop, ~/.local/bin, ~/.local/share
#   ./install.sh --uninstall   removes what it installed (your chats and settings stay)
# PREFIX=/some/where ./install.sh puts the app in $PREFIX/lib/groq-desktop, $PREFIX/bin and $PREFIX/share.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -n "${PREFIX:-}" ]; then
    APP="$PREFIX/lib/groq-desktop"; BIN="$PREFIX/bin"; SHARE="$PREFIX/share"
elif [ "$(id -u)" = 0 ]; then
    APP=/opt/groq-desktop; BIN=/usr/local/bin; SHARE=/usr/local/share
else
    APP="$HOME/.local/lib/groq-desktop"; BIN="$HOME/.local/bin"; SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
ICONS=$(cd "$HERE/usr/share/icons" && find hicolor -name 'groq-desktop.*')

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor" || true
}

if [ "${1:-}" = --uninstall ]; then
    rm -rf "$APP"
    rm -f "$BIN/groq-desktop" "$SHARE/applications/groq-desktop.desktop"
    for icon in $ICONS; do rm -f "$SHARE/icons/$icon"; done
    refresh
    echo "Groq Desktop removed from $APP."
    exit 0
fi

rm -rf "$APP"
mkdir -p "$APP" "$BIN" "$SHARE/applications"
cp -a "$HERE/opt/groq-desktop/." "$APP/"
ln -sf "$APP/groq-desktop" "$BIN/groq-desktop"
# An absolute Exec: ~/.local/bin is not on every desktop session's PATH.
sed -e "s#^Exec=groq-desktop#Exec=$APP/groq-desktop#" -e "s#^TryExec=groq-desktop#TryExec=$APP/groq-desktop#" \
    "$HERE/usr/share/applications/groq-desktop.desktop" > "$SHARE/applications/groq-desktop.desktop"
for icon in $ICONS; do
    mkdir -p "$(dirname "$SHARE/icons/$icon")"
    cp "$HERE/usr/share/icons/$icon" "$SHARE/icons/$icon"
done
refresh
echo "Groq Desktop installed in $APP; start it from the menu or with: $BIN/groq-desktop"
echo "Check it with: $BIN/groq-desktop --self-test"
