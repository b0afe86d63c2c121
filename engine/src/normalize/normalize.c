/*
 * normalize.c: NFC, whitespace folding, invisible-character removal and tone
 * canonicalization, with an exact map back to the raw bytes.
 *
 * NFC is applied cluster by cluster. A cluster starts at any code point and
 * takes every following code point that is not "safe"; a safe code point
 * (combining class 0, NFC quick-check Yes, never the second half of a
 * composition) can neither change nor be changed by its neighbours, so NFC
 * of the whole block is the concatenation of NFC of its clusters. Text that
 * is already NFC (the common case) is made of one-code-point clusters, which
 * are copied without calling utf8proc; when a cluster changes, all its output
 * bytes map to the cluster's first raw byte, so a match boundary always maps
 * to a cluster boundary of the raw text.
 */
#include "normalize/normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize/internal.h"
#include "normalize/legacy.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"
#include "util/vec.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if PARITY_NORMALIZE_AVX2
#include <immintrin.h>
#endif

/*
 * Output: text plus one raw offset per byte (and one past the end). A
 * document's blocks go one after the other into the same nbuf, which
 * becomes the document's text and maps: the block being normalized starts
 * at text[tbase] and map[mbase], and its raw offsets count from its own
 * first byte.
 */
typedef struct nbuf {
    parity_str text;
    uint32_t *map;
    size_t map_len, map_cap;
    size_t tbase, mbase;
    parity_str cluster;  /* scratch: the UTF-8 of the cluster being composed */
    int32_t *cps;        /* scratch: its code points */
    size_t cps_cap;
    int wide;            /* the CPU has AVX2: runs are scanned 32 bytes at a time */
} nbuf;

/* nb zeroed, and told whether the CPU can take the 32-byte run scan. */
static void nbuf_init(nbuf *nb)
{
    memset(nb, 0, sizeof(*nb));
#if PARITY_NORMALIZE_AVX2
    nb->wide = __builtin_cpu_supports("avx2") != 0;
#endif
}

enum { CP_OTHER = 0, CP_SPACE, CP_REMOVED };

