/* fuzz_reader.h: one format read through reader → normalize → structure. */
#ifndef PARITY_FUZZ_READER_H
#define PARITY_FUZZ_READER_H

#include <string.h>

#include "check_int.h"
#include "fuzz.h"

/* Read `data` as `format`; the document, when read, must be consistent. */
static inline void fuzz_read_as(parity_format format, const char *name, const uint8_t *data,
                                size_t size)
{
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT, eff;
    parity_doc doc;
    parity_error err;
    if (size > FUZZ_MAX_INPUT)
        return;
    memset(&err, 0, sizeof(err));
    for (int rev = 0; rev < 2; rev++) {
        opts.format = format;
        opts.revisions = rev ? PARITY_REVISIONS_ORIGINAL : PARITY_REVISIONS_ACCEPTED;
        if (parity_check__prepare(&doc, name, data, size, &opts, &eff, &err)) {
            FUZZ_ASSERT(err.code < 0 && err.message[0]);
            return; /* the second pass would fail alike */
        }
        FUZZ_ASSERT(doc.nunits >= 1 && doc.text && doc.text[doc.text_len] == '\0');
        for (size_t i = 0; i < doc.nunits; i++)
            FUZZ_ASSERT(doc.units[i].start <= doc.units[i].end && doc.units[i].end <= doc.text_len &&
                        doc.units[i].parent < (long)i);
        for (size_t i = 0; i < doc.nsentences; i++)
            FUZZ_ASSERT(doc.sentences[i].start <= doc.sentences[i].end &&
                        doc.sentences[i].end <= doc.text_len);
        parity_doc_release(&doc);
    }
}

#endif
