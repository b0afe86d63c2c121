/* none.c: the empty table the generator itself is linked with (it computes what it writes). */
#include "match/precomputed.h"

const parity_precomputed parity_precomputed_table[] = {{0, 0, 0, {0}, 0, 0, NULL}};
const size_t parity_precomputed_count = 0;
