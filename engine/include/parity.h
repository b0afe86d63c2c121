/*
 * parity.h: the whole public API of libparity.
 *
 *   parity_ruleset *rs;  parity_ruleset_new(&rs);  parity_ruleset_add_builtin(rs, NULL, NULL);
 *   parity_result *res;  parity_check_file(&res, rs, "draft.docx", NULL, &err);
 *   parity_report_write(&opts, rs, &entry, 1, &writer, &err);
 *   parity_document *doc;  parity_document_open_file(&doc, "draft.docx", NULL, &err);
 *   parity_inventory_write(&inv_opts, rs, &entry, 1, &writer, &err);   (the review inventory)
 */
#ifndef PARITY_H
#define PARITY_H

#include "parity/common.h"
#include "parity/ruleset.h"
#include "parity/check.h"
#include "parity/report.h"
#include "parity/document.h"
#include "parity/config.h"
#include "parity/inventory.h"
#include "parity/limits.h"

#endif
