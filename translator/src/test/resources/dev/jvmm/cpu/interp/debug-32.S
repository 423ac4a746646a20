/*
 * debug-32: hardware breakpoints and single-step (DebugRegisterTest). DR0 = an instruction
 * breakpoint on `target`, DR1 = a 4-byte data write breakpoint at 0x6000; then a TF single-step
 * over one instruction. The #DB handler logs DR6 and the saved EIP (up to 8 events at 0x5000) and
 * sets RF in the saved EFLAGS so the breakpointed instruction can run.
 * Build: as --32 debug-32.S -o d.o && ld -m elf_i386 -Ttext=0x10000 --oformat=binary d.o -o debug-32.bin
 */
    .code32
    .globl _start
_start:
    mov $target, %eax
    mov %eax, %dr0
    mov $0x6000, %eax
    mov %eax, %dr1
    mov $0x00d00005, %eax   /* L0 (execute), L1 (write, 4 bytes) */
    mov %eax, %dr7
    nop
target:
    mov $0x77, %ebx         /* instruction breakpoint fires before this */
    movl $1, 0x6002         /* overlaps the watched dword: trap after it */
    movl $2, 0x6004         /* outside: no trap */
    pushf
    orl $0x100, (%esp)      /* TF */
    popf
    inc %ebx                /* single-step trap after this */
    hlt

db_handler:
    mov 0x5100, %ecx        /* event index */
    mov %dr6, %eax
    mov %eax, 0x5000(,%ecx,8)
    mov (%esp), %eax
    mov %eax, 0x5004(,%ecx,8)
    inc %ecx
    mov %ecx, 0x5100
    xor %eax, %eax
    mov %eax, %dr6
    orl $0x10000, 8(%esp)   /* RF: do not break again on the same instruction */
    andl $~0x100, 8(%esp)   /* and stop single-stepping */
    iret

    .org 0x100
    .long db_handler
    .long target
