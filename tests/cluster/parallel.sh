# GNU parallel drives the shards (tools/cluster/parallel.sh): the report is
# the one of a single local shard; a second run, after one shard file is
# lost, redoes that shard and leaves the finished ones alone.
# Skips (77) when GNU parallel is not installed.
. "$(dirname "$0")/lib.sh"
command -v parallel >/dev/null 2>&1 || { echo "SKIP: GNU parallel is not installed"; exit 77; }
make_corpus
run_shards one.plan 1 one
st=0
"$PARITY" merge -q --format json --output one.json one/*.jsonl || st=$?
"$PARITY" plan -q --shards 6 --output six.plan corpus
st6=0
PARITY=$PARITY sh "$SRC/tools/cluster/parallel.sh" -j 2 six.plan res six.json --format json || st6=$?
[ "$st" = "$st6" ] || fail "exit $st6, expected $st"
cmp one.json six.json || fail "the report of 6 shards under GNU parallel differs from 1 shard's"
[ "$(grep -c . res/joblog)" = 7 ] || fail "the job log should have 6 jobs: $(cat res/joblog)"
rm res/shard-4.jsonl
before=$(cksum < res/shard-2.jsonl)
st6=0
PARITY=$PARITY sh "$SRC/tools/cluster/parallel.sh" -j 2 six.plan res six2.json --format json || st6=$?
cmp one.json six2.json || fail "the report after rerunning differs"
[ -f res/shard-4.jsonl ] || fail "shard 4 was not rerun"
[ "$before" = "$(cksum < res/shard-2.jsonl)" ] || fail "a finished shard was rewritten"
echo "parallel: 6 shards under GNU parallel == 1 shard; a lost shard is redone"
