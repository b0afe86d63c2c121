/* precomputed.c: finding a built-in regex's literal analysis in the build-time table. */
#include "match/precomputed.h"

#include <stdlib.h>
#include <string.h>

#include "parity/common.h"
#include "util/str.h"

/*
 * Two independent 64-bit multiply-xorshift hashes over 8-byte words (the
 * packs' patterns are 300 KB: a byte at a time cost 0.4 ms of start-up);
 * 128 bits and the length tell patterns apart.
 */
void parity_precomputed_hash(const char *pattern, size_t len, uint64_t out[2])
{
    uint64_t a = 0x9E3779B97F4A7C15u ^ len, b = 0xC2B2AE3D27D4EB4Fu + len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, pattern + i, 8);
        a = (a ^ w) * 0xFF51AFD7ED558CCDu;
        a ^= a >> 32;
        b = (b + w) * 0xC4CEB9FE1A85EC53u;
        b ^= b >> 29;
    }
    uint64_t w = 0;
    memcpy(&w, pattern + i, len - i);
    a = (a ^ w) * 0xFF51AFD7ED558CCDu;
    a ^= a >> 33;
    b = (b + w) * 0xC4CEB9FE1A85EC53u;
    b ^= b >> 31;
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
    lead->before = rc ? 0 : (unsigned char)e->lead_before;
    if (rc) {
        parity_requirement_release(req);
        parity_literals_release(lead);
    }
    return rc;
}
