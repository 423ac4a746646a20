/*
 * v86-32: virtual-8086 mode (V86Test). Ring 0 IRETs into V86 at 2000:0000 with IOPL 3; the 8086
 * code uses real-mode segments, then INT 0x30 goes to a ring-0 handler that receives the V86 frame
 * (GS FS DS ES SS ESP EFLAGS CS EIP) with the data segment registers nulled, and IRETs back; the
 * 8086 code then executes HLT, a #GP(0) at CPL 3, whose ring-0 handler halts.
 * Build: as --32 v86-32.S -o v.o && ld -m elf_i386 -Ttext=0x10000 --oformat=binary v.o -o v86-32.bin
 */
    .code32
    .globl _start
_start:
    mov $0x28, %ax
    ltr %ax
    push $0x3000            /* GS */
    push $0x3000            /* FS */
    push $0x2000            /* DS */
    push $0x2000            /* ES */
    push $0x2800            /* SS */
    push $0x1000            /* ESP */
    push $0x23002           /* EFLAGS: VM, IOPL 3 */
    push $0x2000            /* CS */
    push $0                 /* IP: the test copies v86code..v86end to 2000:0000 */
    iret

handler_30:
    mov %eax, %ecx          /* keep the V86 code's AX */
    mov %esp, %ebx
    mov $0x10, %ax
    mov %ax, %ds
    mov %ebx, 0x5000        /* ESP0 - 36 */
    mov %es, %eax
    mov %eax, 0x5004        /* ES nulled */
    mov 0(%ebx), %eax
    mov %eax, 0x5008        /* EIP */
    mov 8(%ebx), %eax
    mov %eax, 0x500c        /* EFLAGS (VM set) */
    mov 12(%ebx), %eax
    mov %eax, 0x5010        /* ESP */
    mov 24(%ebx), %eax
    mov %eax, 0x5014        /* DS */
    mov 32(%ebx), %eax
    mov %eax, 0x5018        /* GS */
    mov %ecx, %eax
    iret                    /* back to V86 */

handler_gp:
    mov %esp, %ebx
    mov $0x10, %ax
    mov %ax, %ds
    mov 0(%ebx), %eax
    mov %eax, 0x5020        /* error code */
    mov 4(%ebx), %eax
    mov %eax, 0x5024        /* EIP of the HLT */
    hlt

    .code16
v86code:
    mov $0x1234, %ax
    mov %ax, 0x10           /* 2000:0010 = linear 0x20010 */
    push %ax                /* 2800:0FFE = linear 0x28ffe */
    int $0x30
    mov %ax, 0x12           /* AX survived the round trip */
    hlt
v86end:

    .org 0x200
    .long handler_30
    .long handler_gp
    .long v86code
    .long v86end
