#!/usr/bin/env bash
# archive_test.sh - the report as an archival PDF/A file: PDFBox Preflight
# (once, on the r6 PDF), the sources inside (pdfdetach gives them back byte
# for byte), the XMP against the Info dictionary and the input, the font
# manifest against sha256sum, the output intent against color/sRGB.icc, the
# /ID against md5sum, link and outline destinations, --no-sources.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export SOURCE_DATE_EPOCH=1735689600          # 2025-01-01 00:00:00 UTC
pdf=$TMP/r6.pdf
"$PLANTYPE" -q input/r6.xml -o "$pdf" 2>"$TMP/err" || cat "$TMP/err"
check "r6.pdf written" test -s "$pdf"

# --- Preflight (PDF/A-1b rules; the only validator Debian has). A part-3
# file with attachments may get exactly four findings, each a PDF/A-1 rule
# that parts 2 and 3 drop: the embedded files (1.2.9, 1.4.7), the
# cross-reference stream (1.4; PDF/A-1 is PDF 1.4, parts 2 and 3 are ISO
# 32000-1, which has them) and the part number (7.11.2).
PREFLIGHT_CP=/usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/xmpbox.jar:/usr/share/java/fontbox2.jar:/usr/share/java/commons-logging.jar:/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar
preflight_codes() {   # the distinct finding codes, one a line
  java -cp "$PREFLIGHT_CP" org.apache.pdfbox.preflight.Validator_A1b "$1" 2>/dev/null |
    grep -E '^[0-9]+(\.[0-9]+)* : ' | sed 's/ :.*//' | sort -u
}
preflight_ok() {
  local missing="" jar
  command -v java >/dev/null || missing="java (default-jre-headless)"
  for jar in ${PREFLIGHT_CP//:/ }; do [ -e "$jar" ] || missing="$missing $jar"; done
  if [ -n "$missing" ]; then
    echo "PREFLIGHT CANNOT RUN: missing$missing; run make deps"; return 1
  fi
  local got; got=$(preflight_codes "$1" | tr '\n' ' ')
  [ "$got" == "1.2.9 1.4 1.4.7 7.11.2 " ] || {
    echo "Preflight findings: ${got:-none (or it did not run)}"
    java -cp "$PREFLIGHT_CP" org.apache.pdfbox.preflight.Validator_A1b "$1" 2>&1 | head -n 20
    return 1; }
}
check "Preflight: only the part-3 findings 1.2.9, 1.4, 1.4.7, 7.11.2" preflight_ok "$pdf"
check_readers "$pdf"

# --- the sources inside
check_eq "pdfdetach lists the two sources" "$(pdfdetach -list "$pdf" 2>&1)" \
  "2 embedded files
1: a4-report.xml
2: r6.xml"
mkdir -p "$TMP/det"
pdfdetach -saveall -o "$TMP/det" "$pdf" 2>&1
check "pdfdetach gives back the edition byte for byte" cmp "$TMP/det/r6.xml" input/r6.xml
check "pdfdetach gives back the layout byte for byte" cmp "$TMP/det/a4-report.xml" \
  layouts/a4-report.xml

qpdf --qdf --object-streams=disable --normalize-content=n "$pdf" "$TMP/q.pdf"
# The objects of the QDF file, one a record, newlines folded to spaces.
objects() { perl -0777 -ne 'for (split /\n(?=\d+ 0 obj\n)/) { s/\s+/ /g; print "$_\n" }' "$1"; }
objects "$TMP/q.pdf" >"$TMP/objs"
spec() { grep -a '/AFRelationship' "$TMP/objs" | grep -a -F "/UF ($1)"; }
check "the edition's file spec: /AFRelationship /Source, its /F and /UF" \
  grep -a -q '/AFRelationship /Source .*/F (r6.xml) /Type /Filespec /UF (r6.xml)' <(spec r6.xml)
ef_ok() {   # every embedded file: application/xml, /Params with /Size = its length, /ModDate, /CheckSum = MD5
  local n=0 f size md5
  for f in r6.xml a4-report.xml; do
    [ "$f" = r6.xml ] && src=input/r6.xml || src=layouts/a4-report.xml
    size=$(stat -c %s "$src"); md5=$(md5sum <"$src" | cut -c1-32)
    grep -a '/Type /EmbeddedFile' "$TMP/objs" |
      grep -a -q "/Params << /CheckSum <$md5> /ModDate (D:20250101000000+00'00') /Size $size >> /Subtype /application#2fxml" &&
      n=$((n + 1)) || echo "no embedded file with size $size and MD5 $md5 for $f"
  done
  [ "$n" -eq 2 ]
}
check "embedded files: subtype, /Size, /ModDate, /CheckSum (md5sum)" ef_ok
check "catalog /AF lists both file specs" grep -a -q '/AF \[ [0-9]* 0 R [0-9]* 0 R \]' "$TMP/objs"

# --- XMP and Info. Expected values come from the input and the date above.
pdfinfo -meta "$pdf" >"$TMP/xmp.xml"
check "XMP is well-formed XML" xmllint --noout "$TMP/xmp.xml"
xmp() { xmllint --xpath "string($1)" "$TMP/xmp.xml" 2>/dev/null; }
publisher=$(xmllint --xpath 'string(/report/publisher)' input/r6.xml)
title=$(xmllint --xpath 'string(/report/title/line[1])' input/r6.xml)
check "the publisher is known from the input" test -n "$publisher"
check_eq "XMP dc:creator is the publisher" "$(xmp '//*[local-name()="creator"]//*[local-name()="li"]')" "$publisher"
check_eq "Info Author is the publisher" "$(pdfinfo "$pdf" | sed -n 's/^Author: *//p')" "$publisher"
xtitle=$(xmp '//*[local-name()="title"]//*[local-name()="li"][@xml:lang="ja-JP"]')
check "XMP dc:title in Japanese (xml:lang ja-JP, the document language) starts with the edition's title" \
  test -n "$title" -a "${xtitle#"$title"}" != "$xtitle"
check_eq "Info Title equals XMP dc:title" "$(pdfinfo "$pdf" | sed -n 's/^Title: *//p')" "$xtitle"
check_eq "XMP dc:title x-default equals the Japanese one" \
  "$(xmp '//*[local-name()="title"]//*[local-name()="li"][@xml:lang="x-default"]')" "$xtitle"
check_eq "XMP pdfaid:part" "$(xmp '//*[namespace-uri()="http://www.aiim.org/pdfa/ns/id/"][local-name()="part"]')" 3
# The report is tagged (structure tree), so conformance A and PDF/UA-1.
check "the PDF is tagged" grep -q "^Tagged: *yes" <(pdfinfo "$pdf")
check_eq "XMP pdfaid:conformance" "$(xmp '//*[local-name()="conformance"]')" A
check_eq "XMP pdfuaid:part" "$(xmp '//*[namespace-uri()="http://www.aiim.org/pdfua/ns/id/"][local-name()="part"]')" 1
check "XMP extension schema describes pdfuaid" \
  grep -q '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>' "$TMP/xmp.xml"
check_eq "XMP xmp:CreateDate is SOURCE_DATE_EPOCH" "$(xmp '//*[local-name()="CreateDate"]')" \
  "$(date -u -d @$SOURCE_DATE_EPOCH +%Y-%m-%dT%H:%M:%SZ)"
check_eq "XMP xmp:MetadataDate" "$(xmp '//*[local-name()="MetadataDate"]')" "2025-01-01T00:00:00Z"
check_eq "Info CreationDate" "$(pdfinfo -isodates "$pdf" | sed -n 's/^CreationDate: *//p')" \
  "2025-01-01T00:00:00Z"
check_eq "XMP pdf:Producer equals Info Producer" "$(xmp '//*[local-name()="Producer"]')" \
  "$(pdfinfo "$pdf" | sed -n 's/^Producer: *//p')"
# "NAME SHA256; NAME SHA256" in the order of first use: compared as a set.
manifest=$(cd fonts && sha256sum BIZUDGothic-Regular.ttf BIZUDGothic-Bold.ttf | awk '{print $2, $1}' | sort)
check_eq "XMP font manifest: file names and sha256sum" \
  "$(xmp '//*[local-name()="fonts"]' | sed 's/; /\n/g' | sort)" "$manifest"
check "XMP extension schema describes the plantype namespace" \
  grep -q '<pdfaSchema:prefix>plantype</pdfaSchema:prefix>' "$TMP/xmp.xml"

# --- output intent: the profile is color/sRGB.icc, byte for byte
mutool show -b "$pdf" Root/OutputIntents/1/DestOutputProfile >"$TMP/icc" 2>/dev/null
check "output intent profile is color/sRGB.icc" cmp "$TMP/icc" color/sRGB.icc
check "output intent /S /GTS_PDFA1" grep -a -q '/OutputIntents \[ << /DestOutputProfile [0-9]* 0 R /Info (sRGB IEC61966-2.1) /OutputConditionIdentifier (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /S /GTS_PDFA1' "$TMP/objs"

# --- /ID: two equal halves, the MD5 of the file with the /ID zeroed
id_ok() {
  local id want
  id=$(perl -0777 -ne 'print $1 if /\/ID \[ <([0-9A-F]{32})> <\1> \]\s*\/Root/' "$pdf")
  want=$(perl -0777 -pe 's/(\/ID \[ <)[0-9A-F]{32}(> <)[0-9A-F]{32}(> \])/$1 . "0" x 32 . $2 . "0" x 32 . $3/e' "$pdf" |
         md5sum | cut -c1-32 | tr a-f A-F)
  [ -n "$id" ] && [ "$id" == "$want" ] || { echo "/ID '$id', MD5 with it zeroed $want"; return 1; }
}
check "trailer /ID is the MD5 of the file with the /ID zeroed" id_ok

# --- annotations and bookmarks: printable, destinations as direct arrays
links=$(grep -a -c '/Subtype /Link' "$TMP/objs")
check "the contents links are there (46)" test "$links" -eq 46
check_eq "every link has /F 4 and a direct /Dest" \
  "$(grep -a '/Subtype /Link' "$TMP/objs" | grep -a -c '/Dest \[ [0-9]* 0 R /XYZ 0 [0-9.]* null \] /F 4 ')" "$links"
check_eq "every bookmark has a direct /Dest" \
  "$(grep -a '/Parent' "$TMP/objs" | grep -a '/Title' | grep -a -v -c '/Dest \[ [0-9]* 0 R /XYZ')" 0
check "bookmarks are there" test "$(grep -a '/Parent' "$TMP/objs" | grep -a -c '/Title')" -ge 46
check_eq "every font descriptor has a /CIDSet" \
  "$(grep -a '/Type /FontDescriptor' "$TMP/objs" | grep -a -v -c '/CIDSet [0-9]* 0 R')" 0

# --- without sources: no attachments, PDF/A-2b
"$PLANTYPE" -q --no-sources input/r6.xml -o "$TMP/bare.pdf" 2>"$TMP/err" || cat "$TMP/err"
check_eq "--no-sources: no embedded files" "$(pdfdetach -list "$TMP/bare.pdf" 2>&1)" "0 embedded files"
pdfinfo -meta "$TMP/bare.pdf" >"$TMP/xmp.xml"
check_eq "--no-sources: XMP pdfaid:part 2" "$(xmp '//*[namespace-uri()="http://www.aiim.org/pdfa/ns/id/"][local-name()="part"]')" 2
check "--no-sources: no /AF" eval '! qpdf --qdf "$TMP/bare.pdf" - | grep -a -q "/AF "'
check_readers "$TMP/bare.pdf"
finish
