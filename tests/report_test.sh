#!/usr/bin/env bash
# The whole FY2024 report, checked against the source and with the readers:
#  - 51 pages, every card on the page the original's contents give (seed TOC);
#  - every cell of every card found in reading order on its page (pdftotext -raw,
#    white space removed), the contents' numbers and the overview summaries as
#    in the source;
#  - the readers: fonts embedded+subset+unicode, qpdf, mupdf, Ghostscript and
#    poppler silent; no extracted line breaks a kinsoku rule;
#  - reproducible with SOURCE_DATE_EPOCH; atomic output; fitting reported and
#    never dropping text (an over-long card).
source "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
SEED=tests/fixtures/seed.txt
PDF=$TMP/r6.pdf
export SOURCE_DATE_EPOCH=1735689600

"$PLANTYPE" input/r6.xml -o "$PDF" 2>"$TMP/err"; rc=$?
check_eq "typesets r6" "$rc" 0
check "warns about incomplete card 37" grep -q "card 37 is incomplete" "$TMP/err"
check_eq "pages" "$(pdfinfo "$PDF" | awk '/^Pages:/{print $2}')" 51

# page N's text, white space removed
pagetext() { pdftotext -raw -f "$1" -l "$1" "$PDF" - 2>/dev/null | tr -d ' \t\n\r\f'; }

# --- the seed's contents: "no<TAB>page" per card, "H<TAB>page" per project heading
awk -F'\t' 'NR>=10 && NR<=49 {
    for (c = 0; c < 2; c++) {
      t = $(2*c+1); p = $(2*c+2); gsub(/[… ]/, "", p)
      if (t ~ /^【/) print "H\t" p
      else if (t ~ /^[0-9]/) { split(t, a, " "); print a[1] "\t" p }
    }
  }' "$SEED" | sort -t$'\t' -k2,2n >"$TMP/toc"
check_eq "seed contents entries" "$(grep -vc '^H' "$TMP/toc")" 43

# --- every card on its page, its cells in reading order
ok_cards=0
while IFS=$'\t' read -r no page; do
  [ "$no" = H ] && continue
  text=$(pagetext "$page")
  # the card's cells from the seed: the block starting at the row after "No." whose first cell is no
  cells=$(awk -F'\t' -v no="$no" '
      $1 == "No." { getline; inblock = ($1 == no); if (inblock) { n = 0; print "No."; print "プロジェクト"; print "目標"; print "施策" } }
      inblock { for (i = 1; i <= NF; i++) { c = $i; gsub(/<\/?p>|[ \t]/, "", c); if (c != "") print c }
                if (++n == 10) inblock = 0 }' "$SEED")
  if [ -z "$cells" ]; then   # card 37: not in the seed; its known fields
    cells=$(printf '%s\n' "No." "$no" "まちづくりへの防災・減災の強化")
  fi
  rest=$text; missing=""
  while IFS= read -r c; do
    [ -z "$c" ] && continue
    case "$rest" in
      *"$c"*) rest=${rest#*"$c"} ;;
      *) missing="$c"; break ;;
    esac
  done <<<"$cells"
  if [ -z "$missing" ]; then ok_cards=$((ok_cards + 1)); else echo "FAIL card $no on page $page: not found in order: ${missing:0:60}"; fi
  # the page starts with this card's header
  case "$text" in "No.プロジェクト目標施策$no"*) ;; *) echo "FAIL page $page does not start with card $no: ${text:0:40}"; ok_cards=$((ok_cards - 1)) ;; esac
done <"$TMP/toc"
check_eq "cards on their pages with every cell in order" "$ok_cards" 43

# --- overviews on the pages the contents give, with the source's summary sentences
while IFS=$'\t' read -r h page; do
  [ "$h" = H ] || continue
  a=$(pagetext "$page"); b=$(pagetext $((page + 1)))
  case "$a" in 【経済】*|【環境】*|【社会】*) r=ok ;; *) r="page $page starts ${a:0:20}" ;; esac
  check_eq "overview on page $page" "$r" ok
