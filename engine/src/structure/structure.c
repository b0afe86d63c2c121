/* STUB: replaced by the structure work (helper B). */
#include "structure/structure.h"
#include "util/error.h"

int parity_structure_build(parity_doc *doc, parity_error *err)
{
    (void)doc;
    return parity_error_set(err, PARITY_EINTERNAL, PARITY_STAGE_STRUCTURE, NULL, NULL, 0, 0, "stub");
}

int parity_structure_citation(const parity_doc *doc, size_t u, parity_lang lang, parity_str *out)
{
    (void)doc; (void)u; (void)lang; (void)out;
    return PARITY_EINTERNAL;
}
