#!/usr/bin/env python3
"""Check a parity JSON report: it parses, and re-serialized with indent=2 it reads exactly the same
(so the layout is the documented one and nothing is \\u-escaped needlessly). Exit 0 if so, 1 if not."""
import json
import sys


def main(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    doc = json.loads(text)
    again = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if again != text:
        for n, (a, b) in enumerate(zip(text.splitlines(), again.splitlines()), 1):
            if a != b:
                print(f"line {n}: got {a!r}, expected {b!r}", file=sys.stderr)
                break
        return 1
    if doc.get("schema") != "parity-report" or doc.get("version") != 1:
        print("missing schema/version", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
