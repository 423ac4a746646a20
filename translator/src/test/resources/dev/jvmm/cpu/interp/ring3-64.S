/*
 * ring3-64: long-mode privilege round trip for PrivilegeTest (entered at 0x10000 in 64-bit ring 0;
 * the test builds GDT, 64-bit IDT, TSS and identity page tables with U/S set).
 * SYSRET to ring 3, SYSCALL back (RCX/R11), SWAPGS, IRETQ to ring 3, INT 0x80 through a DPL-3
 * 64-bit interrupt gate (RSP from TSS.RSP0), then a ring-3 write to a supervisor page -> #PF.
 * Results are stored at 0x5000 for the test to check.
 * Build: as --64 ring3-64.S -o r.o && ld -m elf_x86_64 -Ttext=0x10000 --oformat=binary r.o -o ring3-64.bin
 */
    .code64
    .globl _start
_start:
    mov $0x28, %ax
    ltr %ax
    mov $0xc0000080, %ecx   /* EFER.SCE */
    rdmsr
    or $1, %eax
    wrmsr
    mov $0xc0000081, %ecx   /* STAR: SYSCALL CS 0x08, SYSRET base 0x10 (CS 0x20|3, SS 0x18|3) */
    xor %eax, %eax
    mov $0x00100008, %edx
    wrmsr
    mov $0xc0000082, %ecx   /* LSTAR */
    mov $syscall_entry, %eax
    xor %edx, %edx
    wrmsr
    mov $0xc0000084, %ecx   /* SFMASK: clear IF and TF */
    mov $0x300, %eax
    wrmsr
    mov $0xc0000102, %ecx   /* KERNEL_GS_BASE */
    mov $0x6000, %eax
    wrmsr
    mov $user1, %rcx
    mov $0x202, %r11
    mov $0x7000, %rsp
    sysretq
user1:
    mov $0x55, %rax
    syscall
after_syscall:
    jmp .

syscall_entry:
    mov %rcx, 0x5000        /* user RIP */
    mov %r11, 0x5008        /* user RFLAGS */
    swapgs
    mov $0xc0000101, %ecx   /* GS_BASE now holds the old KERNEL_GS_BASE */
    rdmsr
    mov %eax, 0x5010
    mov %rsp, 0x5018        /* still the user stack: SYSCALL does not switch stacks */
    /* IRETQ to ring 3: SS, RSP, RFLAGS, CS, RIP */
    push $0x1b
    push $0x7800
    push $0x2
    push $0x23
    push $user2
    iretq
user2:
    int $0x80
    movq $1, 0x200000       /* supervisor-only page: #PF, error code P|W|U = 7 */
    jmp .

handler_80:
    mov %rsp, 0x5020        /* TSS.RSP0 - 40 */
    mov 8(%rsp), %rbx
    mov %rbx, 0x5028        /* saved CS */
    mov 24(%rsp), %rbx
    mov %rbx, 0x5030        /* saved RSP */
    iretq

handler_pf:
    mov (%rsp), %rbx
    mov %rbx, 0x5038        /* error code */
    mov %cr2, %rbx
    mov %rbx, 0x5040
    hlt

    .org 0x200
    .quad handler_80
    .quad handler_pf
    .quad after_syscall
