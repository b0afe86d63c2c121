#!/bin/sh
# usage: cli.sh PARITY SAMPLES_DIR
# --annotate takes exactly one DOCX, never writes over its input, and reports what it wrote.
set -u
parity=$1
samples=$2
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cp "$samples/du-thao-quy-che-bo-nhiem.docx" "$dir/a.docx"
cp "$samples/du-thao-quy-che-bo-nhiem.txt" "$dir/a.txt"
cp "$dir/a.docx" "$dir/orig.docx"

"$parity" check --no-config --annotate "$dir/o.docx" "$dir/a.docx" "$dir/a.docx" >/dev/null 2>"$dir/err"
[ $? = 2 ] || fail "two inputs: not a usage error"
grep -q "exactly one DOCX" "$dir/err" || fail "two inputs: unclear message: $(cat "$dir/err")"
"$parity" check --no-config --annotate "$dir/o.docx" "$dir/a.txt" >/dev/null 2>"$dir/err"
[ $? = 2 ] || fail "text input: not a usage error"
grep -q "needs a DOCX input" "$dir/err" || fail "text input: unclear message: $(cat "$dir/err")"
"$parity" check --no-config --annotate "$dir/o.docx" - <"$dir/a.docx" >/dev/null 2>&1
[ $? = 2 ] || fail "stdin: not a usage error"
[ -e "$dir/o.docx" ] && fail "a copy was written after a usage error"

"$parity" check --no-config --annotate "$dir/a.docx" "$dir/a.docx" >/dev/null 2>"$dir/err"
[ $? = 2 ] || fail "output = input: not refused as a usage error"
ln "$dir/a.docx" "$dir/link.docx"
"$parity" check --no-config --annotate "$dir/link.docx" "$dir/a.docx" >/dev/null 2>"$dir/err"
[ $? = 2 ] || fail "output = a hard link to the input: not refused"
cmp -s "$dir/a.docx" "$dir/orig.docx" || fail "the input was modified"

"$parity" check --no-config -q --annotate "$dir/o.docx" "$dir/a.docx" >/dev/null 2>"$dir/err"
[ -s "$dir/err" ] && fail "--quiet still wrote: $(cat "$dir/err")"
[ -s "$dir/o.docx" ] || fail "no copy written"
ls -a "$dir" | grep -q parity-annotate && fail "a temporary file was left behind"
"$parity" check --no-config "$dir/o.docx" >"$dir/again" 2>/dev/null
"$parity" check --no-config "$dir/a.docx" >"$dir/first" 2>/dev/null
sed "s#$dir/o.docx#X#" "$dir/again" >"$dir/again.x"
sed "s#$dir/a.docx#X#" "$dir/first" >"$dir/first.x"
cmp -s "$dir/again.x" "$dir/first.x" || fail "the annotated copy does not check as the original"
echo ok
