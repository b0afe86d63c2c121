/*
 * automaton_int.h: the automaton's insides, shared by automaton.c (the
 * trie, the table, the plain scans) and automaton_fast.c (the scan of
 * several parts of a text at once). Not an interface: nothing outside
 * these two files includes it.
 */
#ifndef PARITY_MATCH_AUTOMATON_INT_H
#define PARITY_MATCH_AUTOMATON_INT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "match/automaton.h"

/* Characters below this (Latin, Vietnamese) are numbered through a table while building. */
#define LOW_CHARS 0x2000

/* What a character of the text is to the automaton. */
typedef struct charinfo {
    uint16_t sym;  /* 0: in no literal */
    uint8_t space; /* folds to white space (runs count once) */
    uint8_t grow;  /* its fold is longer in UTF-8 than it is */
} charinfo;

/*
 * The characters of "plain" text (automaton_fast.c) read without a branch:
 * the four bytes at a character, big-endian, shifted right by shift[lead]
 * and masked to 18 bits leave a key (ASCII: the byte; two bytes: both;
 * three: the lead's low two bits and the other two bytes), and key[k] is
 * the offset in the table's cells of the column of its move (one load
 * fewer than a pointer to it): that of its symbol when it is plain (ASCII,
 * two bytes led by C2..DF, E1 B8..BB xx, E2 80 xx, and its fold no
 * longer), else 0, the column leading every state to the dead state. The
 * keys of the forms never collide, and every other byte, continuation or
 * lead, reads as one byte into a key whose offset is 0.
 */
#define FAST_KEYS (1u << 18)
typedef struct ac_fast {
    uint8_t len[256];
    uint8_t shift[256];
    uint32_t key[]; /* FAST_KEYS */
} ac_fast;

/* A state's list of literals is copied this many at a time (automaton_fast.c). */
#define OUT_PAD 4

/*
 * The transition table, by column: col[y][s] is the move from state s on
 * symbol y. The scan is bound by the chain from one state to the next, and
 * this way that chain is a single load (the column is found from the
 * character, off the chain; by row it was a shift, an add and the load).
 * The states are renumbered breadth first, so that the few hundred near the
 * root where text spends nearly all its steps sit at the top of each column,
 * a few cache lines each; those ending some literal come last (and again
 * breadth first), so the test for an occurrence is a compare off the chain.
 */
typedef struct ac_table {
    uint32_t rows;     /* states, with the twins of fold_space_runs */
    uint32_t out_from; /* the first state that ends a literal */
    uint32_t *orig;    /* the trie state of each state of the table */
    uint16_t *cells;   /* column y at cells + (y + 1) * (rows + 1) */
    /* The dead state (row `rows`, after out_from, held by every move from it); the
       column leading every state to it is the first (cells[0..rows]). */
    uint32_t dead;
    /* What the states from out_from on report: out_lits[outs[s - out_from]..outs[s - out_from + 1]). */
    uint32_t *outs, *out_lits; /* out_lits has OUT_PAD more entries (0) at its end */
    uint32_t max_out;          /* the longest list */
    ac_fast *fast; /* NULL: plain text reads as any other */
    const uint16_t *col[];
} ac_table;

struct parity_ac {
    uint32_t nlits;
    uint32_t nsyms;  /* symbol 0 and one per character of the literals */
    uint32_t maxlen; /* the most characters in a literal */
    int32_t *chars;  /* the characters of the literals, sorted: symbol k is chars[k - 1] */
    uint16_t *low;   /* the symbol of each character below LOW_CHARS (while building) */
    uint32_t *root;  /* the root's move on each symbol (0: stay) */
    uint32_t *first, *next; /* a state's first child; a child's next sibling (0: none) */
    uint16_t *sym;          /* the symbol leading to a state */
    uint32_t *fail;         /* failure link */
    uint32_t *order;        /* states, breadth first (the root excluded) */
    int32_t *term;          /* literal ending exactly at the state, or -1 */
    uint32_t *out;          /* nearest state down the failure chain with a literal, or 0 */
    size_t nstates;
    _Atomic(struct ac_table *) table; /* published once (NULL: not yet) */
    _Atomic uint64_t scanned;         /* bytes scanned without the table */
    /* The characters Vietnamese text is made of, looked up once: ASCII, Latin-1 to
       Latin Extended-B, Latin Extended Additional. */
    charinfo cinfo[0x900]; /* below U+0800 by code point, then U+1E00..U+1EFF */
};

/* automaton.c */

/* What code point `cp` is to the automaton. */
charinfo parity_ac__char(const parity_ac *ac, int32_t cp);

/* The character at text[*i] (*i < len), its length added to *i. */
charinfo parity_ac__next(const parity_ac *ac, const unsigned char *text, size_t len, size_t *i);

/* Append every literal ending at table state `s` (>= out_from, the dead state ends none) to `h`. 0 or PARITY_ENOMEM. */
int parity_ac__report(const ac_table *t, parity_ac_hits *h, uint32_t s, size_t end);

/*
 * Run the table over text[from..to) (whole characters) from state `s` and
 * return the state reached; occurrences go to `h` (NULL: none are
 * reported). *rc: 0 or PARITY_ENOMEM.
 */
uint32_t parity_ac__run(const parity_ac *ac, const ac_table *t, const unsigned char *text,
                        size_t from, size_t to, uint32_t s, parity_ac_hits *h, int *rc);

/* automaton_fast.c */

/* The tables of ac_fast for table `t` (NULL: out of memory). */
ac_fast *parity_ac__fast_build(const parity_ac *ac, const ac_table *t);
void parity_ac__fast_free(ac_fast *f);

/*
 * parity_ac_scan on the table, over several parts of the text at once.
 * Returns 0 or PARITY_ENOMEM as parity_ac_scan does, or 1 (and `h` as it
 * was) when the text is short or not plain.
 */
int parity_ac__scan_parts(const parity_ac *ac, const ac_table *t, const unsigned char *text,
                          size_t len, parity_ac_hits *h);

#endif
