/*
 * exceptions32 - raises CPU exceptions in 32-bit protected mode and checks, for each, the
 * vector, the error code, the saved EIP (faults point at the faulting instruction, traps after
 * it: Intel SDM Vol. 3A, 6.5 "Exception Classifications") and, for #PF, CR2. Every IDT entry
 * 0-31 and 0x30 is a 32-bit interrupt gate to a 16-byte stub that pushes an error code (a
 * dummy 0 for vectors without one, SDM 6.13) and the vector, then a common handler records
 * them, replaces the saved EIP by the test's resume address, clears TF, and IRETs.
 *
 * Prints one line per exception: "exceptions32: <name>: vector <n>, error 0x<hex>, ok".
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 an exception outside any test;
 *   otherwise 6 * test number + what went wrong: 1 not exactly one exception, 2 wrong vector,
 *   3 wrong error code, 4 wrong saved EIP, 5 wrong CR2 (tests are numbered from 1 in order).
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ SEL_NOT_PRESENT, 0x18              /* a data descriptor with P=0 in our GDT */
.equ SEL_BEYOND_GDT,  0x28              /* past the GDT limit */
.equ VECTOR_SOFT,     0x30              /* a plain software interrupt */
.equ VECTOR_ABSENT,   0x31              /* an IDT gate with P=0 */
.equ IDT_ERROR_BIT,   0x02              /* error code bit 1: the selector indexes the IDT */
.equ RFLAGS_TF,       0x100
.equ CR0_EM,          1 << 2
.equ CR0_TS,          1 << 3
.equ CR0_WP,          1 << 16
.equ CR0_PG,          1 << 31
.equ CR4_PAE,         1 << 5
.equ PTE_P,           1 << 0
.equ PTE_RW,          1 << 1
.equ PDE_PS,          1 << 7
.equ READ_ONLY_PAGE,  0x00400000        /* the 2 MiB page at 4 MiB is mapped read-only */
.equ UNMAPPED,        0x80000000        /* PDPT entries 1-3 are not present */
.equ NO_CR2,          0xffffffff

/* Start test \id: no exception seen yet; an exception resumes at resume_\id. */
.macro BEGIN_TEST id
    movl $0, seen_count
    movl $-1, seen_vector
    movl $-1, seen_error
    movl $-1, seen_eip
    movl $resume_\id, resume_eip
.endm

/* End test \id and check what the handler saw. */
.macro END_TEST id, name, vector, error, eip, cr2=NO_CR2
resume_\id:
    movl $0, resume_eip
    push $\cr2
    push $\eip
    push $\error
    push $\vector
    push $name_\id
    push $\id
    call check_exception
    add $24, %esp
    .pushsection .rodata
name_\id:
    .asciz "\name"
    .popsection
.endm

    MULTIBOOT_ENTRY exceptions32

    lgdt gdt_descriptor
    ljmp $SEL_CODE32, $1f
1:  mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss

    xor %eax, %eax                      /* vectors 0-31 -> stubs */
2:  mov %eax, %edx
    shl $4, %edx
    add $stubs, %edx
    call idt_set_gate
    inc %eax
    cmp $32, %eax
    jne 2b
    mov $VECTOR_SOFT, %eax
    mov $stub_soft, %edx
    call idt_set_gate
    mov $VECTOR_ABSENT, %eax
    mov $stub_soft, %edx
    call idt_set_gate
    andb $0x7f, pm32_idt + VECTOR_ABSENT * 8 + 5    /* clear the gate's P bit */
    call idt_load

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
    int $VECTOR_SOFT
    END_TEST 13, "INT 0x30", VECTOR_SOFT, 0, resume_13

    call enable_paging

    BEGIN_TEST 14                       /* #PF: write to a not-present page: error W=1 */
fault_14:
    movl $1, UNMAPPED
    END_TEST 14, "#PF write to unmapped page", 14, 0x2, fault_14, UNMAPPED

    BEGIN_TEST 15                       /* #PF: read of a not-present page: error 0 */
fault_15:
    mov UNMAPPED + 0x40000010, %eax
    END_TEST 15, "#PF read of unmapped page", 14, 0x0, fault_15, (UNMAPPED+0x40000010)

    BEGIN_TEST 16                       /* #PF: supervisor write to a read-only page, CR0.WP=1: P=1 W=1 */
fault_16:
    movl $1, READ_ONLY_PAGE + 0x1234
    END_TEST 16, "#PF write to read-only page", 14, 0x3, fault_16, (READ_ONLY_PAGE+0x1234)

    mov $all_ok_message, %esi
    call serial_puts
    PC_EXIT $0

/* PAE paging (SDM 4.4): PDPT[0] -> one page directory of 2 MiB pages for the first GiB, the
 * page at READ_ONLY_PAGE without R/W; PDPT[1..3] not present. CR0.WP makes R/W bind CPL 0. */
enable_paging:
    mov $page_directory + PTE_P, %eax   /* PDPTEs have no R/W bit: only P and the address */
    mov %eax, pdpt
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $21, %eax
    or $PTE_P | PTE_RW | PDE_PS, %eax
    cmp $READ_ONLY_PAGE >> 21, %ecx
    jne 2f
    and $~PTE_RW, %eax
