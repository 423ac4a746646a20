/*
 * user32 - privilege levels in 32-bit protected mode, without paging: the kernel loads a TSS
 * (LTR) whose SS0:ESP0 is its interrupt stack, drops to ring 3 with IRET (Intel SDM Vol. 3A,
 * 6.12.1: a return to a lower privilege level pops SS:ESP too), and the ring-3 program then
 *   - reads CS to see CPL 3,
 *   - makes a system call through an INT 0x80 gate with DPL 3, which switches to the TSS
 *     stack (the kernel checks its ESP and the saved CS/SS) and returns 2 * EBX,
 *   - runs six privileged things, each faulting: CLI and HLT and IN (CPL > IOPL, no I/O
 *     bitmap) and MOV from CR0 give #GP(0); INT 0x30 through a DPL 0 gate gives #GP with the
 *     IDT error code 0x30 << 3 | 2; loading the DPL 0 data selector into DS gives #GP(0x10);
 *   - and UD2 (#UD, not a privilege matter),
 * and ends with the exit system call. The kernel logs each exception (vector, error code,
 * EIP, CPL of the interrupted code), resumes the program after the faulting instruction, and
 * prints and checks everything once the program has exited.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 more exceptions than expected; 4 CPL in ring
 *   3 is not 3; 5 the system call's frame is wrong (saved CS/SS not ring 3, or ESP not on the
 *   TSS stack); 6 the system call's result is wrong; 7 an unknown system call;
 *   10 + n: expected exception n (from 1) differs in count, vector, error code, EIP or CPL.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ SEL_USER_CODE, 0x18 | 3
.equ SEL_USER_DATA, 0x20 | 3
.equ SEL_TSS,       0x28
.equ SYSCALL_VECTOR, 0x80
.equ KERNEL_ONLY_VECTOR, 0x30
.equ GATE_DPL3,     0x6000              /* gate descriptor bits 14:13 */
.equ TSS_ESP0,      4
.equ TSS_SS0,       8
.equ TSS_IOMAP,     102
.equ TSS_SIZE,      104
.equ EXPECTED,      7                   /* exceptions the ring-3 program raises */

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY user32

    /* GDT: flat kernel code/data, flat ring-3 code/data, and the TSS. */
    mov $tss, %eax
    mov %ax, gdt_tss + 2                /* base 15..0 */
    shr $16, %eax
    mov %al, gdt_tss + 4                /* base 23..16 */
    mov %ah, gdt_tss + 7                /* base 31..24 */
    lgdt gdt_descriptor
    ljmp $SEL_CODE32, $1f
1:  mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss

    movl $kernel_stack_top, tss + TSS_ESP0
    movw $SEL_DATA32, tss + TSS_SS0
    movw $TSS_SIZE, tss + TSS_IOMAP     /* I/O bitmap offset beyond the limit: no bitmap */
    mov $SEL_TSS, %ax
    ltr %ax

    xor %eax, %eax                      /* IDT: exceptions -> logger, INT 0x80 -> system call */
2:  mov %eax, %edx
    shl $4, %edx
    add $stubs, %edx
    call idt_set_gate
    inc %eax
    cmp $32, %eax
    jne 2b
    mov $SYSCALL_VECTOR, %eax
    mov $system_call, %edx
    call idt_set_gate
    orw $GATE_DPL3, pm32_idt + SYSCALL_VECTOR * 8 + 4
    mov $KERNEL_ONLY_VECTOR, %eax       /* DPL 0: INT 0x30 from ring 3 must fault */
    mov $system_call, %edx
    call idt_set_gate
    call idt_load

    /* To ring 3: IRET pops EIP, CS, EFLAGS, then (lower privilege) ESP and SS. */
    push $SEL_USER_DATA
    push $user_stack_top
    push $0x002                         /* EFLAGS: IF=0, IOPL=0 */
    push $SEL_USER_CODE
    push $user_program
    iret

