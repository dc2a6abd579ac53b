#!/usr/bin/env bash
# A page of report paragraphs in a narrow and a wide column (column_test.c),
# checked with the readers a user opens it with: the text comes back exactly,
# no reader complains, fonts are embedded, subset and mapped to Unicode, no
# extracted line starts with a character kinsoku forbids, and the page is small.
source "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:=build}"
PDF=$TMP/columns.pdf
"$BUILD_DIR/tests/column_test" "$PDF" >"$TMP/log" 2>&1
check "column_test ran" grep -q "^[0-9]* passed, 0 failed" "$TMP/log"

# -raw: content-stream order (the default layout mode interleaves the columns)
got=$(pdftotext -raw "$PDF" - 2>/dev/null | tr -d ' \t\n\r\f')
want=$(tr -d ' \t\n\r\f' <"$PDF.txt")
check_eq "pdftotext gives back the text" "$got" "$want"
check_eq "mutool gives back the text" "$(mutool draw -q -F txt "$PDF" 2>/dev/null | tr -d ' \t\n\r\f')" "$want"
check_readers "$PDF"
check_eq "one face" "$(pdffonts "$PDF" | tail -n +3 | awk '{print $1}' | sort -u | wc -l)" 1
pdftotext -raw "$PDF" "$TMP/lines" 2>/dev/null
check_kinsoku "$TMP/lines"
check "narrow column wraps into many lines" test "$(wc -l <"$TMP/lines")" -gt 30
size=$(stat -c %s "$PDF")
echo "page size: $size bytes"
# 29.4 KB before glyphs at layout gaps were drawn as advancing twins (30.6 KB),
# 31.0 KB since justification spreads its stretch over every
# inter-character gap of a line (each stretched glyph is a twin): 32 KB; plus
# the PDF/A parts (sRGB profile 2.5 KB, XMP 2.3 KB): 37 KB.
check "a page of text is under 37 KB ($size bytes)" test "$size" -lt 37888
finish
