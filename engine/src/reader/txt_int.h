/*
 * txt_int.h: the handoff between the choice of a reader (reader.c) and the
 * text reader (txt.c). The text reader's sniff validates the input's first
 * 64 KiB, which for most drafts is all of it; reader.c passes that verdict on
 * so that the read does not validate the same bytes again.
 *
 * Thread-safety: both functions are reentrant (no shared state).
 */
#ifndef PARITY_READER_TXT_INT_H
#define PARITY_READER_TXT_INT_H

#include <stddef.h>

#include "document/document.h"
#include "parity/check.h"

/**
 * The text reader's sniff score (as parity_reader_text.sniff gives it). Sets
 * *whole to 1 when the score came from checking every byte of `data` (no
 * BOM, no NUL byte, valid UTF-8), else 0.
 */
int parity_reader__text_sniff(const unsigned char *data, size_t len, int *whole);

/**
 * parity_reader_text.read for input parity_reader__text_sniff() found whole:
 * the same blocks, without checking the bytes again. Only for such input.
 */
int parity_reader__text_read_checked(parity_doc *doc, const unsigned char *data, size_t len,
                                     const parity_check_options *opts, parity_error *err);

#endif