/* ---- ring 3 ---- */
user_program:
    mov $SEL_USER_DATA, %ax             /* our own data selectors (DPL 3) */
    mov %ax, %ds
    mov %ax, %es
    mov %cs, %eax
    and $3, %eax
    mov %eax, user_cpl
    mov $1, %eax                        /* system call 1: EAX = 2 * EBX */
    mov $21, %ebx
    int $SYSCALL_VECTOR
    mov %eax, user_result
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
    mov %cr0, %eax
resume_4:
fault_5:
    int $KERNEL_ONLY_VECTOR
resume_5:
    mov $SEL_DATA32, %ax
fault_6:
    mov %ax, %ds
resume_6:
fault_7:
    ud2
resume_7:
    xor %eax, %eax                      /* system call 0: exit */
    int $SYSCALL_VECTOR
    jmp .                               /* not reached */

/* ---- ring 0 ---- */

/* INT 0x80. Stack: EIP, CS, EFLAGS, ESP, SS of the caller (ring 3). */
system_call:
    cmpl $SEL_USER_CODE, 4(%esp)
    jne 9f
    cmpl $SEL_USER_DATA, 16(%esp)
    jne 9f
    cmp $kernel_stack_top - 20, %esp    /* exactly the five-dword frame on TSS.ESP0 */
    jne 9f
    test %eax, %eax
    jz report
    cmp $1, %eax
    jne 8f
    mov %ebx, %eax
    add %eax, %eax
    iret
8:  FAIL 7, unknown_call_message
9:  FAIL 5, frame_message

/* Exception stubs: error code (or 0), vector, then the logger. */
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

/* Stack: EAX, EBX (pushed here), vector, error code, EIP, CS, EFLAGS, ESP, SS. Logs the
 * exception and resumes the program at the expected entry's resume address. */
log_exception:
    push %ebx
    push %eax
    mov logged, %ebx
    cmp $EXPECTED, %ebx
    jae 1f
    shl $4, %ebx                        /* 16-byte log entries */
    mov 8(%esp), %eax
    mov %eax, log + 0(%ebx)             /* vector */
    mov 12(%esp), %eax
    mov %eax, log + 4(%ebx)             /* error code */
    mov 16(%esp), %eax
    mov %eax, log + 8(%ebx)             /* EIP */
    mov 20(%esp), %eax
    and $3, %eax
    mov %eax, log + 12(%ebx)            /* CPL of the interrupted code: CS.RPL */
    mov logged, %ebx
    shl $5, %ebx                        /* 32-byte table entries */
    mov expected + E_RESUME(%ebx), %eax
    mov %eax, 16(%esp)
    incl logged
    pop %eax
    pop %ebx
    add $8, %esp                        /* vector and error code */
    iret
1:  FAIL 3, too_many_message

/* Runs in the exit system call, on the TSS stack at CPL 0: prints and checks everything. */
report:
    mov $ring3_message, %esi
    call serial_puts
    mov user_cpl, %eax
    call put_dec32
    mov $'\n', %al
    call serial_putc
    cmpl $3, user_cpl
    je 1f
    PC_EXIT $4
1:  mov $syscall_message, %esi
    call serial_puts
    mov user_result, %eax
    call put_dec32
    mov $'\n', %al
    call serial_putc
    cmpl $42, user_result
    je 2f
    PC_EXIT $6
