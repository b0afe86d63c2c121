/* numbers.c: numbers written in digits or in Vietnamese words. */
#include "match/numbers.h"

#include <string.h>
#include <utf8proc.h>

#include "util/utf8.h"

/* Longer than any number phrase a draft would write; longer input is not a number. */
#define MAX_TEXT 256
#define MAX_TOKENS 24
#define MAX_DIGITS 15 /* exact in a double */

static const char number_pattern[] = PARITY_NUMBER_RE;

const char *parity_number_pattern(void)
{
    return number_pattern;
}

typedef enum tok {
    T_DIGIT, /* một..chín: value in `d` */
    T_MOT,   /* mốt: 1 after "mươi" */
    T_TU,    /* tư: 4 after a tens word */
    T_LAM,   /* lăm: 5 after a tens word */
    T_MUOI10,
    T_MUOI,
    T_LINH,
    T_TRAM,
    T_NGHIN
} tok;

typedef struct token {
    tok kind;
    int d;
} token;

static int lookup(const char *w, size_t n, token *t)
{
    static const struct {
        const char *word;
        tok kind;
        int d;
    } words[] = {{"một", T_DIGIT, 1},  {"hai", T_DIGIT, 2},   {"ba", T_DIGIT, 3},
                 {"bốn", T_DIGIT, 4},  {"năm", T_DIGIT, 5},   {"sáu", T_DIGIT, 6},
                 {"bảy", T_DIGIT, 7},  {"bẩy", T_DIGIT, 7},   {"tám", T_DIGIT, 8},
                 {"chín", T_DIGIT, 9}, {"mốt", T_MOT, 1},     {"tư", T_TU, 4},
                 {"lăm", T_LAM, 5},    {"mười", T_MUOI10, 0}, {"mươi", T_MUOI, 0},
                 {"linh", T_LINH, 0},  {"lẻ", T_LINH, 0},     {"trăm", T_TRAM, 0},
                 {"nghìn", T_NGHIN, 0}, {"ngàn", T_NGHIN, 0}};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strlen(words[i].word) == n && memcmp(words[i].word, w, n) == 0) {
            t->kind = words[i].kind;
            t->d = words[i].d;
            return 0;
        }
    }
    return -1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void trim(const char **s, size_t *len)
{
    while (*len && is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_space((*s)[*len - 1]))
        (*len)--;
}

static int parse_digits(const char *s, size_t len, double *out)
{
    trim(&s, &len);
    if (!len || len > MAX_DIGITS)
        return -1;
    double v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Lower-case s into buf (code point by code point). */
static int lower(const char *s, size_t len, char *buf, size_t cap, size_t *out_len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = parity_utf8_decode(s + i, len - i, &cp);
        if (n < 0)
            return -1;
        char enc[4];
        int m = parity_utf8_encode((int32_t)utf8proc_tolower(cp), enc);
        if (m <= 0 || o + (size_t)m > cap)
            return -1;
        memcpy(buf + o, enc, (size_t)m);
        o += (size_t)m;
        i += (size_t)n;
    }
    *out_len = o;
    return 0;
}

static int tokenize(const char *s, size_t len, token *toks, size_t *ntoks)
{
    char buf[MAX_TEXT];
    size_t n;
    if (len > MAX_TEXT || lower(s, len, buf, sizeof(buf), &n))
        return -1;
    *ntoks = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && is_space(buf[i]))
            i++;
        size_t start = i;
        while (i < n && !is_space(buf[i]))
            i++;
        if (i == start)
            break;
        if (*ntoks == MAX_TOKENS || lookup(buf + start, i - start, &toks[*ntoks]))
            return -1;
        (*ntoks)++;
    }
    return *ntoks ? 0 : -1;
}

static int at(const token *t, size_t n, size_t i, tok kind)
{
    return i < n && t[i].kind == kind;
}

/* One group below a thousand: [D trăm] [mười | D mươi | linh] [unit]. */
static int parse_group(const token *t, size_t n, size_t *i, int after_thousand, int *out)
{
    int h = -1, tens = -1, u = -1;
    if (at(t, n, *i, T_DIGIT) && at(t, n, *i + 1, T_TRAM)) {
        h = t[*i].d;
        *i += 2;
    }
    if (at(t, n, *i, T_MUOI10)) {
        tens = 1;
        (*i)++;
    } else if (at(t, n, *i, T_DIGIT) && t[*i].d >= 2 && at(t, n, *i + 1, T_MUOI)) {
        tens = t[*i].d;
        *i += 2;
    } else if (at(t, n, *i, T_LINH) && (h >= 0 || after_thousand)) {
        tens = 0;
        (*i)++;
    }
    if (*i < n) {
        const token *k = &t[*i];
        if (k->kind == T_DIGIT && !at(t, n, *i + 1, T_TRAM) && !at(t, n, *i + 1, T_MUOI))
            u = k->d;
        else if (k->kind == T_MOT && tens >= 2)
            u = 1;
        else if ((k->kind == T_TU || k->kind == T_LAM) && tens >= 1)
            u = k->d;
        if (u >= 0)
            (*i)++;
    }
    if ((tens == 0 && u < 0) || (h < 0 && tens < 0 && u < 0))
        return -1;
    *out = (h > 0 ? h : 0) * 100 + (tens > 0 ? tens : 0) * 10 + (u > 0 ? u : 0);
    return 0;
}

static int parse_words(const char *s, size_t len, double *out)
{
    token t[MAX_TOKENS];
    size_t n, i = 0;
    if (tokenize(s, len, t, &n))
        return -1;
    int g;
    if (parse_group(t, n, &i, 0, &g))
        return -1;
    double v = g;
    if (at(t, n, i, T_NGHIN)) {
        if (g == 0)
            return -1;
        v = g * 1000.0;
        i++;
    }
    if (i < n && v >= 1000) {
        if (parse_group(t, n, &i, 1, &g))
            return -1;
        v += g;
    }
    if (i != n)
        return -1;
    *out = v;
    return 0;
}

int parity_number_parse(const char *s, size_t len, double *out)
{
    trim(&s, &len);
    if (!len)
        return -1;
    const char *open = memchr(s, '(', len);
    size_t main_len = open ? (size_t)(open - s) : len;
    const char *paren = NULL;
    size_t paren_len = 0;
    if (open) {
        size_t rest = len - main_len - 1;
        if (!rest || open[rest] != ')')
            return -1;
        paren = open + 1;
        paren_len = rest - 1;
        trim(&paren, &paren_len);
    }
    const char *m = s;
    trim(&m, &main_len);
    if (!main_len)
        return -1;
    double v, alt;
    if (m[0] >= '0' && m[0] <= '9') {
        if (parse_digits(m, main_len, &v))
            return -1;
        if (paren && parse_words(paren, paren_len, &alt))
            return -1;
    } else {
        if (parse_words(m, main_len, &v))
            return -1;
        /* The digits in parentheses are what the drafter meant to be exact. */
        if (paren && parse_digits(paren, paren_len, &v))
            return -1;
    }
    *out = v;
    return 0;
}
