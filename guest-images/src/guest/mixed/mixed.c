/*
 * mixed32 - a CPU-bound kernel whose hot code keeps changing: every round runs six different
 * kernels, each a few hundred thousand instructions, in an order that rotates from round to round,
 * on inputs that change with the round. What compiled C spends its time on besides one hot loop:
 *
 *   vm       a bytecode interpreter: a dense switch (a jump table), a stack in memory
 *   tree     a binary search tree in a node pool: recursive insert, walk and height (calls, returns)
 *   filters  a chain of small functions picked through a table of function pointers by the data,
 *            then a merge sort whose comparison is a function pointer chosen per round
 *   text     pseudo-random text, a tokenizer state machine over character classes, a hash table
 *   lz       an LZ77 compressor with a hash-chain match search, the decompressor, a round trip
 *   numbers  Euclid's gcd, modular powers, integer square roots (division, multiply, shifts)
 *
 * Every kernel checks itself (the tree walks in order, the sort is ordered, the round trip gives the
 * text back) and returns a checksum; the round checksums are combined into one. The round count
 * comes from the command line ("rounds=N", cmdline.h), default DEFAULT_ROUNDS; the output names it.
 * Plain C on 32-bit unsigned integers (no pointer values in any result), so the output is the same
 * for every target: build.sh takes it from a native run.
 *
 * Exit codes: 0 success; 2 bad multiboot magic (start code); 3 a kernel's self-check failed (the
 * line before names it); 5 bad rounds=N.
 */
#include <stdint.h>
#include "console.h"
#include "cmdline.h"
#include "xorshift32.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define DEFAULT_ROUNDS 1
#define KERNELS 6

static int failed;

static void fail(const char *kernel)
{
    if (!failed) {
        console_puts(GUEST_NAME ": self-check failed in ");
        console_puts(kernel);
        console_puts("\n");
    }
    failed = 1;
}

static uint32_t mix(uint32_t h, uint32_t v)
{
    h ^= v;
    h *= 0x01000193u;
    return h ^ (h >> 15);
}

/* ---- vm: a stack machine with a dense opcode switch ---- */

enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, SHR, LT, DUP, DROP, JMP, JZ, JNZ, INC, HALT };

/*
 * The program: for n = 1 .. limit, count the Collatz steps of n, summing them and keeping the
 * longest. Locals: 0 n, 1 x, 2 steps, 3 total, 4 limit, 5 longest. The numbers on the left are
 * code offsets, the jump targets.
 */
enum { OUTER = 4, INNER = 12, EVEN = 36, STORE_X = 41, DONE = 47, NEXT = 65 };
static const int32_t collatz_program[] = {
    /*  0 */ PUSH, 1, STORE, 0,                       /* n = 1 */
    /*  4 */ LOAD, 0, STORE, 1, PUSH, 0, STORE, 2,    /* OUTER: x = n, steps = 0 */
    /* 12 */ LOAD, 1, PUSH, 1, SUB, JZ, DONE,         /* INNER: x == 1? */
    /* 19 */ LOAD, 1, PUSH, 1, AND, JZ, EVEN,         /* x even? */
    /* 26 */ LOAD, 1, PUSH, 3, MUL, PUSH, 1, ADD, JMP, STORE_X,
    /* 36 */ LOAD, 1, PUSH, 1, SHR,                   /* EVEN: x / 2 */
    /* 41 */ STORE, 1, INC, 2, JMP, INNER,            /* STORE_X */
    /* 47 */ LOAD, 3, LOAD, 2, ADD, STORE, 3,         /* DONE: total += steps */
    /* 54 */ LOAD, 5, LOAD, 2, LT, JZ, NEXT, LOAD, 2, STORE, 5,
    /* 65 */ INC, 0, LOAD, 4, LOAD, 0, LT, JZ, OUTER, /* NEXT: n++, again unless limit < n */
    /* 74 */ HALT,
};

static uint32_t vm_run(const int32_t *code, uint32_t *locals)
{
    uint32_t stack[16];
    int sp = 0, pc = 0;
    uint32_t executed = 0;
    for (;;) {
        int32_t op = code[pc++];
        executed++;
        switch (op) {
        case PUSH: stack[sp++] = (uint32_t)code[pc++]; break;
        case LOAD: stack[sp++] = locals[code[pc++]]; break;
        case STORE: locals[code[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case DROP: sp--; break;
        case JMP: pc = code[pc]; break;
        case JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
        case JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
        case INC: locals[code[pc++]]++; break;
        case HALT: return executed;
        default: fail("vm (bad opcode)"); return executed;
        }
    }
}

/* What collatz_program computes, in C: the check of the vm kernel. */
static uint32_t collatz_steps(uint32_t n)
{
    uint32_t steps = 0;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n >> 1;
        steps++;
    }
    return steps;
}

static uint32_t kernel_vm(uint32_t round)
{
    uint32_t limit = 300 + round % 7 * 20;
    uint32_t locals[6] = {0, 0, 0, 0, limit, 0};
    uint32_t executed = vm_run(collatz_program, locals);
    uint32_t total = 0, longest = 0;
    for (uint32_t n = 1; n <= limit; n++) {
        uint32_t s = collatz_steps(n);
        total += s;
        if (s > longest)
            longest = s;
    }
    if (locals[3] != total || locals[5] != longest)
        fail("vm");
    return mix(mix(locals[3], locals[5]), executed);
}

/* ---- tree: a binary search tree with recursive operations ---- */

#define TREE_NODES 1500

struct node {
    uint32_t key;
    struct node *left, *right;
};

static struct node pool[TREE_NODES];
static int pool_used;

static struct node *tree_insert(struct node *t, uint32_t key)
{
    if (t == 0) {
        struct node *n = &pool[pool_used++];
        n->key = key;
        n->left = n->right = 0;
        return n;
    }
    if (key < t->key)
        t->left = tree_insert(t->left, key);
    else if (key > t->key)
        t->right = tree_insert(t->right, key);
    return t;
}

static uint32_t tree_height(const struct node *t)
{
    if (t == 0)
        return 0;
    uint32_t l = tree_height(t->left), r = tree_height(t->right);
    return 1 + (l > r ? l : r);
}

/* In-order walk: hashes the keys and checks they ascend (*last is the previous key + 1). */
static uint32_t tree_walk(const struct node *t, uint32_t h, uint32_t *last)
{
    if (t == 0)
        return h;
    h = tree_walk(t->left, h, last);
    if (t->key + 1 <= *last)
        fail("tree");
    *last = t->key + 1;
    h = mix(h, t->key);
    return tree_walk(t->right, h, last);
}

static int tree_contains(const struct node *t, uint32_t key)
{
    while (t != 0) {
        if (key == t->key)
            return 1;
        t = key < t->key ? t->left : t->right;
    }
    return 0;
}

static uint32_t kernel_tree(uint32_t round)
{
    uint32_t seed = 0x9e3779b9u ^ round;
    struct node *root = 0;
    pool_used = 0;
    for (int k = 0; k < TREE_NODES; k++)
        root = tree_insert(root, xorshift32(&seed) % 100000);
    uint32_t found = 0;
    for (int k = 0; k < 1000; k++)
        found += (uint32_t)tree_contains(root, xorshift32(&seed) % 100000);
    uint32_t last = 0;
    uint32_t h = tree_walk(root, 0, &last);
    return mix(mix(h, tree_height(root)), found + (uint32_t)pool_used);
}

/* ---- filters: function pointers picked by the data, and a sort with a comparison callback ---- */

typedef uint32_t (*filter_fn)(uint32_t acc, uint32_t x);

static uint32_t f_add(uint32_t a, uint32_t x) { return a + x; }
static uint32_t f_xor(uint32_t a, uint32_t x) { return a ^ (x << 3); }
static uint32_t f_rot(uint32_t a, uint32_t x) { return (a << 5 | a >> 27) + x; }
static uint32_t f_mul(uint32_t a, uint32_t x) { return a * 33 + (x & 0xff); }
static uint32_t f_sub(uint32_t a, uint32_t x) { return a - (x >> 2); }
static uint32_t f_min(uint32_t a, uint32_t x) { return (a & 0xffff) < (x & 0xffff) ? a + 1 : a ^ x; }
static uint32_t f_pop(uint32_t a, uint32_t x)
{
    uint32_t bits = 0;
    for (uint32_t v = x & 0xfff; v != 0; v &= v - 1)
        bits++;
    return a + bits;
}
static uint32_t f_mix(uint32_t a, uint32_t x) { return mix(a, x); }

static const filter_fn filters[8] = {f_add, f_xor, f_rot, f_mul, f_sub, f_min, f_pop, f_mix};

typedef int (*compare_fn)(uint32_t a, uint32_t b);

static int by_value(uint32_t a, uint32_t b) { return a < b ? -1 : a > b; }
static int by_low_half(uint32_t a, uint32_t b)
{
    uint32_t x = a & 0xffff, y = b & 0xffff;
    return x < y ? -1 : x > y ? 1 : by_value(a, b);
}
static int by_reversed(uint32_t a, uint32_t b) { return by_value(b, a); }

static const compare_fn comparisons[3] = {by_value, by_low_half, by_reversed};

#define SORT_COUNT 700
static uint32_t sort_data[SORT_COUNT], sort_scratch[SORT_COUNT];

static void merge_sort(uint32_t *a, uint32_t *tmp, uint32_t n, compare_fn cmp)
{
    if (n < 2)
        return;
    uint32_t half = n / 2;
    merge_sort(a, tmp, half, cmp);
    merge_sort(a + half, tmp, n - half, cmp);
    uint32_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        tmp[k++] = cmp(a[j], a[i]) < 0 ? a[j++] : a[i++];
    while (i < half)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    for (k = 0; k < n; k++)
        a[k] = tmp[k];
}

static uint32_t kernel_filters(uint32_t round)
{
    uint32_t seed = 0x2545f491u + round * 7919u;
    uint32_t acc = round;
    for (int k = 0; k < 6000; k++) {
        uint32_t x = xorshift32(&seed);
        acc = filters[(x >> 7) & 7](acc, x);
    }
    for (int k = 0; k < SORT_COUNT; k++)
        sort_data[k] = xorshift32(&seed);
    compare_fn cmp = comparisons[round % 3];
    merge_sort(sort_data, sort_scratch, SORT_COUNT, cmp);
    uint32_t h = acc;
    for (int k = 0; k < SORT_COUNT; k++) {
        if (k > 0 && cmp(sort_data[k - 1], sort_data[k]) > 0)
            fail("filters (sort)");
        h = mix(h, sort_data[k]);
    }
    return h;
}

/* ---- text: generated words, a tokenizer state machine, a hash table of word counts ---- */

#define TEXT_SIZE 6000
#define TABLE_SIZE 1024

static char text[TEXT_SIZE + 1];
static uint32_t table_hash[TABLE_SIZE], table_count[TABLE_SIZE];

static const char *const syllables[16] = {
    "ka", "lo", "mi", "ne", "su", "ra", "ti", "po", "an", "el", "or", "us", "qua", "ix", "em", "zo",
};

static uint32_t make_text(uint32_t seed)
{
    uint32_t n = 0;
    while (n < TEXT_SIZE - 16) {
        uint32_t r = xorshift32(&seed);
        switch (r % 8) {
        case 0: /* a number */
            for (uint32_t d = 1 + (r >> 8) % 4; d > 0; d--)
                text[n++] = (char)('0' + (r >> (4 * d)) % 10);
            break;
        case 1: /* punctuation */
            text[n++] = ",.;!?"[(r >> 8) % 5];
            break;
        default: /* a word of one to three syllables */
            for (uint32_t s = 1 + (r >> 8) % 3; s > 0; s--) {
                const char *syl = syllables[(r >> (4 * s + 12)) & 15];
                while (*syl != '\0')
                    text[n++] = *syl++;
            }
            break;
        }
        text[n++] = (r & 0x80000000u) ? '\n' : ' ';
    }
    text[n] = '\0';
    return n;
}

enum char_class { SPACE, LETTER, DIGIT, PUNCT, END };

static enum char_class class_of(char c)
{
    if (c == '\0')
        return END;
    if (c >= 'a' && c <= 'z')
        return LETTER;
    if (c >= '0' && c <= '9')
        return DIGIT;
    if (c == ' ' || c == '\n')
        return SPACE;
    return PUNCT;
}

static void count_word(uint32_t hash)
{
    uint32_t slot = hash & (TABLE_SIZE - 1);
    while (table_count[slot] != 0 && table_hash[slot] != hash)
        slot = (slot + 1) & (TABLE_SIZE - 1);
    table_hash[slot] = hash;
    table_count[slot]++;
}

static uint32_t kernel_text(uint32_t round)
{
    uint32_t length = make_text(0x1234567u + round * 31u);
    for (int k = 0; k < TABLE_SIZE; k++)
        table_count[k] = table_hash[k] = 0;
    enum { BETWEEN, IN_WORD, IN_NUMBER } state = BETWEEN;
    uint32_t words = 0, numbers = 0, puncts = 0, hash = 0, value = 0, sum = 0;
    for (uint32_t i = 0;; i++) {
        enum char_class c = class_of(text[i]);
        switch (state) {
        case IN_WORD:
            if (c == LETTER) {
                hash = mix(hash, (uint8_t)text[i]);
                continue;
            }
            count_word(hash);
            words++;
            break;
        case IN_NUMBER:
            if (c == DIGIT) {
                value = value * 10 + (uint32_t)(text[i] - '0');
                continue;
            }
            sum += value;
            numbers++;
            break;
        case BETWEEN:
            break;
        }
        if (c == END)
            break;
        if (c == LETTER) {
            state = IN_WORD;
            hash = mix(0x811c9dc5u, (uint8_t)text[i]);
        } else if (c == DIGIT) {
            state = IN_NUMBER;
            value = (uint32_t)(text[i] - '0');
        } else {
            state = BETWEEN;
            puncts += c == PUNCT;
        }
    }
    uint32_t distinct = 0, most = 0, h = length;
    for (int k = 0; k < TABLE_SIZE; k++) {
        if (table_count[k] == 0)
            continue;
        distinct++;
        if (table_count[k] > most)
            most = table_count[k];
        h = mix(h, table_hash[k] ^ table_count[k]);
    }
    return mix(mix(mix(h, words), mix(numbers, sum)), mix(puncts, distinct * 65536 + most));
}

/* ---- lz: LZ77 with a hash-chain search, then the decompressor and a round trip ---- */

#define WINDOW 1024
#define MIN_MATCH 3
#define MAX_MATCH 34
#define HASH_SIZE 512

static uint8_t packed[TEXT_SIZE * 2], unpacked[TEXT_SIZE];
static int16_t head[HASH_SIZE], chain[TEXT_SIZE];

static uint32_t hash3(const uint8_t *p)
{
    return ((uint32_t)p[0] << 6 ^ (uint32_t)p[1] << 3 ^ p[2]) & (HASH_SIZE - 1);
}

/* Tokens: 0x00-0x7f a run of 1-128 literals follows; 0x80 | (length - 3), then two offset bytes. */
static uint32_t lz_compress(const uint8_t *in, uint32_t n)
{
    uint32_t out = 0, literals = 0, lit_at = 0;
    for (int k = 0; k < HASH_SIZE; k++)
        head[k] = -1;
    for (uint32_t i = 0; i < n;) {
        uint32_t best = 0, best_off = 0;
        if (i + MIN_MATCH <= n) {
            uint32_t h = hash3(in + i);
            int tries = 16;
            for (int32_t j = head[h]; j >= 0 && i - (uint32_t)j <= WINDOW && tries-- > 0; j = chain[j]) {
                uint32_t len = 0;
                while (len < MAX_MATCH && i + len < n && in[j + len] == in[i + len])
                    len++;
                if (len > best) {
                    best = len;
                    best_off = i - (uint32_t)j;
                }
            }
            chain[i] = head[h];
            head[h] = (int16_t)i;
        }
        if (best >= MIN_MATCH) {
            if (literals > 0)
                packed[lit_at] = (uint8_t)(literals - 1);
            literals = 0;
            packed[out++] = (uint8_t)(0x80 | (best - MIN_MATCH));
            packed[out++] = (uint8_t)best_off;
            packed[out++] = (uint8_t)(best_off >> 8);
            for (uint32_t k = 1; k < best && i + k + MIN_MATCH <= n; k++) {
                uint32_t h = hash3(in + i + k);
                chain[i + k] = head[h];
                head[h] = (int16_t)(i + k);
            }
            i += best;
        } else {
            if (literals == 0 || literals == 128) {
                if (literals == 128)
                    packed[lit_at] = 127;
                lit_at = out++;
                literals = 0;
            }
            packed[out++] = in[i++];
            literals++;
        }
    }
    if (literals > 0)
        packed[lit_at] = (uint8_t)(literals - 1);
    return out;
}

static uint32_t lz_decompress(const uint8_t *in, uint32_t n, uint8_t *out)
{
    uint32_t o = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t token = in[i++];
        if (token < 0x80) {
            for (uint32_t k = 0; k <= token; k++)
                out[o++] = in[i++];
        } else {
            uint32_t len = (token & 0x7f) + MIN_MATCH;
            uint32_t off = in[i] | (uint32_t)in[i + 1] << 8;
            i += 2;
            for (uint32_t k = 0; k < len; k++, o++)
                out[o] = out[o - off];
        }
    }
    return o;
}

