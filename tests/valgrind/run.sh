#!/bin/sh
# Memcheck over the test suite (issue 8): zero errors and zero leaks.
#
#   sh tests/valgrind/run.sh BUILD_DIR [quick]
#
# BUILD_DIR is a plain gcc build (no sanitizers; valgrind 3.19 cannot read
# the DWARF 5 of clang 14, which gives false errors). Runs under
# valgrind memcheck: every Criterion unit executable (--jobs 1, children
# traced: each test runs in a child process), the API program, the CLI on
# every sample of corpora/samples in every report format, with --annotate,
# extract and rules test, and a set of golden cases (their expected output
# checked as usual, parity replaced by a valgrind wrapper). Each process
# writes its own log; the run fails if any log reports an error, a
# definitely or indirectly lost block (errors in the machine code PCRE2's JIT
# generates are suppressed, pcre2-jit.supp says why). "quick" skips
# the unit tests (the slowest part). Ends with "N passed, N failed".
set -u
build=$(cd "$1" && pwd) || exit 1
mode=${2:-full}
src=$(cd "$(dirname "$0")/../.." && pwd)
parity=$build/parity
supp=$src/tests/valgrind/pcre2-jit.supp # machine code PCRE2's JIT makes: see the file
# Children are traced (Criterion runs each test in a re-executed child), but not the system's own
# programs that some tests start (sh, python3, node, sed...): they are not ours, and slow.
vgopts="--tool=memcheck --trace-children=yes --trace-children-skip=/usr/*,/bin/*,/sbin/* --error-exitcode=99
 --leak-check=full --suppressions=$supp --errors-for-leak-kinds=definite,indirect
 --show-leak-kinds=definite,indirect --num-callers=30"
work=$build/valgrind
rm -rf "$work" && mkdir -p "$work/logs" || exit 1
command -v valgrind >/dev/null || { echo "valgrind is not installed (sh tools/setup-deps.sh --ci)"; exit 1; }

# Each step: a name for its logs, then the command; its own exit status must be as expected.
passed=0 failed=0
step() {
    name=$1 want=$2
    shift 2
    # shellcheck disable=SC2086
    valgrind $vgopts --log-file="$work/logs/$name.%p.log" "$@" >"$work/$name.out" 2>&1
    rc=$?
    case " $want " in
        *" $rc "*) passed=$((passed + 1)) ;;
        *) failed=$((failed + 1)); echo "FAIL $name: exit $rc (expected $want)"; tail -5 "$work/$name.out" ;;
    esac
}

# 1. Unit tests (Criterion runs each test in a child: --jobs 1 keeps them in order).
#    Two executables at a time, each in a subshell that reports its verdict in a file.
if [ "$mode" != quick ]; then
    for u in "$build"/tests/unit_*; do
        [ -x "$u" ] && echo "$u"
    done >"$work/units"
    # shellcheck disable=SC2016
    VGOPTS=$vgopts WORK=$work xargs -P 2 -I{} sh -c '
        name=$(basename "$1")
        # shellcheck disable=SC2086
        valgrind $VGOPTS --log-file="$WORK/logs/$name.%p.log" "$1" --jobs 1 >"$WORK/$name.out" 2>&1
        echo $? >"$WORK/$name.rc"' sh {} <"$work/units"
    while IFS= read -r u; do
        name=$(basename "$u")
        if [ "$(cat "$work/$name.rc" 2>/dev/null)" = 0 ]; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1)); echo "FAIL $name: exit $(cat "$work/$name.rc" 2>/dev/null)"; tail -5 "$work/$name.out"
        fi
    done <"$work/units"
fi

# 2. The API program.
step api_smoke 0 "$build/tests/api/api_smoke"

# 3. The CLI on every sample, every report format, and the other commands.
cp "$src/corpora/samples/du-thao-quy-che-bo-nhiem.docx" "$work/in.docx"
for f in "$src"/corpora/samples/*; do
    case $f in *.md|*.png|*.expected|*.mkdocx) continue ;; esac
    b=$(basename "$f")
    for fmt in text json sarif jsonl junit gitlab html; do
        step "cli-$b-$fmt" "0 1" "$parity" check --no-config -f "$fmt" "$f"
    done
    step "extract-$b" 0 "$parity" extract --format json "$f"
done
step cli-annotate "0 1" "$parity" check --no-config --annotate "$work/out.docx" "$work/in.docx"
step cli-annotated-reads "0 1" "$parity" check --no-config "$work/out.docx"
step cli-missing 3 "$parity" check --no-config "$work/no-such.docx"
step cli-annotate-missing-folder 3 "$parity" check --no-config --annotate "$work/none/out.docx" "$work/in.docx"
step rules-test 0 "$parity" rules test
step rules-source 0 "$parity" rules test "$src/rules"
step eval "0 1" "$parity" eval "$src/corpora/annotated"

# 4. Golden cases through the usual harness, parity wrapped in valgrind.
cat >"$work/parity-vg" <<EOF
#!/bin/sh
# Found through PATH, so parity's own argv[0] (SARIF's invocation) reads "parity" as the cases expect.
PATH="$build:\$PATH" exec valgrind $(echo $vgopts) --log-file="$work/logs/golden.%p.log" parity "\$@"
EOF
chmod +x "$work/parity-vg"
for case_dir in "$src"/tests/golden/check/* "$src"/tests/golden/cli/* "$src"/tests/golden/extract/* \
    "$src"/tests/golden/formats/* "$src"/tests/golden/suppress/*; do
    [ -f "$case_dir/args" ] || continue
    name=golden-$(basename "$(dirname "$case_dir")")-$(basename "$case_dir")
    if sh "$src/tests/golden/run.sh" "$case_dir" "$work/golden/$name" "$work/parity-vg" "$build/mkdocx" "$src" \
        >"$work/$name.out" 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name: output differs under valgrind"
        tail -5 "$work/$name.out"
    fi
done

# Every process's verdict, from its log.
logs=0
for log in "$work"/logs/*.log; do
    logs=$((logs + 1))
    if ! grep -q "ERROR SUMMARY: 0 errors" "$log"; then
        # A child that only exec'd (Criterion's workers re-exec) writes no summary: not a failure.
        grep -q "ERROR SUMMARY" "$log" || continue
        failed=$((failed + 1))
        echo "FAIL memcheck: $log"
        sed -n '/Invalid\|uninitialised\|definitely lost\|indirectly lost\|Mismatched\|overlap/,+12p' "$log" | head -40
    fi
done
echo "valgrind: $logs processes checked"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
