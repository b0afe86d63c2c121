/*
 * legacy.c: TCVN3 and VNI text, as Word stores it, back to Unicode.
 *
 * The TCVN3 table is the TCVN 5712:1993 VN1 chart for bytes 0x80-0xFF
 * (checked against glibc's TCVN5712-1 converter); ABC text uses only its
 * VN3 subset (lower-case letters at 0xB5-0xFE, ă â ê ô ơ ư đ at 0xA8-0xAE,
 * their capitals at 0xA1-0xA7), so one table serves both.
 *
 * VNI-Windows writes a toned vowel as the base letter followed by a mark
 * character: five tone marks, and for â/ê/ô and ă six characters each that
 * carry the circumflex or the breve with or without a tone. ơ ư đ and the
 * toned i and ỵ are single characters. Marks are composed with utf8proc.
 */
#include "normalize/legacy.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/utf8.h"
#include "util/vec.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The 32-byte lead scan: GCC or Clang on x86, the CPU asked at run time. */
#if defined(__SSE2__) && defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define PARITY_LEGACY_AVX2 1
#include <immintrin.h>
#else
#define PARITY_LEGACY_AVX2 0
#endif

/* TCVN 5712 VN1, bytes 0x80-0xFF (0xB0-0xB4 are combining tone marks). */
static const uint16_t TCVN3[128] = {
    0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8, /* 80 */
    0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC, 0x1EC8, 0x0128, /* 88 */
    0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8, /* 90 */
    0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168, /* 98 */
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, /* A0 */
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, /* A8 */
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3, /* B0 */
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, /* B8 */
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, /* C0 */
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, /* C8 */
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, /* D0 */
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, /* D8 */
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, /* E0 */
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, /* E8 */
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, /* F0 */
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0, /* F8 */
};

enum { GRAVE = 0x0300, ACUTE = 0x0301, CIRC = 0x0302, TILDE = 0x0303, BREVE = 0x0306,
       HOOK = 0x0309, DOT = 0x0323 };

/*
 * VNI-Windows, Latin-1 letters U+00C0-U+00FF (lower case = upper + 0x20,
 * so the table is indexed by the upper-case form, U+00C0-U+00DF). A mark
 * has `base` 0 and up to two combining marks; a stand-alone character has
 * its letter in `base` (lower case; the capital is derived).
 */
typedef struct vni_entry {
    uint16_t base;
    uint16_t mark1, mark2;
} vni_entry;

static const vni_entry VNI[32] = {
    /* C0 À */ {0, CIRC, GRAVE},  /* C1 Á */ {0, CIRC, ACUTE},
    /* C2 Â */ {0, CIRC, 0},      /* C3 Ã */ {0, CIRC, TILDE},
    /* C4 Ä */ {0, CIRC, DOT},    /* C5 Å */ {0, CIRC, HOOK},
    /* C6 Æ */ {0x1EC9, 0, 0},    /* C7 Ç */ {0, 0, 0},
    /* C8 È */ {0, BREVE, GRAVE}, /* C9 É */ {0, BREVE, ACUTE},
    /* CA Ê */ {0, BREVE, 0},     /* CB Ë */ {0, BREVE, DOT},
    /* CC Ì */ {0x00EC, 0, 0},    /* CD Í */ {0x00ED, 0, 0},
    /* CE Î */ {0x1EF5, 0, 0},    /* CF Ï */ {0, DOT, 0},
    /* D0 Ð */ {0, 0, 0},         /* D1 Ñ */ {0x0111, 0, 0},
    /* D2 Ò */ {0x1ECB, 0, 0},    /* D3 Ó */ {0x0129, 0, 0},
    /* D4 Ô */ {0x01A1, 0, 0},    /* D5 Õ */ {0, TILDE, 0},
    /* D6 Ö */ {0x01B0, 0, 0},    /* D7 × */ {0, 0, 0},
    /* D8 Ø */ {0, GRAVE, 0},     /* D9 Ù */ {0, ACUTE, 0},
    /* DA Ú */ {0, BREVE, HOOK},  /* DB Û */ {0, HOOK, 0},
    /* DC Ü */ {0, BREVE, TILDE}, /* DD Ý */ {0, 0, 0},
    /* DE Þ */ {0, 0, 0},         /* DF ß */ {0, 0, 0},
};

