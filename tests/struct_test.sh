#!/usr/bin/env bash
# struct_test.sh - the report as a tagged PDF (PDF/UA-1): the structure tree
# as poppler (pdfinfo -struct, -struct-text) and pdf.js (getStructTree with
# the marked content, through node: tests/pdfjs_struct.mjs) see it, its text
# in the edition's order (checked against tests/fixtures/seed.txt), every
# painting operator marked, links in the tree, the catalog's entries, and
# the readers silent. Expected counts come from the edition (input/r6.xml)
# and the report's plan (README), not from the program's output.
source "$(dirname "$0")/lib.sh"
typeset_r6
check_readers "$PDF"

check_eq "pdfinfo: tagged" "$(pdfinfo "$PDF" | awk '/^Tagged:/{print $2}')" yes
pdfinfo -struct "$PDF" >"$TMP/struct" 2>&1
# element counts from the edition: 3 projects + 43 cards are Sects; 46
# contents entries (3 headings + 43 cards) are TOCI > Link; 51 tables (3
# project tables, 5 goal tables, 43 card grids); a Figure per status mark:
# 42 cards (card 37 has none) + 5 goals; the 【施策体系】 lists: 3 projects +
# 5 goals + 12 policies + 37 initiatives = 57 items, + 1 for the placeholder
# box that incomplete initiative 37 (directly in its goal: indented 6 spaces,
# no policy) hangs from.
count() { LC_ALL=C grep -ac "^ *$1\( .*\)\?\$" "$TMP/struct"; }   # "Table (block)", "Sect "title""
check_eq "pdfinfo -struct: Document" "$(count Document)" 1
check_eq "pdfinfo -struct: Sect (3 projects, 43 cards)" "$(count Sect)" 46
check_eq "pdfinfo -struct: TOCI" "$(count TOCI)" 46
check_eq "pdfinfo -struct: Link" "$(count Link)" 46
check_eq "pdfinfo -struct: Table" "$(count Table)" 51
check_eq "pdfinfo -struct: Figure (status marks)" "$(count Figure)" 47
check_eq "pdfinfo -struct: LI of the figure" "$(count LI)" \
  "$(( 3 + $(grep -c '<goal ' input/r6.xml) + $(grep -c '<policy ' input/r6.xml) + $(grep -c '<initiative ' input/r6.xml) \
        + $(grep -c '^      <initiative [^>]*incomplete="true"' input/r6.xml) ))"
check_eq "pdfinfo -struct: Lbl (the numbers of goals, policies, initiatives)" "$(count Lbl)" \
  "$(( $(grep -c '<goal ' input/r6.xml) + $(grep -c '<policy ' input/r6.xml) + $(grep -c '<initiative ' input/r6.xml) ))"
# P: the cover's year line and publisher, two summaries per project, and each
# paragraph of the cards' four narrative cells (the seed's <p> marks; a cell
# without one is one paragraph; an incomplete card, not in the seed, shows
# the layout's placeholder in each of its four)
paras=$(awk -F'\t' '$1 ~ /^(取組概要|令和6年度 ?取組の評価|令和6年度 ?三側面における ?相乗効果|令和7年度 ?取組の方向性)$/ {
          n = gsub(/<p>/, "", $2); total += n ? n : ($2 != "") } END { print total }' "$SEED")
check_eq "pdfinfo -struct: P" "$(count P)" \
  $(( 2 + 2 * 3 + paras + 4 * $(grep -c '<card [^>]*incomplete="true"' input/r6.xml) ))
check_eq "pdfinfo -struct: H1 (cover + 3 overviews)" "$(count H1)" 4
check_eq "pdfinfo -struct: H2 (2 per overview, each card's title)" "$(count H2)" $(( 2 * 3 + 43 ))
check "pdfinfo -struct: TH with a scope" grep -q '/Scope /Column' "$TMP/struct"
check "pdfinfo -struct: row headers" grep -q '/Scope /Row' "$TMP/struct"

# reading order: the tree's text is the edition's, in order
pdfinfo -struct-text "$PDF" >"$TMP/struct-text" 2>&1
got=$(node tests/struct_order.mjs "$SEED" "$TMP/struct-text"); rc=$?
check_eq "poppler structure text in edition order (${got%%$'\n'*})" "$rc" 0
[ "$rc" -eq 0 ] || echo "$got"

# pdf.js: a tree on every page, nothing painted outside marked content, every
# content id the tree names on its page, every link in the tree
node tests/pdfjs_struct.mjs "$PDF" >"$TMP/pdfjs" 2>"$TMP/pdfjs.err"
check "pdf.js reads the tree without a word" test ! -s "$TMP/pdfjs.err"
pages=$(grep -c '^page ' "$TMP/pdfjs")
check_eq "pdf.js: pages" "$pages" 51
check_eq "pdf.js: pages without a structure tree" "$(grep -c ' tree 0 ' "$TMP/pdfjs")" 0
check_eq "pdf.js: painting outside marked content" "$(grep -vc ' unmarked 0 ' <(grep '^page ' "$TMP/pdfjs"))" 0
check_eq "pdf.js: content ids the page lacks" "$(grep -vc ' missing 0 ' <(grep '^page ' "$TMP/pdfjs"))" 0
check_eq "pdf.js: contents links in the tree" "$(awk '/^page 2:/{print $NF}' "$TMP/pdfjs")" 46/46
sed -n '/^text:$/,$p' "$TMP/pdfjs" | tail -n +2 | sed 's/.*/"&"/' >"$TMP/pdfjs-text"
got=$(node tests/struct_order.mjs "$SEED" "$TMP/pdfjs-text"); rc=$?
check_eq "pdf.js structure text in edition order (${got%%$'\n'*})" "$rc" 0
# status marks: /Alt with the layout's words, as many as the edition's marks
check_eq "Figure alt 達成 for each ○" "$(grep -c '^"\[達成\]"$' "$TMP/pdfjs-text")" "$(grep -c 'status="○"' input/r6.xml)"
check_eq "Figure alt 未達成 for each ×" "$(grep -c '^"\[未達成\]"$' "$TMP/pdfjs-text")" "$(grep -c 'status="×"' input/r6.xml)"
check_eq "Figure alt 評価なし for each -" "$(grep -c '^"\[評価なし\]"$' "$TMP/pdfjs-text")" "$(grep -c 'status="-"' input/r6.xml)"

# catalog and pages
qpdf --qdf --object-streams=disable "$PDF" "$TMP/qdf.pdf"
check "catalog /Lang (ja-JP)" grep -aq '/Lang (ja-JP)' "$TMP/qdf.pdf"
check "catalog /MarkInfo Marked true" grep -aqA1 '/MarkInfo' "$TMP/qdf.pdf"
check "catalog /DisplayDocTitle true" grep -aq '/DisplayDocTitle true' "$TMP/qdf.pdf"
check_eq "pages with /Tabs /S" "$(grep -ac '/Tabs /S' "$TMP/qdf.pdf")" 51
check_eq "pages with /StructParents" "$(grep -ac '/StructParents ' "$TMP/qdf.pdf")" 51
check_eq "links with /StructParent" "$(grep -ac '/StructParent ' "$TMP/qdf.pdf")" 46
# (object by object: a link annotation is longer than a fixed number of lines)
check_eq "links with /Contents" \
  "$(perl -0777 -ne 'print scalar grep { m{/Subtype /Link} && m{/Contents} } split /\nendobj/' "$TMP/qdf.pdf")" 46
check_eq "footers are pagination artifacts" "$(grep -ac '/Artifact <</Type /Pagination' "$TMP/qdf.pdf")" 50

# a card continued on further pages (card 9-1's evaluation 40 paragraphs
# long) stays one Sect and one Table: the split cell's text is in the tree
# once, the repeated header rows and （続き） are artifacts
para='鳥獣被害防止総合対策交付金を活用したワイヤーメッシュ柵等の設置、捕獲従事者と被害情報等の共有により被害金額を抑えることができました。'
awk -v p="$para" '/<card no="9-1"/ { c = 1 }
  c && /<evaluation>/ { print; getline; s = ""; for (i = 0; i < 40; i++) s = s "<p>第" i "段。" p "</p>"; print s; c = 0; next }
  { print }' input/r6.xml >"$TMP/long.xml"
"$PLANTYPE" "$TMP/long.xml" -o "$TMP/long.pdf" 2>/dev/null
check "continued card: more pages" test "$(pdfinfo "$TMP/long.pdf" | awk '/^Pages:/{print $2}')" -gt 51
pdfinfo -struct "$TMP/long.pdf" >"$TMP/struct" 2>&1
check_eq "continued card: still 46 Sect" "$(count Sect)" 46
check_eq "continued card: still 51 Table" "$(count Table)" 51
pdfinfo -struct-text "$TMP/long.pdf" >"$TMP/long-text" 2>&1
check_eq "continued card: each paragraph once in the tree" "$(grep -o '第[0-9]*段。' "$TMP/long-text" | sort -u | wc -l) $(grep -o '第[0-9]*段。' "$TMP/long-text" | wc -l)" "40 40"
check_eq "continued card: （続き） is not in the tree" "$(grep -c '（続き）' "$TMP/long-text")" 0
check_eq "continued card: the card's header once in the tree" "$(grep -c '"9-1"' "$TMP/long-text")" 1
node tests/pdfjs_struct.mjs "$TMP/long.pdf" >"$TMP/long.pdfjs" 2>/dev/null
check_eq "continued card: pdf.js finds every content id, nothing unmarked" \
  "$(grep '^page ' "$TMP/long.pdfjs" | grep -vc ' unmarked 0 missing 0 ')" 0

# a cluster only /ActualText gives (q + combining tilde, while a plain q is
# more common) inside tagged content: its run is a marked sequence of its own
# carrying the text, not a Span nested in the cell's (which would end
# poppler's structure text there)
sed -e 's/盤洲干潟クリーン作戦/盤洲干潟q\xcc\x83クリーン作戦/' \
    -e 's/環境活動を推進しました/環境活動をqqqq推進しました/' input/r6.xml >"$TMP/q.xml"
"$PLANTYPE" "$TMP/q.xml" -o "$TMP/q.pdf" 2>/dev/null
check "ActualText in tagged content: pdftotext gives q̃ back" \
  grep -q '盤洲干潟q̃クリーン作戦' <(pdftotext "$TMP/q.pdf" - 2>/dev/null)
check "ActualText in tagged content: the cell's structure text goes on after it" \
  grep -q '"盤洲干潟q.*クリーン作戦や港まつり' <(pdfinfo -struct-text "$TMP/q.pdf" 2>/dev/null)
node tests/pdfjs_struct.mjs "$TMP/q.pdf" >"$TMP/q.pdfjs" 2>/dev/null
check_eq "ActualText in tagged content: pdf.js finds every content id, nothing unmarked" \
  "$(grep '^page ' "$TMP/q.pdfjs" | grep -vc ' unmarked 0 missing 0 ')" 0
check "ActualText in tagged content: qpdf --check" qpdf_ok "$TMP/q.pdf"
finish
