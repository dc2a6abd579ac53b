#!/usr/bin/env bash
# The yearly cycle from the command line: the derived cover year; --new-year
# and the table of eras; --export csv/json; --import with its refusals; and
# the two round trips of the README: r6 exported and imported untouched comes
# back byte for byte, and r6 → --new-year → filled from a CSV → --check →
# typeset gives the FY2025 report. Expected texts are written here by hand
# from input/r6.xml (card 5-1: 401,689千円, 540,000千円) and the rules in
# README "The yearly cycle".
source "$(dirname "$0")/lib.sh"
R6=input/r6.xml
export SOURCE_DATE_EPOCH=1735689600
line_of() { grep -n -m1 -- "$1" "$2" | cut -d: -f1; }
# run ARGS...: sets out, err, rc
run() { "$PLANTYPE" "$@" >"$TMP/stdout" 2>"$TMP/stderr"; rc=$?; out=$(cat "$TMP/stdout"); err=$(cat "$TMP/stderr"); }

# --- the cover year line follows the edition ({era}{year}年度 in r6)
check_eq "r6's cover line is a template" "$(grep -c '<line>({era}{year}年度)</line>' $R6)" 1

# --- --new-year
R7=$TMP/r7.xml
run --new-year $R6 -o "$R7"
check_eq "new year: exit" "$rc" 0
check_eq "new year: summary" "$err" \
  "plantype: wrote $R7: 令和7年度 (fiscal year 2025), 267 cells to fill (plantype --check $R7 lists them)"
# in Japanese with a Japanese locale (po/ja.po, translated by hand)
check_eq "new year: summary in Japanese" "$(env -u LC_ALL -u LANGUAGE LANG=ja_JP.UTF-8 "$PLANTYPE" --new-year $R6 -o "$TMP/r7-ja.xml" 2>&1)" \
  "plantype: $TMP/r7-ja.xml を書き出しました: 令和7年度 (2025 年度)、未記入のセル 267 個 (一覧は plantype --check $TMP/r7-ja.xml)"
check "the Japanese run writes the same edition" cmp -s "$R7" "$TMP/r7-ja.xml"
check_eq "new year: dates" "$(grep -m1 '<report ' "$R7")" '<report era="令和" era-abbr="R" year="7" fiscal-year="2025">'
check_eq "new year: card 5-1's target is last year's next-year target" \
  "$(sed -n '/<card no="5-1"/,/<\/card>/p' "$R7" | grep '<target')" \
  '            <target num="540000" unit="千円">540,000千円</target>'
# Only the year's cells change: every other line of r6 is kept as it was.
changed=$(diff $R6 "$R7" | grep '^<' | grep -v -E '^< +(<report |<goal |<card |<target|<actual|<next|</?evaluation|</?synergy|</?direction|<p>)')
check_eq "new year: nothing else changes (comments, titles, departments, baselines)" "$changed" ""
check_eq "new year: comments kept" "$(grep -c '<!--' "$R7")" "$(grep -c '<!--' $R6)"
run --new-year $R6 -o $R6
check_eq "new year over its own edition: refused" "$rc:$err" \
  "2:plantype: --new-year: -o $R6 would replace the edition it is made from; name a new file"
run --new-year $R6
check_eq "new year without -o: refused" "$rc" 2

# --check lists the cells to fill, one finding each (267 = 5 goals x 3 + 42
# cards x 6), and no error: the other findings are r6's own warnings.
run --check "$R7"
check_eq "check: exit" "$rc" 0
check_eq "check: one finding per cell to fill" "$(grep -c '\[to-fill\]$' <<<"$out")" 267
check_eq "check: card 5-1's actual" "$(grep ' card 5-1: actual ' <<<"$out")" \
  "$R7:$(( $(line_of '<card no="5-1"' "$R7") + 5 )): warning: card 5-1: actual is to be filled [to-fill]"
check_eq "check: no errors" "$(tail -n 1 <<<"$out" | cut -d, -f1)" "0 errors"
# Every other finding of the new edition is one r6 has too (the source's
# own; those in emptied narratives are gone).
strip() { grep -v -e '\[to-fill\]$' -e '^[0-9]* error' | sed -e 's/^[^ ]* //' -e 's/line [0-9]*/line N/g' | sort -u; }
run --check "$R6"; strip <<<"$out" >"$TMP/r6.findings"
run --check "$R7"; strip <<<"$out" >"$TMP/r7.findings"
check_eq "check: no finding but the cells to fill that r6 lacks" "$(comm -13 "$TMP/r6.findings" "$TMP/r7.findings")" ""
run --check --final "$R7"
check_eq "check --final: a cell to fill is an error" "$(grep -c 'error: card 5-1: actual is to be filled' <<<"$out")" 1

