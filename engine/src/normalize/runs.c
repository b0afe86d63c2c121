/*
 * runs.c: the fast path of the normalizer: how far from a byte the text is
 * already canonical, so it is copied as it is (most NFC Vietnamese text),
 * found 32 bytes at a time with AVX2 when the CPU has it, 16 with SSE2, and
 * by a byte-class state machine otherwise. normalize.c takes the rest.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "normalize/internal.h"
#include "util/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if PARITY_NORMALIZE_AVX2
#include <immintrin.h>
#endif

/*
 * Bytes of the code point at p[j] if it is one the fast path may copy
 * without looking further: printable ASCII, U+00A1..U+02FF but the soft
 * hyphen (Latin letters with their precomposed accents), and the Vietnamese
 * letters U+1EA0..U+1EF9. All are CP_OTHER and safe, so each is a cluster of
 * its own unless a non-safe code point follows; 0 for anything else.
 */
static inline size_t fast_cp(const unsigned char *p, size_t len, size_t j)
{
    unsigned char c = p[j];
    if (c < 0x80)
        return c > 0x20 && c < 0x7F;
    if (c >= 0xC2 && c <= 0xCB) {
        if (j + 1 >= len || (p[j + 1] & 0xC0) != 0x80)
            return 0;
        if (c == 0xC2 && (p[j + 1] <= 0xA0 || p[j + 1] == 0xAD))
            return 0; /* C1 controls and NBSP are spaces, the soft hyphen is removed */
        return 2;
    }
    if (c == 0xE1 && j + 2 < len && (p[j + 2] & 0xC0) == 0x80 &&
        ((p[j + 1] == 0xBA && p[j + 2] >= 0xA0) || (p[j + 1] == 0xBB && p[j + 2] <= 0xB9)))
        return 3;
    return 0;
}

/*
 * The run of fast_run, exactly, from j (i itself or just after a code point
 * of the run starting at i): fast_cp code points with single ASCII spaces
 * between two of them.
 */
static size_t run_end_exact(const unsigned char *p, size_t len, size_t i, size_t j)
{
    size_t end = j, n;
    while (j < len) {
        unsigned char c = p[j];
        if (c > 0x20 && c < 0x7F) {
            n = 1;
        } else if (c == ' ') {
            if (j == i || j + 1 >= len || !fast_cp(p, len, j + 1))
                break;
            j++;
            continue;
        } else if (!(n = fast_cp(p, len, j))) {
            break;
        }
        j += n;
        end = j;
    }
    return end;
}

#if defined(__SSE2__)
#define SET(b) _mm_set1_epi8((char)(b))

/*
 * The 16 bytes at p + j (a code point boundary of the run) checked at once
 * against the run's language: only fast_cp code points and single spaces,
 * each code point whole. Returns how many the run takes: 16, or 14 or 15
 * when the last character does not fit (the next stride starts with it);
 * 0 when the run may end in them (the exact scan then decides). About half
 * the instructions of the DFA; the space before p[j] is checked by the caller.
 */
static size_t stride16(const unsigned char *p, size_t j)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + j));
    __m128i sp = _mm_cmpeq_epi8(v, SET(' '));
    __m128i pr = _mm_and_si128(_mm_cmpgt_epi8(v, SET(0x20)), _mm_cmplt_epi8(v, SET(0x7F)));
    __m128i cont = _mm_cmplt_epi8(v, SET(0xC0));                                  /* 80..BF */
    __m128i l2 = _mm_and_si128(_mm_cmpgt_epi8(v, SET(0xC1)), _mm_cmplt_epi8(v, SET(0xCC)));
    __m128i e1 = _mm_cmpeq_epi8(v, SET(0xE1));
    __m128i lead = _mm_or_si128(l2, e1);
    __m128i known = _mm_or_si128(_mm_or_si128(sp, pr), _mm_or_si128(cont, lead));
    /* Continuation bytes exactly where the leads before them call for them. */
    __m128i need = _mm_or_si128(_mm_slli_si128(lead, 1), _mm_slli_si128(e1, 2));
    __m128i bad = _mm_or_si128(_mm_xor_si128(need, cont), _mm_and_si128(sp, _mm_slli_si128(sp, 1)));
    /* C2 then 80..A0 or AD: C1 controls, NBSP, soft hyphen. */
    __m128i low = _mm_or_si128(_mm_cmplt_epi8(v, SET(0xA1)), _mm_cmpeq_epi8(v, SET(0xAD)));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_slli_si128(_mm_cmpeq_epi8(v, SET(0xC2)), 1), low));
    /* E1 BA A0..BF and E1 BB 80..B9 only. */
    __m128i after_e1 = _mm_slli_si128(e1, 1);
    __m128i ba = _mm_and_si128(after_e1, _mm_cmpeq_epi8(v, SET(0xBA)));
    __m128i bb = _mm_and_si128(after_e1, _mm_cmpeq_epi8(v, SET(0xBB)));
    bad = _mm_or_si128(bad, _mm_andnot_si128(_mm_or_si128(ba, bb), after_e1));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_slli_si128(ba, 1), _mm_cmplt_epi8(v, SET(0xA0))));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_slli_si128(bb, 1), _mm_cmpgt_epi8(v, SET(0xB9))));
    if (_mm_movemask_epi8(_mm_andnot_si128(known, SET(0xFF))) | _mm_movemask_epi8(bad))
        return 0;
    if (_mm_movemask_epi8(e1) & 0x4000)
        return 14;
    return (_mm_movemask_epi8(lead) & 0x8000) ? 15 : 16;
}

#undef SET

#if PARITY_NORMALIZE_AVX2
#define SET(b) _mm256_set1_epi8((char)(b))

/*
 * stride16's test on 32 bytes, for CPUs with AVX2 (chosen at run time): 32,
 * or 30 or 31 when the last character does not fit; 0 when the run may end
 * in them. Byte shifts do not cross the 128-bit lanes, so each byte is
 * compared with copies of the input moved by one and two bytes (zeros
 * shifted in: nothing before the stride calls for a continuation byte).
 * A C2 lead (« » § °, rare in Vietnamese) fails the stride, which keeps
 * the constants few enough to stay in registers; 16 at a time takes it.
 */
__attribute__((target("avx2"))) static inline size_t stride32(const unsigned char *p, size_t j)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + j));
    __m256i lo = _mm256_permute2x128_si256(v, v, 0x08); /* zeros, then the low lane */
    __m256i v1 = _mm256_alignr_epi8(v, lo, 15), v2 = _mm256_alignr_epi8(v, lo, 14);
    /* Signed compares: 80..BF are -128..-65, C0..FF are -64..-1. */
    __m256i asc = _mm256_cmpgt_epi8(_mm256_add_epi8(v, SET(1)), SET(0x20));   /* 20..7E */
    __m256i cont = _mm256_cmpgt_epi8(SET(0xC0), v);                            /* 80..BF */
    __m256i l2 = _mm256_cmpgt_epi8(SET(0x89), _mm256_add_epi8(v, SET(0xBD)));  /* C3..CB */
    __m256i e1 = _mm256_cmpeq_epi8(v, SET(0xE1));
    __m256i lead = _mm256_or_si256(l2, e1);
    __m256i known = _mm256_or_si256(_mm256_or_si256(asc, cont), lead);
    __m256i e1p1 = _mm256_cmpeq_epi8(v1, SET(0xE1)), e1p2 = _mm256_cmpeq_epi8(v2, SET(0xE1));
    __m256i l2p1 = _mm256_cmpgt_epi8(SET(0x89), _mm256_add_epi8(v1, SET(0xBD)));
    /* Continuation bytes exactly where the leads before them call for them. */
    __m256i bad = _mm256_xor_si256(_mm256_or_si256(_mm256_or_si256(l2p1, e1p1), e1p2), cont);
    bad = _mm256_or_si256(bad, _mm256_and_si256(_mm256_cmpeq_epi8(v, SET(' ')),
                                                _mm256_cmpeq_epi8(v1, SET(' '))));
    /* E1 BA A0..BF and E1 BB 80..B9 only. */
    __m256i ba = _mm256_cmpeq_epi8(v, SET(0xBA)), bb = _mm256_cmpeq_epi8(v, SET(0xBB));
    bad = _mm256_or_si256(bad, _mm256_andnot_si256(_mm256_or_si256(ba, bb), e1p1));
    __m256i third = _mm256_or_si256(
        _mm256_and_si256(_mm256_cmpeq_epi8(v1, SET(0xBA)), _mm256_cmpgt_epi8(SET(0xA0), v)),
        _mm256_and_si256(_mm256_cmpeq_epi8(v1, SET(0xBB)), _mm256_cmpgt_epi8(v, SET(0xB9))));
    bad = _mm256_or_si256(bad, _mm256_and_si256(third, e1p2));
    if (~(unsigned)_mm256_movemask_epi8(known) | (unsigned)_mm256_movemask_epi8(bad))
        return 0;
    if ((unsigned)_mm256_movemask_epi8(e1) & 0x40000000u)
        return 30;
    return ((unsigned)_mm256_movemask_epi8(lead) & 0x80000000u) ? 31 : 32;
}

/*
 * run_end's 32-byte strides from *j, in one function so that the constants
 * stay in registers; *j and *mark as run_end keeps them.
 */
__attribute__((target("avx2"))) static void strides32(const unsigned char *p, size_t len, size_t i,
                                                      size_t *j, size_t *mark)
{
    size_t at = *j, m = *mark;
    while (len - at >= 32 && !(at > i && p[at] == ' ' && p[at - 1] == ' ')) {
        size_t take = stride32(p, at);
        if (!take)
            break;
        at += take;
        if (p[at - 1] != ' ')
            m = at;
    }
    *j = at;
    *mark = m;
}

#undef SET
#endif

/*
 * End of the run from i: whole strides at once (32 bytes with AVX2 when
 * `wide`), the rest (and a failing stride) exactly.
 */
