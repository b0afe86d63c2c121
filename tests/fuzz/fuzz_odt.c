/*
 * fuzz_odt.c: the ODT (OpenDocument text in zip) reader, then normalize and structure, with
 * tracked changes accepted and as originally written.
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read_as(PARITY_FORMAT_ODT, "draft.odt", data, size);
    return 0;
}
