/*
 * seglimits32 - what segmentation forbids (Intel SDM Vol. 3A, 5.3 "Limit Checking" and 5.4
 * "Type Checking"): a dword straddling a byte-granular limit, an offset below an expand-down
 * segment's limit, a write through read-only data, a data read through execute-only CS, a far
 * jump past a code segment's limit, and a memory access through a null selector. Each must
 * raise #GP(0) with EIP at the faulting instruction.
 *
 * QEMU 7.2 TCG does not check limits or types on these accesses (the reads and writes simply
 * happen), so its output is not the oracle here: the expected lines follow the SDM, agree with
 * jvmm's interpreter, and for tests 1-4 with jvmm's kvm engine (this host's CPU under PVM,
 * whose emulator gives up at test 5's far jump).
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 an exception outside any test;
 *   otherwise 6 * test number + 1-4 (see trap32.inc).
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"
    .include "trap32.inc"

    MULTIBOOT_HEADER

.equ SEL_BASED,       0x18              /* data, base 0x200000, limit 0xFFF bytes */
.equ SEL_EXPAND_DOWN, 0x20              /* data, expand-down, limit 0xFFF, B=1 */
.equ SEL_READ_ONLY,   0x28
.equ SEL_EXEC_ONLY,   0x30
.equ SEL_SMALL_CODE,  0x38              /* code, base 0, limit 0xFFF bytes */

    MULTIBOOT_ENTRY seglimits32
    lgdt gdt_descriptor
    ljmp $SEL_CODE32, $1f
1:  mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    call trap32_install

    mov $SEL_BASED, %ax
    mov %ax, %gs
    BEGIN_TEST 1
fault_1:
    mov %gs:0xffd, %eax                 /* bytes 0xFFD-0x1000: the last one is past the limit */
    END_TEST 1, "dword across a byte-granular limit", 13, 0, fault_1

    mov $SEL_EXPAND_DOWN, %ax
    mov %ax, %gs
    BEGIN_TEST 2
fault_2:
    mov %gs:0x800, %eax                 /* expand-down: offsets up to the limit are outside */
    END_TEST 2, "expand-down segment at or below its limit", 13, 0, fault_2

    mov $SEL_READ_ONLY, %ax
    mov %ax, %gs
    BEGIN_TEST 3
fault_3:
    movl $1, %gs:0x100
    END_TEST 3, "write through read-only data", 13, 0, fault_3

    ljmp $SEL_EXEC_ONLY, $in_exec_only
in_exec_only:
    BEGIN_TEST 4
fault_4:
    mov %cs:_start, %eax                /* CS is execute-only: no data reads through it */
    END_TEST 4, "data read through execute-only CS", 13, 0, fault_4
    ljmp $SEL_CODE32, $back
back:

    BEGIN_TEST 5
fault_5:
    ljmp $SEL_SMALL_CODE, $0x2000       /* the offset is past the target's limit */
    END_TEST 5, "far jump past a code segment's limit", 13, 0, fault_5

    xor %eax, %eax
    mov %ax, %gs                        /* loading a null selector is allowed... */
    BEGIN_TEST 6
fault_6:
    mov %gs:0x100, %eax                 /* ...using it is not */
    END_TEST 6, "access through a null selector", 13, 0, fault_6

    mov $all_ok_message, %esi
    call serial_puts
    PC_EXIT $0

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS
    TRAP32_FUNCTIONS seglimits32

    .section .rodata
all_ok_message:
    .asciz "seglimits32: all 6 checks passed\n"

    .data                               /* writable: loading a descriptor sets its accessed bit */
    .balign 8
gdt:
    .quad 0                             /* null */
    .quad 0x00cf9a000000ffff            /* 0x08: code, flat, readable */
    .quad 0x00cf92000000ffff            /* 0x10: data, flat */
    .quad 0x0040922000000fff            /* 0x18: data, base 0x200000, limit 0xFFF, G=0 */
    .quad 0x0040960000000fff            /* 0x20: data, expand-down (type 6), limit 0xFFF, B=1 */
    .quad 0x00cf90000000ffff            /* 0x28: data, read-only (type 0), flat */
    .quad 0x00cf98000000ffff            /* 0x30: code, execute-only (type 8), flat */
    .quad 0x00409a0000000fff            /* 0x38: code, base 0, limit 0xFFF, G=0 */
gdt_end:
    .balign 4
    .word 0
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt
