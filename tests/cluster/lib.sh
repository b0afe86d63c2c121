# lib.sh: what the cluster tests share (sourced). Usage of every test:
#   sh TEST.sh PARITY GEN_CORPUS SOURCE_DIR WORK_DIR
# A small corpus: the project's annotated drafts and samples (real findings,
# suppressions, DOCX and text), generated drafts of several sizes, and one
# file that is not a document at all.
set -eu
PARITY=$1
GEN=$2
SRC=$3
WORK=$4
rm -rf "$WORK"
mkdir -p "$WORK/corpus/annotated" "$WORK/corpus/samples"
cd "$WORK"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

make_corpus() {
    cp "$SRC"/corpora/annotated/*.txt "$SRC"/corpora/annotated/*.docx corpus/annotated/
    find "$SRC/corpora/samples" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.docx' -o -name '*.odt' -o -name '*.xml' \) \
        -exec cp {} corpus/samples/ \;
    "$GEN" --seed 11 --count 12 --size-kb 4 --format docx --out corpus/gen >/dev/null
    "$GEN" --seed 12 --count 6 --size-kb 24 --format text --out corpus/gen-large >/dev/null
    printf 'PK\003\004 this is not a zip archive at all\n' > corpus/samples/hong.docx
}

# Plan N shards into PLAN, run them one after another into DIR (extra check options after DIR).
run_shards() {
    plan=$1 n=$2 dir=$3
    shift 3
    "$PARITY" plan -q --shards "$n" --output "$plan" corpus
    i=0
    while [ "$i" -lt "$n" ]; do
        "$PARITY" check -q --plan "$plan" --shard "$i/$n" --output "$dir/shard-$i.jsonl" "$@" ||
            fail "shard $i/$n exited $?"
        i=$((i + 1))
    done
}

# A SARIF log without its invocation's command line (the one thing `parity check` and `parity merge` differ in).
strip_command_line() {
    awk '/"commandLine": /{next} /"arguments": \[/{skip=1; next} skip&&/^ *\],?$/{skip=0; next} !skip' "$1"
}
