#include "util/vec.h"

#include <stdint.h>
#include <stdlib.h>

#include "parity/common.h"

int parity_vec_reserve(void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return PARITY_ELIMIT;
        n *= 2;
    }
    if (n > SIZE_MAX / elem)
        return PARITY_ELIMIT;
    void *p = realloc(*items, n * elem);
    if (!p)
        return PARITY_ENOMEM;
    *items = p;
    *cap = n;
    return 0;
}
