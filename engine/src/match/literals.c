/*
 * literals.c: required literals of a pcre2 pattern, by a small recursive
 * descent over its syntax. Each node yields two facts:
 *   exact: the finite set of strings it can match (NULL: not finite/small);
 *   req:   sets of which every match contains a member of each (none: nothing known).
 * A sequence multiplies adjacent exact sets into longer literals and keeps
 * its most selective sets; an alternation unites its branches' best sets;
 * an optional part is dropped. Lookarounds and anchors match the empty
 * string. White space (\s, \s+, a literal space) is one space, as the
 * prefilter collapses runs of white space in the text.
 */
#include "match/literals.h"

#include <stdlib.h>
#include <string.h>

#include "match/litset.h"
#include "match/pattern.h"
#include "parity/common.h"
#include "util/str.h"
#include "util/utf8.h"

/* Alternatives of a character class worth enumerating ([Ưư], [Tt], [.,;:]). */
#define CLASS_MAX 16
/* Nesting beyond this is not worth analysing (the pattern then always runs). */
#define MAX_DEPTH 64
/* Groups shorter than this cost less to analyse than to look up in the memo. */
#define MEMO_MIN 128

typedef struct node {
    parity_literals *exact;
    parity_requirement req;
    /* Not exact: the strings every match of the node begins with (NULL: unknown). */
    parity_literals *lead;
    /* PARITY_BEFORE_* bits: what cannot stand just before the node's start (a lookbehind there). */
    unsigned char before;
} node;

typedef struct parser {
    const char *p;
    size_t len, i;
    int bail;  /* syntax the analysis does not follow: give up on the whole pattern */
    int nomem;
    int depth;
    parity_literals_memo *memo;
    uint32_t *close; /* with a memo: for each '(' of the pattern, its ')' (0: none) */
} parser;

typedef struct memo_entry {
    uint64_t hash;
    const char *text; /* the group, '(' to ')', in some analysed pattern */
    size_t len;
    node result;
    int bail;
} memo_entry;

struct parity_literals_memo {
    memo_entry *slots; /* open addressing; text NULL: empty */
    size_t cap, count;
};

static node node_of(parity_literals *exact)
{
    node n;
    memset(&n, 0, sizeof(n));
    n.exact = exact;
    return n;
}

static void node_free(node *n)
{
    parity_lset_free(n->exact);
    n->exact = NULL;
    parity_lset_free(n->lead);
    n->lead = NULL;
    parity_requirement_release(&n->req);
}

static node empty_node(parser *ps)
{
    return node_of(parity_lset_of(&ps->nomem, "", 0));
}

static node unknown_node(void)
{
    return node_of(NULL);
}

static node char_node(parser *ps, int32_t cp)
{
    char enc[4];
    int n = parity_utf8_encode(parity_fold_cp(cp), enc);
    if (n <= 0 || cp == 0)
        return unknown_node();
    return node_of(parity_lset_of(&ps->nomem, enc, (size_t)n));
}

/* A node that is one space (\s, a literal blank): repeated, still one space. */
static int is_space_node(const node *n)
{
    return n->exact && n->exact->count == 1 && strcmp(n->exact->items[0], " ") == 0;
}

static int peek(const parser *ps, size_t k)
{
    return ps->i + k < ps->len ? (unsigned char)ps->p[ps->i + k] : -1;
}

static node parse_alt(parser *ps);

/* Read hex digits at ps->i (up to `max`, or up to '}' when braced); -1 if none. */
static int32_t read_hex(parser *ps, int braced, int max)
{
    int32_t v = 0;
    int digits = 0;
    while (ps->i < ps->len && (braced || digits < max)) {
        char c = ps->p[ps->i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                             : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0 || v > 0x10FFFF)
            break;
        v = v * 16 + d;
        digits++;
        ps->i++;
    }
    if (braced) {
        if (peek(ps, 0) != '}')
            return -1;
        ps->i++;
    }
    return digits ? v : -1;
}

