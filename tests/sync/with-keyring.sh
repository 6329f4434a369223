#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# with-keyring.sh PROGRAM [ARGS...]: runs PROGRAM with a real Secret
# Service (gnome-keyring) on a private D-Bus session, with HOME and the
# XDG folders in a throwaway directory, so tests never see or touch the
# developer's keyring. Exits 77 (skipped) when the tools are missing.
set -eu

if [ "${RSB_IN_KEYRING_SESSION:-}" != 1 ]; then
  for tool in dbus-run-session gnome-keyring-daemon gdbus; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "$tool is not installed (build-aux/dev.sh test installs it): skipping" >&2
      exit 77
    fi
  done
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/rsb-keyring.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT INT TERM
  mkdir -p "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
  chmod 700 "$tmp/runtime"
  status=0
  HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
  XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime" \
  RSB_IN_KEYRING_SESSION=1 \
    dbus-run-session -- "$0" "$@" || status=$?
  exit $status
fi

# Inside the private session. A blank line on stdin as the password
# creates and unlocks a "login" keyring, the default collection.
echo "" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true' EXIT INT TERM

# Wait for the default collection: a call before the daemon owns its
# name would have the bus activate a second, locked daemon.
tries=0
has_default_collection() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true &&
  gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
    --method org.freedesktop.Secret.Service.ReadAlias default 2>/dev/null | grep -q collection/
}
until has_default_collection; do
  tries=$((tries + 1))
  if [ $tries -gt 100 ]; then
    echo "gnome-keyring-daemon did not start" >&2
    exit 1
  fi
  sleep 0.1
done

"$@"
