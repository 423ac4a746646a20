/*
 * alu32 / alu64 - integer instructions and the flags they leave, checked against the build
 * host's own CPU. Each instruction family runs over every pair of a set of edge-case and
 * pseudo-random operands, starting from two known flag states (all arithmetic flags clear,
 * all set), and folds the result and the *defined* flags (Intel SDM Vol. 2 per instruction;
 * undefined ones are masked out) into one FNV-1a hash per family, printed as a line.
 *
 * build.sh compiles this file three ways: for the guest (-m32 multiboot or x86-64 ELF64) and
 * natively for the host in the same bitness; the native run's output is the expected output,
 * so the oracle is real silicon. A wrong line names the family to look at. alu32 also runs the
 * BCD adjustments (DAA DAS AAA AAS AAM AAD), which 64-bit mode lacks.
 */
#include <stdint.h>
#include "console.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#if defined(__x86_64__)
typedef uint64_t uword;
typedef int64_t sword;
#define WORD_BITS 64
#define SUFFIX "q"                              /* operand-size suffix where no register tells */
#else
typedef uint32_t uword;
typedef int32_t sword;
#define WORD_BITS 32
#define SUFFIX "l"
#endif

#define CF 0x001u
#define PF 0x004u
#define AF 0x010u
#define ZF 0x040u
#define SF 0x080u
#define OF 0x800u
#define ARITH (CF | PF | AF | ZF | SF | OF)
#define FLAGS_FIXED 0x002u                      /* bit 1 of EFLAGS always reads 1 */
#define LOGIC (ARITH & ~AF)                     /* AND/OR/XOR/TEST: AF undefined */

static const uword initial_flags[2] = { FLAGS_FIXED, FLAGS_FIXED | ARITH };

/* ---- the operands ---- */

#define RANDOM_OPERANDS 12
static uword operands[64];
static unsigned operand_count;

static void add_operand(uword v) { operands[operand_count++] = v; }

static void make_operands(void)
{
    static const uint32_t edges[] = {
        0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
        0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
    };
    for (unsigned i = 0; i < sizeof edges / sizeof edges[0]; i++)
        add_operand(edges[i]);
#if WORD_BITS == 64
    add_operand(0x100000000u);
    add_operand(0x7fffffffffffffffu);
    add_operand(0x8000000000000000u);
    add_operand(0xffffffff00000000u);
    add_operand(0xfffffffffffffffeu);
    add_operand(0xffffffffffffffffu);
#endif
    uint32_t x = 2463534242u;                   /* Marsaglia's xorshift32 */
    for (int i = 0; i < RANDOM_OPERANDS; i++) {
        uword v = 0;
        for (int half = 0; half < WORD_BITS / 32; half++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            v = (v << 16 << 16) | x;
        }
        add_operand(v);
    }
}

/* ---- hashing ---- */

static uint32_t hash;

static void mix32(uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        hash ^= (v >> (8 * i)) & 0xff;
        hash *= 16777619u;                      /* FNV-1a prime */
    }
}

static void mix(uword v)
{
    mix32((uint32_t)v);
#if WORD_BITS == 64
    mix32((uint32_t)(v >> 32));
#endif
}

static void report(const char *family)
{
    console_puts(GUEST_NAME ": ");
    console_puts(family);
    console_puts(" ");
    console_put_hex32(hash);
    console_putc('\n');
}

/* ---- the instructions: each starts from known flags (PUSH/POPF) and returns them (PUSHF) ---- */

#define ENTER "push %[init]\n\tpopf\n\t"
#define LEAVE "\n\tpushf\n\tpop %[f]"

/* a = a OP b */
#define BINARY(fn, insn)                                                                  \
    static uword fn(uword a, uword b, uword init, uword *flags)                           \
    {                                                                                     \
        __asm__ volatile(ENTER insn " %[b], %[a]" LEAVE                                   \
                         : [a] "+&r"(a), [f] "=&r"(*flags)                                \
                         : [b] "r"(b), [init] "r"(init)                                   \
                         : "cc", "memory");                                               \
        return a;                                                                         \
    }

