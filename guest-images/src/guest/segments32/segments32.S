/*
 * segments32 - protected-mode segmentation beyond flat (Intel SDM Vol. 3A, chapter 3 and 5):
 * a segment base, accesses just inside a byte-granular limit and above an expand-down one,
 * execute-only code refused as data (#GP(selector) at the load), readable code as data, a
 * 16-bit code segment reached by a far call, an LDT, and LAR, LSL, VERR, VERW. What happens
 * on the far side of limits and types is seglimits32's business: QEMU 7.2 TCG does not check
 * it, and everything here is checked against QEMU.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 an exception outside any test;
 *   otherwise 6 * check number (+ 1-4 for an exception that differs, see trap32.inc).
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"
    .include "trap32.inc"

    MULTIBOOT_HEADER

.equ SEL_BASED,      0x18               /* data, base 0x200000, limit 0xFFF bytes */
.equ SEL_EXPAND_DOWN, 0x20              /* data, expand-down, limit 0xFFF, B=1: 0x1000..4 GiB-1 */
.equ SEL_READ_ONLY,  0x28
.equ SEL_EXEC_ONLY,  0x30
.equ SEL_CODE16,     0x38
.equ SEL_LDT,        0x40
.equ SEL_LDT_DATA,   0x04               /* TI=1, index 0: the LDT's data segment, base 0x300000 */
.equ BASE,           0x200000
.equ LDT_BASE,       0x300000

    MULTIBOOT_ENTRY segments32
    mov $code16, %eax                   /* the 16-bit code segment starts at code16 */
    mov %ax, gdt_code16 + 2
    shr $16, %eax
    mov %al, gdt_code16 + 4
    mov %ah, gdt_code16 + 7
    mov $ldt, %eax                      /* the LDT descriptor's base */
    mov %ax, gdt_ldt + 2
    shr $16, %eax
    mov %al, gdt_ldt + 4
    mov %ah, gdt_ldt + 7
    lgdt gdt_descriptor
    ljmp $SEL_CODE32, $1f
1:  mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    call trap32_install

    /* 1. A segment base: DS:0x10 is linear BASE + 0x10. */
    movl $0x0badcafe, BASE + 0x10
    mov $SEL_BASED, %ax
    mov %ax, %gs
    mov %gs:0x10, %eax
    cmp $0x0badcafe, %eax
    CHECK_EQUAL 1, "segment base 0x200000"

    /* 2. The last dword inside a 0xFFF limit is fine (one byte further: seglimits32). */
    mov %gs:0xffc, %eax
    xor %eax, %eax
    CHECK_EQUAL 2, "dword at the limit"

    /* 3. Expand-down: valid offsets lie above the limit (below it: seglimits32). */
    movl $0x600dd00d, 0x2000
    mov $SEL_EXPAND_DOWN, %ax
    mov %ax, %gs
    mov %gs:0x2000, %eax
    cmp $0x600dd00d, %eax
    CHECK_EQUAL 3, "expand-down segment above its limit"

    /* 4. Execute-only code cannot be loaded into a data segment register: #GP(selector). */
    BEGIN_TEST 4
    mov $SEL_EXEC_ONLY, %ax
fault_4:
    mov %ax, %gs
    END_TEST 4, "execute-only code into GS", 13, SEL_EXEC_ONLY, fault_4

    /* 5. Readable code can: reads through it see the same bytes. */
    mov $SEL_CODE32, %ax
    mov %ax, %gs
    mov %gs:_start, %eax
    cmp _start, %eax
    CHECK_EQUAL 5, "readable code as data"

    /* 6. A 16-bit code segment: default 16-bit operands and stack pushes. */
    mov %esp, %esi
    lcall $SEL_CODE16, $0               /* offset 0: the segment's base is code16 */
    sub %esp, %esi                      /* ESI = 0: LRETL popped what LCALL pushed */
    shl $16, %eax
    mov %bx, %ax                        /* EAX = AX:BX from the 16-bit code */
    cmp $0x12345678, %eax
    jne 2f
    cmp $2, %ecx                        /* ECX = the bytes a 16-bit PUSH took */
    jne 2f
    test %esi, %esi
2:  CHECK_EQUAL 6, "16-bit code segment"

    /* 7. A data segment from the LDT. */
    mov $SEL_LDT, %ax
    lldt %ax
    movl $0xfeedface, LDT_BASE + 0x20
    mov $SEL_LDT_DATA, %ax
    mov %ax, %fs
    mov %fs:0x20, %eax
    cmp $0xfeedface, %eax
    CHECK_EQUAL 7, "data segment from the LDT"

    /* 8-12. LSL, LAR, VERR, VERW. */
    mov $SEL_BASED, %eax
    lsl %eax, %ebx
    jnz 3f
    cmp $0xfff, %ebx
3:  CHECK_EQUAL 8, "LSL of a byte-granular segment"
    mov $SEL_DATA32, %eax
    lsl %eax, %ebx
    jnz 4f
    cmp $0xffffffff, %ebx               /* page-granular: limit * 4096 + 4095 */
4:  CHECK_EQUAL 9, "LSL of a page-granular segment"
    mov $SEL_READ_ONLY, %eax
    lar %eax, %ebx
    jnz 5f
    and $0x00f0fe00, %ebx               /* G D/B L AVL, P DPL S, type without the accessed bit */
    cmp $0x00c09000, %ebx
5:  CHECK_EQUAL 10, "LAR of read-only data"
    mov $SEL_EXEC_ONLY, %ax
    verr %ax                            /* execute-only: not readable, ZF=0 */
    setz %bl
    mov $SEL_CODE32, %ax
    verr %ax                            /* readable code: ZF=1 */
    setz %bh
    cmp $0x0100, %bx
    CHECK_EQUAL 11, "VERR of execute-only and readable code"
    mov $SEL_READ_ONLY, %ax
    verw %ax                            /* read-only: ZF=0 */
    setz %bl
    mov $SEL_DATA32, %ax
    verw %ax                            /* writable: ZF=1 */
    setz %bh
    cmp $0x0100, %bx
    CHECK_EQUAL 12, "VERW of read-only and writable data"

    mov $all_ok_message, %esi
    call serial_puts
    PC_EXIT $0

    .code16
code16:                                 /* entered by a 32-bit far call: 32-bit EIP and CS on the stack */
    mov $0x1234, %ax                    /* B8 iw: 16-bit immediate in a D=0 segment */
    mov %sp, %cx
    push $0x5678                        /* 16-bit push: SP -= 2 */
    sub %sp, %cx
    pop %bx
    movzwl %cx, %ecx
    lretl                               /* pop a 32-bit EIP and CS */
    .code32

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS
    TRAP32_FUNCTIONS segments32

    .section .rodata
all_ok_message:
    .asciz "segments32: all 12 checks passed\n"

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
gdt_code16:
    .quad 0x00009a000000ffff            /* 0x38: code, 16-bit (D=0), limit 64 KiB; base = code16 */
gdt_ldt:
    .quad 0x0000820000000007            /* 0x40: LDT (type 2), limit 7; base below */
gdt_end:
    .balign 4
    .word 0
gdt_descriptor:
    .word gdt_end - gdt - 1
    .long gdt
    .balign 8
ldt:
    .quad 0x00cf92300000ffff            /* LDT entry 0: data, base 0x300000, 4 GiB limit */
