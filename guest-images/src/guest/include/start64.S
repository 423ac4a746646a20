/*
 * start64.S - entry of the freestanding C guests built as ELF64: entered in 64-bit long mode
 * (jvmm's ELF64 convention, see hello-elf64.S); sets its own stack, initialises COM1, calls
 * kernel_main() and writes its return value to isa-debug-exit.
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
    call kernel_main
    PC_EXIT %eax

    PC_SERIAL_FUNCTIONS

    .bss
    .balign 16
    .skip 16384
stack_top:
