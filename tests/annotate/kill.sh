#!/bin/sh
# usage: kill.sh PARITY GEN_CORPUS WORK_DIR
# Nothing is ever lost by --annotate (issue 8):
# 1. `parity check --annotate OUT IN` killed with SIGKILL at 40 moments spread over its run (the last
#    ones packed where the copy is written) leaves IN byte for byte as it was and OUT either as it was
#    before (absent, or an older whole copy) or the complete new copy, a valid DOCX that parity reads;
#    a rerun then succeeds. Temporary files: the copy is written to an anonymous O_TMPFILE file that a
#    kill frees, so none is left (counted and reported; on a file system without O_TMPFILE a kill
#    during the write leaves a ".parity-annotate-*" file, harmless: nothing reads it, a rerun makes
#    another name);
# 2. a target that cannot be written (its folder is missing, a file, or the target is a folder;
#    read-only folders too when not root, as root ignores permission bits), and a full disk (a file
#    size limit, SIGXFSZ ignored, as a full disk fails write(2)): exit 3, an error naming the target,
#    the input intact, no copy and no temporary file.
set -u
parity=$1 gen=$2 work=$3
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$work" && mkdir -p "$work" || exit 99
cd "$work" || exit 99

# A large draft: about 1 MB of text, several MB of XML inside a 0.5 MB DOCX.
"$gen" --seed 11 --count 1 --size-kb 1200 --format docx --out gen >/dev/null || fail "gen_corpus failed"
cp gen/draft-00000.docx in.docx
sum_in=$(cksum <in.docx)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
annotate() { "$parity" check --no-config -q --annotate "$1" in.docx >/dev/null 2>"${2:-/dev/null}"; }

# The reference copy, and how long a whole run takes.
t0=$(now_ms)
annotate ref.docx
rc=$?
t1=$(now_ms)
[ $rc -le 1 ] || fail "the reference run failed (exit $rc)"
unzip -tq ref.docx >/dev/null || fail "the reference copy is not a valid zip"
annotate ref2.docx
t2=$(now_ms)
cmp -s ref.docx ref2.docx || fail "two runs give different copies (the kill checks need one)"
# The shorter of the two runs: on a loaded machine one may take twice as long.
run_ms=$((t1 - t0))
[ $((t2 - t1)) -lt $run_ms ] && run_ms=$((t2 - t1))
[ $run_ms -ge 50 ] || run_ms=50
echo "a whole run takes ${run_ms} ms"

# valid FILE: a complete copy, byte for byte the reference, that parity reads as DOCX.
valid() {
    cmp -s "$1" ref.docx || return 1
    unzip -tq "$1" >/dev/null 2>&1 || return 1
    "$parity" check --no-config -q -f json "$1" >/dev/null 2>&1
    [ $? -le 1 ]
}

kills=0 absent=0 old=0 complete=0 strays=0
i=0
while [ $i -lt 40 ]; do
    # 30 moments over the whole run, then 10 over its last 15% (where the copy is written).
    if [ $i -lt 30 ]; then delay=$((run_ms * (i + 1) / 31)); else delay=$((run_ms * 85 / 100 + run_ms * 15 * (i - 29) / 1000)); fi
    rm -f out.docx
    # Half the runs replace an older copy: it must survive whole, or be replaced whole.
    [ $((i % 2)) = 1 ] && cp in.docx out.docx
    "$parity" check --no-config -q --annotate out.docx in.docx >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 $pid 2>/dev/null && kills=$((kills + 1))
    wait $pid 2>/dev/null
    [ "$(cksum <in.docx)" = "$sum_in" ] || fail "kill at ${delay} ms: the input changed"
    if [ ! -e out.docx ]; then
        [ $((i % 2)) = 0 ] || fail "kill at ${delay} ms: the older copy is gone"
        absent=$((absent + 1))
    elif [ $((i % 2)) = 1 ] && cmp -s out.docx in.docx; then
        old=$((old + 1))
    else
        valid out.docx || fail "kill at ${delay} ms: out.docx is neither the old file nor a whole copy"
        complete=$((complete + 1))
    fi
    n=$(find . -maxdepth 1 -name '.parity-annotate-*' | wc -l)
    strays=$((strays + n))
    i=$((i + 1))
done
echo "40 runs, $kills killed: copy absent $absent, older copy intact $old, complete copy $complete; $strays temporary file(s) left"
# Timing varies with the load; the checks above hold whatever it is, but enough runs must have been killed.
[ $kills -ge 12 ] || fail "only $kills of 40 runs were killed before they ended: the timing is off"
[ $((absent + old)) -ge 6 ] || fail "too few runs were killed before writing (absent $absent, old $old)"
rm -f out.docx
annotate out.docx
rc=$?
[ $rc -le 1 ] && valid out.docx || fail "the rerun after the kills failed (exit $rc)"
[ "$(cksum <in.docx)" = "$sum_in" ] || fail "the input changed"
find . -maxdepth 1 -name '.parity-annotate-*' -delete

# unwritable TARGET WHAT: exit 3, an error naming TARGET, input intact, nothing left behind.
unwritable() {
    annotate "$1" err
    rc=$?
    [ $rc = 3 ] || fail "$2: exit $rc, not 3 ($(cat err))"
    grep -qF "$1" err || fail "$2: the error does not name $1: $(cat err)"
    [ "$(cksum <in.docx)" = "$sum_in" ] || fail "$2: the input changed"
    [ -z "$(find . -name '.parity-annotate-*')" ] || fail "$2: a temporary file was left behind"
    echo "$2: $(head -1 err)"
}
unwritable missing/out.docx "missing folder"
unwritable in.docx/out.docx "folder is a file"
mkdir adir
unwritable adir "target is a folder"
if [ "$(id -u)" != 0 ]; then
    mkdir ro && chmod 555 ro
    unwritable ro/out.docx "read-only folder"
    chmod 755 ro
fi

# A full disk: no write may grow a file past 64 KiB (the copy is ~0.5 MB).
(trap '' XFSZ; ulimit -f 128; exec "$parity" check --no-config -q --annotate full.docx in.docx) >/dev/null 2>err
rc=$?
[ $rc = 3 ] || fail "full disk: exit $rc, not 3 ($(cat err))"
grep -qF full.docx err || fail "full disk: the error does not name the target: $(cat err)"
[ ! -e full.docx ] || fail "full disk: a partial copy was left"
[ -z "$(find . -name '.parity-annotate-*')" ] || fail "full disk: a temporary file was left behind"
[ "$(cksum <in.docx)" = "$sum_in" ] || fail "full disk: the input changed"
echo "full disk: $(head -1 err)"
echo ok