/* Capital of a letter of the tables (all have simple case mappings). */
static int32_t upper(int32_t cp)
{
    return utf8proc_toupper(cp);
}

static int vni_lookup(int32_t cp, vni_entry *e, int *is_upper)
{
    if (cp < 0xC0 || cp > 0xFF || cp == 0xD7 || cp == 0xF7)
        return 0;
    *is_upper = cp < 0xE0;
    *e = VNI[(cp - 0xC0) & 0x1F];
    return e->base || e->mark1;
}

/* Which marks a VNI base letter takes: 1 tone only, 2 also circumflex, 3 also breve. */
static int vni_base(int32_t cp)
{
    switch (cp) {
    case 'a': case 'A': return 3;
    case 'e': case 'E': case 'o': case 'O': return 2;
    case 'u': case 'U': case 'y': case 'Y': case 0x01A1: case 0x01A0: case 0x01B0: case 0x01AF:
        return 1;
    default: return 0;
    }
}

static int put_cp(parity_str *out, int32_t cp)
{
    char buf[4];
    int n = parity_utf8_encode(cp, buf);
    return parity_str_put(out, buf, (size_t)(n > 0 ? n : 0));
}

/* Compose base + marks (NFC) and append. */
static int put_composed(parity_str *out, const int32_t *cps, size_t n)
{
    char utf8[16];
    size_t len = 0;
    for (size_t k = 0; k < n; k++)
        len += (size_t)parity_utf8_encode(cps[k], utf8 + len);
    utf8proc_int32_t buf[8];
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_ssize_t m = utf8proc_decompose((const utf8proc_uint8_t *)utf8, (utf8proc_ssize_t)len,
                                            buf, 8, opt);
    if (m < 0 || m > 8)
        return parity_str_put(out, utf8, len);
    m = utf8proc_normalize_utf32(buf, m, opt);
    int rc = 0;
    for (utf8proc_ssize_t k = 0; !rc && k < m; k++)
        rc = put_cp(out, buf[k]);
    return rc;
}

/*
 * Decode one VNI character at in[i]: a stand-alone character, or a base
 * letter with the mark that follows it. Returns the bytes consumed.
 */
static size_t vni_char(parity_str *out, const char *in, size_t len, size_t i, int *rc)
{
    int32_t cp, next;
    int n = parity_utf8_decode(in + i, len - i, &cp), m, up;
    vni_entry e;
    if (n < 0) {
        *rc = parity_str_put(out, in + i, 1);
        return 1;
    }
    if (vni_lookup(cp, &e, &up) && e.base)
        cp = up ? upper(e.base) : e.base;
    int takes = vni_base(cp);
    size_t j = i + (size_t)n;
    if (takes && j < len && (m = parity_utf8_decode(in + j, len - j, &next)) > 0 &&
        vni_lookup(next, &e, &up) && !e.base) {
        int needs = e.mark1 == CIRC ? 2 : e.mark1 == BREVE ? 3 : 1;
        if (needs == 1 || needs == takes || (needs == 2 && takes == 3)) {
            int32_t seq[3] = {cp, e.mark1, e.mark2};
            *rc = put_composed(out, seq, e.mark2 ? 3 : 2);
            return (size_t)n + (size_t)m;
        }
    }
    *rc = put_cp(out, cp);
    return (size_t)n;
}

/* One TCVN3 character: the decoded code point of a Latin-1 one, else cp itself. */
static int32_t tcvn3_cp(int32_t cp, int capitals)
{
    if (cp >= 0x80 && cp <= 0xFF)
        cp = TCVN3[cp - 0x80];
    return capitals ? upper(cp) : cp;
}

