/*
 * zip.h: reading entries of a zip archive held in memory (libzip), for the
 * container formats (DOCX now, ODT later).
 *
 * An entry is streamed in chunks through a callback so a part is parsed while
 * it inflates and is never held whole. Inflated bytes are counted and
 * reading stops at a limit, which defuses zip bombs.
 *
 * Thread-safety: a parity_zip belongs to one thread; different archives may
 * be read at the same time in different threads.
 */
#ifndef PARITY_READER_ZIP_H
#define PARITY_READER_ZIP_H

#include <stddef.h>

#include "parity/common.h"

/** Default cap on the inflated size of one entry: 512 MiB. */
#define PARITY_ZIP_DEFAULT_LIMIT ((size_t)512 << 20)

typedef struct parity_zip parity_zip;

/**
 * Open the archive in data[0..len). The caller keeps `data` alive and
 * unchanged until parity_zip_close(); `name` (the input's name, used in
 * errors) is borrowed for as long too. A corrupt or truncated archive gives PARITY_EFORMAT with libzip's
 * reason ("not a valid zip archive: ..."). On failure *out is NULL.
 */
int parity_zip_open(parity_zip **out, const unsigned char *data, size_t len, const char *name,
                    parity_error *err);

/** Close the archive. NULL-safe. */
void parity_zip_close(parity_zip *z);

/** Whether an entry named `entry` exists (names compared without case, as OPC requires). */
int parity_zip_has(const parity_zip *z, const char *entry);

/**
 * Receives the next chunk of an entry's inflated bytes (borrowed, valid
 * during the call). Return 0 to go on; any other value stops the stream and
 * is returned by parity_zip_stream() (the callback fills `err` itself).
 */
typedef int (*parity_zip_chunk_fn)(void *payload, const unsigned char *data, size_t len);

/**
 * Stream the entry `entry` through `fn`, at most `limit` inflated bytes
 * (0 = PARITY_ZIP_DEFAULT_LIMIT): PARITY_ELIMIT past it. A missing entry is
 * PARITY_EFORMAT, an encrypted one PARITY_EUNSUPPORTED, a damaged one
 * (bad CRC, bad deflate data) PARITY_EFORMAT; each with the entry as `part`.
 */
int parity_zip_stream(parity_zip *z, const char *entry, size_t limit, parity_zip_chunk_fn fn,
                      void *payload, parity_error *err);

#endif