/* a = OP a */
#define UNARY(fn, insn)                                                                   \
    static uword fn(uword a, uword b, uword init, uword *flags)                            \
    {                                                                                     \
        (void)b;                                                                          \
        __asm__ volatile(ENTER insn " %[a]" LEAVE                                         \
                         : [a] "+&r"(a), [f] "=&r"(*flags)                                \
                         : [init] "r"(init)                                               \
                         : "cc", "memory");                                               \
        return a;                                                                         \
    }

/* a = a OP (CL = low byte of b) */
#define SHIFT(fn, insn)                                                                   \
    static uword fn(uword a, uword b, uword init, uword *flags)                           \
    {                                                                                     \
        __asm__ volatile(ENTER insn " %%cl, %[a]" LEAVE                                   \
                         : [a] "+&r"(a), [f] "=&r"(*flags)                                \
                         : "c"(b), [init] "r"(init)                                       \
                         : "cc", "memory");                                               \
        return a;                                                                         \
    }

BINARY(op_add, "add")
BINARY(op_adc, "adc")
BINARY(op_sub, "sub")
BINARY(op_sbb, "sbb")
BINARY(op_cmp, "cmp")
BINARY(op_and, "and")
BINARY(op_or, "or")
BINARY(op_xor, "xor")
BINARY(op_test, "test")
BINARY(op_imul2, "imul")
BINARY(op_bt, "bt")
BINARY(op_bts, "bts")
BINARY(op_btr, "btr")
BINARY(op_btc, "btc")
BINARY(op_bsf, "bsf")
BINARY(op_bsr, "bsr")
UNARY(op_inc, "inc")
UNARY(op_dec, "dec")
UNARY(op_neg, "neg")
UNARY(op_not, "not")
UNARY(op_bswap, "bswap")
SHIFT(op_shl, "shl")
SHIFT(op_shr, "shr")
SHIFT(op_sar, "sar")
SHIFT(op_rol, "rol")
SHIFT(op_ror, "ror")
SHIFT(op_rcl, "rcl")
SHIFT(op_rcr, "rcr")

/* SHLD/SHRD a, b by CL = (a + b) & 0xff: a three-operand shift. */
#define DOUBLE_SHIFT(fn, insn)                                                            \
    static uword fn(uword a, uword b, uword init, uword *flags)                           \
    {                                                                                     \
        uword count = (a + b) & 0xff;                                                     \
        __asm__ volatile(ENTER insn " %%cl, %[b], %[a]" LEAVE                             \
                         : [a] "+&r"(a), [f] "=&r"(*flags)                                \
                         : [b] "r"(b), "c"(count), [init] "r"(init)                       \
                         : "cc", "memory");                                               \
        return a;                                                                         \
    }

DOUBLE_SHIFT(op_shld, "shld")
DOUBLE_SHIFT(op_shrd, "shrd")

/* One-operand MUL/IMUL: EDX:EAX = EAX * b; returns EAX, mixes EDX. */
#define WIDE_MULTIPLY(fn, insn)                                                           \
    static uword fn(uword a, uword b, uword init, uword *flags)                           \
    {                                                                                     \
        uword high;                                                                       \
        __asm__ volatile(ENTER insn " %[b]" LEAVE                                         \
                         : "+&a"(a), "=&d"(high), [f] "=&r"(*flags)                       \
                         : [b] "r"(b), [init] "r"(init)                                   \
                         : "cc", "memory");                                               \
        mix(high);                                                                        \
        return a;                                                                         \
    }

WIDE_MULTIPLY(op_mul, "mul")
WIDE_MULTIPLY(op_imul1, "imul")

/* CMPXCHG: compare EAX (= a) with b; equal: b = a ^ 1, else EAX = b. Returns b, mixes EAX. */
static uword op_cmpxchg(uword a, uword b, uword init, uword *flags)
{
    uword source = a ^ 1;
    __asm__ volatile(ENTER "cmpxchg %[s], %[b]" LEAVE
                     : "+&a"(a), [b] "+&r"(b), [f] "=&r"(*flags)
                     : [s] "r"(source), [init] "r"(init)
                     : "cc", "memory");
    mix(a);
    return b;
}

/* Partial registers: 8-bit (low and high byte) and 16-bit operations keep the rest. */
static uword op_add8(uword a, uword b, uword init, uword *flags)
{
    __asm__ volatile(ENTER "addb %b[b], %b[a]" LEAVE
                     : [a] "+&q"(a), [f] "=&r"(*flags)
                     : [b] "q"(b), [init] "r"(init)
                     : "cc", "memory");
    return a;
}