int parity_legacy_font(const char *name)
{
    if (!name)
        return PARITY_LEGACY_NONE;
    size_t n = strlen(name);
    if (n >= 3 && name[0] == '.' && (name[1] | 0x20) == 'v' && (name[2] | 0x20) == 'n') {
        char last = name[n - 1], before = n > 4 ? name[n - 2] : 0;
        int lower_name = 1;
        for (size_t k = 0; k < n; k++)
            if (name[k] >= 'A' && name[k] <= 'Z')
                lower_name = 0;
        if (n > 4 && ((last == 'H' && before >= 'a' && before <= 'z') ||
                      (last == 'h' && lower_name)))
            return PARITY_LEGACY_TCVN3_UPPER;
        return PARITY_LEGACY_TCVN3;
    }
    if (n >= 4 && (name[0] | 0x20) == 'v' && (name[1] | 0x20) == 'n' && (name[2] | 0x20) == 'i' &&
        (name[3] == '-' || name[3] == ' '))
        return PARITY_LEGACY_VNI;
    return PARITY_LEGACY_NONE;
}

int parity_legacy_to_unicode(parity_str *out, int encoding, const char *in, size_t len)
{
    if (encoding < PARITY_LEGACY_NONE || encoding > PARITY_LEGACY_TCVN3_UPPER)
        return PARITY_EINVAL;
    if (encoding == PARITY_LEGACY_NONE)
        return parity_str_put(out, in, len);
    int rc = parity_str_grow(out, len + len / 2);
    for (size_t i = 0; !rc && i < len;) {
        if (encoding == PARITY_LEGACY_VNI) {
            i += vni_char(out, in, len, i, &rc);
            continue;
        }
        int32_t cp;
        int n = parity_utf8_decode(in + i, len - i, &cp);
        if (n < 0) {
            rc = parity_str_put(out, in + i, 1);
            i++;
            continue;
        }
        rc = put_cp(out, tcvn3_cp(cp, encoding == PARITY_LEGACY_TCVN3_UPPER));
        i += (size_t)n;
    }
    return rc;
}

/*
 * Frequent words (or their telling part) as TCVN3 bytes read as Latin-1,
 * each with a character Vietnamese Unicode never uses (or a capital inside
 * a word). Generated with glibc iconv -t TCVN5712-1; the unit tests
 * encode the same words with iconv and expect them detected.
 */
static const char *const SIGNATURES[] = {
    "§iÒu",  "®iÒu",  "kh«ng", "n÷",    "tuæi",  "qu¸",   "ViÖt",  "cña",   "kho¶n",
    "c¸c",   "nh÷ng", "viÖc",  "®Þnh",  "n¨m",   "nµy",   "vµ",    "lµ",    "th¸ng",
    "ngµy",  "®Õn",   "chÝnh", "phñ",   "quyÒn", "®èi",   "chøc",  "c«ng",  "hoÆc",
    "ph¶i",  "tr×nh", "chñ",   "nhiÖm", "l·nh",  "®¹o",   "qu¶n",  "b×nh",  "®¼ng",
    "thÓ",   "duyÖt", "ho¹ch",
    /* đư, ươ (được, người, nước, trưởng): the soft hyphen is TCVN3 "ư" */
    "®\xC2\xAD", "\xC2\xAD" "îc", "\xC2\xAD" "êi", "\xC2\xAD" "íc", "\xC2\xAD" "ëng",
};

/* Which characters U+0080-U+00FF a text holds, found in one pass over its bytes. */
typedef struct latin1_set {
    uint64_t bits[2];
} latin1_set;

static void scan_latin1(const char *s, size_t len, latin1_set *set)
{
    memset(set, 0, sizeof(*set));
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xFE) != 0xC2)
            continue;
        unsigned k = (unsigned)(c & 1) << 6 | ((unsigned char)s[i + 1] & 0x3F); /* cp - 0x80 */
        set->bits[k >> 6] |= (uint64_t)1 << (k & 63);
        i++;
    }
}

/* Whether every Latin-1 character of `sig` is in the set: else it cannot occur. */
static int possible(const latin1_set *set, const char *sig)
{
    for (const unsigned char *p = (const unsigned char *)sig; *p; p++) {
        if ((*p & 0xFE) != 0xC2 || !p[1])
            continue;
        unsigned k = (unsigned)(*p & 1) << 6 | (p[1] & 0x3F);
        if (!(set->bits[k >> 6] >> (k & 63) & 1))
            return 0;
        p++;
    }
    return 1;
}

