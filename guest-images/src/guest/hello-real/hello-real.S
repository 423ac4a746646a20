/*
 * hello-real - a 512-byte boot sector that prints on COM1 in real mode and exits 0.
 *
 * Entered at 0000:7C00 in real mode (BIOS convention; jvmm's REAL_MODE_FLAT loader does the
 * same). Some BIOSes enter at 07C0:0000 instead, so the first instruction normalises CS.
 */
    .include "pc.inc"

    .code16
    .section .text
    .globl _start
_start:
    ljmp $0, $start0                /* CS:IP = 0000:7Cxx whatever the BIOS used */
start0:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7c00, %sp                /* stack grows down below the boot sector */
    cld

    call serial_init
    mov $message, %si
    call serial_puts
    PC_EXIT $0

    PC_SERIAL_FUNCTIONS

message:
    .asciz "Hello from real mode!\n"

    /* Pad to 510 bytes and add the boot signature the BIOS checks (bytes 0x55, 0xAA). */
    .org 510
    .byte 0x55, 0xaa
