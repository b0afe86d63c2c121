#!/bin/sh
# Validate one SARIF log with Microsoft's SARIF Multitool; fail on any error or warning.
#   sh multitool.sh LOG [PREFIX]
# PREFIX is the npm prefix holding @microsoft/sarif-multitool (default: build-tools/sarif-multitool
# in the source tree; tests/sarif/install-multitool.sh installs it there); PARITY_SARIF_MULTITOOL may
# name the Sarif.Multitool binary instead. The multitool's `validate` exits 0 even when it finds
# problems: its output (LOG.validation.sarif, itself SARIF) is read instead.
# Exit 0 clean, 1 problems (printed), 77 multitool or python3 not available.
set -u
log=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
prefix=${2:-$src/build-tools/sarif-multitool}

bin=${PARITY_SARIF_MULTITOOL:-}
if [ -z "$bin" ] && command -v node >/dev/null 2>&1; then
    bin=$(node -e 'try { process.stdout.write(require(process.argv[1])) } catch (e) {}' \
          "$prefix/node_modules/@microsoft/sarif-multitool" 2>/dev/null)
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "SKIP: SARIF Multitool not installed in $prefix (run sh tests/sarif/install-multitool.sh)"
    exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }

out="$log.validation.sarif"
rm -f "$out"
if ! "$bin" validate "$log" -o "$out" --level "Error;Warning" > "$out.log" 2>&1 || [ ! -s "$out" ]; then
    echo "FAIL $log: the multitool did not run cleanly:"
    cat "$out.log"
    exit 1
fi
python3 - "$log" "$out" <<'PY'
import json, sys
log, out = sys.argv[1], sys.argv[2]
problems = 0
for run in json.load(open(out, encoding="utf-8-sig"))["runs"]:
    rules = run["tool"]["driver"].get("rules", [])
    for r in run.get("results", []):
        # A result without a level takes its rule's default, and SARIF's default is "warning".
        level = r.get("level")
        if level is None and "ruleIndex" in r:
            level = rules[r["ruleIndex"]].get("defaultConfiguration", {}).get("level")
        level = level or "warning"
        if level not in ("error", "warning"):
            continue
        problems += 1
        msg = r["message"].get("text")
        if msg is None:
            rule = rules[r["ruleIndex"]] if "ruleIndex" in r else {}
            template = rule.get("messageStrings", {}).get(r["message"].get("id"), {}).get("text", "")
            msg = template
            for i, arg in enumerate(r["message"].get("arguments", [])):
                msg = msg.replace("{%d}" % i, arg)
        region = r.get("locations", [{}])[0].get("physicalLocation", {}).get("region", {})
        print(f"FAIL {log}:{region.get('startLine', '?')}: {level} {r.get('ruleId')}: {msg}")
    for inv in run.get("invocations", []):
        for n in inv.get("toolConfigurationNotifications", []) + inv.get("toolExecutionNotifications", []):
            if n.get("level", "warning") in ("error", "warning"):
                problems += 1
                print(f"FAIL {log}: validator: {n['message'].get('text')}")
print(f"{'ok  ' if not problems else 'FAIL'} {log}: {problems} error(s) or warning(s)")
sys.exit(1 if problems else 0)
PY
