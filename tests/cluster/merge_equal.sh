# The merged report is byte for byte the same whether the corpus ran in 1
# shard or 7, in every format; and it is what `parity check` prints for the
# same documents (SARIF: but for the command line, which merge leaves out).
. "$(dirname "$0")/lib.sh"
make_corpus
run_shards p1.plan 1 s1
run_shards p7.plan 7 s7
[ "$(ls s7 | wc -l)" -eq 7 ] || fail "7 shard files expected"
for f in text json jsonl sarif junit gitlab html; do
    st1=0 st7=0 stc=0
    "$PARITY" merge -q --format "$f" s1/*.jsonl > m1.$f || st1=$?
    "$PARITY" merge -q --format "$f" --output m7.$f s7/shard-6.jsonl s7/shard-[0-5].jsonl || st7=$?
    "$PARITY" check -q --format "$f" corpus > c.$f 2>/dev/null || stc=$?
    [ -s m7.$f ] || fail "$f: empty merge"
    cmp m1.$f m7.$f || fail "$f: merge of 1 shard differs from merge of 7"
    [ "$st1" = "$st7" ] && [ "$st1" = "$stc" ] || fail "$f: exit codes $st1 $st7 $stc differ"
    if [ "$f" = sarif ]; then
        strip_command_line c.sarif > c.stripped
        cmp c.stripped m7.sarif || fail "sarif: merge differs from check"
        grep -q '"commandLine"' c.sarif || fail "the SARIF filter removed nothing"
    else
        cmp c.$f m7.$f || fail "$f: merge differs from check"
    fi
done
[ "$st1" = 3 ] || fail "an unreadable document must make merge exit 3 as check does, not $st1"
grep -q '"ruleId"' m7.sarif || fail "the corpus gave no finding: the comparison proves little"
grep -q 'hong.docx: not a valid zip archive' m7.gitlab || fail "the broken document is not reported"
echo "merge_equal: 7 formats, 1 shard == 7 shards == check"
