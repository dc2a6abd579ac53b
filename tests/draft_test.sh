#!/usr/bin/env bash
# plantype --draft: a proof PDF. Read back with pdf.js (tests/pdfjs_annots.mjs:
# every comment with its page, note and the text under it; every link) and
# poppler: the band on every page, every finding of --check a comment on the
# page and line where its text is printed, the findings list in front linking
# to those pages, the incomplete card shaded; all readers silent.
source "$(dirname "$0")/lib.sh"
R6=input/r6.xml
export SOURCE_DATE_EPOCH=1764460800   # 2025-11-30

# at_source LINE COL: the two characters of the edition at LINE:COL (from 1),
# as printed (tags cut), to look for under a highlight.
at_source() {
  perl -CSD -Mutf8 -ne "if (\$. == $1) { my \$s = substr(\$_, $2 - 1); \$s =~ s/<[^>]*>//g; print substr(\$s, 0, 2); exit }" "${3:-$R6}"
}

# draft_of NAME EDITION: the proof and what pdf.js reads in it.
draft_of() {
  "$PLANTYPE" --draft -q -o "$TMP/$1.pdf" "$2" >"$TMP/$1.findings" 2>"$TMP/$1.err"
  echo $? >"$TMP/$1.rc"
  if [ -e "$TMP/$1.pdf" ]; then (cd tests && node pdfjs_annots.mjs "$TMP/$1.pdf") >"$TMP/$1.annots"; fi
}

