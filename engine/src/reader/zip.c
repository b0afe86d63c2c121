#include "reader/zip.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "limits_int.h"
#include "util/error.h"
#include "util/str.h"

/* Inflated bytes handed to the parser at a time. 256 KiB measured fastest on
 * a DOCX corpus (64 KiB: 7% slower, with 100 times the page faults, as
 * libxml2's input buffer crossed malloc's mmap threshold part after part). */
#define CHUNK ((size_t)256 << 10)
#define STAGE PARITY_STAGE_READER

struct parity_zip {
    zip_t *za;
    const char *name;
    size_t len;         /* archive bytes: no entry can hold more compressed data */
    parity_limits lim;  /* resolved */
    size_t inflated;    /* bytes produced over every part read so far (document-size) */
    uint64_t deadline;  /* parity_now_ns() instant, 0 = none */
    unsigned char *buf; /* CHUNK bytes, allocated by the first stream, kept for the next */
    void *kept;         /* parity_zip_keep() */
    void (*release)(void *);
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

static uint64_t le(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

/*
 * The entry count the end-of-central-directory record (or its Zip64 form)
 * declares, which is what libzip allocates for: read here so a huge count
 * is refused before that. 0 when the record is not found (libzip then says
 * what is wrong).
 */
static uint64_t declared_entries(const unsigned char *d, size_t len)
{
    if (len < 22)
        return 0;
    size_t lo = len - 22 > 65535 ? len - 22 - 65535 : 0;
    for (size_t i = len - 22 + 1; i-- > lo;) {
        if (memcmp(d + i, "PK\x05\x06", 4) != 0)
            continue;
        uint64_t n = le(d + i + 10, 2);
        if (n != 0xFFFF && le(d + i + 16, 4) != 0xFFFFFFFFu)
            return n;
        /* Zip64: the locator just before points at the Zip64 record. */
        if (i < 20 || memcmp(d + i - 20, "PK\x06\x07", 4) != 0)
            return n;
        uint64_t off = le(d + i - 20 + 8, 8);
        if (len < 56 || off > len - 56 || memcmp(d + off, "PK\x06\x06", 4) != 0)
            return n;
        return le(d + off + 32, 8);
    }
    return 0;
}

/* A name OPC or ODF could never resolve, and that would escape a folder if extracted. */
static int unsafe_name(const char *s)
{
    if (s[0] == '/' || s[0] == '\\')
        return 1;
    for (const char *p = s; *p;) {
        const char *end = p + strcspn(p, "/\\");
        if (end - p == 2 && p[0] == '.' && p[1] == '.')
            return 1;
        p = *end ? end + 1 : end;
    }
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

/* Entry by entry, before anything is inflated. */
static int check_entries(parity_zip *z, parity_error *err)
{
    zip_int64_t n = zip_get_num_entries(z->za, 0);
    const char **names = NULL;
    uint64_t compressed = 0;
    int rc = 0;

    if (n < 0 || (uint64_t)n > z->lim.zip_entries)
        return parity_error_set(err, PARITY_ELIMIT, STAGE, z->name, NULL, 0, 0,
                                "archive has %zu entries, over the limit of %zu (limit zip-entries)",
                                (size_t)(n < 0 ? 0 : n), z->lim.zip_entries);
    if (n && !(names = calloc((size_t)n, sizeof(*names))))
        return parity_error_set(err, PARITY_ENOMEM, PARITY_STAGE_READER, z->name, NULL, 0, 0,
                                "out of memory");
    for (zip_int64_t i = 0; i < n && !rc; i++) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(z->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW, &st) != 0 ||
            !(st.valid & ZIP_STAT_NAME)) {
            rc = zip_failure(err, z->name, NULL, zip_get_error(z->za), "cannot read entry");
            break;
        }
        names[i] = st.name;
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            rc = parity_error_set(err, PARITY_EUNSUPPORTED, STAGE, z->name, st.name, 0, 0,
                                  "zip entry %s is encrypted (password-protected archives are refused)",
                                  st.name);
        else if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE &&
                 st.comp_method != ZIP_CM_DEFLATE)
            rc = parity_error_set(err, PARITY_EUNSUPPORTED, STAGE, z->name, st.name, 0, 0,
                                  "zip entry %s uses compression method %u (only stored and "
                                  "deflate are read)",
                                  st.name, (unsigned)st.comp_method);
        else if (unsafe_name(st.name))
            rc = parity_error_set(err, PARITY_EFORMAT, STAGE, z->name, st.name, 0, 0,
                                  "zip entry name %s is absolute or has a '..' segment", st.name);
        else if ((st.valid & ZIP_STAT_COMP_SIZE) && (compressed += st.comp_size) > z->len)
            rc = parity_error_set(err, PARITY_EFORMAT, STAGE, z->name, st.name, 0, 0,
                                  "zip entries overlap (zip bomb?): their compressed sizes add up "
                                  "to more than the archive's %zu bytes",
                                  z->len);
    }
    if (!rc && n > 1) {
        qsort(names, (size_t)n, sizeof(*names), cmp_names);
        for (zip_int64_t i = 1; i < n && !rc; i++)
            if (cmp_names(&names[i - 1], &names[i]) == 0)
                rc = parity_error_set(err, PARITY_EFORMAT, STAGE, z->name, names[i], 0, 0,
                                      "zip archive holds two entries named %s (ignoring case)",
                                      names[i]);
    }
    free(names);
    return rc;
}

