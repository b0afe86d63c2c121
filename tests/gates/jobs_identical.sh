#!/bin/sh
# --jobs 1 and --jobs 4 write the same bytes (every format, stdout and stderr, exit
# status) over a folder of drafts: results are collected per input and written in
# input order whatever the number of threads.
# usage: jobs_identical.sh PARITY MKDOCX SOURCE_DIR WORK_DIR
set -u
parity=$1 mkdocx=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work/drafts/so" || exit 99
cd "$work" || exit 99

# A folder of drafts: the samples and golden inputs of the tree (text and DOCX), each
# several times under different names so the threads have work to share.
n=0
for f in "$src"/corpora/samples/*.txt "$src"/tests/golden/check/*/*.txt "$src"/tests/gates/data/*.txt; do
    [ -f "$f" ] || continue
    case $f in
        *.docx.txt)
            for k in 1 2 3; do n=$((n + 1)); "$mkdocx" "$f" "drafts/so/d$n-$k.docx" || exit 99; done ;;
        *)
            for k in 1 2 3; do n=$((n + 1)); cp "$f" "drafts/t$n-$k.txt"; done ;;
    esac
done
for f in "$src"/corpora/samples/*.docx "$src"/corpora/samples/*.odt "$src"/corpora/samples/*.akn.xml; do
    [ -f "$f" ] || continue
    for k in 1 2; do n=$((n + 1)); cp "$f" "drafts/so/s$n-$k-$(basename "$f")"; done
done
printf 'PK\003\004broken' > drafts/hong.docx
count=$(find drafts -type f | wc -l)
[ "$count" -ge 12 ] || { echo "only $count drafts"; exit 99; }

status=0
for format in text json jsonl sarif junit gitlab; do
    NO_COLOR=1 "$parity" check --format "$format" --jobs 1 drafts > "one.$format" 2> "one.$format.err"
    one=$?
    NO_COLOR=1 "$parity" check --format "$format" --jobs 4 drafts > "four.$format" 2> "four.$format.err"
    four=$?
    # SARIF records the command line, which differs by the --jobs value only: drop it.
    if [ "$format" = sarif ]; then
        for f in one.sarif four.sarif; do
            awk 'skip { skip = 0; next } /^ *"--jobs",$/ { skip = 1; next } { print }' "$f" |
                sed 's/ --jobs [0-9]*//' > "$f.tmp" && mv "$f.tmp" "$f"
        done
    fi
    if [ "$one" != "$four" ] || [ "$one" -ne 3 ]; then
        echo "$format: exit status $one with one job, $four with four (expected 3: one unreadable input)"
        status=1
    fi
    for kind in "" .err; do
        if ! cmp -s "one.$format$kind" "four.$format$kind"; then
            echo "$format$kind differs between --jobs 1 and --jobs 4:"
            diff "one.$format$kind" "four.$format$kind" | head -20
            status=1
        fi
    done
done
# --jobs 0 (one per CPU) too, and the output really covers every draft.
"$parity" check --format jsonl --jobs 0 drafts > zero.jsonl 2> /dev/null
cmp -s one.jsonl zero.jsonl || { echo "--jobs 0 differs"; status=1; }
files=$(grep -c '"path"' one.json)
[ "$files" -eq "$count" ] || { echo "JSON lists $files files of $count"; status=1; }
# --time adds its table on standard error and changes nothing else; with four workers it still
# counts every draft once (the broken one too: it fails while being read).
for jobs in 1 4; do
    NO_COLOR=1 "$parity" check --format jsonl --jobs $jobs --time drafts > "timed$jobs.jsonl" 2> "timed$jobs.err"
    [ $? = 3 ] || { echo "--time --jobs $jobs: exit status changed"; status=1; }
    cmp -s one.jsonl "timed$jobs.jsonl" || { echo "--time --jobs $jobs changes the report"; status=1; }
    grep -q "^parity: time of $count documents .* on $jobs worker" "timed$jobs.err" ||
        { echo "--time --jobs $jobs: no header for $count documents:"; cat "timed$jobs.err"; status=1; }
    for row in "reading files" "prefilter (all" "rule (slowest first)" "age-gap "; do
        grep -q "^  $row" "timed$jobs.err" || { echo "--time --jobs $jobs: no '$row' row"; status=1; }
    done
    # No rule can have run on more documents than were read.
    awk -v n="$count" '/^  rule \(slowest/ { rules = 1; next } rules && $5 ~ /^[0-9]+$/ && $5 + 0 > n + 0 { bad = 1 } END { exit bad }' \
        "timed$jobs.err" || { echo "--time --jobs $jobs: a rule ran on more than $count documents"; status=1; }
done
[ "$status" = 0 ] && echo "identical over $count drafts and 6 formats"
exit $status
