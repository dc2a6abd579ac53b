#!/usr/bin/env bash
# pdf_test.sh - the PDF from tests/pdf_test.c, checked with the real readers:
# poppler (pdftotext, pdffonts), qpdf, MuPDF and Ghostscript. Size and
# byte-for-byte reproducibility too. Needs $BUILD_DIR/tests/pdf_test.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
: "${BUILD_DIR:=build}"
export SOURCE_DATE_EPOCH=1735689600
MAX_BYTES=30720            # 30 KB: two subset faces, two pages
pdf=$TMP/t.pdf

ran_ok() { "$BUILD_DIR/tests/pdf_test" "$1" >"$TMP/c.log" 2>&1 || { cat "$TMP/c.log"; return 1; }; }
check "pdf_test builds the PDF (C checks pass)" ran_ok "$pdf"

# Text: what poppler extracts equals the text that was set (whitespace aside).
pdftotext "$pdf" "$TMP/out.txt" 2>"$TMP/pdftotext.err"
check_eq "pdftotext text" "$(tr -d '[:space:]' <"$TMP/out.txt")" "$(tr -d '[:space:]' <"$pdf.txt")"
check_eq "pdftotext stderr" "$(cat "$TMP/pdftotext.err")" ""

# Text as MuPDF extracts it. MuPDF ignores ActualText, so the glyphs shared by
# several texts (｢｣ and 「」, （） and ( ), ﹙﹚) must come back through the
# ToUnicode maps of the variant fonts. What it cannot give back: a cluster of
# several glyphs whose text is not split among them, as it reads a glyph
# without a ToUnicode entry as U+FFFD: q̃ (q + combining tilde, ActualText)
# and ﾂﾞ (the first glyph maps to both characters, the sound mark to nothing).
mutool draw -q -F txt "$pdf" >"$TMP/mu.txt" 2>/dev/null
mu=$(tr -d '[:space:]' <"$TMP/mu.txt")
check_eq "mutool text (multi-glyph clusters aside)" "$mu" \
  "$(tr -d '[:space:]' <"$pdf.txt" | sed -e 's/ﾂﾞ/ﾂﾞ\xEF\xBF\xBD/g' -e 's/q\xCC\x83/q\xEF\xBF\xBD/g')"
shared_ok() {
  local s
  for s in "半角の括弧：｢ｷｻﾗ" "｣結合文字" "「きさらづ学校給食米®」" "10,844件(R6年2月末)" \
           "𠮟（U+20B9F）と𠀋（U+2000B）" "﹙﹚"; do
    grep -qF -- "$s" <<<"$mu" || { echo "mutool text lacks $s"; return 1; }
  done
}
check "mutool: every text of a shared glyph comes back" shared_ok

# Fonts: every font embedded, subset, with a ToUnicode map.
fonts_ok() {
  local out; out=$(pdffonts "$pdf" 2>&1) || { echo "$out"; return 1; }
  # columns from the right: ... emb sub uni object-number generation
  echo "$out" | awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-3) != "yes" ||
                                      $(NF-2) != "yes") bad++ }
                     END { exit !(n >= 2 && bad == 0) }' ||
    { echo "$out"; return 1; }
}
check "pdffonts: emb, sub and uni yes for every font" fonts_ok

qpdf_ok() {
  local out; out=$(qpdf --check "$pdf" 2>&1)
  grep -q "No syntax or stream encoding errors found" <<<"$out" &&
    ! grep -qiE "warning|error:|damaged|recovered" <<<"$out" || { echo "$out"; return 1; }
}
check "qpdf --check" qpdf_ok

# mutool reports each page it draws ("page FILE N"); anything else but the
# note that this build has no ICC support is a complaint about the file.
mutool_ok() {
  local out; out=$(mutool draw -o /dev/null "$pdf" 2>&1 |
                   grep -v -e "ICC support is not available" -e "^page $pdf [0-9]*$")
  [ -z "$out" ] || { echo "$out"; return 1; }
}
check "mutool draw is silent" mutool_ok

gs_ok() {
  local out; out=$(gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage "$pdf" 2>&1)
  [ -z "$out" ] || { echo "$out"; return 1; }
}
check "ghostscript is silent" gs_ok

size=$(stat -c %s "$pdf" 2>/dev/null || echo 0)
check "size $size bytes under $MAX_BYTES" test "$size" -gt 0 -a "$size" -lt "$MAX_BYTES"

again_same() {
  "$BUILD_DIR/tests/pdf_test" "$TMP/t2.pdf" >/dev/null 2>&1 && cmp "$pdf" "$TMP/t2.pdf"
}
check "two runs give identical bytes" again_same

finish
