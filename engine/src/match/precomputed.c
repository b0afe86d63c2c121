/* precomputed.c: finding a built-in regex's literal analysis in the build-time table. */
#include "match/precomputed.h"

#include <stdlib.h>
#include <string.h>

#include "parity/common.h"
#include "util/str.h"

/* FNV-1a from two offset bases: 128 bits and the length tell patterns apart. */
void parity_precomputed_hash(const char *pattern, size_t len, uint64_t out[2])
{
    uint64_t a = 1469598103934665603u, b = 0x84222325cbf29ce4u;
    for (size_t i = 0; i < len; i++) {
        a = (a ^ (unsigned char)pattern[i]) * 1099511628211u;
        b = (b ^ (unsigned char)pattern[i]) * 0x100000001b3u;
        b ^= b >> 29;
    }
    out[0] = a;
    out[1] = b;
}

const parity_precomputed *parity_precomputed_find(const char *pattern, size_t len)
{
    uint64_t h[2];
    parity_precomputed_hash(pattern, len, h);
    size_t lo = 0, hi = parity_precomputed_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const parity_precomputed *e = &parity_precomputed_table[mid];
        if (e->hash < h[0] || (e->hash == h[0] && e->check < h[1]))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == parity_precomputed_count)
        return NULL;
    const parity_precomputed *e = &parity_precomputed_table[lo];
    return e->hash == h[0] && e->check == h[1] && e->len == len ? e : NULL;
}

static int copy_set(parity_literals *to, const char *const *from, size_t n)
{
    memset(to, 0, sizeof(*to));
    if (!n)
        return 0;
    if (!(to->items = calloc(n, sizeof(*to->items))))
        return PARITY_ENOMEM;
    for (; to->count < n; to->count++)
        if (!(to->items[to->count] = parity_strdup(from[to->count])))
            return PARITY_ENOMEM;
    return 0;
}

int parity_precomputed_load(const parity_precomputed *e, parity_requirement *req,
                            parity_literals *lead)
{
    const char *const *at = e->literals;
    int rc = 0;
    memset(req, 0, sizeof(*req));
    for (size_t k = 0; k < e->nclauses && k < PARITY_LITERALS_CLAUSES && !rc; k++) {
        rc = copy_set(&req->clause[k], at, e->sizes[k]);
        req->nclauses = k + 1;
        at += e->sizes[k];
    }
    if (!rc)
        rc = copy_set(lead, at, e->sizes[PARITY_LITERALS_CLAUSES]);
    else
        memset(lead, 0, sizeof(*lead));
    if (rc) {
        parity_requirement_release(req);
        parity_literals_release(lead);
    }
    return rc;
}
