#!/usr/bin/env bash
# Build a free-threaded CPython 3.13t ("--disable-gil") from Debian trixie's python3.13
# source into a private, cached prefix: $LIMPET_CACHE/py3.13t/bin/python3.13t.
# FT_VERSION=3.15 FT_SUITE=sid: the same from sid's python3.15 (3.15t, for the abi3t binary,
# issue 17) into $LIMPET_CACHE/py3.15t. Exit 3 (and nothing built) when the suite's mirror does
# not serve that source package: Debian's mirror here 404s on sid's python3.14/3.15 sources
# (measured 2026-12-07; trixie's python3.13 is served).
#
# Nothing system-wide is changed: apt runs with private state/cache dirs and a private
# sources.list holding one `deb-src ... trixie main` line; only the upstream (orig) tarball
# of the source package is used (Debian's patches are for its own packaging layout).
# Cold: about 4-6 minutes on 2 cores. Warm (self-check passes): well under a second.
# Usage: [FT_VERSION=3.15 FT_SUITE=sid] scripts/build-freethreaded.sh   (prints the interpreter path last)
set -euo pipefail

CACHE=${LIMPET_CACHE:-$HOME/.cache/limpet}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
V=${FT_VERSION:-3.13}
SUITE=${FT_SUITE:-trixie}
P=$CACHE/py${V}t
PY=$P/bin/python${V}t
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

exec 9>"$CACHE/.freethreaded-$V.lock"
flock 9

log() { printf 'build-freethreaded: %s\n' "$*" >&2; }

selfcheck() {
    [ -x "$PY" ] || return 1
    "$PY" -c "
import sys, sysconfig, ssl, ctypes, zlib, venv
assert sysconfig.get_config_var('Py_GIL_DISABLED') == 1
assert 'free-threading' in sys.version, sys.version
assert '%d.%d' % sys.version_info[:2] == '$V'
" >/dev/null 2>&1
}

if selfcheck; then
    log "cached: $("$PY" -c 'import sys; print(sys.version.split()[0])') (free-threading) at $PY"
    echo "$PY"
    exit 0
fi

t0=$(date +%s)
A=$CACHE/apt-$SUITE-src
mkdir -p "$A/lists/partial" "$A/cache" "$A/archives/partial" "$A/src"
KR=/usr/share/keyrings/debian-archive-keyring.gpg
URI=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$URI" ] || URI=http://deb.debian.org/debian
echo "deb-src [signed-by=$KR] $URI $SUITE main" >"$A/sources.list"
o=(-oDir::State::Lists="$A/lists" -oDir::Etc::SourceList="$A/sources.list"
   -oDir::Etc::SourceParts=/dev/null -oDir::Cache="$A/cache" -oDir::Cache::Archives="$A/archives"
   -oAPT::Sandbox::User=root)
log "apt-get update ($SUITE deb-src, private lists under $A)"
apt-get "${o[@]}" -q update >/dev/null
rm -rf "$A/src"; mkdir -p "$A/src"
log "downloading python$V source ($SUITE)"
if ! (cd "$A/src" && apt-get "${o[@]}" -q source --download-only "python$V/$SUITE" >"$A/source.log" 2>&1); then
    # Listed in Sources but not served (404), or not listed at all: nothing to build from.
    log "python$V source ($SUITE) unavailable from $URI: $(grep -m1 -E '^E: |404' "$A/source.log" || tail -n1 "$A/source.log")"
    exit 3
fi
ORIG=$(ls "$A"/src/python"$V"_*.orig.tar.* 2>/dev/null | head -n1)
[ -f "$ORIG" ] || { log "no orig tarball downloaded"; exit 1; }
B=$A/build
rm -rf "$B"; mkdir -p "$B"
tar -xf "$ORIG" -C "$B"
SRC=$(find "$B" -mindepth 1 -maxdepth 1 -type d | head -n1)
log "configure --disable-gil in $SRC"
cd "$SRC"
./configure --prefix="$P" --disable-gil --with-ensurepip=no >"$B/configure.log" 2>&1 ||
    { tail -n 40 "$B/configure.log" >&2; exit 1; }
log "make -j$JOBS (a few minutes)"
make -j"$JOBS" >"$B/make.log" 2>&1 || { tail -n 40 "$B/make.log" >&2; exit 1; }
rm -rf "$P"
make altinstall >"$B/install.log" 2>&1 || { tail -n 40 "$B/install.log" >&2; exit 1; }
cd /
rm -rf "$B" "$A/src"   # the installed prefix is the cache
if selfcheck; then
    log "built in $(( $(date +%s) - t0 )) s: $("$PY" -c 'import sys; print(sys.version)' | head -n1)"
    echo "$PY"
else
    log "self-check FAILED"
    "$PY" -c 'import sys, sysconfig; print(sys.version, sysconfig.get_config_var("Py_GIL_DISABLED"))' >&2 || true
    exit 1
fi