done <"$TMP/toc"
for aspect in 経済 環境 社会; do
  page=$(for p in 3 18 34; do pagetext $p | grep -q "^【$aspect】" && echo $p; done)
  want=$(awk -v a="【$aspect】" '$0 == a {f=1} f && /<プロジェクト目標>/ {print; getline; print; exit}' "$SEED" | tr -d ' \t')
  got=$(pagetext $((page + 1)))
  check "summary sentences of 【$aspect】 as in the source" grep -qF -- "$want" <<<"$got"
done

# --- the contents page: each entry's number is the page of its card
contents=$(pagetext 2)
bad=0
while IFS=$'\t' read -r no page; do
  [ "$no" = H ] && continue
  want=$(awk -F'\t' -v no="$no" 'NR>=10 && NR<=49 { for (c = 0; c < 2; c++) { t = $(2*c+1); split(t, a, " "); if (a[1] == no) print t } }' "$SEED" | tr -d ' ')
  case "$contents" in *"$want$page"*) ;; *) bad=$((bad + 1)); echo "FAIL contents: $want$page not found" ;; esac
done <"$TMP/toc"
check_eq "contents numbers" "$bad" 0

# --- readers
check_readers "$PDF"
# one Type0 font per face, plus variants that map shared glyphs to their
# other texts (full-width （ and ASCII ( are one glyph after hwid): two faces
check_eq "pdffonts: faces" "$(pdffonts "$PDF" | tail -n +3 | awk '{print $1}' | sort -u | wc -l)" 2
check_eq "mutool gives back the full-width brackets" \
  "$(mutool draw -q -F txt "$PDF" 2>/dev/null | tr -d ' \n' | grep -o '（' | wc -l)" \
  "$(pdftotext -raw "$PDF" - 2>/dev/null | tr -d ' \n' | grep -o '（' | wc -l)"

# --- kinsoku on every extracted line
pdftotext -raw "$PDF" "$TMP/lines" 2>/dev/null
check_kinsoku "$TMP/lines"
check "extracted lines counted" test "$(wc -l <"$TMP/lines")" -gt 1500

# --- strictness is a layout setting: with line-break="normal" small kana and
# ー may start a line (the report's paragraphs then break before some of them)
sed 's/line-break="strict"/line-break="normal"/' layouts/a4-report.xml >"$TMP/normal.xml"
"$PLANTYPE" --layout "$TMP/normal.xml" input/r6.xml -o "$TMP/normal.pdf" 2>/dev/null
n=$(pdftotext -raw "$TMP/normal.pdf" - 2>/dev/null | sed 's/^ *//' | grep -c '^[ぁぃぅぇぉっゃゅょァィゥェォッャュョー]')
check "line-break=normal lets small kana/ー start lines ($n lines)" test "$n" -gt 0

# --- reproducible
"$PLANTYPE" input/r6.xml -o "$TMP/again.pdf" 2>/dev/null
check "two runs give identical files" cmp -s "$PDF" "$TMP/again.pdf"

# --- outline and links
check "outline has the projects" bash -c "mutool show '$PDF' outline | grep -q '1. 経済循環を高める食×農プロジェクト'"
check_eq "outline entries (3 projects + 43 cards)" "$(mutool show "$PDF" outline | grep -c .)" 46
qpdf --qdf --object-streams=disable "$PDF" "$TMP/qdf.pdf"
links=$(grep -a -c '/Subtype /Link' "$TMP/qdf.pdf")
check_eq "contents links (3 headings + 43 entries)" "$links" 46

# --- atomic output: a failed run leaves the previous file and no temporary
cp "$PDF" "$TMP/keep.pdf"
sed 's/<card no="5-1" status="×"/<card no="5-1" status="〇"/' input/r6.xml >"$TMP/bad.xml"
"$PLANTYPE" "$TMP/bad.xml" -o "$TMP/keep.pdf" 2>/dev/null; rc=$?
check_eq "bad edition: exit 2" "$rc" 2
check "bad edition: previous PDF untouched" cmp -s "$PDF" "$TMP/keep.pdf"
sed 's/盤洲干潟クリーン作戦/盤洲干潟\xee\x80\x80クリーン作戦/' input/r6.xml >"$TMP/glyph.xml"
msg=$("$PLANTYPE" "$TMP/glyph.xml" -o "$TMP/keep.pdf" 2>&1); rc=$?
check_eq "missing glyph: exit 2" "$rc" 2
check "missing glyph: names file, line, element, U+E000" \
  grep -q "^plantype: $TMP/glyph.xml:[0-9]*: <card no=\"5-1\"> <synergy>: character U+E000" <<<"$msg"
