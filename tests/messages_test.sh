#!/usr/bin/env bash
# Common mistakes get words that say what to write instead (src/hints.c):
# a bare & or <, an element left open (reported where it opened), full-width
# digits in a number, a file in another encoding (named, with an iconv
# command that is then run here and must give back the UTF-8 original).
# Each: exit 2, the exact message, no PDF.
source "$(dirname "$0")/lib.sh"
R6=input/r6.xml
BIN=$(realpath "$PLANTYPE")
line_of() { grep -n -m1 -- "$1" "$2" | cut -d: -f1; }

# expect NAME FILE MESSAGE: typesetting FILE fails with status 2, stderr is
# exactly "plantype: MESSAGE", and no PDF is written.
expect() {
  local got rc
  got=$("$PLANTYPE" "$2" -o "$TMP/out.pdf" 2>&1 >/dev/null); rc=$?
  check_eq "$1: exit status" "$rc" 2
  check_eq "$1: message" "$got" "plantype: $3"
  check "$1: no PDF" test ! -e "$TMP/out.pdf"
}

# The first paragraph of the edition proper (line 35 of r6.xml), where the
# mistakes are made.
P=$(grep -n -m1 '^ *<p>○顔の見える' "$R6" | cut -d: -f1)
check "the paragraph used is found" test -n "$P"

f=$TMP/amp.xml; sed "${P}s/<p>○/<p>○A \\& B /" "$R6" >"$f"
expect "bare & before a space" "$f" "$f:$P: not well-formed XML: a bare \"&\": write & as &amp;"
f=$TMP/amp2.xml; sed "${P}s/<p>○/<p>○A \\&B /" "$R6" >"$f"
expect "bare & before a word" "$f" "$f:$P: not well-formed XML: a bare \"&\": write & as &amp;"
f=$TMP/nbsp.xml; sed "${P}s/<p>○/<p>○A \\&nbsp;B /" "$R6" >"$f"
expect "HTML entity" "$f" \
  "$f:$P: not well-formed XML: &nbsp; is not an XML entity: write & as &amp;, or the character itself"
f=$TMP/lt.xml; sed "${P}s/<p>○/<p>○A < B /" "$R6" >"$f"
expect "bare <" "$f" "$f:$P: not well-formed XML: a bare \"<\": write < as &lt;"

# An unclosed <p>: reported at its own line, naming the end tag that came first.
f=$TMP/open.xml; sed "${P}s|</p>\$||" "$R6" >"$f"
close=$(awk -v p="$P" 'NR > p && /<\/overview>/ { print NR; exit }' "$f")
expect "unclosed <p>" "$f" "$f:$P: <p> is not closed: </overview> at line $close comes before its </p>"
f=$TMP/cut.xml; head -n "$P" "$R6" | sed "${P}s|</p>\$||" >"$f"
expect "unclosed at the end of the file" "$f" "$f:$P: <p> is not closed: the file ends before its </p>"

# Full-width digits in a number attribute.
f=$TMP/num.xml; sed '0,/num="21"/s//num="２１"/' "$R6" >"$f"
expect "full-width num" "$f" \
  "$f:$(line_of 'num="２１"' "$f"): <baseline>: num=\"２１\": full-width digits: write ２１ as 21"
f=$TMP/year.xml; sed '0,/ year="6"/s// year="６"/' "$R6" >"$f"
expect "full-width year" "$f" \
  "$f:$(line_of 'year="６"' "$f"): <report>: year=\"６\": full-width digits: write ６ as 6"

# Other encodings: named, and the iconv command given converts the file back
# to the UTF-8 original (run here, in the file's folder).
printf '<?xml version="1.0" encoding="UTF-8"?>\n<report>テスト 地産地消</report>\n' >"$TMP/u.xml"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<report>① テスト</report>\n' >"$TMP/w.xml"
# encoded NAME SOURCE ICONV-NAME SHOWN-NAME LINE
encoded() {
  local f=$TMP/$1.xml got cmd
  iconv -f UTF-8 -t "$3" "$TMP/$2.xml" >"$f"
  got=$(cd "$TMP" && "$BIN" "$1.xml" -o out.pdf 2>&1 >/dev/null)
  cmd="iconv -f $3 -t UTF-8 $1.xml > $1-utf8.xml"
  check_eq "$1: message" "$got" "plantype: $1.xml:$5: the file is not UTF-8; it looks like $4. Convert it with: $cmd"
  [[ $got == *"$cmd" ]] && (cd "$TMP" && bash -c "$cmd") && check "$1: the given command gives back the original" \
    cmp -s "$TMP/$1-utf8.xml" "$TMP/$2.xml"
}
encoded sjis u SHIFT_JIS Shift_JIS 2
encoded cp932 w CP932 "Shift_JIS (Windows, CP932)" 2   # ① is not in plain Shift_JIS
encoded eucjp u EUC-JP EUC-JP 2
encoded utf16 u UTF-16 UTF-16 1
check "SHIFT_JIS really cannot convert the CP932 file" bash -c "! iconv -f SHIFT_JIS -t UTF-8 '$TMP/cp932.xml' >/dev/null 2>&1"

# No guess for Latin-1, nor for damaged UTF-8 (valid Japanese before the bad byte).
f=$TMP/latin1.xml; printf '<report>caf\xe9</report>\n' >"$f"
expect "Latin-1: no guess" "$f" "$f:1: the file is not UTF-8 (invalid byte 0xE9 at offset 11)"
f=$TMP/damaged.xml; { cat "$TMP/u.xml"; printf '\xff\n'; } >"$f"
expect "damaged UTF-8: no guess" "$f" \
  "$f:3: the file is not UTF-8 (invalid byte 0xFF at offset $(stat -c %s "$TMP/u.xml"))"
finish