# An era change is a line in the table: with a new era from fiscal 2025 in a
# copy of the data folder, r6's next edition is that era's year 1.
D=$TMP/data; mkdir -p "$D/input"
ln -s "$PWD/fonts" "$D/fonts"; ln -s "$PWD/layouts" "$D/layouts"; cp input/plantype.rng input/eras.rng "$D/input/"
sed 's|</eras>|  <era name="新元" abbr="N" first-fiscal-year="2025"/>\n</eras>|' input/eras.xml >"$D/input/eras.xml"
PLANTYPE_DATA=$D run --new-year $R6 -o "$TMP/n1.xml"
check_eq "era change: dates" "$(grep -m1 '<report ' "$TMP/n1.xml")" '<report era="新元" era-abbr="N" year="1" fiscal-year="2025">'
# --check's era rule reads the same table: the new era is known with it, and
# unknown without it.
PLANTYPE_DATA=$D run --check "$TMP/n1.xml"
check_eq "era change: --check knows the new era from the table" "$(grep -c '\[era\]$' <<<"$out")" 0
run --check "$TMP/n1.xml"
check_eq "era change: without it in the table the era is unknown" "$(grep '\[era\]$' <<<"$out" | sed 's/^[^ ]* //')" \
  'error: unknown era "新元" (known: 明治, 大正, 昭和, 平成, 令和) [era]'

# --- typesetting the unfilled edition: it works and says what is missing.
run "$R7" -o "$TMP/r7-empty.pdf"
check_eq "empty edition typesets" "$rc" 0
check "the run warns about the cells to fill" grep -q "^plantype: $R7: 267 cells are still to be filled and are set empty" <<<"$err"
# Each of them is drawn on the layout's to-fill colour #FFF2CC, which the PDF
# writes as "1 .949 .8 rg" (255/255, 242/255, 204/255): 267 rectangles
# filled ("re f", "re B") while that is the fill colour, which the page
# streams set only when it changes.
to_fills() {
  qpdf --qdf --object-streams=disable "$1" - |
    awk '$4 == "rg" { on = ($1 == 1 && $2 == 0.949 && $3 == 0.8) }
         / re [fB]$/ && on { n++ } END { print n + 0 }'
}
check_eq "empty edition: every cell to fill on the to-fill colour" "$(to_fills "$TMP/r7-empty.pdf")" 267

# --- --export
run --export csv $R6 -o "$TMP/r6.csv"
check_eq "export csv: exit" "$rc" 0
hdr='"カード番号","プロジェクト番号","プロジェクト目標","施策","取組","担当部課","指標","現状値（策定時）","現状値（策定時）数値","現状値（策定時）単位","現状値（策定時）時点","目標値（R6年度）","目標値（R6年度）数値","目標値（R6年度）単位","目標値（R6年度）時点","実績値（R6年度）","実績値（R6年度）数値","実績値（R6年度）単位","実績値（R6年度）時点","目標値（R7年度）","目標値（R7年度）数値","目標値（R7年度）単位","目標値（R7年度）時点","達成状況","令和6年度取組の評価","令和6年度三側面における相乗効果","令和7年度取組の方向性"'
check_eq "export csv: the header row" "$(head -n 1 "$TMP/r6.csv" | tr -d '\r')" "$hdr"
check_eq "export csv: records end in CRLF (RFC 4180)" "$(head -n 1 "$TMP/r6.csv" | od -An -c | tr -d ' \n' | tail -c 4)" '\r\n'
check_eq "export csv: 1 header + 5 goals + 43 cards" "$(grep -c $'\r$' "$TMP/r6.csv")" 49
check_eq "export csv: card 5-1's values" "$(grep -a '^"5-1",' "$TMP/r6.csv" | perl -ne 'my @c = split /","/; print join("|", @c[7..23])')" \
  '618,213千円 (R5年度)|618213|千円|R5年度|480,000千円|480000|千円||401,689千円|401689|千円||540,000千円|540000|千円||×'