/* Skip a braced, angled or quoted argument ({..}, <..>, '..') at ps->i, if there is one. */
static void skip_argument(parser *ps)
{
    int open = peek(ps, 0);
    int close = open == '{' ? '}' : open == '<' ? '>' : open == '\'' ? '\'' : 0;
    if (!close)
        return;
    const char *end = memchr(ps->p + ps->i + 1, close, ps->len - ps->i - 1);
    ps->i = end ? (size_t)(end - ps->p) + 1 : ps->len;
}

enum { ESC_ANY = -1, ESC_EMPTY = -2, ESC_UNKNOWN = -3 };

/*
 * An escape at ps->i (just after the backslash): the character it stands
 * for (>= 0), ESC_ANY for one character we do not enumerate (\d, \s, \p{L}),
 * ESC_EMPTY for a zero-width assertion, ESC_UNKNOWN for a backreference or
 * anything else (then the match may be anything).
 */
static int32_t parse_escape(parser *ps)
{
    int c = peek(ps, 0);
    if (c < 0)
        return ESC_UNKNOWN;
    if (c >= 0x80) {
        int32_t cp;
        int n = parity_utf8_decode(ps->p + ps->i, ps->len - ps->i, &cp);
        ps->i += n > 0 ? (size_t)n : 1;
        return n > 0 ? cp : ESC_UNKNOWN;
    }
    ps->i++;
    switch (c) {
    case 'x':
        if (peek(ps, 0) == '{') {
            ps->i++;
            int32_t v = read_hex(ps, 1, 0);
            return v > 0 ? v : ESC_UNKNOWN;
        } else {
            int32_t v = read_hex(ps, 0, 2);
            return v > 0 ? v : ESC_UNKNOWN;
        }
    case 't': return '\t';
    case 'n': return '\n';
    case 'r': return '\r';
    case 'f': return '\f';
    case 'e': return 27;
    case 'a': return 7;
    case 's': case 'h': case 'v': case 'R': return ' '; /* the prefilter folds all white space to ' ' */
    case 'd': case 'D': case 'w': case 'W': case 'S': case 'H': case 'V': case 'X': case 'C':
        return ESC_ANY;
    case 'N':
        if (peek(ps, 0) == '{') {
            skip_argument(ps);
            return ESC_UNKNOWN;
        }
        return ESC_ANY;
    case 'p': case 'P':
        if (peek(ps, 0) == '{')
            skip_argument(ps);
        else if (ps->i < ps->len)
            ps->i++;
        return ESC_ANY;
    case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K': case 'E':
        return ESC_EMPTY;
    case 'g': case 'k': case 'o':
        if (peek(ps, 0) == '{' || peek(ps, 0) == '<' || peek(ps, 0) == '\'')
            skip_argument(ps);
        else
            while (ps->i < ps->len && ((ps->p[ps->i] >= '0' && ps->p[ps->i] <= '9') ||
                                       ps->p[ps->i] == '-' || ps->p[ps->i] == '+'))
                ps->i++;
        return ESC_UNKNOWN;
    case 'c':
        if (ps->i < ps->len)
            ps->i++;
        return ESC_UNKNOWN;
    default: break;
    }
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        while (ps->i < ps->len && ps->p[ps->i] >= '0' && ps->p[ps->i] <= '9')
            ps->i++;
        return ESC_UNKNOWN;
    }
    return c; /* an escaped punctuation character stands for itself */
}

