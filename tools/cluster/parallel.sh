#!/bin/sh
# A planned parity run with GNU parallel: the shards on this machine, or over
# ssh on the hosts of an --sshloginfile (which must see the same paths: a
# shared file system), then the merge.
#   tools/cluster/parallel.sh [-j JOBS] [--sshloginfile FILE] PLAN RESULTS REPORT [merge options]
# Running it again is safe and cheap: a finished shard does nothing, one
# killed half-way resumes, a missing one is redone. RESULTS/joblog keeps
# GNU parallel's record of the last run.
# Exit status: merge's (0 clean, 1 findings, 3 documents not checked or
# shards missing), or 4 when a shard failed to run.
set -eu
jobs=0 logins=
while [ $# -gt 0 ]; do
    case $1 in
    -j) jobs=$2; shift 2 ;;
    --sshloginfile) logins=$2; shift 2 ;;
    *) break ;;
    esac
done
[ $# -ge 3 ] || { echo "usage: $0 [-j JOBS] [--sshloginfile FILE] PLAN RESULTS REPORT [merge options]" >&2; exit 2; }
plan=$1 results=$2 report=$3
shift 3
parity=${PARITY:-parity}
n=$(sed -n '1s/.*"shards":\([0-9]*\).*/\1/p' "$plan")
[ -n "$n" ] || { echo "$plan: not a parity plan" >&2; exit 2; }
mkdir -p "$results"
# {} is the shard index; -j 0 runs as many as there are cores (per host).
if [ -n "$logins" ]; then
    where="--sshloginfile $logins --workdir $(pwd)"
else
    where=
fi
# shellcheck disable=SC2086
seq 0 $((n - 1)) | parallel -j "$jobs" $where --joblog "$results/joblog" --halt never \
    "$parity" check -q --plan "$plan" --shard "{}/$n" --output "$results/shard-{}.jsonl" || {
    echo "parallel.sh: some shards failed to run; see $results/joblog, then run again" >&2
    exit 4
}
exec "$parity" merge -q --output "$report" "$@" "$results"/shard-*.jsonl
