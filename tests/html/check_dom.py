"""check_dom.py [--hostile] DOM JSON: the DOM Chromium rendered from an HTML report lists exactly the
findings of the JSON report of the same run (rule, severity, citation, message, flagged words), its filter
script ran, and (--hostile) no markup from the document became an element."""
import json
import re
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    """Collects the findings (<article class="finding ...">) and a few page facts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self.stack = []  # (tag, role): role names the finding field being read, if any
        self.tags = {}
        self.title = ""
        self.filters_hidden = None
        self.status = ""
        self.h1 = 0

    def role(self):
        for _, r in reversed(self.stack):
            if r:
                return r
        return None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        self.tags[tag] = self.tags.get(tag, 0) + 1
        role = None
        if tag == "article" and "finding" in cls:
            self.findings.append({"severity": a.get("data-severity"), "category": a.get("data-category"),
                                  "citation": "", "message": "", "match": "", "rule": "", "context": ""})
        elif tag == "span" and "cite" in cls:
            role = "citation"
        elif tag == "span" and "msg" in cls:
            role = "message"
        elif tag == "p" and "context" in cls:
            role = "context"
        elif tag == "mark":
            role = "match"
        elif tag == "code" and "rule-id" in cls:
            role = "rule"
        elif tag == "title":
            role = "title"
        elif tag == "p" and a.get("id") == "filter-status":
            role = "status"
        elif tag == "h1":
            self.h1 += 1
        if tag == "div" and a.get("id") == "filters":
            self.filters_hidden = "hidden" in a
        if tag not in ("meta", "input", "br", "link"):
            self.stack.append((tag, role))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        r = self.role()
        if r == "title":
            self.title += data
        elif r == "status":
            self.status += data
        elif r and self.findings:
            self.findings[-1][r] += data
            if r == "match":
                self.findings[-1]["context"] += data


def main(argv):
    hostile = argv[:1] == ["--hostile"]
    if hostile:
        argv = argv[1:]
    dom = Dom()
    with open(argv[0], encoding="utf-8") as f:
        dom.feed(f.read())
    with open(argv[1], encoding="utf-8") as f:
        report = json.load(f)
    want = [{"rule": x["rule"], "severity": x["severity"], "category": x["category"],
             "citation": x["citation"], "message": x["message"], "match": x["match"]}
            for file in report["files"] for x in file["findings"]]
    got = [{k: f[k] for k in ("rule", "severity", "category", "citation", "message", "match")}
           for f in dom.findings]
    errors = []
    if not want:
        errors.append("the JSON report has no finding: nothing to compare")
    key = lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False)
    if sorted(got, key=key) != sorted(want, key=key):
        errors.append("findings differ:\n  html: %s\n  json: %s" % (sorted(map(key, got)), sorted(map(key, want))))
    if dom.h1 != 1:
        errors.append("%d h1 elements" % dom.h1)
    for tag in ("header", "nav", "main"):
        if dom.tags.get(tag) != 1:
            errors.append("landmark <%s> appears %s times" % (tag, dom.tags.get(tag)))
    # The filter script ran (the policy let it): the filters are shown and the status counts every finding.
    if dom.filters_hidden is not False:
        errors.append("the filters are still hidden: the script did not run")
    n = len(want)
    if re.findall(r"\d+", dom.status) != [str(n), str(n)]:
        errors.append("filter status %r does not count %d findings" % (dom.status, n))
    if hostile:
        if dom.tags.get("img"):
            errors.append("an <img> from the document became an element")
        if dom.tags.get("script", 0) != 1:
            errors.append("%d script elements: document text became a script" % dom.tags.get("script", 0))
        if "pwned" in dom.title:
            errors.append("document text ran as script")
        contexts = [x["context"] for file in report["files"] for x in file["findings"]]
        shown = [f["context"] for f in dom.findings]
        if not any("<script>" in c for c in contexts):
            errors.append("the hostile draft gave no finding whose context holds markup")
        elif sorted(shown) != sorted(contexts):
            errors.append("contexts are not shown as their text:\n  html: %s\n  json: %s" % (shown, contexts))
    for e in errors:
        print("check_dom: " + e)
    if not errors:
        print("check_dom: %d findings match%s" % (n, " (hostile text kept as text)" if hostile else ""))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
