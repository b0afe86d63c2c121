#!/bin/sh
# Run one golden case: run.sh CASE_DIR WORK_DIR PARITY MKDOCX SOURCE_DIR
set -u
case_dir=$1 work=$2 parity=$3 mkdocx=$4 src=$5

rm -rf "$work" && mkdir -p "$work" || exit 99
for f in "$case_dir"/*; do
    case $(basename "$f") in
        args|prepare|stdin|expected.*) ;;
        *.docx.txt) "$mkdocx" "$f" "$work/$(basename "$f" .txt)" || exit 99 ;;
        *) cp -R "$f" "$work/" ;;
    esac
done
cd "$work" || exit 99
if [ -f "$case_dir/prepare" ]; then
    SRC=$src sh "$case_dir/prepare" || { echo "prepare failed"; exit 99; }
fi

# One argument per line; @SRC@ is the source tree.
set --
while IFS= read -r line || [ -n "$line" ]; do
    set -- "$@" "$(printf '%s' "$line" | sed "s|@SRC@|$src|g")"
done < "$case_dir/args"

input=/dev/null
[ -f "$case_dir/stdin" ] && input="$case_dir/stdin"
NO_COLOR=1 "$parity" "$@" < "$input" > actual.out 2> actual.err
echo $? > actual.exit
# Paths of the source tree are not part of the expectation.
sed -i -e "s|$parity|parity|g" -e "s|$src|@SRC@|g" actual.out actual.err

status=0
for kind in out err exit; do
    expected="$case_dir/expected.$kind"
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        if [ $kind != err ] || [ -s actual.err ] || [ -f "$expected" ]; then
            cp "actual.$kind" "$expected"
        fi
        continue
    fi
    if [ ! -f "$expected" ]; then
        [ $kind = err ] && continue
        cp "actual.$kind" "$expected"
        echo "no $expected: wrote the actual output there; review it and run again"
        status=1
        continue
    fi
    if ! diff -u "$expected" "actual.$kind"; then
        status=1
    fi
done
exit $status
