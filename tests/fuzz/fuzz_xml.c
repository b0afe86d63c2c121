/*
 * fuzz_xml.c: the fast XML scanner against libxml2 (xml_diff.h): any input on
 * which they disagree (events, or whether it is well-formed) is a finding,
 * read whole and in pieces of sizes drawn from the input.
 */
#include <stdio.h>

#include "fuzz.h"
#include "xml_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char why[512];
    unsigned seed = 2;
    if (size > FUZZ_MAX_INPUT)
        return 0;
    for (size_t i = 0; i < size && i < 16; i++)
        seed = seed * 31 + data[i];
    unsigned seeds[] = {0, seed | 2, 1};
    /* A byte at a time rereads a cut tag from its start: only for short inputs. */
    for (size_t i = 0; i < (size <= 8192 ? 3u : 2u); i++) {
        if (xml_diff(data, size, seeds[i], why, sizeof(why)) == XML_DIFF_DIFFERENT) {
            fprintf(stderr, "fuzz_xml (pieces %u): %s\n", seeds[i], why);
            FUZZ_ASSERT(!"the scanner and libxml2 disagree");
        }
    }
    return 0;
}
