#include <stdio.h>
#include "parity.h"
int main(void) { printf("parity %s\n", parity_version()); return 0; }
