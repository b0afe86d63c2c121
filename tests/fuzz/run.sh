#!/bin/sh
# Run the libFuzzer targets of a PARITY_FUZZ=ON build, each for SECONDS.
#
#   sh tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]    (default: every target)
#
# Each target starts from its seeds (the files fuzz/replay/<target> replays, with the hostile set,
# copied to BUILD_DIR/tests/fuzz/seeds-<target>) and from the inputs earlier runs
# found (FUZZ_CORPUS, default BUILD_DIR/tests/fuzz/corpus/<target>, kept between
# runs), with its dictionary (the fragments of dict/ it needs, joined). Two
# targets run at a time with FUZZ_JOBS=2 (default 1). A crash, leak, hang
# (-timeout) or out-of-memory (-rss_limit_mb) is saved as
# BUILD_DIR/tests/fuzz/artifacts/<target>-<kind>-<sha1> and fails the run;
# copy it to tests/fuzz/regressions/<target>/ once fixed. Prints one line per
# target: wall seconds, executions, coverage (edges, features), corpus size.
set -u
build=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
out=$build/tests/fuzz
targets=${*:-zip docx odt akn yaml normalize check annotate xml}
jobs=${FUZZ_JOBS:-1}
corpus_root=${FUZZ_CORPUS:-$out/corpus}
mkdir -p "$out/artifacts" "$out/logs" "$corpus_root" || exit 1

# seed TARGET DIR: copy the target's seed files into DIR.
seed() {
    case $1 in
        zip|docx|odt|annotate) exts="docx odt zip" dirs="$src/corpora $src/tests/golden $out/seeds" ;;
        akn) exts="xml" dirs="$src/corpora $src/tests/golden" ;;
        yaml) exts="yaml yml" dirs="$src/rules $src/tests/golden" ;;
        normalize) exts="txt" dirs="$src/corpora" ;;
        check) exts="txt docx odt xml" dirs="$src/corpora/samples $src/corpora/annotated $out/seeds" ;;
        xml) exts="xml" dirs="$src/corpora $src/tests/golden $out/xml-seeds" ;;
    esac
    for d in $dirs; do
        [ -d "$d" ] || continue
        for e in $exts; do
            find "$d" -type f -name "*.$e" ! -name '.*'
        done
    done | while IFS= read -r f; do
        cp "$f" "$2/$(printf '%s' "$f" | cksum | cut -d' ' -f1)-$(basename "$f")"
    done
    # The hostile set (made by the build, fuzz_seeds) and past crashes; no more than max_len reads.
    for d in "$out/hostile" "$here/regressions/$1"; do
        [ -d "$d" ] && find "$d" -type f ! -name '.*' -size -257k -exec cp {} "$2/" \;
    done
    return 0
}

dict() {
    case $1 in
        zip) parts="zip" ;;
        docx|annotate) parts="zip xml docx vi" ;;
        odt) parts="zip xml odt vi" ;;
        akn) parts="xml akn vi" ;;
        yaml) parts="yaml vi" ;;
        normalize) parts="vi" ;;
        check) parts="vi xml docx odt akn zip" ;;
        xml) parts="xml docx odt vi" ;;
    esac
    for p in $parts; do cat "$here/dict/$p.dict"; done
}

# fuzz TARGET: one run; writes its summary line to logs/TARGET.summary.
fuzz() {
    t=$1 bin=$out/fuzz_$1 log=$out/logs/$1.log
    [ -x "$bin" ] || { echo "$t: no $bin (configure with CC=clang -DPARITY_FUZZ=ON, build target fuzzers)"; return 1; }
    rm -rf "$out/seeds-$t" && mkdir -p "$out/seeds-$t" "$corpus_root/$t"
    seed "$t" "$out/seeds-$t"
    dict "$t" >"$out/$t.dict"
    start=$(date +%s)
    # detect_leaks: a leak is a finding too. Sanitizer reports stop the run. A smaller quarantine
    # of freed memory than ASan's 256 MB: a hostile pack of 20,000 alternatives makes 200,000 small
    # allocations, and a few such inputs in a row held 550 MB of quarantine against -rss_limit_mb.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=64} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
        "$bin" -max_total_time="$seconds" -rss_limit_mb=512 -timeout=10 -max_len=262144 \
        -dict="$out/$t.dict" -artifact_prefix="$out/artifacts/$t-" -print_final_stats=1 \
        "$corpus_root/$t" "$out/seeds-$t" >"$log" 2>&1
    rc=$?
    wall=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
    verdict=ok
    [ $rc -ne 0 ] && verdict="FAILED (exit $rc, see $log)"
    echo "$t: ${wall}s, ${execs:-?} execs, ${cov:-no coverage line}, $verdict" | tee "$out/logs/$t.summary"
    [ $rc -eq 0 ] || { grep -E 'ERROR|SUMMARY|Test unit written|runtime error' "$log" | head -8; return 1; }
}

status=0
set -- $targets
while [ $# -gt 0 ]; do
    pids=""
    n=0
    while [ $# -gt 0 ] && [ $n -lt "$jobs" ]; do
        fuzz "$1" &
        pids="$pids $!"
        n=$((n + 1))
        shift
    done
    for p in $pids; do wait "$p" || status=1; done
done
[ $status -eq 0 ] && echo "fuzz: every target ran ${seconds}s without a finding" || echo "fuzz: FINDINGS above"
exit $status
