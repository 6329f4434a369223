#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-po.sh SRCROOT LANGUAGE: po/LANGUAGE.po compiles with msgfmt's
# checks (printf conversions, plural forms, header, a mnemonic where
# the English has one) and translates every message the sources have
# today: a fresh extraction, not the catalogue last generated, so a new
# string left untranslated fails here.
set -eu

srcroot=$1
lang=$2
po="$srcroot/po/$lang.po"

msgfmt --check --check-accelerators=_ -o /dev/null "$po"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The keywords of meson's "glib" preset (po/meson.build).
xgettext --package-name=run-sous-bpm -f "$srcroot/po/POTFILES.in" -D "$srcroot" \
  -o "$tmp/current.pot" --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
# Untranslated and fuzzy messages count as missing.
msgcmp "$po" "$tmp/current.pot"
