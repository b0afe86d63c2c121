#!/bin/sh
# Install the Debian packages parity needs to build and test, if missing.
#   sh tools/setup-deps.sh         build + test dependencies
#   sh tools/setup-deps.sh --ci    also clang (second compiler, sanitizers), LibreOffice (the annotated
#                                  DOCX must open in it), Chromium (the HTML report is rendered in it),
#                                  GNU parallel, Slurm and munge (sharded runs: tests/cluster, a real
#                                  single-node Slurm in a few seconds), valgrind (tests/valgrind: the
#                                  suite under memcheck). unzip: annotate/kill checks copies with it.
set -eu
pkgs="gcc make cmake pkg-config libpcre2-dev libyaml-dev libxml2-dev libzip-dev libutf8proc-dev
libcriterion-dev python3 python3-jsonschema unzip"
[ "${1:-}" = "--ci" ] && pkgs="$pkgs clang libreoffice-writer-nogui chromium parallel slurm-wlm munge valgrind"

missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "setup-deps: installing:$missing" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
