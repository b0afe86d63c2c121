/*
 * check_int.h: the part of checking that turns bytes into a structured
 * document, shared by parity_check_* (check.c) and parity_document_*
 * (document/extract.c), so what `parity extract` shows is what rules see.
 */
#ifndef PARITY_CHECK_INT_H
#define PARITY_CHECK_INT_H

#include <stddef.h>

#include "document/document.h"
#include "parity/check.h"

/**
 * reader → normalize → structure on data[0, len) called `name`. Validates
 * `options` (NULL = defaults) and the size limit; *effective gets the
 * options with defaults filled in. On success `doc` is initialised and
 * owned by the caller (parity_doc_release); on failure it holds nothing,
 * the code is returned and `err` names the file. Thread-safe.
 */
int parity_check__prepare(parity_doc *doc, const char *name, const void *data, size_t len,
                          const parity_check_options *options, parity_check_options *effective,
                          parity_error *err);

/**
 * Read the whole regular file at `path`, refusing anything over the
 * options' max_input_bytes before reading. *out is malloc'd (caller frees).
 */
int parity_check__read_file(unsigned char **out, size_t *len, const char *path,
                            const parity_check_options *options, parity_error *err);

#endif
