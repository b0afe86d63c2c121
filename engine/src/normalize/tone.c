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

#include <utf8proc.h>

#include "util/utf8.h"

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
    *n = parity_utf8_decode(s + i, len - i, &cp);
    if (*n < 1) {
        *n = 1; /* cannot happen on validated input; step over it */
        return (unsigned char)s[i];
    }
    return cp;
}

/*
 * Rewrite the pair at s[r] if it is one; returns the bytes consumed (0 if
 * not a pair) and appends the replacement at s[*w].
 */
static size_t try_pair(char *s, uint32_t *map, size_t len, size_t r, size_t *w, char prev)
{
    int n2, n3;
    size_t r2 = r + 1;
    int32_t cp2 = decode_at(s, len, r2, &n2), nf, ns;
    size_t r3 = r2 + (size_t)n2;
    if (r3 < len && is_word_char(decode_at(s, len, r3, &n3)))
        return 0; /* closed syllable: "hoàn" */
    if (!rewrite_pair(prev, (unsigned char)s[r], cp2, &nf, &ns))
        return 0;
    char b1[4], b2[4];
    int l1 = parity_utf8_encode(nf, b1), l2 = parity_utf8_encode(ns, b2);
    uint32_t m1 = map[r], m2 = map[r2];
    /* *w <= r and l1 + l2 <= r3 - r, so nothing unread is overwritten. */
    for (int k = 0; k < l1; k++, (*w)++) {
        s[*w] = b1[k];
        map[*w] = m1;
    }
    for (int k = 0; k < l2; k++, (*w)++) {
        s[*w] = b2[k];
        map[*w] = m2;
    }
    return r3 - r;
}

size_t parity_normalize__tone(char *s, uint32_t *map, size_t len)
{
    size_t r = 0, w = 0;
    char prev = 0;
    uint32_t end_map = map[len];
    /* o, O, u, U are ASCII, so a byte scan finds them; the toned vowel after is multi-byte. */
    while (r < len) {
        char c = s[r];
        if ((c == 'o' || c == 'O' || c == 'u' || c == 'U') && r + 1 < len &&
            (unsigned char)s[r + 1] >= 0xC3) {
            size_t used = try_pair(s, map, len, r, &w, prev);
            if (used) {
                r += used;
                prev = 0;
                continue;
            }
        }
        if (w != r) {
            s[w] = c;
            map[w] = map[r];
        }
        prev = c;
        w++;
        r++;
    }
    map[w] = end_map;
    if (w < len)
        s[w] = '\0';
    return w;
}
