#!/usr/bin/env bash
# cids_test.sh - compact CIDs (pdf_subset.h): each embedded font program
# holds only .notdef, the glyphs drawn and the components of composite ones
# (twins included), the CID is the glyph's number in the program, and /W,
# the program's advances, /CIDSet and the drawn outlines agree. The programs
# are read back against the font files they were cut from
# (tests/cids_check.js, through MuPDF): r6 in BIZ UD Gothic, and the page of
# tests/subset_test.c in DejaVu Sans, whose composite glyphs (nested ones,
# one drawn as a twin) must bring their components. A wrong CID anywhere
# (content, /W, the program's numbering, a twin's component) draws a glyph
# whose outline is not the character's, or a width the program does not have.
source "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:=build}"

# check_programs NAME PDF FONTDIR FONTS MIN_SHAPES: the cids_check.js verdicts,
# for FONTS fonts, with at least MIN_SHAPES outlines compared in all.
check_programs() {
  local name=$1 out=$TMP/$1.cids
  mutool run tests/cids_check.js "$2" "$3" >"$out" 2>"$TMP/$1.err"
  check "$name: cids_check.js reads the PDF without a word" test ! -s "$TMP/$1.err"
  cat "$TMP/$1.err"
  check_eq "$name: CID fonts found" "$(grep -c '^program' "$out")" "$4"
  check_eq "$name: no glyph in a program that is neither .notdef, drawn, nor a component" \
    "$(awk -F'\t' '$1 == "program" && $5 != 0' "$out")" ""
  check_eq "$name: /CIDSet marks exactly the program's glyphs" \
    "$(awk -F'\t' '$1 == "cidset" && $3 != "ok"' "$out")" ""
  check_eq "$name: every CID drawn has its /W width as its advance in the program" \
    "$(awk -F'\t' '$1 == "widths" && ($3 == 0 || $4 != 0)' "$out"; grep '^badwidth' "$out")" ""
  check_eq "$name: every CID drawn has its character's outline in the program" \
    "$(awk -F'\t' '$1 == "shapes" && $4 != 0' "$out"; grep '^bad' "$out")" ""
  check "$name: at least $5 outlines compared" \
    test "$(awk -F'\t' '$1 == "shapes" { n += $3 } END { print n + 0 }' "$out")" -ge "$5"
}

typeset_r6
# r6 draws about 1,120 glyphs in Regular and 290 in Bold.
check_programs r6 "$PDF" fonts 2 1300
# Before, with glyph ids retained, the programs had the faces' ~13,950 glyphs.
check "r6: the programs hold fewer than 1,500 glyphs in all" \
  test "$(awk -F'\t' '$1 == "program" { n += $3 } END { print n }' "$TMP/r6.cids")" -lt 1500

sub=$TMP/subset.pdf
ran_ok() { "$BUILD_DIR/tests/subset_test" "$sub" >"$TMP/sub.log" 2>&1 || { cat "$TMP/sub.log"; return 1; }; }
check "subset_test makes its PDF (its C checks pass)" ran_ok
check_programs dejavu "$sub" /usr/share/fonts/truetype/dejavu 1 14
check_readers "$sub"
check_eq "dejavu: the text comes back (pdftotext)" "$(pdftotext "$sub" - 2>/dev/null | head -n 1)" \
  "Ǖǖ ǅ café crème brûlée"
finish