/* A character class at ps->i (just after '['): the set of its characters, or unknown. */
static node parse_class(parser *ps)
{
    int negated = 0, ok = 1;
    int32_t cps[CLASS_MAX];
    size_t n = 0;
    if (peek(ps, 0) == '^') {
        negated = 1;
        ps->i++;
    }
    int first = 1;
    while (ps->i < ps->len) {
        int c = peek(ps, 0);
        if (c == ']' && !first) {
            ps->i++;
            break;
        }
        first = 0;
        int32_t lo;
        if (c == '[' && peek(ps, 1) == ':') {
            const char *end = NULL;
            for (size_t k = ps->i + 2; k + 1 < ps->len; k++)
                if (ps->p[k] == ':' && ps->p[k + 1] == ']') {
                    end = ps->p + k;
                    break;
                }
            ps->i = end ? (size_t)(end - ps->p) + 2 : ps->len;
            ok = 0;
            continue;
        }
        if (c == '\\') {
            ps->i++;
            if (peek(ps, 0) == 'b') { /* backspace inside a class */
                ps->i++;
                lo = 8;
            } else {
                lo = parse_escape(ps);
            }
        } else {
            int k = parity_utf8_decode(ps->p + ps->i, ps->len - ps->i, &lo);
            ps->i += k > 0 ? (size_t)k : 1;
            if (k <= 0)
                lo = ESC_UNKNOWN;
        }
        if (lo < 0) {
            ok = 0;
            continue;
        }
        int32_t hi = lo;
        if (peek(ps, 0) == '-' && peek(ps, 1) != ']' && peek(ps, 1) >= 0) {
            ps->i++;
            if (peek(ps, 0) == '\\') {
                ps->i++;
                hi = parse_escape(ps);
            } else {
                int k = parity_utf8_decode(ps->p + ps->i, ps->len - ps->i, &hi);
                ps->i += k > 0 ? (size_t)k : 1;
                if (k <= 0)
                    hi = ESC_UNKNOWN;
            }
            if (hi < lo || hi - lo >= CLASS_MAX) {
                ok = 0;
                continue;
            }
        }
        for (int32_t cp = lo; cp <= hi && ok; cp++) {
            int32_t f = parity_fold_cp(cp);
            int seen = 0;
            for (size_t k = 0; k < n; k++)
                seen |= cps[k] == f;
            if (!seen && n == CLASS_MAX)
                ok = 0;
            else if (!seen)
                cps[n++] = f;
        }
    }
    if (negated || !ok || n == 0)
        return unknown_node();
    parity_literals *s = parity_lset_new(&ps->nomem);
    for (size_t k = 0; s && k < n; k++) {
        char enc[4];
        int len = parity_utf8_encode(cps[k], enc);
        if (len <= 0 || parity_lset_add(&ps->nomem, s, enc, (size_t)len)) {
            parity_lset_free(s);
            return unknown_node();
        }
    }
    return node_of(s);
}

/*
 * Step over the rest of a group whose content does not matter (a
 * lookaround matches the empty string), to just after its ')': escapes,
 * classes and nested groups are skipped whole.
 */
static void skip_group(parser *ps)
{
    int depth = 1;
    while (ps->i < ps->len) {
        size_t at = ps->i;
        ps->i = parity_pattern_token_end(ps->p, ps->len, at);
        if (ps->i == at + 1 && ps->p[at] == '(')
            depth++;
        else if (ps->i == at + 1 && ps->p[at] == ')' && --depth == 0)
            return;
    }
    ps->bail = 1; /* unbalanced */
}

/*
 * The body of a negative lookbehind at ps->i, when it is one \p{..} or a
 * class of them only ("\p{N})", "[\p{L}\p{M}\p{N}])"): its PARITY_BEFORE_*
 * bits, else 0 (nothing is concluded from any other lookbehind).
 */
static unsigned char lookbehind_bits(const parser *ps)
{
    const char *p = ps->p;
    size_t i = ps->i, len = ps->len;
    int cls = i < len && p[i] == '[', n = 0;
    unsigned bits = 0;
    i += (size_t)cls;
    while (i + 5 <= len && p[i] == '\\' && p[i + 1] == 'p' && p[i + 2] == '{' && p[i + 4] == '}') {
        char k = p[i + 3];
        bits |= k == 'N' ? PARITY_BEFORE_N : k == 'L' ? PARITY_BEFORE_L : k == 'M' ? PARITY_BEFORE_M : 0x80u;
        i += 5;
        n++;
        if (!cls)
            break;
    }
    if (cls && (i >= len || p[i++] != ']'))
        return 0;
    if (!n || (bits & 0x80u) || i >= len || p[i] != ')')
        return 0;
    return (unsigned char)bits;
}

