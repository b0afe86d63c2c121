# merge refuses, with a message naming what is wrong and writing nothing,
# a missing shard, a shard given twice, a document in two shard files, an
# interrupted shard, shards of another plan, and other rules; a shard
# refuses rules other than its plan's.
. "$(dirname "$0")/lib.sh"
make_corpus
run_shards p.plan 3 s
run_shards q.plan 2 t
expect_refusal() {
    want=$1
    shift
    st=0
    "$PARITY" merge --output out.txt "$@" 2> err.txt || st=$?
    [ "$st" = 3 ] || fail "merge $*: exit $st, expected 3"
    grep -q "$want" err.txt || fail "merge $*: expected '$want', got: $(cat err.txt)"
    [ ! -e out.txt ] || fail "merge $*: wrote a report despite refusing"
}
expect_refusal "shards missing (rerun them, e.g. sbatch --array=1)" s/shard-0.jsonl s/shard-2.jsonl
expect_refusal "shard 2/3 is given twice" s/shard-0.jsonl s/shard-1.jsonl s/shard-2.jsonl s/shard-2.jsonl
(head -n 2 s/shard-1.jsonl; sed -n 2p s/shard-1.jsonl; tail -n +3 s/shard-1.jsonl) > dup.jsonl
expect_refusal "appears twice: dup.jsonl:2 and dup.jsonl:3" s/shard-0.jsonl dup.jsonl s/shard-2.jsonl
head -n -1 s/shard-1.jsonl > cut.jsonl
expect_refusal "cut.jsonl is not complete" s/shard-0.jsonl cut.jsonl s/shard-2.jsonl
grep -v '^{"complete"' s/shard-1.jsonl | head -n -1 > short.jsonl
tail -n 1 s/shard-1.jsonl >> short.jsonl
expect_refusal "short.jsonl is not complete" s/shard-0.jsonl short.jsonl s/shard-2.jsonl
expect_refusal "differ in their plan" s/shard-0.jsonl t/shard-1.jsonl
expect_refusal "the rules differ from the shards'" --no-builtin s/shard-0.jsonl s/shard-1.jsonl s/shard-2.jsonl
st=0
"$PARITY" check -q --plan p.plan --shard 0/3 --no-builtin --output x.jsonl 2> err.txt || st=$?
[ "$st" = 3 ] && grep -q "the rules differ from the plan's" err.txt || fail "a shard ran with other rules ($st)"
st=0
"$PARITY" check -q --plan p.plan --shard 3/3 --output x.jsonl 2> err.txt || st=$?
[ "$st" = 2 ] || fail "shard 3/3 of a 3-shard plan must be a usage error, not $st"
"$PARITY" merge -q s/shard-2.jsonl s/shard-0.jsonl s/shard-1.jsonl > ok.txt || [ $? = 3 ] || fail "a complete set refused"
echo "refusals: 9 refusals with their reasons"
