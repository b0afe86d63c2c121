#!/usr/bin/env python3
"""Validate a parity SARIF log against the OASIS SARIF 2.1.0 schema (draft-04) and check what the schema
cannot: ruleIndex and artifact indexes point to the right objects, logical locations carry the citation,
URIs are RFC 3986 references, and the invocation tells the truth about unreadable inputs.

usage: validate_sarif.py SCHEMA LOG [--results N] [--notifications N] [--rules N]
exit: 0 valid, 1 invalid, 77 when jsonschema is not installed (the caller skips).
"""
import argparse
import json
import re
import sys

try:
    import jsonschema
except ImportError:
    sys.exit(77)

# RFC 3986 URI-reference characters once percent-encoded: nothing outside this set may appear.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-F]{2})*$")


def problems(log, expect):
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    artifacts = run.get("artifacts", [])
    results = run.get("results", [])
    inv = run["invocations"][0]
    notes = inv.get("toolExecutionNotifications", [])
    if run.get("columnKind") != "unicodeCodePoints":
        yield "columnKind is not unicodeCodePoints"
    for a in artifacts:
        if not URI_CHARS.match(a["location"]["uri"]):
            yield f"artifact uri not percent-encoded: {a['location']['uri']!r}"
    for n, r in enumerate(results):
        if rules[r["ruleIndex"]]["id"] != r["ruleId"]:
            yield f"result {n}: ruleIndex {r['ruleIndex']} is {rules[r['ruleIndex']]['id']}, not {r['ruleId']}"
        loc = r["locations"][0]
        art = loc["physicalLocation"]["artifactLocation"]
        if artifacts[art["index"]]["location"]["uri"] != art["uri"]:
            yield f"result {n}: artifact index {art['index']} does not hold {art['uri']}"
        citation = r["properties"]["citation"]
        logical = loc.get("logicalLocations", [])
        if citation and (not logical or logical[0]["fullyQualifiedName"] != citation):
            yield f"result {n}: logicalLocations do not carry the citation {citation!r}"
        if not citation and logical:
            yield f"result {n}: logical location without a citation"
        if "parity/v1" not in r.get("partialFingerprints", {}):
            yield f"result {n}: no parity/v1 fingerprint"
    if inv["executionSuccessful"] != (len(notes) == 0):
        yield "executionSuccessful disagrees with the notifications"
    for key, actual in (("results", len(results)), ("notifications", len(notes)), ("rules", len(rules))):
        if expect[key] is not None and expect[key] != actual:
            yield f"{actual} {key}, expected {expect[key]}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("schema")
    ap.add_argument("log")
    for key in ("results", "notifications", "rules"):
        ap.add_argument("--" + key, type=int)
    args = ap.parse_args()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    with open(args.log, encoding="utf-8") as f:
        log = json.load(f)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    bad = [f"schema: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    if not bad:
        expect = {k: getattr(args, k) for k in ("results", "notifications", "rules")}
        bad = list(problems(log, expect))
    for line in bad:
        print(line, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
