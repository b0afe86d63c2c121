/*
 * tone.c: one placement of the tone mark in the open syllables oa, oe, uy.
 *
 * Vietnamese has two spellings for these ("hoà"/"hòa"); NFC keeps them
 * apart, so a rule written with one would miss the other. We choose the new
 * style (mark on the first vowel), the more frequent one in official text
 * (legal-domain.md §5.2). A syllable is open when no letter follows the
 * pair: "hoàn" keeps its mark on the a in both styles and is not touched.
 */
#include "normalize/internal.h"

#include <string.h>
#include <utf8proc.h>

#include "util/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Tones in the order grave, acute, hook, tilde, dot below. */
enum { NTONES = 5 };
static const int32_t A_LOWER[NTONES] = {0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1};
static const int32_t A_UPPER[NTONES] = {0x00C0, 0x00C1, 0x1EA2, 0x00C3, 0x1EA0};
static const int32_t E_LOWER[NTONES] = {0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9};
static const int32_t E_UPPER[NTONES] = {0x00C8, 0x00C9, 0x1EBA, 0x1EBC, 0x1EB8};
static const int32_t Y_LOWER[NTONES] = {0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5};
static const int32_t Y_UPPER[NTONES] = {0x1EF2, 0x00DD, 0x1EF6, 0x1EF8, 0x1EF4};
static const int32_t O_LOWER[NTONES] = {0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD};
static const int32_t O_UPPER[NTONES] = {0x00D2, 0x00D3, 0x1ECE, 0x00D5, 0x1ECC};
static const int32_t U_LOWER[NTONES] = {0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5};
static const int32_t U_UPPER[NTONES] = {0x00D9, 0x00DA, 0x1EE6, 0x0168, 0x1EE4};

static int tone_of(int32_t cp, const int32_t table[NTONES])
{
    for (int t = 0; t < NTONES; t++)
        if (table[t] == cp)
            return t;
    return -1;
}

static int is_word_char(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

/*
 * If (first, second) is a glide + toned vowel pair with a new-style form,
 * set the replacements and return 1.
 */
static int rewrite_pair(char prev, int32_t first, int32_t second, int32_t *new_first,
                        int32_t *new_second)
{
    int t;
    if (first == 'o' || first == 'O') {
        const int32_t *o = first == 'o' ? O_LOWER : O_UPPER;
        if ((t = tone_of(second, A_LOWER)) >= 0)
            *new_second = 'a';
        else if ((t = tone_of(second, A_UPPER)) >= 0)
            *new_second = 'A';
        else if ((t = tone_of(second, E_LOWER)) >= 0)
            *new_second = 'e';
        else if ((t = tone_of(second, E_UPPER)) >= 0)
            *new_second = 'E';
        else
            return 0;
        *new_first = o[t];
        return 1;
    }
    /* In "quý" the u belongs to the consonant qu: the mark is already right. */
    if ((first == 'u' || first == 'U') && prev != 'q' && prev != 'Q') {
        if ((t = tone_of(second, Y_LOWER)) >= 0)
            *new_second = 'y';
        else if ((t = tone_of(second, Y_UPPER)) >= 0)
            *new_second = 'Y';
        else
            return 0;
        *new_first = (first == 'u' ? U_LOWER : U_UPPER)[t];
        return 1;
    }
    return 0;
}

static int32_t decode_at(const char *s, size_t len, size_t i, int *n)
{
    int32_t cp = 0;
    *n = parity_utf8_decode_fast(s + i, len - i, &cp);
    if (*n < 1) {
        *n = 1; /* cannot happen on validated input; step over it */
        return (unsigned char)s[i];
    }
    return cp;
}

/*
 * Whether the pair at s[r] (o/O/u/U, then a toned vowel) is one to rewrite;
 * if so sets the replacements and *r3, the byte after the pair. Reads only.
 */
static int pair_at(const char *s, size_t len, size_t r, char prev, int32_t *nf, int32_t *ns,
                   size_t *r3)
{
    int n2, n3;
    int32_t cp2 = decode_at(s, len, r + 1, &n2);
    if (!rewrite_pair(prev, (unsigned char)s[r], cp2, nf, ns))
        return 0;
    *r3 = r + 1 + (size_t)n2;
    return !(*r3 < len && is_word_char(decode_at(s, len, *r3, &n3))); /* closed: "hoàn" */
}

/* Append the replacement of the pair at s[r] (raw offsets from map[r], map[r + 1]) at s[*w]. */
static void write_pair(char *s, uint32_t *map, size_t r, size_t *w, int32_t nf, int32_t ns)
{
    char b1[4], b2[4];
    int l1 = parity_utf8_encode(nf, b1), l2 = parity_utf8_encode(ns, b2);
    uint32_t m1 = map[r], m2 = map[r + 1];
    /* *w <= r and l1 + l2 <= r3 - r, so nothing unread is overwritten. */
    for (int k = 0; k < l1; k++, (*w)++) {
        s[*w] = b1[k];
        map[*w] = m1;
    }
    for (int k = 0; k < l2; k++, (*w)++) {
        s[*w] = b2[k];
        map[*w] = m2;
    }
}

/* Move the unchanged bytes s[from, to) (and their map) down to *w. */
static void shift(char *s, uint32_t *map, size_t from, size_t to, size_t *w)
{
    if (*w != from) {
        memmove(s + *w, s + from, to - from);
        memmove(map + *w, map + from, (to - from) * sizeof(*map));
    }
    *w += to - from;
}

/*
 * The first byte may start a pair: o, O, u or U (ASCII, so a byte scan finds
 * them) followed by the lead byte of a toned a, e or y, all of which are
 * U+00xx (lead C3) or U+1Exx (lead E1).
 */
static int may_pair(const unsigned char *p, size_t r)
{
    unsigned char c = p[r] | 0x20, d = p[r + 1];
    return (c == 'o' || c == 'u') && (d == 0xC3 || d == 0xE1);
}

/* Bit 7 of each byte of the result is set where that byte of w may be b (never missed where it is). */
static uint64_t bytes_eq(uint64_t w, unsigned char b)
{
    uint64_t x = w ^ (UINT64_C(0x0101010101010101) * b);
    return (x - UINT64_C(0x0101010101010101)) & ~x & UINT64_C(0x8080808080808080);
}

#if defined(__SSE2__)
/*
 * Index of the first of the 16 bytes at p + r where may_pair holds, or 16:
 * o or u in either case at byte k, C3 or E1 at byte k + 1 (reads 17 bytes).
 */
static unsigned pair16(const unsigned char *p, size_t r)
{
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(p + r));
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + r + 1));
    __m128i lower = _mm_or_si128(w, _mm_set1_epi8(0x20));
    __m128i first = _mm_or_si128(_mm_cmpeq_epi8(lower, _mm_set1_epi8('o')),
                                 _mm_cmpeq_epi8(lower, _mm_set1_epi8('u')));
    __m128i second = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC3)),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE1)));
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(first, second));
    return m ? (unsigned)__builtin_ctz(m) : 16;
}
#endif

