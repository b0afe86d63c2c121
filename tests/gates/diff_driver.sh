#!/bin/sh
# The git diff driver of tools/recipes: with `diff.parity.textconv "parity extract"`
# and `*.docx diff=parity`, `git diff` on a DOCX shows the changed sentence of its
# normalized text instead of "Binary files differ".
# usage: diff_driver.sh PARITY MKDOCX SOURCE_DIR WORK_DIR
set -u
parity=$1 mkdocx=$2 src=$3 work=$4
command -v git > /dev/null || { echo "git missing: skipped"; exit 77; }
rm -rf "$work" && mkdir -p "$work/repo" || exit 99
cd "$work/repo" || exit 99
export GIT_CONFIG_NOSYSTEM=1 HOME="$work" GIT_AUTHOR_NAME=parity GIT_AUTHOR_EMAIL=parity@example.org \
    GIT_COMMITTER_NAME=parity GIT_COMMITTER_EMAIL=parity@example.org
git init -q . || exit 99
git config diff.parity.textconv "$parity extract"
# The recipe's attributes, as a user copies them.
grep -v '^#' "$src/tools/recipes/gitattributes" > .gitattributes
grep -q '^\*\.docx diff=parity$' .gitattributes || { echo "recipe has no *.docx line"; exit 1; }

sed 's/không quá 50 tuổi đối với nam và không quá 45 tuổi đối với nữ/không quá 50 tuổi/' \
    "$src/tests/gates/data/quy-che-v1.txt" > v1.txt
"$mkdocx" "$src/tests/gates/data/quy-che-v1.txt" du-thao.docx || exit 99
git add .gitattributes du-thao.docx && git commit -q -m "v1" || exit 99
"$mkdocx" v1.txt du-thao.docx || exit 99

git diff > diff.out || exit 1
status=0
grep -q '^-1\. Tuổi bổ nhiệm lần đầu không quá 50 tuổi đối với nam và không quá 45 tuổi đối với nữ\.$' diff.out ||
    { echo "the old sentence is not shown as removed"; status=1; }
grep -q '^+1\. Tuổi bổ nhiệm lần đầu không quá 50 tuổi\.$' diff.out ||
    { echo "the new sentence is not shown as added"; status=1; }
grep -q 'Binary files' diff.out && { echo "git still calls the DOCX binary"; status=1; }
# Without the driver the same change is binary: the test can tell the difference.
git -c diff.parity.textconv= diff --no-textconv > raw.out
grep -q 'Binary files' raw.out || { echo "without textconv the diff should be binary"; status=1; }
[ $status = 0 ] || cat diff.out
[ $status = 0 ] && echo "git diff shows the changed sentence of the DOCX"
exit $status