check_eq "export csv: no byte-order mark by default" "$(head -c 3 "$TMP/r6.csv" | od -An -tx1 | tr -d ' ')" "22e382"
run --export csv --bom $R6 -o "$TMP/r6-bom.csv"
check_eq "export csv --bom: starts with EF BB BF" "$(head -c 3 "$TMP/r6-bom.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
run --export json $R6
check "export json: valid JSON" jq -e . "$TMP/stdout" >/dev/null
check_eq "export json: 48 rows" "$(jq '.rows | length' "$TMP/stdout")" 48
check_eq "export json: ASCII keys" "$(jq -r '[.rows[] | keys[]] | unique | join(",")' "$TMP/stdout")" \
  "actual,baseline,card,department,direction,evaluation,goal,indicator,initiative,next,policy,project,status,synergy,target"
check_eq "export json: card 5-1's actual" "$(jq -c '.rows[] | select(.card == "5-1") | .actual' "$TMP/stdout")" \
  '{"text":"401,689千円","num":401689,"unit":"千円","period":null}'
run --export xls $R6
check_eq "export: unknown format" "$rc:$err" "2:plantype: --export: the format is csv or json, not 'xls'"

# --- round trip 1: r6 out and back in untouched is r6, byte for byte
run --import "$TMP/r6.csv" $R6 -o "$TMP/r6-back.xml"
check_eq "import untouched: exit" "$rc" 0
check_eq "import untouched: no change reported" "$out" ""
check "import untouched: r6 comes back byte for byte" cmp -s $R6 "$TMP/r6-back.xml"
run --import "$TMP/r6-bom.csv" $R6 -o "$TMP/r6-back2.xml"
check "import with a byte-order mark: byte for byte" cmp -s $R6 "$TMP/r6-back2.xml"
# An edition libxml2 would not write back as it is (single quotes) is still
# imported; the run says from which line on the file's form changes.
sed "s/era=\"令和\"/era='令和'/" $R6 >"$TMP/quoted.xml"
run --import "$TMP/r6.csv" "$TMP/quoted.xml" -o "$TMP/quoted-back.xml"
check_eq "import: a file in another form: warned" "$rc:$err" "0:plantype: $TMP/quoted.xml:$(line_of '<report ' $R6): from here on libxml2 writes the edition's unchanged parts in its own form (quotes, character references, line ends): compare the cells, not the files
plantype: wrote $TMP/quoted-back.xml: 0 cells changed"
# A spreadsheet writes 85 for 85.0: the same number is no change.
sed 's/"85\.0","%"/"85","%"/' "$TMP/r6.csv" >"$TMP/r6-85.csv"
run --import "$TMP/r6-85.csv" $R6 -o "$TMP/r6-85.xml"
check "a number written differently is no change" cmp -s $R6 "$TMP/r6-85.xml"

# --- import: a changed cell is reported and written; nothing else moves.
run --export csv "$R7" -o "$TMP/r7.csv"
# setcell IN OUT CARD COLUMN VALUE: the CSV with one cell replaced (columns
# from 1; fields are quoted and contain no quotes in these tests).
setcell() {
  perl -e 'my ($in, $card, $col, $v) = @ARGV; local $/; open my $f, "<", $in or die; my $d = <$f>;
    my @r = split /\r\n/, $d;
    for (@r) { my @c = split /","/, substr($_, 1, -1), -1;
      if ($c[0] eq $card) { $c[$col - 1] = $v; $_ = "\"" . join("\",\"", @c) . "\""; } }
    print join("\r\n", @r), "\r\n";' "$1" "$3" "$4" "$5" >"$2"
}
setcell "$TMP/r7.csv" "$TMP/r7-5-1.csv" 5-1 16 "401,689千円(R6年度)"
run --import "$TMP/r7-5-1.csv" "$R7" -o "$TMP/r7-5-1.xml"
check_eq "import one cell: exit" "$rc" 0
check_eq "import one cell: the changes" "$out" 'card 5-1: actual: "" → "401,689千円(R6年度)"
card 5-1: actual_num: "" → "401689"
card 5-1: actual_unit: "" → "千円"
card 5-1: actual_period: "" → "R6年度"'
check_eq "import one cell: only that line of the file changes" "$(diff "$R7" "$TMP/r7-5-1.xml" | grep '^[<>]')" \
'<             <actual todo="true"/>
>             <actual num="401689" unit="千円" period="R6年度">401,689千円(R6年度)</actual>'

