/*
 * html_script.h: the filter script of the HTML report (html.c). It only
 * shows and hides elements the report already holds (never inserts markup),
 * and unhides the filters, which are useless without it: without script
 * everything stays visible.
 *
 * The report's Content-Security-Policy allows this exact script by its hash
 * and nothing else, so markup that ever slipped through escaping could not
 * run. Any change to the script must update PARITY_HTML_SCRIPT_SHA256: the
 * base64 SHA-256 of the script's bytes (test_html.c's script_hash_matches
 * recomputes it and prints the right value).
 */
#ifndef PARITY_REPORT_HTML_SCRIPT_H
#define PARITY_REPORT_HTML_SCRIPT_H

#define PARITY_HTML_SCRIPT_SHA256 "fD771pj0y3WxMRl69bjY5JEGvU/O28WeB5iNE6Lx/gQ="

#define PARITY_HTML_SCRIPT \
    "(function () {\n" \
    "  'use strict';\n" \
    "  var form = document.getElementById('filters');\n" \
    "  if (!form) { return; }\n" \
    "  var boxes = form.querySelectorAll('input[type=checkbox]');\n" \
    "  var findings = document.querySelectorAll('.finding');\n" \
    "  var groups = document.querySelectorAll('.group');\n" \
    "  var status = document.getElementById('filter-status');\n" \
    "  function apply() {\n" \
    "    var off = {};\n" \
    "    var shown = 0;\n" \
    "    var i;\n" \
    "    for (i = 0; i < boxes.length; i++) {\n" \
    "      if (!boxes[i].checked) { off[boxes[i].name + ':' + boxes[i].value] = true; }\n" \
    "    }\n" \
    "    for (i = 0; i < findings.length; i++) {\n" \
    "      var f = findings[i];\n" \
    "      var hide = off['severity:' + f.getAttribute('data-severity')] ||\n" \
    "        off['category:' + f.getAttribute('data-category')] ||\n" \
    "        (f.hasAttribute('data-suppressed') && off['suppressed:yes']);\n" \
    "      f.classList.toggle('filtered-out', !!hide);\n" \
    "      if (!hide) { shown++; }\n" \
    "    }\n" \
    "    for (i = 0; i < groups.length; i++) {\n" \
    "      groups[i].classList.toggle('filtered-out', !groups[i].querySelector('.finding:not(.filtered-out)'));\n" \
    "    }\n" \
    "    status.textContent = status.getAttribute('data-template')\n" \
    "      .replace('{shown}', String(shown)).replace('{total}', String(findings.length));\n" \
    "  }\n" \
    "  for (var k = 0; k < boxes.length; k++) { boxes[k].addEventListener('change', apply); }\n" \
    "  document.getElementById('filter-reset').addEventListener('click', function () {\n" \
    "    for (var j = 0; j < boxes.length; j++) { boxes[j].checked = true; }\n" \
    "    apply();\n" \
    "  });\n" \
    "  form.hidden = false;\n" \
    "  apply();\n" \
    "})();\n"

#endif
