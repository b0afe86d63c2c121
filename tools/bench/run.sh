#!/bin/sh
# Times parity side by side with its peers on synthetic Vietnamese drafts made
# by gen_corpus (issue 7): unzip -p of the DOCX XML, ripgrep with 100 patterns
# on the same text, pandoc; parity with the default packs, with 1, 10 and 100
# rules, on DOCX and text, --jobs 1 and 2, by document size; peak memory; and a
# PASS/FAIL line per target of the issue. Everything runs on one core
# (taskset -c 0) except --jobs 2 (cores 0 and 1). Medians from hyperfine when
# it is installed, else from a repeat-and-median loop.
#
# usage: tools/bench/run.sh BUILD_DIR [WORK_DIR]
#   BUILD_DIR holds parity and gen_corpus (ninja -C BUILD_DIR parity_cli gen_corpus);
#   WORK_DIR (default: a new folder under ${TMPDIR:-/tmp}) receives the corpora,
#   rule packs and raw timings, and is left in place.
#   PARITY_COMMIT names the commit when the build's source is not a git tree.
# environment: BENCH_DOCS (2000), BENCH_KB (20), BENCH_RUNS (3, runs of each
#   corpus-sized command), BENCH_PANDOC (50, drafts given to pandoc), BENCH_SEED (1),
#   BENCH_NO_HYPERFINE (set: time with the shell loop even if hyperfine is there).
# Not a test: it builds nothing, is not run by ctest, and takes about 3-4 minutes on 2 cores.
set -u

die() { echo "run.sh: $*" >&2; exit 2; }
[ $# -ge 1 ] || die "usage: run.sh BUILD_DIR [WORK_DIR]"
BUILD=$(cd "$1" && pwd) || die "no build dir $1"
PARITY=$BUILD/parity
GEN=$BUILD/gen_corpus
[ -x "$PARITY" ] || die "$PARITY not found: build it first (ninja -C $1 parity_cli)"
[ -x "$GEN" ] || die "$GEN not found: build it first (ninja -C $1 gen_corpus)"
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
PATTERNS=$HERE/patterns.txt
W=${2:-$(mktemp -d "${TMPDIR:-/tmp}/parity-bench.XXXXXX")}
mkdir -p "$W" || die "cannot make $W"
W=$(cd "$W" && pwd)
LOG=$W/hyperfine.log
: > "$LOG"

DOCS=${BENCH_DOCS:-2000}
KB=${BENCH_KB:-20}
RUNS=${BENCH_RUNS:-3}
NPANDOC=${BENCH_PANDOC:-50}
SEED=${BENCH_SEED:-1}

have() { command -v "$1" > /dev/null 2>&1; }
HYPERFINE=; have hyperfine && [ -z "${BENCH_NO_HYPERFINE:-}" ] && HYPERFINE=hyperfine
RG=; have rg && RG=rg
PANDOC=; have pandoc && PANDOC=pandoc
UNZIP=; have unzip && UNZIP=unzip
GTIME=; [ -x /usr/bin/time ] && GTIME=/usr/bin/time
ONE=; ALL=
if have taskset; then ONE="taskset -c 0"; ALL="taskset -c 0,1"; fi

# ---- the machine ------------------------------------------------------------
echo "# parity benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "cpu:     $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) ($(nproc) cores online)"
echo "memory:  $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "os:      $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") (Debian $(cat /etc/debian_version 2>/dev/null)), kernel $(uname -r)"
# The commit is that of the build's source tree (PARITY_COMMIT overrides it,
# for a build of an exported tree).
BSRC=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD/CMakeCache.txt" 2>/dev/null)
COMMIT=${PARITY_COMMIT:-$(git -C "${BSRC:-$SRC}" rev-parse --short HEAD 2>/dev/null || echo unknown)}
git -C "${BSRC:-$SRC}" status --porcelain -- engine 2>/dev/null | grep -q . &&
    COMMIT="$COMMIT (its engine/ has uncommitted changes)"
