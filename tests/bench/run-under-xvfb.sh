#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-under-xvfb.sh COMMAND [ARG...]
#
# Runs a benchmark on a private Xvfb server, and on a private D-Bus
# session bus when dbus-run-session exists, so that it never draws on or
# talks to the desktop it was started from, and every program it times
# starts in the same empty session. Exits 77 (meson's "skipped") when
# xvfb-run is missing.
set -u

name=$(basename "$1")
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "bench=${name#bench-} skip=yes reason=xvfb-run-not-found"
  exit 77
fi

unset DISPLAY WAYLAND_DISPLAY
screen="-screen 0 1920x1080x24"
if command -v dbus-run-session >/dev/null 2>&1; then
  exec xvfb-run -a -s "$screen" dbus-run-session -- "$@"
fi
unset DBUS_SESSION_BUS_ADDRESS
exec xvfb-run -a -s "$screen" "$@"
