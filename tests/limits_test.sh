#!/usr/bin/env bash
# Hard limits (README: Limits): inputs that are endless, too large, out of
# range or incomplete, layouts that cannot hold a card, and output paths that
# must not be written. Each ends in bounded time with its own message and exit
# status 1 or 2, and leaves nothing behind.
source "$(dirname "$0")/lib.sh"
R6=input/r6.xml
LAYOUT=layouts/a4-report.xml

# run [ARGS...]: plantype under a time limit; sets rc and msg (stderr).
run() { msg=$(timeout 60 "$PLANTYPE" "$@" 2>&1 >/dev/null); rc=$?; }
# expect NAME STATUS MESSAGE ARGS...: exit status and the whole of stderr.
expect() {
  local name=$1 want_rc=$2 want_msg=$3; shift 3
  run "$@"
  check_eq "$name: exit status" "$rc" "$want_rc"
  check_eq "$name: message" "$msg" "plantype: $want_msg"
}
line_of() { grep -n -m1 -- "$1" "$2" | cut -d: -f1; }

# --- reading: only regular files, capped while reading
expect "edition /dev/zero" 1 "/dev/zero: not a regular file (plantype reads only regular files)" -o "$TMP/out.pdf" /dev/zero
expect "edition is a folder" 1 "input: not a regular file (plantype reads only regular files)" -o "$TMP/out.pdf" input
mkfifo "$TMP/fifo"
expect "edition is a FIFO (no wait for a writer)" 1 \
  "$TMP/fifo: not a regular file (plantype reads only regular files)" -o "$TMP/out.pdf" "$TMP/fifo"
f=$TMP/huge.xml; head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$f"
expect "edition over 16 MiB" 2 "$f: larger than 16777216 bytes, the limit for this file (see README: Limits)" -o "$TMP/out.pdf" "$f"
expect "layout is /dev/zero" 1 "/dev/zero: not a regular file (plantype reads only regular files)" \
  --layout /dev/zero -o "$TMP/x.pdf" "$R6"

# --- libxml2 never prints by itself; the first error is the one reported
f=$TMP/comment.xml
{ sed -n 1p "$R6"; printf '<!-- '; head -c $((11 * 1024 * 1024)) /dev/zero | tr '\0' 'a'; printf ' -->\n'; sed -n '2,$p' "$R6"; } >"$f"
run -o "$TMP/out.pdf" "$f"
check_eq "11 MB comment: exit status" "$rc" 2
check_eq "11 MB comment: one line, the first error" "$msg" "plantype: $f:2: not well-formed XML: Comment too big found"

# --- numbers and years in range
f=$TMP/year.xml; sed 's/year="6"/year="99999999999999999999"/' "$R6" >"$f"
expect "20-digit year" 2 "$f:$(line_of '<report ' "$f"): <report>: year must be a whole number from 1 to 999, found \"99999999999999999999\"" -o "$TMP/out.pdf" "$f"
f=$TMP/year2.xml; sed 's/year="6"/year="2147483647"/' "$R6" >"$f"
expect "year 2147483647" 2 "$f:$(line_of '<report ' "$f"): <report>: year must be a whole number from 1 to 999, found \"2147483647\"" -o "$TMP/out.pdf" "$f"
f=$TMP/proj.xml; sed 's/<project no="1"/<project no="99999999999999999999"/' "$R6" >"$f"
expect "20-digit project number" 2 "$f:$(line_of '<project no="9' "$f"): <project no=\"99999999999999999999\">: no must be a whole number from 1 to 100000, found \"99999999999999999999\"" -o "$TMP/out.pdf" "$f"

# --- a missing glyph names the line of its text
f=$TMP/glyph.xml; sed 's|<publisher>企画部|<publisher>😀企画部|' "$R6" >"$f"
run -o "$TMP/g.pdf" "$f"
check_eq "missing glyph: exit" "$rc" 2
check "missing glyph: the publisher's line" grep -q "^plantype: $f:$(line_of '<publisher>' "$f"): <publisher>: character U+1F600" <<<"$msg"

