/*
 * akn_int.h: what akn.c (the SAX reader) shares with akn_text.c. Pure
 * functions, safe from any thread.
 */
#ifndef PARITY_READER_AKN_INT_H
#define PARITY_READER_AKN_INT_H

#include <stddef.h>

#define NS_AKN3 "http://docs.oasis-open.org/legaldocml/ns/akn/3.0" /* and its CSD drafts */
#define NS_AKN2 "http://www.akomantoso.org/2.0"

/**
 * The number of a unit from the text of its <num>, as citations use it:
 * "Article 5" -> "5", "(2)" -> "2", "(a)" -> "a", "Điều 5." -> "5",
 * "Chương II" -> "II", "5 bis" -> "5bis": from the first word starting
 * with a digit to the end, else the last word; brackets, spaces and
 * surrounding punctuation dropped. malloc'd; NULL when nothing is left or
 * out of memory.
 */
char *parity_akn_unit_number(const char *s, size_t n);

/**
 * 100 when `data` is XML whose root element (any prefix) is akomaNtoso and
 * an AKN 2.0 or 3.0 namespace shows in its first 64 KiB, else 0.
 */
int parity_akn_sniff(const unsigned char *data, size_t len);

#endif
