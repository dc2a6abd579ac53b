#!/usr/bin/env bash
# Runs the whole suite once per build directory given (e.g. build build/asan):
# every compiled tests/*_test program and every tests/*_test.sh script, with
# PLANTYPE pointing at that build's binary. Adds up their closing lines
# "N passed, N failed"; a program that crashes or ends without one counts as a
# failure. Prints the total as the last line and exits non-zero on any failure.
# With RUN_STOP_AT_FAIL=1 it stops at the first failing test (tests/mutants.sh).
set -u
cd "$(dirname "$0")/.."
total_p=0; total_f=0
# Messages in English, which the tests compare (i18n_test.sh sets Japanese itself).
export LC_ALL=C.UTF-8
unset LANGUAGE
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# A temporary folder of its own: a test that looks for files left in TMPDIR
# sees this run's only, not those of other runs on the same machine.
export TMPDIR=$(mktemp -d)
trap 'rm -rf "$TMPDIR"' EXIT
for dir in "$@"; do
  export PLANTYPE="$dir/plantype" BUILD_DIR="$dir"
  for t in "$dir"/tests/*_test tests/*_test.sh; do
    [ -e "$t" ] || continue
    name="$dir: $(basename "$t")"
    log=$(mktemp)
    if [[ $t == *.sh ]]; then bash "$t" >"$log" 2>&1; else "$t" >"$log" 2>&1; fi
    rc=$?
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ -z "$line" ]; then
      echo "FAIL $name: exit $rc without a result line"; tail -n 20 "$log" | sed 's/^/    /'
      total_f=$((total_f + 1))
    else
      p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
      [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
      total_p=$((total_p + p)); total_f=$((total_f + f))
      if [ "$f" -ne 0 ]; then echo "FAIL $name: $line (exit $rc)"; grep -v -E '^(ok|[0-9]+ passed)' "$log" | head -n 40 | sed 's/^/    /'
      else echo "ok   $name: $p checks"; fi
    fi
    rm -f "$log"
    [ -n "${RUN_STOP_AT_FAIL:-}" ] && [ "$total_f" -ne 0 ] && break 2
  done
done
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
