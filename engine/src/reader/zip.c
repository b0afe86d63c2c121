#include "reader/zip.h"

#include <ctype.h>
#include <stdlib.h>
#include <zip.h>

#include "util/error.h"
#include "util/str.h"

#define CHUNK ((size_t)64 << 10)

struct parity_zip {
    zip_t *za;
    const char *name;
};

/* libzip's messages start with a capital ("Not a zip archive"); ours do not. */
static void lower_first(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "unknown error");
    if (dst[0] && isupper((unsigned char)dst[0]) && !isupper((unsigned char)dst[1]))
        dst[0] = (char)tolower((unsigned char)dst[0]);
}

static int zip_failure(parity_error *err, const char *name, const char *part, zip_error_t *ze,
                       const char *what)
{
    char reason[256];
    int code = zip_error_code_zip(ze) == ZIP_ER_MEMORY ? PARITY_ENOMEM : PARITY_EFORMAT;
    lower_first(reason, sizeof(reason), zip_error_strerror(ze));
    return parity_error_set(err, code, PARITY_STAGE_READER, name, part, 0, 0, "%s: %s%s", what,
                            reason,
                            zip_error_code_zip(ze) == ZIP_ER_NOZIP
                                ? " (truncated, or not a zip file)"
                                : "");
}

int parity_zip_open(parity_zip **out, const unsigned char *data, size_t len, const char *name,
                    parity_error *err)
{
    zip_error_t ze;
    zip_source_t *src = NULL;
    parity_zip *z = NULL;
    int rc = 0;

    *out = NULL;
    zip_error_init(&ze);
    if (!(z = calloc(1, sizeof(*z)))) {
        rc = parity_error_set(err, PARITY_ENOMEM, PARITY_STAGE_READER, name, NULL, 0, 0,
                              "out of memory");
        goto cleanup;
    }
    z->name = name;
    /* libzip refuses a NULL buffer even when empty. */
    if (!(src = zip_source_buffer_create(len ? data : (const unsigned char *)"", len, 0, &ze))) {
        rc = zip_failure(err, name, NULL, &ze, "cannot read zip archive");
        goto cleanup;
    }
    if (!(z->za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
        rc = zip_failure(err, name, NULL, &ze, "not a valid zip archive");
        goto cleanup;
    }
    src = NULL; /* the archive owns it now */
    *out = z;
    z = NULL;

cleanup:
    zip_source_free(src);
    free(z);
    zip_error_fini(&ze);
    return rc;
}

void parity_zip_close(parity_zip *z)
{
    if (!z)
        return;
    /* Read-only: discard never writes and frees the source too. */
    zip_discard(z->za);
    free(z);
}

int parity_zip_has(const parity_zip *z, const char *entry)
{
    return zip_name_locate(z->za, entry, ZIP_FL_NOCASE) >= 0;
}

/* Check an entry can be read before opening it, for precise errors. */
static int check_entry(parity_zip *z, const char *entry, zip_uint64_t *index, parity_error *err)
{
    zip_stat_t st;
    zip_int64_t i = zip_name_locate(z->za, entry, ZIP_FL_NOCASE);
    if (i < 0)
        return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, z->name, entry, 0, 0,
                                "part %s is missing from the archive", entry);
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) != 0)
        return zip_failure(err, z->name, entry, zip_get_error(z->za), "cannot read entry");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, z->name, entry, 0,
                                0, "zip entry %s is encrypted", entry);
    if ((st.valid & ZIP_STAT_COMP_METHOD) && !zip_compression_method_supported(st.comp_method, 0))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, z->name, entry, 0,
                                0, "zip entry %s uses unsupported compression method %u", entry,
                                (unsigned)st.comp_method);
    *index = (zip_uint64_t)i;
    return 0;
}

int parity_zip_stream(parity_zip *z, const char *entry, size_t limit, parity_zip_chunk_fn fn,
                      void *payload, parity_error *err)
{
    zip_uint64_t idx = 0;
    zip_file_t *zf = NULL;
    unsigned char *buf = NULL;
    size_t total = 0;
    int rc;

    if (!limit)
        limit = PARITY_ZIP_DEFAULT_LIMIT;
    if ((rc = check_entry(z, entry, &idx, err)))
        return rc;
    if (!(buf = malloc(CHUNK))) {
        rc = parity_error_set(err, PARITY_ENOMEM, PARITY_STAGE_READER, z->name, entry, 0, 0,
                              "out of memory");
        goto cleanup;
    }
    if (!(zf = zip_fopen_index(z->za, idx, 0))) {
        rc = zip_failure(err, z->name, entry, zip_get_error(z->za), "cannot open zip entry");
        goto cleanup;
    }
    for (;;) {
        zip_int64_t n = zip_fread(zf, buf, CHUNK);
        if (n < 0) {
            rc = zip_failure(err, z->name, entry, zip_file_get_error(zf),
                             "cannot inflate zip entry");
            goto cleanup;
        }
        if (n == 0)
            break;
        if ((size_t)n > limit - total) {
            rc = parity_error_set(err, PARITY_ELIMIT, PARITY_STAGE_READER, z->name, entry, 0, 0,
                                  "part %s inflates to more than %zu bytes", entry, limit);
            goto cleanup;
        }
        total += (size_t)n;
        if ((rc = fn(payload, buf, (size_t)n)))
            goto cleanup;
    }

cleanup:
    if (zf)
        zip_fclose(zf);
    free(buf);
    return rc;
}
