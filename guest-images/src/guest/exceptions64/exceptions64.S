/*
 * exceptions64 - raises CPU exceptions in 64-bit long mode (an ELF64 entered by jvmm's loader,
 * or by elf64-boot on QEMU) and checks vector, error code, saved RIP and, for #PF, CR2. The
 * IDT holds 16-byte interrupt gates (Intel SDM Vol. 3A, 6.14.1); the CPU always pushes SS,
 * RSP, RFLAGS, CS, RIP (and an error code for some vectors), 8 bytes each (6.14.2), and the
 * handler returns with IRETQ.
 *
 * Relies on the loader's identity map of exactly the first 4 GiB: 4 GiB and up is unmapped.
 *
 * Not checked, because QEMU 7.2 TCG (the oracle) differs from the hardware (checked through
 * jvmm's kvm engine on this host) and from the SDM: INT through a not-present 64-bit gate gives
 * #NP with error (vector << 3) | 2 (QEMU: vector << 4 | 2), and a non-canonical address based
 * on RSP/RBP gives #SS(0) (QEMU: #GP(0)).
 *
 * Prints one line per exception: "exceptions64: <name>: vector <n>, error 0x<hex>, ok".
 *
 * Exit codes: 0 success; 3 an exception outside any test; otherwise 6 * test number + what
 *   went wrong: 1 not exactly one exception, 2 wrong vector, 3 wrong error code, 4 wrong
 *   saved RIP, 5 wrong CR2.
 */
    .include "pc.inc"

.equ IDT_ENTRIES,   256
.equ GATE_TYPE,     0x8e                /* P=1, DPL=0, type 0xE: 64-bit interrupt gate */
.equ SOFT_VECTOR,   0x30
.equ RFLAGS_TF,     0x100
.equ NO_CR2,        0xffffffffffffffff
.equ FOUR_GIB,      0x100000000

/* Start test \id: an exception resumes at resume_\id. */
.macro BEGIN_TEST id
    movq $0, seen_count
    movq $-1, seen_vector
    movq $-1, seen_error
    movq $-1, seen_rip
    movq $resume_\id, resume_rip
.endm

/* End test \id; arguments without spaces. */
.macro END_TEST id, name, vector, error, rip, cr2=NO_CR2
resume_\id:
    movq $0, resume_rip
    mov $\id, %edi
    mov $name_\id, %esi
    mov $\vector, %edx
    mov $\error, %ecx
    mov $\rip, %r8d
    movabs $\cr2, %r9
    call check
    .pushsection .rodata
name_\id:
    .asciz "\name"
    .popsection
.endm

    .code64
    .text
    .globl _start
_start:
    cli
    lea stack_top(%rip), %rsp
    cld
    call serial_init

    mov %cs, %ax                        /* gates use whatever code selector the loader set */
    mov %ax, code_selector
    xor %ebx, %ebx                      /* vectors 0-31 -> stubs, 16 bytes apart */
1:  mov %ebx, %eax
    shl $4, %eax
    add $stubs, %eax
    mov %ebx, %edi
    call set_gate
    inc %ebx
    cmp $32, %ebx
    jne 1b
    mov $SOFT_VECTOR, %edi
    mov $stub_soft, %eax
    call set_gate
    lidt idt_descriptor

    BEGIN_TEST 1
    xor %ecx, %ecx
fault_1:
    div %ecx
    END_TEST 1, "#DE divide error", 0, 0, fault_1

    BEGIN_TEST 2                        /* TF set by POPF: trap after the next instruction */
    pushf
    orq $RFLAGS_TF, (%rsp)
    popf
    nop
after_2:
    nop
    END_TEST 2, "#DB single step", 1, 0, after_2

    BEGIN_TEST 3
    int3
    END_TEST 3, "#BP breakpoint", 3, 0, resume_3

    BEGIN_TEST 4
fault_4:
    ud2
    END_TEST 4, "#UD invalid opcode", 6, 0, fault_4

    BEGIN_TEST 5                        /* non-canonical data address: #GP(0) (SDM 3.3.7.1) */
    movabs $0x8000000000000000, %rbx
fault_5:
    mov (%rbx), %rax
    END_TEST 5, "#GP non-canonical address", 13, 0, fault_5

    BEGIN_TEST 6                        /* read above the identity-mapped 4 GiB */
    movabs $FOUR_GIB + 0x18, %rbx
fault_6:
    mov (%rbx), %rax
    END_TEST 6, "#PF read above 4 GiB", 14, 0x0, fault_6, (FOUR_GIB+0x18)

    BEGIN_TEST 7
    movabs $FOUR_GIB + 0x2000, %rbx
fault_7:
    movq $1, (%rbx)
    END_TEST 7, "#PF write above 4 GiB", 14, 0x2, fault_7, (FOUR_GIB+0x2000)

    BEGIN_TEST 8
    int $SOFT_VECTOR
    END_TEST 8, "INT 0x30", SOFT_VECTOR, 0, resume_8

    lea all_ok_message(%rip), %rsi
    call serial_puts
    PC_EXIT $0

/* EDI = vector, EAX = handler (below 4 GiB): a 16-byte 64-bit interrupt gate. */
set_gate:
    shl $4, %edi
    add $idt, %edi
    mov %ax, (%rdi)                     /* offset 15..0 */
    mov code_selector, %dx
    mov %dx, 2(%rdi)
    movb $0, 4(%rdi)                    /* IST 0: stay on the current stack */
    movb $GATE_TYPE, 5(%rdi)
    shr $16, %eax
    mov %ax, 6(%rdi)                    /* offset 31..16 */
    movl $0, 8(%rdi)                    /* offset 63..32 */
    movl $0, 12(%rdi)
    ret

