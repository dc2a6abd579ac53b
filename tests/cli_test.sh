#!/usr/bin/env bash
# The command line behaves as GNU tools do (coreutils' conventions, checked
# by hand against `ls --bogus`, `ls -o` etc.): --help on stdout with exit 0,
# --version, a wrong option named with the "Try" hint and exit 2, "--" ending
# the options, "--opt=value" and "--opt value", "-o -" for standard output,
# missing folders created, a summary line last, runs from any folder.
source "$(dirname "$0")/lib.sh"
BIN=$(realpath "$PLANTYPE")
R6=$(realpath input/r6.xml)
export SOURCE_DATE_EPOCH=1735689600
HINT="Try 'plantype --help' for more information."

# run ARGS...: sets out (stdout), err (stderr), rc.
run() { "$BIN" "$@" >"$TMP/stdout" 2>"$TMP/err"; rc=$?; out=$(cat "$TMP/stdout"); err=$(cat "$TMP/err"); }

# --- help and version
run --help
check_eq "--help: exit 0" "$rc" 0
check_eq "--help: nothing on stderr" "$err" ""
check_eq "--help: usage first, on stdout" "$(head -n 1 "$TMP/stdout")" "Usage: plantype [OPTION]... EDITION.xml"
cp "$TMP/stdout" "$TMP/help"
run -h
check_eq "-h is --help" "$out" "$(cat "$TMP/help")"
run --he     # a unique prefix of a long option is that option
check_eq "--he is --help" "$out" "$(cat "$TMP/help")"
run --version
check_eq "--version: exit 0" "$rc" 0
version=$(sed -n 's/^#define PT_VERSION "\(.*\)"$/\1/p' src/cmd.h)
check "the version is defined once in the source" test -n "$version"
check_eq "--version: name and version first" "$(head -n 1 "$TMP/stdout")" "plantype $version"

# --- wrong command lines: named, with the hint, exit 2, nothing on stdout.
# expect_usage WHAT MESSAGE ARGS...
expect_usage() {
  local what=$1 msg=$2; shift 2
  run "$@"
  check_eq "$what: exit 2" "$rc" 2
  check_eq "$what: message" "$err" "plantype: $msg"$'\n'"$HINT"
  check_eq "$what: nothing on stdout" "$out" ""
}
expect_usage "unknown long option" "unrecognized option '--bogus'" --bogus "$R6"
expect_usage "unknown long option with a value" "unrecognized option '--bogus=1'" --bogus=1 "$R6"
expect_usage "unknown short option" "invalid option -- 'x'" -x "$R6"
expect_usage "option without its value" "option '--output' requires an argument" "$R6" --output
expect_usage "short option without its value" "option requires an argument -- 'o'" "$R6" -o
expect_usage "value for a flag" "option '--check' doesn't allow an argument" --check=yes "$R6"
expect_usage "no edition" "missing operand: EDITION.xml"
expect_usage "two editions" "extra operand 'two.xml'" "$R6" two.xml

# --- "--" ends the options: an edition whose name starts with "-".
mkdir "$TMP/dash" && cp "$R6" "$TMP/dash/-r6.xml"
(cd "$TMP/dash" && "$BIN" --check -- -r6.xml >"$TMP/stdout" 2>/dev/null); rc=$?
check_eq "after --, -r6.xml is the edition" "$rc:$(head -c 8 "$TMP/stdout")" "0:-r6.xml:"
(cd "$TMP/dash" && "$BIN" --check -r6.xml >/dev/null 2>"$TMP/err"); rc=$?
check_eq "without --, -r6.xml is options" "$rc:$(head -n 1 "$TMP/err")" "2:plantype: invalid option -- 'r'"

