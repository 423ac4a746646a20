/* console_common.c - number formatting shared by both console back ends. */
#include "console.h"

void console_puts(const char *s)
{
    while (*s != '\0')
        console_putc(*s++);
}

void console_put_u32(uint32_t value)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n > 0)
        console_putc(digits[--n]);
}

void console_put_hex32(uint32_t value)
{
    static const char hex[] = "0123456789abcdef";
    console_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        console_putc(hex[(value >> shift) & 0xf]);
}
