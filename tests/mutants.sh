#!/usr/bin/env bash
# mutants.sh - does the test suite catch the bugs it is there to catch?
#
#   tests/mutants.sh [PATTERN]        (make mutants; run it under nice -n 19)
#   tests/mutants.sh --stale          (only: is every mutant's code still there?)
#
# Applies the deliberate bugs of tests/mutants.txt one at a time to a scratch
# copy of the tree (never to the tree itself), builds it (the normal build, no
# sanitizers) and runs the suite, which must fail for every one. A mutant
# whose code is no longer found exactly once in src/ is STALE, one that does
# not compile is BROKEN: both are reported apart from the caught ones and fail
# the run, as a surviving mutant does. PATTERN (a grep -E pattern) runs only
# the mutants whose description matches. Closing line: "N caught, M survived"
# (plus the stale and broken counts when there are any).
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
LIST=tests/mutants.txt
ONLY=${1:-}
STALE_ONLY=""
[ "$ONLY" = --stale ] && { STALE_ONLY=1; ONLY=""; }

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/mutants.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
# The tree as it is now (uncommitted edits too), without build outputs. The
# pdf.js test's node_modules are large and only read: linked, not copied.
tar -C "$ROOT" --exclude=./build --exclude=./out --exclude=./.git \
    --exclude=./tests/node_modules -cf - . | tar -C "$SCRATCH" -xf -
[ -d "$ROOT/tests/node_modules" ] && ln -s "$ROOT/tests/node_modules" "$SCRATCH/tests/node_modules"

# suite: builds the scratch tree and runs the suite until the first failing
# test; prints that test's name. Status: 0 passed, 1 failed, 2 did not build.
suite() {
  make -C "$SCRATCH" --no-print-directory build >"$SCRATCH/build.log" 2>&1 || return 2
  # its own TMPDIR: no test sees another run's temporary files
  rm -rf "$SCRATCH/tmp" && mkdir "$SCRATCH/tmp"
  (cd "$SCRATCH" && TMPDIR="$SCRATCH/tmp" RUN_STOP_AT_FAIL=1 tests/run.sh build) >"$SCRATCH/run.log" 2>&1 && return 0
  grep -m1 '^FAIL' "$SCRATCH/run.log" | sed 's/^FAIL build: //; s/:.*//'
  return 1
}

if [ -z "$STALE_ONLY" ]; then
  echo "mutants: building and testing the unchanged tree first"
  suite >/dev/null; rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "the unchanged tree does not pass (status $rc); see below"; tail -n 30 "$SCRATCH"/*.log
    exit 1
  fi
fi

# apply FROM TO: replaces the one occurrence of FROM in src/ by TO (both with
# "\n" for line breaks). Prints the file changed. Status 1 when FROM is not
# found exactly once.
apply() {
  FROM=$1 TO=$2 perl -e '
    use strict; my ($from, $to) = map { s/\\n/\n/gr } @ENV{qw(FROM TO)};
    my (@hits, %text);
    for my $f (glob "src/*.c src/*.h") {
      open my $h, "<", $f or die; local $/; $text{$f} = <$h>;
      my $n = () = $text{$f} =~ /\Q$from\E/g;
      push @hits, ($f) x $n;
    }
    exit 1 if @hits != 1;
    my $f = $hits[0];
    $text{$f} =~ s/\Q$from\E/$to/;
    open my $h, ">", $f or die; print $h $text{$f}; close $h;
    print "$f\n";' 
}

caught=0 survived=0 stale=0 broken=0
desc="" from="" 
run_one() {
  [ -n "$desc" ] || return 0
  if [ -n "$ONLY" ] && ! grep -qE -- "$ONLY" <<<"$desc"; then return 0; fi
  local file by rc
  file=$(cd "$SCRATCH" && apply "$from" "$to") || {
    stale=$((stale + 1)); echo "STALE     $desc (its code is not found exactly once in src/)"; return 0; }
  if [ -n "$STALE_ONLY" ]; then caught=$((caught + 1)); (cd "$SCRATCH" && cp "$ROOT/$file" "$file"); return 0; fi
  by=$(suite); rc=$?
  case $rc in
    1) caught=$((caught + 1)); echo "caught    $desc  [by ${by:-?}]" ;;
    0) survived=$((survived + 1)); echo "SURVIVED  $desc" ;;
    *) broken=$((broken + 1)); echo "BROKEN    $desc (does not compile)"; sed 's/^/    /' "$SCRATCH/build.log" | grep -m3 error ;;
  esac
  # back to the unchanged source (a new mtime: make rebuilds it next time)
  (cd "$SCRATCH" && cp "$ROOT/$file" "$file")
}

while IFS= read -r line; do
  case $line in
    "== "*) run_one; desc=${line#== }; from=""; to="" ;;
    "- "*) from=${line#- } ;;
    "+ "*) to=${line#+ } ;;
  esac
done <"$LIST"
run_one

if [ -n "$STALE_ONLY" ]; then
  echo "$caught mutants apply, $stale stale"
  [ "$stale" -eq 0 ]; exit
fi
extra=""
[ "$stale" -gt 0 ] && extra="$extra, $stale stale"
[ "$broken" -gt 0 ] && extra="$extra, $broken broken"
echo "$caught caught, $survived survived$extra"
[ "$survived" -eq 0 ] && [ "$stale" -eq 0 ] && [ "$broken" -eq 0 ]
