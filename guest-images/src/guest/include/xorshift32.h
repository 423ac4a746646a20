/*
 * xorshift32.h - Marsaglia's xorshift32 generator (shifts 13, 17, 5; "Xorshift RNGs", J. Stat.
 * Softw. 8(14), 2003): the pseudo-random input of the C benchmark kernels. *state must not be 0.
 */
#ifndef JVMM_XORSHIFT32_H
#define JVMM_XORSHIFT32_H

#include <stdint.h>

static inline uint32_t xorshift32(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

#endif
