/* console_host.c - the native console: the kernel runs as a host program writing to stdout. */
#include <stdio.h>
#include "console.h"

/* The kernel command line (cmdline.h): the program's first argument, as in "sort32 rounds=20". */
const char *boot_cmdline;

void console_putc(char c)
{
    putchar(c);
}

int main(int argc, char **argv)
{
    boot_cmdline = argc > 1 ? argv[1] : 0;
    int status = kernel_main();
    fflush(stdout);
    return status;
}
