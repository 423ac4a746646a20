/*
 * console.h - what the freestanding C guests may call. The same kernel source links against
 * console_serial.c (in the guest: COM1) or console_host.c (natively on the build host: stdout),
 * which is how build.sh obtains the expected output of a C guest: it runs the kernel natively.
 */
#ifndef JVMM_CONSOLE_H
#define JVMM_CONSOLE_H

#include <stdint.h>

/* The kernel's entry point; its result becomes the isa-debug-exit value (0 = success). */
int kernel_main(void);

void console_putc(char c);
void console_puts(const char *s);
void console_put_u32(uint32_t value);          /* unsigned decimal */
void console_put_hex32(uint32_t value);        /* "0x" and 8 lower-case hex digits */

#endif