/* `(?...` and `(*...`: the kind of group at ps->i (just after '('). */
static node parse_group_body(parser *ps)
{
    int lookaround = 0;
    unsigned char before = 0;
    if (peek(ps, 0) == '*') {
        ps->bail = 1; /* verbs and alpha assertions can change what matches */
        return unknown_node();
    }
    if (peek(ps, 0) == '?') {
        ps->i++;
        int c = peek(ps, 0);
        if (c == '#') {
            const char *end = memchr(ps->p + ps->i, ')', ps->len - ps->i);
            ps->i = end ? (size_t)(end - ps->p) + 1 : ps->len;
            return empty_node(ps);
        }
        if (c == '=' || c == '!') {
            ps->i++;
            lookaround = 1;
        } else if (c == '<' && (peek(ps, 1) == '=' || peek(ps, 1) == '!')) {
            ps->i += 2;
            lookaround = 1;
            if (ps->p[ps->i - 1] == '!')
                before = lookbehind_bits(ps);
        } else if (c == ':' || c == '>' || c == '|') {
            ps->i++;
        } else if (c == '<' || c == '\'' || (c == 'P' && peek(ps, 1) == '<')) {
            const char *end = memchr(ps->p + ps->i + 1, c == '\'' ? '\'' : '>', ps->len - ps->i - 1);
            ps->i = end ? (size_t)(end - ps->p) + 1 : ps->len;
        } else if (c == '(' || c == 'C') {
            ps->bail = 1;
            return unknown_node();
        } else if (c == 'R' || c == '&' || c == 'P' || (c >= '0' && c <= '9') || c == '+' ||
                   (c == '-' && peek(ps, 1) >= '0' && peek(ps, 1) <= '9')) {
            /* A subroutine call or a named backreference: the match may be anything. */
            const char *end = memchr(ps->p + ps->i, ')', ps->len - ps->i);
            ps->i = end ? (size_t)(end - ps->p) + 1 : ps->len;
            return unknown_node();
        } else {
            /* Option setting: (?i) alone, or (?i:...). Extended syntax changes what spaces mean. */
            while (ps->i < ps->len && ps->p[ps->i] && strchr("imnsxJU-^", ps->p[ps->i])) {
                if (ps->p[ps->i] == 'x')
                    ps->bail = 1;
                ps->i++;
            }
            if (peek(ps, 0) == ')') {
                ps->i++;
                return empty_node(ps);
            }
            if (peek(ps, 0) != ':') {
                ps->bail = 1;
                return unknown_node();
            }
            ps->i++;
        }
    }
    if (lookaround) {
        skip_group(ps);
        node n = empty_node(ps);
        n.before = before;
        return n;
    }
    node inner = parse_alt(ps);
    if (peek(ps, 0) == ')')
        ps->i++;
    else
        ps->bail = 1;
    return inner;
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static node node_copy(parser *ps, const node *n)
{
    node c = node_of(n->exact ? parity_lset_copy(&ps->nomem, n->exact) : NULL);
    c.lead = n->lead ? parity_lset_copy(&ps->nomem, n->lead) : NULL;
    c.before = n->before;
    if (parity_requirement_add_copy(&c.req, &n->req))
        ps->nomem = 1;
    return c;
}

static memo_entry *memo_slot(parity_literals_memo *m, uint64_t hash, const char *text, size_t len)
{
    for (size_t i = hash & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        memo_entry *e = &m->slots[i];
        if (!e->text || (e->hash == hash && e->len == len && memcmp(e->text, text, len) == 0))
            return e;
    }
}

static int memo_grow(parity_literals_memo *m)
{
    size_t cap = m->cap ? 2 * m->cap : 256;
    memo_entry *old = m->slots, *slots = calloc(cap, sizeof(*slots));
    if (!slots)
        return -1;
    size_t old_cap = m->cap;
    m->slots = slots;
    m->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].text)
            *memo_slot(m, old[i].hash, old[i].text, old[i].len) = old[i];
    free(old);
    return 0;
}