static int has_signature(const char *s, size_t len, const latin1_set *set)
{
    for (size_t k = 0; k < sizeof(SIGNATURES) / sizeof(SIGNATURES[0]); k++) {
        const char *sig = SIGNATURES[k];
        size_t n = strlen(sig);
        if (!possible(set, sig))
            continue;
        for (const char *p = s; (size_t)(s + len - p) >= n;) {
            const char *hit = memchr(p, sig[0], (size_t)(s + len - p) - n + 1);
            if (!hit)
                break;
            if (memcmp(hit, sig, n) == 0)
                return 1;
            p = hit + 1;
        }
    }
    return 0;
}

int parity_legacy_looks_tcvn3(const char *s, size_t len)
{
    latin1_set set;
    scan_latin1(s, len, &set);
    return has_signature(s, len, &set);
}

/* The Latin-1 letters Vietnamese Unicode uses: À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý, lower case too. */
static int vn_latin1(int32_t cp)
{
    int32_t c = cp >= 0xE0 ? cp - 0x20 : cp;
    switch (c) {
    case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC8: case 0xC9: case 0xCA: case 0xCC:
    case 0xCD: case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xD9: case 0xDA: case 0xDD:
        return cp >= 0xC0;
    default: return 0;
    }
}

static int is_lower_letter(int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7);
}

/* Latin-1 letters U+00C0-U+00FF Vietnamese never writes (Æ Ç Ð Ñ Ö × ... ñ ö ÷ ...). */
#define FOREIGN UINT64_C(0xD9C3C8F0D9C3C8F0)

/*
 * Whether the C2 or C3 byte at p[i] (i + 1 < len) makes the block worth
 * scanning. The test reads pairs left to right: a C3 that is the second
 * byte of a pair begun by the C3 before it is no lead (this matters only
 * for invalid input, C3 C3 ...), so a C3 counts after an even number of
 * C3s. A C2 needs no such care: C2 C2 is itself a hit.
 */
static inline int lead_hit(const unsigned char *p, size_t i)
{
    unsigned char c = p[i + 1];
    if (p[i] == 0xC2)
        return c >= 0xA1 && c != 0xAB && c != 0xBB && (c < 0xB0 || c > 0xB3);
    if (!(FOREIGN >> (c & 0x3F) & 1))
        return 0;
    size_t j = i;
    while (j > 0 && p[j - 1] == 0xC3)
        j--;
    return (i - j) % 2 == 0;
}

#if defined(__SSE2__)
/* Bit k set where p[k] is C2 or C3. */
static inline uint32_t c2c3_mask(const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    return (uint32_t)_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xFE)), _mm_set1_epi8((char)0xC2)));
}
#endif

#if PARITY_LEGACY_AVX2
/* Byte n of the table: bit 0 if n, bit 1 if n + 16 is in FOREIGN (which repeats every 32). */
#define FT(n) (char)((FOREIGN >> (n) & 1) | (FOREIGN >> ((n) + 16) & 1) << 1)

/*
 * worth_scanning's leads p[*i, leads) (leads >= 32) 32 at a time, with the byte after
 * each lead looked up in FOREIGN for all 32 at once (vpshufb): lead_hit is
 * asked only at a C2, or at a C3 before a foreign letter, which in
 * Vietnamese Unicode text is almost never. 1 on a hit; else 0 with *i
 * where the rest (under 32 leads, for the 16-byte scan) starts.
 */
