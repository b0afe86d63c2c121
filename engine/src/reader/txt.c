/*
 * txt.c: the plain-text reader. UTF-8 (a BOM is dropped) or UTF-16 with a
 * BOM (converted to UTF-8). One block per non-blank line, anchored at its
 * line, column 1. Lines end with "\n", "\r\n" or a lone "\r".
 *
 * A line that starts and ends with '|' (leading and trailing blanks aside) is
 * a table row, as drafts written in Markdown or pasted from a table show it:
 * each non-empty cell between two '|' is a table-cell block, trimmed, anchored
 * at its own column; consecutive rows are one table. A Markdown separator row
 * ("|---|:--:|") is part of the table but no row of it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "reader/reader.h"
#include "reader/txt_int.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#define SNIFF_WINDOW ((size_t)64 << 10)

/* Line and column (code points) of byte `off` of s, for error messages. */
static void locate(const char *s, size_t off, unsigned long *line, unsigned long *col)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n'))) {
            ++*line;
            start = i + 1;
        }
    }
    *col = 1 + (unsigned long)parity_utf8_count(s + start, off - start);
}

static int utf16_unit(const unsigned char *p, int big_endian)
{
    return big_endian ? (p[0] << 8 | p[1]) : (p[1] << 8 | p[0]);
}

/* UTF-16 (after its BOM) to UTF-8. Unpaired surrogates are errors. */
static int from_utf16(parity_str *out, const unsigned char *data, size_t len, int big_endian,
                      const char *name, parity_error *err)
{
    size_t i = 0;
    if (len % 2)
        return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "UTF-16 text with an odd number of bytes");
    if (parity_str_grow(out, len + len / 2))
        return parity_error_set(err, PARITY_ENOMEM, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "out of memory");
    while (i < len) {
        int32_t cp = utf16_unit(data + i, big_endian);
        char buf[4];
        int n;
        i += 2;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < len &&
            utf16_unit(data + i, big_endian) >= 0xDC00 &&
            utf16_unit(data + i, big_endian) <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (utf16_unit(data + i, big_endian) - 0xDC00);
            i += 2;
        }
        if (!(n = parity_utf8_encode(cp, buf))) {
            unsigned long line, col;
            locate(parity_str_cstr(out), out->len, &line, &col);
            return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, name, NULL, line, col,
                                    "invalid UTF-16 (unpaired surrogate) at line %lu, column %lu",
                                    line, col);
        }
        parity_str_put(out, buf, (size_t)n);
    }
    return out->failed ? parity_error_set(err, out->failed, PARITY_STAGE_READER, name, NULL, 0, 0,
                                          "out of memory")
                       : 0;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f' && s[i] != '\v')
            return 0;
    return 1;
}

static int check_text(const char *s, size_t len, const char *name, parity_error *err)
{
    size_t bad = parity_utf8_validate(s, len);
    const char *nul = memchr(s, '\0', len);
    unsigned long line, col;
    if (bad < len && (!nul || bad < (size_t)(nul - s))) {
        locate(s, bad, &line, &col);
        return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, name, NULL, line, col,
                                "invalid UTF-8 at line %lu, column %lu", line, col);
    }
    if (nul) {
        locate(s, (size_t)(nul - s), &line, &col);
        return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, name, NULL, line, col,
                                "NUL byte at line %lu, column %lu: binary data, not text", line,
                                col);
    }
    return 0;
}

static int is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* The line without its leading and trailing blanks, if it is a table row. */
static int table_row(const char *s, size_t n, size_t *first, size_t *last)
{
    size_t a = 0, b = n;
    while (a < b && is_blank_char(s[a]))
        a++;
    while (b > a && is_blank_char(s[b - 1]))
        b--;
    if (b - a < 2 || s[a] != '|' || s[b - 1] != '|')
        return 0;
    *first = a;
    *last = b - 1;
    return 1;
}

/* "---", ":--", "--:", ":-:" and blanks only: a Markdown header separator cell. */
static int separator_cell(const char *s, size_t n)
{
    size_t dashes = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-')
            dashes++;
        else if (s[i] != ':' && !is_blank_char(s[i]))
            return 0;
    }
    return dashes > 0;
}

static int separator_row(const char *s, size_t first, size_t last)
{
    size_t start = first + 1;
    for (size_t i = first + 1; i <= last; i++) {
        if (s[i] != '|')
            continue;
        if (!separator_cell(s + start, i - start))
            return 0;
        start = i + 1;
    }
    return 1;
}

