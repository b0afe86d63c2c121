#!/bin/sh
# Install Microsoft's SARIF Multitool (from npm) for the `sarif/multitool` test.
#   sh tests/sarif/install-multitool.sh [PREFIX]
# PREFIX defaults to build-tools/sarif-multitool in the source tree (ignored by
# git, shared by every build folder). Without npm it says so and exits 0: the
# test then reports itself skipped. A failed install exits 1.
set -eu
version=5.7.0
src=$(cd "$(dirname "$0")/../.." && pwd)
prefix=${1:-$src/build-tools/sarif-multitool}

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "install-multitool: npm/node not found: the sarif/multitool test will be skipped" >&2
    exit 0
fi
pkg="$prefix/node_modules/@microsoft/sarif-multitool/package.json"
if [ -f "$pkg" ] && grep -q "\"version\": \"$version\"" "$pkg"; then
    echo "install-multitool: SARIF Multitool $version already in $prefix" >&2
else
    echo "install-multitool: installing @microsoft/sarif-multitool@$version into $prefix" >&2
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version" >&2
fi
# The package's postinstall only marks the binary executable; npm may not run install scripts.
bin=$(node -e 'process.stdout.write(require(process.argv[1]))' "$prefix/node_modules/@microsoft/sarif-multitool")
chmod u+x "$bin"
"$bin" --version >/dev/null
echo "install-multitool: $bin" >&2
