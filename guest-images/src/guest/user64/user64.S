/*
 * user64 - ring 3 in long mode (an ELF64): the kernel loads its own GDT, a 64-bit TSS whose
 * RSP0 is its interrupt stack, and page tables that let ring 3 in (U/S=1), enables SYSCALL (EFER.SCE, STAR, LSTAR, SFMASK: Intel SDM Vol.
 * 3A, 5.8.8), and drops to ring 3 with IRETQ. The ring-3 program
 *   - reads CS to see CPL 3,
 *   - calls SYSCALL with DF set: the kernel finds DF cleared by SFMASK, RCX = the return RIP,
 *     R11 = the caller's RFLAGS, switches to its own stack, and returns 2 * RDI with SYSRETQ,
 *     after which DF is set again (R11 restored it),
 *   - makes an INT 0x80 through a DPL 3 gate: the CPU switches to TSS.RSP0 (the kernel checks
 *     the five-quadword frame: RIP, CS 0x2B, RFLAGS, RSP, SS 0x23),
 *   - runs five privileged things, each #GP(0): CLI, HLT, IN, MOV from CR3, WRMSR; and UD2,
 * and ends with the exit system call. The kernel logs each exception and resumes after the
 * faulting instruction, then prints and checks everything.
 *
 * Exit codes: 0 success; 3 more exceptions than expected; 4 CPL in ring 3 is not 3;
 *   5 SYSCALL state wrong (DF not masked, RCX or R11 wrong); 6 INT 0x80 frame wrong;
 *   7 system call results wrong; 8 DF not restored by SYSRETQ; 10 + n: exception n wrong.
 */
    .include "pc.inc"

.equ SEL_KERNEL_CODE, 0x08
.equ SEL_KERNEL_DATA, 0x10
.equ SEL_USER_BASE,   0x18              /* STAR[63:48]: SYSRET loads CS = +16, SS = +8 */
.equ SEL_USER_DATA,   0x20 | 3
.equ SEL_USER_CODE,   0x28 | 3
.equ SEL_TSS,         0x30
.equ MSR_EFER,        0xc0000080
.equ MSR_STAR,        0xc0000081
.equ MSR_LSTAR,       0xc0000082
.equ MSR_SFMASK,      0xc0000084
.equ EFER_SCE,        1 << 0
.equ RFLAGS_DF,       1 << 10
.equ SFMASK_BITS,     0x700             /* TF, IF, DF cleared on SYSCALL */
.equ GATE_INTERRUPT,  0x8e
.equ GATE_DPL3,       0x60
.equ TSS_RSP0,        4
.equ TSS_IOMAP,       102
.equ TSS_SIZE,        104
.equ EXPECTED,        6
.equ PAGE_USER_RW_P,  0x7               /* present, writable, user */
.equ PDE_LARGE,       0x80

.macro FAIL code
    PC_EXIT $\code
.endm

    .code64
    .text
    .globl _start
_start:
    cli
    lea boot_stack_top(%rip), %rsp
    cld
    call serial_init

    mov $tss, %eax                      /* TSS descriptor base (below 4 GiB) */
    mov %ax, gdt_tss + 2
    shr $16, %eax
    mov %al, gdt_tss + 4
    mov %ah, gdt_tss + 7
    movq $kernel_stack_top, tss + TSS_RSP0
    movw $TSS_SIZE, tss + TSS_IOMAP     /* no I/O bitmap */
    lgdt gdt_descriptor
    push $SEL_KERNEL_CODE               /* reload CS with a far return */
    lea 1f(%rip), %rax
    push %rax
    lretq
1:  mov $SEL_KERNEL_DATA, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    mov $SEL_TSS, %ax
    ltr %ax

    /* Our own page tables: the loader's map is supervisor-only, and ring 3 needs U/S=1 at
     * every level (SDM 4.6). The first GiB, identity, 2 MiB pages. */
    movq $pdpt + PAGE_USER_RW_P, pml4
    movq $page_directory + PAGE_USER_RW_P, pdpt
    xor %ecx, %ecx
