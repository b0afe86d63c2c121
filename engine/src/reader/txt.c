/*
 * txt.c: the plain-text reader. UTF-8 (a BOM is dropped) or UTF-16 with a
 * BOM (converted to UTF-8). One block per non-blank line, anchored at its
 * line, column 1. Lines end with "\n", "\r\n" or a lone "\r".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reader/reader.h"
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

static int add_lines(parity_doc *doc, const char *s, size_t len)
{
    unsigned long line = 1;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '\n' && s[i] != '\r')
            continue;
        if (!is_blank(s + start, i - start)) {
            parity_block_in in;
            memset(&in, 0, sizeof(in));
            in.kind = PARITY_BLOCK_PARAGRAPH;
            in.text = s + start;
            in.len = i - start;
            in.line = line;
            in.column = 1;
            in.table = in.row = in.col = -1;
            int rc = parity_doc_add_block(doc, &in);
            if (rc)
                return rc;
        }
        if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n')
            i++;
        line++;
        start = i + 1;
    }
    return 0;
}

static int txt_read(parity_doc *doc, const unsigned char *data, size_t len,
                    const parity_check_options *opts, parity_error *err)
{
    parity_str conv = PARITY_STR_INIT;
    const char *s = (const char *)data;
    int rc;
    (void)opts;

    if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
        if ((rc = from_utf16(&conv, data + 2, len - 2, data[0] == 0xFE, doc->name, err)))
            goto cleanup;
        s = parity_str_cstr(&conv);
        len = conv.len;
    } else if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
        s += 3;
        len -= 3;
    }
    if ((rc = check_text(s, len, doc->name, err)))
        goto cleanup;
    if ((rc = add_lines(doc, s, len)))
        parity_error_set(err, rc, PARITY_STAGE_READER, doc->name, NULL, 0, 0, "out of memory");

cleanup:
    parity_str_release(&conv);
    return rc;
}

static int txt_sniff(const unsigned char *data, size_t len)
{
    size_t n = len < SNIFF_WINDOW ? len : SNIFF_WINDOW;
    size_t bad;
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
    return 60;
}

const parity_reader parity_reader_text = {"text", PARITY_FORMAT_TEXT, txt_sniff, txt_read};
