/*
 * console_serial.c - the guest console: COM1, already initialised by the assembly start code
 * (pc.inc's serial_init). Polls LSR.THRE before each byte like pc.inc's serial_putc.
 */
#include "console.h"

#define COM1 0x3f8
#define UART_LSR 5
#define UART_LSR_THRE 0x20

static inline void outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

void console_putc(char c)
{
    while ((inb(COM1 + UART_LSR) & UART_LSR_THRE) == 0)
        ;
    outb(COM1, (uint8_t)c);
}
