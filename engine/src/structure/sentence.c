/*
 * sentence.c: sentences inside one block.
 *
 * A sentence ends after '.', ';', '?' or '!' (and any closing quotes or
 * brackets) when a space and something that can open a sentence follow: a
 * capital, a digit, an opening quote or bracket. So "1.000" and "1,64" never
 * split (no space), "nam 55 tuổi; nữ 50 tuổi" stays one sentence (a rule
 * comparing the two ages needs both), the numbering dot of "Điều 5. Tên" is
 * skipped, and so are titles and initials before a name ("TS. Nguyễn",
 * "V. I. Lê-nin").
 */
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "structure/internal.h"
#include "util/utf8.h"
#include "util/vec.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static int is_terminator(char c)
{
    return c == '.' || c == ';' || c == '?' || c == '!';
}

/* Whether some byte of w is zero (exact: the borrow can only mark bytes above a real zero). */
static uint64_t has_zero(uint64_t w)
{
    return (w - UINT64_C(0x0101010101010101)) & ~w & UINT64_C(0x8080808080808080);
}

/* Whether some byte of w is b. */
static uint64_t has_byte(uint64_t w, unsigned char b)
{
    return has_zero(w ^ (UINT64_C(0x0101010101010101) * b));
}

/* Index of the first terminator in s[i, len), or len: 16 or 8 bytes at a time, most of them have none. */
static size_t next_terminator(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__)
    while (i < len && len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i t = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8(';'))),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))));
        unsigned m = (unsigned)_mm_movemask_epi8(t);
        if (m)
            return i + (unsigned)__builtin_ctz(m);
        i += 16;
    }
#endif
    while (i < len && len - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof(w));
        if (has_byte(w, '.') | has_byte(w, ';') | has_byte(w, '?') | has_byte(w, '!'))
            break;
        i += 8;
    }
    while (i < len && !is_terminator(s[i]))
        i++;
    return i;
}

/* Bytes of a closing quote or bracket at s[i], or 0. */
static size_t closer(const char *s, size_t len, size_t i)
{
    if (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']')
        return 1;
    if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9D || (unsigned char)s[i + 2] == 0x99))
        return 3; /* ” ’ */
    if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xBB)
        return 2; /* » */
    return 0;
}

static int opens_sentence(const char *s, size_t len, size_t i)
{
    int32_t cp;
    if (i >= len || parity_utf8_decode_fast(s + i, len - i, &cp) < 0)
        return 0;
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '"' ||
               cp == '\'' || cp == '(' || cp == '[';
    if (cp == 0x201C || cp == 0x2018 || cp == 0x00AB)
        return 1;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* Whether the word that ends at the '.' at s[dot] is an abbreviation or an initial. */
static int abbreviation(const char *s, size_t dot)
{
#define W(word) {word, sizeof(word) - 1}
    static const struct {
        const char *text;
        size_t len;
    } words[] = {W("TP"),  W("Tp"),  W("TS"), W("ThS"), W("PGS"), W("GS"),  W("BS"), W("KS"),
                 W("Nxb"), W("NXB"), W("Mr"), W("Ms"),  W("Mrs"), W("Dr"),  W("St"), W("No")};
#undef W
    size_t b = dot;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '(' && s[b - 1] != '.')
        b--;
    size_t n = dot - b;
    if (n == 0)
        return 0;
    int32_t cp;
    int cl = parity_utf8_decode(s + b, n, &cp);
    if (cl > 0 && (size_t)cl == n && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU)
        return 1; /* an initial */
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
        if (words[k].len == n && memcmp(words[k].text, s + b, n) == 0)
            return 1;
    return 0;
}

static int push(parity_doc *doc, size_t start, size_t end)
{
    if (end <= start)
        return 0;
    /* The call only when full: most blocks are one or two sentences. */
    int rc = doc->nsentences < doc->sentences_cap
                 ? 0
                 : PARITY_VEC_RESERVE(doc->sentences, doc->nsentences, doc->sentences_cap, 1);
    if (rc)
        return rc;
    doc->sentences[doc->nsentences].start = start;
    doc->sentences[doc->nsentences].end = end;
    doc->nsentences++;
    return 0;
}

int parity_structure__sentences(parity_doc *doc, size_t b, size_t prefix_end)
{
    const parity_block *blk = &doc->blocks[b];
    const char *s = doc->text + blk->start;
    size_t len = blk->end - blk->start, from = 0;
    for (size_t i = prefix_end; (i = next_terminator(s, len, i)) < len; i++) {
        size_t j = i + 1;
        for (size_t n; j < len && (n = closer(s, len, j)) > 0;)
            j += n;
        if (j >= len || s[j] != ' ' || !opens_sentence(s, len, j + 1))
            continue;
        if (s[i] == '.' && abbreviation(s, i))
            continue;
        int rc = push(doc, blk->start + from, blk->start + j);
        if (rc)
            return rc;
        from = j + 1;
        i = j;
    }
    return push(doc, blk->start + from, blk->start + len);
}
