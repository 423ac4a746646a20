/*
 * cmdline.h - the kernel command line for the freestanding C guests that take options
 * (c_kernel ... cmdline in build.sh). In the guest, start32.S takes it from the multiboot
 * info (cmdline field, flags bit 2; QEMU's -append and jvmm's --append fill it, QEMU after
 * the kernel's file name) and start64.S from RDI (jvmm's ELF64 loader); natively,
 * console_host.c takes the program's first argument. Null when there is none.
 */
#ifndef JVMM_CMDLINE_H
#define JVMM_CMDLINE_H

#include <stdint.h>

extern const char *boot_cmdline;

/*
 * The value of the first space-separated word "KEY=N" (N decimal), fallback when there is no
 * such word; 0 when N is empty, not a number or above 1000000.
 */
static uint32_t cmdline_number(const char *key, uint32_t fallback)
{
    const char *s = boot_cmdline;
    if (s == 0)
        return fallback;
    while (*s != '\0') {
        while (*s == ' ')
            s++;
        const char *k = key;
        while (*k != '\0' && *s == *k) {
            s++;
            k++;
        }
        if (*k == '\0' && *s == '=') {
            s++;
            uint32_t value = 0;
            if (*s == '\0' || *s == ' ')
                return 0;
            for (; *s != '\0' && *s != ' '; s++) {
                if (*s < '0' || *s > '9')
                    return 0;
                value = value * 10 + (uint32_t)(*s - '0');
                if (value > 1000000)
                    return 0;
            }
            return value;
        }
        while (*s != '\0' && *s != ' ')
            s++;
    }
    return fallback;
}

/*
 * The "rounds=N" count of a benchmark kernel, fallback without one; 0 after printing on the
 * console that N is malformed (the kernel then exits 5). Needs console.h.
 */
static inline uint32_t cmdline_rounds(const char *guest, uint32_t fallback)
{
    uint32_t rounds = cmdline_number("rounds", fallback);
    if (rounds == 0) {
        console_puts(guest);
        console_puts(": bad rounds=N on the command line (N from 1 to 1000000)\n");
    }
    return rounds;
}

#endif