echo "parity:  $("$PARITY" version 2>/dev/null | head -1), commit $COMMIT, source ${BSRC:-unknown}"
echo "build:   $BUILD ($(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null))"
ver() { # NAME VERSION-COMMAND: the peer's version, or "absent"
    if have "$1"; then sh -c "$2" 2>/dev/null | head -1; else echo absent; fi
}
echo "peers:   hyperfine $(ver hyperfine 'hyperfine --version | cut -d" " -f2'), ripgrep $(ver rg 'rg --version | cut -d" " -f2')," \
     "pandoc $(ver pandoc 'pandoc --version | cut -d" " -f2'), unzip $(ver unzip 'unzip -v | cut -d" " -f2')"
[ -z "$HYPERFINE" ] && echo "note:    timed with a repeat-and-median loop (hyperfine absent or BENCH_NO_HYPERFINE set)"
echo "pinning: ${ONE:-none (taskset absent: timings use every core)}"
echo "corpus:  $DOCS drafts x ${KB} KB of text, seed $SEED; medians of $RUNS runs for corpus-sized commands"
echo "work:    $W"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
echo

# ---- corpora and rule packs -----------------------------------------------------
gen() { # FORMAT COUNT KB DIR (kept from an earlier run into WORK_DIR when made alike)
    _s="$SEED $2 $3 $1 $(cksum < "$GEN")"
    [ -d "$4" ] && [ "$(cat "$4.stamp" 2>/dev/null)" = "$_s" ] && return 0
    rm -rf "$4" "$4.stamp" && "$GEN" --seed "$SEED" --count "$2" --size-kb "$3" --format "$1" --out "$4" ||
        die "gen_corpus failed for $4"
    echo "$_s" > "$4.stamp"
}
gen docx "$DOCS" "$KB" "$W/corpus-docx"
gen text "$DOCS" "$KB" "$W/corpus-text"
for s in 20 200 2048; do
    gen docx 1 "$s" "$W/size-$s-docx"
    gen text 1 "$s" "$W/size-$s-text"
done
mkdir -p "$W/pandoc-sample"
ls "$W/corpus-docx" | head -n "$NPANDOC" | while read -r f; do
    ln -sf "$W/corpus-docx/$f" "$W/pandoc-sample/$f"
done
NPANDOC=$(ls "$W/pandoc-sample" | wc -l)
head -n 1 "$PATTERNS" > "$W/one.pat"

# A pack of the first N patterns of patterns.txt, one rule each (examples are
# placeholders: these packs are timed, not tested).
mkpack() { # N FILE
    awk -v n="$1" 'BEGIN {
        print "pack:\n  id: bench-" n "\n  version: \"1.0.0\"\n  language: vi\n  title: " n " benchmark rules\nrules:"
    }
    NR <= n {
        gsub(/\x27/, "\x27\x27")
        printf "  - id: bench-%03d\n    category: sex-restriction\n    severity: warning\n", NR
        printf "    title: Benchmark pattern %d\n    message: \x27Pattern %d: \"{match}\"\x27\n", NR, NR
        printf "    basis: {instrument: Luật Bình đẳng giới số 73/2006/QH11}\n"
        printf "    match: {regex: \x27%s\x27}\n", $0
        printf "    examples: {flag: [\"placeholder\"], pass: [\"placeholder\"]}\n"
    }' "$PATTERNS" > "$2"
}
for n in 1 10 100; do mkpack $n "$W/rules-$n.yaml"; done
"$PARITY" rules lint --no-builtin "$W/rules-100.yaml" > /dev/null 2>&1 ||
    "$PARITY" rules lint "$W/rules-100.yaml" > /dev/null 2>&1 ||
    echo "note: parity rules lint reports problems in the generated 100-rule pack" >&2