# proof_ok NAME EDITION: the checks every proof passes.
proof_ok() {
  local n=$1 ed=$2 pdf=$TMP/$1.pdf
  check "$n: readers silent: pdffonts" fonts_ok "$pdf"
  check "$n: readers silent: qpdf" qpdf_ok "$pdf"
  check "$n: readers silent: mutool" mutool_ok "$pdf"
  check "$n: readers silent: ghostscript" gs_ok "$pdf"
  check "$n: readers silent: pdftotext" pdftotext_ok "$pdf"
  check_eq "$n: nothing on stderr" "$(cat "$TMP/$n.err")" ""
  local pages nf
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')
  nf=$(($(wc -l <"$TMP/$n.findings") - 1))
  # the band: 校正用, the file name, the date and one 12-digit hash on every page
  local base=${ed##*/} bad=0 hashes=""
  for ((p = 1; p <= pages; p++)); do
    local line; line=$(pdftotext -f $p -l $p -layout "$pdf" - | head -n 1)
    [[ $line =~ 校正用[[:space:]]+${base//./\\.}[[:space:]]+2025-11-30[[:space:]]+ソース[[:space:]]([0-9a-f]{12})[[:space:]]+指摘[[:space:]]$nf件 ]] || { bad=$((bad + 1)); echo "   page $p band: $line"; }
    hashes+="${BASH_REMATCH[1]}"$'\n'
  done
  check_eq "$n: the band on each of the $pages pages" "$bad" 0
  check_eq "$n: one hash on all pages" "$(sort -u <<<"$hashes" | grep -c .)" 1
  # every finding is one comment; its note is "level [rule] file:line:col: message"
  check_eq "$n: one comment per finding" "$(grep -c '^comment' "$TMP/$n.annots")" "$nf"
  local want got
  want=$(head -n -1 "$TMP/$n.findings" | sed -E 's/^([^:]+:[0-9]+(:[0-9]+)?): (error|warning): (.*) \[([a-z-]+)\]$/\3 [\5] \1: \4/' | sort)
  got=$(cut -f4 "$TMP/$n.annots" | grep -v '^$' | sort)
  check_eq "$n: the notes are the findings" "$got" "$want"
  # a highlight lies on the line that holds the finding's characters (a
  # finding on a whole element, without a column, is checked on its own below)
  local miss=0
  while IFS=$'\t' read -r kind page sub note under; do
    [ "$sub" = Highlight ] || continue
    [[ $note =~ :([0-9]+):([0-9]+):\  ]] || continue
    local chars; chars=$(at_source "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "$ed" | tr -d ' ')
    [[ $under == *"$chars"* ]] || { miss=$((miss + 1)); echo "   p$page: '$chars' not under: $note"; }
  done <"$TMP/$n.annots"
  check_eq "$n: every highlight on its text" "$miss" 0
  # the findings list: page 1 on, one link per finding to its comment's page
  check "$n: the list in front" grep -q "校正用 指摘一覧" <(pdftotext -f 1 -l 1 "$pdf" -)
  local front; front=$(awk -F'\t' '$1 == "comment" { print $2 }' "$TMP/$n.annots" | sort -n | uniq -c | awk '{print $2 ":" $1}' | tr '\n' ' ')
  local linked; linked=$(awk -F'\t' '$1 == "link" && $2 == 1 { print $3 }' "$TMP/$n.annots" | sort -n | uniq -c | awk '{print $2 ":" $1}' | tr '\n' ' ')
  check_eq "$n: list links go to the comments' pages" "$linked" "$front"
}

# ---- r6: its 11 findings (judged in check_test.sh) ----
draft_of r6 "$R6"
check_eq "r6: exit 0" "$(cat "$TMP/r6.rc")" 0
check_eq "r6: the findings on stdout, as --check prints them" "$(cat "$TMP/r6.findings")" "$("$PLANTYPE" --check "$R6")"
check_eq "r6: 52 pages (one list page in front of the 51)" "$(pdfinfo "$TMP/r6.pdf" | awk '/^Pages:/{print $2}')" 52
proof_ok r6 "$R6"
# the report's own contents links moved by the list page: 5-1 is printed p.9, now PDF page 10
check "r6: contents link to card 5-1 moved with the pages" grep -qx $'link\t3\t10' "$TMP/r6.annots"
check "r6: card 5-1 still prints - 9 - on PDF page 10" grep -q -- "- 9 -" <(pdftotext -f 10 -l 10 "$TMP/r6.pdf" -)
# card 37 (incomplete): a box on its page, empty cells shaded with the layout's placeholder
check "r6: card 37's box on its page (printed 51, PDF 52)" grep -q $'^comment\t52\tSquare\twarning \[incomplete-card\]' "$TMP/r6.annots"
# its 12 cells without text show the layout's placeholder (the report sets it):
# 施策, 担当部課, 達成状況, 取組概要, 取組指標, the four values, 評価, 相乗効果, 方向性;
# the proof shades them (seen on the page; the count of fills is read by mutool)
check_eq "r6: card 37's cells say （調整中）" "$(pdftotext -f 52 -l 52 "$TMP/r6.pdf" - | grep -c '（調整中）')" 12
# the hash follows the sources: one changed character gives another
f=$TMP/r6b.xml; sed 's/向上ををし/向上をし/' "$R6" >"$f"
draft_of r6b "$f"
h1=$(pdftotext -l 1 "$TMP/r6.pdf" - | grep -o 'ソース [0-9a-f]*'); h2=$(pdftotext -l 1 "$TMP/r6b.pdf" - | grep -o 'ソース [0-9a-f]*')
check "r6: another edition, another hash ($h1 / $h2)" test "$h1" != "$h2"
check_eq "r6b: the fixed slip is gone" "$(($(wc -l <"$TMP/r6b.findings") - 1))" 10
# reproducible
"$PLANTYPE" --draft -q -o "$TMP/r6c.pdf" "$R6" >/dev/null
check "r6: two runs, one file" cmp -s "$TMP/r6.pdf" "$TMP/r6c.pdf"

# ---- a draft with errors: status marks, a unit, a placeholder, a squeezed card ----
long=$(printf '評価の文章です。%.0s' $(seq 150))
f=$TMP/slips.xml
perl -CSD -Mutf8 -0pe "
  s/<card no=\"1\" status=\"×\">/<card no=\"1\" status=\"○\">/;
  s/<actual num=\"62.2\" unit=\"%\">62.2%/<actual num=\"62.2\" unit=\"人\">62.2人/;
  s/堆肥化施設整備事業者を決定しました。/堆肥化施設整備事業者を決定しました（未記入）。/;
  s/(<card no=\"8\".*?<evaluation>\\s*<p>)/\${1}$long/s;
" "$R6" >"$f"
draft_of slips "$f"
check_eq "slips: exit 2 (errors), the proof is written" "$(cat "$TMP/slips.rc"):$(test -s "$TMP/slips.pdf" && echo pdf)" "2:pdf"
proof_ok slips "$f"
check "slips: card 1's status error on its actual's cell" grep -qE $'^comment\t[0-9]+\tHighlight\terror \\[status-mark\\] .*card 1 is marked ○.*\t71\\.2%$' "$TMP/slips.annots"
check "slips: the squeezed card 8 is marked with what was done" grep -qE $'^comment\t[0-9]+\tSquare\twarning \\[fit\\] .*card 8: ' "$TMP/slips.annots"

# ---- a file the loader refuses: the finding, no PDF ----
f=$TMP/bad.xml; sed 's/<card no="5-1" status="×"/<card no="5-1" status="〇"/' "$R6" >"$f"
draft_of bad "$f"
check_eq "refused: exit 2, the one finding" "$(cat "$TMP/bad.rc"):$(tail -n 1 "$TMP/bad.findings")" "2:1 error, 0 warnings"
check "refused: no PDF" test ! -e "$TMP/bad.pdf"
check_eq "--draft -o - is refused" "$("$PLANTYPE" --draft -o - "$R6" 2>&1 >/dev/null; echo "rc=$?")" "plantype: --draft writes a file: name it with -o FILE
rc=2"

finish
