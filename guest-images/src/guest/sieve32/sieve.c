/*
 * sieve32 / sieve64 - a CPU-bound kernel: the sieve of Eratosthenes below one million on a bit array of
 * odd numbers, ROUNDS times. Prints the prime count and a checksum over all primes found. The round
 * count comes from the command line ("rounds=N", cmdline.h), default DEFAULT_ROUNDS; the output
 * names it.
 * build.sh compiles this same file natively and runs it to get the expected output, and
 * twice for the guest: as a 32-bit multiboot kernel (sieve32) and an ELF64 (sieve64);
 * GUEST_NAME says which.
 *
 * Exit codes: 0 success; 2 bad multiboot magic (start code); 3 two rounds disagreed;
 *   4 the count is not 78498 (the number of primes below 10^6); 5 bad rounds=N.
 */
#include <stdint.h>
#include "console.h"
#include "cmdline.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define LIMIT 1000000u
#define DEFAULT_ROUNDS 10
#define PRIMES_BELOW_LIMIT 78498u

/* Bit i set = the odd number 2i+1 is composite. */
static uint32_t composite[(LIMIT / 2 + 31) / 32];

static int is_composite(uint32_t i)
{
    return (composite[i >> 5] >> (i & 31)) & 1;
}

static void mark(uint32_t i)
{
    composite[i >> 5] |= 1u << (i & 31);
}

/* One sieve; returns the number of primes below LIMIT and folds them into *checksum. */
static uint32_t sieve(uint32_t *checksum)
{
    for (uint32_t w = 0; w < sizeof composite / sizeof composite[0]; w++)
        composite[w] = 0;
    uint32_t count = 1;                     /* 2 */
    uint32_t hash = 2;
    for (uint32_t i = 1; i < LIMIT / 2; i++) {
        if (is_composite(i))
            continue;
        uint32_t p = 2 * i + 1;
        count++;
        hash = hash * 31 + p;
        if (p <= LIMIT / p)                 /* p * p < LIMIT, without overflow */
            for (uint32_t m = p * p / 2; m < LIMIT / 2; m += p)
                mark(m);                    /* odd multiples from p * p on: 2m+1 += 2p */
    }
    *checksum = hash;
    return count;
}

int kernel_main(void)
{
    uint32_t rounds = cmdline_number("rounds", DEFAULT_ROUNDS);
    if (rounds == 0) {
        console_puts(GUEST_NAME ": bad rounds=N on the command line\n");
        return 5;
    }
    uint32_t first_count = 0, first_hash = 0;
    for (uint32_t round = 0; round < rounds; round++) {
        uint32_t hash;
        uint32_t count = sieve(&hash);
        if (round == 0) {
            first_count = count;
            first_hash = hash;
        } else if (count != first_count || hash != first_hash) {
            console_puts(GUEST_NAME ": rounds disagree\n");
            return 3;
        }
    }
    console_puts(GUEST_NAME ": ");
    console_put_u32(first_count);
    console_puts(" primes below ");
    console_put_u32(LIMIT);
    console_puts(", checksum ");
    console_put_hex32(first_hash);
    console_puts(", ");
    console_put_u32(rounds);
    console_puts(" rounds\n");
    return first_count == PRIMES_BELOW_LIMIT ? 0 : 4;
}
