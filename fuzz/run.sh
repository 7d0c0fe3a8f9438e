#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS (default 600) each, one after the other, with its
# corpus under fuzz/corpus/<target> and the regression cases under fuzz/regressions/<target>
# replayed first. Stable toolchain: cargo-fuzz needs nightly flags, RUSTC_BOOTSTRAP=1 allows them.
# Exit status non-zero when any target found a crash (the artefact is in fuzz/artifacts/<target>).
set -uo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
SECONDS_PER_TARGET="${FUZZ_SECONDS:-600}"
TARGETS="${FUZZ_TARGETS:-$(cargo fuzz list 2>/dev/null)}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
python3 seeds.py
status=0
summary=()
for t in $TARGETS; do
  mkdir -p "corpus/$t" "regressions/$t" "artifacts/$t"
  if compgen -G "regressions/$t/*" >/dev/null; then
    if ! cargo fuzz run "$t" regressions/"$t"/* -- -runs=0 -rss_limit_mb=4096 >"artifacts/$t/regressions.log" 2>&1; then
      echo "fuzz: $t fails a regression case (artifacts/$t/regressions.log)"; status=1
    fi
  fi
  log="artifacts/$t/run.log"
  touch "$log.start"
  extra=()
  # GStreamer/GLib allocate process-wide state once and never free it; LeakSanitizer reports
  # that on the first input. The recorder targets rely on the RSS limit for runaway memory.
  asan="detect_odr_violation=0"
  case "$t" in recorder_*) extra+=(-detect_leaks=0); asan="$asan:detect_leaks=0" ;; esac
  ASAN_OPTIONS="$asan" cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=4096 -timeout=20 \
    -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  crashes=$(find "artifacts/$t" \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$log.start" | wc -l)
  summary+=("$t: ${SECONDS_PER_TARGET}s, ${execs:-?} executions, ${cov:-cov: ?}, corpus $(ls "corpus/$t" | wc -l) inputs, findings $crashes (exit $rc)")
  [ "$rc" -ne 0 ] && status=1
done
printf 'fuzz: %s\n' "${summary[@]}"
exit $status
