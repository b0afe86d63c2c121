#!/usr/bin/env python3
"""Run `parity check` on every hostile input of manifest.tsv (issue 8).

    run.py PARITY WORK_DIR [--sanitized] [--external DIR]

Each case: no crash, no hang (a timeout), memory under 512 MiB (RLIMIT_AS,
not under a sanitizer, whose shadow memory needs far more address space),
the expected exit status (and 0, 1 or 3 for any input), the expected
message naming the input, and no byte of the secret file that the external
entity cases point at in any output. Then one batch run mixes hostile and
good inputs to show the good ones are still reported. With --external,
every file under DIR (the shared corpus) is checked one by one and must end
in 0, 1 or 3 with no crash. Prints the slowest cases.
"""
import concurrent.futures
import json
import os
import re
import resource
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

TIMEOUT = 20
MEMORY = 512 << 20


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


class Runner:
    def __init__(self, parity, work, sanitized):
        self.parity, self.work, self.sanitized = parity, work, sanitized
        self.failures, self.timings = [], []

    def run(self, args):
        env = dict(os.environ, NO_COLOR="1")
        start = time.monotonic()
        try:
            p = subprocess.run([self.parity] + args, cwd=self.work, capture_output=True,
                               timeout=TIMEOUT * (5 if self.sanitized else 1), env=env,
                               preexec_fn=None if self.sanitized else limit_memory)
        except subprocess.TimeoutExpired:
            return None, b"", b"", time.monotonic() - start
        return p.returncode, p.stdout, p.stderr, time.monotonic() - start

    def fail(self, label, why, err=b""):
        self.failures.append("%s: %s\n    stderr: %s" % (label, why,
                                                          err.decode("utf-8", "replace")[:600]))


def cases(manifest):
    for n, line in enumerate(open(manifest, encoding="utf-8"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 3:
            raise SystemExit("%s:%d: needs input, exit, regex[, args]" % (manifest, n))
        yield n, cols[0], int(cols[1]), cols[2], cols[3] if len(cols) > 3 else ""


def check_case(r, secret_text, n, name, want, regex, extra):
    args = ["check", "--no-config", "-q"] if "--config" not in extra else ["check", "-q"]
    args += [a.replace("{W}", r.work) for a in shlex.split(extra)]
    if not any(a == os.path.join(r.work, name) for a in args):
        args.append(name)
    label = "manifest line %d: %s %s" % (n, name, extra)
    code, out, err, secs = r.run(args)
    r.timings.append((secs, label))
    text = err.decode("utf-8", "replace")
    if code is None:
        return r.fail(label, "no answer within %d s" % TIMEOUT)
    if code < 0:
        return r.fail(label, "killed by signal %d" % -code, err)
    if code not in (0, 1, 2, 3):
        return r.fail(label, "exit %d (out of memory or a bug)" % code, err)
    if code != want:
        return r.fail(label, "exit %d, expected %d" % (code, want), err)
    if secret_text in (out + err).decode("utf-8", "replace"):
        return r.fail(label, "the secret file's text appears in the output")
    if regex == "-":
        if re.search(r"(^|\n)parity: [^\n]*%s: " % re.escape(name), text):
            r.fail(label, "an error names the input", err)
        return
    if not re.search(regex, text):
        return r.fail(label, "stderr does not match /%s/" % regex, err)
    if code == 3 and name not in text:
        r.fail(label, "the message does not name the input", err)


def check_extract(r, secret_text, names):
    """`parity extract` prints the text a reader took: nothing of the secret may be in it."""
    for name in names:
        code, out, err, _ = r.run(["extract", name])
        if code is None or code < 0 or code > 3:
            r.fail("extract " + name, "exit %s" % code, err)
        elif secret_text in (out + err).decode("utf-8", "replace"):
            r.fail("extract " + name, "the secret file's text appears in the extracted text")


def check_batch(r):
    """Hostile and good inputs in one run: every good one still gets its findings."""
    good = ["good_flagged.txt", "good_flagged.docx", "good_flagged.odt", "good_flagged.xml"]
    bad = ["zip_bomb_ratio.docx", "xml_xxe_file.docx", "xml_billion_laughs.xml", "zip_overlap.docx",
           "xml_deep_nesting.docx", "zip_many_entries.docx", "text_nul_bytes.txt", "odt_bomb.odt",
           "zip_truncated_half.docx", "zip_encrypted.docx"]
    inputs = [x for pair in zip(bad, good + good + good) for x in pair]
    for fmt in ("json", "sarif", "text"):
        code, out, err, _ = r.run(["check", "--no-config", "-q", "-j", "2", "-f", fmt] + inputs)
        label = "batch (%s)" % fmt
        if code != 3:
            r.fail(label, "exit %s, expected 3" % code, err)
            continue
        text = err.decode("utf-8", "replace")
        for b in bad:
            if not re.search(r"parity: %s: " % re.escape(b), text):
                r.fail(label, "no error line for " + b, err)
        report = out.decode("utf-8", "replace")
        for g in good:
            if fmt == "text":
                ok = g in report
            else:
                ok = report.count(g) > 0
            if not ok:
                r.fail(label, "the good input %s is missing from the report" % g)
        if fmt == "json":
            flagged = set()
            for f in json.loads(report).get("files", []):
                if f.get("findings"):
                    flagged.add(os.path.basename(f.get("path", "")))
            for g in good:
                if g not in flagged:
                    r.fail(label, "no finding reported for the good input " + g)


def check_diagnostics(r):
    """A rule cut short by a regex limit is in every report format, and on standard error."""
    args = ["check", "--no-config", "-q", "--no-builtin", "--rules", "pack_catastrophic_regex.yaml",
            "catastrophic_subject.txt"]
    for fmt in ("json", "sarif", "text"):
        code, out, err, _ = r.run(args + ["-f", fmt])
        where = err if fmt == "text" else out
        if code != 1 or where.count(b"hit a regex limit") != 2:
            r.fail("diagnostics (%s)" % fmt, "exit %s; the two slow rules are not both reported"
                   % code, err)


def check_external(r, folder):
    files = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(folder) for f in fs)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda p: r.run(["check", "--no-config", "-q", p]), files))
    for path, (code, _, err, secs) in zip(files, results):
        r.timings.append((secs, "external " + os.path.relpath(path, folder)))
        label = "external " + path
        if code is None:
            r.fail(label, "no answer within %d s" % TIMEOUT)
        elif code not in (0, 1, 3):
            r.fail(label, "exit %d" % code, err)
        elif code == 3 and path not in err.decode("utf-8", "replace"):
            r.fail(label, "the error does not name the file", err)
    return len(files)


