/* STUB: replaced by the normalize work (helper B). */
#include "normalize/normalize.h"
#include "util/error.h"

int parity_normalize_doc(parity_doc *doc, parity_error *err)
{
    (void)doc;
    return parity_error_set(err, PARITY_EINTERNAL, PARITY_STAGE_NORMALIZE, NULL, NULL, 0, 0, "stub");
}

int parity_normalize_string(char **out, size_t *out_len, uint32_t **map, const char *in,
                            size_t len, size_t *bad_offset)
{
    (void)out; (void)out_len; (void)map; (void)in; (void)len; (void)bad_offset;
    return PARITY_EINTERNAL;
}
