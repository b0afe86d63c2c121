/*
 * banned.h: functions the engine must not use, made compile errors. Text is
 * assembled with parity_str (util/str.h) and explicit lengths instead.
 * Included by every engine source through the compiler's -include flag.
 */
#ifndef PARITY_UTIL_BANNED_H
#define PARITY_UTIL_BANNED_H

/* The system headers first, so their declarations are not rewritten. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#define PARITY_BANNED(func) sorry_##func##_is_banned_in_parity

#undef strcpy
#define strcpy(x, y) PARITY_BANNED(strcpy)
#undef strcat
#define strcat(x, y) PARITY_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) PARITY_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) PARITY_BANNED(strncat)
#undef sprintf
#define sprintf(...) PARITY_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) PARITY_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) PARITY_BANNED(strtok)
#undef gmtime
#define gmtime(t) PARITY_BANNED(gmtime)
#undef localtime
#define localtime(t) PARITY_BANNED(localtime)

#endif
