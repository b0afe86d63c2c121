/*
 * reader.c: the table of readers, and choosing one for an input.
 *
 * Inputs we recognise but cannot read (legacy Word, encrypted Office files,
 * PDF, RTF) are refused first with a reason a user can act on, whatever
 * format was asked for: read as text they would only give garbage.
 */
#include "reader/reader.h"

#include <string.h>

#include "reader/txt_int.h"
#include "util/error.h"

static const parity_reader *const readers[] = {&parity_reader_docx, &parity_reader_odt,
                                               &parity_reader_akn, &parity_reader_text};

static const struct {
    const parity_reader *reader;
    const char *ext;
} extensions[] = {
    {&parity_reader_docx, ".docx"}, {&parity_reader_docx, ".docm"},
    {&parity_reader_docx, ".dotx"}, {&parity_reader_docx, ".dotm"},
    {&parity_reader_text, ".txt"},  {&parity_reader_text, ".text"},
    {&parity_reader_text, ".md"},
    {&parity_reader_odt, ".odt"},   {&parity_reader_odt, ".ott"},
    {&parity_reader_akn, ".akn"},   {&parity_reader_akn, ".xml"},
};

static int has_prefix(const unsigned char *data, size_t len, const char *magic, size_t n)
{
    return len >= n && !memcmp(data, magic, n);
}

/* An OLE2 compound file holding an encrypted OOXML package names these
 * streams (UTF-16LE) in its directory. */
static int is_encrypted_ooxml(const unsigned char *data, size_t len)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    const size_t n = sizeof(name) - 1;
    for (size_t i = 0; i + n <= len; i++)
        if (data[i] == 'E' && !memcmp(data + i, name, n))
            return 1;
    return 0;
}

static int refuse_known(const unsigned char *data, size_t len, const char *name, parity_error *err)
{
    const char *why = NULL;
    if (has_prefix(data, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        why = is_encrypted_ooxml(data, len)
                  ? "password-protected Office document: remove the password and save it again"
                  : "legacy Word 97-2003 .doc file: save it as .docx";
    else if (has_prefix(data, len, "%PDF-", 5))
        why = "PDF file: not supported, convert it to .docx or plain text";
    else if (has_prefix(data, len, "{\\rtf", 5))
        why = "RTF file: not supported, save it as .docx";
    if (!why)
        return 0;
    return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0, "%s",
                            why);
}

static const char *extension(const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    const char *slash = name ? strrchr(name, '/') : NULL;
    return dot && (!slash || dot > slash) ? dot : "";
}

static int matches_extension(const parity_reader *r, const char *name)
{
    const char *ext = extension(name);
    for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
        const char *e = extensions[i].ext;
        size_t n = strlen(e);
        if (extensions[i].reader == r && strlen(ext) == n) {
            size_t k = 0;
            while (k < n && (ext[k] | 0x20) == e[k])
                k++;
            if (k == n)
                return 1;
        }
    }
    return 0;
}

/*
 * A zip archive is never text, even when damaged past the point where the
 * zip readers recognise it: the reader its name suggests (DOCX by default)
 * then reports what is wrong with it.
 */
static const parity_reader *damaged_zip_reader(const char *name)
{
    for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
        if (readers[i]->format != PARITY_FORMAT_TEXT && matches_extension(readers[i], name))
            return readers[i];
    return &parity_reader_docx;
}

/*
 * *text_checked: the text reader was chosen by a sniff that checked every
 * byte (its read need not check them again).
 */
static const parity_reader *choose(const unsigned char *data, size_t len, const char *name,
                                   int *text_checked)
{
    const parity_reader *best = NULL;
    int best_score = 0, text_whole = 0;
    int zip = has_prefix(data, len, "PK\x03\x04", 4) || has_prefix(data, len, "PK\x05\x06", 4);
    for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
        if (zip && readers[i]->format == PARITY_FORMAT_TEXT)
            continue;
        int score = readers[i] == &parity_reader_text
                        ? parity_reader__text_sniff(data, len, &text_whole)
                        : readers[i]->sniff(data, len);
        if (score <= 0)
            continue;
        if (score > best_score ||
            (score == best_score && matches_extension(readers[i], name) &&
             !matches_extension(best, name))) {
            best = readers[i];
            best_score = score;
        }
    }
    *text_checked = best == &parity_reader_text && text_whole;
    return best || !zip ? best : damaged_zip_reader(name);
}

static const parity_reader *by_format(parity_format format)
{
    for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
        if (readers[i]->format == format)
            return readers[i];
    return NULL;
}

int parity_reader_read(parity_doc *doc, const unsigned char *data, size_t len,
                       const parity_check_options *opts, parity_error *err)
{
    const parity_reader *r;
    parity_format format = opts ? opts->format : PARITY_FORMAT_AUTO;
    int rc, text_checked = 0;

    if (!len)
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, doc->name, NULL, 0,
                                0, "empty input");
    if ((rc = refuse_known(data, len, doc->name, err)))
        return rc;
    if (format != PARITY_FORMAT_AUTO) {
        if (!(r = by_format(format)))
            return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_READER, doc->name, NULL, 0, 0,
                                    "no reader for format %d", (int)format);
    } else if (!(r = choose(data, len, doc->name, &text_checked))) {
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, doc->name, NULL, 0,
                                0, "binary data, not a DOCX or UTF-8/UTF-16 text file");
    }
    doc->format = r->format;
    if (text_checked)
        return parity_reader__text_read_checked(doc, data, len, opts, err);
    return r->read(doc, data, len, opts, err);
}
