#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-potfiles.sh SRCROOT: every source file with a translatable
# string is listed in po/POTFILES.in, or its strings never reach the
# catalogue (and no translation test could notice).
set -eu

cd "$1"
status=0
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(N_|_|C_|NC_)\("|g_dngettext \(|translatable="yes"' src data \
             --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' | sort); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "$f has translatable strings but is not listed in po/POTFILES.in" >&2
    status=1
  fi
done
exit $status