# Narratives: a blank line between paragraphs, a line break inside one is <br/>.
setcell "$TMP/r7.csv" "$TMP/r7-eval.csv" 5-1 25 $'第1段落です。\n\n第2段落の1行目。\n第2段落の2行目。'
run --import "$TMP/r7-eval.csv" "$R7" -o "$TMP/r7-eval.xml"
check_eq "import a narrative: written as paragraphs" \
  "$(sed -n '/<card no="5-1"/,/<\/card>/p' "$TMP/r7-eval.xml" | sed -n '/<evaluation>/,/<\/evaluation>/p')" \
'            <evaluation>
              <p>第1段落です。</p>
              <p>第2段落の1行目。<br/>第2段落の2行目。</p>
            </evaluation>'

# --- import: refusals, each naming the table's row; nothing is written.
setcell "$TMP/r7.csv" "$TMP/bad-card.csv" 5-1 1 "5-9"
run --import "$TMP/bad-card.csv" "$R7" -o "$TMP/bad.xml"
row=$(( $(grep -n -m1 '^"5-9",' "$TMP/bad-card.csv" | cut -d: -f1) ))
check_eq "import: unknown card refused" "$rc:$err" \
  "2:plantype: $TMP/bad-card.csv: row $row: card \"5-9\" is not in the edition $R7"
check "import: nothing written when refused" test ! -e "$TMP/bad.xml"
setcell "$TMP/r7.csv" "$TMP/bad-status.csv" 5-1 24 "〇"
run --import "$TMP/bad-status.csv" "$R7" -o "$TMP/bad.xml"
check_eq "import: unknown status mark refused" "$rc:$err" \
  "2:plantype: $TMP/bad-status.csv: row $row: card 5-1: status must be ○, × or - (or empty while to be filled), found \"〇\""
run --import "$TMP/r6.csv" "$R7" -o "$TMP/bad.xml"
check_eq "import: last year's table refused" "$rc:$err" \
  "2:plantype: $TMP/r6.csv: row 1: column 12 is \"目標値（R6年度）\", but the table of this edition has \"目標値（R7年度）\" there: export the table from this edition and keep its columns"
iconv -f UTF-8 -t CP932 "$TMP/r7.csv" >"$TMP/sjis.csv"
run --import "$TMP/sjis.csv" "$R7" -o "$TMP/bad.xml"
check_eq "import: a Shift_JIS table gets the iconv line" "$err" \
  "plantype: $TMP/sjis.csv:1: the file is not UTF-8; it looks like Shift_JIS (Windows, CP932). Convert it with: iconv -f CP932 -t UTF-8 $TMP/sjis.csv > $TMP/sjis-utf8.csv"
# ... and that line gives back the table as exported but for what CP932
# cannot hold: its round trip turns the em dash — (U+2014, project 2 goal (2)
# baseline in r6) into ― (U+2015), and the import reports exactly that.
iconv -f CP932 -t UTF-8 "$TMP/sjis.csv" > "$TMP/sjis-utf8.csv"
run --import "$TMP/sjis-utf8.csv" "$R7" -o "$TMP/sjis.xml"
check_eq "import: the converted Shift_JIS table" "$rc:$out" "0:goal 2(2): baseline: \"—\" → \"―\""
iconv -f UTF-8 -t UTF-16 "$TMP/r7.csv" >"$TMP/u16.csv"
run --import "$TMP/u16.csv" "$R7" -o "$TMP/bad.xml"
check_eq "import: a UTF-16 table (Excel's Unicode text) gets its iconv line" "$rc:$err" \
  "2:plantype: $TMP/u16.csv:1: the file is not UTF-8; it looks like UTF-16. Convert it with: iconv -f UTF-16 -t UTF-8 $TMP/u16.csv > $TMP/u16-utf8.csv"
check_eq "import: Shift_JIS exit" "$rc" 2
printf '"カード番号,"1"\r\n' >"$TMP/quote.csv"
run --import "$TMP/quote.csv" "$R7" -o "$TMP/bad.xml"
check_eq "import: broken quoting refused" "$rc:$err" \
  "2:plantype: $TMP/quote.csv: row 1: not valid CSV (error parsing data while strict checking enabled): a quote inside a cell must be doubled and the cell quoted"