TEXT_BYTES=$(cat "$W"/corpus-text/* | wc -c)
XML_BYTES=0
[ -n "$UNZIP" ] && XML_BYTES=$(unzip -p "$W/corpus-docx/*.docx" word/document.xml | wc -c)
DOCX_BYTES=$(cat "$W"/corpus-docx/* | wc -c)

# ---- timing -------------------------------------------------------------------
# measure NAME RUNS WARMUP COMMAND: the median wall time in seconds goes to
# $W/NAME.t (empty when the command failed). parity exits 1 when it finds
# something, so the command's status is folded: only 2 and above fail.
measure() {
    _n=$1 _r=$2 _w=$3
    shift 3
    _c="$*; test \$? -le 1"
    rm -f "$W/$_n.t" "$W/$_n.min" "$W/$_n.json"
    if [ -n "$HYPERFINE" ]; then
        if hyperfine --style basic --runs "$_r" --warmup "$_w" --export-json "$W/$_n.json" \
            --command-name "$_n" "$_c" >> "$LOG" 2>&1; then
            sed -n 's/^ *"median": *\([0-9.eE+-]*\),*$/\1/p' "$W/$_n.json" | head -1 > "$W/$_n.t"
            sed -n 's/^ *"min": *\([0-9.eE+-]*\),*$/\1/p' "$W/$_n.json" | head -1 > "$W/$_n.min"
        else
            echo "run.sh: $_n failed: $*" >&2
            : > "$W/$_n.t"
        fi
        return
    fi
    _i=0
    while [ $_i -lt "$_w" ]; do sh -c "$_c" > /dev/null 2>&1; _i=$((_i + 1)); done
    _i=0
    : > "$W/$_n.runs"
    while [ $_i -lt "$_r" ]; do
        _t0=$(date +%s%N)
        if ! sh -c "$_c" > /dev/null 2>> "$LOG"; then
            echo "run.sh: $_n failed: $*" >&2
            : > "$W/$_n.t"
            return
        fi
        _t1=$(date +%s%N)
        echo "$_t0 $_t1" | awk '{printf "%.6f\n", ($2 - $1) / 1e9}' >> "$W/$_n.runs"
        _i=$((_i + 1))
    done
    sort -g "$W/$_n.runs" | head -1 > "$W/$_n.min"
    sort -g "$W/$_n.runs" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}' \
        > "$W/$_n.t"
}
t() { cat "$W/$1.t" 2>/dev/null; }
CHECK="$PARITY check -q --no-config --format jsonl -o /dev/null"

echo "timing (this takes a few minutes) ..." >&2
if [ -n "$UNZIP" ]; then
    measure unzip 5 1 "$ONE unzip -p '$W/corpus-docx/*.docx' word/document.xml > /dev/null"
else
    echo "skipped: unzip is not installed" >&2
fi
if [ -n "$RG" ]; then
    measure rg100 5 1 "$ONE rg -j1 --no-config -f '$PATTERNS' '$W/corpus-text' > '$W/rg.out'"
    measure rg1 5 1 "$ONE rg -j1 --no-config -f '$W/one.pat' '$W/corpus-text' > '$W/rg.out'"
    measure rg_start 20 3 "$ONE rg -j1 --no-config -f '$PATTERNS' '$W/size-20-text/draft-00000.txt' > '$W/rg.out'"
else
    echo "skipped: ripgrep (rg) is not installed" >&2
fi
if [ -n "$PANDOC" ]; then
    measure pandoc "$RUNS" 0 "for f in '$W'/pandoc-sample/*.docx; do $ONE pandoc -f docx -t plain -o /dev/null \"\$f\" || exit 9; done"
else
    echo "skipped: pandoc is not installed" >&2
fi
measure docx_all "$RUNS" 1 "$ONE $CHECK '$W/corpus-docx'"
measure text_all "$RUNS" 0 "$ONE $CHECK '$W/corpus-text'"
for n in 1 10 100; do
    measure "text_r$n" "$RUNS" 0 "$ONE $CHECK --no-builtin --rules '$W/rules-$n.yaml' '$W/corpus-text'"
done
measure docx_r1 "$RUNS" 0 "$ONE $CHECK --no-builtin --rules '$W/rules-1.yaml' '$W/corpus-docx'"
if [ "$(nproc)" -ge 2 ]; then
    measure docx_j2 "$RUNS" 0 "$ALL $CHECK --jobs 2 '$W/corpus-docx'"
    # Control: the best any --jobs 2 could do on this machine now, two
    # independent processes on halves of the corpus, one per core (other
    # work on the second core shows here, not only in --jobs 2).
    ls "$W/corpus-docx" | awk -v d="$W/corpus-docx" 'NR % 2 {print d "/" $0}' > "$W/half1.list"
    ls "$W/corpus-docx" | awk -v d="$W/corpus-docx" '!(NR % 2) {print d "/" $0}' > "$W/half2.list"
    [ -n "$ONE" ] &&
        measure docx_2proc "$RUNS" 0 "taskset -c 0 $CHECK --files-from '$W/half1.list' &
            taskset -c 1 $CHECK --files-from '$W/half2.list' & wait"
else
    echo "skipped: --jobs 2 needs 2 cores" >&2
fi
for s in 20 200 2048; do
    r=$RUNS; [ $s -eq 20 ] && r=20; [ $s -eq 200 ] && r=10
    measure "size${s}_docx" $r 1 "$ONE $CHECK '$W/size-$s-docx/draft-00000.docx'"
    measure "size${s}_text" $r 1 "$ONE $CHECK '$W/size-$s-text/draft-00000.txt'"
done
measure version 20 3 "$ONE $PARITY version > /dev/null"

# Peak resident memory (KiB) of one run.
peak() { # NAME COMMAND...
    _n=$1
    shift
    if [ -z "$GTIME" ]; then : > "$W/$_n.mem"; return; fi
    $GTIME -f %M -o "$W/$_n.mem" "$@" > /dev/null 2>&1
    _rc=$?
    [ $_rc -le 1 ] || { echo "run.sh: $_n exited $_rc" >&2; : > "$W/$_n.mem"; }
}
P="$PARITY check -q --no-config --format jsonl -o /dev/null"
# A tenth of the same corpus: memory must not grow with the number of drafts.
ls "$W/corpus-docx" | head -n $((DOCS / 10)) | sed "s|^|$W/corpus-docx/|" > "$W/tenth.list"
# shellcheck disable=SC2086
{
    peak mem_corpus_docx $ONE $P "$W/corpus-docx"
    peak mem_tenth_docx $ONE $P --files-from "$W/tenth.list"
    peak mem_corpus_text $ONE $P "$W/corpus-text"
    peak mem_20_docx $ONE $P "$W/size-20-docx/draft-00000.docx"
    peak mem_2048_docx $ONE $P "$W/size-2048-docx/draft-00000.docx"
    peak mem_2048_text $ONE $P "$W/size-2048-text/draft-00000.txt"
}
[ -z "$GTIME" ] && echo "skipped: peak memory (/usr/bin/time is not installed)" >&2
m() { cat "$W/$1.mem" 2>/dev/null | tail -1; }

# ---- report ---------------------------------------------------------------------
# row LABEL NAME BYTES DOCS: the median and fastest run of measurement NAME,
# MB/s of BYTES and documents/second (from the median).
row() {
    awk -v l="$1" -v s="$(t "$2")" -v mn="$(cat "$W/$2.min" 2>/dev/null)" -v b="$3" -v d="$4" 'BEGIN {
        if (s == "") { printf "| %-46s | %9s | %9s | %9s | %9s |\n", l, "n/a", "", "", ""; exit }
        mbs = (b > 0 && s > 0) ? sprintf("%.1f", b / 1e6 / s) : ""
        dps = (d > 0 && s > 0) ? sprintf("%.1f", d / s) : ""
        printf "| %-46s | %9.4f | %9.4f | %9s | %9s |\n", l, s, mn, mbs, dps
    }'
}
SZ20=$(wc -c < "$W/size-20-text/draft-00000.txt")
SZ200=$(wc -c < "$W/size-200-text/draft-00000.txt")
SZ2048=$(wc -c < "$W/size-2048-text/draft-00000.txt")
echo "Corpus: $DOCS drafts; text $(awk -v b="$TEXT_BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB," \
     "word/document.xml $(awk -v b="$XML_BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB," \
     "DOCX files $(awk -v b="$DOCX_BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB."
echo
echo "| command (one core unless said)                 |  median s |     min s | MB/s text |    docs/s |"
echo "|------------------------------------------------|----------:|----------:|----------:|----------:|"
row "unzip -p word/document.xml, DOCX corpus" unzip "$TEXT_BYTES" "$DOCS"
row "rg -j1, 100 patterns, text corpus" rg100 "$TEXT_BYTES" "$DOCS"
row "rg -j1, 1 pattern, text corpus" rg1 "$TEXT_BYTES" "$DOCS"
row "pandoc -t plain, $NPANDOC DOCX (per-draft rate)" pandoc "" "$NPANDOC"
row "parity, default packs, DOCX corpus" docx_all "$TEXT_BYTES" "$DOCS"
row "parity, 1 rule, DOCX corpus" docx_r1 "$TEXT_BYTES" "$DOCS"
row "parity, default packs, text corpus" text_all "$TEXT_BYTES" "$DOCS"
row "parity, 1 rule, text corpus" text_r1 "$TEXT_BYTES" "$DOCS"
row "parity, 10 rules, text corpus" text_r10 "$TEXT_BYTES" "$DOCS"
row "parity, 100 rules (patterns.txt), text corpus" text_r100 "$TEXT_BYTES" "$DOCS"
row "parity --jobs 2 (2 cores), DOCX corpus" docx_j2 "$TEXT_BYTES" "$DOCS"
row "control: 2 processes, half the DOCX each" docx_2proc "$TEXT_BYTES" "$DOCS"
row "parity, one 20 KB draft, DOCX" size20_docx "$SZ20" 1
row "parity, one 20 KB draft, text" size20_text "$SZ20" 1
row "parity, one 200 KB draft, DOCX" size200_docx "$SZ200" 1
row "parity, one 200 KB draft, text" size200_text "$SZ200" 1
row "parity, one 2 MB draft, DOCX" size2048_docx "$SZ2048" 1
row "parity, one 2 MB draft, text" size2048_text "$SZ2048" 1
row "rg -j1, 100 patterns, one 20 KB draft" rg_start "$SZ20" 1
row "parity version (process start-up only)" version "" ""
echo
echo "Peak resident memory (KiB): DOCX corpus $(m mem_corpus_docx), a tenth of it $(m mem_tenth_docx), text corpus $(m mem_corpus_text)," \
     "one 20 KB DOCX $(m mem_20_docx), one 2 MB DOCX $(m mem_2048_docx), one 2 MB text $(m mem_2048_text)."
echo

# target LABEL MEASURED_RATIO OP LIMIT: PASS when MEASURED OP LIMIT.
target() {
    awk -v l="$1" -v x="$2" -v op="$3" -v lim="$4" 'BEGIN {
        if (x == "") { printf "| %-58s | %10s | %8s | %-4s |\n", l, "n/a", op " " lim, "SKIP"; exit }
        ok = (op == "<=") ? (x <= lim) : (x >= lim)
        printf "| %-58s | %10.2f | %8s | %-4s |\n", l, x, op " " lim, ok ? "PASS" : "FAIL"
    }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print ""; else printf "%.6f\n", a / b }'; }
echo "| target of issue 7 (ratios measured in this run)             |   measured |    limit | done |"
echo "|------------------------------------------------------------|-----------:|---------:|------|"
target "parity DOCX corpus / unzip -p of its XML (time)" "$(ratio "$(t docx_all)" "$(t unzip)")" "<=" 3
target "parity text corpus / rg with 100 patterns (time)" "$(ratio "$(t text_all)" "$(t rg100)")" "<=" 3
PANDOC_PER=$(ratio "$(t pandoc)" "$NPANDOC")
PARITY_PER=$(ratio "$(t docx_all)" "$DOCS")
target "pandoc / parity, time per DOCX draft" "$(ratio "$PANDOC_PER" "$PARITY_PER")" ">=" 100
target "default packs / 1 rule, text corpus (time)" "$(ratio "$(t text_all)" "$(t text_r1)")" "<=" 2
target "default packs / 1 rule, DOCX corpus (time)" "$(ratio "$(t docx_all)" "$(t docx_r1)")" "<=" 2
target "one 20 KB DOCX draft / rg start-up with 100 patterns" "$(ratio "$(t size20_docx)" "$(t rg_start)")" "<=" 1.5
target "peak memory, $DOCS-draft DOCX corpus (MiB)" "$(ratio "$(m mem_corpus_docx)" 1024)" "<=" 64
target "peak memory, corpus / a tenth of it (grows with corpus?)" "$(ratio "$(m mem_corpus_docx)" "$(m mem_tenth_docx)")" "<=" 1.25
target "--jobs 1 / --jobs 2 (speed-up), DOCX corpus" "$(ratio "$(t docx_all)" "$(t docx_j2)")" ">=" 1.8
echo
echo "Control for --jobs: two independent processes on halves of the DOCX corpus, one per core, run" \
     "$(ratio "$(t docx_all)" "$(t docx_2proc)" | awk '{printf "%.2f", $1}')x faster than one: the ceiling" \
     "of any --jobs 2 speed-up on this machine during this run."
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after the run"
echo "Raw timings (hyperfine JSON or run lists) and corpora: $W"
