#!/usr/bin/env bash
# Provision CPython 3.14 and 3.15 (plus their headers) from Debian sid into a private,
# cached prefix: $LIMPET_CACHE/py3.X/usr/bin/python3.X and
# $LIMPET_CACHE/py3.X/usr/include/python3.X/Python.h.
#
# Nothing system-wide is changed except installing Debian's `patchelf` when it is missing.
# sid's .debs need a newer glibc than bookworm's, so sid's libc is unpacked into the same
# prefix and the interpreter is patched (ELF interpreter + DT_RPATH) to use it. Never
# LD_LIBRARY_PATH: it would leak sid's libc into child processes.
# Idempotent: a version whose self-check passes is skipped (re-runs take about 1.5 s).
# Compiling against the headers needs BOTH -I$P/usr/include/python3.X and -I$P/usr/include
# (Debian's pyconfig.h wrapper includes <x86_64-linux-gnu/python3.X/pyconfig.h>).
# Usage: scripts/provision-interpreters.sh [VERSION...]   (default: 3.14 3.15)
set -euo pipefail

CACHE=${LIMPET_CACHE:-$HOME/.cache/limpet}
VERSIONS=("$@")
[ ${#VERSIONS[@]} -gt 0 ] || VERSIONS=(3.14 3.15)
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)

# One provisioning at a time per cache (CI and a developer shell may overlap).
exec 9>"$CACHE/.provision.lock"
flock 9

log() { printf 'provision: %s\n' "$*"; }

# Shared libraries the sid interpreter and its stdlib extension modules need (no versions
# pinned: sid keeps only current versions; the self-check catches a new dependency).
LIBS="libc6 libssl3t64 libexpat1 zlib1g libffi8 libzstd1 libsqlite3-0 libreadline8t64 libncursesw6 libtinfo6 liblzma5 libbz2-1.0 libuuid1 libdb5.3t64 libgcc-s1 libcrypt1 libmpdec4"

selfcheck() { # VERSION -> 0 when the prefix is complete and the interpreter works
    local V=$1 P=$CACHE/py$1
    [ -x "$P/usr/bin/python$V" ] || return 1
    [ -f "$P/usr/include/python$V/Python.h" ] || return 1
    ls "$P"/usr/include/x86_64-linux-gnu/python"$V"/pyconfig.h "$P/usr/include/python$V/pyconfig.h" >/dev/null 2>&1 ||
        [ -e "$P/usr/include/python$V/pyconfig.h" ] || return 1
    compgen -G "$P/usr/share/python-wheels/pip-*.whl" >/dev/null || return 1
    "$P/usr/bin/python$V" -c "
import sys, ssl, ctypes, decimal, sqlite3, zlib, lzma, bz2, venv, ensurepip, subprocess, sysconfig
assert '%d.%d' % sys.version_info[:2] == '$V', sys.version
assert not sysconfig.get_config_var('Py_GIL_DISABLED')
# a child process must work too (venv and pytest spawn sys.executable)
subprocess.check_call([sys.executable, '-c', 'import ssl'])
" >/dev/null 2>&1
}

todo=()
for V in "${VERSIONS[@]}"; do
    if selfcheck "$V"; then
        log "python$V ok (cached): $("$CACHE/py$V/usr/bin/python$V" -c 'import sys; print(sys.version.split()[0])') at $CACHE/py$V/usr/bin/python$V"
    else
        todo+=("$V")
    fi
done
[ ${#todo[@]} -gt 0 ] || exit 0

export DEBIAN_FRONTEND=noninteractive
if ! command -v patchelf >/dev/null 2>&1; then
    log "installing patchelf (apt-get)"
    apt-get update -q >/dev/null
    apt-get install -y -q patchelf >/dev/null
fi

A=$CACHE/apt
mkdir -p "$A/lists/partial" "$A/cache" "$A/archives/partial" "$A/debs"
KR=/usr/share/keyrings/debian-archive-keyring.gpg
URI=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$URI" ] || URI=http://deb.debian.org/debian
echo "deb [signed-by=$KR] $URI sid main" >"$A/sources.list"
o=(-oDir::State::Lists="$A/lists" -oDir::Etc::SourceList="$A/sources.list"
   -oDir::Etc::SourceParts=/dev/null -oDir::Cache="$A/cache" -oDir::Cache::Archives="$A/archives"
   -oAPT::Sandbox::User=root)
log "apt-get update (sid, private lists under $A)"
apt-get "${o[@]}" -q update >/dev/null

for V in "${todo[@]}"; do
    t0=$(date +%s)
    P=$CACHE/py$V
    L=$P/usr/lib/x86_64-linux-gnu
    D=$A/debs/$V
    rm -rf "$P" "$D"
    mkdir -p "$P" "$D"
    log "downloading python$V + headers + libraries from sid"
    (cd "$D" && apt-get "${o[@]}" -q download \
        "python$V" "python$V-minimal" "libpython$V-minimal" "libpython$V-stdlib" "python$V-venv" \
        "libpython$V" "libpython$V-dev" "python$V-dev" python3-pip-whl $LIBS >/dev/null)
    for f in "$D"/*.deb; do dpkg -x "$f" "$P"; done
    [ -e "$P/usr/lib64/ld-linux-x86-64.so.2" ] || { echo "provision: no loader in $P/usr/lib64" >&2; exit 1; }
    patchelf --set-interpreter "$P/usr/lib64/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$L" "$P/usr/bin/python$V"
    rm -rf "$D"   # the unpacked prefix is the cache; the .debs are not needed again
    if selfcheck "$V"; then
        log "python$V provisioned in $(( $(date +%s) - t0 )) s: $("$P/usr/bin/python$V" -c 'import sys; print(sys.version.split()[0])') at $P/usr/bin/python$V"
    else
        echo "provision: self-check of python$V FAILED; details:" >&2
        "$P/usr/bin/python$V" -c 'import sys, ssl, ctypes, decimal, sqlite3, venv, ensurepip; print(sys.version)' >&2 || true
        ls "$P/usr/include/python$V/Python.h" "$P"/usr/share/python-wheels/ >&2 || true
        exit 1
    fi
done
