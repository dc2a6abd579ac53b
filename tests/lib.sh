# lib.sh - helpers for shell tests: source it, call check/check_eq, end with finish.
# Runs from the repository root; $PLANTYPE is the binary under test.
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
: "${PLANTYPE:=build/plantype}"
pass=0; fail=0
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() { local what=$1; shift; if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $what"; fi; }
# check_eq DESCRIPTION GOT WANT
check_eq() { if [ "$2" == "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); printf 'FAIL %s:\n   got  %s\n   want %s\n' "$1" "$2" "$3"; fi; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; }
