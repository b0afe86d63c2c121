/*
 * builtin.h: the rule packs compiled into the library. The table is
 * generated at build time from the YAML files under rules/ (see
 * engine/CMakeLists.txt); paths are relative to rules/, e.g. "vi/pack.yaml".
 */
#ifndef PARITY_RULES_BUILTIN_H
#define PARITY_RULES_BUILTIN_H

#include <stddef.h>

typedef struct parity_builtin_file {
    const char *path;
    const char *data;
    size_t len;
} parity_builtin_file;

extern const parity_builtin_file parity_builtin_files[];
extern const size_t parity_builtin_file_count;

#endif
