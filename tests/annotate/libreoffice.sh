#!/bin/sh
# usage: libreoffice.sh PARITY DRAFT.docx
# Annotate DRAFT.docx, then have LibreOffice convert the copy to PDF: it must exit 0 and give a PDF.
# Exit 77 (skip) when soffice is not installed.
set -u
parity=$1
draft=$2
command -v soffice >/dev/null 2>&1 || { echo "soffice not installed: skipped"; exit 77; }
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
cp "$draft" "$dir/input.docx" || exit 1

"$parity" check --no-config "$draft" >"$dir/plain.out" 2>/dev/null
plain=$?
"$parity" check --no-config --annotate "$dir/out.docx" "$draft" >"$dir/annotated.out" 2>"$dir/annotated.err"
annotated=$?
[ "$plain" = "$annotated" ] || { echo "exit status $annotated with --annotate, $plain without"; exit 1; }
cmp -s "$dir/plain.out" "$dir/annotated.out" || { echo "--annotate changed standard output"; exit 1; }
grep -q "wrote $dir/out.docx with [1-9][0-9]* comments" "$dir/annotated.err" ||
  { echo "no note on stderr:"; cat "$dir/annotated.err"; exit 1; }
cmp -s "$draft" "$dir/input.docx" || { echo "the input was modified"; exit 1; }
[ -s "$dir/out.docx" ] || { echo "no annotated copy"; exit 1; }

mkdir "$dir/home" "$dir/pdf"
HOME="$dir/home" timeout 240 soffice --headless --norestore --convert-to pdf --outdir "$dir/pdf" "$dir/out.docx" \
  >"$dir/soffice.log" 2>&1
rc=$?
[ "$rc" = 0 ] || { echo "soffice exited $rc"; cat "$dir/soffice.log"; exit 1; }
[ -s "$dir/pdf/out.pdf" ] || { echo "soffice made no PDF"; cat "$dir/soffice.log"; exit 1; }
head -c 5 "$dir/pdf/out.pdf" | grep -q '%PDF-' || { echo "out.pdf is not a PDF"; exit 1; }
echo "annotated copy converted: $(wc -c <"$dir/pdf/out.pdf") bytes of PDF"
