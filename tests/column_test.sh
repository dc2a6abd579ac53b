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
got=$(pdftotext -raw "$PDF" - 2>"$TMP/err" | tr -d ' \t\n\r\f')
want=$(tr -d ' \t\n\r\f' <"$PDF.txt")
check_eq "pdftotext gives back the text" "$got" "$want"
check_eq "pdftotext silent" "$(cat "$TMP/err")" ""
check_eq "mutool gives back the text" "$(mutool draw -q -F txt "$PDF" 2>/dev/null | tr -d ' \t\n\r\f')" "$want"
check_eq "every font emb sub uni" "$(pdffonts "$PDF" | tail -n +3 | grep -vc 'yes \+yes \+yes')" 0
check_eq "one face" "$(pdffonts "$PDF" | tail -n +3 | awk '{print $1}' | sort -u | wc -l)" 1
qpdf --check "$PDF" >"$TMP/q" 2>&1
check "qpdf: no errors" grep -q "No syntax or stream encoding errors found" "$TMP/q"
check_eq "qpdf: no warnings" "$(grep -ci warning "$TMP/q")" 0
check_eq "mutool draw silent" "$(mutool draw -o /dev/null "$PDF" 2>&1 | grep -v -e '^page ' -e 'ICC support')" ""
check_eq "ghostscript silent" "$(gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage "$PDF" 2>&1)" ""
pdftotext -raw "$PDF" - 2>/dev/null | sed 's/^ *//' >"$TMP/lines"
check_eq "no line starts with a forbidden character" \
  "$(grep -c '^[」』）〕］｝〉》】、。，．・：；！？ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々％®]' "$TMP/lines")" 0
check_eq "no line ends with an opening bracket" "$(grep -c '[「『（〔［｛〈《【(]$' "$TMP/lines")" 0
check "narrow column wraps into many lines" test "$(wc -l <"$TMP/lines")" -gt 30
size=$(stat -c %s "$PDF")
echo "page size: $size bytes"
check "a page of text is under 30 KB ($size bytes)" test "$size" -lt 30720
finish
