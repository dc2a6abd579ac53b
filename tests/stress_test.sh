#!/usr/bin/env bash
# Stress: generated editions (tests/stress_gen.pl) and layouts at the edges.
# Each run ends within its time limit with exit 0 or 2 (never a signal); when
# it writes a PDF, MuPDF finds every glyph on its page (glyphs_on_page.pl on
# `mutool trace`) and poppler gives back every text of the edition.
source "$(dirname "$0")/lib.sh"
LAYOUT=layouts/a4-report.xml

# stress NAME EDITION LAYOUT TEXTS [LIMIT]: one run; rc and msg are set.
stress() {
  local name=$1 ed=$2 lay=$3 texts=$4 limit=${5:-60} pdf=$TMP/$1.pdf
  msg=$(timeout "$limit" "$PLANTYPE" -q --layout "$lay" -o "$pdf" "$ed" 2>&1 >/dev/null); rc=$?
  check "$name: ends within ${limit} s with exit 0 or 2 (got $rc: ${msg:0:300})" \
    test "$rc" -eq 0 -o "$rc" -eq 2
  if [ "$rc" -ne 0 ]; then
    check "$name: refused with a message, no PDF" test -n "$msg" -a ! -e "$pdf"
    return
  fi
  # every glyph on its page, as MuPDF reads the file
  mutool trace "$pdf" 2>/dev/null >"$TMP/trace"
  check "$name: every glyph on its page" perl tests/glyphs_on_page.pl "$TMP/trace"
  # every text of the edition in MuPDF's text (by blocks, so that columns do
  # not interleave; white space removed): a numbered text found as a whole,
  # a long run of one character (5,000 「ぬ」) counted exactly
  [ -n "$texts" ] || return
  mutool draw -q -F txt -o - "$pdf" 2>/dev/null | tr -d ' \n\f\t' >"$TMP/text"
  check "$name: every input text is in the PDF" perl -CSD -e '
    local $/; open my $t, "<:encoding(UTF-8)", $ARGV[0] or die; my $doc = <$t>;
    open my $l, "<:encoding(UTF-8)", $ARGV[1] or die; my @want = split /\n/, <$l>;
    my %seen; my %pre; for (@want) { $pre{$1} = 1 if /^(\D+)\d{4}$/ }
    my $alt = join "|", map quotemeta, sort { length $b <=> length $a } keys %pre;
    $seen{$&} = 1 while $doc =~ /(?:$alt)\d{4}/g;
    my @miss = grep { /^\D+\d{4}$/ ? !$seen{$_}
                    : /^(.)\1*$/ ? (() = $doc =~ /\Q$1/g) != length : index($doc, $_) < 0 } @want;
    print "missing: @{[map substr($_, 0, 20), @miss[0 .. ($#miss < 9 ? $#miss : 9)]]}\n" if @miss;
    exit(@miss ? 1 : 0)' "$TMP/text" "$texts"
}

# Editions, with the shipped layout.
for kind in header-tall cards60 inis40 nobreak long-entry cards2000; do
  STRESS_TEXTS=$TMP/$kind.txt perl tests/stress_gen.pl "$kind" >"$TMP/$kind.xml"
done
stress "header taller than a page" "$TMP/header-tall.xml" "$LAYOUT" "$TMP/header-tall.txt"
check_eq "header taller than a page: refused" "$rc" 2
stress "60 cards in one project" "$TMP/cards60.xml" "$LAYOUT" "$TMP/cards60.txt"
check_eq "60 cards: typeset" "$rc" 0
stress "40 initiatives under one goal" "$TMP/inis40.xml" "$LAYOUT" "$TMP/inis40.txt"
check_eq "40 initiatives: typeset" "$rc" 0
stress "5,000 characters without a break" "$TMP/nobreak.xml" "$LAYOUT" "$TMP/nobreak.txt"
check_eq "5,000 characters: typeset" "$rc" 0
stress "a contents entry of 1,200 characters" "$TMP/long-entry.xml" "$LAYOUT" "$TMP/long-entry.txt"
check_eq "long contents entry: typeset" "$rc" 0
check_eq "long contents entry: the contents take pages 2 and 3, the first project is on 4" \
  "$(mutool draw -q -F txt -o - "$TMP/a contents entry of 1,200 characters.pdf" 4 2>/dev/null | head -1)" "【経済】"
check "long contents entry: page 3 is contents, its first entry says 4" \
  grep -q "^【1. プロジェクト0004】4" <(mutool draw -q -F txt -o - "$TMP/a contents entry of 1,200 characters.pdf" 2 2>/dev/null | tr -d '\n')
# 2,000 cards: the sanitizer build runs it too, the readers' checks once (the
# PDF is the same; reading 2,000 pages twice would only cost time)
if [[ $PLANTYPE == build/plantype ]]; then
  stress "2,000 cards" "$TMP/cards2000.xml" "$LAYOUT" "$TMP/cards2000.txt" 60
else
  stress "2,000 cards" "$TMP/cards2000.xml" "$LAYOUT" "" 120
fi
check_eq "2,000 cards: typeset" "$rc" 0

# Over the limit of 5,000 cards: refused while loading, naming the first card too many.
perl tests/stress_gen.pl cards5200 >"$TMP/cards5200.xml"
stress "5,200 cards" "$TMP/cards5200.xml" "$LAYOUT" ""
check_eq "5,200 cards: refused" "$rc" 2
check "5,200 cards: the message names the card and the limit" \
  grep -q '<card no="2501-1">: more than 5000 cards in the edition (the limit)' <<<"$msg"

# Layouts at the edges, with the 60-card edition.
edge() {   # NAME SED-EXPRESSION
  sed "$2" "$LAYOUT" >"$TMP/edge.xml"
  stress "layout: $1" "$TMP/cards60.xml" "$TMP/edge.xml" "$TMP/cards60.txt"
}
edge "small text area (242 pt high)" 's/top="48" bottom="56"/top="300" bottom="300"/'
check_eq "small text area: typeset (continued)" "$rc" 0
edge "text area too narrow for the columns" 's/left="42" right="42"/left="180" right="180"/'
check_eq "text area too narrow: refused" "$rc" 2
edge "huge padding" 's/<cell pad-x="4.5" pad-y="3.5"/<cell pad-x="37" pad-y="100"/'
edge "zero pitch" 's/dot-pitch="3.6"/dot-pitch="0"/'
check_eq "zero pitch: refused" "$rc" 2
edge "huge sizes (200 pt)" 's/\(<style [^>]*\) size="[0-9.]*"/\1 size="200"/'
check_eq "huge sizes: refused" "$rc" 2
edge "large sizes (30 pt)" 's/\(<style [^>]*\) size="[0-9.]*"/\1 size="30"/; s/min-size="[0-9.]*"/min-size="30"/g'
check_eq "large sizes: typeset" "$rc" 0
edge "tiny sizes (1 pt)" 's/\(<style [^>]*\) size="[0-9.]*"/\1 size="1"/; s/min-size="[0-9.]*"/min-size="1"/g'
check_eq "tiny sizes: typeset" "$rc" 0

finish