int parity_zip_open_limited(parity_zip **out, const unsigned char *data, size_t len,
                            const char *name, const parity_limits *limits, parity_error *err)
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
    z->len = len;
    parity_limits_resolve(&z->lim, limits);
    z->deadline = parity_limits__deadline(&z->lim);
    uint64_t declared = declared_entries(data, len);
    if (declared > z->lim.zip_entries) {
        rc = parity_error_set(err, PARITY_ELIMIT, STAGE, name, NULL, 0, 0,
                              "archive declares %zu entries, over the limit of %zu (limit "
                              "zip-entries)",
                              (size_t)declared, z->lim.zip_entries);
        goto cleanup;
    }
    /* libzip refuses a NULL buffer even when empty. */
    if (!(src = zip_source_buffer_create(len ? data : (const unsigned char *)"", len, 0, &ze))) {
        rc = zip_failure(err, name, NULL, &ze, "cannot read zip archive");
        goto cleanup;
    }
    /* Not ZIP_CHECKCONS: it refuses 16 of the 179 DOCX files of pandoc's test suite, which
     * Word opens; the checks below and while inflating bound what those could cost. */
    if (!(z->za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
        rc = zip_failure(err, name, NULL, &ze, "not a valid zip archive");
        goto cleanup;
    }
    src = NULL; /* the archive owns it now */
    if ((rc = check_entries(z, err)))
        goto cleanup;
    *out = z;
    z = NULL;

cleanup:
    zip_source_free(src);
    parity_zip_close(z);
    zip_error_fini(&ze);
    return rc;
}

int parity_zip_open(parity_zip **out, const unsigned char *data, size_t len, const char *name,
                    parity_error *err)
{
    return parity_zip_open_limited(out, data, len, name, NULL, err);
}

void parity_zip_close(parity_zip *z)
{
    if (!z)
        return;
    /* Read-only: discard never writes and frees the source too. */
    if (z->za)
        zip_discard(z->za);
    if (z->kept)
        z->release(z->kept);
    free(z->buf);
    free(z);
}

void parity_zip_keep(parity_zip *z, void *obj, void (*release)(void *))
{
    if (z->kept && z->kept != obj)
        z->release(z->kept);
    z->kept = obj;
    z->release = release;
}

void *parity_zip_take(parity_zip *z)
{
    void *obj = z->kept;
    z->kept = NULL;
    return obj;
}

const parity_limits *parity_zip_limits(const parity_zip *z)
{
    return &z->lim;
}

int parity_zip_has(const parity_zip *z, const char *entry)
{
    return zip_name_locate(z->za, entry, ZIP_FL_NOCASE) >= 0;
}

int parity_zip_out_of_time(const parity_zip *z)
{
    return z->deadline && parity_now_ns() > z->deadline;
}

