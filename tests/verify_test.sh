#!/usr/bin/env bash
# verify_test.sh - --verify and --extract. A fresh PDF is reproduced exactly
# (also one dated by the clock); a PDF changed in one object is not, and the
# message names that object: a page's content stream, the Info dictionary, a
# font, an attached source (changed alone, or with its checksum forged), each
# edited the way a person would, with qpdf's QDF mode and fix-qdf. Rewritten
# without any change it is the same document but not the same bytes. Other
# fonts are named as such. --extract writes the sources back byte for byte
# and replaces nothing without --force. Without sources: exit 2.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export SOURCE_DATE_EPOCH=1735689600
pdf=$TMP/r6.pdf
"$PLANTYPE" -q input/r6.xml -o "$pdf" 2>/dev/null
check "r6.pdf written" test -s "$pdf"

# run ARGS...: $out, $err, $rc
run() { "$PLANTYPE" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; out=$(cat "$TMP/out"); err=$(cat "$TMP/err"); }

run --verify "$pdf"
check_eq "--verify on fresh output" "$rc|$out|$err" "0|$pdf: reproduced exactly from its sources|"

# Dated by the clock: --verify takes the date the PDF records.
SOURCE_DATE_EPOCH= "$PLANTYPE" -q input/r6.xml -o "$TMP/now.pdf" 2>/dev/null
run --verify "$TMP/now.pdf"
check_eq "--verify on output dated by the clock" "$rc|$out" "0|$TMP/now.pdf: reproduced exactly from its sources"

"$PLANTYPE" -q --no-sources input/r6.xml -o "$TMP/bare.pdf" 2>/dev/null
run --verify "$TMP/bare.pdf"
check_eq "--verify without sources: exit 2, said" "$rc|$err" \
  "2|plantype: $TMP/bare.pdf: no sources inside (written with --no-sources, or not by plantype)"
run --verify tests/fixtures/seed.txt
check "--verify on a file that is no PDF: exit 2" test "$rc" -eq 2

# --- one object changed. edit NAME PERL: the QDF form of the PDF, changed by
# the perl substitution (which must match), fixed up by fix-qdf.
qpdf --qdf --normalize-content=n --object-streams=disable "$pdf" "$TMP/q.pdf"
edit() {
  local name=$1 code=$2
  perl -0777 -pe "$code or die 'edit did not match'" "$TMP/q.pdf" >"$TMP/$name.qdf" &&
    fix-qdf "$TMP/$name.qdf" >"$TMP/$name.pdf"
}
# verify_fails NAME WANT: --verify exits 1 and its message is WANT.
verify_fails() {
  run --verify "$TMP/$1.pdf"
  check_eq "--verify names the change: $1" "$rc|$err" "1|plantype: $TMP/$1.pdf: not reproduced: $2"
}

edit same 's/(%QDF-1.0)/$1/'    # rewritten by qpdf, nothing changed
verify_fails same "the same document, but not the same bytes (written again by another program?)"

# Page 5's content stream (QDF marks it): the first rectangle's x moved by 1.
edit content 's/(%% Contents for page 5\n.*?stream\n.*?)\n(\d+(?:\.\d+)?) (\S+ \S+ \S+ re)/$1 . "\n" . ($2 + 1) . " $3"/se'
verify_fails content "page 5 /Contents: the stream's data differs"

edit info 's{/Creator \(plantype\)}{/Creator (plantypo)}'
verify_fails info "the document information (Info) /Creator: the string differs"

# A font: the regular face's descriptor says StemV 81.
edit font 's{(/FontName /\w+\+BIZUDGothic-Regular\s+/ItalicAngle \S+\s+/StemV )80}{${1}81}'
grep -q 'StemV 81' "$TMP/font.qdf" || echo "font edit missed"
run --verify "$TMP/font.pdf"
check "--verify names the font" grep -qE "^plantype: $TMP/font.pdf: not reproduced: page [0-9]+ /Resources /Font /F[0-9]+ \(font [A-Z]{6}\+BIZUDGothic-Regular\) /DescendantFonts \[0\] /FontDescriptor /StemV: 81 where 80 should be$" "$TMP/err"
check_eq "--verify on the changed font: exit 1" "$rc" 1

# An attached source: the publisher's name changed (same length), checksum kept.
edit source 's/(<report .*?<publisher>)企画部オーガニックシティ推進課/${1}企画部オーガニックシティ推進室/s'
verify_fails source "the attached r6.xml was changed after typesetting (it disagrees with its /Size or /CheckSum)"
# ... and with /CheckSum forged to match: typeset again from the changed
# source, the cover (page 1) shows the other publisher.
new_md5=$(sed 's/企画部オーガニックシティ推進課/企画部オーガニックシティ推進室/' input/r6.xml | md5sum | cut -c1-32)
old_md5=$(md5sum <input/r6.xml | cut -c1-32)
edit forged "s/(<report .*?<publisher>)企画部オーガニックシティ推進課/\${1}企画部オーガニックシティ推進室/s && s/<$old_md5>/<$new_md5>/i"
run --verify "$TMP/forged.pdf"
check "--verify on a forged source: a page differs" \
  grep -qE "^plantype: $TMP/forged.pdf: not reproduced: page [0-9]+ " "$TMP/err"
check_eq "--verify on a forged source: exit 1" "$rc" 1

# --- other fonts: typeset with a font file that differs (one byte appended),
# verified with the fonts here.
mkdir -p "$TMP/data"
cp -r fonts color input layouts "$TMP/data/"
printf '\0' >>"$TMP/data/fonts/BIZUDGothic-Regular.ttf"
PLANTYPE_DATA=$TMP/data "$PLANTYPE" -q input/r6.xml -o "$TMP/otherfont.pdf" 2>/dev/null
run --verify "$TMP/otherfont.pdf"
check "--verify: made with other fonts" \
  grep -q "^plantype: $TMP/otherfont.pdf: not reproduced: made with other fonts (it records: .*BIZUDGothic-Regular.ttf $(sha256sum <"$TMP/data/fonts/BIZUDGothic-Regular.ttf" | cut -c1-64).*; here: .*BIZUDGothic-Regular.ttf $(sha256sum <fonts/BIZUDGothic-Regular.ttf | cut -c1-64)" "$TMP/err"
check_eq "--verify on other fonts: exit 1" "$rc" 1

# --- --extract
run --extract "$pdf" "$TMP/x"
check_eq "--extract: exit 0" "$rc" 0
check "--extract gives back the edition byte for byte" cmp "$TMP/x/r6.xml" input/r6.xml
check "--extract gives back the layout byte for byte" cmp "$TMP/x/a4-report.xml" layouts/a4-report.xml
echo changed >"$TMP/x/r6.xml"
run --extract "$pdf" "$TMP/x"
check_eq "--extract replaces nothing without --force" "$rc|$err|$(cat "$TMP/x/r6.xml")" \
  "1|plantype: $TMP/x/r6.xml: exists; not replaced (--force replaces it)|changed"
run --extract --force "$pdf" "$TMP/x"
check "--extract --force replaces" cmp "$TMP/x/r6.xml" input/r6.xml
run --extract "$TMP/bare.pdf" "$TMP/y"
check_eq "--extract without sources: exit 2" "$rc" 2
bin=$(realpath "$PLANTYPE")
(mkdir -p "$TMP/here" && cd "$TMP/here" && "$bin" -q --extract "$pdf") 2>/dev/null
check "--extract writes into the current folder by default" cmp "$TMP/here/r6.xml" input/r6.xml
finish
