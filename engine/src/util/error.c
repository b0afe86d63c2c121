#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void copy(char *dst, size_t cap, const char *src)
{
    if (!src) {
        dst[0] = '\0';
        return;
    }
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int parity_error_set(parity_error *err, int code, parity_stage stage, const char *file,
                     const char *part, unsigned long line, unsigned long column, const char *fmt,
                     ...)
{
    if (!err)
        return code;
    err->code = code;
    err->stage = stage;
    copy(err->file, sizeof(err->file), file);
    copy(err->part, sizeof(err->part), part);
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return code;
}

void parity_error_set_file(parity_error *err, const char *file)
{
    if (err && !err->file[0])
        copy(err->file, sizeof(err->file), file);
}

void parity_error_clear(parity_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

const char *parity_strerror(int code)
{
    switch (code) {
    case PARITY_OK: return "success";
    case PARITY_ENOMEM: return "out of memory";
    case PARITY_EIO: return "input/output error";
    case PARITY_EFORMAT: return "corrupt or malformed input";
    case PARITY_EUNSUPPORTED: return "unsupported format";
    case PARITY_ERULES: return "rule pack error";
    case PARITY_EINVAL: return "invalid argument";
    case PARITY_ELIMIT: return "limit exceeded";
    case PARITY_EINTERNAL: return "internal error";
    default: return "unknown error";
    }
}

const char *parity_stage_name(parity_stage stage)
{
    switch (stage) {
    case PARITY_STAGE_READER: return "reader";
    case PARITY_STAGE_NORMALIZE: return "normalize";
    case PARITY_STAGE_STRUCTURE: return "structure";
    case PARITY_STAGE_RULES: return "rules";
    case PARITY_STAGE_MATCH: return "match";
    case PARITY_STAGE_REPORT: return "report";
    default: return "none";
    }
}