# --- layouts: complete or refused, values in range, in the layout's wording
expect_layout() {   # NAME MESSAGE-AFTER-FILE:LINE, for the layout in $TMP/l.xml
  run --layout "$TMP/l.xml" -o "$TMP/l.pdf" "$R6"
  check_eq "$1: exit status" "$rc" 2
  check_eq "$1: message" "$msg" "plantype: $TMP/l.xml:$2"
  check "$1: no PDF" test ! -e "$TMP/l.pdf"
}
# Each case: name | sed expression on the shipped layout | the line the message
# names (a pattern) | the message after "FILE:LINE: ".
while IFS='|' read -r name expr at want; do
  sed "$expr" "$LAYOUT" >"$TMP/l.xml"
  expect_layout "$name" "$(line_of "$at" "$TMP/l.xml"): $want"
done <<'CASES'
label system missing|/<label key="system">/d|<overview |<overview>: label "system" is missing
label year missing|/<label key="year">/d|<overview |<overview>: label "year" is missing
empty label|s#<label key="continued">（続き）</label>#<label key="continued"></label>#|key="continued"|<label>: label "continued" is empty
style missing|/<style name="footer"/d|^<layout|<layout>: style "footer" is missing
zero dot pitch|s/dot-pitch="3.6"/dot-pitch="0"/|<contents |<contents>: dot-pitch must be a number from 0.5 to 100, found "0"
huge size|s/name="body"         font="regular" size="10"/name="body" font="regular" size="5000"/|name="body"|<style>: size must be a number from 1 to 200, found "5000"
columns nan inf|s/<card columns="98 142 140 131.28"/<card columns="nan inf 1 1"/|<card columns|<card>: columns must be 4 positive widths, found "nan inf 1 1"
huge padding|s/<cell pad-x="4.5"/<cell pad-x="60"/|<card columns|<card>: card column 1 is 98.00 pt wide: less than one 24.00 pt character after the padding of 60.00 pt on each side
tiny text area|s/top="48" bottom="56" left="42" right="42"/top="400" bottom="400" left="42" right="42"/|<page |<page>: the margins leave a text area of 511.28 x 41.89 pt; it must be at least 144 pt each way
CASES
printf '<?xml version="1.0"?>\n<!DOCTYPE layout>\n<layout/>\n' >"$TMP/l.xml"
expect_layout "DOCTYPE in a layout" "2: <!DOCTYPE is not allowed: a layout has no DTD and no entities (external or internal)"

# --- a card header taller than the page, a row taller than the page: exit 2
# naming the card and what is too tall, in bounded time, no PDF
f=$TMP/head.xml
long=$(printf '長%.0s' $(seq 2500))
perl -pe 'if (!$done && s{<title>学校給食の地産地消の推進</title>}{<title>'"$long"'</title>}) { $done = 1 }' "$R6" >"$f"
run -o "$TMP/head.pdf" "$f"
check_eq "title taller than a page: exit" "$rc" 2
check "title taller than a page: names the card and the row" \
  grep -q "^plantype: $f:[0-9]*: <card no=\"1\">: card 1: the initiative row (title, departments, status) is [0-9.]* pt tall, more than the [0-9.]* pt a page has for it" <<<"$msg"
check "title taller than a page: no PDF" test ! -e "$TMP/head.pdf"
f=$TMP/goal.xml
perl -0pe 'if (!$done && s{(<goal no="[^"]*" status="[^"]*">\s*<name>)}{$1'"$long"'}) { $done = 1 }' "$R6" >"$f"
run -o "$TMP/goal.pdf" "$f"
check_eq "header taller than a page: exit" "$rc" 2
check "header taller than a page: names the card and its header" \
  grep -q "^plantype: $f:[0-9]*: <card no=\"1\">: card 1: its header (repeated on every continuation page) is [0-9.]* pt tall, more than the [0-9.]* pt a page has for it" <<<"$msg"