def main():
    argv = sys.argv[1:]
    sanitized = "--sanitized" in argv
    external = None
    if "--external" in argv:
        external = argv[argv.index("--external") + 1]
        argv = [a for a in argv if a != external]
    argv = [a for a in argv if not a.startswith("--")]
    parity, work = os.path.abspath(argv[0]), os.path.abspath(argv[1])
    os.makedirs(work, exist_ok=True)
    r = Runner(parity, work, sanitized)
    if external is None:
        secret = gen.generate(work)
        secret_text = gen.SECRET
        seen = set()
        count = 0
        for n, name, want, regex, extra in cases(os.path.join(HERE, "manifest.tsv")):
            if not os.path.exists(os.path.join(work, name)):
                r.fail("manifest line %d" % n, "the generator made no %s" % name)
                continue
            seen.add(name)
            count += 1
            check_case(r, secret_text, n, name, want, regex, extra)
        made = set(os.listdir(work)) - {os.path.basename(secret)}
        for name in sorted(made - seen):
            if not name.startswith(("good_", "config_", "pack_catastrophic")):
                r.fail(name, "generated but not in manifest.tsv")
        check_extract(r, secret_text, sorted(n for n in made if "xxe" in n or "dtd" in n or
                                             "xinclude" in n or "rels_escape" in n))
        check_batch(r)
        check_diagnostics(r)
        print("hostile: %d cases" % count)
    elif not os.path.isdir(external):
        print("hostile: %s is absent, nothing to check" % external)
        return 0
    else:
        print("hostile: %d external files" % check_external(r, external))
    for secs, label in sorted(r.timings, reverse=True)[:8]:
        print("  %6.0f ms  %s" % (secs * 1000, label))
    for f in r.failures:
        print("FAIL " + f)
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