2:  mov %eax, page_directory(, %ecx, 8)
    inc %ecx
    cmp $512, %ecx
    jne 1b
    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $pdpt, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $CR0_PG | CR0_WP, %eax
    mov %eax, %cr0
    ret

/* check_exception(id, name, vector, error, eip, cr2) - cdecl; prints the result line or exits
 * with 6 * id + the kind of mismatch. */
check_exception:
    push %ebp
    mov %esp, %ebp
    mov 8(%ebp), %ebx                   /* EBX = 6 * id */
    imul $6, %ebx
    mov $1, %edi
    cmpl $1, seen_count
    jne 9f
    inc %edi
    mov seen_vector, %eax
    cmp 16(%ebp), %eax
    jne 9f
    inc %edi
    mov seen_error, %eax
    cmp 20(%ebp), %eax
    jne 9f
    inc %edi
    mov seen_eip, %eax
    cmp 24(%ebp), %eax
    jne 9f
    inc %edi
    mov 28(%ebp), %eax
    cmp $NO_CR2, %eax
    je 1f
    cmp seen_cr2, %eax
    jne 9f
1:  mov $line_prefix, %esi
    call serial_puts
    mov 12(%ebp), %esi
    call serial_puts
    mov $vector_text, %esi
    call serial_puts
    mov seen_vector, %eax
    call put_dec32
    mov $error_text, %esi
    call serial_puts
    mov seen_error, %eax
    call put_hex32
    mov $ok_text, %esi
    call serial_puts
    pop %ebp
    ret
9:  add %edi, %ebx                      /* EBX = exit code */
    mov $line_prefix, %esi
    call serial_puts
    mov 12(%ebp), %esi
    call serial_puts
    mov $failed_text, %esi
    call serial_puts
    mov seen_count, %eax
    call put_dec32
    mov $seen_vector_text, %esi
    call serial_puts
    mov seen_vector, %eax
    call put_dec32
    mov $error_text, %esi
    call serial_puts
    mov seen_error, %eax
    call put_hex32
    mov $eip_text, %esi
    call serial_puts
    mov seen_eip, %eax
    call put_hex32
    mov $cr2_text, %esi
    call serial_puts
    mov seen_cr2, %eax
    call put_hex32
    mov $'\n', %al
    call serial_putc
    PC_EXIT %ebx

/* Stubs: one per vector 0-31, 16 bytes apart; vectors 8, 10-14, 17, 21, 29 and 30 come with
 * an error code pushed by the CPU (SDM Table 6-1), the others get a dummy 0. */
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
    jmp exception_common
    .set vector, vector + 1
    .endr
stub_soft:                              /* INT 0x30 (and the absent gate 0x31, never reached) */
    push $0
    push $VECTOR_SOFT
    jmp exception_common

/* Stack: EDI..EAX (PUSHA, 32 bytes), vector, error code, EIP, CS, EFLAGS. */
exception_common:
    pusha
    cmpl $0, resume_eip
    je unexpected
    mov 32(%esp), %eax
    mov %eax, seen_vector
    mov 36(%esp), %eax
    mov %eax, seen_error
    mov 40(%esp), %eax
    mov %eax, seen_eip
    mov %cr2, %eax
    mov %eax, seen_cr2
    incl seen_count
    mov resume_eip, %eax
    mov %eax, 40(%esp)                  /* resume after the faulting code */
    andl $~RFLAGS_TF, 48(%esp)          /* stop single-stepping */
    popa
    add $8, %esp                        /* drop vector and error code */
    iret

unexpected:
    mov $unexpected_message, %esi
    call serial_puts
    mov 32(%esp), %eax
    call put_dec32
    mov $eip_text, %esi
    call serial_puts
    mov 40(%esp), %eax
    call put_hex32
    mov $'\n', %al
    call serial_putc
    PC_EXIT $3

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

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
line_prefix:
    .asciz "exceptions32: "
vector_text:
    .asciz ": vector "
error_text:
    .asciz ", error 0x"
ok_text:
    .asciz ", ok\n"
failed_text:
    .asciz ": FAILED: exceptions seen "
seen_vector_text:
    .asciz ", vector "
eip_text:
    .asciz ", EIP 0x"
cr2_text:
    .asciz ", CR2 0x"
unexpected_message:
    .asciz "exceptions32: unexpected exception, vector "
all_ok_message:
    .asciz "exceptions32: all 16 checks passed\n"

    .bss
    .balign 4
resume_eip:
    .skip 4                             /* 0 outside a test: an exception is unexpected */
    .balign 4096
page_directory:
    .skip 4096
    .balign 32                          /* a PAE PDPT is 32-byte aligned (CR3 bits 31:5) */
pdpt:
    .skip 32
    .balign 4
seen_count:
    .skip 4
seen_vector:
    .skip 4
seen_error:
    .skip 4
seen_eip:
    .skip 4
seen_cr2:
    .skip 4