static size_t run_end(const unsigned char *p, size_t len, size_t i, int wide)
{
    if (p[i] == ' ')
        return i;
    size_t j = i, mark = i; /* mark: a code point boundary the run reaches */
#if PARITY_NORMALIZE_AVX2
    if (wide && len - i >= 32)
        strides32(p, len, i, &j, &mark); /* then 16 at a time may still take some */
#else
    (void)wide;
#endif
    while (len - j >= 16 && !(j > i && p[j] == ' ' && p[j - 1] == ' ')) {
        size_t take = stride16(p, j);
        if (!take)
            break;
        j += take;
        if (p[j - 1] != ' ')
            mark = j;
    }
    return run_end_exact(p, len, i, mark);
}

#else

/*
 * The same language as a shift-based DFA (see util/utf8.c), which reads
 * 16 bytes without a branch: Vietnamese mixes 1-, 2- and 3-byte letters too
 * irregularly for branches to be predicted. States: after a whole code
 * point (or at the start), after a space, after C2, after C3..CB, after E1,
 * after E1 BA, after E1 BB; FAIL (0) is sticky.
 */
enum { RS_FAIL = 0, RS_CP = 6, RS_SPACE = 12, RS_C2 = 18, RS_L2 = 24, RS_E1 = 30, RS_BA = 36,
       RS_BB = 42 };

#define TO(from, to) ((uint64_t)(to) << (from))
#define STARTS(to) (TO(RS_CP, to) | TO(RS_SPACE, to))
#define PR STARTS(RS_CP)                                                    /* 21..7E */
#define SP TO(RS_CP, RS_SPACE)                                              /* 20 */
#define LC STARTS(RS_C2)                                                    /* C2 */
#define L2 STARTS(RS_L2)                                                    /* C3..CB */
#define LE STARTS(RS_E1)                                                    /* E1 */
#define K8 (TO(RS_L2, RS_CP) | TO(RS_BB, RS_CP))                            /* 80..9F */
#define KA (TO(RS_L2, RS_CP) | TO(RS_BA, RS_CP) | TO(RS_BB, RS_CP))         /* A0, AD */
#define KB (KA | TO(RS_C2, RS_CP))                                          /* A1..B9 but AD */
#define XA (KB | TO(RS_E1, RS_BA))                                          /* BA */
#define XB (KB | TO(RS_E1, RS_BB))                                          /* BB */
#define KC (TO(RS_L2, RS_CP) | TO(RS_BA, RS_CP) | TO(RS_C2, RS_CP))         /* BC..BF */
#define NO ((uint64_t)0)

static const uint64_t RUN_DFA[256] = {
    NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
    NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
    SP, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR,
    PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR,
    PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR,
    PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR,
    PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR,
    PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, PR, NO,
    K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8,
    K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8, K8,
    KA, KB, KB, KB, KB, KB, KB, KB, KB, KB, KB, KB, KB, KA, KB, KB,
    KB, KB, KB, KB, KB, KB, KB, KB, KB, KB, XA, XB, KC, KC, KC, KC,
    NO, NO, LC, L2, L2, L2, L2, L2, L2, L2, L2, L2, NO, NO, NO, NO,
    NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
    NO, LE, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
    NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
};

#undef TO
#undef STARTS
#undef PR
#undef SP
#undef LC
#undef L2
#undef LE
#undef K8
#undef KA
#undef KB
#undef XA
#undef XB
#undef KC
#undef NO

enum { RUN_STRIDE = 16 };

/* End of the run from i: whole strides by the DFA, the rest (and a failing stride) exactly. */
static size_t run_end(const unsigned char *p, size_t len, size_t i, int wide)
{
    (void)wide;
    if (p[i] == ' ')
        return i;
    size_t j = i, mark = i; /* mark: a code point boundary the run reaches */
    uint64_t st = RS_CP;
    while (len - j >= RUN_STRIDE) {
        for (size_t k = 0; k < RUN_STRIDE; k++)
            st = RUN_DFA[p[j + k]] >> (st & 63);
        if ((st & 63) == RS_FAIL)
            break;
        j += RUN_STRIDE;
        if ((st & 63) == RS_CP)
            mark = j;
    }
    return run_end_exact(p, len, i, mark);
}

#endif

/*
 * End of the longest run from i that normalizes to itself byte for byte:
 * fast_cp code points, with single ASCII spaces between two of them (a lone
 * space between two letters is kept where it is). Every code point of the
 * run is followed by a safe one or a space, except perhaps the last: when a
 * non-ASCII byte follows it (a combining mark, say), the last code point is
 * left to the general path, with the space before it. i if no run starts at i.
 */
size_t parity_normalize__run(const char *in, size_t len, size_t i, int wide)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t end = run_end(p, len, i, wide);
    if (end == i || end >= len || p[end] < 0x80)
        return end;
    size_t last = end - 1; /* back to the start of the last code point */
    while (last > i && (p[last] & 0xC0) == 0x80)
        last--;
    if (last > i && p[last - 1] == ' ')
        last--;
    return last;
}