/*
 * The first r' >= r with r' + 1 < len where may_pair could hold, or len - 1
 * (or 0 for len < 2). Sixteen candidate first bytes at a time with SSE2,
 * else eight: o or u in either case at byte k, C3 or E1 at byte k + 1.
 */
static size_t next_candidate(const unsigned char *p, size_t len, size_t r)
{
    if (len < 2)
        return 0;
#if defined(__SSE2__)
    while (r < len - 1 && len - 1 - r >= 16) {
        unsigned k = pair16(p, r);
        if (k < 16)
            return r + k;
        r += 16;
    }
#endif
    for (;;) {
        while (r < len - 1 && len - 1 - r >= 8 + 1) {
            uint64_t w, v;
            memcpy(&w, p + r, sizeof(w));
            memcpy(&v, p + r + 1, sizeof(v));
            uint64_t lower = w | UINT64_C(0x2020202020202020);
            uint64_t first = bytes_eq(lower, 'o') | bytes_eq(lower, 'u');
            uint64_t second = bytes_eq(v, 0xC3) | bytes_eq(v, 0xE1);
            if (first & second)
                break;
            r += 8;
        }
        size_t stop = r < len - 1 && len - 1 - r > 8 ? r + 8 : len - 1;
        for (; r < stop; r++)
            if (may_pair(p, r))
                return r;
        if (r >= len - 1)
            return len - 1;
    }
}

size_t parity_normalize__tone(char *s, uint32_t *map, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t r = 0, w = 0, from = 0; /* s[from, r) is unchanged and not yet moved to w */
    uint32_t end_map = map[len];
    int32_t nf, ns;
    size_t r3;
    while ((r = next_candidate(p, len, r)) + 1 < len) {
        /* The letter before the pair, still in place unless a pair just ended there. */
        char prev = r > from ? s[r - 1] : 0;
        if (!pair_at(s, len, r, prev, &nf, &ns, &r3)) {
            r++;
            continue;
        }
        shift(s, map, from, r, &w);
        write_pair(s, map, r, &w, nf, ns);
        r = from = r3;
    }
    shift(s, map, from, len, &w);
    map[w] = end_map;
    if (w < len)
        s[w] = '\0';
    return w;
}