static uword op_sub8h(uword a, uword b, uword init, uword *flags)
{
    __asm__ volatile(ENTER "subb %h[b], %h[a]" LEAVE
                     : [a] "+&Q"(a), [f] "=&r"(*flags)
                     : [b] "Q"(b), [init] "r"(init)
                     : "cc", "memory");
    return a;
}

static uword op_adc16(uword a, uword b, uword init, uword *flags)
{
    __asm__ volatile(ENTER "adcw %w[b], %w[a]" LEAVE
                     : [a] "+&r"(a), [f] "=&r"(*flags)
                     : [b] "r"(b), [init] "r"(init)
                     : "cc", "memory");
    return a;
}

static uword op_movsx8(uword a, uword b, uword init, uword *flags)
{
    (void)a; (void)init;
    uword r;
    __asm__ volatile("movsbl %b[b], %k[r]" : [r] "=r"(r) : [b] "q"(b));
    *flags = 0;
    return r;
}

static uword op_movzx16(uword a, uword b, uword init, uword *flags)
{
    (void)a; (void)init;
    uword r;
    __asm__ volatile("movzwl %w[b], %k[r]" : [r] "=r"(r) : [b] "r"(b));
    *flags = 0;
    return r;
}

/* The sixteen conditions after an instruction, as a 16-bit mask (bit n = condition n). */
#define SETCC_ALL                                                                         \
    "\n\tseto 0(%[p])\n\tsetno 1(%[p])\n\tsetb 2(%[p])\n\tsetae 3(%[p])"                  \
    "\n\tsete 4(%[p])\n\tsetne 5(%[p])\n\tsetbe 6(%[p])\n\tseta 7(%[p])"                  \
    "\n\tsets 8(%[p])\n\tsetns 9(%[p])\n\tsetp 10(%[p])\n\tsetnp 11(%[p])"                \
    "\n\tsetl 12(%[p])\n\tsetge 13(%[p])\n\tsetle 14(%[p])\n\tsetg 15(%[p])"

#define CONDITIONS(fn, insn)                                                              \
    static uword fn(uword a, uword b, uword init, uword *flags)                           \
    {                                                                                     \
        uint8_t set[16];                                                                  \
        __asm__ volatile(ENTER insn SETCC_ALL                                             \
                         : [a] "+&r"(a)                                                   \
                         : [b] "r"(b), [p] "r"(set), [init] "r"(init)                     \
                         : "cc", "memory");                                               \
        uword mask = 0;                                                                   \
        for (int i = 0; i < 16; i++)                                                      \
            mask |= (uword)set[i] << i;                                                   \
        *flags = 0;                                                                       \
        return mask;                                                                      \
    }

CONDITIONS(cond_cmp, "cmp %[b], %[a]")
CONDITIONS(cond_add, "add %[b], %[a]")
CONDITIONS(cond_and, "and %[b], %[a]")
CONDITIONS(cond_inc, "inc %[a]")
CONDITIONS(cond_shr, "shr $1, %[a]")

/* CMP then a conditional jump, each of the sixteen conditions in its own block. */
#define JUMP_IF(fn, jcc)                                                                  \
    static uword fn(uword a, uword b)                                                     \
    {                                                                                     \
        uword taken;                                                                      \
        __asm__ volatile("cmp %[b], %[a]\n\t" jcc " 1f\n\tmov $0, %[t]\n\tjmp 2f\n"       \
                         "1:\tmov $1, %[t]\n2:"                                           \
                         : [t] "=&r"(taken)                                               \
                         : [a] "r"(a), [b] "r"(b)                                         \
                         : "cc");                                                         \
        return taken;                                                                     \
    }

JUMP_IF(jump_o, "jo") JUMP_IF(jump_no, "jno") JUMP_IF(jump_b, "jb") JUMP_IF(jump_ae, "jae")
JUMP_IF(jump_e, "je") JUMP_IF(jump_ne, "jne") JUMP_IF(jump_be, "jbe") JUMP_IF(jump_a, "ja")
JUMP_IF(jump_s, "js") JUMP_IF(jump_ns, "jns") JUMP_IF(jump_p, "jp") JUMP_IF(jump_np, "jnp")
JUMP_IF(jump_l, "jl") JUMP_IF(jump_ge, "jge") JUMP_IF(jump_le, "jle") JUMP_IF(jump_g, "jg")