check "missing glyph: previous PDF untouched" cmp -s "$PDF" "$TMP/keep.pdf"
check_eq "no temporary files left" "$(ls "$TMP" | grep -c 'tmp-')" 0

# --- fitting: a long card is set smaller and says so; an over-long one
# continues on another page and loses nothing
para='鳥獣被害防止総合対策交付金を活用したワイヤーメッシュ柵等の設置、捕獲従事者と被害情報等の共有により被害金額を抑えることができました。'
long() {  # long N: card 9-1's evaluation repeated N times
  awk -v n="$1" -v p="$para" '
    /<card no="9-1"/ { c = 1 }
    c && /<evaluation>/ { print; getline; s = ""; for (i = 0; i < n; i++) s = s "<p>第" i "段。" p "</p>"; print "          " s; c = 0; next }
    { print }' input/r6.xml
}
long 17 >"$TMP/long6.xml"
"$PLANTYPE" "$TMP/long6.xml" -o "$TMP/long6.pdf" 2>"$TMP/err6"; rc=$?
check_eq "long card: exit 0" "$rc" 0
check "long card: smaller size reported with the card number" \
  grep -q "^plantype: card 9-1: 取組概要・評価・相乗効果・方向性 set at [0-9.]* pt (layout 10.00 pt), line spacing [0-9.]* (layout 1.55) to fit" "$TMP/err6"
long 14 >"$TMP/long14.xml"
"$PLANTYPE" "$TMP/long14.xml" -o "$TMP/long14.pdf" 2>"$TMP/err14"
check "long card: tighter line spacing first" grep -q "^plantype: card 9-1: line spacing 1\.[0-9]* (layout 1.55) to fit" "$TMP/err14"
check_eq "long card: still 51 pages" "$(pdfinfo "$TMP/long6.pdf" | awk '/^Pages:/{print $2}')" 51
long 40 >"$TMP/long40.xml"
"$PLANTYPE" "$TMP/long40.xml" -o "$TMP/long40.pdf" 2>"$TMP/err40"; rc=$?
check_eq "over-long card: exit 0" "$rc" 0
check "over-long card: continuation reported" grep -q "^plantype: card 9-1: too long for one page .*continued on [2-9] pages" "$TMP/err40"
n=$(grep -o 'continued on [0-9]*' "$TMP/err40" | grep -o '[0-9]*$')
check_eq "over-long card: pages" "$(pdfinfo "$TMP/long40.pdf" | awk '/^Pages:/{print $2}')" $((50 + n))
# the continuation pages repeat the header rows and the row's label: take them out
head="No.プロジェクト目標施策9-1（続き）経済循環を高める食×農プロジェクト(2)安心・安全でおいしい木更津ブランドの確立③環境保全型農業の推進令和6年度取組の評価"
all=$(pdftotext -raw "$TMP/long40.pdf" - | tr -d ' \t\n\r\f')
check_eq "over-long card: header repeated on each continuation page" \
  "$(grep -o -F "$head" <<<"$all" | wc -l)" $((n - 1))
all=${all//"$head"/}
all=$(sed 's/-[0-9][0-9]*-//g' <<<"$all")   # the page numbers in the footers
found=0
for i in $(seq 0 39); do
  c=$(grep -o -F "第$i段。$para" <<<"$all" | wc -l)
  [ "$c" -eq 1 ] && found=$((found + 1))
done
check_eq "over-long card: all 40 paragraphs present exactly once" "$found" 40
check "over-long card: the cards after it keep their cells" grep -qF "9-2" <<<"$all"

finish
