/*
 * fuzz_normalize.c: the normalizer on any bytes, then the text reader and
 * structure (sentences, numbering, citations) on them.
 *
 * Invariants of normalize.h: the map has out_len + 1 entries, never
 * decreasing, each within the input; the text is NUL-terminated valid UTF-8
 * with no leading or trailing space; normalizing it again changes nothing,
 * unless it holds a Latin-1 letter (U+0080-U+00FF): words of those may be
 * TCVN3 text (legacy.h) that the first pass left alone because it saw them
 * decomposed ("n" + U+0303 is no legacy byte, its NFC "ñ" is TCVN3 "ủ").
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_reader.h"
#include "normalize/normalize.h"
#include "util/utf8.h"

static void check_string(const uint8_t *data, size_t size)
{
    char *out = NULL, *again = NULL;
    uint32_t *map = NULL;
    size_t len = 0, len2 = 0, bad = 0;
    if (parity_normalize_string(&out, &len, &map, (const char *)data, size, &bad)) {
        FUZZ_ASSERT(!out && !map && bad < size);
        return;
    }
    FUZZ_ASSERT(out && map && out[len] == '\0' && strlen(out) == len);
    for (size_t i = 0; i <= len; i++)
        FUZZ_ASSERT(map[i] <= size && (i == 0 || map[i] >= map[i - 1]));
    FUZZ_ASSERT(len == 0 || (out[0] != ' ' && out[len - 1] != ' '));
    if (!memchr(out, 0xC2, len) && !memchr(out, 0xC3, len)) {
        FUZZ_ASSERT(!parity_normalize_string(&again, &len2, NULL, out, len, NULL));
        FUZZ_ASSERT(len2 == len && !memcmp(again, out, len));
        free(again);
    }
    free(out);
    free(map);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0;
    check_string(data, size);
    fuzz_read_as(PARITY_FORMAT_TEXT, "draft.txt", data, size);
    return 0;
}
