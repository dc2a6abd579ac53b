#!/usr/bin/env bash
# Messages in the user's language (gettext): the Japanese catalog po/ja.po is
# complete for every message the sources mark with _() or N_() (a message
# added without its translation fails here), builds with msgfmt --check, and
# LANG=ja_JP.UTF-8 gives Japanese while English stays the default. The
# expected Japanese below is the translation as written in po/ja.po by hand.
source "$(dirname "$0")/lib.sh"
unset LANGUAGE LC_MESSAGES
BIN=$(realpath "$PLANTYPE")
R6=$(realpath input/r6.xml)

# --- the catalog
stats=$(msgfmt --check --statistics -o /dev/null po/ja.po 2>&1); rc=$?
check_eq "msgfmt --check accepts po/ja.po" "$rc" 0
check "every entry translated, none fuzzy: $stats" \
  grep -qxE '[0-9]+ translated messages\.' <<<"$stats"
xgettext --from-code=UTF-8 -k_ -kN_ --no-location --msgid-bugs-address=none \
  -o "$TMP/plantype.pot" $(ls src/*.c | sort) 2>/dev/null
check "xgettext reads the sources" test -s "$TMP/plantype.pot"
translated() { msgcmp po/ja.po "$TMP/plantype.pot" 2>&1 | grep -A3 "used but not defined"
               msgcmp po/ja.po "$TMP/plantype.pot" 2>/dev/null; }
check "every message in the sources has a translation (msgcmp po/ja.po; make po merges new ones)" \
  translated
# Every message call (pt_fail, pt_invalid, pt_warn, pt_xml_bad, the loaders'
# bad(), the checks' at_line(), fprintf to stderr) passes its words through
# _(): a bare literal with words in it is a message nobody translates.
unwrapped=$(perl -e '
  undef $/;
  for my $f (@ARGV) {
    open my $h, "<", $f or die; my $s = <$h>; close $h;
    $s =~ s{/\*.*?\*/}{}gs;
    my $arg = qr/(?:[^,()"]|"(?:[^"\\]|\\.)*"|\((?:[^()]|\([^()]*\))*\))+/;
    while ($s =~ /\b(?:(?:pt_fail|pt_invalid|pt_warn)\(\s*$arg,|pt_xml_bad\(\s*$arg,\s*$arg,\s*$arg,|(?:bad|at_line)\(\s*$arg,\s*$arg,|fprintf\(\s*stderr\s*,)\s*"((?:[^"\\]|\\.)*)"/g) {
      my $lit = $1; (my $words = $lit) =~ s/%[-0-9.*]*[a-z]+|plantype//g;
      print "$f: \"$lit\"\n" if $words =~ /[A-Za-z]{2}/;
    }
  }' src/*.c)
check_eq "no message without _()" "$unwrapped" ""
check "the catalog is built into locale/ja" test -s locale/ja/LC_MESSAGES/plantype.mo
check "the catalog is built from the current po/ja.po" test ! po/ja.po -nt locale/ja/LC_MESSAGES/plantype.mo
check "the locale ja_JP.UTF-8 exists (make deps makes it)" bash -c "locale -a | grep -qix ja_jp.utf8"

# --- Japanese with LANG, English by default and for languages without a catalog
ja() { env -u LC_ALL LANG=ja_JP.UTF-8 "$BIN" "$@"; }
check_eq "ja: missing operand" "$(ja 2>&1)" \
  "plantype: オペランドがありません: EDITION.xml
詳しくは 'plantype --help' を実行してください。"
check_eq "ja: --help's first line" "$(ja --help | head -n 1)" "使い方: plantype [OPTION]... EDITION.xml"
check_eq "LC_ALL=C.UTF-8: English" "$(LC_ALL=C.UTF-8 "$BIN" 2>&1 | tail -n 1)" \
  "Try 'plantype --help' for more information."
check_eq "no locale at all: English" "$(env -u LC_ALL -u LANG "$BIN" 2>&1 | tail -n 1)" \
  "Try 'plantype --help' for more information."
check_eq "a language without a catalog: English" \
  "$(env -u LC_ALL LANG=fr_FR.UTF-8 "$BIN" 2>&1 | tail -n 1)" "Try 'plantype --help' for more information."

# An input error and the summary line, in Japanese.
P=$(grep -n -m1 '^ *<p>○顔の見える' "$R6" | cut -d: -f1)
sed "${P}s/<p>○/<p>○A \\& B /" "$R6" >"$TMP/amp.xml"
check_eq "ja: a bare &" "$(ja "$TMP/amp.xml" -o "$TMP/x.pdf" 2>&1)" \
  "plantype: $TMP/amp.xml:$P: XML の書式が正しくありません: 「&」が単独で使われています: & は &amp; と書いてください"
ja "$R6" -o "$TMP/r6.pdf" 2>"$TMP/err"; rc=$?
check_eq "ja: typesets r6" "$rc" 0
check_eq "ja: the summary line" "$(tail -n 1 "$TMP/err")" \
  "plantype: $TMP/r6.pdf を書き出しました: 51 ページ、警告 1 件"
finish