static uword cond_jcc(uword a, uword b, uword init, uword *flags)
{
    (void)init;
    static uword (*const jumps[16])(uword, uword) = {
        jump_o, jump_no, jump_b, jump_ae, jump_e, jump_ne, jump_be, jump_a,
        jump_s, jump_ns, jump_p, jump_np, jump_l, jump_ge, jump_le, jump_g,
    };
    uword mask = 0;
    for (int i = 0; i < 16; i++)
        mask |= jumps[i](a, b) << i;
    *flags = 0;
    return mask;
}

/* ---- memory operands: the same operations with a memory destination or source (ModRM with
 * mod != 3 takes other paths in a decoder and a translator). The cells around the target are
 * mixed too, so a write to the wrong place shows. Bit-string forms (BT/BTS/BTC with a register
 * offset) address memory outside the operand: offsets -128..127 bits stay within the cells. */

#define CELLS 8
#define TARGET 4
static uword cells[CELLS];

static void fill_cells(uword a, uword b)
{
    for (int i = 0; i < CELLS; i++)
        cells[i] = a ^ (b * (uword)(2 * i + 1)) ^ (uword)i;
    cells[TARGET] = a;
}

static uword mix_cells(void)
{
    for (int i = 0; i < CELLS; i++)
        if (i != TARGET)
            mix(cells[i]);
    return cells[TARGET];
}

/* [cell] = [cell] OP b */
#define MEMORY_BINARY(fn, insn)                                                           \
    static uword fn(uword a, uword b, uword init, uword *flags)                           \
    {                                                                                     \
        fill_cells(a, b);                                                                 \
        __asm__ volatile(ENTER insn " %[b], %[m]" LEAVE                                   \
                         : [m] "+m"(cells[TARGET]), [f] "=&r"(*flags)                     \
                         : [b] "r"(b), [init] "r"(init)                                   \
                         : "cc", "memory");                                               \
        return mix_cells();                                                               \
    }

/* [cell] = OP [cell] */
#define MEMORY_UNARY(fn, insn)                                                            \
    static uword fn(uword a, uword b, uword init, uword *flags)                           \
    {                                                                                     \
        fill_cells(a, b);                                                                 \
        __asm__ volatile(ENTER insn SUFFIX " %[m]" LEAVE                                  \
                         : [m] "+m"(cells[TARGET]), [f] "=&r"(*flags)                     \
                         : [init] "r"(init)                                               \
                         : "cc", "memory");                                               \
        return mix_cells();                                                               \
    }

/* [cell] = [cell] OP CL */
#define MEMORY_SHIFT(fn, insn)                                                            \
    static uword fn(uword a, uword b, uword init, uword *flags)                           \
    {                                                                                     \
        fill_cells(a, b);                                                                 \
        __asm__ volatile(ENTER insn SUFFIX " %%cl, %[m]" LEAVE                            \
                         : [m] "+m"(cells[TARGET]), [f] "=&r"(*flags)                     \
                         : "c"(b), [init] "r"(init)                                       \
                         : "cc", "memory");                                               \
        return mix_cells();                                                               \
    }

/* BTx with a register bit offset (-128..127) into the bit string that starts at the target. */
#define MEMORY_BIT_STRING(fn, insn)                                                       \
    static uword fn(uword a, uword b, uword init, uword *flags)                           \
    {                                                                                     \
        fill_cells(a, b);                                                                 \
        uword offset = (uword)(sword)(int8_t)b;                                           \
        __asm__ volatile(ENTER insn " %[o], %[m]" LEAVE                                   \
                         : [m] "+m"(cells[TARGET]), [f] "=&r"(*flags)                     \
                         : [o] "r"(offset), [init] "r"(init)                              \
                         : "cc", "memory");                                               \
        return mix_cells();                                                               \
    }