check "header taller than a page: no PDF" test ! -e "$TMP/goal.pdf"

# --- output paths
cp "$R6" "$TMP/ed.xml"; cp "$LAYOUT" "$TMP/lay.xml"
expect "output is the edition" 1 "$TMP/ed.xml: is the input $TMP/ed.xml; refusing to write the PDF over it" -o "$TMP/ed.xml" "$TMP/ed.xml"
check "the edition is unchanged" cmp -s "$TMP/ed.xml" "$R6"
ln -s ed.xml "$TMP/edlink.xml"
expect "output is a link to the edition" 1 "$TMP/edlink.xml: is the input $TMP/ed.xml; refusing to write the PDF over it" -o "$TMP/edlink.xml" "$TMP/ed.xml"
expect "output is the layout" 1 "$TMP/lay.xml: is the input $TMP/lay.xml; refusing to write the PDF over it" --layout "$TMP/lay.xml" -o "$TMP/lay.xml" "$R6"
check "the layout is unchanged" cmp -s "$TMP/lay.xml" "$LAYOUT"
expect "output is /dev/null" 1 "/dev/null: exists and is not a regular file (a device, folder, FIFO or socket); refusing to replace it" -o /dev/null "$R6"
check "/dev/null is still a device" test -c /dev/null
expect "output is a FIFO" 1 "$TMP/fifo: exists and is not a regular file (a device, folder, FIFO or socket); refusing to replace it" -o "$TMP/fifo" "$R6"
expect "output is a folder" 1 "$TMP: exists and is not a regular file (a device, folder, FIFO or socket); refusing to replace it" -o "$TMP" "$R6"
ln -s missing.pdf "$TMP/dangling.pdf"
expect "output is a dangling link" 1 "$TMP/dangling.pdf: a symbolic link to a missing file; plantype writes through a link only to an existing file" -o "$TMP/dangling.pdf" "$R6"
mkdir "$TMP/o"; echo old >"$TMP/o/real.pdf"; ln -s real.pdf "$TMP/o/link.pdf"
run -o "$TMP/o/link.pdf" "$R6"
check_eq "output through a link: exit" "$rc" 0
check "the link is still a link" test -L "$TMP/o/link.pdf"
check "its target is the PDF" grep -q '^%PDF-' "$TMP/o/real.pdf"
# stale temporaries of dead runs for the same target are removed; a live run's stays
sleep 30 & live=$!
dead=4194304; while kill -0 $dead 2>/dev/null; do dead=$((dead - 1)); done
touch "$TMP/o/real.pdf.tmp-$dead-abc123" "$TMP/o/real.pdf.tmp-$live-abc123" "$TMP/o/other.pdf.tmp-$dead-abc123"
run -o "$TMP/o/real.pdf" "$R6"
check_eq "stale temporaries: run ok" "$rc" 0
check "a dead run's temporary is removed" test ! -e "$TMP/o/real.pdf.tmp-$dead-abc123"
check "a live run's temporary stays" test -e "$TMP/o/real.pdf.tmp-$live-abc123"
check "another target's temporary stays" test -e "$TMP/o/other.pdf.tmp-$dead-abc123"
kill $live 2>/dev/null; wait $live 2>/dev/null
check_eq "no temporary of this run left" "$(ls "$TMP/o" | grep -c "tmp-$$\|tmp-[0-9]*-......$" )" 2

# killed at any moment (SIGKILL: no handler runs), a run leaves no temporary
# beside its target: the PDF is written into an unnamed O_TMPFILE file
mkdir "$TMP/k"
for delay in 0.05 0.1 0.2 0.3 0.4 0.6; do
  "$PLANTYPE" -q -o "$TMP/k/r6.pdf" "$R6" 2>/dev/null & pid=$!
  sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
done
check_eq "killed runs leave no temporary" "$(ls "$TMP/k" | grep -c 'tmp-')" 0

finish
