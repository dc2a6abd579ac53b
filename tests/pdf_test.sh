#!/usr/bin/env bash
# pdf_test.sh - the PDF from tests/pdf_test.c, checked with the real readers:
# poppler (pdftotext, pdffonts), qpdf, MuPDF and Ghostscript. Size and
# byte-for-byte reproducibility too. Needs $BUILD_DIR/tests/pdf_test.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
: "${BUILD_DIR:=build}"
export SOURCE_DATE_EPOCH=1735689600
MAX_BYTES=36864            # 36 KB: two subset faces, two pages (30 KB), the PDF/A parts (sRGB
                           # profile 2.5 KB, XMP 2.3 KB, CIDSets)
pdf=$TMP/t.pdf

ran_ok() { "$BUILD_DIR/tests/pdf_test" "$1" >"$TMP/c.log" 2>&1 || { cat "$TMP/c.log"; return 1; }; }
check "pdf_test builds the PDF (C checks pass)" ran_ok "$pdf"

# Text: what poppler extracts equals the text that was set (whitespace aside).
pdftotext "$pdf" "$TMP/out.txt" 2>/dev/null
check_eq "pdftotext text" "$(tr -d '[:space:]' <"$TMP/out.txt")" "$(tr -d '[:space:]' <"$pdf.txt")"

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

check_readers "$pdf"

size=$(stat -c %s "$pdf" 2>/dev/null || echo 0)
check "size $size bytes under $MAX_BYTES" test "$size" -gt 0 -a "$size" -lt "$MAX_BYTES"

again_same() {
  "$BUILD_DIR/tests/pdf_test" "$TMP/t2.pdf" >/dev/null 2>&1 && cmp "$pdf" "$TMP/t2.pdf"
}
check "two runs give identical bytes" again_same

finish