/* A group at ps->i (just after '('): from the memo when the same text was analysed before. */
static node parse_group(parser *ps)
{
    size_t open = ps->i - 1;
    if (!ps->close || !ps->close[open] || ps->close[open] - open < MEMO_MIN || !ps->memo)
        return parse_group_body(ps);
    parity_literals_memo *m = ps->memo;
    size_t len = ps->close[open] - open + 1;
    uint64_t hash = fnv1a(ps->p + open, len);
    if (m->cap) {
        memo_entry *e = memo_slot(m, hash, ps->p + open, len);
        if (e->text) {
            ps->i = open + len;
            ps->bail |= e->bail;
            return node_copy(ps, &e->result);
        }
    }
    node r = parse_group_body(ps);
    /* Stored only when the parse ended where the paren table says (it always should). */
    if (ps->i != open + len || (2 * (m->count + 1) > m->cap && memo_grow(m)))
        return r;
    memo_entry *e = memo_slot(m, hash, ps->p + open, len);
    *e = (memo_entry){hash, ps->p + open, len, node_copy(ps, &r), ps->bail};
    m->count++;
    return r;
}

/* For each '(' its matching ')', skipping escapes, \Q..\E, classes and comments; NULL: no memory. */
static uint32_t *paren_table(const char *p, size_t len)
{
    uint32_t *close = calloc(len, sizeof(*close)), *stack = malloc(len * sizeof(*stack));
    size_t sp = 0;
    if (!close || !stack) {
        free(close);
        free(stack);
        return NULL;
    }
    for (size_t i = 0; i < len;) {
        size_t next = parity_pattern_token_end(p, len, i);
        if (next == i + 1 && p[i] == '(')
            stack[sp++] = (uint32_t)i;
        else if (next == i + 1 && p[i] == ')' && sp)
            close[stack[--sp]] = (uint32_t)i;
        i = next;
    }
    free(stack);
    return close;
}

parity_literals_memo *parity_literals_memo_new(void)
{
    return calloc(1, sizeof(parity_literals_memo));
}

void parity_literals_memo_free(parity_literals_memo *memo)
{
    if (!memo)
        return;
    for (size_t i = 0; i < memo->cap; i++)
        if (memo->slots[i].text)
            node_free(&memo->slots[i].result);
    free(memo->slots);
    free(memo);
}

/* Quantifier at ps->i, if any: sets min/max (max -1: unbounded); 0 when there is none. */
static int parse_quantifier(parser *ps, long *min, long *max)
{
    int c = peek(ps, 0);
    if (c == '?' || c == '*' || c == '+') {
        ps->i++;
        *min = c == '+';
        *max = c == '?' ? 1 : -1;
    } else if (c == '{') {
        size_t j = ps->i + 1;
        long lo = 0, hi;
        int digits = 0;
        while (j < ps->len && ps->p[j] >= '0' && ps->p[j] <= '9' && lo < 100000) {
            lo = lo * 10 + (ps->p[j++] - '0');
            digits++;
        }
        if (!digits)
            return 0; /* "{" that is not a quantifier is a literal brace */
        hi = lo;
        if (j < ps->len && ps->p[j] == ',') {
            j++;
            hi = -1;
            if (j < ps->len && ps->p[j] >= '0' && ps->p[j] <= '9') {
                hi = 0;
                while (j < ps->len && ps->p[j] >= '0' && ps->p[j] <= '9' && hi < 100000)
                    hi = hi * 10 + (ps->p[j++] - '0');
            }
        }
        if (j >= ps->len || ps->p[j] != '}')
            return 0;
        ps->i = j + 1;
        *min = lo;
        *max = hi;
    } else {
        return 0;
    }
    if (peek(ps, 0) == '?' || peek(ps, 0) == '+')
        ps->i++;
    return 1;
}

