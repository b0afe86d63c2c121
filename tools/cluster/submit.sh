#!/bin/sh
# Submit a planned parity run to Slurm: a job array over the shards, then the
# merge, which runs only if every shard ended well (afterok).
#   tools/cluster/submit.sh PLAN RESULTS REPORT [merge options, e.g. --format sarif]
# Environment: PARITY (the parity binary, default: parity on PATH),
# MAX_PARALLEL (tasks at a time, default 64), SBATCH_OPTS (extra sbatch
# options for both jobs, e.g. "--partition=short --account=lab").
# Prints the two job ids. Paths are taken from the working folder, which must
# be on the shared file system.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 PLAN RESULTS REPORT [merge options]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
plan=$1 results=$2 report=$3
shift 3
n=$(sed -n '1s/.*"shards":\([0-9]*\).*/\1/p' "$plan")
[ -n "$n" ] || { echo "$plan: not a parity plan" >&2; exit 2; }
mkdir -p "$results"
# shellcheck disable=SC2086
array=$(sbatch --parsable ${SBATCH_OPTS:-} --array="0-$((n - 1))%${MAX_PARALLEL:-64}" \
    "$here/parity-array.sbatch" "$plan" "$n" "$results")
array=${array%%;*}
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_OPTS:-} --dependency="afterok:$array" \
    "$here/parity-merge.sbatch" "$results" "$report" "$@")
echo "shards: job $array (array 0-$((n - 1))); merge: job ${merge%%;*}"
