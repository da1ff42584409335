#!/usr/bin/env bash
# The cross targets of `make cross-check` (installed once, then cached; re-runs take ~1 s):
# rustup's std for x86_64-pc-windows-gnu (built and linked for real), x86_64-pc-windows-msvc,
# x86_64-apple-darwin and aarch64-apple-darwin (`cargo check` only: no MSVC or Apple linker
# here), and Debian's MinGW-w64 cross gcc + binutils (the windows-gnu linker and objdump).
set -euo pipefail
TARGETS=(x86_64-pc-windows-gnu x86_64-pc-windows-msvc x86_64-apple-darwin aarch64-apple-darwin)
installed=$(rustup target list --installed)
missing=()
for t in "${TARGETS[@]}"; do
    grep -qx "$t" <<<"$installed" || missing+=("$t")
done
[ ${#missing[@]} -eq 0 ] || rustup target add "${missing[@]}"
if ! command -v x86_64-w64-mingw32-gcc >/dev/null || ! command -v x86_64-w64-mingw32-objdump >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
    $SUDO apt-get install -y --no-install-recommends gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 ||
        { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64; }
fi
echo "provision-cross: ${TARGETS[*]} and $(x86_64-w64-mingw32-gcc --version | head -1) ready"
