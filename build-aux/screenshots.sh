#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the app's screenshots from a real window under Xvfb: the
# bundled sample run with a song selected (map, profile chart, card), in
# the light and dark styles, and the Songs page. Writes
# data/screenshots/*.png for the metainfo and the README.
#
# Usage: build-aux/screenshots.sh [BUILD_DIR]   (default: build)
# Needs xvfb-run, xdotool and imagemagick (apt-get install xvfb xdotool imagemagick).
#
# The map background comes from a local server answering every tile
# with one plain land-coloured square: screenshots never depend on (or
# hammer) OpenStreetMap's servers.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR=$(realpath "${1:-build}")
OUT=$(pwd)/data/screenshots
WIDTH=1280
HEIGHT=800

if [ "${RSB_SCREENSHOTS_INNER:-}" != 1 ]; then
  for tool in xvfb-run xdotool import convert python3; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install xvfb xdotool imagemagick python3" >&2; exit 1; }
  done
  mkdir -p "$OUT"
  RSB_SCREENSHOTS_INNER=1 exec xvfb-run -a -s "-screen 0 ${WIDTH}x${HEIGHT}x24" dbus-run-session -- "$0" "$@"
fi

work=$(mktemp -d)
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
  [ -n "${tiles:-}" ] && kill "$tiles" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

convert -size 256x256 xc:'#f2efe9' "$work/tile.png"
cat > "$work/tiles.py" <<'PY'
import http.server, sys
tile = open(sys.argv[1], 'rb').read()
class Tile(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header('Content-Type', 'image/png')
        self.send_header('Content-Length', str(len(tile)))
        self.end_headers()
        self.wfile.write(tile)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(('127.0.0.1', 0), Tile)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$work/tiles.py" "$work/tile.png" > "$work/port" &
tiles=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done

export GSETTINGS_SCHEMA_DIR="$BUILD_DIR/data/desktop"
export GSETTINGS_BACKEND=memory
export GSK_RENDERER=cairo
export NO_AT_BRIDGE=1
export RSB_DATA_DIR="$work/library"
export RSB_TILE_URL="http://127.0.0.1:$(cat "$work/port")/{z}/{x}/{y}.png"
export XDG_CACHE_HOME="$work/cache"

# shot NAME STYLE STEPS...: starts the sample, plays STEPS (an xdotool
# key name, or click:X:Y in window coordinates), saves NAME.png.
shot() {
  local name=$1 style=$2
  shift 2
  ADW_DEBUG_COLOR_SCHEME=$style "$BUILD_DIR/src/run-sous-bpm" --sample &
  app=$!
  local window=""
  for _ in $(seq 100); do
    window=$(xdotool search --name "Sample Run" 2>/dev/null | head -n1 || true)
    [ -n "$window" ] && break
    sleep 0.1
  done
  [ -n "$window" ] || { echo "the sample window did not appear" >&2; exit 1; }
  xdotool windowsize "$window" $WIDTH $HEIGHT windowmove "$window" 0 0
  sleep 3
  for step in "$@"; do
    case "$step" in
      click:*)
        IFS=: read -r _ x y <<< "$step"
        xdotool mousemove --window "$window" "$x" "$y" click 1
        ;;
      mousemove:*)
        IFS=: read -r _ x y <<< "$step"
        xdotool mousemove --window "$window" "$x" "$y"
        ;;
      *)
        xdotool windowfocus --sync "$window" key "$step"
        ;;
    esac
    sleep 0.5
  done
  sleep 1.5
  import -window "$window" "$OUT/$name.png"
  kill "$app"
  wait "$app" 2>/dev/null || true
  app=""
  echo "wrote $OUT/$name.png"
}

# The song rows sit at fixed places at this size: "Sweat Equity", then
# "Runner's High Noon"; the pointer then rests on the profile chart.
shot activity prefer-light click:1060:460 mousemove:0:0
shot activity-dark prefer-dark click:1060:325
shot songs prefer-light click:216:28 click:160:180
