/*
 * compat-64: compatibility mode under long mode (PrivilegeTest). Entered in 64-bit ring 0; a far
 * return loads a 32-bit code segment (L=0, D=1), where INT 0x81 goes through a 64-bit IDT gate to
 * 64-bit code (pushing SS:RSP, aligned) and IRETQ comes back to 32-bit code, which returns to
 * 64-bit mode with SYSCALL (entry point CSTAR). Results at 0x5000.
 * Build: as --64 compat-64.S -o c.o && ld -m elf_x86_64 -Ttext=0x10000 --oformat=binary c.o -o compat-64.bin
 */
    .code64
    .globl _start
_start:
    mov $0x7004, %rsp           /* not 16-byte aligned: the interrupt aligns it */
    push $0x38                  /* 32-bit code selector (0x28-0x37: the 16-byte TSS) */
    push $compat
    lretq
    .code32
compat:
    mov $0x1234, %eax
    int $0x81
    mov %eax, 0x5010            /* the handler added 1 */
    mov %esp, 0x5014
syscall_here:
    syscall                     /* from compatibility mode: to CSTAR in 64-bit mode */
    .code64
back64:
    mov %rcx, 0x5028            /* return address: after the SYSCALL */
    mov %rsp, 0x5018
    movl $0x64, 0x5020
    hlt

handler:
    mov %rsp, 0x5000            /* (0x7004 & ~15) - 40 */
    mov 8(%rsp), %rbx
    mov %rbx, 0x5008            /* saved CS = 0x38 */
    inc %eax
    iretq

    .org 0x100
    .quad handler
    .quad back64
    .quad syscall_here