__attribute__((target("avx2"))) static int leads32(const unsigned char *p, size_t leads,
                                                    size_t *i)
{
    const __m256i table = _mm256_setr_epi8(
        FT(0), FT(1), FT(2), FT(3), FT(4), FT(5), FT(6), FT(7), FT(8), FT(9), FT(10), FT(11),
        FT(12), FT(13), FT(14), FT(15), FT(0), FT(1), FT(2), FT(3), FT(4), FT(5), FT(6), FT(7),
        FT(8), FT(9), FT(10), FT(11), FT(12), FT(13), FT(14), FT(15));
    const __m256i low4 = _mm256_set1_epi8(0x0F), one = _mm256_set1_epi8(1);
    size_t at = *i;
    for (; leads - at >= 32; at += 32) { /* p[at + 32] is the last lead's follower at most */
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + at));
        __m256i next = _mm256_loadu_si256((const __m256i *)(const void *)(p + at + 1));
        __m256i bits = _mm256_shuffle_epi8(table, _mm256_and_si256(next, low4));
        __m256i half = _mm256_add_epi8(_mm256_and_si256(_mm256_srli_epi16(next, 4), one), one);
        __m256i plain = _mm256_cmpeq_epi8(_mm256_and_si256(bits, half), _mm256_setzero_si256());
        __m256i c3 = _mm256_andnot_si256(plain, _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xC3)));
        __m256i c2 = _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xC2));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(c2, c3));
        for (; m; m &= m - 1)
            if (lead_hit(p, at + (size_t)__builtin_ctz(m)))
                return 1;
    }
    *i = at;
    return 0;
}

#undef FT
#endif

/*
 * Fast test before any other work on a block: TCVN3 text is full of
 * characters U+00A1-U+00BF (ă â ê ô ơ ư đ and most toned a's are there);
 * plain Vietnamese Unicode has none but NBSP, the quotes « » and the degree
 * sign, which this test ignores (so does ± ² ³: TCVN3 combining marks, rare).
 * A TCVN3 block without any other such character is missed, which costs a
 * finding at worst; scanning every block fully would cost every document.
 */
int parity_legacy__worth_scanning(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, leads = len ? len - 1 : 0; /* the last byte is no lead: nothing follows it */
#if PARITY_LEGACY_AVX2
    if (leads >= 32 && __builtin_cpu_supports("avx2") && leads32(p, leads, &i))
        return 1;
#endif
#if defined(__SSE2__)
    /*
     * Vietnamese has a C3 every few letters: 32 bytes at a time, not a memchr
     * for each. The last 16 leads are read again from leads - 16, their first
     * bytes (seen already) masked off.
     */
    for (; leads - i >= 32; i += 32)
        for (uint32_t m = c2c3_mask(p + i) | c2c3_mask(p + i + 16) << 16; m; m &= m - 1)
            if (lead_hit(p, i + (size_t)__builtin_ctz(m)))
                return 1;
    while (leads >= 16 && i < leads) { /* at most twice */
        size_t at = leads - i >= 16 ? i : leads - 16;
        for (uint32_t m = c2c3_mask(p + at) >> (i - at) << (i - at); m; m &= m - 1)
            if (lead_hit(p, at + (size_t)__builtin_ctz(m)))
                return 1;
        i = at + 16;
    }
#endif
    for (; i < leads; i++)
        if ((p[i] & 0xFE) == 0xC2 && lead_hit(p, i))
            return 1;
    return 0;
}

enum { W_NEUTRAL = 0, W_AMBIGUOUS, W_TCVN3, W_UNICODE };

typedef struct word {
    size_t start, end;
    int cls, convert;
} word;

static int is_delimiter(int32_t cp)
{
    if (cp < 0x80)
        return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    return cp <= 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF;
}

/* Class of the word in[start, end) (valid UTF-8). */
static int word_class(const char *in, size_t start, size_t end)
{
    int cls = W_NEUTRAL;
    int32_t prev = 0;
    for (size_t i = start; i < end;) {
        int32_t cp;
        int n = parity_utf8_decode(in + i, end - i, &cp);
        i += (size_t)n;
        if (cp > 0xFF)
            return W_UNICODE;
        if (cp >= 0xA1 && (!vn_latin1(cp) || (cp < 0xE0 && is_lower_letter(prev))))
            cls = W_TCVN3;
        else if (cp >= 0xA1 && cls == W_NEUTRAL)
            cls = W_AMBIGUOUS;
        prev = cp;
    }
    return cls;
}

/*
 * Which words to convert: TCVN3 ones, and ambiguous ones whose nearest
 * unambiguous neighbour is TCVN3 (the earlier one on a tie). Returns the
 * number converted.
 */