static int add_block(parity_doc *doc, const char *text, size_t len, unsigned long line,
                     unsigned long column, int table, int row, int col)
{
    parity_block_in in;
    memset(&in, 0, sizeof(in));
    in.kind = table >= 0 ? PARITY_BLOCK_TABLE_CELL : PARITY_BLOCK_PARAGRAPH;
    in.text = text;
    in.len = len;
    in.line = line;
    in.column = column;
    in.table = table;
    in.row = row;
    in.col = col;
    return parity_doc_add_block(doc, &in);
}

/* The cells of the row s[first..last] (both '|'); empty cells give no block but keep their column. */
static int add_cells(parity_doc *doc, const char *s, size_t first, size_t last,
                     unsigned long line, int table, int row)
{
    size_t start = first + 1;
    int col = 0;
    for (size_t i = first + 1; i <= last; i++) {
        if (s[i] != '|')
            continue;
        size_t a = start, b = i;
        while (a < b && is_blank_char(s[a]))
            a++;
        while (b > a && is_blank_char(s[b - 1]))
            b--;
        if (b > a) {
            unsigned long column = 1 + (unsigned long)parity_utf8_count(s, a);
            int rc = add_block(doc, s + a, b - a, line, column, table, row, col);
            if (rc)
                return rc;
        }
        col++;
        start = i + 1;
    }
    return 0;
}

/*
 * Suppression comments: a line "# parity-ignore ...", "// parity-ignore ..."
 * or "<!-- parity-ignore ... -->" is not text of the draft. It becomes a
 * comment on the document (findings/suppress.c reads it) covering the
 * blocks of the next line that has any; one with no such line is dropped.
 */
#define DIRECTIVE "parity-ignore"

static size_t directive_start(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_blank_char(s[i]))
        i++;
    if (i < n && s[i] == '#')
        i++;
    else if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/')
        i += 2;
    else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
        i += 4;
    else
        return n;
    while (i < n && is_blank_char(s[i]))
        i++;
    size_t k = strlen(DIRECTIVE);
    if (n - i < k || memcmp(s + i, DIRECTIVE, k) != 0)
        return n;
    if (i + k < n && s[i + k] != ' ' && s[i + k] != '\t' && s[i + k] != ':')
        return n; /* "parity-ignored" and the like are text */
    return i;
}

static int directive_at(const char *s, size_t n)
{
    return directive_start(s, n) < n;
}

static int add_directive(parity_doc *doc, const char *s, size_t n)
{
    size_t a = directive_start(s, n), b = n;
    while (b > a && is_blank_char(s[b - 1]))
        b--;
    if (b - a >= 3 && memcmp(s + b - 3, "-->", 3) == 0)
        b -= 3;
    char *text = parity_strndup(s + a, b - a);
    if (!text)
        return PARITY_ENOMEM;
    int rc = parity_doc_add_comment(doc, text, NULL, doc->nblocks, doc->nblocks);
    free(text);
    return rc;
}

/* The directives waiting for a line now cover the blocks that line gave (blocks >= before). */
static void cover_directives(parity_doc *doc, size_t before)
{
    if (doc->nblocks == before)
        return;
    for (size_t k = doc->ncomments; k > 0 && doc->comments[k - 1].first_block == before; k--)
        doc->comments[k - 1].last_block = doc->nblocks - 1;
}

static void drop_dangling_directives(parity_doc *doc)
{
    while (doc->ncomments && doc->comments[doc->ncomments - 1].first_block >= doc->nblocks) {
        parity_comment *c = &doc->comments[--doc->ncomments];
        free(c->text);
        free(c->author);
    }
}

/* Index of the first c in s[from, len), or len. */
static size_t find_byte(const char *s, size_t len, size_t from, char c)
{
    const char *p = memchr(s + from, c, len - from);
    return p ? (size_t)(p - s) : len;
}

/* How many times c occurs in s[0, len). */
static size_t count_byte(const char *s, size_t len, char c)
{
    size_t n = 0, i = 0;
#if defined(__SSE2__)
    /* Byte counters (a match subtracts -1), summed before any can pass 255. */
    const __m128i cv = _mm_set1_epi8(c), zero = _mm_setzero_si128();
    while (len - i >= 16) {
        __m128i acc = zero;
        for (int k = 0; k < 255 && len - i >= 16; k++, i += 16)
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(
                                        _mm_loadu_si128((const __m128i *)(const void *)(s + i)), cv));
        __m128i sum = _mm_sad_epu8(acc, zero);
        n += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
    }
