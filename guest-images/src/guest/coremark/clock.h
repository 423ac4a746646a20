/*
 * clock.h - the CoreMark port's clock: milliseconds since clock_start(). In the guest
 * (clock_pit.c) the 8254 PIT's channel 0 interrupts at 1 kHz and the handler counts; natively
 * (clock_host.c) the host's monotonic clock. The CoreMark objects are the same in both.
 */
#ifndef JVMM_CLOCK_H
#define JVMM_CLOCK_H

#include <stdint.h>

void clock_start(void);
uint32_t clock_ms(void);

#endif