/* Check an entry can be read before opening it, for precise errors. */
static int check_entry(parity_zip *z, const char *entry, zip_uint64_t *index, zip_stat_t *st,
                       parity_error *err)
{
    zip_int64_t i = zip_name_locate(z->za, entry, ZIP_FL_NOCASE);
    if (i < 0)
        return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, z->name, entry, 0, 0,
                                "part %s is missing from the archive", entry);
    zip_stat_init(st);
    if (zip_stat_index(z->za, (zip_uint64_t)i, 0, st) != 0)
        return zip_failure(err, z->name, entry, zip_get_error(z->za), "cannot read entry");
    if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE)
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, z->name, entry, 0,
                                0, "zip entry %s is encrypted", entry);
    if ((st->valid & ZIP_STAT_COMP_METHOD) && !zip_compression_method_supported(st->comp_method, 0))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, z->name, entry, 0,
                                0, "zip entry %s uses unsupported compression method %u", entry,
                                (unsigned)st->comp_method);
    *index = (zip_uint64_t)i;
    return 0;
}

/* Bytes produced so far, against every bound; 0 while all hold. */
static int judge(parity_zip *z, const char *entry, const zip_stat_t *st, size_t limit,
                 size_t total, size_t n, parity_error *err)
{
    size_t comp = (st->valid & ZIP_STAT_COMP_SIZE) && st->comp_size < z->len ? (size_t)st->comp_size
                                                                             : z->len;
    if (n > limit - total)
        return parity_error_set(err, PARITY_ELIMIT, STAGE, z->name, entry, 0, 0,
                                "zip bomb? part inflates to more than %zu bytes (limit part-size)",
                                limit);
    if (n > z->lim.document_bytes - z->inflated)
        return parity_error_set(err, PARITY_ELIMIT, STAGE, z->name, entry, 0, 0,
                                "zip bomb? parts inflate to more than %zu bytes in all (limit "
                                "document-size)",
                                z->lim.document_bytes);
    total += n;
    if ((st->valid & ZIP_STAT_SIZE) && total > st->size)
        return parity_error_set(err, PARITY_ELIMIT, STAGE, z->name, entry, 0, 0,
                                "zip bomb? part inflates past the %zu bytes its header declares",
                                (size_t)st->size);
    if (z->lim.zip_ratio != PARITY_LIMIT_NONE && total > PARITY_LIMIT_ZIP_RATIO_GRACE &&
        total / (comp ? comp : 1) >= z->lim.zip_ratio)
        return parity_error_set(err, PARITY_ELIMIT, STAGE, z->name, entry, 0, 0,
                                "zip bomb? part inflates over %zu times its compressed size of "
                                "%zu bytes (limit zip-ratio)",
                                z->lim.zip_ratio, comp);
    if (parity_zip_out_of_time(z))
        return parity_error_set(err, PARITY_ELIMIT, STAGE, z->name, entry, 0, 0,
                                "time budget of %zu ms exceeded while inflating (limit "
                                "time-budget)",
                                z->lim.time_ms);
    return 0;
}

int parity_zip_stream(parity_zip *z, const char *entry, size_t limit, parity_zip_chunk_fn fn,
                      void *payload, parity_error *err)
{
    zip_uint64_t idx = 0;
    zip_stat_t st;
    zip_file_t *zf = NULL;
    unsigned char *buf = NULL;
    size_t total = 0;
    int rc;

    if (!limit || limit > z->lim.part_bytes)
        limit = z->lim.part_bytes;
    if ((rc = check_entry(z, entry, &idx, &st, err)))
        return rc;
    if (!z->buf)
        z->buf = malloc(CHUNK);
    if (!(buf = z->buf)) {
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
        if ((rc = judge(z, entry, &st, limit, total, (size_t)n, err)))
            goto cleanup;
        total += (size_t)n;
        z->inflated += (size_t)n;
        if ((rc = fn(payload, buf, (size_t)n)))
            goto cleanup;
    }

cleanup:
    if (zf)
        zip_fclose(zf);
    return rc;
}
