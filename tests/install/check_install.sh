#!/bin/sh
# Install into a scratch prefix, then use what was installed as a user would:
# the binary, the packs, and the library through pkg-config from a C program.
# check_install.sh BUILD_DIR SOURCE_DIR C_COMPILER
set -eu
build=$1 src=$2 cc=$3
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null
"$prefix/bin/parity" --version | grep -q "^parity "
test -f "$prefix/share/parity/rules/vi/pack.yaml"
test -f "$prefix/include/parity.h"
"$prefix/bin/parity" rules test "$prefix/share/parity/rules" >/dev/null

pc=$(dirname "$(find "$prefix" -name parity.pc | head -n 1)")
export PKG_CONFIG_PATH="$pc"
# shellcheck disable=SC2046
"$cc" -o "$prefix/api_smoke" "$src/tests/api/api_smoke.c" $(pkg-config --cflags --libs --static parity)
"$prefix/api_smoke"
echo "installed parity works"
