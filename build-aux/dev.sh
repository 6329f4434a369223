#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Developer entry point on Debian 12:
#   build-aux/dev.sh run    install what is missing, build, install, launch
#   build-aux/dev.sh test   install what is missing, build, run the test suite
#   build-aux/dev.sh bench  as test, then the benchmarks in tests/bench
#   build-aux/dev.sh sanitize  the test suite on an ASan + UBSan build (build-asan/)
#   build-aux/dev.sh fuzz [SECONDS]  each libFuzzer target for SECONDS (default 30)
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}

BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext python3
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libshumate-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libyajl-dev libsqlite3-dev libxml2-dev libarchive-dev nettle-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  desktop-file-utils appstream
  # The music scan decodes Ogg Vorbis, FLAC, MP3 and AAC/MP4 at run time.
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good
)
# gpsbabel: the FIT and TCX readers are compared with its output.
# shared-mime-info, libxml2-utils: validate-mime-info checks data/desktop's type XML.
# gnome-keyring: the keyring tests run a real Secret Service (tests/sync/with-keyring.sh).
# dbus-daemon: private session buses for the keyring and listen-along tests (GTestDBus).
# xdotool: window tests give real pointer and key events (tests/ui/rsb-test-input.c).
# gstreamer1.0-tools: the tests encode their synthesised songs with gst-launch-1.0.
# shared-mime-info, libxml2-utils: the mime types are checked (build-aux/check-mime-info.py).
TEST_PACKAGES=(shared-mime-info libxml2-utils xvfb xauth xdotool dbus-daemon gpsbabel chromium gnome-keyring curl procps locales gstreamer1.0-tools)
# gstreamer1.0-plugins-bad: bpmdetect, the baseline of the tempo estimate benchmark.
# dbus-daemon: the listen-along benchmark runs a fake player on a private bus.
BENCH_PACKAGES=(libxml2-utils gnome-text-editor gpsbabel python3 libx11-dev libxdamage-dev gstreamer1.0-plugins-bad dbus-daemon)
FUZZ_PACKAGES=(clang libclang-rt-14-dev)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt-get only when something is missing, so a second run is quick.
install_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Garmin's FIT SDK at the version package.json pins, for test-fit-recovery.
# Node and npm from Debian when there are none: a machine may already
# have another Node build, whose package conflicts with Debian's npm.
install_fitsdk() {
  [ -f build-aux/fitsdk/node_modules/@garmin/fitsdk/package.json ] && return
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    install_packages nodejs npm
  fi
  npm install --prefix build-aux/fitsdk --no-audit --no-fund --no-save
}

build() {
  [ -f "$BUILD_DIR/build.ninja" ] || meson setup "$BUILD_DIR" --prefix=/usr/local
  meson compile -C "$BUILD_DIR"
}

case "${1:-}" in
  run)
    install_packages "${BUILD_PACKAGES[@]}"
    build
    as_root meson install -C "$BUILD_DIR" --quiet
    exec /usr/local/bin/run-sous-bpm "${@:2}"
    ;;
  test)
    install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    install_fitsdk
    build
    meson test -C "$BUILD_DIR" --print-errorlogs
    ;;
  bench)
    install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    build
    meson test -C "$BUILD_DIR" --benchmark --print-errorlogs --verbose
    ;;
  sanitize)
    install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    [ -f build-asan/build.ninja ] || meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false
    meson compile -C build-asan
    # GTK and fontconfig keep caches for the process lifetime: leaks are
    # not ours to judge there; UBSan findings abort.
    ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      meson test -C build-asan --print-errorlogs --timeout-multiplier 4
    ;;
  fuzz)
    install_packages "${BUILD_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"
    # fuzzer-no-link instruments the libraries too, so coverage guides the search.
    [ -f build-fuzz/build.ninja ] || CC=clang meson setup build-fuzz -Dfuzzing=true -Dc_args=-fsanitize=fuzzer-no-link \
      -Db_sanitize=address,undefined -Db_lundef=false
    meson compile -C build-fuzz
    for target in $(find build-fuzz/tests/fuzz -maxdepth 1 -name 'fuzz-*' -type f -executable | sort); do
      name=${target##*/fuzz-}
      # Seeds: ours, and the real files in ../shared the target reads (read only:
      # libFuzzer writes what it finds to the first folder alone).
      seeds=("tests/fuzz/corpus/$name")
      case $name in
        gpx|tcx|fit) seeds+=(../shared/testdata/activities) ;;
        spotify) seeds+=(../shared/testdata/spotify) ;;
        strava-export|apple-csv) seeds+=(tests/fuzz/corpus/csv) ;;
      esac
      [ -d "${seeds[-1]}" ] || unset 'seeds[-1]'
      mkdir -p "build-fuzz/corpus-$name"
      echo "Fuzzing $name for ${2:-30} s"
      ASAN_OPTIONS=detect_leaks=0 "$target" -max_total_time="${2:-30}" -print_final_stats=1 \
        "build-fuzz/corpus-$name" "${seeds[@]}" 2>&1 | tail -n 3
    done
    ;;
  *)
    echo "usage: $0 run|test|bench|sanitize|fuzz [seconds]" >&2
    exit 2
    ;;
esac