MEMORY_BINARY(mem_add, "add")
MEMORY_BINARY(mem_adc, "adc")
MEMORY_BINARY(mem_sub, "sub")
MEMORY_BINARY(mem_and, "and")
MEMORY_UNARY(mem_inc, "inc")
MEMORY_UNARY(mem_neg, "neg")
MEMORY_SHIFT(mem_shl, "shl")
MEMORY_SHIFT(mem_sar, "sar")
MEMORY_SHIFT(mem_rcr, "rcr")
MEMORY_BIT_STRING(mem_bt, "bt")
MEMORY_BIT_STRING(mem_bts, "bts")
MEMORY_BIT_STRING(mem_btc, "btc")

/* XADD [cell], b: [cell] = [cell] + b, b = the old [cell]. */
static uword mem_xadd(uword a, uword b, uword init, uword *flags)
{
    fill_cells(a, b);
    __asm__ volatile(ENTER "xadd %[b], %[m]" LEAVE
                     : [m] "+m"(cells[TARGET]), [b] "+&r"(b), [f] "=&r"(*flags)
                     : [init] "r"(init)
                     : "cc", "memory");
    mix(b);
    return mix_cells();
}

/* XCHG [cell], b (implicitly locked): no flags. */
static uword mem_xchg(uword a, uword b, uword init, uword *flags)
{
    (void)init;
    fill_cells(a, b);
    __asm__ volatile("xchg %[b], %[m]" : [m] "+m"(cells[TARGET]), [b] "+r"(b) : : "memory");
    mix(b);
    *flags = 0;
    return mix_cells();
}

/* LOCK CMPXCHG [cell], a ^ 1 with EAX = b: equal only when a == b. */
static uword mem_cmpxchg(uword a, uword b, uword init, uword *flags)
{
    fill_cells(a, b);
    uword source = a ^ 1, accumulator = b;
    __asm__ volatile(ENTER "lock cmpxchg %[s], %[m]" LEAVE
                     : [m] "+m"(cells[TARGET]), "+&a"(accumulator), [f] "=&r"(*flags)
                     : [s] "r"(source), [init] "r"(init)
                     : "cc", "memory");
    mix(accumulator);
    return mix_cells();
}

/* CMPXCHG8B [cell]: EDX:EAX = (b, a) compared with the 64-bit cell, ECX:EBX the new value. */
static uword mem_cmpxchg8b(uword a, uword b, uword init, uword *flags)
{
    static uint64_t quad;
    uint32_t lo = (uint32_t)a, hi = (uint32_t)b;
    quad = (a & 1) ? ((uint64_t)hi << 32 | lo) : ((uint64_t)lo << 32 | hi);  /* equal half the time */
    uint32_t new_lo = lo ^ 0x55555555u, new_hi = hi ^ 0xaaaaaaaau;
    __asm__ volatile(ENTER "lock cmpxchg8b %[m]" LEAVE
                     : [m] "+m"(quad), "+a"(lo), "+d"(hi), [f] "=&r"(*flags)
                     : "b"(new_lo), "c"(new_hi), [init] "r"(init)
                     : "cc", "memory");
    mix(lo);
    mix(hi);
    mix((uword)quad);
    mix((uword)(quad >> 16 >> 16));
    return 0;
}

/* IMUL b, [cell]: a memory source. */
static uword mem_imul(uword a, uword b, uword init, uword *flags)
{
    fill_cells(a, b);
    __asm__ volatile(ENTER "imul %[m], %[b]" LEAVE
                     : [b] "+&r"(b), [f] "=&r"(*flags)
                     : [m] "m"(cells[TARGET]), [init] "r"(init)
                     : "cc", "memory");
    mix_cells();
    return b;
}

/* ---- which flags each family defines ---- */

typedef uword (*operation)(uword a, uword b, uword init, uword *flags);
typedef uword (*flag_mask)(uword a, uword b);

static uword all_arith(uword a, uword b) { (void)a; (void)b; return ARITH; }
static uword logic(uword a, uword b) { (void)a; (void)b; return LOGIC; }
static uword carry_overflow(uword a, uword b) { (void)a; (void)b; return CF | OF; }
static uword carry_only(uword a, uword b) { (void)a; (void)b; return CF; }
static uword none(uword a, uword b) { (void)a; (void)b; return 0; }

