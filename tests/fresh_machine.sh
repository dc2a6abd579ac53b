#!/usr/bin/env bash
# Proves that one `make` sets up a machine that lacks the build packages,
# without disturbing this machine (not part of `make test`; needs root and
# the network that apt-get uses).
#
# With `locales` among the packages, the generated locales go too, so that
# make must generate ja_JP.UTF-8 again; the last line is then a Japanese run.
#
#   tests/fresh_machine.sh [PACKAGE...]   (default: libhpdf-dev libharfbuzz-dev)
#
# In a private mount namespace, a copy-on-write overlay of / (its changes kept
# in a tmpfs that disappears with the namespace) becomes the root of a chroot.
# There the packages are removed with apt-get, the removal is confirmed
# (pkg-config and the headers no longer find them), this repository is cloned
# afresh and `make` runs once; it must install the packages, build and typeset
# the default edition. The real system's packages are never touched.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
pkgs=${*:-libhpdf-dev libharfbuzz-dev}
[ "$(id -u)" = 0 ] || { echo "fresh_machine.sh: needs root" >&2; exit 1; }

exec unshare --mount --propagation private bash -eu -c '
repo=$1 pkgs=$2
t=$(mktemp -d)
mount -t tmpfs tmpfs "$t"
mkdir "$t/up" "$t/work" "$t/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$t/up,workdir=$t/work" "$t/root"
mount --rbind /dev "$t/root/dev"
mount -t proc proc "$t/root/proc"
chroot "$t/root" /bin/bash -eu -c "
  export DEBIAN_FRONTEND=noninteractive
  echo \"== removing: $pkgs\"
  apt-get remove -y -qq $pkgs >/dev/null
  for p in $pkgs; do
    if dpkg-query -W -f=\"\\\${Status}\" \$p 2>/dev/null | grep -q \"ok installed\"; then
      echo \"still installed: \$p\"; exit 1; fi; done
  if pkg-config --exists harfbuzz 2>/dev/null || [ -e /usr/include/hpdf.h ]; then
    echo \"harfbuzz or hpdf.h still present\"; exit 1; fi
  case \" $pkgs \" in *\" locales \"*)   # and the generated locales with it
    rm -rf /usr/lib/locale/locale-archive /usr/lib/locale/ja_JP*
    sed -i \"s/^ja_JP.UTF-8/# ja_JP.UTF-8/\" /etc/locale.gen
    if locale -a | grep -qi ja_jp; then echo \"ja_JP still there\"; exit 1; fi;; esac
  echo \"== removed; hb.h and hpdf.h are gone\"
  git clone -q --no-local \"$repo\" /tmp/fresh
  cd /tmp/fresh
  echo \"== make (once) in a fresh clone of $repo at \$(git rev-parse --short HEAD)\"
  make
  echo \"== result\"
  ls -l build/plantype out/*.pdf
  pdfinfo out/r6.pdf | grep ^Pages:
  env -u LC_ALL LANG=ja_JP.UTF-8 build/plantype input/r6.xml -o /tmp/ja.pdf 2>&1 | tail -n 1
"
' bash "$repo" "$pkgs"
