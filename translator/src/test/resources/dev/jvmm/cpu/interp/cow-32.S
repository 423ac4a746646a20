/*
 * cow-32: a read-modify-write that faults on a read-only page must restart with the flags it
 * started with (FaultRestartTest). 32-bit protected mode, paging with 4 MiB pages (CR4.PSE) and
 * CR0.WP; the page at 4 MiB starts read-only. ADC with CF=1 faults (#PF), the handler makes the
 * page writable and IRETs; the restarted ADC must still add the carry.
 * Build: as --32 cow-32.S -o c.o && ld -m elf_i386 -Ttext=0x10000 --oformat=binary c.o -o cow-32.bin
 */
    .code32
    .globl _start
_start:
    mov $0x10, %eax             /* the test stored 0x100 at 0x400000 */
    stc
    adcl %eax, 0x400000         /* 0x100 + 0x10 + CF */
    mov 0x400000, %ebx
    hlt

pf_handler:
    orl $2, 0x20004             /* PDE 1 (4 MiB at 4 MiB): writable */
    invlpg 0x400000
    incl 0x5000                 /* count the faults */
    add $4, %esp                /* drop the error code */
    iret

    .org 0x100
    .long pf_handler
