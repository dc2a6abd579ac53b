#!/usr/bin/env bash
# The whole FY2024 report with the readers (what is where on which page is
# report_pos_test.sh's):
#  - 51 pages; the readers: fonts embedded+subset+unicode, qpdf, mupdf,
#    Ghostscript and poppler silent; no extracted line breaks a kinsoku rule;
#  - reproducible with SOURCE_DATE_EPOCH; the outline;
#  - atomic output: a run that fails, before or while saving, leaves the
#    previous PDF byte for byte and no temporary file.
source "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
PDF=$TMP/r6.pdf
export SOURCE_DATE_EPOCH=1735689600

"$PLANTYPE" input/r6.xml -o "$PDF" 2>"$TMP/err"; rc=$?
check_eq "typesets r6" "$rc" 0
check "warns about incomplete card 37" grep -q "card 37 is incomplete" "$TMP/err"
check_eq "pages" "$(pdfinfo "$PDF" | awk '/^Pages:/{print $2}')" 51

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
check_eq "SOURCE_DATE_EPOCH is the creation date" \
  "$(pdfinfo -isodates "$PDF" | awk '/^CreationDate:/ {print $2}')" 2025-01-01T00:00:00Z

# --- outline and links
check "outline has the projects" bash -c "mutool show '$PDF' outline | grep -q '1. 経済循環を高める食×農プロジェクト'"
check_eq "outline entries (3 projects + 43 cards)" "$(mutool show "$PDF" outline | grep -c .)" 46

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
# A save that fails after layout, while the file is written: the size limit
# for files a process writes (ulimit -f, in KiB) makes write() fail with EFBIG
# at 64 KiB, far below the ~340 KB of the report and above nothing the run
# reads; SIGXFSZ, which would kill the process instead, is ignored (an ignored
# signal stays ignored across exec). The previous PDF must survive byte for
# byte and the run must say it could not write.
cp "$PDF" "$TMP/keep.pdf"
msg=$(trap '' XFSZ; ulimit -f 64; "$PLANTYPE" input/r6.xml -o "$TMP/keep.pdf" 2>&1); rc=$?
check_eq "write error while saving: exit 1" "$rc" 1
check "write error while saving: says it cannot write $TMP/keep.pdf" \
  grep -q "^plantype: $TMP/keep.pdf: cannot write: File too large" <<<"$msg"
check "write error while saving: previous PDF intact, byte for byte" cmp -s "$PDF" "$TMP/keep.pdf"
# A previous file that is not the same report (here: a few bytes) shows the
# rename did not happen either.
printf 'previous\n' >"$TMP/prev.pdf"
(trap '' XFSZ; ulimit -f 64; "$PLANTYPE" input/r6.xml -o "$TMP/prev.pdf" 2>/dev/null)
check_eq "write error while saving: a small previous file intact" "$(cat "$TMP/prev.pdf")" previous
check_eq "no temporary files left" "$(ls "$TMP" | grep -c 'tmp-')" 0

finish
