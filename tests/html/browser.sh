#!/bin/sh
# browser.sh PARITY SOURCE_DIR OUT_DIR: render HTML reports in headless Chromium and check the DOM.
# Exit 77 (skipped) without Chromium or python3.
set -u
parity=$1 src=$2 out=$3
sample=$src/corpora/samples/du-thao-quy-che-bo-nhiem.docx

chromium=""
for c in chromium chromium-browser google-chrome; do
    command -v "$c" >/dev/null 2>&1 && { chromium=$c; break; }
done
[ -n "$chromium" ] || { echo "chromium is not installed: skipped"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed: skipped"; exit 77; }

rm -rf "$out" && mkdir -p "$out" || exit 99
profile=$(mktemp -d) || exit 99
trap 'rm -rf "$profile"' EXIT

# Offline and quiet: nothing but the file on disk is loaded.
browse() {
    "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2>>"$out/chromium.log"
}

status=0
# The sample draft: 1 when it has findings, as `parity check` exits.
"$parity" check --format html "$sample" > "$out/report.html"
[ $? -le 1 ] || { echo "parity check --format html failed"; exit 1; }
"$parity" check --format json "$sample" > "$out/report.json"
[ $? -le 1 ] || { echo "parity check --format json failed"; exit 1; }
browse --dump-dom "file://$out/report.html" > "$out/dom.html" || { echo "chromium could not render the report"; exit 1; }
python3 "$src/tests/html/check_dom.py" "$out/dom.html" "$out/report.json" || status=1
browse --screenshot="$out/report.png" --window-size=1280,2400 "file://$out/report.html" >/dev/null
[ -s "$out/report.png" ] || { echo "no screenshot"; status=1; }

# A hostile draft: markup in its text must reach the page as text.
cat > "$out/hostile-draft.txt" <<'DRAFT'
QUY CHẾ
Điều 1. Điều kiện bổ nhiệm <img src=x onerror="document.title='pwned'">
1. Tuổi bổ nhiệm lần đầu <script>document.title='pwned'</script>: nam không quá 55 tuổi, nữ không quá 50 tuổi.
DRAFT
"$parity" check --format html "$out/hostile-draft.txt" > "$out/hostile.html"
[ $? -le 1 ] || { echo "parity check --format html failed on the hostile draft"; exit 1; }
"$parity" check --format json "$out/hostile-draft.txt" > "$out/hostile.json"
browse --dump-dom "file://$out/hostile.html" > "$out/hostile-dom.html" || exit 1
python3 "$src/tests/html/check_dom.py" --hostile "$out/hostile-dom.html" "$out/hostile.json" || status=1

[ $status = 0 ] && echo "ok: rendered DOM matches the JSON report; screenshot in $out/report.png"
exit $status