/* One atom and its quantifier; *end set when the sequence ends here ('|', ')' or the end). */
static node parse_piece(parser *ps, int *end)
{
    int c = peek(ps, 0);
    node atom;
    *end = 0;
    if (c < 0 || c == '|' || c == ')') {
        *end = 1;
        return unknown_node();
    }
    if (c == '(') {
        ps->i++;
        if (++ps->depth > MAX_DEPTH) {
            ps->bail = 1;
            return unknown_node();
        }
        atom = parse_group(ps);
        ps->depth--;
    } else if (c == '[') {
        ps->i++;
        atom = parse_class(ps);
    } else if (c == '\\' && peek(ps, 1) == 'Q') {
        size_t start = ps->i + 2, stop = ps->len;
        for (size_t k = start; k + 1 < ps->len; k++)
            if (ps->p[k] == '\\' && ps->p[k + 1] == 'E') {
                stop = k;
                break;
            }
        ps->i = stop + 2 <= ps->len ? stop + 2 : ps->len;
        /* Folded character by character; quantifiers apply to the last one only. */
        parity_literals *run = parity_lset_of(&ps->nomem, "", 0);
        for (size_t k = start; k < stop && run;) {
            int32_t cp;
            int n = parity_utf8_decode(ps->p + k, stop - k, &cp);
            k += n > 0 ? (size_t)n : 1;
            node ch = char_node(ps, n > 0 ? cp : 0);
            parity_literals *next = parity_lset_product(&ps->nomem, run, ch.exact);
            node_free(&ch);
            parity_lset_free(run);
            run = next;
        }
        atom = node_of(run);
    } else if (c == '\\') {
        ps->i++;
        int32_t e = parse_escape(ps);
        atom = e >= 0 ? char_node(ps, e) : e == ESC_EMPTY ? empty_node(ps) : unknown_node();
    } else if (c == '.') {
        ps->i++;
        atom = unknown_node();
    } else if (c == '^' || c == '$') {
        ps->i++;
        atom = empty_node(ps);
    } else {
        int32_t cp;
        int n = parity_utf8_decode(ps->p + ps->i, ps->len - ps->i, &cp);
        ps->i += n > 0 ? (size_t)n : 1;
        atom = n > 0 ? char_node(ps, cp) : unknown_node();
    }
    long min, max;
    if (!parse_quantifier(ps, &min, &max))
        return atom;
    parity_literals *empty = parity_lset_of(&ps->nomem, "", 0);
    if (is_space_node(&atom)) {
        /* The text's runs of white space are one space: "\\s+" is " ", "\\s*" is "" or " ". */
        if (min == 0) {
            parity_literals *either = parity_lset_union(&ps->nomem, empty, atom.exact);
            parity_lset_free(atom.exact);
            atom.exact = either;
        }
        parity_lset_free(empty);
        return atom;
    }
    if (min == 0) {
        /* Optional: "x?" can still join a literal as "" or "x"; anything else is dropped. */
        parity_literals *exact = max == 1 ? parity_lset_union(&ps->nomem, empty, atom.exact) : NULL;
        parity_lset_free(empty);
        node_free(&atom);
        return node_of(exact);
    }
    parity_lset_free(empty);
    if (min == 1 && max == 1)
        return atom;
    if (atom.exact) {
        atom.lead = parity_lset_copy(&ps->nomem, atom.exact); /* the first repetition */
        parity_req_add(&atom.req, atom.exact);
        atom.exact = NULL;
    }
    return atom;
}

/*
 * The common case, a plain character with no quantifier after it: append
 * it (folded) to every string of `run` in place. 1 if it did, 0 to take
 * the general path.
 */
static int append_plain(parser *ps, parity_literals *run)
{
    int c = peek(ps, 0);
    if (c < 0 || strchr("\\^$.[|()?*+{ \t\n\r\f\v", c))
        return 0;
    int32_t cp;
    int n = parity_utf8_decode(ps->p + ps->i, ps->len - ps->i, &cp);
    if (n <= 0 || cp == 0 || parity_fold_is_space(cp))
        return 0;
    int next = peek(ps, (size_t)n);
    if (next == '?' || next == '*' || next == '+' || next == '{')
        return 0;
    char enc[4];
    int m = parity_utf8_encode(parity_fold_cp(cp), enc);
    if (m <= 0)
        return 0;
    for (size_t i = 0; i < run->count; i++) {
        size_t l = strlen(run->items[i]);
        char *grown = realloc(run->items[i], l + (size_t)m + 1);
        if (!grown) {
            ps->nomem = 1;
            return 0;
        }
        memcpy(grown + l, enc, (size_t)m);
        grown[l + (size_t)m] = '\0';
        run->items[i] = grown;
    }
    ps->i += (size_t)n;
    return 1;
}