static int classify(int32_t cp)
{
    if (cp < 0x80)
        return (cp <= 0x20 || cp == 0x7F) ? CP_SPACE : CP_OTHER;
    switch (cp) {
    case 0x0085: case 0x00A0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return CP_SPACE;
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return CP_REMOVED;
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return CP_SPACE;
    if (cp >= 0x80 && cp < 0xA0)
        return CP_SPACE; /* C1 controls */
    return CP_OTHER;
}

/* See the file comment; conservative: "unsafe" only costs a utf8proc call. */
static int is_safe(int32_t cp)
{
    if (cp < 0x300 || (cp >= 0x1EA0 && cp <= 0x1EF9))
        return 1;
    if (cp >= 0x1100 && cp <= 0x11FF)
        return 0; /* Hangul jamo compose algorithmically */
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->combining_class == 0 && p->decomp_seqindex == UINT16_MAX &&
           p->comb_index == UINT16_MAX && p->category != UTF8PROC_CATEGORY_MN &&
           p->category != UTF8PROC_CATEGORY_MC && p->category != UTF8PROC_CATEGORY_ME;
}

/*
 * parity_str_put, without the call while the buffer has room: a document's
 * text is sized for all of it up front, and a block makes a few appends.
 */
static inline int put_text(parity_str *s, const char *data, size_t n)
{
    if (s->ptr && s->alloc - s->len > n) {
        memcpy(s->ptr + s->len, data, n);
        s->len += n;
        s->ptr[s->len] = '\0';
        return 0;
    }
    return parity_str_put(s, data, n);
}

/* Room for `extra` more map entries (PARITY_VEC_RESERVE, called only when short). */
static inline int map_room(nbuf *nb, size_t extra)
{
    return nb->map_cap - nb->map_len >= extra
               ? 0
               : PARITY_VEC_RESERVE(nb->map, nb->map_len, nb->map_cap, extra);
}

#if PARITY_NORMALIZE_AVX2
/* m[k] = raw + k for k < n, eight entries a store; returns how many were written (n rounded down to 32). */
__attribute__((target("avx2"))) static size_t fill_map32(uint32_t *m, size_t n, uint32_t raw)
{
    const __m256i eight = _mm256_set1_epi32(8);
    __m256i v = _mm256_add_epi32(_mm256_set1_epi32((int)raw), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    size_t k = 0;
    for (; n - k >= 32; k += 32) {
        __m256i v8 = _mm256_add_epi32(v, eight), v16 = _mm256_add_epi32(v8, eight);
        __m256i v24 = _mm256_add_epi32(v16, eight);
        _mm256_storeu_si256((__m256i *)(void *)(m + k), v);
        _mm256_storeu_si256((__m256i *)(void *)(m + k + 8), v8);
        _mm256_storeu_si256((__m256i *)(void *)(m + k + 16), v16);
        _mm256_storeu_si256((__m256i *)(void *)(m + k + 24), v24);
        v = _mm256_add_epi32(v24, eight);
    }
    return k;
}
#endif

static int emit(nbuf *nb, const char *bytes, size_t n, uint32_t raw, int exact)
{
    int rc = put_text(&nb->text, bytes, n);
    if (!rc)
        rc = map_room(nb, n + 1);
    if (rc)
        return rc;
    uint32_t *m = nb->map + nb->map_len;
    if (exact) {
        size_t k = 0;
#if PARITY_NORMALIZE_AVX2
        if (nb->wide && n >= 32) /* a whole line, mostly */
            k = fill_map32(m, n, raw);
#endif
#if defined(__SSE2__)
        /* Most of the text comes here in runs of a whole line: four entries a store. */
        const __m128i four = _mm_set1_epi32(4);
        __m128i v = _mm_add_epi32(_mm_set1_epi32((int)(raw + (uint32_t)k)), _mm_setr_epi32(0, 1, 2, 3));
        for (; n - k >= 8; k += 8) {
            _mm_storeu_si128((__m128i *)(void *)(m + k), v);
            v = _mm_add_epi32(v, four);
            _mm_storeu_si128((__m128i *)(void *)(m + k + 4), v);
            v = _mm_add_epi32(v, four);
        }
        for (; n - k >= 4; k += 4) {
            _mm_storeu_si128((__m128i *)(void *)(m + k), v);
            v = _mm_add_epi32(v, four);
        }
#endif
        for (; k < n; k++)
            m[k] = raw + (uint32_t)k;
    } else
        for (size_t k = 0; k < n; k++)
            m[k] = raw;
    nb->map_len += n;
    return 0;
}


/*
 * End of the cluster starting with the code point at [i, i + n): the byte
 * after its last unsafe follower. Removed characters between followers are
 * part of it (they vanish, and their neighbours must still compose).
 */
static size_t cluster_end(const char *in, size_t len, size_t i, int n, int *simple)
{
    size_t end = i + (size_t)n, j = end;
    *simple = 1;
    while (j < len && (unsigned char)in[j] >= 0x80) {
        int32_t cp;
        int m = parity_utf8_decode_fast(in + j, len - j, &cp);
        if (m < 0)
            break; /* reported when the main loop gets there */
        int cls = classify(cp);
        if (cls == CP_SPACE || (cls == CP_OTHER && is_safe(cp)))
            break;
        j += (size_t)m;
        if (cls == CP_OTHER) {
            end = j;
            *simple = 0;
        }
    }
    return end;
}

/* NFC of the cluster in[start, end) without its removed characters. */
static int compose_cluster(nbuf *nb, const char *in, size_t start, size_t end)
{
    parity_str_clear(&nb->cluster);
    int changed = 0;
    for (size_t j = start; j < end;) {
        int32_t cp = 0;
        int m = parity_utf8_decode_fast(in + j, end - j, &cp);
        if (classify(cp) == CP_REMOVED)
            changed = 1;
        else if (parity_str_put(&nb->cluster, in + j, (size_t)m))
            return nb->cluster.failed;
        j += (size_t)m;
    }
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    const utf8proc_uint8_t *src = (const utf8proc_uint8_t *)parity_str_cstr(&nb->cluster);
    utf8proc_ssize_t need = utf8proc_decompose(src, (utf8proc_ssize_t)nb->cluster.len,
                                               (utf8proc_int32_t *)nb->cps,
                                               (utf8proc_ssize_t)nb->cps_cap, opt);
    if (need >= 0 && (size_t)need > nb->cps_cap) {
        int rc = PARITY_VEC_RESERVE(nb->cps, 0, nb->cps_cap, (size_t)need);
        if (rc)
            return rc;
        need = utf8proc_decompose(src, (utf8proc_ssize_t)nb->cluster.len,
                                  (utf8proc_int32_t *)nb->cps, (utf8proc_ssize_t)nb->cps_cap, opt);
    }
    if (need < 0)
        return PARITY_EINTERNAL; /* input was validated before */
    utf8proc_ssize_t n = utf8proc_normalize_utf32((utf8proc_int32_t *)nb->cps, need, opt);
    if (n < 0)
        return PARITY_EINTERNAL;
    char out[64];
    size_t olen = 0;
    size_t mark = nb->text.len;
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        if (olen + 4 > sizeof(out)) {
            int rc = emit(nb, out, olen, (uint32_t)start, 0);
            if (rc)
                return rc;
            olen = 0;
        }
        olen += (size_t)parity_utf8_encode(nb->cps[k], out + olen);
    }
    int rc = emit(nb, out, olen, (uint32_t)start, 0);
    if (rc)
        return rc;
    /* Unchanged (e.g. an unsafe but stable character): keep byte precision. */
    size_t outlen = nb->text.len - mark;
    if (!changed && outlen == end - start && memcmp(nb->text.ptr + mark, in + start, outlen) == 0)
        for (size_t k = 0; k < outlen; k++)
            nb->map[nb->map_len - outlen + k] = (uint32_t)(start + k);
    return 0;
}

static void nbuf_release(nbuf *nb)
{
    parity_str_release(&nb->text);
    parity_str_release(&nb->cluster);
    free(nb->map);
    free(nb->cps);
    memset(nb, 0, sizeof(*nb));
}

/* Append in[from, to) unchanged, each byte mapping to itself. */
static int flush_run(nbuf *nb, const char *in, size_t *from, size_t to)
{
    int rc = 0;
    if (*from < to)
        rc = emit(nb, in + *from, to - *from, (uint32_t)*from, 1);
    *from = SIZE_MAX;
    return rc;
}

/*
 * Normalize in[0, len) onto the end of nb (tbase and mbase set there). Safe code points
 * followed by safe ones accumulate in a verbatim run copied in one go; most
 * of NFC Vietnamese text is found so by fast_run without decoding it. Tone
 * marks are placed only if `tone` (a document does all its blocks at once).
 */
static int normalize_plain(nbuf *nb, const char *in, size_t len, int tone, size_t *bad)
{
    /* never NULL, always terminated */
    int pending = 0, rc = nb->text.ptr ? 0 : parity_str_put(&nb->text, "", 0);
    if (!rc) /* room for the common case, output no longer than input */
        rc = map_room(nb, len + 1);
    size_t pending_at = 0, raw_end = 0, i = 0, run = SIZE_MAX;
    while (!rc && i < len) {
        int32_t cp = (unsigned char)in[i];
        int n = 1;
        size_t fast = parity_normalize__run(in, len, i, nb->wide);
        if (fast > i) {
            if (pending && nb->text.len > nb->tbase &&
                (rc = emit(nb, " ", 1, (uint32_t)pending_at, 1)))
                return rc;
            pending = 0;
            if (run == SIZE_MAX)
                run = i;
            raw_end = i = fast;
            continue;
        }
        if (cp >= 0x80 && (n = parity_utf8_decode_fast(in + i, len - i, &cp)) < 0) {
            *bad = i;
            return PARITY_EFORMAT;
        }
        int cls = classify(cp);
        if (cls != CP_OTHER) {
            if (run != SIZE_MAX && (rc = flush_run(nb, in, &run, i)))
                return rc;
            if (cls == CP_SPACE && !pending) {
                pending = 1;
                pending_at = i;
            }
            i += (size_t)n;
            continue;
        }
        if (pending && nb->text.len > nb->tbase &&
            (rc = emit(nb, " ", 1, (uint32_t)pending_at, 1)))
            return rc;
        pending = 0;
        int simple = 1;
        size_t end = i + (size_t)n;
        if (end < len && (unsigned char)in[end] >= 0x80)
            end = cluster_end(in, len, i, n, &simple);
        if (simple && is_safe(cp)) {
            if (run == SIZE_MAX)
                run = i;
        } else {
            if (run != SIZE_MAX)
                rc = flush_run(nb, in, &run, i);
            if (!rc)
                rc = compose_cluster(nb, in, i, end);
        }
        raw_end = end;
        i = end;
    }
    if (!rc && run != SIZE_MAX)
        rc = flush_run(nb, in, &run, i);
    if (!rc)
        rc = map_room(nb, 1);
    if (rc)
        return rc;
    nb->map[nb->map_len] = (uint32_t)raw_end;
    if (!tone) {
        nb->map_len++;
        return 0;
    }
    size_t newlen = parity_normalize__tone(nb->text.ptr + nb->tbase, nb->map + nb->mbase,
                                           nb->text.len - nb->tbase);
    parity_str_truncate(&nb->text, nb->tbase + newlen);
    nb->map_len = nb->mbase + newlen + 1;
    return 0;
}

/*
 * Normalize a block; TCVN3 words in it (legacy.h) are decoded first and the
 * map composed, so each decoded character still points at its raw one.
 */
static int normalize_block(nbuf *nb, const char *in, size_t len, int tone, size_t *bad)
{
    if (len > UINT32_MAX - 1)
        return PARITY_ELIMIT;
    char *conv = NULL;
    uint32_t *cmap = NULL;
    size_t clen = 0;
    int rc = parity_legacy__tcvn3_words(&conv, &clen, &cmap, in, len);
    if (rc <= 0)
        return rc ? rc : normalize_plain(nb, in, len, tone, bad);
    rc = clen > UINT32_MAX - 1 ? PARITY_ELIMIT : normalize_plain(nb, conv, clen, tone, bad);
    for (size_t k = nb->mbase; !rc && k < nb->map_len; k++)
        nb->map[k] = cmap[nb->map[k]];
    free(conv);
    free(cmap);
    return rc;
}

/* Source position of raw byte `off` of block b, as the error record wants it. */
static void raw_position(const parity_block *b, size_t off, unsigned long *line,
                         unsigned long *column)
{
    if (b->paragraph) {
        *line = b->paragraph;
        *column = 1 + parity_utf8_count(b->raw, off);
        return;
    }
    *line = b->line;
    *column = b->column ? b->column : 1;
    size_t line_start = 0;
    for (size_t k = 0; k < off; k++)
        if (b->raw[k] == '\n') {
            (*line)++;
            *column = 1;
            line_start = k + 1;
        }
    *column += parity_utf8_count(b->raw + line_start, off - line_start);
    if (!b->line)
        *line = *column = 0;
}

static int block_error(parity_doc *doc, size_t bi, int rc, size_t bad, parity_error *err)
{
    const parity_block *b = &doc->blocks[bi];
    if (rc != PARITY_EFORMAT)
        return parity_error_set(err, rc, PARITY_STAGE_NORMALIZE, doc->name, NULL, 0, 0,
                                "cannot normalize block %zu: %s", bi + 1, parity_strerror(rc));
    unsigned long line, column;
    raw_position(b, bad, &line, &column);
    return parity_error_set(err, rc, PARITY_STAGE_NORMALIZE, doc->name, NULL, line, column,
                            "invalid UTF-8 (byte 0x%02X) in %s %lu", (unsigned char)b->raw[bad],
                            b->paragraph ? "paragraph" : "block",
                            b->paragraph ? b->paragraph : (unsigned long)bi + 1);
}

static void drop_previous(parity_doc *doc)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
        doc->blocks[i].map = NULL;
        doc->blocks[i].start = doc->blocks[i].end = 0;
    }
    free(doc->maps);
    doc->maps = NULL;
    free(doc->text);
    doc->text = NULL;
    doc->text_len = 0;
    doc->text_valid = 0;
}

/*
 * Every block's map goes into one array, doc->maps, and its text straight
 * into doc->text, both sized up front for the common case (output no longer
 * than input), instead of a copy and a malloc per block; the blocks point
 * into the maps once they have stopped moving. A block's map has one entry
 * per normalized byte plus one (normalize_plain's contract), so block i's
 * starts where block i-1's ends.
 */
/*
 * Tone marks over the whole text at once rather than block by block: block
 * i's map entry past its end sits at the index of the '\n' after it (both
 * arrays count len + 1 per block), so the separators carry those entries
 * along, and a '\n' neither starts a pair nor closes a syllable, as a
 * block's end does not. A block's text has no '\n' of its own (controls
 * fold to spaces), so when a pair got shorter the blocks are found again
 * by their separators.
 */
static void tone_doc(parity_doc *doc, nbuf *nb)
{
    if (!doc->nblocks)
        return;
    size_t len = nb->text.len;
    size_t newlen = parity_normalize__tone(nb->text.ptr, nb->map, len);
    if (newlen == len)
        return;
    parity_str_truncate(&nb->text, newlen);
    nb->map_len = newlen + 1;
    size_t t = 0;
    for (size_t bi = 0; bi < doc->nblocks; bi++) {
        const char *nl = memchr(nb->text.ptr + t, '\n', newlen - t);
        doc->blocks[bi].start = t;
        doc->blocks[bi].end = nl ? (size_t)(nl - nb->text.ptr) : newlen;
        t = doc->blocks[bi].end + 1;
    }
}