printf '\xef\xbb\xbf' >"$TMP/empty.csv"
run --import "$TMP/empty.csv" "$R7" -o "$TMP/bad.xml"
check_eq "import: an empty table refused" "$rc:$err" "2:plantype: $TMP/empty.csv: the table is empty"
printf 'a\0b\r\n' >"$TMP/nul.csv"
run --import "$TMP/nul.csv" "$R7" -o "$TMP/bad.xml"
check_eq "import: a NUL byte refused" "$rc:$err" "2:plantype: $TMP/nul.csv:1: the file is not UTF-8 (invalid byte 0x00 at offset 1)"
check "import: nothing written" test ! -e "$TMP/bad.xml"

# --- round trip 2: the FY2025 report. Every cell to fill gets a value in the
# table, as a department would: the actual meets the target (the target's
# text, so status ○), next year's target is the same figure without the
# period; a value without a number gets "-" and status -; narratives of two
# paragraphs, the second with a line break. A goal's target and actual are
# its baseline's figure and unit.
perl -e 'local $/; my $d = <STDIN>; my @r = split /\r\n/, $d; my $h = shift @r;
  for (@r) { my @c = split /","/, substr($_, 1, -1), -1;
    if ($c[0] eq "") {
      my $v = $c[8] ne "" ? "$c[8]$c[9]" : "-";
      @c[11, 15, 23] = ($v, $v, $c[8] ne "" ? "○" : "-"); }
    elsif ($c[23] eq "" && $c[6] ne "") {
      my $has = $c[12] ne "";
      @c[15, 19, 23] = ($has ? $c[11] : "-", $has ? "$c[12]$c[13]" : "-", $has ? "○" : "-");
      @c[24, 25, 26] = ("評価の第1段落。\n\n評価の第2段落。\n改行の後。", "相乗効果。", "方向性。"); }
    $_ = "\"" . join("\",\"", @c) . "\""; }
  print join("\r\n", $h, @r), "\r\n";' <"$TMP/r7.csv" >"$TMP/r7-filled.csv"
run --import "$TMP/r7-filled.csv" "$R7" -o "$TMP/r7-filled.xml"
check_eq "fill: exit" "$rc" 0
# Every cell to fill is changed: 267 status, text and narrative cells, plus
# the number and unit (and the period where the target has one) that each
# value with a figure brings: counted from the table, not the program.
extra=$(perl -e 'local $/; my @r = split /\r\n/, <STDIN>; shift @r; my $n = 0;
  for (@r) { my @c = split /","/, substr($_, 1, -1), -1;
    if ($c[0] eq "") { $n += 2 * 2 if $c[8] ne ""; }
    elsif ($c[23] eq "" && $c[6] ne "" && $c[12] ne "") { $n += 2 + ($c[14] ne "") + 2; } }
  print $n' <"$TMP/r7.csv")
check_eq "fill: every change reported" "$(wc -l <"$TMP/stdout")" $(( 267 + extra ))
run --check "$TMP/r7-filled.xml"
check_eq "fill: check has no cell to fill" "$(grep -c '\[to-fill\]$' <<<"$out")" 0
check_eq "fill: check finds no error" "$(tail -n 1 <<<"$out" | cut -d, -f1)" "0 errors"
run "$TMP/r7-filled.xml" -o "$TMP/r7.pdf"
check_eq "FY2025 report typesets" "$rc" 0
check_readers "$TMP/r7.pdf"
check_eq "FY2025 report: no cell on the to-fill colour" "$(to_fills "$TMP/r7.pdf")" 0
check_eq "FY2025 report: 51 pages" "$(pdfinfo "$TMP/r7.pdf" | sed -n 's/^Pages: *//p')" 51
# (the readers put a space for the engine's ¼ em between kana and figures)
check "cover says (令和7年度)" grep -q "(令和7年度)" <(pdftotext -f 1 -l 1 "$TMP/r7.pdf" - | tr -d ' ')
p9=$(pdftotext -f 9 -l 9 "$TMP/r7.pdf" - | tr -d ' ')
check "card 5-1 (page 9): the moved target 540,000千円" grep -q "540,000千円" <<<"$p9"
check "card 5-1 (page 9): the imported actual" grep -q "実績値(R7年度)" <<<"$p9"
check_eq "card 5-1 (page 9): the target's figure twice (target, actual) and once plain (next)" \
  "$(grep -o "540,000千円" <<<"$p9" | wc -l):$(grep -c "540000千円" <<<"$p9")" "2:1"
check "card 5-1 (page 9): the R8 label" grep -q "目標値(R8年度)" <<<"$p9"
check "card 5-1 (page 9): both evaluation paragraphs" grep -q "評価の第2段落。" <<<"$p9"
finish
