#!/usr/bin/env bash
# Build the Linux packages from this checkout (./dev package runs this after setting up .venv):
#   dist/groq-desktop_VERSION_ARCH.deb            installs /opt/groq-desktop, /usr/bin/groq-desktop,
#                                                 the .desktop entry (with audio/video MIME types), icons
#   dist/groq-desktop-VERSION-linux-MACHINE.tar.gz  the same tree plus install.sh, for other distributions
# PyInstaller onedir; its spec is packaging/groq_desktop.spec. Intermediate files go to build/package/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${GROQ_PACKAGE_PYTHON:-.venv/bin/python}
VERSION=$("$PY" -c 'import groq_desktop; print(groq_desktop.__version__)')
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
MACHINE=$(uname -m)
WORK=build/package
STAGE=$WORK/root
DEB=dist/groq-desktop_${VERSION}_${ARCH}.deb
TARBALL=dist/groq-desktop-${VERSION}-linux-${MACHINE}.tar.gz
started=$SECONDS

rm -rf "$WORK" "$DEB" "$TARBALL"
mkdir -p "$WORK" dist
echo "[1/4] PyInstaller (onedir)"
"$PY" -m PyInstaller --noconfirm --clean --log-level ERROR \
    --distpath "$WORK/pyinstaller" --workpath "$WORK/pyinstaller-work" packaging/groq_desktop.spec

echo "[2/4] Staging the tree"
mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/usr/share/doc/groq-desktop"
mv "$WORK/pyinstaller/groq-desktop" "$STAGE/opt/groq-desktop"
ln -s ../../opt/groq-desktop/groq-desktop "$STAGE/usr/bin/groq-desktop"  # relative: works in a scratch root too
install -m 644 resources/groq-desktop.desktop "$STAGE/usr/share/applications/"
QT_QPA_PLATFORM=offscreen "$PY" packaging/render_icons.py "$STAGE/usr/share/icons" >/dev/null
printf 'Groq Desktop %s\nLicence: MIT. Bundles Python, Qt (LGPLv3, via PySide6), FFmpeg (LGPL, via PyAV and Qt)\nand the libraries listed by pip in the source tree.\n' \
    "$VERSION" > "$STAGE/usr/share/doc/groq-desktop/copyright"
find "$STAGE" -type d -exec chmod 755 {} +

echo "[3/4] .deb"
mkdir -p "$STAGE/DEBIAN"
install -m 755 packaging/linux/postinst packaging/linux/postrm "$STAGE/DEBIAN/"
DEPENDS=$("$PY" packaging/deb_depends.py "$STAGE/opt/groq-desktop")
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: groq-desktop
Version: $VERSION
Section: utils
Priority: optional
Architecture: $ARCH
Maintainer: Groq Desktop maintainers <maintainers@groq-desktop.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: $DEPENDS
Description: desktop client for Groq: chat, transcription and a live quota monitor
 Streams chat replies, transcribes long audio and video files in chunks within your
 rate limits, browses models and shows how much of your quota is left.
 Runs in demo mode against a built-in emulator until you give it an API key.
 Check an installation with: groq-desktop --self-test
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null

echo "[4/4] .tar.gz"
TOP=groq-desktop-$VERSION
install -m 755 packaging/linux/install.sh "$STAGE/install.sh"
tar -C "$STAGE" --owner=0 --group=0 --exclude=./DEBIAN --transform "s#^\.#$TOP#" -czf "$TARBALL" .
rm -f "$STAGE/install.sh"

installed=$(du -sh --exclude=DEBIAN "$STAGE" | cut -f1)
echo "Built in $((SECONDS - started)) s:"
echo "  $DEB  $(du -h "$DEB" | cut -f1)"
echo "  $TARBALL  $(du -h "$TARBALL" | cut -f1)"
echo "  installed tree: $installed"
