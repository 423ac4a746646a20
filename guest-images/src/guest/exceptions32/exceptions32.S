/*
 * exceptions32 - raises CPU exceptions in 32-bit protected mode, without paging, and checks
 * for each the vector, the error code and the saved EIP (faults point at the faulting
 * instruction, traps after it: Intel SDM Vol. 3A, 6.5 "Exception Classifications"). Page
 * faults are paging32's business. The catching machinery is include/trap32.inc.
 *
 * Prints one line per exception: "exceptions32: <name>: vector <n>, error 0x<hex>, ok".
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 an exception outside any test;
 *   otherwise 6 * test number + what went wrong: 1 not exactly one exception, 2 wrong vector,
 *   3 wrong error code, 4 wrong saved EIP (tests are numbered from 1 in order).
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"
    .include "trap32.inc"

    MULTIBOOT_HEADER

.equ SEL_NOT_PRESENT, 0x18              /* a data descriptor with P=0 in our GDT */
.equ SEL_BEYOND_GDT,  0x28              /* past the GDT limit */
.equ VECTOR_ABSENT,   0x31              /* an IDT gate with P=0 */
.equ IDT_ERROR_BIT,   0x02              /* error code bit 1: the selector indexes the IDT */
.equ CR0_EM,          1 << 2
.equ CR0_TS,          1 << 3

    MULTIBOOT_ENTRY exceptions32

    lgdt gdt_descriptor                 /* pm32's GDT plus a not-present descriptor */
    ljmp $SEL_CODE32, $1f
1:  mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    call trap32_install
    mov $VECTOR_ABSENT, %eax
    mov $trap_stub_soft, %edx
    call idt_set_gate
    andb $0x7f, pm32_idt + VECTOR_ABSENT * 8 + 5    /* clear the gate's P bit */

    BEGIN_TEST 1                        /* #DE: fault */
    xor %ecx, %ecx
fault_1:
    div %ecx
    END_TEST 1, "#DE divide error", 0, 0, fault_1

    BEGIN_TEST 2                        /* #DB single step: a trap after the instruction */
    pushf                               /* following the POPF that set TF (SDM 17.3.1.4) */
    orl $RFLAGS_TF, (%esp)
    popf
    nop
after_2:
    nop
    nop
    END_TEST 2, "#DB single step", 1, 0, after_2

    BEGIN_TEST 3                        /* #BP: trap, EIP after INT3 */
    int3
    END_TEST 3, "#BP breakpoint", 3, 0, resume_3

    BEGIN_TEST 4                        /* #OF: INTO with OF=1, a trap */
    mov $0x7fffffff, %eax
    add $1, %eax
    into
    END_TEST 4, "#OF overflow", 4, 0, resume_4

    BEGIN_TEST 5                        /* #BR: BOUND with the index above the bounds */
    mov $10, %eax
fault_5:
    bound %eax, bounds
    END_TEST 5, "#BR bound range", 5, 0, fault_5

    BEGIN_TEST 6                        /* #UD */
fault_6:
    ud2
    END_TEST 6, "#UD invalid opcode", 6, 0, fault_6

    mov %cr0, %eax                      /* #NM: an x87 instruction with CR0.TS=1 */
    and $~CR0_EM, %eax
    or $CR0_TS, %eax
    mov %eax, %cr0
    BEGIN_TEST 7
fault_7:
    fldz
    END_TEST 7, "#NM device not available", 7, 0, fault_7
    clts

    BEGIN_TEST 8                        /* #NP: load DS with a not-present descriptor */
    mov $SEL_NOT_PRESENT, %ax
fault_8:
    mov %ax, %ds
    END_TEST 8, "#NP segment not present", 11, SEL_NOT_PRESENT, fault_8

    BEGIN_TEST 9                        /* #NP through an IDT gate with P=0: error = vector*8+2 */
fault_9:
    int $VECTOR_ABSENT
    END_TEST 9, "#NP absent IDT gate", 11, (VECTOR_ABSENT*8+IDT_ERROR_BIT), fault_9

    BEGIN_TEST 10                       /* #SS: load SS with a not-present descriptor */
    mov $SEL_NOT_PRESENT, %ax
fault_10:
    mov %ax, %ss
    END_TEST 10, "#SS stack segment", 12, SEL_NOT_PRESENT, fault_10

    BEGIN_TEST 11                       /* #GP: a selector beyond the GDT limit */
    mov $SEL_BEYOND_GDT, %ax
fault_11:
    mov %ax, %ds
    END_TEST 11, "#GP selector beyond GDT limit", 13, SEL_BEYOND_GDT, fault_11

    BEGIN_TEST 12                       /* #GP(0): a null selector into SS */
    xor %eax, %eax
fault_12:
    mov %ax, %ss
    END_TEST 12, "#GP null SS", 13, 0, fault_12

    BEGIN_TEST 13                       /* a software interrupt, for comparison: no fault */
    int $TRAP_SOFT_VECTOR
    END_TEST 13, "INT 0x30", TRAP_SOFT_VECTOR, 0, resume_13

    mov $all_ok_message, %esi
    call serial_puts
    PC_EXIT $0

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS
    TRAP32_FUNCTIONS exceptions32

    .section .rodata
    .balign 8
gdt:
    .quad 0                             /* null */
    .quad 0x00cf9a000000ffff            /* 0x08: code, flat 32-bit */
    .quad 0x00cf92000000ffff            /* 0x10: data, flat */
    .quad 0x00cf12000000ffff            /* 0x18: data, flat, P=0 */
gdt_end:
    .balign 4
    .word 0
gdt_descriptor:
    .word gdt_end - gdt - 1             /* selectors >= 0x20 are beyond the limit */
    .long gdt
bounds:
    .long 0, 5                          /* BOUND: 0 <= index <= 5 */
all_ok_message:
    .asciz "exceptions32: all 13 checks passed\n"
