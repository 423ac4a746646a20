/*
 * sse4-64 - SSE4.1, SSE4.2 and POPCNT through GCC's intrinsics: lane insertion and extraction,
 * the packed-integer additions, ROUND* in every mode, DPPS/DPPD, blends, PTEST, MPSADBW,
 * PHMINPOSUW, CRC32 chains and the four string compares over short texts, each family hashed over
 * a few thousand pseudo-random inputs. As with simd64, the expected output is the same object code
 * run natively on the build host, so the oracle is the host's SSE unit. (RCPPS/RSQRTPS are left
 * out: their results are the vendor's, and the expected output must not depend on it.)
 */
#include "family_hash.h"
#define _MM_MALLOC_H_INCLUDED /* xmmintrin.h's allocator needs a hosted stdlib.h */
#include <nmmintrin.h>

#define ROUNDS 2048

static void mix(__m128i v) { mix_bytes(&v, 16); }
static void mix32(uint32_t v) { mix_bytes(&v, 4); }

static __m128i random_vector(void)
{
    return _mm_set_epi32((int)next(), (int)next(), (int)next(), (int)next());
}

/* Bytes from a small alphabet with a zero now and then, so string compares find things. */
static __m128i random_text(void)
{
    static const char alphabet[] = "abcz019";
    uint8_t t[16];
    for (int k = 0; k < 16; k++) t[k] = next() % 23 == 0 ? 0 : alphabet[next() % 7];
    return _mm_loadu_si128((const __m128i *)t);
}

/* Doubles that hit ties, negative zero, halves and large values; now and then raw bits. */
static double random_double(void)
{
    uint32_t r = next();
    if (r % 11 == 0) {
        uint64_t bits = (uint64_t)next() << 32 | next();
        double d;
        __builtin_memcpy(&d, &bits, 8);
        return d;
    }
    return (double)((int)(r % 4001) - 2000) / (double)(1 + next() % 8);
}

static void lanes(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        __m128i a = random_vector(), b = random_vector();
        uint32_t x = next();
        OPAQUE(a);
        mix(_mm_insert_epi8(a, (int)x, 5));
        mix(_mm_insert_epi32(a, (int)x, 3));
        mix(_mm_insert_epi64(a, (long long)x << 29, 1));
        mix32((uint32_t)_mm_extract_epi8(a, 13) + (uint32_t)_mm_extract_epi16(b, 6) * 7);
        mix32((uint32_t)_mm_extract_epi32(a, 2));
        long long q = _mm_extract_epi64(b, 1);
        mix_bytes(&q, 8);
        mix32((uint32_t)_mm_extract_ps(_mm_castsi128_ps(a), 1));
        mix(_mm_castps_si128(_mm_insert_ps(_mm_castsi128_ps(a), _mm_castsi128_ps(b), 0x9A)));
        mix(_mm_castps_si128(_mm_insert_ps(_mm_castsi128_ps(a), _mm_castsi128_ps(b), 0x30)));
    }
    report("lanes");
}

static void integers(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        __m128i a = random_vector(), b = random_vector();
        OPAQUE(a);
        mix(_mm_mullo_epi32(a, b));
        mix(_mm_mul_epi32(a, b));
        mix(_mm_min_epi8(a, b));
        mix(_mm_max_epu32(a, b));
        mix(_mm_min_epu16(a, b));
        mix(_mm_max_epi32(a, b));
        mix(_mm_cvtepi8_epi32(a));
        mix(_mm_cvtepu16_epi64(b));
        mix(_mm_cvtepi32_epi64(a));
        mix(_mm_packus_epi32(a, b));
        mix(_mm_cmpeq_epi64(a, _mm_blend_epi16(a, b, 0x0F)));
        mix(_mm_cmpgt_epi64(a, b));
        mix(_mm_minpos_epu16(a));
        mix(_mm_mpsadbw_epu8(a, b, 5));
        mix(_mm_blendv_epi8(a, b, _mm_xor_si128(a, b)));
        mix32((uint32_t)(_mm_testz_si128(a, b) | _mm_testc_si128(a, b) << 1 | _mm_testnzc_si128(a, b) << 2));
        mix32((uint32_t)__builtin_popcountll((unsigned long long)_mm_cvtsi128_si64(a)));
    }
    report("integers");
}

