#!/usr/bin/env bash
# Bad editions: each gets its own clear message (file, line, element, what is
# wrong), exit status 2 (1 for I/O), and no output file. (--check gives the
# same message as a finding: tests/check_test.sh.)
source "$(dirname "$0")/lib.sh"
R6=input/r6.xml

# typeset FILE: plantype FILE into $TMP/out.pdf, stderr and stdout merged.
typeset() { "$PLANTYPE" -o "$TMP/out.pdf" "$1" 2>&1; }
# expect NAME FILE STATUS MESSAGE: typesetting FILE exits with STATUS, its
# stderr is exactly "plantype: MESSAGE", and no PDF is left.
expect() {
  local name=$1 file=$2 want_rc=$3 want_msg=$4 got rc
  got=$("$PLANTYPE" -o "$TMP/out.pdf" "$file" 2>&1 >/dev/null); rc=$?
  check_eq "$name: exit status" "$rc" "$want_rc"
  check_eq "$name: message" "$got" "plantype: $want_msg"
  check_eq "$name: no PDF, no temporary file" "$(cd "$TMP" && ls -d out.pdf* 2>/dev/null)" ""
}
# line_of PATTERN FILE: first line number matching
line_of() { grep -n -m1 -- "$1" "$2" | cut -d: -f1; }


# Unknown status mark (U+3007 instead of U+25CB).
f=$TMP/status.xml; sed '0,/<card no="5-1" status="×"/s//<card no="5-1" status="〇"/' "$R6" >"$f"
expect "status mark" "$f" 2 "$f:$(line_of '<card no="5-1"' "$f"): <card no=\"5-1\">: status must be ○, × or -, found \"〇\""

# Duplicate card number.
f=$TMP/dup.xml; sed 's/<card no="5-2"/<card no="5-1"/' "$R6" >"$f"
first=$(line_of '<card no="5-1"' "$f"); second=$(grep -n '<card no="5-1"' "$f" | sed -n 2p | cut -d: -f1)
expect "duplicate card" "$f" 2 "$f:$second: <card no=\"5-1\">: card number 5-1 is used twice (first at line $first)"

# Cards out of order: initiatives 2 and 3 swapped.
f=$TMP/order.xml
perl -0pe 's{(\s*<initiative no="2">.*?</initiative>)(\s*<initiative no="3">.*?</initiative>)}{$2$1}s' "$R6" >"$f"
l2=$(line_of '<initiative no="2"' "$f"); l3=$(line_of '<initiative no="3"' "$f")
expect "initiatives out of order" "$f" 2 "$f:$l2: <initiative no=\"2\">: initiatives out of order: 2 comes after 3 (line $l3)"

# Card numbering within an initiative.
f=$TMP/order2.xml; sed 's/<card no="5-2"/<card no="5-3"/' "$R6" >"$f"
expect "card numbering" "$f" 2 "$f:$(line_of '<card no="5-3"' "$f"): <card no=\"5-3\">: initiative 5 has 2 cards: they are numbered 5-1, 5-2, …"

# Empty required field.
f=$TMP/empty.xml; sed '0,/<indicator>[^<]*<\/indicator>/s//<indicator><\/indicator>/' "$R6" >"$f"
expect "empty field" "$f" 2 "$f:$(line_of '<indicator></indicator>' "$f"): <indicator>: is empty"

# Text outside the schema.
f=$TMP/stray.xml; sed '0,/<publisher>/s//stray words<publisher>/' "$R6" >"$f"
got=$(typeset "$f"); rc=$?
check_eq "stray text: exit" "$rc" 2
check "stray text: message names file, line, element and the schema" \
  grep -q "^plantype: $f:[0-9]*: <report>: does not fit the schema: " <<<"$got"

# Unknown element.
f=$TMP/elem.xml; sed '0,/<publisher>/s//<colour>red<\/colour><publisher>/' "$R6" >"$f"
got=$(typeset "$f"); rc=$?
check_eq "unknown element: exit" "$rc" 2
check "unknown element: message" grep -q "^plantype: $f:$(line_of '<colour>' "$f"): <colour>: does not fit the schema: " <<<"$got"

# A number that disagrees with its printed text.
f=$TMP/num.xml; sed '0,/num="618213"/s//num="618218"/' "$R6" >"$f"
expect "number vs text" "$f" 2 "$f:$(line_of 'num="618218"' "$f"): <baseline>: num=\"618218\" unit=\"千円\" do not match the printed text \"618,213千円 (R5年度)\""

# Not UTF-8 (a Shift_JIS byte pair on line 4).
f=$TMP/sjis.xml; { sed -n 1,3p "$R6"; printf '<!-- \x93\xfa -->\n'; sed -n '4,$p' "$R6"; } >"$f"
expect "not UTF-8" "$f" 2 "$f:4: the file is not UTF-8 (invalid byte 0x93 at offset $(( $(sed -n 1,3p "$R6" | wc -c) + 5 )))"

# XML bomb (billion laughs) and external entity: no DTD at all is accepted.
f=$TMP/bomb.xml
cat >"$f" <<'X'
<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<report>&lol3;</report>
X
expect "XML bomb" "$f" 2 "$f:2: <!DOCTYPE is not allowed: an edition has no DTD and no entities (external or internal)"
f=$TMP/xxe.xml
printf '<?xml version="1.0"?>\n<!DOCTYPE report [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<report>&x;</report>\n' >"$f"
expect "external entity" "$f" 2 "$f:2: <!DOCTYPE is not allowed: an edition has no DTD and no entities (external or internal)"
f=$TMP/ent.xml
printf '<?xml version="1.0"?>\n<report era="&x;"/>\n' >"$f"
got=$(typeset "$f"); rc=$?
check_eq "undeclared entity: exit" "$rc" 2
check "undeclared entity: message" grep -q "^plantype: $f:2: not well-formed XML: &x; is not an XML entity: write & as &amp;, or the character itself" <<<"$got"

# Not well-formed.
f=$TMP/broken.xml; sed '0,/<\/publisher>/s///' "$R6" >"$f"
got=$(typeset "$f"); rc=$?
check_eq "not well-formed: exit" "$rc" 2
check_eq "not well-formed: message (where <publisher> opened)" "$got" \
  "plantype: $f:$(line_of '<publisher>' "$f"): <publisher> is not closed: </report> at line $(line_of '</report>' "$f") comes before its </publisher>"

# Missing file: I/O error.
expect "missing file" "$TMP/none.xml" 1 "$TMP/none.xml: cannot open: No such file or directory"

finish
