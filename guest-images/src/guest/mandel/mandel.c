/*
 * mandel32 / mandel64 - floating point: the Mandelbrot set as 72x24 ASCII art on COM1, then
 * the total iteration count and a hash of the exact bits of every escaping z. mandel32 is built
 * for the x87 (80-bit registers, GCC's default for -m32), mandel64 for SSE2 (64-bit doubles),
 * so each checks its own unit bit for bit. The expected output is this same object code run
 * natively on the build host (see build.sh), so the oracle is the host's FPU.
 *
 * Exit code: 0 (the guest cannot tell a wrong picture from a right one; the output does).
 */
#include <stdint.h>
#include "console.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define WIDTH 72
#define HEIGHT 24
#define MAX_ITERATIONS 1000

static uint32_t hash = 2166136261u;

static void mix_bytes(const void *data, unsigned length)
{
    const uint8_t *p = data;
    for (unsigned i = 0; i < length; i++) {
        hash ^= p[i];
        hash *= 16777619u;                      /* FNV-1a */
    }
}

static char shade(int n)
{
    if (n >= MAX_ITERATIONS)
        return '#';                             /* inside the set */
    static const char ramp[] = " .:-=+*%";      /* escaped after 0-1, 2-3, 4-7, ... iterations */
    int band = 0;
    while (band < 7 && n >= (2 << band))
        band++;
    return ramp[band];
}

int kernel_main(void)
{
    uint32_t total = 0;
    for (int row = 0; row < HEIGHT; row++) {
        double ci = 1.2 - 2.4 * row / (HEIGHT - 1);
        for (int col = 0; col < WIDTH; col++) {
            double cr = -2.1 + 2.8 * col / (WIDTH - 1);
            double zr = 0.0, zi = 0.0;
            int n = 0;
            while (n < MAX_ITERATIONS && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                n++;
            }
            total += (uint32_t)n;
            if (n < MAX_ITERATIONS) {
                mix_bytes(&zr, sizeof zr);
                mix_bytes(&zi, sizeof zi);
            }
            console_putc(shade(n));
        }
        console_putc('\n');
    }
    console_puts(GUEST_NAME ": ");
    console_put_u32(WIDTH * HEIGHT);
    console_puts(" points, ");
    console_put_u32(total);
    console_puts(" iterations, escape hash ");
    console_put_hex32(hash);
    console_putc('\n');
    return 0;
}