static void floats(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        __m128d a = _mm_set_pd(random_double(), random_double()), b = _mm_set_pd(random_double(), random_double());
        OPAQUE(a);
        __m128 f = _mm_cvtpd_ps(a), g = _mm_cvtpd_ps(b);
        mix(_mm_castpd_si128(_mm_round_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)));
        mix(_mm_castpd_si128(_mm_round_pd(a, _MM_FROUND_TO_NEG_INF)));
        mix(_mm_castpd_si128(_mm_round_sd(b, a, _MM_FROUND_TO_POS_INF)));
        mix(_mm_castpd_si128(_mm_round_pd(b, _MM_FROUND_TO_ZERO)));
        mix(_mm_castps_si128(_mm_round_ps(f, _MM_FROUND_CUR_DIRECTION)));
        mix(_mm_castps_si128(_mm_round_ss(g, f, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)));
        mix(_mm_castps_si128(_mm_dp_ps(f, g, 0xF1)));
        mix(_mm_castps_si128(_mm_dp_ps(f, g, 0x7E)));
        mix(_mm_castpd_si128(_mm_dp_pd(a, b, 0x31)));
        mix(_mm_castpd_si128(_mm_blendv_pd(a, b, a)));
        mix(_mm_castps_si128(_mm_blend_ps(f, g, 0x5)));
    }
    report("floats");
}

static void crc(void)
{
    uint64_t c = 0xFFFFFFFFu;
    for (int i = 0; i < ROUNDS; i++) {
        uint32_t x = next();
        c = _mm_crc32_u8((uint32_t)c, (uint8_t)x);
        c = _mm_crc32_u16((uint32_t)c, (uint16_t)(x >> 8));
        c = _mm_crc32_u32((uint32_t)c, x * 2654435761u);
        c = _mm_crc32_u64(c, (uint64_t)x << 32 | next());
        mix32((uint32_t)c);
    }
    report("crc32");
}

/* The string compares with a spread of control bytes (format, aggregation, polarity, index end). */
#define STRINGS(imm)                                                                                   \
    do {                                                                                               \
        mix32((uint32_t)_mm_cmpistri(a, b, imm) | (uint32_t)_mm_cmpistrc(a, b, imm) << 8               \
              | (uint32_t)_mm_cmpistrz(a, b, imm) << 9 | (uint32_t)_mm_cmpistrs(a, b, imm) << 10       \
              | (uint32_t)_mm_cmpistro(a, b, imm) << 11);                                               \
        mix(_mm_cmpistrm(a, b, imm));                                                                   \
        mix32((uint32_t)_mm_cmpestri(a, la, b, lb, imm) | (uint32_t)_mm_cmpestra(a, la, b, lb, imm) << 8); \
        mix(_mm_cmpestrm(a, la, b, lb, imm));                                                           \
    } while (0)

static void strings(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        __m128i a = random_text(), b = random_text();
        int la = (int)(next() % 21) - 2, lb = (int)(next() % 21) - 2;
        OPAQUE(a);
        STRINGS(_SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY);
        STRINGS(_SIDD_UBYTE_OPS | _SIDD_CMP_RANGES | _SIDD_MASKED_NEGATIVE_POLARITY);
        STRINGS(_SIDD_SBYTE_OPS | _SIDD_CMP_EQUAL_EACH | _SIDD_MOST_SIGNIFICANT);
        STRINGS(_SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ORDERED | _SIDD_UNIT_MASK);
        STRINGS(_SIDD_UWORD_OPS | _SIDD_CMP_EQUAL_ANY | _SIDD_NEGATIVE_POLARITY);
        STRINGS(_SIDD_SWORD_OPS | _SIDD_CMP_RANGES | _SIDD_BIT_MASK);
    }
    report("strings");
}

int kernel_main(void)
{
    lanes();
    integers();
    floats();
    crc();
    strings();
    return 0;
}
