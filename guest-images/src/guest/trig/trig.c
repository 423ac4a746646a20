/*
 * trig32 - the x87 transcendentals without libm: every one of FSIN, FCOS, FSINCOS, FPTAN, FPATAN,
 * F2XM1, FYL2X and FYL2XP1 through inline assembly, in long double.
 *
 * 1. A 256-point radix-2 FFT of a signal of three tones, twiddles from FSINCOS, the signal from
 *    FSIN/FCOS; printed: every bin with energy (magnitude and phase by FPATAN), and whether the
 *    inverse transform gives the signal back to 1e-12.
 * 2. Kepler's equation E - e sin E = M solved by Newton's method for 12 mean anomalies of an
 *    orbit of eccentricity 0.6 (FSIN, FCOS), then the true anomaly by FPATAN and the radius.
 * 3. log2 and 2^x by FYL2X, FYL2XP1 and F2XM1 (x = 2^i * (2^f - 1 + 1)), checked against each
 *    other, and tangents by FPTAN.
 * 4. An operand of 2^64: FSIN must set C2 and leave it.
 *
 * Values are printed as integers rounded at 1e-6 or 1e-9, far above the last bits: QEMU's TCG
 * computes FSIN/FCOS/FPTAN through the host's double precision, this machine's CPU with its
 * 80-bit microcode, and both print the same. Arguments stay small, so the x87's 66-bit pi (which
 * drifts from the true pi for large arguments) does not show either.
 *
 * Exit code: 0 (the output is the check).
 */
#include <stdint.h>
#include "console.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define N 256
#define LOG_N 8

static long double pi(void)
{
    long double r;
    __asm__("fldpi" : "=t"(r));
    return r;
}

static long double x87_sin(long double x)
{
    __asm__("fsin" : "+t"(x));
    return x;
}

static long double x87_cos(long double x)
{
    __asm__("fcos" : "+t"(x));
    return x;
}

static void x87_sincos(long double x, long double *s, long double *c)
{
    long double sine, cosine;
    __asm__("fsincos" : "=t"(cosine), "=u"(sine) : "0"(x));
    *s = sine;
    *c = cosine;
}

static long double x87_tan(long double x)
{
    long double one, t;
    __asm__("fptan" : "=t"(one), "=u"(t) : "0"(x));
    (void)one;
    return t;
}

