#!/usr/bin/env bash
# make bench: median wall time and peak memory of typesetting an edition over
# RUNS back-to-back runs (default 11), for input/r6.xml and for a generated
# edition N times larger (default 20: every project repeated with new
# numbers), to show how the cost grows; the file's size; the median of each
# phase (PLANTYPE_TIMES); and how much slower the first run is after the
# machine has idled IDLE seconds (default 10; 0 skips it), against the
# back-to-back median. Output goes to a temporary folder.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-11}
SCALE=${SCALE:-20}
IDLE=${IDLE:-10}
export LC_ALL=C          # the phase lines are parsed in English
BIN=${PLANTYPE:-build/plantype}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
command -v /usr/bin/time >/dev/null || { echo "bench needs /usr/bin/time (apt-get install time)"; exit 1; }

# An edition SCALE times larger: the projects repeated, projects, initiatives
# and cards renumbered so that the file stays valid.
perl -0777 -ne '
  my ($head, $body, $tail) = /\A(.*?)(<project .*<\/project>)(\s*<\/report>\s*)\z/s or die "no projects";
  my @p = $body =~ /(<project .*?<\/project>)/gs;
  my $n = () = $body =~ /<initiative no=/g;
  print $head;
  for my $k (0 .. '"$SCALE"' - 1) {
    for my $i (0 .. $#p) {
      my $t = $p[$i];
      $t =~ s/<project no="(\d+)"/"<project no=\"" . ($1 + $k * @p) . "\""/e;
      $t =~ s/<initiative no="(\d+)"/"<initiative no=\"" . ($1 + $k * $n) . "\""/ge;
      $t =~ s/<card no="(\d+)/"<card no=\"" . ($1 + $k * $n)/ge;
      print $t, "\n";
    }
  }
  print $tail;' input/r6.xml >"$tmp/big.xml"

# bench NAME FILE: prints "NAME pages median_ms peak_MB size_KB" and the phases
bench() {
  local name=$1 file=$2 times=() mems=()
  local idle_us=""
  if [ "$IDLE" -gt 0 ]; then    # the first run after idling (caches and clocks gone cold)
    sleep "$IDLE"
    local t0=$EPOCHREALTIME
    "$BIN" "$file" -o "$tmp/out.pdf" 2>/dev/null
    local t1=$EPOCHREALTIME
    idle_us=$(( ${t1/./} - ${t0/./} ))
  fi
  "$BIN" "$file" -o "$tmp/out.pdf" 2>/dev/null
  local pages; pages=$(pdfinfo "$tmp/out.pdf" | awk '/^Pages:/{print $2}')
  local bytes; bytes=$(stat -c %s "$tmp/out.pdf")
  : >"$tmp/phases"
  # Wall time of the program alone (no wrapper), from runs without
  # PLANTYPE_TIMES (its getrusage calls and messages cost r6 about 1.5 ms);
  # each timed run is followed by an untimed one that prints the phases.
  for _ in $(seq "$RUNS"); do
    local t0=$EPOCHREALTIME
    "$BIN" "$file" -o "$tmp/out.pdf" 2>/dev/null
    local t1=$EPOCHREALTIME
    times+=($(( ${t1/./} - ${t0/./} )))
    PLANTYPE_TIMES=1 "$BIN" "$file" -o "$tmp/out.pdf" 2>>"$tmp/phases"
  done
  for _ in 1 2 3; do            # peak resident memory, from separate runs
    /usr/bin/time -f "%M" -o "$tmp/mem" "$BIN" "$file" -o "$tmp/out.pdf" 2>/dev/null
    mems+=($(cat "$tmp/mem"))
  done
  local med_us med_kb
  med_us=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  med_kb=$(printf '%s\n' "${mems[@]}" | sort -n | tail -n 1)
  printf '%-22s %6s pages  median %8.1f ms  peak %6.1f MB  %6.2f ms/page  file %7.1f KB' "$name" "$pages" \
    "$(echo "$med_us / 1000" | bc -l)" "$(echo "$med_kb / 1024" | bc -l)" \
    "$(echo "$med_us / 1000 / $pages" | bc -l)" "$(echo "$bytes / 1024" | bc -l)"
  if [ -n "$idle_us" ]; then
    printf '  after %ss idle %.1f ms (x%.2f)' "$IDLE" "$(echo "$idle_us / 1000" | bc -l)" \
      "$(echo "$idle_us / $med_us" | bc -l)"
  fi
  echo
  # Each phase's median over the timed runs, in the order the program prints them.
  perl -ne 'if (/^plantype: time (.*): ([0-9.]+) ms/) { push @{$t{$1}}, $2; push @o, $1 unless $s{$1}++ }
    END { for my $p (@o) { my @v = sort { $a <=> $b } @{$t{$p}};
      printf "    %-62s %7.1f ms\n", $p, $v[$#v / 2] } }' "$tmp/phases"
}
echo "plantype bench: $RUNS runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
bench "input/r6.xml" input/r6.xml
bench "generated x$SCALE" "$tmp/big.xml"
