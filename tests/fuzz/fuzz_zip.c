/*
 * fuzz_zip.c: the zip layer (reader/zip.c) on any bytes: open the archive,
 * then stream the entries the container readers ask for, under a small
 * inflate limit so a bomb is refused, not inflated.
 */
#include <string.h>

#include "fuzz.h"
#include "reader/zip.h"

static const char *const entries[] = {
    "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
    "word/numbering.xml", "word/footnotes.xml", "word/comments.xml", "mimetype",
    "content.xml", "styles.xml", "META-INF/manifest.xml",
};

typedef struct sink {
    size_t bytes;
    unsigned char x;
} sink;

static int take(void *payload, const unsigned char *data, size_t len)
{
    sink *s = payload;
    s->bytes += len;
    if (len)
        s->x ^= data[0] ^ data[len - 1]; /* read the chunk's ends */
    return s->bytes > ((size_t)8 << 20);  /* the callback may stop a stream too */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parity_zip *z = NULL;
    parity_error err;
    if (size > FUZZ_MAX_INPUT)
        return 0;
    memset(&err, 0, sizeof(err));
    if (parity_zip_open(&z, data, size, "fuzz.zip", &err)) {
        FUZZ_ASSERT(z == NULL && err.code < 0 && err.message[0]);
        return 0;
    }
    for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
        sink s = {0, 0};
        int rc;
        if (!parity_zip_has(z, entries[i]))
            continue;
        rc = parity_zip_stream(z, entries[i], (size_t)16 << 20, take, &s, &err);
        FUZZ_ASSERT(rc <= 1);
        FUZZ_ASSERT(s.bytes <= ((size_t)16 << 20));
    }
    parity_zip_close(z);
    return 0;
}
