# A shard killed with SIGKILL in the middle of its run picks up after its
# last complete line (a torn line is cut off) and ends with the same bytes
# as a run never interrupted; a rerun of a finished shard changes nothing.
. "$(dirname "$0")/lib.sh"
make_corpus
run_shards p.plan 1 whole
hang=$(sed -n 's/.*"path":"\([^"]*gen\/draft-00006.docx\)".*/\1/p' p.plan)
[ -n "$hang" ] || fail "no document to stop at"
PARITY_TEST_HANG_ON=draft-00006.docx "$PARITY" check -q --plan p.plan --shard 0/1 --output r/s.jsonl &
pid=$!
tries=0
until [ -f r/s.jsonl.partial ] && [ "$(wc -l < r/s.jsonl.partial)" -ge 5 ]; do
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || fail "the shard wrote nothing in 30 s"
    sleep 0.1
done
sleep 0.3
worker=$(pgrep -P "$pid" || true)
[ -n "$worker" ] || fail "no worker under the shard process"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
[ ! -f r/s.jsonl ] || fail "a killed shard must not leave a final file"
lines=$(wc -l < r/s.jsonl.partial)
printf '{"doc":3,"path":"torn' >> r/s.jsonl.partial
# The worker dies with its shard (PR_SET_PDEATHSIG): gone, or a zombie awaiting its reaper.
alive() { [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
tries=0
while alive "$worker"; do
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || fail "the worker $worker outlived its killed shard"
    sleep 0.1
done
out=$("$PARITY" check --plan p.plan --shard 0/1 --output r/s.jsonl 2>&1) || fail "resume exited $?"
echo "$out" | grep -q "($((lines - 1)) resumed" || fail "expected $((lines - 1)) documents resumed: $out"
cmp r/s.jsonl whole/shard-0.jsonl || fail "the resumed shard differs from an uninterrupted run"
[ ! -f r/s.jsonl.partial ] || fail "the .partial file is left behind"
before=$(cksum < r/s.jsonl)
out=$("$PARITY" check --plan p.plan --shard 0/1 --output r/s.jsonl 2>&1) || fail "rerun exited $?"
echo "$out" | grep -q "already complete" || fail "a rerun of a complete shard must do nothing: $out"
[ "$before" = "$(cksum < r/s.jsonl)" ] || fail "a rerun changed a complete shard"
echo "resume: killed after $((lines - 1)) documents, resumed to identical bytes"
