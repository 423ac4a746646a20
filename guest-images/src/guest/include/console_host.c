/* console_host.c - the native console: the kernel runs as a host program writing to stdout. */
#include <stdio.h>
#include "console.h"

void console_putc(char c)
{
    putchar(c);
}

int main(void)
{
    int status = kernel_main();
    fflush(stdout);
    return status;
}