static size_t resolve(word *w, size_t n)
{
    size_t converted = 0;
    for (size_t k = 0; k < n; k++) {
        w[k].convert = w[k].cls == W_TCVN3;
        for (size_t d = 1; w[k].cls == W_AMBIGUOUS && (d <= k || k + d < n); d++) {
            int before = d <= k && w[k - d].cls >= W_TCVN3 ? w[k - d].cls : 0;
            int after = k + d < n && w[k + d].cls >= W_TCVN3 ? w[k + d].cls : 0;
            if (before || after) {
                w[k].convert = (before ? before : after) == W_TCVN3;
                break;
            }
        }
        converted += (size_t)w[k].convert;
    }
    return converted;
}

typedef struct mapped {
    parity_str text;
    uint32_t *map;
    size_t len, cap;
} mapped;

/* Append bytes that all come from raw offset `raw` (exact: byte k from raw + k). */
static int put_mapped(mapped *m, const char *bytes, size_t n, size_t raw, int exact)
{
    int rc = parity_str_put(&m->text, bytes, n);
    if (!rc)
        rc = PARITY_VEC_RESERVE(m->map, m->len, m->cap, n + 1);
    for (size_t k = 0; !rc && k < n; k++)
        m->map[m->len++] = (uint32_t)(raw + (exact ? k : 0));
    return rc;
}

/* Split valid UTF-8 into words; 1 if the text is not valid UTF-8. */
static int split_words(const char *in, size_t len, word **w, size_t *n, size_t *cap)
{
    size_t start = SIZE_MAX;
    for (size_t i = 0; i <= len;) {
        int32_t cp = ' ';
        int m = 1;
        if (i < len && (m = parity_utf8_decode(in + i, len - i, &cp)) < 0)
            return 1;
        if (i == len || is_delimiter(cp)) {
            if (start != SIZE_MAX) {
                int rc = PARITY_VEC_RESERVE(*w, *n, *cap, 1);
                if (rc)
                    return rc;
                (*w)[*n].start = start;
                (*w)[*n].end = i;
                (*w)[*n].cls = word_class(in, start, i);
                (*n)++;
            }
            start = SIZE_MAX;
        } else if (start == SIZE_MAX) {
            start = i;
        }
        i += (size_t)m;
    }
    return 0;
}

static int emit_words(mapped *m, const char *in, size_t len, const word *w, size_t n)
{
    size_t pos = 0;
    int rc = parity_str_grow(&m->text, len + len / 2);
    for (size_t k = 0; !rc && k < n; k++) {
        if (!w[k].convert)
            continue;
        rc = put_mapped(m, in + pos, w[k].start - pos, pos, 1);
        for (size_t i = w[k].start; !rc && i < w[k].end;) {
            int32_t cp;
            char buf[4];
            int b = parity_utf8_decode(in + i, w[k].end - i, &cp);
            int e = parity_utf8_encode(tcvn3_cp(cp, 0), buf);
            rc = put_mapped(m, buf, (size_t)e, i, 0);
            i += (size_t)b;
        }
        pos = w[k].end;
    }
    if (!rc)
        rc = put_mapped(m, in + pos, len - pos, pos, 1);
    if (!rc)
        m->map[m->len] = (uint32_t)len;
    return rc;
}

int parity_legacy__tcvn3_words(char **out, size_t *out_len, uint32_t **map, const char *in,
                               size_t len)
{
    word *w = NULL;
    size_t n = 0, cap = 0;
    mapped m;
    memset(&m, 0, sizeof(m));
    *out = NULL;
    *map = NULL;
    latin1_set set;
    if (len >= UINT32_MAX)
        return 0;
    if (!parity_legacy__worth_scanning(in, len))
        return 0;
    scan_latin1(in, len, &set);
    if (!has_signature(in, len, &set))
        return 0;
    int rc = split_words(in, len, &w, &n, &cap);
    if (rc > 0 || (!rc && resolve(w, n) == 0)) {
        rc = 0;
        goto cleanup;
    }
    if (rc || (rc = emit_words(&m, in, len, w, n)))
        goto cleanup;
    *out_len = m.text.len;
    *out = parity_str_detach(&m.text);
    if (!*out) {
        rc = PARITY_ENOMEM;
        goto cleanup;
    }
    *map = m.map;
    m.map = NULL;
    rc = 1;
cleanup:
    free(w);
    free(m.map);
    parity_str_release(&m.text);
    return rc;
}
