/*
 * simd64 - SSE2, the x86-64 baseline every compiler uses: GCC vector extensions over 128-bit
 * registers (packed 8/16/32/64-bit integer add, sub, multiply, shifts, compares, logic,
 * shuffles, and packed doubles with division and square root), each family hashed over a few
 * thousand pseudo-random vectors. As with alu64, the expected output is the same object code
 * run natively on the build host, so the oracle is the host's SSE unit.
 */
#include "family_hash.h"

typedef uint8_t v16u8 __attribute__((vector_size(16)));
typedef int16_t v8i16 __attribute__((vector_size(16)));
typedef uint16_t v8u16 __attribute__((vector_size(16)));
typedef int32_t v4i32 __attribute__((vector_size(16)));
typedef uint32_t v4u32 __attribute__((vector_size(16)));
typedef int64_t v2i64 __attribute__((vector_size(16)));
typedef double v2f64 __attribute__((vector_size(16)));

#define ROUNDS 4096

static v4u32 random_vector(void)
{
    v4u32 v = { next(), next(), next(), next() };
    return v;
}

static void bytes(v4u32 ra, v4u32 rb)
{
    v16u8 a = (v16u8)ra, b = (v16u8)rb;
    v16u8 r1 = a + b, r2 = a - b;
    v16u8 less = (v16u8)(a < b);
    v16u8 r3 = (a & less) | (b & ~less);                        /* an unsigned byte minimum */
    v16u8 r4 = (v16u8)((v8u16)a & 0xff);                        /* PAND with a word mask */
    mix_bytes(&r1, 16); mix_bytes(&r2, 16); mix_bytes(&r3, 16); mix_bytes(&r4, 16);
}

static void words(v4u32 ra, v4u32 rb)
{
    v8i16 a = (v8i16)ra, b = (v8i16)rb;
    v8i16 r1 = a * b;                                           /* PMULLW */
    v8i16 r2 = a >> 3, r3 = (v8i16)((v8u16)a >> 5), r4 = a << 7;
    v8i16 r5 = a > b;                                           /* PCMPGTW */
    mix_bytes(&r1, 16); mix_bytes(&r2, 16); mix_bytes(&r3, 16);
    mix_bytes(&r4, 16); mix_bytes(&r5, 16);
}

static void dwords(v4u32 ra, v4u32 rb)
{
    v4i32 a = (v4i32)ra, b = (v4i32)rb;
    v4i32 r1 = a + b, r2 = a * b;                               /* no PMULLD in SSE2: PMULUDQ */
    v4i32 r3 = a == b, r4 = a > b, r5 = (a & b) | (a ^ ~b);
    v4i32 r6 = a >> (b & 31);                                   /* per-lane counts */
    mix_bytes(&r1, 16); mix_bytes(&r2, 16); mix_bytes(&r3, 16);
    mix_bytes(&r4, 16); mix_bytes(&r5, 16); mix_bytes(&r6, 16);
}

static void qwords(v4u32 ra, v4u32 rb)
{
    v2i64 a = (v2i64)ra, b = (v2i64)rb;
    const v2i64 sign = { INT64_MIN, INT64_MIN };
    v2i64 r1 = a + b, r2 = a - b, r3 = a << 9, r4 = a ^ sign;
    mix_bytes(&r1, 16); mix_bytes(&r2, 16); mix_bytes(&r3, 16); mix_bytes(&r4, 16);
}

static void shuffles(v4u32 ra, v4u32 rb)
{
    v4i32 a = (v4i32)ra, b = (v4i32)rb;
    v4i32 r1 = __builtin_shuffle(a, (v4i32){3, 1, 2, 0});                     /* PSHUFD */
    v4i32 r2 = __builtin_shuffle(a, b, (v4i32){0, 4, 1, 5});                  /* PUNPCKLDQ */
    v8i16 r3 = __builtin_shuffle((v8i16)a, (v8i16)b, (v8i16){4, 12, 5, 13, 6, 14, 7, 15});
    v16u8 r4 = __builtin_shuffle((v16u8)a, (v16u8)b,
                                 (v16u8){0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23});
    mix_bytes(&r1, 16); mix_bytes(&r2, 16); mix_bytes(&r3, 16); mix_bytes(&r4, 16);
}

static void doubles(v4u32 ra, v4u32 rb)
{
    /* Finite operands: exponent bits forced into [1, 4). */
    v2i64 bits_a = ((v2i64)ra & 0x000fffffffffffffll) | 0x3ff0000000000000ll;
    v2i64 bits_b = ((v2i64)rb & 0x000fffffffffffffll) | 0x4000000000000000ll;
    v2f64 a = (v2f64)bits_a, b = (v2f64)bits_b;
    v2f64 r1 = a + b, r2 = a * b, r3 = a / b, r4 = a - b * a;
    v2f64 r5 = __builtin_ia32_sqrtpd(a);
    v2i64 r6 = a < b;                                           /* CMPLTPD */
    mix_bytes(&r1, 16); mix_bytes(&r2, 16); mix_bytes(&r3, 16);
    mix_bytes(&r4, 16); mix_bytes(&r5, 16); mix_bytes(&r6, 16);
}

static void conversions(v4u32 ra, v4u32 rb)
{
    v4i32 a = (v4i32)ra;
    v2f64 d = { (double)a[0], (double)a[1] };                   /* CVTSI2SD */
    d = d * 0.375;
    int32_t i0 = (int32_t)d[0], i1 = (int32_t)d[1];            /* CVTTSD2SI */
    int64_t i2 = (int64_t)((double)((v2i64)rb)[0] * 1e-9);
    mix_bytes(&d, 16); mix_bytes(&i0, 4); mix_bytes(&i1, 4); mix_bytes(&i2, 8);
}

static void run(const char *name, void (*family)(v4u32, v4u32))
{
    for (int round = 0; round < ROUNDS; round++) {
        v4u32 a = random_vector(), b = random_vector();
        OPAQUE(a);
        OPAQUE(b);
        family(a, b);
    }
    report(name);
}

int kernel_main(void)
{
    run("bytes", bytes);
    run("words", words);
    run("dwords", dwords);
    run("qwords", qwords);
    run("shuffles", shuffles);
    run("packed doubles", doubles);
    run("conversions", conversions);
    return 0;
}
