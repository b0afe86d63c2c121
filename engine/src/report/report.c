/* STUB: replaced by the report work (helper E). */
#include "parity/report.h"

int parity_report_format_parse(parity_report_format *out, const char *name)
{
    (void)out; (void)name;
    return PARITY_EINVAL;
}

int parity_report_write(const parity_report_options *opts, const parity_ruleset *rs,
                        const parity_report_entry *entries, size_t n, const parity_writer *out,
                        parity_error *err)
{
    (void)opts; (void)rs; (void)entries; (void)n; (void)out; (void)err;
    return PARITY_EINTERNAL;
}
