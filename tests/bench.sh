#!/usr/bin/env bash
# make bench: median wall time and peak memory of typesetting an edition over
# RUNS runs (default 11), for input/r6.xml and for a generated edition N times
# larger (default 20: every project repeated with new numbers), to show how
# the cost grows. Output goes to a temporary folder.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-11}
SCALE=${SCALE:-20}
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

# bench NAME FILE: prints "NAME pages median_ms peak_MB"
bench() {
  local name=$1 file=$2 times=() mems=()
  "$BIN" "$file" -o "$tmp/out.pdf" 2>/dev/null
  local pages; pages=$(pdfinfo "$tmp/out.pdf" | awk '/^Pages:/{print $2}')
  for _ in $(seq "$RUNS"); do   # wall time of the program alone (no wrapper)
    local t0=$EPOCHREALTIME
    "$BIN" "$file" -o "$tmp/out.pdf" 2>/dev/null
    local t1=$EPOCHREALTIME
    times+=($(( ${t1/./} - ${t0/./} )))
  done
  for _ in 1 2 3; do            # peak resident memory, from separate runs
    /usr/bin/time -f "%M" -o "$tmp/mem" "$BIN" "$file" -o "$tmp/out.pdf" 2>/dev/null
    mems+=($(cat "$tmp/mem"))
  done
  local med_us med_kb
  med_us=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  med_kb=$(printf '%s\n' "${mems[@]}" | sort -n | tail -n 1)
  printf '%-22s %6s pages  median %8.1f ms  peak %6.1f MB  %6.2f ms/page\n' "$name" "$pages" \
    "$(echo "$med_us / 1000" | bc -l)" "$(echo "$med_kb / 1024" | bc -l)" \
    "$(echo "$med_us / 1000 / $pages" | bc -l)"
}
echo "plantype bench: $RUNS runs each, $(nproc) cores"
bench "input/r6.xml" input/r6.xml
bench "generated x$SCALE" "$tmp/big.xml"
