#!/usr/bin/env bash
# Runs the browser tests and the recording tests N times each while `stress-ng --cpu <cores>`
# keeps every core busy at normal priority, as an agent's or a server's machine is in real life.
# Prints one line per run and a pass count per test; logs go to var/under-load/<test>/runN.log.
#
#   tests/under-load.sh [N=10] [test ...]     tests: recording, recorder (the Rust recording tests)
#                                             and every browser test by name (ai, call, console,
#                                             review, …: tests/e2e/<name>.test.mjs)
#
# Needs the binaries and the pages built (`make build`), stress-ng (Debian package), and for the
# call test's PostgreSQL variant TEST_PG_URL (tests/pg.sh). Exits non-zero if any run failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-10}"
shift || true
TESTS=("$@")
[ ${#TESTS[@]} -eq 0 ] && TESTS=(ai call reconnect loss recording recorder)
command -v stress-ng >/dev/null || { echo "stress-ng is not installed (apt-get install stress-ng)"; exit 2; }

cores=$(nproc)
# UNDER_LOAD_STRESS=0: another instance already runs the load (two suites side by side).
if [ "${UNDER_LOAD_STRESS:-1}" != 0 ]; then
  stress-ng --cpu "$cores" --timeout 0 >/dev/null 2>&1 &
  STRESS=$!
  trap 'kill $STRESS 2>/dev/null; wait $STRESS 2>/dev/null' EXIT
  echo "load: stress-ng --cpu $cores (pid $STRESS), $cores cores"
fi

run() {
  case "$1" in
    recording) (cd "$ROOT" && cargo test -q -p tests --test recording -- --test-threads=1) ;;
    recorder) (cd "$ROOT" && cargo test -q -p recorder -- --test-threads=1) ;;
    *)
      [ -f "$ROOT/tests/e2e/$1.test.mjs" ] || { echo "unknown test $1"; return 2; }
      (cd "$ROOT/tests/e2e" && node --test --test-concurrency=1 "./$1.test.mjs") ;;
  esac
}

failed=0
for t in "${TESTS[@]}"; do
  dir="$ROOT/var/under-load/$t"
  mkdir -p "$dir"
  pass=0
  for i in $(seq 1 "$N"); do
    t0=$(date +%s%N)
    run "$t" >"$dir/run$i.log" 2>&1
    rc=$?
    secs=$(( ($(date +%s%N) - t0) / 1000000 ))
    [ $rc -eq 0 ] && pass=$((pass + 1)) || failed=1
    printf '%s run %d: %s in %d.%03d s (load %s)\n' "$t" "$i" "$([ $rc -eq 0 ] && echo pass || echo FAIL)" \
      $((secs / 1000)) $((secs % 1000)) "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
  echo "$t: $pass of $N passed"
done
exit $failed
