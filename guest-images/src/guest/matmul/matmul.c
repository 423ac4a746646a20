/*
 * matmul32 / matmul64 - a CPU-bound kernel: C = A x B for N x N matrices of 32-bit integers
 * (wrapping arithmetic), A and B filled from xorshift32 with a new seed each round, ROUNDS
 * times. Each product is checked against the identity sum(C) = sum_k colsum_k(A) * rowsum_k(B)
 * (which holds modulo 2^32 too) and folded into a checksum. The round count comes from the
 * command line ("rounds=N", cmdline.h), default DEFAULT_ROUNDS; the output names it. build.sh
 * compiles this file natively and runs it to get the expected output (default rounds), and for
 * the guest twice: a 32-bit multiboot kernel (matmul32) and an ELF64 (matmul64); GUEST_NAME
 * says which.
 *
 * Exit codes: 0 success; 2 bad multiboot magic (start code); 3 the sum identity failed;
 *   5 bad rounds=N.
 */
#include <stdint.h>
#include "console.h"
#include "cmdline.h"
#include "xorshift32.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define N 128
#define DEFAULT_ROUNDS 4

static uint32_t a[N][N], b[N][N], c[N][N];

/* C = A x B, row by row: c[i][j] += a[i][k] * b[k][j] with j innermost. */
static void multiply(void)
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++)
            c[i][j] = 0;
        for (int k = 0; k < N; k++) {
            uint32_t aik = a[i][k];
            for (int j = 0; j < N; j++)
                c[i][j] += aik * b[k][j];
        }
    }
}

int kernel_main(void)
{
    uint32_t rounds = cmdline_number("rounds", DEFAULT_ROUNDS);
    if (rounds == 0) {
        console_puts(GUEST_NAME ": bad rounds=N on the command line\n");
        return 5;
    }
    uint32_t checksum = 0;
    uint32_t seed = 0x9e3779b9u;
    for (uint32_t round = 0; round < rounds; round++) {
        /* Signed values in -32768..32767 in A, full 32-bit words in B. */
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                a[i][j] = (uint32_t)(int32_t)(int16_t)xorshift32(&seed);
                b[i][j] = xorshift32(&seed);
            }
        multiply();
        uint32_t expected = 0;
        for (int k = 0; k < N; k++) {
            uint32_t column = 0, row = 0;
            for (int i = 0; i < N; i++) {
                column += a[i][k];
                row += b[k][i];
            }
            expected += column * row;
        }
        uint32_t total = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                total += c[i][j];
                checksum = (checksum ^ c[i][j]) * 16777619u;
            }
        if (total != expected) {
            console_puts(GUEST_NAME ": sum of the product wrong\n");
            return 3;
        }
    }
    console_puts(GUEST_NAME ": ");
    console_put_u32(N);
    console_puts("x");
    console_put_u32(N);
    console_puts(" matrices multiplied, checksum ");
    console_put_hex32(checksum);
    console_puts(", ");
    console_put_u32(rounds);
    console_puts(" rounds\n");
    return 0;
}
