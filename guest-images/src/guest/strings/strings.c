/*
 * strings32 / strings64 - the string instructions: MOVS, STOS, LODS, CMPS, SCAS in byte, word,
 * dword (and qword) sizes, with and without REP/REPE/REPNE, forwards (DF=0) and backwards
 * (DF=1), over overlapping buffers, zero counts and every small length and alignment. Each
 * family hashes the buffers, the final RSI/RDI/RCX and the flags CMPS/SCAS define. As with
 * alu32, the expected output is the same object code run natively on the build host.
 */
#include <stdint.h>
#include "console.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#if defined(__x86_64__)
typedef uint64_t uword;
#else
typedef uint32_t uword;
#endif

#define ARITH_FLAGS 0x8d5u                      /* CF PF AF ZF SF OF */
#define BUFFER 160                             /* where the far destination starts */
#define MAX_COUNT 16
#define ALIGNMENTS 4

/* Source and destination may overlap in here. Sized for the farthest reach: an 8-byte element
 * family moving forwards from offset 32*8 + 3 to BUFFER + 3 + 32*8, MAX_COUNT elements. */
static uint8_t memory[BUFFER + 3 + 32 * 8 + MAX_COUNT * 8 + 8];
static uint32_t hash;

static void mix(uword v)
{
    for (unsigned i = 0; i < sizeof v; i++) {
        hash ^= (uint8_t)(v >> (8 * i));
        hash *= 16777619u;                      /* FNV-1a */
    }
}

static void fill(unsigned seed)
{
    uint32_t x = 2463534242u ^ seed;
    for (unsigned i = 0; i < sizeof memory; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        memory[i] = (uint8_t)(x & 0x0f);        /* small alphabet: CMPS/SCAS find matches */
    }
}

static void mix_memory(void)
{
    for (unsigned i = 0; i < sizeof memory; i++) {
        hash ^= memory[i];
        hash *= 16777619u;
    }
}

static void mix_pointers(uword si, uword di, uword cx)
{
    mix(si - (uword)(uintptr_t)memory);         /* offsets: the buffer address differs */
    mix(di - (uword)(uintptr_t)memory);
    mix(cx);
}

/* One string operation: source offset, destination offset, count, and DF; the instruction
 * text sees RSI/RDI/RCX/RAX set and leaves flags in *flags. STD/CLD bracket it so C code
 * always runs with DF=0, as the ABI requires. */
#define STRING_OP(fn, insn)                                                               \
    static void fn(unsigned src, unsigned dst, uword count, int backwards, uword value)   \
    {                                                                                     \
        uword si = (uword)(uintptr_t)(memory + src), di = (uword)(uintptr_t)(memory + dst); \
        uword cx = count, ax = value, flags;                                              \
        if (backwards) {                                                                  \
            __asm__ volatile("std\n\t" insn "\n\tpushf\n\tpop %[f]\n\tcld"                \
                             : "+S"(si), "+D"(di), "+c"(cx), "+a"(ax), [f] "=&r"(flags)   \
                             :                                                            \
                             : "cc", "memory");                                           \
        } else {                                                                          \
            __asm__ volatile("cld\n\t" insn "\n\tpushf\n\tpop %[f]"                       \
                             : "+S"(si), "+D"(di), "+c"(cx), "+a"(ax), [f] "=&r"(flags)   \
                             :                                                            \
                             : "cc", "memory");                                           \
        }                                                                                 \
        mix_pointers(si, di, cx);                                                         \
        mix(ax);                                                                          \
        mix(flags & ARITH_FLAGS);                                                         \
    }

STRING_OP(rep_movsb, "rep movsb")
STRING_OP(rep_movsw, "rep movsw")
STRING_OP(rep_movsl, "rep movsl")
STRING_OP(rep_stosb, "rep stosb")
STRING_OP(rep_stosl, "rep stosl")
STRING_OP(movsb_once, "movsb")
STRING_OP(lodsb_once, "lodsb")
STRING_OP(lodsl_once, "lodsl")
STRING_OP(repe_cmpsb, "repe cmpsb")
STRING_OP(repne_cmpsb, "repne cmpsb")
STRING_OP(repe_cmpsl, "repe cmpsl")
STRING_OP(repne_scasb, "repne scasb")
STRING_OP(repe_scasb, "repe scasb")
STRING_OP(repne_scasw, "repne scasw")
#if defined(__x86_64__)
STRING_OP(rep_movsq, "rep movsq")
STRING_OP(repe_cmpsq, "repe cmpsq")
#endif

typedef void (*string_op)(unsigned, unsigned, uword, int, uword);

struct family {
    const char *name;
    string_op run;
    unsigned size;                              /* bytes per element */
};

static const struct family families[] = {
    { "rep movsb", rep_movsb, 1 },     { "rep movsw", rep_movsw, 2 },
    { "rep movsd", rep_movsl, 4 },     { "rep stosb", rep_stosb, 1 },
    { "rep stosd", rep_stosl, 4 },     { "movsb", movsb_once, 1 },
    { "lodsb", lodsb_once, 1 },        { "lodsd", lodsl_once, 4 },
    { "repe cmpsb", repe_cmpsb, 1 },   { "repne cmpsb", repne_cmpsb, 1 },
    { "repe cmpsd", repe_cmpsl, 4 },   { "repne scasb", repne_scasb, 1 },
    { "repe scasb", repe_scasb, 1 },   { "repne scasw", repne_scasw, 2 },
#if defined(__x86_64__)
    { "rep movsq", rep_movsq, 8 },     { "repe cmpsq", repe_cmpsq, 8 },
#endif
};

int kernel_main(void)
{
    for (unsigned f = 0; f < sizeof families / sizeof families[0]; f++) {
        const struct family *family = &families[f];
        hash = 2166136261u;
        unsigned seed = 0;
        for (unsigned count = 0; count <= MAX_COUNT; count++) {
            for (unsigned src = 0; src < ALIGNMENTS; src++) {
                /* Destinations: apart, overlapping just after the source, just before it. */
                unsigned dsts[3] = { BUFFER + 3, src + 1, src + 8 + 2 * family->size };
                for (int d = 0; d < 3; d++) {
                    for (int backwards = 0; backwards < 2; backwards++) {
                        fill(seed++);
                        /* Room below for backwards runs: 32 elements. */
                        unsigned s = src + 32 * family->size, dst = dsts[d] + 32 * family->size;
                        uword value = memory[(s + 5) % sizeof memory] * 0x01010101u;
                        family->run(s, dst, count, backwards, value);
                        mix_memory();
                    }
                }
            }
        }
        console_puts(GUEST_NAME ": ");
        console_puts(family->name);
        console_putc(' ');
        console_put_hex32(hash);
        console_putc('\n');
    }
    return 0;
}
