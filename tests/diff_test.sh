#!/usr/bin/env bash
# --diff OLD: what changed since the previous draft, as notes of --check and
# as comments with the old text and change bars in --draft.
# Within one year cards match by number; across years by initiative title
# and indicator. Expected notes worked out from the edits made here.
source "$(dirname "$0")/lib.sh"
R6=input/r6.xml
export SOURCE_DATE_EPOCH=1764460800
line_of() { grep -n -m1 -F -- "$1" "$2" | cut -d: -f1; }

# ---- the same year: a corrected draft ----
new=$TMP/new.xml
perl -CSD -Mutf8 -0pe '
  s/<actual num="28000" unit="人">28,000人/<actual num="31000" unit="人">31,000人/;  # card 3: actual
  s/<card no="3" status="×">/<card no="3" status="○">/;                          # and its mark
  s/向上ををし/向上をし/;                                                             # card 9-2: a typo fixed
  s/\s*<initiative no="13">.*?<\/initiative>//s;                                    # card 13 removed
' "$R6" >"$new"
out=$("$PLANTYPE" --check --diff "$R6" "$new"); rc=$?
check_eq "same year: exit 2 (the gap at 13 is an error)" "$rc" 2
check "same year: card 3's actual, with the old text" grep -qxF "$new:$(line_of '31,000人' "$new"):$(( $(sed -n "$(line_of '31,000人' "$new")p" "$new" | sed 's/31,000人.*//' | wc -m) )): note: actual of card 3 changed; was 「28,000人」 [changed]" <<<"$out"
check "same year: card 3's status" grep -qxF "$new:$(line_of '<card no="3"' "$new"): note: card 3's status changed: × → ○ [changed]" <<<"$out"
check "same year: card 9-2's direction" grep -qF "note: direction of card 9-2 changed; was 「引き続きICTカメラ等のICT機器の検討・導入を行うことで更なる作業効率向上ををし" <<<"$out"
check "same year: card 13 removed" grep -qF "note: card 13 「自立・分散型エネルギー社会の構築」 of $R6 is not in this edition [changed]" <<<"$out"
check_eq "same year: four changes and no other" "$(grep -c ': note: ' <<<"$out")" 4
check_eq "same year: the count" "$(tail -n 2 <<<"$out")" "4 notes
1 error, 10 warnings"
check_eq "no change: no note" "$("$PLANTYPE" --check --diff "$R6" "$R6" | tail -n 1)" "0 errors, 11 warnings"

# ---- OLD given as a PDF carrying its sources: the same notes as its edition ----
"$PLANTYPE" -q "$R6" -o "$TMP/old.pdf"
pdfout=$("$PLANTYPE" --check --diff "$TMP/old.pdf" "$new"); rc=$?
check_eq "old PDF: exit 2 as with the XML" "$rc" 2
check_eq "old PDF: the same four notes (the old file named as the PDF)" \
  "$(grep ': note: ' <<<"$pdfout" | sed "s|$TMP/old.pdf|OLD|g")" "$(grep ': note: ' <<<"$out" | sed "s|$R6|OLD|g")"
"$PLANTYPE" -q --no-sources "$R6" -o "$TMP/bare.pdf"
check_eq "old PDF without sources: exit 2" "$("$PLANTYPE" --check --diff "$TMP/bare.pdf" "$R6" >/dev/null 2>&1; echo $?)" 2

# ---- the draft: each change a comment with the old text, a bar beside it ----
"$PLANTYPE" --draft -q --diff "$R6" -o "$TMP/d.pdf" "$new" >/dev/null
(cd tests && node pdfjs_annots.mjs "$TMP/d.pdf") >"$TMP/annots"
check "draft: card 3's actual a comment on 31,000人 with the old text" \
  grep -qE $'^comment\t[0-9]+\tHighlight\tnote \\[changed\\] .*actual of card 3 changed; was 「28,000人」\t31,000人$' "$TMP/annots"
check_eq "draft: one comment per finding" "$(grep -c '^comment' "$TMP/annots")" "$("$PLANTYPE" --check --diff "$R6" "$new" | grep -cE ': (error|warning|note): ')"
p=$(awk -F'\t' '$1 == "comment" && $4 ~ /actual of card 3 changed/ { print $2 }' "$TMP/annots")
check "draft: the change bar in the margin of that page (a 2.5 pt rule at x 36)" \
  bash -c "mutool show '$TMP/d.pdf' 'pages/$p/Contents' 2>/dev/null | grep -q '2.5 w' || mutool draw -F trace -o - '$TMP/d.pdf' $p 2>/dev/null | grep -q 'linewidth=\"2.5\"'"
check "draft: readers silent" qpdf_ok "$TMP/d.pdf"
check "draft: mutool silent" mutool_ok "$TMP/d.pdf"

# ---- across years: r7 against r6, matched by title and indicator ----
r7=$TMP/r7.xml
perl -CSD -Mutf8 -pe 's/(R|令和)([0-9]+)(年)/$1.($2+1).$3/ge; s/year="6" fiscal-year="2024"/year="7" fiscal-year="2025"/' "$R6" |
perl -CSD -Mutf8 -0pe 's/<indicator>きさらづ食育コンシェルジュ委嘱者数【累計】/<indicator>きさらづ食育コンシェルジュ活動回数【単年度】/' >"$r7"
out=$("$PLANTYPE" --check --diff "$R6" "$r7")
check "across years: a card with another indicator is new" grep -qF "note: card 4 is new: it is not in $R6 [changed]" <<<"$out"
check "across years: and the old one is gone" grep -qF "note: card 4 「食育の啓発」 of $R6 is not in this edition [changed]" <<<"$out"
check "across years: matched cards compared (card 1's baseline moved a year)" grep -qF "note: baseline of card 1 changed; was 「81.3% (R5年度)」 [changed]" <<<"$out"
check_eq "across years: no card renumbered" "$(grep -c ' was card ' <<<"$out")" 0

# renumbered across years: initiative 2 gone, 3… moved down by one in r7b
r7b=$TMP/r7b.xml
perl -CSD -Mutf8 -0pe 's/\s*<initiative no="2">.*?<\/initiative>//s' "$r7" |
perl -CSD -Mutf8 -pe 's/<initiative no="(\d+)"/"<initiative no=\"".($1 > 2 ? $1 - 1 : $1)."\""/e; s/<card no="(\d+)(-\d+)?"/"<card no=\"".($1 > 2 ? $1 - 1 : $1).($2 \/\/ "")."\""/e' >"$r7b"
out=$("$PLANTYPE" --check --diff "$R6" "$r7b")
check "renumbered: card 3 of r6 is card 2 now" grep -qF "note: card 2 was card 3 in $R6 [changed]" <<<"$out"
check "renumbered: card 2 of r6 is gone" grep -qF "note: card 2 「有機米を使用した学校給食の提供」 of $R6 is not in this edition [changed]" <<<"$out"

# OLD that cannot be read
check_eq "a missing OLD: exit 1 and its name" "$("$PLANTYPE" --check --diff "$TMP/none.xml" "$R6" 2>&1 >/dev/null; echo "rc=$?")" "plantype: --diff: $TMP/none.xml: cannot open: No such file or directory
rc=1"
finish
