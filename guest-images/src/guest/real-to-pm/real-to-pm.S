/*
 * real-to-pm - a boot sector that does what every boot loader does: starts in real mode at
 * 0000:7C00, prints from 16-bit code, loads a GDT, sets CR0.PE and far-jumps into a 32-bit
 * code segment (Intel SDM Vol. 3A, 10.9.1 "Switching to Protected Mode"), reloads the data
 * segments, and prints again from 32-bit code. No interrupts, no A20 (everything is below
 * 1 MiB).
 *
 * Exit codes: 0 success; 3 CR0.PE reads back clear in 32-bit code; 4 CS is not the selector
 * of the far jump.
 */
    .include "pc.inc"

.equ SEL_CODE32, 0x08
.equ SEL_DATA32, 0x10
.equ CR0_PE,     1 << 0

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
    mov $0x7c00, %sp
    cld

    call rm_serial_init
    mov $real_message, %si
    call rm_serial_puts

    lgdtl gdt_descriptor            /* 32-bit operand: all 32 bits of the base are used */
    mov %cr0, %eax
    or $CR0_PE, %eax
    mov %eax, %cr0
    /* Still 16-bit code with the old CS until this far jump loads a 32-bit segment
     * (SDM 10.9.1: the jump must immediately follow the MOV to CR0). */
    ljmpl $SEL_CODE32, $protected_mode

    PC_SERIAL_FUNCTIONS rm_

    .code32
protected_mode:
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    mov $0x7c00, %esp

    mov %cr0, %eax
    test $CR0_PE, %eax
    jnz 1f
    PC_EXIT $3
1:  mov %cs, %ax
    cmp $SEL_CODE32, %ax
    je 2f
    PC_EXIT $4
2:  mov $protected_message, %esi
    call serial_puts
    PC_EXIT $0

    PC_SERIAL_FUNCTIONS

    .balign 8
gdt:
    .quad 0                         /* null */
    .quad 0x00cf9a000000ffff        /* 0x08: code, base 0, 4 GiB, 32-bit */
    .quad 0x00cf92000000ffff        /* 0x10: data, base 0, 4 GiB */
gdt_end:
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt

real_message:
    .asciz "real-to-pm: 16-bit real mode, switching\n"
protected_message:
    .asciz "real-to-pm: 32-bit protected mode reached\n"

    .org 510
    .byte 0x55, 0xaa