/* check(id=EDI, name=RSI, vector=RDX, error=RCX, rip=R8, cr2=R9). */
check:
    imul $6, %edi, %ebx                 /* EBX = 6 * id */
    mov $1, %ebp
    cmpq $1, seen_count
    jne 9f
    inc %ebp
    cmp seen_vector, %rdx
    jne 9f
    inc %ebp
    cmp seen_error, %rcx
    jne 9f
    inc %ebp
    cmp seen_rip, %r8
    jne 9f
    inc %ebp
    movabs $NO_CR2, %rax
    cmp %rax, %r9
    je 1f
    cmp seen_cr2, %r9
    jne 9f
1:  push %rsi
    lea line_prefix(%rip), %rsi
    call serial_puts
    pop %rsi
    call serial_puts
    lea vector_text(%rip), %rsi
    call serial_puts
    mov seen_vector, %rax
    call put_dec
    lea error_text(%rip), %rsi
    call serial_puts
    mov seen_error, %rax
    call put_hex32
    lea ok_text(%rip), %rsi
    call serial_puts
    ret
9:  add %ebp, %ebx
    push %rsi
    lea line_prefix(%rip), %rsi
    call serial_puts
    pop %rsi
    call serial_puts
    lea failed_text(%rip), %rsi
    call serial_puts
    mov seen_count, %rax
    call put_dec
    lea vector_text(%rip), %rsi
    call serial_puts
    mov seen_vector, %rax
    call put_dec
    lea error_text(%rip), %rsi
    call serial_puts
    mov seen_error, %rax
    call put_hex32
    lea rip_text(%rip), %rsi
    call serial_puts
    mov seen_rip, %rax
    call put_hex64
    lea cr2_text(%rip), %rsi
    call serial_puts
    mov seen_cr2, %rax
    call put_hex64
    mov $'\n', %al
    call serial_putc
    PC_EXIT %ebx

/* Print RAX: put_hex32 the low 8 hex digits, put_hex64 all 16, put_dec unsigned decimal. */
put_hex32:
    mov $8, %ecx
    shl $32, %rax
    jmp 1f
put_hex64:
    mov $16, %ecx
1:  mov %rax, %rdx
2:  rol $4, %rdx
    mov %edx, %eax
    and $0xf, %eax
    lea hex_digits(%rip), %rdi
    movb (%rdi, %rax), %al
    push %rdx
    call serial_putc
    pop %rdx
    loop 2b
    ret
put_dec:
    mov $10, %ecx
    xor %edi, %edi                      /* digits pushed */
3:  xor %edx, %edx
    div %rcx
    push %rdx
    inc %edi
    test %rax, %rax
    jnz 3b
4:  pop %rax
    add $'0', %al
    call serial_putc
    dec %edi
    jnz 4b
    ret

/* Stubs for vectors 0-31, 16 bytes apart; error codes come with 8, 10-14, 17, 21, 29, 30. */
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
    jmp common
    .set vector, vector + 1
    .endr
stub_soft:
    push $0
    push $SOFT_VECTOR
    jmp common

/* Stack: RAX (pushed here), vector, error code, RIP, CS, RFLAGS, RSP, SS. */
common:
    push %rax
    cmpq $0, resume_rip
    je unexpected
    mov 8(%rsp), %rax
    mov %rax, seen_vector
    mov 16(%rsp), %rax
    mov %rax, seen_error
    mov 24(%rsp), %rax
    mov %rax, seen_rip
    mov %cr2, %rax
    mov %rax, seen_cr2
    incq seen_count
    mov resume_rip, %rax
    mov %rax, 24(%rsp)
    andq $~RFLAGS_TF, 40(%rsp)
    pop %rax
    add $16, %rsp                       /* vector and error code */
    iretq

unexpected:
    lea unexpected_message(%rip), %rsi
    call serial_puts
    mov 8(%rsp), %rax
    call put_dec
    lea rip_text(%rip), %rsi
    call serial_puts
    mov 24(%rsp), %rax
    call put_hex64
    mov $'\n', %al
    call serial_putc
    PC_EXIT $3

    PC_SERIAL_FUNCTIONS

    .section .rodata
    .balign 8
idt_descriptor:
    .word IDT_ENTRIES * 16 - 1
    .quad idt
hex_digits:
    .ascii "0123456789abcdef"
line_prefix:
    .asciz "exceptions64: "
vector_text:
    .asciz ": vector "
error_text:
    .asciz ", error 0x"
ok_text:
    .asciz ", ok\n"
failed_text:
    .asciz ": FAILED: exceptions seen "
rip_text:
    .asciz ", RIP 0x"
cr2_text:
    .asciz ", CR2 0x"
unexpected_message:
    .asciz "exceptions64: unexpected exception, vector "
all_ok_message:
    .asciz "exceptions64: all 8 checks passed\n"

    .bss
    .balign 16
idt:
    .skip IDT_ENTRIES * 16
    .balign 8
resume_rip:
    .skip 8                             /* 0 outside a test */
seen_count:
    .skip 8
seen_vector:
    .skip 8
seen_error:
    .skip 8
seen_rip:
    .skip 8
seen_cr2:
    .skip 8
code_selector:
    .skip 2
    .balign 16
    .skip 8192
stack_top:
