#include "util/utf8.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8_int.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int parity_utf8_decode(const char *str, size_t len, int32_t *cp)
{
    return parity_utf8_decode_fast(str, len, cp);
}

int parity_utf8_encode(int32_t cp, char out[4])
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
 * Validation runs a shift-based DFA (one table row per byte holding, for
 * every state, the next state's shift amount at that state's shift amount),
 * so each byte costs a load and a shift and no branch: Vietnamese text has a
 * multi-byte character every few bytes, which defeats branchy decoding. The
 * states are those of parity_utf8_decode_fast: a lead byte picks how many
 * continuation bytes follow and the allowed range of the first one. ERROR
 * (0) is sticky. When the DFA refuses, the exact offset is found again by
 * decoding from the last character boundary the DFA was known to be at.
 */
enum {
    ST_ERROR = 0, ST_ACCEPT = 6, ST_TAIL1 = 12, ST_TAIL2 = 18, ST_TAIL3 = 24,
    ST_E0 = 30, ST_ED = 36, ST_F0 = 42, ST_F4 = 48
};

#define TO(from, to) ((uint64_t)(to) << (from))
#define CONT (TO(ST_TAIL1, ST_ACCEPT) | TO(ST_TAIL2, ST_TAIL1) | TO(ST_TAIL3, ST_TAIL2))
#define A__ TO(ST_ACCEPT, ST_ACCEPT)                            /* 00..7F */
#define C8_ (CONT | TO(ST_ED, ST_TAIL1) | TO(ST_F4, ST_TAIL2))  /* 80..8F */
#define C9_ (CONT | TO(ST_ED, ST_TAIL1) | TO(ST_F0, ST_TAIL2))  /* 90..9F */
#define CA_ (CONT | TO(ST_E0, ST_TAIL1) | TO(ST_F0, ST_TAIL2))  /* A0..BF */
#define X__ ((uint64_t)0)                                       /* C0, C1, F5..FF */
#define L2_ TO(ST_ACCEPT, ST_TAIL1)                             /* C2..DF */
#define E0_ TO(ST_ACCEPT, ST_E0)
#define L3_ TO(ST_ACCEPT, ST_TAIL2)                             /* E1..EC, EE, EF */
#define ED_ TO(ST_ACCEPT, ST_ED)
#define F0_ TO(ST_ACCEPT, ST_F0)
#define L4_ TO(ST_ACCEPT, ST_TAIL3)                             /* F1..F3 */
#define F4_ TO(ST_ACCEPT, ST_F4)

static const uint64_t DFA[256] = {
    A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__,
    A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__,
    A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__,
    A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__,
    A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__,
    A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__,
    A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__,
    A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__, A__,
    C8_, C8_, C8_, C8_, C8_, C8_, C8_, C8_, C8_, C8_, C8_, C8_, C8_, C8_, C8_, C8_,
    C9_, C9_, C9_, C9_, C9_, C9_, C9_, C9_, C9_, C9_, C9_, C9_, C9_, C9_, C9_, C9_,
    CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_,
    CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_, CA_,
    X__, X__, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_,
    L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_, L2_,
    E0_, L3_, L3_, L3_, L3_, L3_, L3_, L3_, L3_, L3_, L3_, L3_, L3_, ED_, L3_, L3_,
    F0_, L4_, L4_, L4_, F4_, X__, X__, X__, X__, X__, X__, X__, X__, X__, X__, X__,
};

#undef TO
#undef CONT
#undef A__
#undef C8_
#undef C9_
#undef CA_
#undef X__
#undef L2_
#undef E0_
#undef L3_
#undef ED_
#undef F0_
#undef L4_
#undef F4_

/* The exact offset of the first invalid sequence at or after `from`, a character boundary. */
static size_t validate_slow(const char *s, size_t len, size_t from)
{
    size_t i = from;
    while (i < len) {
        int32_t cp;
        int n = parity_utf8_decode_fast(s + i, len - i, &cp);
        if (n < 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

enum { CHUNK = 64 };

#if defined(__SSE2__)
/*
 * With SSE2 (every x86-64), 64 bytes are checked at once through bit masks
 * (bit k for byte k): every continuation byte must be one the lead bytes
 * before it call for, and no other. That is the whole check for the lead
 * bytes C2..DF and E1..EC, EE, EF, whose continuation bytes may take any
 * value; the others (C0, C1, E0, ED, F0..FF, all rare in text) send their
 * chunk to the DFA below. About 1.5 instructions a byte against 6 for the
 * DFA: the text reader validates every file twice (sniff and read).
 */
typedef struct masks64 {
    uint64_t high; /* 80..FF */
    uint64_t cont; /* 80..BF */
    uint64_t lead3; /* E0..EF */
    uint64_t odd;  /* C0, C1, E0, ED, F0..FF: left to the DFA */
} masks64;

/* The masks of the 16 bytes at s, placed at bit `at`. */
static inline void classify16(const unsigned char *s, int at, masks64 *m)
{
    /* Signed compares: 80..FF are -128..-1. */
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0));
    __m128i c0c1 = _mm_andnot_si128(cont, _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC2)));
    __m128i lead3 = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xDF)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xF0)));
    __m128i e0ed = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE0)),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)));
    /* F0..FF and, to be masked off, 00..7F. */
    __m128i from_f0 = _mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xEF));
    uint64_t high = (unsigned)_mm_movemask_epi8(v);
    m->high |= high << at;
    m->cont |= (uint64_t)(unsigned)_mm_movemask_epi8(cont) << at;
    m->lead3 |= (uint64_t)(unsigned)_mm_movemask_epi8(lead3) << at;
    m->odd |= ((uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(c0c1, e0ed)) |
               ((uint64_t)(unsigned)_mm_movemask_epi8(from_f0) & high))
              << at;
}

static inline void classify64(const unsigned char *s, masks64 *m)
{
    m->high = m->cont = m->lead3 = m->odd = 0;
    classify16(s, 0, m);
    classify16(s + 16, 16, m);
    classify16(s + 32, 32, m);
    classify16(s + 48, 48, m);
}

/*
 * Whether the chunk at s, whose first bytes `carry` must be continuation
 * bytes (of a character begun before it), passes; *carry becomes those of
 * the next chunk.
 */
static int chunk_ok(const unsigned char *s, uint64_t *carry)
{
    masks64 m;
    classify64(s, &m);
    if (m.odd)
        return 0;
    uint64_t lead2 = m.high & ~m.cont & ~m.lead3;
    if (((lead2 << 1) | (m.lead3 << 1) | (m.lead3 << 2) | *carry) != m.cont)
        return 0;
    *carry = (lead2 >> 63) | (m.lead3 >> 63) | (m.lead3 >> 62);
    return 1;
}

/*
 * s[from, to) by the DFA, from and to character boundaries, then on over the
 * rest of the character holding byte `to`: the new boundary, or SIZE_MAX
 * if something is invalid.
 */
static size_t dfa_span(const unsigned char *s, size_t len, size_t from, size_t to)
{
    uint64_t st = ST_ACCEPT;
    size_t k = from;
    for (; k < to; k++)
        st = DFA[s[k]] >> (st & 63);
    for (; k < len && (st & 63) > ST_ACCEPT; k++)
        st = DFA[s[k]] >> (st & 63);
    return (st & 63) == ST_ACCEPT ? k : SIZE_MAX;
}

size_t parity_utf8__validate_masks(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    uint64_t carry = 0;
    for (;;) {
        unsigned char pad[CHUNK];
        const unsigned char *chunk = s + i;
        size_t n = len - i;
        if (n < CHUNK) { /* zeros after the end: ASCII, so a cut character fails */
            memset(pad, 0, sizeof(pad));
            if (n)
                memcpy(pad, s + i, n);
            chunk = pad;
        }
        if (chunk_ok(chunk, &carry)) {
            if (n <= CHUNK)
                return carry ? validate_slow(str, len, parity_utf8_floor(str, len - 1)) : len;
            i += CHUNK;
            continue;
        }
        /* Back to the lead byte of a character begun in the chunk before (checked there). */
        size_t from = i;
        if (carry)
            for (from = i - 1; (s[from] & 0xC0) == 0x80; from--)
                ;
        size_t to = dfa_span(s, len, from, n < CHUNK ? len : i + CHUNK);
        if (to == SIZE_MAX)
            return validate_slow(str, len, from);
        if (to >= len)
            return len;
        i = to;
        carry = 0;
    }
}

#if PARITY_UTF8_AVX2
/* The first error is in the character that holds byte at - 1 or after it (all before is valid). */
static size_t exact_error(const char *str, size_t len, size_t at)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t from = at;
    if (from > 0)
        for (from--; from > 0 && at - from < 4 && (s[from] & 0xC0) == 0x80; from--)
            ;
    return validate_slow(str, len, from);
}
#endif

size_t parity_utf8_validate(const char *str, size_t len)
{
#if PARITY_UTF8_AVX2
    /* Below 64 bytes (report strings, names) the masks cost less than asking the CPU. */
    if (len >= 64 && __builtin_cpu_supports("avx2")) {
        size_t at = parity_utf8__suspect_avx2((const unsigned char *)str, len);
        return at == SIZE_MAX ? len : exact_error(str, len, at);
    }
#endif
    return parity_utf8__validate_masks(str, len);
}

#else /* no SSE2: the DFA alone */

/* Whether none of the 64 bytes at s has its high bit set (ASCII only). */
static int ascii64(const unsigned char *s)
{
    uint64_t acc = 0;
    for (int k = 0; k < 8; k++) {
        uint64_t w;
        memcpy(&w, s + 8 * k, sizeof(w));
        acc |= w;
    }
    return (acc & UINT64_C(0x8080808080808080)) == 0;
}

/* The DFA over one chunk of `n` bytes from state st; an all-ASCII chunk at a boundary is skipped. */
static uint64_t dfa_chunk(const unsigned char *s, size_t n, uint64_t st)
{
    if (n == CHUNK && (st & 63) == ST_ACCEPT && ascii64(s))
        return st;
    for (size_t k = 0; k < n; k++)
        st = DFA[s[k]] >> (st & 63);
    return st;
}

/*
 * Two chunks, one of each half, in lockstep: the two state chains are
 * independent, so the processor overlaps them (one chain is bound by the
 * latency of its shifts).
 */
static void dfa_pair(const unsigned char *a, const unsigned char *b, uint64_t *sa, uint64_t *sb)
{
    uint64_t x = *sa, y = *sb;
    if (((x & 63) == ST_ACCEPT && ascii64(a)) || ((y & 63) == ST_ACCEPT && ascii64(b))) {
        *sa = dfa_chunk(a, CHUNK, x);
        *sb = dfa_chunk(b, CHUNK, y);
        return;
    }
    for (size_t k = 0; k < CHUNK; k++) {
        x = DFA[a[k]] >> (x & 63);
        y = DFA[b[k]] >> (y & 63);
    }
    *sa = x;
    *sb = y;
}

size_t parity_utf8_validate(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    /* Two halves, the second starting on a byte that is not a continuation byte if one is near. */
    size_t mid = len / 2;
    for (int k = 0; k < 3 && mid > 0 && (s[mid] & 0xC0) == 0x80; k++)
        mid--;
    uint64_t sa = ST_ACCEPT, sb = ST_ACCEPT;
    size_t na = mid, nb = len - mid, i = 0;
    while (i + CHUNK <= na && i + CHUNK <= nb) {
        dfa_pair(s + i, s + mid + i, &sa, &sb);
        i += CHUNK;
        if ((sa & 63) == ST_ERROR || (sb & 63) == ST_ERROR)
            break;
    }
    for (size_t k = i; k < na && (sa & 63) != ST_ERROR; k += CHUNK)
        sa = dfa_chunk(s + k, na - k < CHUNK ? na - k : CHUNK, sa);
    if ((sa & 63) != ST_ACCEPT)
        return validate_slow(str, len, 0);
    for (size_t k = i; k < nb && (sb & 63) != ST_ERROR; k += CHUNK)
        sb = dfa_chunk(s + mid + k, nb - k < CHUNK ? nb - k : CHUNK, sb);
    /* The first half is valid and ends on a boundary: the slow search may start there. */
    return (sb & 63) == ST_ACCEPT ? len : validate_slow(str, len, mid);
}

#endif

size_t parity_utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

size_t parity_utf8_floor(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}
