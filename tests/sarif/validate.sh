#!/bin/sh
# The `sarif/multitool` test: SARIF written by the real CLI must pass Microsoft's
# SARIF Multitool validator with no error and no warning (multitool.sh checks one log).
#   sh validate.sh PARITY SOURCE_DIR WORK_DIR MULTITOOL_PREFIX
# Exit 0 clean, 1 when the validator reports a problem or the CLI misbehaves, 77
# (skipped) when the multitool is not installed (tests/sarif/install-multitool.sh).
set -u
parity=$1 src=$2 work=$3 prefix=$4
check="$src/tests/sarif/multitool.sh"

rm -rf "$work" && mkdir -p "$work" || exit 99
samples="corpora/samples"
status=0

# run NAME EXPECTED_EXIT ARGS...: parity check -f sarif ARGS > NAME.sarif, run from the source
# tree so relative paths give relative URIs (one case uses absolute ones).
run() {
    name=$1 want=$2
    shift 2
    (cd "$src" && "$parity" check -f sarif "$@" > "$work/$name.sarif" 2> "$work/$name.err")
    got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL $name: parity exited $got, expected $want"
        cat "$work/$name.err"
        status=1
    fi
}

head -c 1500 "$src/$samples/du-thao-quy-che-bo-nhiem.docx" > "$work/cut-short.docx"
printf 'Điều 1.\nabc\377\376 def\n' > "$work/not-utf8.txt"
printf 'Điều 1. Phạm vi\nQuy chế này áp dụng cho công chức, viên chức của Sở.\n' > "$work/clean.txt"
# A finding the draft waives (parity-ignore): a result with suppressions [{kind: inSource}].
printf 'Điều 1. Tuổi bổ nhiệm\n# parity-ignore age-gap: trích dẫn quy định cũ để so sánh\nTheo quy định cũ: nam không quá 60 tuổi, nữ không quá 55 tuổi.\n' > "$work/suppressed.txt"

run samples 1 "$samples"
run samples-en 1 --lang en "$samples/du-thao-quy-che-bo-nhiem.docx" "$samples/du-thao-quy-che-bo-nhiem.txt"
run absolute 1 "$src/$samples/du-thao-quy-che-bo-nhiem.txt"
run unreadable 3 "$work/cut-short.docx" "$work/not-utf8.txt" "$work/missing file.txt" \
    "$samples/du-thao-quy-che-bo-nhiem.txt"
run clean 0 "$work/clean.txt"
run suppressed 0 "$work/suppressed.txt"

for log in "$work"/*.sarif; do
    case $log in *.validation.sarif) continue ;; esac
    sh "$check" "$log" "$prefix"
    rc=$?
    [ $rc = 77 ] && exit 77
    [ $rc = 0 ] || status=1
done
exit $status