# --- typesetting: from another folder, default output, folders created,
# the summary line last.
(cd "$TMP" && "$BIN" "$R6" 2>"$TMP/err"); rc=$?
check_eq "typesets from another folder: exit 0" "$rc" 0
check "default output out/r6.pdf under the current folder, out/ created" test -s "$TMP/out/r6.pdf"
check_eq "pages" "$(pdfinfo "$TMP/out/r6.pdf" | awk '/^Pages:/{print $2}')" 51
check_eq "the last line is the summary" "$(tail -n 1 "$TMP/err")" \
  "plantype: wrote out/r6.pdf: 51 pages, 1 warning"
check "the warning comes before it" grep -q "card 37 is incomplete" "$TMP/err"
cp "$TMP/out/r6.pdf" "$TMP/r6.pdf"

run "$R6" -o "$TMP/new/deeper/r6.pdf"
check_eq "-o into missing folders: exit 0" "$rc" 0
check "-o into missing folders: created, same PDF" cmp -s "$TMP/new/deeper/r6.pdf" "$TMP/r6.pdf"
run --output="$TMP/eq.pdf" "$R6"
check "--output=FILE" cmp -s "$TMP/eq.pdf" "$TMP/r6.pdf"
run -q --out "$TMP/sp.pdf" "$R6"
check "--out FILE (abbreviated, value as the next word)" cmp -s "$TMP/sp.pdf" "$TMP/r6.pdf"
check_eq "-q: no summary, the warning stays" "$(grep -c "wrote" "$TMP/err"):$(grep -c "card 37" "$TMP/err")" "0:1"

# -o -: the PDF on stdout, the same bytes; the summary says where it went.
mkdir "$TMP/tmpdir"   # a private TMPDIR: other runs on the machine do not count
TMPDIR="$TMP/tmpdir" "$BIN" -o - "$R6" >"$TMP/stdout.pdf" 2>"$TMP/err"; rc=$?
check_eq "-o -: exit 0" "$rc" 0
check "-o -: the PDF on stdout" cmp -s "$TMP/stdout.pdf" "$TMP/r6.pdf"
check_eq "-o -: summary" "$(tail -n 1 "$TMP/err")" "plantype: wrote standard output: 51 pages, 1 warning"
check "-o -: no file named -" test ! -e ./- -a ! -e "$TMP/-"
check_eq "-o -: no temporary left" "$(find "$TMP/tmpdir" -mindepth 1 | wc -l)" 0

# A bad edition with -o -: the error, exit 2, nothing on stdout.
printf '<report>' >"$TMP/bad.xml"
"$BIN" -o - "$TMP/bad.xml" >"$TMP/stdout.pdf" 2>"$TMP/err"; rc=$?
check_eq "-o - with a bad edition: exit 2" "$rc" 2
check_eq "-o - with a bad edition: nothing on stdout" "$(stat -c %s "$TMP/stdout.pdf")" 0
check "-o - with a bad edition: no summary" test "$(grep -c wrote "$TMP/err")" = 0

# A folder that cannot be made (a file is in the way): named as mkdir -p
# names it, exit 1.
touch "$TMP/file"
run "$R6" -o "$TMP/file/sub/r6.pdf"
check_eq "uncreatable folder: exit 1" "$rc" 1
check_eq "uncreatable folder: message" "$(tail -n 1 "$TMP/err")" \
  "plantype: $TMP/file/sub/r6.pdf: cannot create folder $TMP/file/sub: Not a directory"

# --layout FILE and --layout=FILE reach the program (a missing layout is named).
run --layout "$TMP/none.xml" "$R6" -o "$TMP/l.pdf"
check_eq "--layout FILE is used" "$rc:$(grep -c "$TMP/none.xml" "$TMP/err")" "1:1"
run --layout="$TMP/none.xml" "$R6" -o "$TMP/l.pdf"
check_eq "--layout=FILE is used" "$rc:$(grep -c "$TMP/none.xml" "$TMP/err")" "1:1"

# --- the README documents every option --help lists.
for opt in $(grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u); do
  check "README documents $opt" grep -q -- "$opt" README.md
done
finish