/* SHL/SHR/SAR, SHLD/SHRD: count 0 changes nothing; AF undefined; OF defined for count 1 only. */
static unsigned masked_count(uword count) { return (unsigned)(count & (WORD_BITS - 1)); }
static uword shift_flags(uword a, uword b)
{
    (void)a;
    unsigned c = masked_count(b);
    return c == 0 ? ARITH : c == 1 ? LOGIC : LOGIC & ~OF;
}
static uword double_shift_flags(uword a, uword b) { return shift_flags(0, a + b); }

/* Rotates touch only CF and OF (OF defined for count 1 only); count 0 changes nothing. */
static uword rotate_flags(uword a, uword b)
{
    (void)a;
    unsigned c = masked_count(b);
    return c <= 1 ? ARITH : ARITH & ~OF;
}

/* BSF/BSR: ZF says whether the source was 0; the destination is then undefined (see below). */
static uword zero_only(uword a, uword b) { (void)a; (void)b; return ZF; }

struct family {
    const char *name;
    operation run;
    flag_mask defined;
};

static const struct family families[] = {
    { "add", op_add, all_arith },       { "adc", op_adc, all_arith },
    { "sub", op_sub, all_arith },       { "sbb", op_sbb, all_arith },
    { "cmp", op_cmp, all_arith },       { "and", op_and, logic },
    { "or", op_or, logic },             { "xor", op_xor, logic },
    { "test", op_test, logic },         { "inc", op_inc, all_arith },
    { "dec", op_dec, all_arith },       { "neg", op_neg, all_arith },
    { "not", op_not, all_arith },       { "shl", op_shl, shift_flags },
    { "shr", op_shr, shift_flags },     { "sar", op_sar, shift_flags },
    { "rol", op_rol, rotate_flags },    { "ror", op_ror, rotate_flags },
    { "rcl", op_rcl, rotate_flags },    { "rcr", op_rcr, rotate_flags },
    { "shld", op_shld, double_shift_flags }, { "shrd", op_shrd, double_shift_flags },
    { "imul2", op_imul2, carry_overflow }, { "imul1", op_imul1, carry_overflow },
    { "mul", op_mul, carry_overflow },  { "bt", op_bt, carry_only },
    { "bts", op_bts, carry_only },      { "btr", op_btr, carry_only },
    { "btc", op_btc, carry_only },      { "bsf", op_bsf, zero_only },
    { "bsr", op_bsr, zero_only },       { "bswap", op_bswap, all_arith },
    { "cmpxchg", op_cmpxchg, all_arith }, { "add8", op_add8, all_arith },
    { "sub8h", op_sub8h, all_arith },   { "adc16", op_adc16, all_arith },
    { "movsx8", op_movsx8, none },      { "movzx16", op_movzx16, none },
    { "setcc-cmp", cond_cmp, none },    { "setcc-add", cond_add, none },
    { "setcc-and", cond_and, none },    { "setcc-inc", cond_inc, none },
    { "setcc-shr1", cond_shr, none },   { "jcc-cmp", cond_jcc, none },
    { "add-mem", mem_add, all_arith },  { "adc-mem", mem_adc, all_arith },
    { "sub-mem", mem_sub, all_arith },  { "and-mem", mem_and, logic },
    { "inc-mem", mem_inc, all_arith },  { "neg-mem", mem_neg, all_arith },
    { "shl-mem", mem_shl, shift_flags }, { "sar-mem", mem_sar, shift_flags },
    { "rcr-mem", mem_rcr, rotate_flags }, { "bt-mem", mem_bt, carry_only },
    { "bts-mem", mem_bts, carry_only }, { "btc-mem", mem_btc, carry_only },
    { "xadd-mem", mem_xadd, all_arith }, { "xchg-mem", mem_xchg, none },
    { "cmpxchg-mem", mem_cmpxchg, all_arith }, { "cmpxchg8b", mem_cmpxchg8b, zero_only },
    { "imul-mem", mem_imul, carry_overflow },
};

