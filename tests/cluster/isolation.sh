# One document's failure is that document's line, never the end of the
# shard: a corrupt file (the reader's error, with its code), a worker that
# dies on a document (SIGSEGV) and one that hangs past --timeout each get
# their line, and every other document is checked.
. "$(dirname "$0")/lib.sh"
make_corpus
run_shards p.plan 2 clean
PARITY_TEST_CRASH_ON=draft-00002.docx PARITY_TEST_HANG_ON=draft-00004.txt \
    run_shards p.plan 2 hurt --timeout 1
docs=$(($(wc -l < p.plan) - 1))
got=$(cat hurt/*.jsonl | grep -c '^{"doc":')
[ "$got" = "$docs" ] || fail "$got document lines for $docs documents"
grep -q '"path":"corpus/gen/draft-00002.docx".*"error":{"v":1,"code":-8,"stage":"none","message":"crashed: signal 11' hurt/*.jsonl ||
    fail "no crash line for the crashing document"
grep -q '"path":"corpus/gen-large/draft-00004.txt".*"error":{"v":1,"code":-7,.*"message":"timed out after 1 s"' hurt/*.jsonl ||
    fail "no time-out line for the hanging document"
grep -q '"path":"corpus/samples/hong.docx".*"error":{"v":1,"code":-3,"stage":"reader"' hurt/*.jsonl ||
    fail "no reader error for the corrupt document"
# Everything else is exactly what the clean run found.
grep -hv -e 'draft-00002.docx' -e 'gen-large/draft-00004.txt' -e '^{"complete"' hurt/*.jsonl | sort > a
grep -hv -e 'draft-00002.docx' -e 'gen-large/draft-00004.txt' -e '^{"complete"' clean/*.jsonl | sort > b
cmp a b || fail "the other documents' lines differ from a clean run"
st=0
"$PARITY" merge -q --format json hurt/*.jsonl > m.json || st=$?
[ "$st" = 3 ] || fail "merge must exit 3 when documents could not be checked, not $st"
grep -q 'crashed: signal 11' m.json || fail "the crash is not in the merged report"
echo "isolation: $docs documents, 3 failures isolated"
