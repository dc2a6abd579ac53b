#!/usr/bin/env bash
# fontcache_test.sh - the remembered SHA-256 of the font files (fontcache.h):
# the cache holds what sha256sum says, it is used (a planted wrong hash shows
# up in the PDF's font manifest), and it is never trusted once the file's
# identity moves: a touch (new times) or a chmod (only the status-change time)
# brings back the true hash. Works on a copy of the data folder, with its own
# XDG_CACHE_HOME.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export SOURCE_DATE_EPOCH=1735689600
data=$TMP/data
mkdir -p "$data/fonts"
for d in *; do [ -e "$data/$d" ] || ln -s "$PWD/$d" "$data/$d"; done
cp fonts/BIZUDGothic-Regular.ttf fonts/BIZUDGothic-Bold.ttf fonts/OFL.txt "$data/fonts/"
export PLANTYPE_DATA=$data XDG_CACHE_HOME=$TMP/cache
cache=$TMP/cache/plantype/font-sha256
regular=$(sha256sum <"$data/fonts/BIZUDGothic-Regular.ttf" | cut -d' ' -f1)
bold=$(sha256sum <"$data/fonts/BIZUDGothic-Bold.ttf" | cut -d' ' -f1)
fake=0000000000000000000000000000000000000000000000000000000000000000

# The manifest's hash of the regular face in the PDF typeset now.
manifest_regular() {
  "$PLANTYPE" -q input/r6.xml -o "$TMP/r6.pdf" 2>/dev/null || return
  pdfinfo -meta "$TMP/r6.pdf" | tr ';<>' '\n\n\n' | sed -n 's/^ *BIZUDGothic-Regular.ttf //p'
}

check_eq "first run: manifest has sha256sum's hash" "$(manifest_regular)" "$regular"
check "the cache was written" test -s "$cache"
check_eq "the cache holds both faces' hashes" "$(cut -d' ' -f1 "$cache" | sort)" \
  "$(printf '%s\n' "$regular" "$bold" | sort)"
check_eq "the cache is the user's alone" "$(stat -c %a "$cache")" 600
check_eq "second run (from the cache): the same hash" "$(manifest_regular)" "$regular"

# Plant a wrong hash for the regular face, keeping its identity.
sed -i "s/^$regular /$fake /" "$cache"
check_eq "a remembered hash is used" "$(manifest_regular)" "$fake"

touch "$data/fonts/BIZUDGothic-Regular.ttf"
check_eq "after touch: the true hash again" "$(manifest_regular)" "$regular"
check "after touch: the cache is corrected" grep -q "^$regular " "$cache"

sed -i "s/^$regular /$fake /" "$cache"
check_eq "planted again: used again" "$(manifest_regular)" "$fake"
chmod 600 "$data/fonts/BIZUDGothic-Regular.ttf"    # only ctime moves
check_eq "after chmod (same content, same mtime): the true hash" "$(manifest_regular)" "$regular"

# A cache that is garbage, or a folder that cannot be written, changes nothing.
printf 'garbage\n%s\n' "$(head -c 300 /dev/urandom | base64 -w0)" >"$cache"
check_eq "garbage cache: the true hash" "$(manifest_regular)" "$regular"
rm -rf "$TMP/cache"; mkdir -p "$TMP/cache"; : >"$TMP/cache/plantype"   # a file where the folder goes
check_eq "unwritable cache: the true hash" "$(manifest_regular)" "$regular"
check "unwritable cache: the PDF is still written" test -s "$TMP/r6.pdf"
finish
