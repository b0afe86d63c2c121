/*
 * html_style.h: the style sheet of the HTML report (html.c), inlined so the
 * report opens from disk with nothing fetched. Colours meet WCAG AA (text
 * contrast at least 4.5:1: the darkest badge background gives 7.5:1 with
 * white); severity is always written out too, never shown by colour alone.
 * Print: no navigation or filters, a page per file, link targets written out.
 */
#ifndef PARITY_REPORT_HTML_STYLE_H
#define PARITY_REPORT_HTML_STYLE_H

#define PARITY_HTML_STYLE \
    ":root { color-scheme: light; }\n" \
    "body { margin: 0; font: 16px/1.5 system-ui, \"Segoe UI\", Roboto, \"Noto Sans\", \"DejaVu Sans\", sans-serif; color: #1a1a1a; background: #ffffff; }\n" \
    "header, nav, main { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }\n" \
    "header { border-bottom: 2px solid #1a1a1a; padding-bottom: 0.5rem; }\n" \
    "h1 { font-size: 1.6rem; margin: 1rem 0 0.5rem; }\n" \
    "h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #767676; }\n" \
    "h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }\n" \
    "h4 { font-size: 1rem; margin: 0 0 0.4rem; font-weight: 600; }\n" \
    "a { color: #0b4fa8; }\n" \
    "a:focus, button:focus, input:focus { outline: 3px solid #0b4fa8; outline-offset: 2px; }\n" \
    ".skip { position: absolute; left: -999px; }\n" \
    ".skip:focus { position: static; display: inline-block; margin: 0.5rem 1rem; }\n" \
    "dl.meta { margin: 0.5rem 0; }\n" \
    "dl.meta dt, .finding dt { font-weight: 600; }\n" \
    "dl.meta dd, .finding dd { margin: 0 0 0.4rem 1.5rem; }\n" \
    "ul.plain { margin: 0; padding-left: 1.2rem; }\n" \
    "nav { padding-top: 0.5rem; padding-bottom: 0.5rem; border-bottom: 1px solid #767676; }\n" \
    "nav ul { margin: 0.25rem 0; }\n" \
    "fieldset { display: inline-block; vertical-align: top; margin: 0.25rem 0.5rem 0.25rem 0; border: 1px solid #767676; }\n" \
    "fieldset label { display: block; }\n" \
    "button { font: inherit; padding: 0.2rem 0.8rem; margin: 0.25rem 0; }\n" \
    "#filter-status { margin: 0.25rem 0; font-weight: 600; }\n" \
    "table { border-collapse: collapse; margin: 0.5rem 2rem 0.5rem 0; display: inline-table; vertical-align: top; }\n" \
    "caption { text-align: left; font-weight: 600; }\n" \
    "th, td { border: 1px solid #767676; padding: 0.2rem 0.6rem; text-align: left; }\n" \
    "td.num { text-align: right; }\n" \
    ".badge { display: inline-block; padding: 0 0.45rem; border-radius: 0.25rem; color: #ffffff; font-size: 0.85rem; font-weight: 700; }\n" \
    ".badge.sev-error { background: #a4161a; }\n" \
    ".badge.sev-warning { background: #7a4500; }\n" \
    ".badge.sev-info { background: #1f4e8c; }\n" \
    ".badge.waived { background: #555555; }\n" \
    ".finding { border: 1px solid #767676; border-left: 6px solid #1f4e8c; margin: 0.75rem 0; padding: 0.6rem 0.8rem; break-inside: avoid; }\n" \
    ".finding.sev-error { border-left-color: #a4161a; }\n" \
    ".finding.sev-warning { border-left-color: #7a4500; }\n" \
    ".finding.suppressed { color: #4d4d4d; background: #f2f2f2; border-left-color: #555555; }\n" \
    ".finding.suppressed .badge { background: #555555; }\n" \
    ".cite { font-weight: 700; }\n" \
    ".where { margin: 0 0 0.4rem; color: #4d4d4d; font-size: 0.9rem; }\n" \
    ".context { margin: 0 0 0.5rem; padding: 0.4rem 0.6rem; background: #f7f7f7; border-left: 3px solid #767676; }\n" \
    ".suppressed .context { background: #e8e8e8; }\n" \
    "mark { background: #ffe066; color: #000000; padding: 0 0.1rem; text-decoration: underline; }\n" \
    "blockquote { margin: 0.3rem 0 0.3rem 1rem; padding-left: 0.6rem; border-left: 3px solid #767676; font-style: italic; }\n" \
    "code { font-family: ui-monospace, \"DejaVu Sans Mono\", monospace; font-size: 0.9em; }\n" \
    ".none { font-style: italic; }\n" \
    ".unreadable { border: 2px solid #a4161a; padding: 0.5rem 0.8rem; }\n" \
    "@media screen { .filtered-out { display: none; } }\n" \
    "@media print {\n" \
    "  body { font-size: 11pt; }\n" \
    "  nav, .skip, #filters { display: none; }\n" \
    "  header, main { max-width: none; }\n" \
    "  section.file { break-before: page; }\n" \
    "  .finding { break-inside: avoid; }\n" \
    "  a[href]:not([href^=\"#\"])::after { content: \" <\" attr(href) \">\"; font-size: 0.85em; }\n" \
    "  .badge { border: 1px solid #000000; }\n" \
    "}\n"

#endif
