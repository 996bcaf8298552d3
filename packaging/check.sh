#!/usr/bin/env bash
# The packaging check (.ci/run calls it when CI_PACKAGE=1; slow: it builds everything):
#   1. ./dev package (skip with GROQ_PACKAGE_SKIP_BUILD=1 to re-check dist/ as it is)
#   2. install the .deb: dpkg -i as root (as in CI; removed again afterwards unless it was installed
#      before), else unpacked into a scratch root with dpkg-deb -x
#   3. run the installed binary's --self-test, through the groq-desktop launcher
#   4. check the .desktop entry (desktop-file-validate when available), icons and MIME types
#   5. the .tar.gz: install.sh into a scratch prefix, then its --self-test
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${GROQ_PACKAGE_PYTHON:-$ROOT/.venv/bin/python}
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/groq-desktop-package-check.XXXXXX")
remove_deb=0
cleanup() {
    if [ "$remove_deb" = 1 ]; then dpkg -P groq-desktop >/dev/null 2>&1 || true; fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
step() { echo "== $* ($(date -u +%T))"; }
fail() { echo "FAIL $*" >&2; exit 1; }

t0=$SECONDS
if [ "${GROQ_PACKAGE_SKIP_BUILD:-}" != 1 ]; then
    step "build"
    ./dev package
fi
build_s=$((SECONDS - t0))
DEB=$(ls -t dist/groq-desktop_*.deb 2>/dev/null | head -1)
TARBALL=$(ls -t dist/groq-desktop-*-linux-*.tar.gz 2>/dev/null | head -1)
[ -n "$DEB" ] && [ -n "$TARBALL" ] || fail "no .deb or .tar.gz in dist/"

step "install $DEB"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ "${GROQ_PACKAGE_SCRATCH:-}" != 1 ]; then
    dpkg-query -W -f='${Status}' groq-desktop 2>/dev/null | grep -q "ok installed" || remove_deb=1
    # apt resolves the Depends dpkg -i would only complain about.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$DEB" >/dev/null || fail "the .deb does not install"
    PREFIX=""
else
    dpkg-deb -x "$DEB" "$SCRATCH/root"
    PREFIX="$SCRATCH/root"
fi
LAUNCHER="$PREFIX/usr/bin/groq-desktop"
DESKTOP="$PREFIX/usr/share/applications/groq-desktop.desktop"
[ -x "$LAUNCHER" ] || fail "no launcher at $LAUNCHER"

step "self-test of the installed package ($LAUNCHER)"
t1=$SECONDS
env -u DISPLAY -u WAYLAND_DISPLAY "$LAUNCHER" --self-test || fail "the installed package's self-test"
selftest_s=$((SECONDS - t1))

step "desktop entry, icons, MIME types"
if ! command -v desktop-file-validate >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq desktop-file-utils >/dev/null 2>&1 || true
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$DESKTOP" || fail "desktop-file-validate $DESKTOP"
    echo "ok   desktop-file-validate"
else
    echo "(desktop-file-validate not available: only the built-in checks)"
fi
"$PY" packaging/check_desktop.py "$DESKTOP" "$PREFIX" || fail "desktop integration"

step "the .tar.gz with install.sh"
mkdir -p "$SCRATCH/tar"
tar -C "$SCRATCH/tar" -xzf "$TARBALL"
PREFIX="$SCRATCH/tar-prefix" "$SCRATCH"/tar/groq-desktop-*/install.sh >/dev/null
env -u DISPLAY -u WAYLAND_DISPLAY "$SCRATCH/tar-prefix/bin/groq-desktop" --self-test >/dev/null \
    || fail "the self-test of the copy install.sh installed"
echo "ok   install.sh and its self-test"

echo "Packaging check passed in $((SECONDS - t0)) s (build ${build_s} s, installed self-test ${selftest_s} s)."
echo "Sizes: .deb $(du -h "$DEB" | cut -f1), .tar.gz $(du -h "$TARBALL" | cut -f1)," \
     "installed $(du -sh "$SCRATCH/tar-prefix/lib/groq-desktop" | cut -f1)"