/* DIV/IDIV: quotient and remainder only (flags undefined); no divide errors. */
static void divide_family(void)
{
    hash = 2166136261u;
    for (unsigned i = 0; i < operand_count; i++) {
        for (unsigned j = 0; j < operand_count; j++) {
            uword a = operands[i], b = operands[j];
            if (b == 0)
                continue;
            uword quotient = a, remainder = 0;   /* high half 0: the quotient always fits */
            __asm__ volatile("div %[b]" : "+a"(quotient), "+d"(remainder) : [b] "r"(b) : "cc");
            mix(quotient);
            mix(remainder);
            if ((sword)b == -1 && (sword)a == (sword)((uword)1 << (WORD_BITS - 1)))
                continue;                        /* the one signed quotient that overflows */
            quotient = a;
            remainder = (sword)a < 0 ? ~(uword)0 : 0;   /* sign-extended high half (CDQ) */
            __asm__ volatile("idiv %[b]" : "+a"(quotient), "+d"(remainder) : [b] "r"(b) : "cc");
            mix(quotient);
            mix(remainder);
        }
    }
    report("div/idiv");
}

#if WORD_BITS == 32
/* The BCD adjustments exist only outside 64-bit mode. AL runs through all 256 values, AH
 * through a few, CF and AF through all four combinations; AX and the defined flags are mixed
 * (DAA/DAS: OF undefined; AAA/AAS: only AF and CF defined; AAM/AAD: SF ZF PF defined). */
#define BCD(fn, insn)                                                                     \
    static uint32_t fn(uint32_t ax, uword init, uword *flags)                            \
    {                                                                                     \
        __asm__ volatile(ENTER insn LEAVE                                                 \
                         : "+&a"(ax), [f] "=&r"(*flags)                                   \
                         : [init] "r"(init)                                               \
                         : "cc", "memory");                                               \
        return ax;                                                                        \
    }

BCD(bcd_daa, "daa")
BCD(bcd_das, "das")
BCD(bcd_aaa, "aaa")
BCD(bcd_aas, "aas")
BCD(bcd_aam10, "aam")
BCD(bcd_aam16, "aam $16")
BCD(bcd_aad10, "aad")
BCD(bcd_aad7, "aad $7")

static void bcd_families(void)
{
    static const struct {
        const char *name;
        uint32_t (*run)(uint32_t, uword, uword *);
        uword defined;
    } bcd[] = {
        { "daa", bcd_daa, ARITH & ~OF },       { "das", bcd_das, ARITH & ~OF },
        { "aaa", bcd_aaa, AF | CF },           { "aas", bcd_aas, AF | CF },
        { "aam10", bcd_aam10, SF | ZF | PF },  { "aam16", bcd_aam16, SF | ZF | PF },
        { "aad10", bcd_aad10, SF | ZF | PF },  { "aad7", bcd_aad7, SF | ZF | PF },
    };
    static const uint32_t high[] = { 0x00, 0x09, 0x12, 0x99, 0xff };
    for (unsigned f = 0; f < sizeof bcd / sizeof bcd[0]; f++) {
        hash = 2166136261u;
        for (unsigned h = 0; h < sizeof high / sizeof high[0]; h++) {
            for (uint32_t al = 0; al < 256; al++) {
                for (uword carries = 0; carries < 4; carries++) {
                    uword init = FLAGS_FIXED | ((carries & 1) ? CF : 0) | ((carries & 2) ? AF : 0);
                    uword flags;
                    uint32_t ax = bcd[f].run(0xabcd0000u | high[h] << 8 | al, init, &flags);
                    mix(ax);
                    mix(flags & bcd[f].defined);
                }
            }
        }
        report(bcd[f].name);
    }
}
#endif

int kernel_main(void)
{
    make_operands();
    for (unsigned f = 0; f < sizeof families / sizeof families[0]; f++) {
        const struct family *family = &families[f];
        hash = 2166136261u;                      /* FNV-1a offset basis */
        for (unsigned i = 0; i < operand_count; i++) {
            for (unsigned j = 0; j < operand_count; j++) {
                for (int k = 0; k < 2; k++) {
                    uword a = operands[i], b = operands[j], flags;
                    uword result = family->run(a, b, initial_flags[k], &flags);
                    uword defined = family->defined(a, b);
                    int undefined_result = (family->run == op_bsf || family->run == op_bsr) && b == 0;
                    mix(undefined_result ? 0 : result);
                    mix(flags & defined);
                }
            }
        }
        report(family->name);
    }
    divide_family();
#if WORD_BITS == 32
    bcd_families();
#endif
    console_puts(GUEST_NAME ": ");
    console_put_u32(operand_count);
    console_puts(" operands per side, done\n");
    return 0;
}