/* A sequence of pieces up to '|', ')' or the end. */
static node parse_seq(parser *ps)
{
    parity_literals *run = parity_lset_of(&ps->nomem, "", 0);
    node out = node_of(NULL);
    int all_exact = 1;
    /* What lookbehinds said of the sequence's start, while nothing has been consumed. */
    unsigned char pending = 0;
    for (;;) {
        if (run && append_plain(ps, run))
            continue;
        int end;
        node piece = parse_piece(ps, &end);
        if (end || ps->bail || ps->nomem) {
            node_free(&piece);
            break;
        }
        int at_start = all_exact && run && run->count == 1 && !run->items[0][0];
        parity_literals *joined = run ? parity_lset_product(&ps->nomem, run, piece.exact) : NULL;
        if (joined) {
            if (at_start)
                pending |= piece.before;
            parity_lset_free(run);
            run = joined;
            node_free(&piece);
            continue;
        }
        /* What every match begins with: the exact run so far, and the piece's own beginning. */
        if (all_exact && run) {
            /* Nothing before the piece: its lead as it is (a product is bounded more tightly). */
            int empty = run->count == 1 && !run->items[0][0];
            out.lead = !piece.lead ? NULL
                       : empty     ? parity_lset_copy(&ps->nomem, piece.lead)
                                   : parity_lset_product(&ps->nomem, run, piece.lead);
            out.before = (unsigned char)(pending | (empty && piece.lead ? piece.before : 0));
            if (!out.lead) {
                out.lead = parity_lset_copy(&ps->nomem, run);
                out.before = pending;
            }
        }
        /* The literal so far is one requirement; the piece starts the next one. */
        all_exact = 0;
        parity_req_add(&out.req, run);
        run = piece.exact ? piece.exact : parity_lset_of(&ps->nomem, "", 0);
        piece.exact = NULL;
        parity_requirement_merge(&out.req, &piece.req);
        node_free(&piece);
    }
    if (all_exact) {
        parity_requirement_release(&out.req);
        parity_lset_free(out.lead);
        out.lead = NULL;
        out.exact = run;
        out.before = pending;
        return out;
    }
    parity_req_add(&out.req, run);
    return out;
}

/* Move the strings of `from` into *to (kept in place); on overflow *to becomes NULL (unknown). */
static void absorb(parser *ps, parity_literals **to, const parity_literals *from)
{
    if (!*to)
        return;
    for (size_t i = 0; from && i < from->count; i++)
        if (parity_lset_add(&ps->nomem, *to, from->items[i], strlen(from->items[i]))) {
            parity_lset_free(*to);
            *to = NULL;
            return;
        }
    if (!from) {
        parity_lset_free(*to);
        *to = NULL;
    }
}

/* Bytes of the first characters of `s` that fit in `max` bytes (at least one character). */
static size_t prefix_bytes(const char *s, size_t max)
{
    size_t n = strlen(s), k = 0;
    if (n <= max)
        return n;
    while (k < n) {
        size_t next = k + 1;
        while (next < n && ((unsigned char)s[next] & 0xC0) == 0x80)
            next++;
        if (next > max && k > 0)
            break;
        k = next;
    }
    return k;
}

/*
 * The lead of an alternation: every branch's, united. A prefix of a lead is
 * a lead too, so when the union outgrows a set (branches whose leads are
 * products: "tỷ lệ cán bộ nữ", "tỷ lệ công chức nữ", ...) every literal is
 * cut to its first bytes and the union tried again, shorter each time.
 */
static void absorb_lead(parser *ps, parity_literals **to, const parity_literals *from)
{
    static const size_t cuts[] = {16, 8, 5};
    if (!*to || !from) {
        absorb(ps, to, from);
        return;
    }
    parity_literals *kept = parity_lset_copy(&ps->nomem, *to);
    absorb(ps, to, from);
    for (size_t c = 0; !*to && kept && c < sizeof(cuts) / sizeof(cuts[0]); c++) {
        parity_literals *cut = parity_lset_new(&ps->nomem);
        const parity_literals *parts[] = {kept, from};
        for (int p = 0; p < 2 && cut; p++)
            for (size_t i = 0; i < parts[p]->count && cut; i++) {
                const char *lit = parts[p]->items[i];
                if (parity_lset_add(&ps->nomem, cut, lit, prefix_bytes(lit, cuts[c]))) {
                    parity_lset_free(cut);
                    cut = NULL;
                }
            }
        *to = cut;
    }
    parity_lset_free(kept);
}

