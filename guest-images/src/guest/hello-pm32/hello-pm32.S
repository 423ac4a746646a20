/*
 * hello-pm32 - a multiboot v1 ELF32 kernel that prints on COM1 in 32-bit protected mode.
 *
 * Exit codes: 0 success; 2 if EAX did not hold the multiboot loader magic 0x2BADB002.
 */
    .include "pc.inc"
    .include "multiboot.inc"

    MULTIBOOT_HEADER

    .code32
    .text
    .globl _start
_start:
    mov $stack_top, %esp            /* multiboot leaves ESP undefined */
    cld
    mov %eax, %ebx                  /* keep the loader magic: serial_* clobber EAX */

    call serial_init
    cmp $MULTIBOOT_BOOTLOADER_MAGIC, %ebx
    jne bad_magic
    mov $message, %esi
    call serial_puts
    PC_EXIT $0

bad_magic:
    mov $bad_magic_message, %esi
    call serial_puts
    PC_EXIT $2

    PC_SERIAL_FUNCTIONS

    .section .rodata
message:
    .asciz "Hello from 32-bit protected mode!\n"
bad_magic_message:
    .asciz "hello-pm32: EAX is not the multiboot magic 0x2BADB002\n"

    .bss
    .balign 16
    .skip 4096
stack_top:
