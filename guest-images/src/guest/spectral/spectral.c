/*
 * spectral32 / spectral64 - floating point in a hot loop: the spectral norm of the infinite
 * matrix A(i,j) = 1 / ((i+j)(i+j+1)/2 + i + 1), the Computer Language Benchmarks Game's
 * spectral-norm, for N = 100 with ten power-method steps (each one u -> A^T A u twice). build.sh
 * compiles it twice: x87 only (spectral32: -m32 -mfpmath=387) and SSE (spectral64: -m64 -msse4.2
 * -mfpmath=sse). Each round repeats the computation from scratch; every round must give the same
 * bits. Printed: the norm as the exact bits of a double, a hash of every bit of the final u and v,
 * and the round count. The expected output is this same object code run natively on the build
 * host (see build.sh), so the oracle is the host's FPU.
 *
 * The round count comes from the command line ("rounds=N", cmdline.h), default 1.
 * Exit codes: 0 success; 2 bad multiboot magic (start code); 3 two rounds disagreed; 5 bad rounds=N.
 */
#include <stdint.h>
#include "console.h"
#include "cmdline.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define N 100
#define STEPS 10

static double u[N], v[N], tmp[N];

/* The square root instruction itself: a freestanding guest has no libm. */
static double root(double x)
{
    double r;
#ifdef __x86_64__
    __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
#else
    __asm__("fsqrt" : "=t"(r) : "0"(x));
#endif
    return r;
}

static double a(int i, int j)
{
    return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1);
}

/* out = A in (transposed: out = A^T in). */
static void multiply(const double *in, double *out, int transposed)
{
    for (int i = 0; i < N; i++) {
        double sum = 0;
        for (int j = 0; j < N; j++)
            sum += (transposed ? a(j, i) : a(i, j)) * in[j];
        out[i] = sum;
    }
}

static void multiply_ata(const double *in, double *out)
{
    multiply(in, tmp, 0);
    multiply(tmp, out, 1);
}

static double spectral_norm(void)
{
    for (int i = 0; i < N; i++)
        u[i] = 1;
    for (int step = 0; step < STEPS; step++) {
        multiply_ata(u, v);
        multiply_ata(v, u);
    }
    double vbv = 0, vv = 0;
    for (int i = 0; i < N; i++) {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    return root(vbv / vv);
}

static uint64_t bits(double d)
{
    union { double d; uint64_t bits; } b = {d};
    return b.bits;
}

/* The bits of a double as 16 hex digits. */
static void put_double(double d)
{
    uint64_t b = bits(d);
    for (int shift = 60; shift >= 0; shift -= 4)
        console_putc("0123456789abcdef"[(b >> shift) & 15]);
}

static uint32_t hash_vectors(void)
{
    uint32_t hash = 2166136261u;
    const double *vectors[] = {u, v};
    for (int k = 0; k < 2; k++) {
        const uint8_t *p = (const uint8_t *)vectors[k];
        for (unsigned b = 0; b < N * sizeof(double); b++) {
            hash ^= p[b];
            hash *= 16777619u;
        }
    }
    return hash;
}

int kernel_main(void)
{
    uint32_t rounds = cmdline_rounds(GUEST_NAME, 1);
    if (rounds == 0)
        return 5;
    double norm = 0;
    uint32_t hash = 0;
    for (uint32_t round = 0; round < rounds; round++) {
        double r = spectral_norm();
        uint32_t h = hash_vectors();
        if (round > 0 && (bits(r) != bits(norm) || h != hash)) {
            console_puts(GUEST_NAME ": rounds disagree\n");
            return 3;
        }
        norm = r;
        hash = h;
    }
    console_puts(GUEST_NAME ": spectral norm ");
    put_double(norm);
    console_puts(", vector hash ");
    console_put_hex32(hash);
    console_puts(", ");
    console_put_u32(rounds);
    console_puts(" rounds\n");
    return 0;
}
