/* STUB: replaced by the reader work (helper A). */
#include "reader/reader.h"
#include "util/error.h"

int parity_reader_read(parity_doc *doc, const unsigned char *data, size_t len,
                       const parity_check_options *opts, parity_error *err)
{
    (void)data; (void)len; (void)opts;
    return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, doc->name, NULL, 0, 0,
                            "no reader yet");
}