#endif
    for (; i < len; i++)
        n += s[i] == c;
    return n;
}

static int add_lines(parity_doc *doc, const char *s, size_t len)
{
    /*
     * A block a line at most (but for table rows): the array sized once, not
     * doubled a few times. Blank lines give none, so the guess stops at a
     * block per 32 bytes and at 4096 blocks; past that the array doubles.
     */
    size_t guess = count_byte(s, len, '\n') + 1;
    if (guess > len / 32 + 8)
        guess = len / 32 + 8;
    int rc = parity_doc_reserve_blocks(doc, guess < 4096 ? guess : 4096);
    if (rc)
        return rc;
    unsigned long line = 1;
    size_t start = 0;
    int tables = 0, table = -1, row = 0;
    /* The next '\n' and '\r' at or after start, each searched again only once passed. */
    size_t nl = find_byte(s, len, 0, '\n'), cr = find_byte(s, len, 0, '\r');
    for (;;) {
        if (nl < start)
            nl = find_byte(s, len, start, '\n');
        if (cr < start)
            cr = find_byte(s, len, start, '\r');
        size_t i = nl < cr ? nl : cr;
        const char *l = s + start;
        size_t n = i - start, first, last;
        rc = 0;
        size_t before = doc->nblocks;
        if (directive_at(l, n))
            rc = add_directive(doc, l, n);
        else if (table_row(l, n, &first, &last)) {
            if (table < 0) {
                table = tables++;
                row = 0;
            }
            if (!separator_row(l, first, last))
                rc = add_cells(doc, l, first, last, line, table, row++);
        } else {
            table = -1;
            if (!is_blank(l, n))
                rc = add_block(doc, l, n, line, 1, -1, -1, -1);
        }
        if (rc)
            return rc;
        cover_directives(doc, before);
        if (i >= len)
            break;
        if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n')
            i++;
        line++;
        start = i + 1;
    }
    drop_dangling_directives(doc);
    return 0;
}

/* `checked`: the sniff found every byte valid, so they are not checked again. */
static int read_text(parity_doc *doc, const unsigned char *data, size_t len, int checked,
                     parity_error *err)
{
    parity_str conv = PARITY_STR_INIT;
    const char *s = (const char *)data;
    int rc;

    if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
        if ((rc = from_utf16(&conv, data + 2, len - 2, data[0] == 0xFE, doc->name, err)))
            goto cleanup;
        s = parity_str_cstr(&conv);
        len = conv.len;
    } else if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
        s += 3;
        len -= 3;
    }
    if (!checked && (rc = check_text(s, len, doc->name, err)))
        goto cleanup;
    if ((rc = add_lines(doc, s, len)))
        parity_error_set(err, rc, PARITY_STAGE_READER, doc->name, NULL, 0, 0, "out of memory");

cleanup:
    parity_str_release(&conv);
    return rc;
}

static int txt_read(parity_doc *doc, const unsigned char *data, size_t len,
                    const parity_check_options *opts, parity_error *err)
{
    (void)opts;
    return read_text(doc, data, len, 0, err);
}

int parity_reader__text_read_checked(parity_doc *doc, const unsigned char *data, size_t len,
                                     const parity_check_options *opts, parity_error *err)
{
    (void)opts;
    return read_text(doc, data, len, 1, err);
}

int parity_reader__text_sniff(const unsigned char *data, size_t len, int *whole)
{
    size_t n = len < SNIFF_WINDOW ? len : SNIFF_WINDOW;
    size_t bad;
    *whole = 0;
    if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
        return 100;
    if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
        return 100;
    if (!n || memchr(data, '\0', n))
        return 0;
    bad = parity_utf8_validate((const char *)data, n);
    /* The window may end inside a character. */
    if (bad < n && !(n < len && n - bad < 4))
        return 0;
    *whole = n == len; /* then bad == n: all of it is valid */
    return 60;
}

static int txt_sniff(const unsigned char *data, size_t len)
{
    int whole;
    return parity_reader__text_sniff(data, len, &whole);
}

const parity_reader parity_reader_text = {"text", PARITY_FORMAT_TEXT, txt_sniff, txt_read};
