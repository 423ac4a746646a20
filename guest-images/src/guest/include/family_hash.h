/*
 * family_hash.h - the harness of the C guests that hash families of instructions (simd64, sse4-64):
 * a pseudo-random input stream, an FNV-1a hash of the results, and one line per family,
 * "GUEST_NAME: family hash", after which the hash starts again. The expected output is the same
 * object code run natively, so the line is what the host CPU computes.
 */
#ifndef JVMM_FAMILY_HASH_H
#define JVMM_FAMILY_HASH_H

#include <stdint.h>
#include "console.h"
#include "xorshift32.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define FNV_OFFSET_BASIS 2166136261u

static uint32_t hash = FNV_OFFSET_BASIS;
static uint32_t state = 2463534242u;

static uint32_t next(void) { return xorshift32(&state); }

static void mix_bytes(const void *p, unsigned n)
{
    const uint8_t *b = p;
    for (unsigned i = 0; i < n; i++) {
        hash ^= b[i];
        hash *= 16777619u;                      /* FNV-1a */
    }
}

static void report(const char *family)
{
    console_puts(GUEST_NAME ": ");
    console_puts(family);
    console_putc(' ');
    console_put_hex32(hash);
    console_putc('\n');
    hash = FNV_OFFSET_BASIS;
}

/* Keep the compiler from folding a vector into constants: pass it through a register it cannot see into. */
#define OPAQUE(v) __asm__ volatile("" : "+x"(v))

#endif
