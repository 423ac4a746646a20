/* clock_host.c - clock.h for the native program: CLOCK_MONOTONIC. */
#define _POSIX_C_SOURCE 199309L
#include <time.h>
#include "clock.h"

static struct timespec start;

void clock_start(void)
{
    clock_gettime(CLOCK_MONOTONIC, &start);
}

uint32_t clock_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint32_t)((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
}
