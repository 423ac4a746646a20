/*
 * exceptions64 - raises CPU exceptions in 64-bit long mode (an ELF64 entered by jvmm's loader,
 * or by elf64-boot on QEMU) and checks vector, error code, saved RIP and, for #PF, CR2. The
 * IDT holds 16-byte interrupt gates (Intel SDM Vol. 3A, 6.14.1); the CPU always pushes SS,
 * RSP, RFLAGS, CS, RIP (and an error code for some vectors), 8 bytes each (6.14.2), and the
 * handler returns with IRETQ. The machinery is include/trap64.inc.
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
    .include "trap64.inc"

.equ FOUR_GIB,      0x100000000

    .code64
    .text
    .globl _start
_start:
    cli
    lea stack_top(%rip), %rsp
    cld
    call serial_init
    call trap64_install

    BEGIN_TEST 1
    xor %ecx, %ecx
fault_1:
    div %ecx
    END_TEST 1, "#DE divide error", 0, 0, fault_1

    BEGIN_TEST 2                        /* TF set by POPF: trap after the next instruction */
    pushf
    orq $TRAP_RFLAGS_TF, (%rsp)
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
    int $TRAP_SOFT_VECTOR
    END_TEST 8, "INT 0x30", TRAP_SOFT_VECTOR, 0, resume_8

    lea all_ok_message(%rip), %rsi
    call serial_puts
    PC_EXIT $0

    PC_SERIAL_FUNCTIONS
    TRAP64_FUNCTIONS exceptions64

    .section .rodata
all_ok_message:
    .asciz "exceptions64: all 8 checks passed\n"

    .bss
    .balign 16
    .skip 8192
stack_top:
