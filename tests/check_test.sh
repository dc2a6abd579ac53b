#!/usr/bin/env bash
# plantype --check: every finding in one pass, sorted by place, in the form
#   FILE:LINE:COL: error|warning: message [rule-id]
# then "N errors, M warnings"; exit 2 with errors, else 0.
# 1. Every finding on input/r6.xml, each judged by hand below.
# 2. For every rule a case it must catch and one it must not.
# 3. A FY2025 draft with the slips of issue 10 planted: one run lists them all.
# Places are worked out here independently of the program: `at TEXT` is the
# line and column (characters, from 1) of TEXT's first occurrence, by perl.
source "$(dirname "$0")/lib.sh"
R6=input/r6.xml

# at TEXT [FILE [N]]: "LINE:COL" of the Nth (default first) occurrence of TEXT.
at() {
  perl -CSD -Mutf8 -e 'my ($t, $f, $n) = @ARGV; utf8::decode($t); open my $h, "<:utf8", $f or die;
    while (<$h>) { my $i = -1; while (($i = index($_, $t, $i + 1)) >= 0) {
      if (--$n == 0) { print "$.:", $i + 1; exit } } }' "$1" "${2:-$R6}" "${3:-1}"
}
# line_of PATTERN [FILE]: the first line containing PATTERN (fixed string).
line_of() { grep -n -m1 -F -- "$1" "${2:-$R6}" | cut -d: -f1; }
# check_run FILE [OPTIONS]: stdout of plantype --check into $OUT, exit status into $RC.
check_run() { local f=$1; shift; OUT=$("$PLANTYPE" --check "$@" "$f" 2>"$TMP/stderr"); RC=$?; }
# has NAME LINE: the output has exactly this line.
has() { check "$1" grep -qxF -- "$2" <<<"$OUT"; }
# lacks NAME RULE: no finding of this rule.
lacks() { check "$1" bash -c '! grep -qF -- "[$0]" <<<"$1"' "$2" "$OUT"; }
# count RULE: how many findings of this rule.
count() { grep -cF -- "[$1]" <<<"$OUT"; }

# ---- 1. r6: every finding, judged one by one ----
check_run "$R6"
check_eq "r6: exit 0 (warnings only)" "$RC" 0
check_eq "r6: nothing on stderr" "$(cat "$TMP/stderr")" ""
wv="「WEB」 2× (first at line $(line_of 'ITやWEB')), 「Web」 1× (first at line $(line_of 'Web'))"
w4="「4 R」 1× (first at line $(line_of '<title>4 R')), 「4R」 3× (first at line $(line_of '<title>4R'))"
want="$R6:$(at 'れてきている。本イベント'): warning: card 3 mixes です・ます (4 sentences) with である/だ (1): 「…れてきている。」 ends in the である/だ style [mixed-style]
$R6:$(at 'をを'): warning: the particle 「を」 is written twice: 「をを」 [repeated-particle]
$R6:$(at 'WEB'): warning: 「WEB」 is written in 2 ways: $wv [notation-variant]
$R6:$(at '4Rの推進'): warning: 「4R」 is written in 2 ways: $w4 [notation-variant]
$R6:$(at 'の4Rの推進' $R6 1 | awk -F: '{print $1 ":" $2 + 1}'): warning: 「4R」 is written in 2 ways: $w4 [notation-variant]
$R6:$(at '4 Rの推進'): warning: 「4 R」 is written in 2 ways: $w4 [notation-variant]
$R6:$(at 'の4Rの推進' $R6 2 | awk -F: '{print $1 ":" $2 + 1}'): warning: 「4R」 is written in 2 ways: $w4 [notation-variant]
$R6:$(at 'ことができた。協議中'): warning: card 26 mixes です・ます (4 sentences) with である/だ (1): 「…ことができた。」 ends in the である/だ style [mixed-style]
$R6:$(at 'WEB版'): warning: 「WEB」 is written in 2 ways: $wv [notation-variant]
$R6:$(at 'Web'): warning: 「Web」 is written in 2 ways: $wv [notation-variant]
$R6:$(line_of '<card no="37"'): warning: card 37 is incomplete: the source lacks its content [incomplete-card]
0 errors, 11 warnings"
check_eq "r6: every finding" "$OUT" "$want"
# The judgement of each (all are real slips or facts of the printed source;
# none is a false alarm):
# - card 3's 相乗効果 「…認知されてきている。」 is plain style among ます sentences;
#   card 26's 評価 「…実施することができた。」 likewise: both real style slips.
# - card 9-2's 方向性 「作業効率向上ををし」: a real typo of the source.
# - 「WEB」 (cards 11 and 36's overview) and 「Web」 (card 36): one word written two ways.
# - 「4R」 (initiative 15's title and overview, card 15-2's overview) and 「4 R」
#   (card 15-1's own title, as printed): a real inconsistency of the source.
# - card 37 is missing from the source (a warning; an error with --final).
# The 44 checkable status marks (39 cards, 5 goals), all units and periods,
# the era, fiscal year and title year are consistent: no data finding.

check_run "$R6" --final
check_eq "r6 --final: exit 2" "$RC" 2
has "r6 --final: card 37 is an error" "$R6:$(line_of '<card no="37"'): error: card 37 is incomplete: the source lacks its content (an official print needs every card) [incomplete-card]"
check_eq "r6 --final: the count" "$(tail -n 1 <<<"$OUT")" "1 error, 10 warnings"

# ---- 2. each rule: a case it must catch, one it must not ----
# edit NAME PERL-EXPR: a copy of r6 with the substitution applied (once).
edit() { local f=$TMP/$1.xml; perl -CSD -Mutf8 -0pe "$2" "$R6" >"$f"; echo "$f"; }

# status-mark: ○ on card 1 whose actual 71.2% misses 82.0%
f=$(edit st1 's/<card no="1" status="×">/<card no="1" status="○">/')
check_run "$f"
has "status: ○ on a missed target" "$f:$(line_of '<card no="1"' "$f"): error: card 1 is marked ○ but the actual 71.2% misses the target 82.0%: the mark is × [status-mark]"
check_eq "status: exit 2" "$RC" 2
# × on card 8 whose actual 13件 equals the target: met (must be ○)
f=$(edit st2 's/<card no="8" status="○">/<card no="8" status="×">/')
check_run "$f"
has "status: × on a met target (equal)" "$f:$(line_of '<card no="8"' "$f"): error: card 8 is marked × but the actual 13件 meets the target 13件: the mark is ○ [status-mark]"
# ○ on card 9-1 (better=lower) whose actual rose above the target
f=$(edit st3 's/num="13759" unit="千円" period="R5年度">13,759千円/num="16000" unit="千円" period="R5年度">16,000千円/')
check_run "$f"
has "status: ○ on a lower-is-better card that rose" "$f:$(line_of '<card no="9-1"' "$f"): error: card 9-1 is marked ○ but the actual 16,000千円(R5年度) misses the target 14,895千円(R5年度) (lower is better): the mark is × [status-mark]"
# - on a card with numbers; ○ on a card without any
f=$(edit st4 's/<card no="7" status="○">/<card no="7" status="-">/; s/<card no="6" status="-">/<card no="6" status="○">/')
check_run "$f"
has "status: - on a card with numbers" "$f:$(line_of '<card no="7"' "$f"): error: card 7 is marked - but the actual 33ha meets the target 30ha: the mark is ○ [status-mark]"
has "status: ○ without numbers" "$f:$(line_of '<card no="6"' "$f"): error: card 6 is marked ○ but has no target and actual to compare; the mark is - then [status-mark]"
# a goal: project 1 goal (2) 59 of 55 is ○; marked ×
f=$(edit st5 's/<goal no="\(2\)" status="○">/<goal no="(2)" status="×">/')
check_run "$f"
has "status: a project goal" "$f:$(line_of '<goal no="(2)" status="×"' "$f"): error: project 1's goal (2) is marked × but the actual 59人 meets the target 55人: the mark is ○ [status-mark]"
# must not: r6's 44 marks (section 1), including 9-1 ○ (lower, 13,759 ≤ 14,895)
# and 15-1 × (lower, 1,058 > 1,020), 8 and 24-2 ○ on equality, 6/25/35 - without numbers.

# unit-mismatch: card 2's actual in 人 against % elsewhere
f=$(edit un 's/<actual num="62.2" unit="%">62.2%/<actual num="62.2" unit="人">62.2人/')
check_run "$f"
has "units: 人 against %" "$f:$(at '62.2人' "$f"): error: the actual is in 人 but the baseline is in % [unit-mismatch]"
# must not: card 18's baseline 「実績なし」 has no number, card 21-2 is 万人 throughout (r6)

# period: H6年度 as a baseline; actual in another year than the target
f=$(edit pe 's/period="R5年度">30,000人 \(R5年度\)/period="H6年度">30,000人 (H6年度)/; s/<actual num="13759" unit="千円" period="R5年度">13,759千円\(R5年度\)/<actual num="13759" unit="千円" period="R6年度">13,759千円(R6年度)/')
check_run "$f"
has "period: another era" "$f:$(at '30,000人 (H6' "$f"): error: the baseline's period H6年度 is in the 平成 era, but the edition's years are 令和 (R) [period]"
has "period: actual not in the target's year" "$f:$(at '13,759千円(R6' "$f"): error: the actual's period R6年度 is not the target's (R5年度) [period]"
# must not: 9-1/9-2 (figures a year behind: R4 → R5 = R5 → R6), 21-2 「R4年」,
# 36 「R6年2月末」 (February 2024 is before FY2024) — all in section 1.

# era: fiscal-year against era + year; an abbreviation of another era
f=$(edit era1 's/fiscal-year="2024"/fiscal-year="2025"/')
check_run "$f"
has "era: fiscal year" "$f:$(line_of '<report ' "$f"): error: fiscal-year=\"2025\" but 令和6年度 is fiscal year 2024 [era]"
f=$(edit era2 's/era="令和" era-abbr="R"/era="平成" era-abbr="R"/')
check_run "$f"
has "era: 平成 with R" "$f:$(line_of '<report ' "$f"): error: era-abbr=\"R\" but the abbreviation of 平成 is H [era]"
has "era: 平成6 is not 2024" "$f:$(line_of '<report ' "$f"): error: fiscal-year=\"2024\" but 平成6年度 is fiscal year 1994 [era]"
f=$(edit era3 's/era="令和"/era="令話"/')
check_run "$f"
has "era: unknown" "$f:$(line_of '<report ' "$f"): error: unknown era \"令話\" (known: 明治, 大正, 昭和, 平成, 令和) [era]"
# must not: r6 (令和, R, 6, 2024)

# title-year: a cover line naming another year
f=$(edit ty 's/<line>\(\{era\}\{year\}年度\)<\/line>/<line>(令和5年度)<\/line>/')
check_run "$f"
has "title-year" "$f:$(at '令和5年度)' "$f"): error: the title names 令和5年度, but the edition is 令和6年度 [title-year]"
# must not: r6's ({era}{year}年度), printed (令和6年度)

# numbering: initiative 13 renumbered 14 → 13 is missing (its card too)
f=$(edit nu 's/<initiative no="13">/<initiative no="13x">/')
perl -CSD -Mutf8 -0pi -e 's/<initiative no="13x">(.*?)<card no="13"/<initiative no="14">$1<card no="14"/s; s/<initiative no="14">(\s*<title>[^<]*<\/title>\s*<dept>[^<]*<\/dept>.*?)<initiative no="14">/<initiative no="14">$1<initiative no="14">/s' "$f"
# (the loader refuses the duplicate 14 that follows: use a file with 13 simply gone)
perl -CSD -Mutf8 -0pe 's/\s*<initiative no="13">.*?<\/initiative>//s' "$R6" >"$f"
check_run "$f"
has "numbering: a gap" "$f:$(line_of '<initiative no="14"' "$f"): error: initiative 13 is missing (initiative 14 comes after 12) [numbering]"
# must not: r6's 1 … 37

# contents-label: removed from 5-1, added to card 6, wrong number on 9-2
f=$(edit la 's/\s*<label>①利用金額<\/label>//; s/(<card no="6" status="-">)/$1<label>①堆肥化量<\/label>/; s/<label>②捕獲/<label>③捕獲/')
check_run "$f"
has "label: missing" "$f:$(line_of '<card no="5-1"' "$f"): error: card 5-1 has no <label>: the contents name each card of an initiative with several cards [contents-label]"
has "label: on an only card" "$f:$(line_of '<card no="6"' "$f"): error: card 6 has a <label> but is the only card of initiative 6: the contents list it by the initiative's title [contents-label]"
has "label: wrong number" "$f:$(line_of '<card no="9-2"' "$f"): error: card 9-2's label \"③捕獲個体(猪、鹿)のジビエ率\" does not begin with ② [contents-label]"
# must not: r6's twelve labels

# font-coverage: a character BIZ UDGothic lacks (U+1F600), twice
f=$(edit fc 's/食育の啓発<\/title>/食育の啓発😀<\/title>/; s/域内消費の拡大/域内消費の拡大😀/')
check_run "$f"
check "font-coverage: reported once at its first place, with the count" grep -qE "^$f:$(at '拡大😀' "$f" | cut -d: -f1):[0-9]+: error: character U\+1F600 \(😀\) is not in BIZ UDGothic (Regular|Bold) \(.*\); 1 more time after this \[font-coverage\]$" <<<"$OUT"
check_eq "font-coverage: one finding" "$(count font-coverage)" 1
# must not: r6

# fit: a card too long for its page
long=$(printf '評価の文章です。%.0s' $(seq 150))
f=$(edit fit "s/(<card no=\"8\".*?<evaluation>\\s*<p>)/\${1}$long/s")
check_run "$f"
check "fit: the squeezed card is named at its line" grep -qE "^$f:$(line_of '<card no="8"' "$f"): warning: card 8: .* \[fit\]$" <<<"$OUT"
# must not: r6 (every card fits at the layout's sizes)

# load: a file the loader refuses is one finding, and nothing else
f=$(edit lo 's/<card no="5-1" status="×"/<card no="5-1" status="〇"/')
check_run "$f"
check_eq "load: one finding and the count" "$OUT" "$f:$(line_of '<card no="5-1"' "$f"): error: <card no=\"5-1\">: status must be ○, × or -, found \"〇\" [load]
1 error, 0 warnings"
check_eq "load: exit 2, nothing on stderr" "$RC:$(cat "$TMP/stderr")" "2:"
f=$(edit lo2 's/num="82.0" unit="%">82.0%/num="82.0" unit="%">８２.０%/')
check_run "$f"
check "load: full-width digits said so" grep -qF "do not match the printed text \"８２.０%\" (its digits are full-width: write them half-width, 0-9) [load]" <<<"$OUT"

# ---- text rules ----
# notation-variant: 「ＰＲ」 beside r6's 「PR」; must not: 「PR」 and 「PRO」 differ
f=$(edit nv 's/市内の商業施設におけるPR活動/市内の商業施設におけるＰＲ活動/')
check_run "$f"
check "notation-variant: ＰＲ vs PR" grep -qF "$f:$(at 'ＰＲ活動' "$f"): warning: 「ＰＲ」 is written in 2 ways: 「PR」" <<<"$OUT"
check_eq "notation-variant: must not: words that differ (r6 has PR and ICT, KISARAZU …)" "$(grep -F '[notation-variant]' <<<"$OUT" | grep -vcF -e WEB -e Web -e 4R -e '4 R' -e PR)" 0
f=$(edit nv2 's/アクアコイン優良加盟店表彰式/アクア・コイン優良加盟店表彰式/')
check_run "$f"
check "notation-variant: アクア・コイン vs アクアコイン" grep -qF "$f:$(at 'アクア・コイン' "$f"): warning: 「アクア・コイン」 is written in 2 ways" <<<"$OUT"

# repeated-particle: 世代のの; must not: ここ, それぞれ, ものの (r6 has ものの), いろいろ
f=$(edit rp 's/児童生徒の環境に配慮した食への関心/児童生徒のの環境に配慮した食への関心/; s/(<p>堆肥化施設整備事業者を決定しました。)/$1ここでそれぞれいろいろな取組を行うものの、/')
check_run "$f"
has "repeated-particle: のの" "$f:$(at 'のの環境' "$f"): warning: the particle 「の」 is written twice: 「のの」 [repeated-particle]"
check_eq "repeated-particle: only のの and r6's をを" "$(count repeated-particle)" 2

# brackets: an unclosed 「 and a stray ）; must not: r6's nested （…「…」…）
f=$(edit br 's/「アクアコイン」の普及を推進/「アクアコインの普及を推進/; s/堆肥化施設整備事業者を決定しました。/堆肥化施設整備事業者を決定しました）。/')
check_run "$f"
has "brackets: unclosed" "$f:$(at '「アクアコインの普及' "$f"): warning: 「「」 is not closed (no 「」」 after it) [brackets]"
has "brackets: stray closer" "$f:$(at '）。' "$f"): warning: 「）」 has no 「（」 before it [brackets]"
check_eq "brackets: nothing else" "$(count brackets)" 2

# placeholder: 未記入, TODO, ○○ (once for ○○○); must not: a single ○ list marker (r6)
f=$(edit ph 's/堆肥化施設整備事業者を決定しました。/（未記入）TODO ○○○の件。/')
check_run "$f"
has "placeholder: 未記入" "$f:$(at '未記入' "$f"): warning: placeholder 「未記入」: the text is still to be written [placeholder]"
has "placeholder: TODO" "$f:$(at 'TODO' "$f"): warning: placeholder 「TODO」: the text is still to be written [placeholder]"
has "placeholder: ○○" "$f:$(at '○○○' "$f"): warning: placeholder 「○○」: the text is still to be written [placeholder]"
check_eq "placeholder: three" "$(count placeholder)" 3

# era-year: 平成8年度 in a 令和 edition, 令和9年度 after next year, 平成35年;
# must not: 令和元年度, 令和7年度 (next year), R4年 (r6)
f=$(edit ey 's/令和元年度に3日分から/平成8年度に3日分から令和9年度まで平成35年/')
check_run "$f"
has "era-year: another era" "$f:$(at '平成8年度' "$f"): warning: 「平成8年度」 is in the 平成 era (1996), but the edition's years are 令和 [era-year]"
has "era-year: after next year" "$f:$(at '令和9年度' "$f"): warning: 「令和9年度」 is after the edition's next year (令和7年度) [era-year]"
has "era-year: no such year" "$f:$(at '平成35年' "$f"): warning: 「平成35年」: 平成 has no year 35 [era-year]"
check_eq "era-year: three" "$(count era-year)" 3

# mixed-style: r6's cards 3 and 26 (section 1); must not: a card all in ます
# (card 1) or with 体言止め sentences (card 6's 「-」)
f=$(edit ms 's/提供しました。特産品/提供した。特産品/')
check_run "$f"
check "mixed-style: card 1 now mixes" grep -qF "$f:$(at '提供した。特産品' "$f" | cut -d: -f1):" <<<"$(grep -F '[mixed-style]' <<<"$OUT" | grep -F 'card 1 ')"
check_eq "mixed-style: cards 1, 3, 26" "$(count mixed-style)" 3

# halfwidth-kana: ｱｸｱｺｲﾝ; must not: full-width katakana (r6)
f=$(edit hk 's/堆肥化施設整備事業者/ｱｸｱｺｲﾝ事業者/')
check_run "$f"
has "halfwidth-kana" "$f:$(at 'ｱｸｱｺｲﾝ' "$f"): warning: half-width katakana 「ｱｸｱｺｲﾝ」: write it full-width [halfwidth-kana]"

# nfd: ガ as カ + U+3099; must not: composed text (r6)
f=$(edit nfd 's/堆肥化施設整備事業者を決定しました。/堆肥化のガイドを決定しました。/; s/ガイド/\x{30AB}\x{3099}イド/')
check_run "$f"
check "nfd: at the base character" grep -qF "$f:$(at "$(printf 'カ\xe3\x82\x99')" "$f"): warning: decomposed characters 「$(printf 'カ\xe3\x82\x99')イ」" <<<"$OUT"

# fullwidth-value: ０件 in a value without num; must not: full-width in a
# narrative, or r6's half-width values
f=$(edit fw 's/<baseline>実績なし<\/baseline>/<baseline>０件（Ｒ５年度）<\/baseline>/; s/堆肥化施設整備事業者を決定しました。/２件の堆肥化施設整備事業者を決定しました。/')
check_run "$f"
has "fullwidth-value: digits" "$f:$(at '０件' "$f"): warning: full-width digits 「０」 in a value: the edition's other values write them half-width [fullwidth-value]"
has "fullwidth-value: letters" "$f:$(at 'Ｒ５' "$f"): warning: full-width letters 「Ｒ５」 in a value: the edition's other values write them half-width [fullwidth-value]"
check_eq "fullwidth-value: not the narrative" "$(count fullwidth-value)" 2