static uint32_t kernel_lz(uint32_t round)
{
    uint32_t n = make_text(0x7654321u ^ round * 131u);
    uint32_t size = lz_compress((const uint8_t *)text, n);
    uint32_t back = lz_decompress(packed, size, unpacked);
    uint32_t h = mix(n, size);
    if (back != n)
        fail("lz (length)");
    for (uint32_t k = 0; k < n; k++) {
        if (unpacked[k] != (uint8_t)text[k]) {
            fail("lz (bytes)");
            break;
        }
    }
    for (uint32_t k = 0; k < size; k += 7)
        h = mix(h, packed[k]);
    return h;
}

/* ---- numbers: gcd, modular powers, integer square roots ---- */

static uint32_t gcd(uint32_t a, uint32_t b)
{
    while (b != 0) {
        uint32_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* base^exp mod m for m < 2^16, so every product fits 32 bits. */
static uint32_t power_mod(uint32_t base, uint32_t exp, uint32_t m)
{
    uint32_t result = 1 % m;
    base %= m;
    while (exp != 0) {
        if (exp & 1)
            result = result * base % m;
        base = base * base % m;
        exp >>= 1;
    }
    return result;
}

static uint32_t isqrt(uint32_t n)
{
    uint32_t root = 0, bit = 1u << 30;
    while (bit > n)
        bit >>= 2;
    while (bit != 0) {
        if (n >= root + bit) {
            n -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    return root;
}

static uint32_t kernel_numbers(uint32_t round)
{
    uint32_t seed = 0xdeadbeefu - round;
    uint32_t h = 0;
    for (int k = 0; k < 900; k++) {
        uint32_t a = xorshift32(&seed), b = xorshift32(&seed) >> (k & 15);
        uint32_t g = gcd(a, b | 1);
        uint32_t m = (a & 0xfff) | 0x1001; /* 4097 .. 8191, odd */
        uint32_t p = power_mod(b, a >> 20, m);
        uint32_t r = isqrt(a);
        if (r * r > a || (uint64_t)(r + 1) * (r + 1) <= a) /* (r + 1)^2 may need 33 bits */
            fail("numbers (isqrt)");
        h = mix(h, g ^ p << 13 ^ r);
    }
    return h;
}

/* ---- rounds ---- */

static uint32_t (*const kernels[KERNELS])(uint32_t) = {
    kernel_vm, kernel_tree, kernel_filters, kernel_text, kernel_lz, kernel_numbers,
};

int kernel_main(void)
{
    uint32_t rounds = cmdline_rounds(GUEST_NAME, DEFAULT_ROUNDS);
    if (rounds == 0)
        return 5;
    uint32_t checksum = 0;
    for (uint32_t round = 0; round < rounds; round++) {
        /* A different kernel leads each round; two of them run twice in some rounds. */
        for (uint32_t k = 0; k < KERNELS + round % 3; k++)
            checksum = mix(checksum, kernels[(k + round) % KERNELS](round + k));
        if (failed)
            return 3;
    }
    console_puts(GUEST_NAME ": 6 kernels taking turns, checksum ");
    console_put_hex32(checksum);
    console_puts(", ");
    console_put_u32(rounds);
    console_puts(" rounds\n");
    return 0;
}