/*
 * Branches separated by '|': the exact strings of all of them, and one
 * clause made of each branch's best clause (a branch without one lets the
 * alternation match without any literal). Sets grow in place: branches
 * can be many.
 */
static node parse_alt(parser *ps)
{
    node acc = parse_seq(ps);
    if (ps->bail || ps->nomem || peek(ps, 0) != '|')
        return acc;
    const parity_literals *first = acc.exact ? acc.exact : parity_req_best(&acc.req);
    parity_literals *clause = parity_lset_score(first) >= 0 ? parity_lset_copy(&ps->nomem, first) : NULL;
    /* The beginnings of every branch (exact strings are their own beginnings). */
    parity_literals *lead = acc.exact ? parity_lset_copy(&ps->nomem, acc.exact) : acc.lead;
    unsigned char before = acc.before; /* what every branch's start forbids */
    acc.lead = NULL;
    parity_requirement_release(&acc.req);
    while (!ps->bail && !ps->nomem && peek(ps, 0) == '|') {
        ps->i++;
        node next = parse_seq(ps);
        const parity_literals *best = next.exact ? next.exact : parity_req_best(&next.req);
        absorb(ps, &clause, parity_lset_score(best) >= 0 ? best : NULL);
        absorb_lead(ps, &lead, next.exact ? next.exact : next.lead);
        absorb(ps, &acc.exact, next.exact);
        before &= next.before;
        node_free(&next);
    }
    acc.before = before;
    if (acc.exact) {
        parity_lset_free(clause);
        parity_lset_free(lead);
        return acc;
    }
    parity_req_add(&acc.req, clause);
    acc.lead = lead;
    return acc;
}

/*
 * A lead the prefilter can find: every string long enough to be indexed or
 * short but not everywhere (a digit: numbers; two ASCII letters: "ba",
 * "ai"), none starting blank. A short lead costs an occurrence per digit in
 * the index, far less than the regex tried at every letter of a unit.
 */
static int usable_lead(const parity_literals *s)
{
    if (!s || !s->count)
        return 0;
    for (size_t i = 0; i < s->count; i++) {
        const char *l = s->items[i];
        size_t n = strlen(l);
        int digit = n == 1 && l[0] >= '0' && l[0] <= '9';
        int word = n == 2 && l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z';
        if ((n < PARITY_LITERALS_MIN_BYTES && !digit && !word) || l[0] == ' ')
            return 0;
    }
    return 1;
}

int parity_literals_of_regex(parity_requirement *out, parity_literals *lead, const char *pattern,
                             size_t len, parity_literals_memo *memo)
{
    parser ps = {pattern, len, 0, 0, 0, 0, memo, NULL};
    memset(out, 0, sizeof(*out));
    if (lead)
        memset(lead, 0, sizeof(*lead));
    if (memo && len >= 2 * MEMO_MIN && len < UINT32_MAX)
        ps.close = paren_table(pattern, len);
    node top = parse_alt(&ps);
    if (!ps.bail && !ps.nomem && ps.i == len) {
        const parity_literals *begins = top.exact ? top.exact : top.lead;
        if (lead && usable_lead(begins)) {
            parity_literals *copy = parity_lset_copy(&ps.nomem, begins);
            if (copy) {
                *lead = *copy;
                lead->before = top.before;
                free(copy);
            }
        }
        if (top.exact) {
            parity_req_add(out, top.exact);
            top.exact = NULL;
        } else {
            *out = top.req;
            top.req.nclauses = 0;
        }
    }
    node_free(&top);
    free(ps.close);
    if (ps.nomem) {
        parity_requirement_release(out);
        if (lead)
            parity_literals_release(lead);
        return PARITY_ENOMEM;
    }
    return 0;
}