/* atan2(y, x): FPATAN computes atan(ST1 / ST0) and pops. */
static long double x87_atan2(long double y, long double x)
{
    long double r;
    __asm__("fpatan" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}

/* y * log2(x) */
static long double x87_yl2x(long double y, long double x)
{
    long double r;
    __asm__("fyl2x" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}

/* y * log2(x + 1) */
static long double x87_yl2xp1(long double y, long double x)
{
    long double r;
    __asm__("fyl2xp1" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}

static long double x87_sqrt(long double x)
{
    __asm__("fsqrt" : "+t"(x));
    return x;
}

/* 2^x = 2^round(x) * (F2XM1(x - round(x)) + 1), FRNDINT and FSCALE for the integer part. */
static long double x87_exp2(long double x)
{
    long double n, f, r;
    __asm__("frndint" : "=t"(n) : "0"(x));
    f = x - n;
    __asm__("f2xm1" : "+t"(f));
    r = f + 1;
    __asm__("fscale" : "+t"(r) : "u"(n));
    return r;
}

static long double fabsl_(long double x)
{
    return x < 0 ? -x : x;
}

/* x * scale rounded to the nearest integer (halves away from zero). */
static long long fixed(long double x, long double scale)
{
    long double v = x * scale;
    return (long long)(v < 0 ? v - 0.5L : v + 0.5L);
}

static void put_dec(long long v)
{
    char digits[24];
    int n = 0;
    unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
    if (v < 0)
        console_putc('-');
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    while (n > 0)
        console_putc(digits[--n]);
}

static long double re[N], im[N], signal[N];

static void fft(int inverse)
{
    for (unsigned i = 1, j = 0; i < N; i++) { /* bit reversal */
        unsigned bit = N >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            long double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
    for (unsigned len = 2; len <= N; len <<= 1) {
        for (unsigned k = 0; k < len / 2; k++) {
            long double s, c;
            x87_sincos((inverse ? 2 : -2) * pi() * k / len, &s, &c);
            for (unsigned i = k; i < N; i += len) {
                unsigned j = i + len / 2;
                long double tr = re[j] * c - im[j] * s, ti = re[j] * s + im[j] * c;
                re[j] = re[i] - tr;
                im[j] = im[i] - ti;
                re[i] += tr;
                im[i] += ti;
            }
        }
    }
}

static void spectrum(void)
{
    for (int n = 0; n < N; n++) {
        long double t = 2 * pi() * n / N;
        signal[n] = 3 * x87_sin(5 * t) + 2 * x87_cos(17 * t + 0.3L) + 0.5L * x87_sin(40 * t - 1);
        re[n] = signal[n];
        im[n] = 0;
    }
    fft(0);
    console_puts(GUEST_NAME ": fft bins");
    for (int k = 0; k <= N / 2; k++) {
        long double magnitude = x87_sqrt(re[k] * re[k] + im[k] * im[k]) / (N / 2);
        if (magnitude < 0.01L)
            continue;
        console_putc(' ');
        put_dec(k);
        console_putc(':');
        put_dec(fixed(magnitude, 1e6L));
        console_putc('@');
        put_dec(fixed(x87_atan2(im[k], re[k]), 1e6L));
    }
    fft(1);
    long double worst = 0;
    for (int n = 0; n < N; n++) {
        long double d = fabsl_(re[n] / N - signal[n]);
        if (d > worst)
            worst = d;
    }
    console_puts(worst < 1e-12L ? "; inverse ok\n" : "; inverse FAILED\n");
}

static void kepler(void)
{
    const long double e = 0.6L;
    console_puts(GUEST_NAME ": kepler");
    for (int k = 0; k < 12; k++) {
        long double m = 2 * pi() * k / 12 + 0.1L, ecc = m;
        for (int i = 0; i < 30; i++)
            ecc -= (ecc - e * x87_sin(ecc) - m) / (1 - e * x87_cos(ecc));
        long double s, c;
        x87_sincos(ecc / 2, &s, &c);
        long double nu = 2 * x87_atan2(x87_sqrt(1 + e) * s, x87_sqrt(1 - e) * c);
        long double r = 1 - e * x87_cos(ecc);
        console_putc(' ');
        put_dec(fixed(ecc, 1e9L));
        console_putc('/');
        put_dec(fixed(nu, 1e9L));
        console_putc('/');
        put_dec(fixed(r, 1e9L));
    }
    console_putc('\n');
}

static void logarithms(void)
{
    long long sum_log = 0, sum_log1p = 0, sum_tan = 0;
    long double worst = 0;
    for (int k = 1; k <= 40; k++) {
        long double x = k * 0.37L;
        long double l = x87_yl2x(1, x);
        sum_log += fixed(l, 1e9L);
        long double back = x87_exp2(l);
        long double d = fabsl_(back - x) / x;
        if (d > worst)
            worst = d;
        sum_log1p += fixed(x87_yl2xp1(1e6L, k * 7e-3L - 0.14L), 1e3L);
        sum_tan += fixed(x87_tan(k * 0.0375L - 0.75L), 1e9L);
    }
    console_puts(GUEST_NAME ": log2 sum ");
    put_dec(sum_log);
    console_puts(", log2(1+x) sum ");
    put_dec(sum_log1p);
    console_puts(", tan sum ");
    put_dec(sum_tan);
    console_puts(worst < 1e-15L ? ", 2^log2 ok\n" : ", 2^log2 FAILED\n");
}

static void out_of_range(void)
{
    long double big = 18446744073709551616.0L; /* 2^64 */
    long double r = big;
    uint16_t sw;
    __asm__("fsin\n\tfnstsw %1" : "+t"(r), "=a"(sw));
    console_puts(GUEST_NAME ": fsin(2^64) C2 ");
    console_putc((sw & 0x400) ? '1' : '0');
    console_puts(r == big ? " unchanged\n" : " changed\n");
}

int kernel_main(void)
{
    spectrum();
    kepler();
    logarithms();
    out_of_range();
    return 0;
}
