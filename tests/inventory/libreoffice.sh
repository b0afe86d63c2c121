#!/bin/sh
# usage: libreoffice.sh PARITY CORPUS_DIR
# Write the inventory of CORPUS_DIR as DOCX, have LibreOffice convert it to HTML, and check that the
# inventory table (the report's last table) has one row per defect finding plus the header row, the
# count of defects coming from the CSV inventory of the same run. Exit 77 (skip) without soffice.
set -u
parity=$1
corpus=$2
command -v soffice >/dev/null 2>&1 || { echo "soffice not installed: skipped"; exit 77; }
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT

"$parity" inventory --no-config --quiet --date 2025-06-30 -o "$dir/inventory.docx" "$corpus" ||
  { echo "parity inventory (docx) failed"; exit 1; }
"$parity" inventory --no-config --date 2025-06-30 --format csv "$corpus" >"$dir/inventory.csv" ||
  { echo "parity inventory (csv) failed"; exit 1; }
# One CRLF-terminated line per row after the header; fields never hold a line break.
defects=$(( $(grep -c "$(printf '\r')\$" "$dir/inventory.csv") - 1 ))
[ "$defects" -gt 0 ] || { echo "the corpus gave no defect: nothing to check"; exit 1; }

mkdir "$dir/home" "$dir/html"
HOME="$dir/home" timeout 240 soffice --headless --norestore --convert-to html --outdir "$dir/html" \
  "$dir/inventory.docx" >"$dir/soffice.log" 2>&1
rc=$?
[ "$rc" = 0 ] || { echo "soffice exited $rc"; cat "$dir/soffice.log"; exit 1; }
html="$dir/html/inventory.html"
[ -s "$html" ] || { echo "soffice made no HTML"; cat "$dir/soffice.log"; exit 1; }

tables=$(tr -d '\n' <"$html" | grep -o '<table' | wc -l)
[ "$tables" -ge 2 ] || { echo "expected the summary and inventory tables, found $tables"; exit 1; }
rows=$(tr -d '\n' <"$html" | sed 's/.*<table//' | grep -o '<tr[ >]' | wc -l)
[ "$rows" -eq $((defects + 1)) ] ||
  { echo "inventory table has $rows rows, expected $defects defects + 1 header"; exit 1; }
grep -q "DANH MỤC QUY ĐỊNH CẦN SỬA ĐỔI" "$html" || { echo "the Vietnamese heading did not survive"; exit 1; }
grep -q "hiện nay nam 55, nữ 50" "$html" || { echo "no recommendation with captured ages"; exit 1; }
echo "inventory table: $defects rows + header, as LibreOffice reads it"
