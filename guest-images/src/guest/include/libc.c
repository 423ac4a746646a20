/*
 * libc.c - the two functions GCC may call even in freestanding code (it turns loops and
 * struct copies into memset/memcpy calls; GCC manual, "C Language Standards": a freestanding
 * environment must still provide memcpy, memmove, memset and memcmp).
 */
#include <stddef.h>

void *memset(void *dest, int c, size_t n)
{
    unsigned char *d = dest;
    while (n-- > 0)
        *d++ = (unsigned char)c;
    return dest;
}

void *memcpy(void *restrict dest, const void *restrict src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;
    while (n-- > 0)
        *d++ = *s++;
    return dest;
}