# ---- 3. a FY2025 draft with the slips of issue 10 planted ----
# r7: every R/令和 year moved one on (令和元年度 stays), year 7, FY2025; then
# each slip planted. One --check run must list each, and no other error.
f=$TMP/r7.xml
perl -CSD -Mutf8 -pe 's/(R|令和)([0-9]+)(年)/$1.($2+1).$3/ge; s/year="6" fiscal-year="2024"/year="7" fiscal-year="2024"/' "$R6" |
perl -CSD -Mutf8 -0pe '
  s/<line>\(\{era\}\{year\}年度\)<\/line>/<line>(令和6年度)<\/line>/;               # cover line typed, not updated
  s/<card no="1" status="×">/<card no="1" status="○">/;                           # ○ on a missed target
  s/<card no="5-2" status="○">/<card no="5-2" status="×">/;                       # × on a met target
  s/num="13759" unit="千円" period="R6年度">13,759千円/num="16000" unit="千円" period="R6年度">16,000千円/; # 9-1 (lower) rose, still ○
  s/<card no="7" status="○">/<card no="7" status="-">/;                           # - with numbers
  s/<card no="6" status="-">/<card no="6" status="○">/;                           # ○ without an indicator
  s/<actual num="62.2" unit="%">62.2%/<actual num="62.2" unit="人">62.2人/;        # % vs 人
  s/period="R6年度">30,000人 \(R6年度\)/period="H6年度">30,000人 (H6年度)/;           # H6年度
  s/令和元年度に3日分から/平成8年度に3日分から/;                                      # 平成8年度 in a text
  s/堆肥化施設整備事業者を決定しました。/堆肥化施設整備事業者を決定しました（未記入）。/;   # placeholder
  s/児童生徒の環境に配慮した食への関心/児童生徒のの環境に配慮した食への関心/;             # のの
  s/<baseline>実績なし<\/baseline>/<baseline>０件<\/baseline>/;                     # full-width digit
' >"$f"
check_run "$f"
check_eq "r7 draft: exit 2" "$RC" 2
has "r7: fiscal year" "$f:$(line_of '<report ' "$f"): error: fiscal-year=\"2024\" but 令和7年度 is fiscal year 2025 [era]"
has "r7: cover line" "$f:$(at '令和6年度)' "$f"): error: the title names 令和6年度, but the edition is 令和7年度 [title-year]"
has "r7: ○ on a missed target" "$f:$(line_of '<card no="1"' "$f"): error: card 1 is marked ○ but the actual 71.2% misses the target 82.0%: the mark is × [status-mark]"
has "r7: × on a met target" "$f:$(line_of '<card no="5-2"' "$f"): error: card 5-2 is marked × but the actual 10,397万コイン meets the target 8,000万コイン: the mark is ○ [status-mark]"
has "r7: ○ on a lower-is-better rise" "$f:$(line_of '<card no="9-1"' "$f"): error: card 9-1 is marked ○ but the actual 16,000千円(R6年度) misses the target 14,895千円(R6年度) (lower is better): the mark is × [status-mark]"
has "r7: - with numbers" "$f:$(line_of '<card no="7"' "$f"): error: card 7 is marked - but the actual 33ha meets the target 30ha: the mark is ○ [status-mark]"
has "r7: ○ without an indicator" "$f:$(line_of '<card no="6"' "$f"): error: card 6 is marked ○ but has no target and actual to compare; the mark is - then [status-mark]"
has "r7: % vs 人" "$f:$(at '62.2人' "$f"): error: the actual is in 人 but the baseline is in % [unit-mismatch]"
has "r7: H6年度" "$f:$(at '30,000人 (H6' "$f"): error: the baseline's period H6年度 is in the 平成 era, but the edition's years are 令和 (R) [period]"
has "r7: 平成8年度" "$f:$(at '平成8年度' "$f"): warning: 「平成8年度」 is in the 平成 era (1996), but the edition's years are 令和 [era-year]"
has "r7: 未記入" "$f:$(at '未記入' "$f"): warning: placeholder 「未記入」: the text is still to be written [placeholder]"
has "r7: のの" "$f:$(at 'のの環境' "$f"): warning: the particle 「の」 is written twice: 「のの」 [repeated-particle]"
has "r7: ０件" "$f:$(at '０件' "$f"): warning: full-width digits 「０」 in a value: the edition's other values write them half-width [fullwidth-value]"
has "r7: card 37" "$f:$(line_of '<card no="37"' "$f"): warning: card 37 is incomplete: the source lacks its content [incomplete-card]"
check_eq "r7: the planted errors and no other" "$(grep -c ': error: ' <<<"$OUT")" 9
check_eq "r7: the count" "$(tail -n 1 <<<"$OUT")" "9 errors, 15 warnings"
check "r7: sorted by line" bash -c 'grep -oE "^[^:]+:[0-9]+" <<<"$0" | cut -d: -f2 | sort -n -c' "$OUT"

finish