3:  mov %rcx, %rax
    shl $21, %rax
    or $PAGE_USER_RW_P | PDE_LARGE, %rax
    mov %rax, page_directory(, %rcx, 8)
    inc %ecx
    cmp $512, %ecx
    jne 3b
    mov $pml4, %eax
    mov %rax, %cr3

    xor %ebx, %ebx                      /* IDT: 0-31 -> logging stubs, 0x80 -> int80 (DPL 3) */
2:  mov %ebx, %edi
    mov %ebx, %eax
    shl $4, %eax
    add $stubs, %eax
    mov $GATE_INTERRUPT, %edx
    call set_gate
    inc %ebx
    cmp $32, %ebx
    jne 2b
    mov $0x80, %edi
    mov $int80, %eax
    mov $GATE_INTERRUPT | GATE_DPL3, %edx
    call set_gate
    lidt idt_descriptor

    mov $MSR_EFER, %ecx                 /* SYSCALL/SYSRET on */
    rdmsr
    or $EFER_SCE, %eax
    wrmsr
    mov $MSR_STAR, %ecx
    xor %eax, %eax
    mov $(SEL_USER_BASE << 16) | SEL_KERNEL_CODE, %edx
    wrmsr
    mov $MSR_LSTAR, %ecx
    mov $syscall_entry, %eax
    xor %edx, %edx
    wrmsr
    mov $MSR_SFMASK, %ecx
    mov $SFMASK_BITS, %eax
    xor %edx, %edx
    wrmsr

    push $SEL_USER_DATA                 /* IRETQ to ring 3: SS, RSP, RFLAGS, CS, RIP */
    push $user_stack_top
    push $0x002
    push $SEL_USER_CODE
    push $user_program
    iretq

/* ---- ring 3 ---- */
user_program:
    mov %cs, %eax
    and $3, %eax
    mov %eax, user_cpl
    std                                 /* SFMASK must clear it for the kernel */
    mov $1, %eax                        /* system call 1: RAX = 2 * RDI */
    mov $21, %edi
    syscall
syscall_return:
    pushf
    pop %rbx
    cld
    mov %rax, user_result_syscall
    mov %rbx, user_rflags_after
    mov $1, %eax                        /* the same call through INT 0x80 */
    mov $50, %edi
    int $0x80
    mov %rax, user_result_int80
fault_1:
    cli
resume_1:
fault_2:
    hlt
resume_2:
fault_3:
    inb $0x80, %al
resume_3:
fault_4:
    mov %cr3, %rax
resume_4:
fault_5:
    wrmsr
resume_5:
fault_6:
    ud2
resume_6:
    xor %eax, %eax                      /* system call 0: exit */
    syscall
    jmp .

/* ---- ring 0 ---- */

/* SYSCALL: RCX = return RIP, R11 = the caller's RFLAGS, RSP still the caller's. */
syscall_entry:
    mov %rsp, user_rsp
    lea kernel_stack_top(%rip), %rsp
    test %eax, %eax
    jz report
    pushf
    pop %rdx
    test $RFLAGS_DF, %edx               /* SFMASK cleared DF... */
    jnz 8f
    test $RFLAGS_DF, %r11d              /* ...which the caller had set */
    jz 8f
    cmp $syscall_return, %rcx
    jne 8f
    lea (%rdi, %rdi), %rax
    mov user_rsp, %rsp
    sysretq
8:  FAIL 5

/* INT 0x80 from ring 3: the CPU switched to TSS.RSP0 and pushed SS, RSP, RFLAGS, CS, RIP. */
int80:
    cmpq $SEL_USER_CODE, 8(%rsp)
    jne 9f
    cmpq $SEL_USER_DATA, 32(%rsp)
    jne 9f
    lea kernel_stack_top - 40(%rip), %rdx
    cmp %rdx, %rsp
    jne 9f
    lea (%rdi, %rdi), %rax
    iretq
