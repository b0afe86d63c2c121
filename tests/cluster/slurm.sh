# A real Slurm: a single-node cluster on localhost (munged, slurmctld and
# slurmd from Debian's slurm-wlm and munge, all state in the test's folder),
# the shards submitted as a job array with tools/cluster/submit.sh, the merge
# queued after it with --dependency=afterok, and the merged report compared
# with `parity merge` of a local run. Needs root (slurmd starts jobs as their
# user). Exits 77 (ctest SKIP) when Slurm or munge is not installed or this
# is not root; every wait is bounded and every daemon is stopped by its pid.
. "$(dirname "$0")/lib.sh"
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
    command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed (apt-get install slurm-wlm munge)"; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "SKIP: a single-node Slurm needs root here"; exit 77; }

D=$WORK/slurm
mkdir -p "$D/state" "$D/spool" "$D/munge"
chmod 700 "$D/munge"
pids=
stop() {
    for f in "$D/slurmd.pid" "$D/slurmctld.pid" "$D/munge/munged.pid"; do
        [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
    done
    sleep 1
    for f in "$D/slurmd.pid" "$D/slurmctld.pid" "$D/munge/munged.pid"; do
        [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null || true
    done
}
trap stop EXIT
show_logs() {
    for f in "$D"/*.log "$WORK"/run/*.log; do
        [ -f "$f" ] && { echo "--- $f"; tail -n 30 "$f"; }
    done
}

# munge with a key and socket of our own.
dd if=/dev/urandom of="$D/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$D/munge/munge.key"
munged --force --key-file="$D/munge/munge.key" --socket="$D/munge/munge.sock" \
    --pid-file="$D/munge/munged.pid" --log-file="$D/munge/munged.log" --seed-file="$D/munge/seed" ||
    fail "munged did not start"

port=$((17000 + $$ % 2000))
mem=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
cat > "$D/slurm.conf" <<CONF
ClusterName=paritytest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/munge/munge.sock
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerParameters=sched_interval=1
MaxArraySize=1001
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$D/slurm.conf"
slurmctld -f "$SLURM_CONF" -i || { show_logs; fail "slurmctld did not start"; }
slurmd -f "$SLURM_CONF" -N localhost || { show_logs; fail "slurmd did not start"; }
tries=0
until sinfo -h -o '%T' 2>/dev/null | grep -q idle; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { show_logs; fail "the node is not idle after 30 s: $(sinfo 2>&1)"; }
    sleep 0.5
done

# PARITY_SLURM_CORPUS=DIR measures a corpus of one's own (the README's figures) instead of the test's.
if [ -n "${PARITY_SLURM_CORPUS:-}" ]; then
    rm -rf corpus
    ln -s "$PARITY_SLURM_CORPUS" corpus
else
    make_corpus
fi
shards=${PARITY_SLURM_SHARDS:-5}
run_shards local.plan 1 local
"$PARITY" merge -q --format sarif --output local.sarif local/*.jsonl || [ $? -le 3 ]
"$PARITY" plan -q --shards "$shards" --output cluster.plan corpus
mkdir -p run
start=$(date +%s.%N)
ids=$(cd run && PARITY=$PARITY MAX_PARALLEL=2 SBATCH_OPTS="--mem=100M" \
    sh "$SRC/tools/cluster/submit.sh" "$WORK/cluster.plan" "$WORK/results" "$WORK/cluster.sarif" --format sarif) ||
    { show_logs; fail "submit failed"; }
echo "$ids"
tries=0
while [ -n "$(squeue -h -o %i 2>/dev/null)" ]; do
    tries=$((tries + 1))
    [ "$tries" -lt 240 ] || { squeue; show_logs; fail "jobs still queued after 120 s"; }
    sleep 0.5
done
end=$(date +%s.%N)
[ "$(ls results/shard-*.jsonl | wc -l)" = "$shards" ] || { show_logs; fail "$shards shard files expected: $(ls results)"; }
[ -f cluster.sarif ] || { show_logs; fail "the merge job wrote no report"; }
cmp local.sarif cluster.sarif || fail "the report merged on Slurm differs from a local run"
echo "slurm: a $shards-task array and its dependent merge ran on a single-node Slurm in" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s from submission; report identical"
