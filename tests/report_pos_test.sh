#!/usr/bin/env bash
# The report's pages checked by position (tests/report_pos.pl reads what MuPDF
# finds where, through tests/pdfgeom.js): every card cell's text inside its
# cell, footers, the contents with their links, the overviews with the
# figure, the summary sentences and the goal tables; then fitting, from
# outside: a card that needs tighter spacing, one that needs a smaller size
# and one that must continue on further pages keep every paragraph inside the
# text area, and the continued one takes no more pages than its lines need.
source "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1735689600

# positions PDF [report_pos.pl options]: the position checks of one PDF; their
# verdicts count as this script's.
positions() {
  local pdf=$1; shift
  mutool run tests/pdfgeom.js "$pdf" >"$TMP/geom" 2>"$TMP/geom.err" ||
    { check "pdfgeom reads $pdf" false; cat "$TMP/geom.err"; return; }
  perl tests/report_pos.pl "$TMP/geom" "$@" >"$TMP/pos.out"
  grep -v '^[0-9]* passed, [0-9]* failed$' "$TMP/pos.out"
  local line; line=$(tail -n 1 "$TMP/pos.out")
  [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]] ||
    { check "report_pos.pl ran to its end" false; return; }
  pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
}

"$PLANTYPE" input/r6.xml -o "$TMP/r6.pdf" 2>/dev/null
check "typesets r6" test -s "$TMP/r6.pdf"
positions "$TMP/r6.pdf"

# --- fitting: card 9-1's evaluation made N paragraphs long
para='鳥獣被害防止総合対策交付金を活用したワイヤーメッシュ柵等の設置、捕獲従事者と被害情報等の共有により被害金額を抑えることができました。'
long() {
  awk -v n="$1" -v p="$para" '
    /<card no="9-1"/ { c = 1 }
    c && /<evaluation>/ { print; getline; s = ""; for (i = 0; i < n; i++) s = s "<p>第" i "段。" p "</p>"; print "          " s; c = 0; next }
    { print }' input/r6.xml
}
# fitted N PDF: typesets the long edition; the warning goes to $TMP/errN
fitted() {
  long "$1" >"$TMP/long$1.xml"
  "$PLANTYPE" "$TMP/long$1.xml" -o "$2" 2>"$TMP/err$1"
}
# the squeezed size and spacing the position checks measured, as the warning
# would print them
measured() { sed -n 's/^squeezed card [^:]*: \([0-9.]*\) pt, line spacing \([0-9.]*\)$/\1 \2/p' "$TMP/pos.out"; }

# 14 paragraphs: tighter line spacing is enough
fitted 14 "$TMP/long14.pdf"
check "long card (14 paragraphs): tighter spacing reported" \
  grep -q "^plantype: card 9-1: line spacing 1\.[0-9]* (layout 1.55) to fit" "$TMP/err14"
positions "$TMP/long14.pdf" --edition "$TMP/long14.xml" --squeezed 9-1
read -r s l <<<"$(measured)"
check_eq "long card (14): the size is the layout's" "$s" 10
check_eq "long card (14): the warning gives the spacing measured" \
  "$(grep -o 'line spacing [0-9.]*' "$TMP/err14")" "line spacing $(printf '%.2f' "$l")"

# 17 paragraphs: a smaller size too
fitted 17 "$TMP/long17.pdf"
positions "$TMP/long17.pdf" --edition "$TMP/long17.xml" --squeezed 9-1
read -r s l <<<"$(measured)"
check "long card (17): set smaller than the layout's 10 pt ($s pt)" test "$(echo "$s < 10" | bc)" = 1
check_eq "long card (17): the warning gives the size and spacing measured" \
  "$(grep -o 'set at [0-9.]* pt (layout 10.00 pt), line spacing [0-9.]*' "$TMP/err17")" \
  "$(printf 'set at %.2f pt (layout 10.00 pt), line spacing %.2f' "$s" "$l")"

# 40 paragraphs: continued on further pages. They cannot fit one page even at
# the layout's floors: each paragraph is 70 or 71 characters (about 68 em),
# more than the 47.5 em of an 8.5 pt line in the 404.28 pt text column
# (142 + 140 + 131.28 - 2 x 4.5), so at least 2 lines each: 80 lines x 8.5 pt
# x 1.3 = 884 pt, more than the 737.89 pt text area. report_pos.pl --long
# requires 2 or more pages, every page but the last full.
fitted 40 "$TMP/long40.pdf"
check "long card (40): continuation reported" \
  grep -q "^plantype: card 9-1: too long for one page .*continued on [2-9] pages" "$TMP/err40"
positions "$TMP/long40.pdf" --edition "$TMP/long40.xml" --long 9-1

finish
