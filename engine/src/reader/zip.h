/*
 * zip.h: reading entries of a zip archive held in memory (libzip), for the
 * container formats (DOCX, ODT).
 *
 * An entry is streamed in chunks through a callback so a part is parsed while
 * it inflates and is never held whole. The archive is judged before anything
 * is inflated and while it inflates, never by trusting its headers alone
 * (parity/limits.h):
 * - at open: the entry count (read from the end-of-central-directory record
 *   before libzip allocates anything per entry, limit zip-entries); entries
 *   must not overlap (their compressed sizes cannot add up to more than the
 *   archive); no encrypted entry, no compression but stored and deflate, no
 *   two names equal ignoring case, no absolute name or ".." segment;
 * - while inflating: bytes produced are counted against the part's limit
 *   (part-size), the document's (document-size, summed over every part
 *   read), the entry's declared size (a lying header is caught as soon as
 *   it lies) and the expansion ratio over the compressed size (zip-ratio,
 *   after a 1 MiB grace); and the time budget (time-budget) is checked
 *   every chunk.
 * Each refusal is an error naming the file, the part and the limit.
 *
 * Thread-safety: a parity_zip belongs to one thread; different archives may
 * be read at the same time in different threads.
 */
#ifndef PARITY_READER_ZIP_H
#define PARITY_READER_ZIP_H

#include <stddef.h>

#include "parity/common.h"
#include "parity/limits.h"

/** The default cap on the inflated size of one entry (part-size). */
#define PARITY_ZIP_DEFAULT_LIMIT PARITY_LIMIT_DEFAULT_PART_BYTES

typedef struct parity_zip parity_zip;

/**
 * Open the archive in data[0..len) under `limits` (NULL = defaults; copied,
 * and the time budget starts now). The caller keeps `data` alive and
 * unchanged until parity_zip_close(); `name` (the input's name, used in
 * errors) is borrowed for as long too. A corrupt or truncated archive gives
 * PARITY_EFORMAT with libzip's reason ("not a valid zip archive: ..."); too
 * many entries PARITY_ELIMIT; an encrypted entry or another compression
 * method PARITY_EUNSUPPORTED; overlapping, duplicate or unsafe names
 * PARITY_EFORMAT. On failure *out is NULL.
 */
int parity_zip_open_limited(parity_zip **out, const unsigned char *data, size_t len,
                            const char *name, const parity_limits *limits, parity_error *err);

/** parity_zip_open_limited() with the default limits. */
int parity_zip_open(parity_zip **out, const unsigned char *data, size_t len, const char *name,
                    parity_error *err);

/** Close the archive. NULL-safe. */
void parity_zip_close(parity_zip *z);

/** The limits the archive was opened with (resolved: no field is 0). */
const parity_limits *parity_zip_limits(const parity_zip *z);

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
 * (0 = the part-size limit; a smaller one of the two applies): PARITY_ELIMIT
 * past it, past the document's total, the declared size or the ratio, or
 * when the time budget is spent. A missing entry is PARITY_EFORMAT, an
 * encrypted one PARITY_EUNSUPPORTED, a damaged one (bad CRC, bad deflate
 * data) PARITY_EFORMAT; each with the entry as `part`.
 */
int parity_zip_stream(parity_zip *z, const char *entry, size_t limit, parity_zip_chunk_fn fn,
                      void *payload, parity_error *err);

/**
 * Whether the time budget the archive was opened with is spent. The XML
 * layer asks between chunks.
 */
int parity_zip_out_of_time(const parity_zip *z);

/**
 * A slot for the XML layer to keep one object (its parser context) from one
 * entry of the archive to the next: NULL at first. parity_zip_keep() stores
 * `obj` (replacing and releasing what was there) with the function that
 * releases it; parity_zip_close() releases what is kept. parity_zip_take()
 * hands the object back and empties the slot: the caller owns it again.
 */
void parity_zip_keep(parity_zip *z, void *obj, void (*release)(void *));
void *parity_zip_take(parity_zip *z);

#endif
