#!/bin/sh
# The acceptance test of issue 5, with the built-in packs: version 1 of a draft, then
# version 2, which inserts an article before the old ones (renumbering them all) and
# adds exactly one defect. With version 1's report (SARIF or JSON) as the baseline,
# exactly one new finding remains and only it fails the gate; `parity diff v1 v2`
# reports one introduced and none resolved. The same for DOCX.
# usage: acceptance.sh PARITY MKDOCX SOURCE_DIR WORK_DIR
set -u
parity=$1 mkdocx=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work" || exit 99
cd "$work" || exit 99
command -v python3 > /dev/null || { echo "python3 missing: skipped"; exit 77; }
v1=$src/tests/gates/data/quy-che-v1.txt v2=$src/tests/gates/data/quy-che-v2.txt
status=0
fail() { echo "FAIL: $*"; status=1; }

# count FILE EXPR: evaluate a Python expression over the JSON document `d`.
count() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

for ext in txt docx; do
    draft=du-thao.$ext
    if [ $ext = docx ]; then "$mkdocx" "$v1" "$draft" || exit 99; else cp "$v1" "$draft"; fi
    "$parity" check --format sarif "$draft" > base.sarif
    "$parity" check --format json "$draft" > base.json
    old=$(count base.json 'len(d["files"][0]["findings"])')
    [ "$old" -ge 1 ] || fail "$ext: version 1 should have findings (has $old)"
    if [ $ext = docx ]; then "$mkdocx" "$v2" "$draft" || exit 99; else cp "$v2" "$draft"; fi
    cp "$draft" "v2.$ext"
    if [ $ext = docx ]; then "$mkdocx" "$v1" "v1.$ext" || exit 99; else cp "$v1" "v1.$ext"; fi

    # Without a baseline: every finding, old ones renumbered.
    "$parity" check --format json "$draft" > plain.json
    all=$(count plain.json 'len(d["files"][0]["findings"])')
    [ "$all" -eq $((old + 1)) ] || fail "$ext: version 2 should have $((old + 1)) findings, has $all"

    # SARIF baseline, SARIF out: one "new", the rest "unchanged"; exit 1 for the new error.
    "$parity" check --format sarif --baseline base.sarif "$draft" > out.sarif; rc=$?
    [ $rc -eq 1 ] || fail "$ext: SARIF baseline: exit $rc, expected 1"
    new=$(count out.sarif 'sum(r.get("baselineState") == "new" for r in d["runs"][0]["results"])')
    same=$(count out.sarif 'sum(r.get("baselineState") == "unchanged" for r in d["runs"][0]["results"])')
    [ "$new" -eq 1 ] && [ "$same" -eq "$old" ] || fail "$ext: SARIF: $new new, $same unchanged (expected 1 and $old)"
    rule=$(count out.sarif '[r["ruleId"] for r in d["runs"][0]["results"] if r["baselineState"] == "new"][0]')
    [ "$rule" = sex-restriction ] || fail "$ext: the new finding is $rule, expected sex-restriction"

    # JSON baseline, JSON out.
    "$parity" check --format json --baseline base.json "$draft" > out.json; rc=$?
    [ $rc -eq 1 ] || fail "$ext: JSON baseline: exit $rc, expected 1"
    new=$(count out.json 'sum(f["baseline"] == "new" for f in d["files"][0]["findings"])')
    [ "$new" -eq 1 ] || fail "$ext: JSON: $new new findings, expected 1"

    # Text: only the new finding is shown.
    NO_COLOR=1 "$parity" check --baseline base.sarif "$draft" > out.txt 2> out.err
    shown=$(grep -c "^$draft:" out.txt)
    [ "$shown" -eq 1 ] || fail "$ext: text shows $shown findings, expected 1"
    grep -q "\[sex-restriction\]" out.txt || fail "$ext: text does not show the new finding"

    # Both baselines read from the other format of output too.
    "$parity" check --format json --baseline base.sarif "$draft" > cross.json
    new=$(count cross.json 'sum(f["baseline"] == "new" for f in d["files"][0]["findings"])')
    [ "$new" -eq 1 ] || fail "$ext: SARIF baseline, JSON out: $new new"

    # The new version as its own baseline: nothing new, the gate passes.
    "$parity" check --format sarif "$draft" > self.sarif
    "$parity" check --baseline self.sarif "$draft" > /dev/null 2>&1; rc=$?
    [ $rc -eq 0 ] || fail "$ext: own baseline: exit $rc, expected 0"

    # parity diff v1 v2: one introduced, none resolved, the rest unchanged.
    "$parity" diff --format json "v1.$ext" "v2.$ext" > diff.json; rc=$?
    [ $rc -eq 1 ] || fail "$ext: diff: exit $rc, expected 1"
    summary=$(count diff.json '"%d %d %d" % (d["summary"]["introduced"], d["summary"]["resolved"], d["summary"]["unchanged"])')
    [ "$summary" = "1 0 $old" ] || fail "$ext: diff summary '$summary', expected '1 0 $old'"
    moved=$(count diff.json 'sum(u["citation"] != u["previous_citation"] for u in d["unchanged"] if u["citation"])')
    [ "$moved" -ge 1 ] || fail "$ext: diff: no unchanged finding shows its renumbered citation"
    "$parity" diff "v2.$ext" "v1.$ext" > back.txt; rc=$?
    [ $rc -eq 0 ] || fail "$ext: diff back: exit $rc, expected 0 (nothing introduced)"
    grep -q "^Đã khắc phục (1):" back.txt || fail "$ext: diff back should resolve one finding"
done
[ $status = 0 ] && echo "acceptance: one new finding after renumbering, text and DOCX, SARIF and JSON baselines"
exit $status
