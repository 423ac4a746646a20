/*
 * crc32 - a CPU-bound kernel: CRC-32 (IEEE 802.3: reflected, polynomial 0xEDB88320, initial
 * value and final XOR 0xFFFFFFFF) of ROUNDS x 64 KiB of xorshift32 pseudo-random bytes (1 MiB by
 * default), table-driven, the first 64 KiB cross-checked against the bit-by-bit definition.
 * The round count comes from the command line ("rounds=N", cmdline.h, 1 to MAX_ROUNDS so the
 * byte count fits 32 bits), default DEFAULT_ROUNDS; the output names the byte count, so the
 * default run prints what it printed before rounds=N existed. build.sh compiles this same file
 * natively and runs it to get the expected output.
 *
 * Exit codes: 0 success; 2 bad multiboot magic (start code); 3 the check value of
 *   "123456789" is not 0xCBF43926 (the CRC catalogue's check for CRC-32); 4 table-driven and
 *   bitwise CRCs of the buffer differ; 5 bad rounds=N.
 */
#include <stdint.h>
#include "console.h"
#include "cmdline.h"

#ifndef GUEST_NAME
#error "build.sh defines GUEST_NAME"
#endif

#define BUFFER_SIZE 65536u
#define DEFAULT_ROUNDS 16u                      /* 16 x 64 KiB = 1 MiB */
#define MAX_ROUNDS 65535u                       /* 65535 x 64 KiB < 4 GiB */
#define POLYNOMIAL 0xedb88320u
#define CHECK_VALUE 0xcbf43926u

static uint32_t table[256];
static uint8_t buffer[BUFFER_SIZE];

static void make_table(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? POLYNOMIAL ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
}

/* Continues a CRC (pass and get the register value, not yet complemented). */
static uint32_t crc_update(uint32_t crc, const uint8_t *data, uint32_t length)
{
    for (uint32_t i = 0; i < length; i++)
        crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return crc;
}

static uint32_t crc_bitwise(const uint8_t *data, uint32_t length)
{
    uint32_t crc = 0xffffffffu;
    for (uint32_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (POLYNOMIAL & (0u - (crc & 1)));
    }
    return ~crc;
}

/* Marsaglia's xorshift32: fills the buffer, continuing from *state. */
static void fill(uint32_t *state)
{
    uint32_t x = *state;
    for (uint32_t i = 0; i < BUFFER_SIZE; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buffer[i] = (uint8_t)(x >> 24);
    }
    *state = x;
}

int kernel_main(void)
{
    uint32_t rounds = cmdline_number("rounds", DEFAULT_ROUNDS);
    if (rounds == 0 || rounds > MAX_ROUNDS) {
        console_puts(GUEST_NAME ": bad rounds=N on the command line\n");
        return 5;
    }
    make_table();
    static const uint8_t check[] = "123456789";
    uint32_t check_crc = ~crc_update(0xffffffffu, check, 9);
    if (check_crc != CHECK_VALUE) {
        console_puts(GUEST_NAME ": wrong check value ");
        console_put_hex32(check_crc);
        console_putc('\n');
        return 3;
    }

    uint32_t state = 2463534242u;
    uint32_t crc = 0xffffffffu;
    for (uint32_t round = 0; round < rounds; round++) {
        fill(&state);
        if (round == 0 && ~crc_update(0xffffffffu, buffer, BUFFER_SIZE) != crc_bitwise(buffer, BUFFER_SIZE)) {
            console_puts(GUEST_NAME ": table-driven and bitwise CRCs differ\n");
            return 4;
        }
        crc = crc_update(crc, buffer, BUFFER_SIZE);
    }
    console_puts(GUEST_NAME ": check ");
    console_put_hex32(check_crc);
    console_puts(", ");
    console_put_u32(BUFFER_SIZE * rounds);
    console_puts(" pseudo-random bytes ");
    console_put_hex32(~crc);
    console_putc('\n');
    return 0;
}