static void point_maps(parity_doc *doc)
{
    size_t off = 0;
    for (size_t i = 0; i < doc->nblocks; i++) {
        doc->blocks[i].map = doc->maps + off;
        off += doc->blocks[i].end - doc->blocks[i].start + 1;
    }
}

int parity_normalize_doc(parity_doc *doc, parity_error *err)
{
    nbuf nb;
    size_t raw_total = 0;
    nbuf_init(&nb);
    drop_previous(doc);
    for (size_t bi = 0; bi < doc->nblocks; bi++)
        raw_total += doc->blocks[bi].raw_len + 1;
    /* Room for the common case only: a failure here is met again, or not, below. */
    if (parity_str_grow(&nb.text, raw_total + 1))
        nb.text.failed = 0;
    (void)PARITY_VEC_RESERVE(nb.map, nb.map_len, nb.map_cap, raw_total);
    int rc = parity_str_put(&nb.text, "", 0);
    for (size_t bi = 0; !rc && bi < doc->nblocks; bi++) {
        parity_block *b = &doc->blocks[bi];
        size_t bad = 0;
        if (bi > 0 && (rc = put_text(&nb.text, "\n", 1)))
            break;
        nb.tbase = b->start = nb.text.len;
        nb.mbase = nb.map_len;
        rc = normalize_block(&nb, b->raw, b->raw_len, 0, &bad);
        if (rc) {
            rc = block_error(doc, bi, rc, bad, err);
            goto cleanup;
        }
        b->end = nb.text.len;
    }
    if (rc) {
        parity_error_set(err, rc, PARITY_STAGE_NORMALIZE, doc->name, NULL, 0, 0,
                         "cannot build the normalized text: %s", parity_strerror(rc));
        goto cleanup;
    }
    tone_doc(doc, &nb);
    doc->maps = nb.map;
    nb.map = NULL;
    point_maps(doc);
    doc->text_len = nb.text.len;
    doc->text = parity_str_detach(&nb.text);
    doc->text_valid = 1;
cleanup:
    if (rc)
        drop_previous(doc);
    nbuf_release(&nb);
    return rc;
}

int parity_normalize_string(char **out, size_t *out_len, uint32_t **map, const char *in,
                            size_t len, size_t *bad_offset)
{
    nbuf nb;
    nbuf_init(&nb);
    size_t bad = 0;
    *out = NULL;
    if (map)
        *map = NULL;
    int rc = normalize_block(&nb, in ? in : "", in ? len : 0, 1, &bad);
    if (rc) {
        if (rc == PARITY_EFORMAT && bad_offset)
            *bad_offset = bad;
        goto cleanup;
    }
    if (out_len)
        *out_len = nb.text.len;
    *out = parity_str_detach(&nb.text);
    if (!*out) {
        rc = PARITY_ENOMEM;
        goto cleanup;
    }
    if (map) {
        *map = nb.map;
        nb.map = NULL;
    }
cleanup:
    nbuf_release(&nb);
    return rc;
}
