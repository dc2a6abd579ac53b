# lib.sh - helpers for shell tests: source it, call check/check_eq, end with finish.
# Runs from the repository root; $PLANTYPE is the binary under test.
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
: "${PLANTYPE:=build/plantype}"
pass=0; fail=0
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() { local what=$1; shift; if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $what"; fi; }
# check_eq DESCRIPTION GOT WANT
check_eq() { if [ "$2" == "$3" ]; then pass=$((pass+1)); else fail=$((fail+1)); printf 'FAIL %s:\n   got  %s\n   want %s\n' "$1" "$2" "$3"; fi; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; }

# --- the PDF readers a user opens a file with; each *_ok PDF prints what the
# reader said when it fails.
# pdffonts: every font embedded, subset, with a ToUnicode map (emb sub uni).
fonts_ok() {
  local out; out=$(pdffonts "$1" 2>&1) || { echo "$out"; return 1; }
  # columns from the right: ... emb sub uni object-number generation
  echo "$out" | awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-3) != "yes" ||
                                      $(NF-2) != "yes") bad++ }
                     END { exit !(n >= 1 && bad == 0) }' || { echo "$out"; return 1; }
}
qpdf_ok() {
  local out; out=$(qpdf --check "$1" 2>&1)
  grep -q "No syntax or stream encoding errors found" <<<"$out" &&
    ! grep -qiE "warning|error:|damaged|recovered" <<<"$out" || { echo "$out"; return 1; }
}
# mutool reports each page it draws ("page FILE N"); anything else but the
# note that this build has no ICC support is a complaint about the file.
mutool_ok() {
  local out; out=$(mutool draw -o /dev/null "$1" 2>&1 |
                   grep -v -e "ICC support is not available" -e "^page $1 [0-9]*$")
  [ -z "$out" ] || { echo "$out"; return 1; }
}
gs_ok() {
  local out; out=$(gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage "$1" 2>&1)
  [ -z "$out" ] || { echo "$out"; return 1; }
}
pdftotext_ok() {
  local out; out=$(pdftotext "$1" /dev/null 2>&1)
  [ -z "$out" ] || { echo "$out"; return 1; }
}
# check_readers PDF: the five readers, one check each.
check_readers() {
  check "pdffonts: emb, sub and uni yes for every font" fonts_ok "$1"
  check "pdftotext is silent" pdftotext_ok "$1"
  check "qpdf --check" qpdf_ok "$1"
  check "mutool draw is silent" mutool_ok "$1"
  check "ghostscript is silent" gs_ok "$1"
}
# check_kinsoku LINES: no extracted line (pdftotext -raw, one per line of the
# file) starts with a character kinsoku forbids or ends with an opening bracket.
check_kinsoku() {
  check_eq "no line starts with a forbidden character" \
    "$(sed 's/^ *//' "$1" | grep -c '^[」』）〕］｝〉》】、。，．・：；！？ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々％®]')" 0
  check_eq "no line ends with an opening bracket" "$(sed 's/ *$//' "$1" | grep -c '[「『（〔［｛〈《【(]$')" 0
}
# typeset_r6: the default edition into $PDF ($TMP/r6.pdf) with a fixed date;
# SEED is the source text it is checked against.
typeset_r6() {
  export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1735689600
  SEED=tests/fixtures/seed.txt
  PDF=$TMP/r6.pdf
  "$PLANTYPE" input/r6.xml -o "$PDF" 2>/dev/null
  check "typesets r6" test -s "$PDF"
}
