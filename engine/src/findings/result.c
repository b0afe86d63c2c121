/* The public accessors of parity_result and parity_finding (parity/check.h). */
#include <string.h>

#include "findings/findings.h"

const char *parity_result_path(const parity_result *r)
{
    return r->path;
}

parity_format parity_result_format(const parity_result *r)
{
    return r->format;
}

size_t parity_result_count(const parity_result *r)
{
    return r->count;
}

const parity_finding *parity_result_finding(const parity_result *r, size_t i)
{
    return i < r->count ? &r->items[i] : NULL;
}

size_t parity_result_count_at_least(const parity_result *r, parity_severity min)
{
    size_t n = 0;
    if (min == PARITY_SEVERITY_NONE)
        return 0;
    for (size_t i = 0; i < r->count; i++)
        if (r->items[i].severity >= min && !r->items[i].suppression)
            n++;
    return n;
}

size_t parity_result_suppressed_count(const parity_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++)
        n += r->items[i].suppression != NULL;
    return n;
}

int parity_finding_suppressed(const parity_finding *f) { return f->suppression != NULL; }
const char *parity_finding_suppression(const parity_finding *f) { return f->suppression; }

#define STR_OR_EMPTY(s) ((s) ? (s) : "")

const parity_rule *parity_finding_rule(const parity_finding *f) { return f->rule; }
parity_severity parity_finding_severity(const parity_finding *f) { return f->severity; }
const char *parity_finding_citation(const parity_finding *f) { return STR_OR_EMPTY(f->citation); }
const char *parity_finding_citation_alt(const parity_finding *f) { return STR_OR_EMPTY(f->citation_alt); }
const char *parity_finding_message(const parity_finding *f) { return STR_OR_EMPTY(f->message); }
const char *parity_finding_match(const parity_finding *f) { return STR_OR_EMPTY(f->match); }
const char *parity_finding_context(const parity_finding *f) { return STR_OR_EMPTY(f->context); }
size_t parity_finding_context_offset(const parity_finding *f) { return f->context_offset; }
size_t parity_finding_context_length(const parity_finding *f) { return f->context_length; }
unsigned long parity_finding_line(const parity_finding *f) { return f->line; }
unsigned long parity_finding_column(const parity_finding *f) { return f->column; }
unsigned long parity_finding_end_line(const parity_finding *f) { return f->end_line; }
unsigned long parity_finding_end_column(const parity_finding *f) { return f->end_column; }
size_t parity_finding_offset(const parity_finding *f) { return f->offset; }
size_t parity_finding_length(const parity_finding *f) { return f->length; }
const char *parity_finding_fingerprint(const parity_finding *f) { return STR_OR_EMPTY(f->fingerprint); }

const char *parity_finding_capture(const parity_finding *f, const char *name)
{
    for (size_t i = 0; i < f->ncaps; i++)
        if (strcmp(f->caps[i].name, name) == 0)
            return f->caps[i].value;
    return NULL;
}

size_t parity_finding_capture_count(const parity_finding *f)
{
    return f->ncaps;
}

const char *parity_finding_capture_name(const parity_finding *f, size_t i)
{
    return i < f->ncaps ? f->caps[i].name : NULL;
}

const char *parity_finding_capture_value(const parity_finding *f, size_t i)
{
    return i < f->ncaps ? f->caps[i].value : NULL;
}

const char *parity_finding_eid(const parity_finding *f)
{
    return f->eid;
}

parity_doctype parity_result_doctype(const parity_result *r) { return r->identity.type; }
const char *parity_result_doc_number(const parity_result *r) { return STR_OR_EMPTY(r->identity.number); }
const char *parity_result_doc_title(const parity_result *r) { return STR_OR_EMPTY(r->identity.title); }
int parity_result_doc_draft(const parity_result *r) { return r->identity.draft; }
