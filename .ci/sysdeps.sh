#!/usr/bin/env bash
# Check the Debian packages Storybook needs; print the apt-get line for missing ones,
# and install them when CI is set and we are root.  Usage: .ci/sysdeps.sh run|test
set -u
APP_PKGS="libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libpulse0"
APP_PKGS="$APP_PKGS hunspell-en-gb hunspell-en-us"  # spell-check dictionaries (an older en_US comes with chunspell)
TEST_PKGS="xvfb poppler-utils espeak-ng sox"
DOC_PKGS="libreoffice-writer"
TEST_PKGS="$TEST_PKGS desktop-file-utils appstream zsh"  # validators for the menu entry and metainfo; zsh -n
want="$APP_PKGS"
[ "${1:-run}" = "test" ] && want="$APP_PKGS $TEST_PKGS $DOC_PKGS"
command -v dpkg-query >/dev/null 2>&1 || { echo "sysdeps: not a Debian system; skipping the package check"; exit 0; }
# Beyond the hand list: what Qt's own libraries link against (ldd on QtGui and the xcb plugin in the venv).
# Choices like "a|b" name the package on newer and older Debian; take the first that apt knows.
QT_PY="${QT_PY:-.venv/bin/python}"
if [ -x "$QT_PY" ]; then
  for choice in $("$QT_PY" -c 'from storybook.qt_libs import debian_packages, missing_libraries, qt_binaries
print(" ".join(debian_packages(missing_libraries(qt_binaries(xcb=True)))))' 2>/dev/null); do
    pick=""
    for alt in $(echo "$choice" | tr '|' ' '); do
      apt-cache show "$alt" >/dev/null 2>&1 && { pick="$alt"; break; }
    done
    want="$want ${pick:-${choice##*|}}"
  done
fi
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "sysdeps: missing Debian packages:$missing"
echo "sysdeps: install them with: sudo apt-get install -y --no-install-recommends$missing"
if [ -n "${CI:-}" ] && [ "$(id -u)" = "0" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing || {
    echo "sysdeps: apt-get failed; tests that need these packages will be skipped"; exit 0; }
fi
exit 0