9:  FAIL 6

/* EDI = vector, EAX = handler (below 4 GiB), EDX = type byte: a 16-byte interrupt gate. */
set_gate:
    shl $4, %edi
    add $idt, %edi
    mov %ax, (%rdi)
    movw $SEL_KERNEL_CODE, 2(%rdi)
    movb $0, 4(%rdi)
    mov %dl, 5(%rdi)
    shr $16, %eax
    mov %ax, 6(%rdi)
    movq $0, 8(%rdi)
    ret

    .balign 16
stubs:
    .set vector, 0
    .rept 32
    .balign 16
    .if (vector == 8) || (vector >= 10 && vector <= 14) || (vector == 17) || (vector == 21) || (vector >= 29 && vector <= 30)
    .else
    push $0
    .endif
    push $vector
    jmp log_exception
    .set vector, vector + 1
    .endr

/* Stack: RAX, RBX (pushed here), vector, error code, RIP, CS, RFLAGS, RSP, SS. */
log_exception:
    push %rbx
    push %rax
    mov logged, %ebx
    cmp $EXPECTED, %ebx
    jae 1f
    shl $5, %ebx                        /* 32-byte log entries */
    mov 16(%rsp), %rax
    mov %rax, log + 0(%rbx)             /* vector */
    mov 24(%rsp), %rax
    mov %rax, log + 8(%rbx)             /* error code */
    mov 32(%rsp), %rax
    mov %rax, log + 16(%rbx)            /* RIP */
    mov 40(%rsp), %rax
    and $3, %eax
    mov %rax, log + 24(%rbx)            /* CPL of the interrupted code */
    mov logged, %ebx
    mov resumes(, %rbx, 8), %rax        /* resume after the faulting instruction */
    mov %rax, 32(%rsp)
    incl logged
    pop %rax
    pop %rbx
    add $16, %rsp
    iretq
1:  FAIL 3

/* Runs in the exit system call at CPL 0 on the kernel stack: prints and checks everything. */
report:
    lea ring3_message(%rip), %rsi
    call serial_puts
    mov user_cpl, %eax
    call put_dec
    mov $'\n', %al
    call serial_putc
    cmpl $3, user_cpl
    je 1f
    FAIL 4
1:  lea syscall_message(%rip), %rsi
    call serial_puts
    mov user_result_syscall, %rax
    call put_dec
    lea int80_message(%rip), %rsi
    call serial_puts
    mov user_result_int80, %rax
    call put_dec
    mov $'\n', %al
    call serial_putc
    cmpq $42, user_result_syscall
    jne 2f
    cmpq $100, user_result_int80
    je 3f
2:  FAIL 7
3:  testq $RFLAGS_DF, user_rflags_after
    jnz 4f
    FAIL 8
4:  xor %ebp, %ebp                      /* entry index */
5:  mov %ebp, %ebx
    shl $5, %ebx                        /* expected and log entries are both 32 bytes */
    lea line_prefix(%rip), %rsi
    call serial_puts
    mov expected + E_NAME(%rbx), %rsi
    call serial_puts
    cmp logged, %ebp
    jae 8f
    mov log + 0(%rbx), %rax
    cmp expected + E_VECTOR(%rbx), %rax
    jne 8f
    mov log + 8(%rbx), %rax
    cmp expected + E_ERROR(%rbx), %rax
    jne 8f
    mov log + 16(%rbx), %rax
    cmp expected + E_FAULT(%rbx), %rax
    jne 8f
    cmpq $3, log + 24(%rbx)
    jne 8f
    lea vector_text(%rip), %rsi
    call serial_puts
    mov log + 0(%rbx), %rax
    call put_dec
    lea ok_text(%rip), %rsi
    call serial_puts
    inc %ebp
    cmp $EXPECTED, %ebp
    jne 5b
    lea all_ok_message(%rip), %rsi
    call serial_puts
    PC_EXIT $0