2:  xor %ebp, %ebp                      /* EBP = entry index */
3:  mov %ebp, %ebx
    shl $5, %ebx                        /* EBX -> expected entry */
    mov %ebp, %edi
    shl $4, %edi                        /* EDI -> log entry */
    mov $line_prefix, %esi
    call serial_puts
    mov expected + E_NAME(%ebx), %esi
    call serial_puts
    cmp logged, %ebp
    jae 8f                              /* never raised */
    mov log + 0(%edi), %eax
    cmp expected + E_VECTOR(%ebx), %eax
    jne 8f
    mov log + 4(%edi), %eax
    cmp expected + E_ERROR(%ebx), %eax
    jne 8f
    mov log + 8(%edi), %eax
    cmp expected + E_FAULT(%ebx), %eax
    jne 8f
    cmpl $3, log + 12(%edi)
    jne 8f
    mov $vector_text, %esi
    call serial_puts
    mov log + 0(%edi), %eax
    call put_dec32
    mov $error_text, %esi
    call serial_puts
    mov log + 4(%edi), %eax
    call put_hex32
    mov $ok_text, %esi
    call serial_puts
    inc %ebp
    cmp $EXPECTED, %ebp
    jne 3b
    mov $all_ok_message, %esi
    call serial_puts
    PC_EXIT $0
8:  mov $failed_text, %esi
    call serial_puts
    lea 11(%ebp), %eax                  /* 10 + entry number (from 1) */
    PC_EXIT %eax

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

/* The exceptions the ring-3 program must raise, in order: name, vector, error code, the
 * faulting EIP (all are faults: EIP points at the instruction) and where to resume. */
.equ E_NAME, 0
.equ E_VECTOR, 4
.equ E_ERROR, 8
.equ E_FAULT, 12
.equ E_RESUME, 16
.macro EXPECT n, name, vector, error
    .long name_\n, \vector, \error, fault_\n, resume_\n, 0, 0, 0
    .pushsection .rodata.names, "a"
name_\n:
    .asciz "\name"
    .popsection
.endm

    .section .rodata
    .balign 32
expected:
    EXPECT 1, "CLI at CPL 3", 13, 0
    EXPECT 2, "HLT at CPL 3", 13, 0
    EXPECT 3, "IN at CPL 3 without an I/O bitmap", 13, 0
    EXPECT 4, "MOV from CR0 at CPL 3", 13, 0
    EXPECT 5, "INT 0x30 through a DPL 0 gate", 13, (KERNEL_ONLY_VECTOR*8+2)
    EXPECT 6, "DS loaded with a DPL 0 selector", 13, SEL_DATA32
    EXPECT 7, "UD2 at CPL 3", 6, 0

line_prefix:
    .asciz "user32: "
ring3_message:
    .asciz "user32: IRET to ring 3, CS.RPL reads "
syscall_message:
    .asciz "user32: INT 0x80 from ring 3 ran on the TSS stack and returned "
vector_text:
    .asciz ": vector "
error_text:
    .asciz ", error 0x"
ok_text:
    .asciz ", ok\n"
failed_text:
    .asciz ": FAILED\n"
all_ok_message:
    .asciz "user32: all checks passed\n"
frame_message:
    .asciz "user32: the system call's frame is not a ring-3 frame on the TSS stack\n"
unknown_call_message:
    .asciz "user32: unknown system call\n"
too_many_message:
    .asciz "user32: more exceptions than the program should raise\n"

    .data
    .balign 8
gdt:                                    /* writable: LTR marks the TSS descriptor busy */
    .quad 0                             /* null */
    .quad 0x00cf9a000000ffff            /* 0x08: kernel code, flat 32-bit, DPL 0 */
    .quad 0x00cf92000000ffff            /* 0x10: kernel data, DPL 0 */
    .quad 0x00cffa000000ffff            /* 0x18: user code, DPL 3 */
    .quad 0x00cff2000000ffff            /* 0x20: user data, DPL 3 */
gdt_tss:
    .quad 0x0000890000000000 + TSS_SIZE - 1     /* 0x28: 32-bit TSS, available; base below */
gdt_end:
    .balign 4
    .word 0
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt

    .bss
    .balign 16
tss:
    .skip TSS_SIZE
    .balign 16
log:
    .skip EXPECTED * 16
logged:
    .skip 4
user_cpl:
    .skip 4
user_result:
    .skip 4
    .balign 16
    .skip 4096
kernel_stack_top:                       /* TSS.ESP0 */
    .skip 4096
user_stack_top:
