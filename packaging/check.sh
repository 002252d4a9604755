#!/bin/sh
# Checks a built bundle as an analyst's machine would run it: no compiler (no PATH at all), an
# empty HOME, no network (a new network namespace, when run as root). Prints the figures that
# packaging/README.md records: self-test, first full update cold and warm, time to window.
#   sh packaging/check.sh [dist/BeliefWatch]      BELIEFWATCH_CHECK_WINDOW=0 skips the window
set -eu
cd "$(dirname "$0")/.."
bundle=${1:-dist/BeliefWatch}
launcher="$bundle/beliefwatch"
[ -x "$launcher" ] || { echo "check: no bundle at $bundle: run 'make package' first" >&2; exit 1; }
tmp=$(mktemp -d)
pids=""
cleanup() { for p in $pids; do kill -- "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
mkdir "$tmp/home" "$tmp/bin"

offline=""
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
    offline="unshare -n"
else
    echo "check: cannot cut the network here (needs root and unshare): running with it"
fi

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
bare() {  # the bundle with nothing of this machine's: no PATH, fresh HOME, no network
    $offline env -i HOME="$tmp/home" PATH="$tmp/bin" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"
}

echo "check: self-test with no compiler, an empty HOME${offline:+ and no network}"
t=$(now)
bare "$launcher" --self-test
echo "check: self-test passed in $(since "$t") s (cold caches)"

rm -rf "$tmp/home" && mkdir "$tmp/home"
t=$(now)
bare "$launcher" update --engine pymc >/dev/null
cold=$(since "$t")
t=$(now)
bare "$launcher" update --engine pymc >/dev/null
echo "check: first full update (PyMC engine, bundled example): $cold s cold, $(since "$t") s warm"

if [ "${BELIEFWATCH_CHECK_WINDOW:-1}" = 1 ] && command -v Xvfb >/dev/null 2>&1 \
    && command -v xwininfo >/dev/null 2>&1; then
    display=:97
    Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
    pids="$!"
    sleep 2
    for launch in first second; do
        t=$(now)
        # A process group of its own: the window starts a child for full updates and a
        # multiprocessing resource tracker, and killing the window alone leaves both running.
        setsid $offline env -i HOME="$tmp/home" PATH="$tmp/bin" LANG=C.UTF-8 \
            DISPLAY="$display" "$launcher" >"$tmp/window.log" 2>&1 &
        app=$!
        pids="$pids -$app"
        i=0
        until DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -q 'BeliefWatch"'; do
            i=$((i + 1))
            if [ "$i" -gt 600 ] || ! kill -0 "$app" 2>/dev/null; then
                echo "check: no window after $(since "$t") s:" >&2; cat "$tmp/window.log" >&2; exit 1
            fi
            sleep 0.1
        done
        echo "check: time to window, $launch launch: $(since "$t") s"
        if [ "$launch" = first ] && command -v import >/dev/null 2>&1; then
            sleep 8  # let the example's figures draw
            DISPLAY="$display" import -window root "${BELIEFWATCH_SHOT:-$tmp/shot.png}" || true
        fi
        kill -- "-$app"; wait "$app" 2>/dev/null || true
    done
fi
echo "check: bundle $bundle is $(du -sm "$bundle" | cut -f1) MB; all checks passed"
