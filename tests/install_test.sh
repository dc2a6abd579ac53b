#!/usr/bin/env bash
# make install / uninstall with DESTDIR and PREFIX; the installed program run
# from / finds its data beside itself (PREFIX/share/plantype) and typesets r6
# into the same bytes as the build; PLANTYPE_DATA overrides; the man page
# renders cleanly and lists every option of --help.
source "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:=build}"
export SOURCE_DATE_EPOCH=1735689600
D=$TMP/dest P=/usr/local
inst() { env -u MAKEFLAGS -u MAKELEVEL make --no-print-directory "$@" DESTDIR="$D" PREFIX=$P \
           BUILD="$BUILD_DIR" >"$TMP/make.log" 2>&1 || { cat "$TMP/make.log"; return 1; }; }

check "make install DESTDIR=... PREFIX=/usr/local" inst install
BIN=$D$P/bin/plantype SHARE=$D$P/share/plantype MAN=$D$P/share/man/man1/plantype.1
check "the program is installed, executable" test -x "$BIN"
for f in input/plantype.rng input/eras.xml input/eras.rng layouts/a4-report.xml layouts/layout.rng \
         fonts/BIZUDGothic-Regular.ttf fonts/BIZUDGothic-Bold.ttf fonts/OFL.txt; do
  check "data: $f, as in the repository" cmp -s "$f" "$SHARE/$f"
done
check "man page installed" test -s "$MAN"

# The installed program, run from /, on an edition outside the checkout.
cp input/r6.xml "$TMP/r6.xml"
"$PLANTYPE" "$TMP/r6.xml" -o "$TMP/built.pdf" 2>/dev/null
(cd / && "$BIN" "$TMP/r6.xml" -o "$TMP/installed.pdf" 2>"$TMP/err"); rc=$?
check_eq "installed program typesets r6 from /" "$rc" 0
check_eq "its summary" "$(tail -n 1 "$TMP/err")" "plantype: wrote $TMP/installed.pdf: 51 pages, 1 warning"
check "same PDF as the build's" cmp -s "$TMP/built.pdf" "$TMP/installed.pdf"
check "the message catalog is installed" test -s "$SHARE/locale/ja/LC_MESSAGES/plantype.mo"
(cd / && env -u LC_ALL LANG=ja_JP.UTF-8 "$BIN" "$TMP/r6.xml" -o "$TMP/ja.pdf" 2>"$TMP/err")
check_eq "installed program speaks Japanese with LANG=ja_JP.UTF-8" "$(tail -n 1 "$TMP/err")" \
  "plantype: $TMP/ja.pdf を書き出しました: 51 ページ、警告 1 件"
(cd / && "$BIN" -q --new-year "$TMP/r6.xml" -o "$TMP/r7.xml" 2>"$TMP/err"); rc=$?
check_eq "installed program makes next year's edition (its table of eras)" "$rc:$(grep -c 'year="7" fiscal-year="2025"' "$TMP/r7.xml")" "0:1"

# It reads the installed data, not the checkout's: without the installed
# layouts it fails and names where it looked.
mv "$SHARE/layouts" "$SHARE/layouts.away"
(cd / && "$BIN" "$TMP/r6.xml" -o "$TMP/x.pdf" 2>"$TMP/err"); rc=$?
check_eq "no installed layout: exit 1" "$rc" 1
check "no installed layout: named" grep -q "^plantype: $SHARE/layouts/a4-report.xml: cannot open" "$TMP/err"
mv "$SHARE/layouts.away" "$SHARE/layouts"
# PLANTYPE_DATA wins over the location.
(cd / && PLANTYPE_DATA=$TMP/nodata "$BIN" --check "$TMP/r6.xml" 2>"$TMP/err" >/dev/null); rc=$?
check_eq "PLANTYPE_DATA is used" "$rc:$(cat "$TMP/err")" \
  "1:plantype: $TMP/nodata/input/plantype.rng: cannot open: No such file or directory"
# A program moved away from any data says where it looked.
mkdir -p "$TMP/moved/bin" && cp "$PLANTYPE" "$TMP/moved/bin/plantype"
(cd / && "$TMP/moved/bin/plantype" --check "$TMP/r6.xml" 2>"$TMP/err" >/dev/null); rc=$?
check_eq "moved program without data" "$rc:$(cat "$TMP/err")" \
  "1:plantype: $TMP/moved/share/plantype/input/plantype.rng: cannot open: No such file or directory"

# The man page: renders without warnings, carries the version, documents
# every option --help lists.
check_eq "man page renders without warnings" \
  "$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$MAN" 2>&1)" ""
check_eq "man page version is the program's" "$(sed -n 's/^\.TH .*"plantype \(.*\)" .*/\1/p' "$MAN")" \
  "$("$BIN" --version | head -n 1 | cut -d' ' -f2)"
man=$(LC_ALL=C.UTF-8 MANWIDTH=100 man -l "$MAN" 2>/dev/null)
for opt in $("$BIN" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  check "man page documents $opt" grep -q -- "$opt" <<<"$man"
done

check "make uninstall" inst uninstall
check_eq "uninstall leaves nothing" "$(find "$D" -type f | wc -l)" 0
finish