8:  lea failed_text(%rip), %rsi
    call serial_puts
    lea 11(%rbp), %eax
    PC_EXIT %eax

/* Prints RAX in decimal. */
put_dec:
    mov $10, %ecx
    xor %edi, %edi                      /* digits pushed */
1:  xor %edx, %edx
    div %rcx
    push %rdx
    inc %edi
    test %rax, %rax
    jnz 1b
2:  pop %rax
    add $'0', %al
    call serial_putc
    dec %edi
    jnz 2b
    ret

    PC_SERIAL_FUNCTIONS

.equ E_NAME, 0
.equ E_VECTOR, 8
.equ E_ERROR, 16
.equ E_FAULT, 24
.macro EXPECT n, name, vector, error
    .quad name_\n, \vector, \error, fault_\n
    .pushsection .rodata.resumes, "a"
    .quad resume_\n
    .popsection
    .pushsection .rodata.names, "a"
name_\n:
    .asciz "\name"
    .popsection
.endm

    .section .rodata.resumes, "a"
    .balign 8
resumes:                                /* EXPECT appends each entry's resume address here */
    .section .rodata
    .balign 32
expected:
    EXPECT 1, "CLI at CPL 3", 13, 0
    EXPECT 2, "HLT at CPL 3", 13, 0
    EXPECT 3, "IN at CPL 3 without an I/O bitmap", 13, 0
    EXPECT 4, "MOV from CR3 at CPL 3", 13, 0
    EXPECT 5, "WRMSR at CPL 3", 13, 0
    EXPECT 6, "UD2 at CPL 3", 6, 0

line_prefix:
    .asciz "user64: "
ring3_message:
    .asciz "user64: IRETQ to ring 3, CS.RPL reads "
syscall_message:
    .asciz "user64: SYSCALL with DF set ran with DF clear, SYSRETQ returned "
int80_message:
    .asciz ", INT 0x80 on TSS.RSP0 returned "
vector_text:
    .asciz ": vector "
ok_text:
    .asciz ", ok\n"
failed_text:
    .asciz ": FAILED\n"
all_ok_message:
    .asciz "user64: all checks passed\n"
    .balign 8
idt_descriptor:
    .word 256 * 16 - 1
    .quad idt

    .data                               /* writable: LTR marks the TSS descriptor busy */
    .balign 8
gdt:
    .quad 0                             /* null */
    .quad 0x00af9a000000ffff            /* 0x08: kernel code, 64-bit */
    .quad 0x00cf92000000ffff            /* 0x10: kernel data */
    .quad 0x00cffa000000ffff            /* 0x18: user code, 32-bit (STAR base; unused) */
    .quad 0x00cff2000000ffff            /* 0x20: user data (SYSRET: SS = base + 8) */
    .quad 0x00affa000000ffff            /* 0x28: user code, 64-bit (SYSRET: CS = base + 16) */
gdt_tss:
    .quad 0x0000890000000000 + TSS_SIZE - 1     /* 0x30: 64-bit TSS, available; base below */
    .quad 0                             /* the descriptor's upper half: base 63..32 = 0 */
gdt_end:
    .balign 4
    .word 0, 0, 0
gdt_descriptor:
    .word gdt_end - gdt - 1
    .quad gdt

    .bss
    .balign 4096
pml4:
    .skip 4096
pdpt:
    .skip 4096
page_directory:
    .skip 4096
idt:
    .skip 256 * 16
tss:
    .skip TSS_SIZE
    .balign 8
log:
    .skip EXPECTED * 32
logged:
    .skip 4
user_cpl:
    .skip 4
user_rsp:
    .skip 8
user_result_syscall:
    .skip 8
user_result_int80:
    .skip 8
user_rflags_after:
    .skip 8
    .balign 16
    .skip 4096
boot_stack_top:
    .skip 4096
kernel_stack_top:                       /* TSS.RSP0 and the SYSCALL stack */
    .skip 4096
user_stack_top:
