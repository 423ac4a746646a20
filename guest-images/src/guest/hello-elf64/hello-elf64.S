/*
 * hello-elf64 - a plain ELF64 (x86-64) kernel whose entry point is 64-bit code.
 *
 * What it assumes from the loader (jvmm's ELF64 boot format): the CPU is in 64-bit long mode
 * at CPL 0 with CS a 64-bit code segment, paging identity-maps at least the first 4 GiB so
 * virtual = physical for this image at 1 MiB, and the segments are loaded at their p_paddr
 * with .bss zeroed. It assumes nothing about RSP (it sets its own stack in .bss), interrupts
 * (it starts with CLI and never enables them), or the GDT/IDT (it loads no segment register).
 *
 * QEMU cannot boot this image: its -kernel loader takes multiboot ELF32 or Linux bzImage,
 * and refuses ELF64. It exists to test jvmm's direct long-mode entry.
 *
 * Exit code: 0 success.
 */
    .include "pc.inc"

    .code64
    .text
    .globl _start
_start:
    cli
    lea stack_top(%rip), %rsp
    cld
    call serial_init
    lea message(%rip), %rsi
    call serial_puts
    PC_EXIT $0

    PC_SERIAL_FUNCTIONS

    .section .rodata
message:
    .asciz "Hello from an ELF64 kernel!\n"

    .bss
    .balign 16
    .skip 4096
stack_top:
