#!/bin/sh
# The YAML recipes of tools/recipes parse, and the hook runs the command it names.
# (Skipped when Python's yaml module is absent: python3-yaml is not a dependency.)
# usage: recipes.sh PARITY MKDOCX SOURCE_DIR WORK_DIR
set -u
parity=$1 src=$3
python3 -c 'import yaml' 2> /dev/null || { echo "python3 yaml module missing: skipped"; exit 77; }
python3 - "$src/tools/recipes" <<'PY' || exit 1
import sys, yaml, pathlib
root = pathlib.Path(sys.argv[1])
hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
assert isinstance(hooks, list) and hooks, "hooks: a list"
for h in hooks:
    for key in ("id", "name", "entry", "language", "files"):
        assert key in h, f"hook {h.get('id')}: no {key}"
    assert h["language"] == "system" and h["entry"].startswith("parity check")
gh = yaml.safe_load((root / "github-actions.yml").read_text())
steps = gh["jobs"]["audit"]["steps"]
assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
gl = yaml.safe_load((root / "gitlab-ci.yml").read_text())
reports = gl["parity"]["artifacts"]["reports"]
assert reports["codequality"] and reports["junit"]
print("recipes parse")
PY
"$parity" check --help | grep -q -- '--quiet' || { echo "the hook's --quiet is not an option"; exit 1; }
