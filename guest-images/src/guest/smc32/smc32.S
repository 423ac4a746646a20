/*
 * smc32 - self-modifying code, which x86 allows without any flush or serialising instruction
 * (Intel SDM Vol. 3A, 11.6 "Self-Modifying Code": a write to a code byte invalidates the
 * corresponding cached or prefetched instruction). A translating CPU has to notice every one
 * of these writes and drop what it translated from the modified bytes.
 *
 *   1. a loop that rewrites the immediate of its own ADD before every iteration: the sum must
 *      be 0 + 1 + ... + (N-1);
 *   2. a store that patches the very next instruction of the same straight-line block;
 *   3. a routine copied into a buffer with REP MOVSB, called, overwritten the same way with
 *      another routine, called again;
 *   4. a routine on a page of its own that has run (and would be cached), patched by a MOV
 *      from code on another page, and run again.
 *
 * Tests 1 and 2 patch the read/execute segment; without paging nothing enforces that, and the
 * writes land in it like in any RAM (the ELF flags only describe intent). Tests 3 and 4 run
 * code from .bss.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 wrong loop sum; 4 the patched next
 *   instruction ran unpatched; 5 the copied routine was not replaced; 6 the routine on
 *   another page was not replaced.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ N, 1000

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY smc32
    call pm32_load_gdt

    /* 1. ADD EBX, imm32 whose immediate becomes the loop counter before each iteration. */
    xor %ebx, %ebx
    xor %ecx, %ecx
loop_1:
    .byte 0x81, 0xc3                    /* ADD EBX, imm32 (spelled out: GAS would pick the */
    .long 0                             /* short imm8 form); the immediate is at add_1 - 4 */
add_1:
    inc %ecx
    mov %ecx, add_1 - 4
    cmp $N, %ecx
    jne loop_1
    mov %ebx, %ebp
    cmp $N * (N - 1) / 2, %ebx
    je 1f
    FAIL 3, loop_message
1:
    /* 2. Patch the next instruction: MOV EAX, imm32 (B8 imm32) gets a new immediate. */
    movl $0x600d600d, next_2 + 1
next_2:
    mov $0xbad0bad0, %eax
    cmp $0x600d600d, %eax
    je 2f
    FAIL 4, next_message
2:
    /* 3. Copy routine A into the buffer, call it, copy routine B over it, call again. */
    mov $routine_a, %esi
    call install
    call buffer
    push %eax                           /* install clobbers EDI */
    mov $routine_b, %esi
    call install
    call buffer
    pop %edi
    cmp $0xaaaa0001, %edi
    jne 3f
    cmp $0xbbbb0002, %eax
    je 4f
3:  FAIL 5, copy_message
4:
    /* 4. Install far_routine on a page of its own, run it, patch its immediate, run again. */
    mov $far_routine, %esi
    mov $far_page, %edi
    mov $FAR_ROUTINE_SIZE, %ecx
    rep movsb
    call far_page
    mov %eax, %edi
    movl $0x22222222, far_page + 1
    call far_page
    cmp $0x11111111, %edi
    jne 5f
    cmp $0x22222222, %eax
    je 6f
5:  FAIL 6, far_message
6:
    mov $ok_message, %esi
    call serial_puts
    mov %ebp, %eax
    call put_dec32
    mov $'\n', %al
    call serial_putc
    PC_EXIT $0

/* Copies the ROUTINE_SIZE bytes at ESI into buffer. Clobbers ECX, ESI, EDI. */
install:
    mov $buffer, %edi
    mov $ROUTINE_SIZE, %ecx
    rep movsb
    ret

routine_a:
    mov $0xaaaa0001, %eax
    ret
routine_b:
    mov $0xbbbb0002, %eax
    ret
.equ ROUTINE_SIZE, routine_b - routine_a

far_routine:
    mov $0x11111111, %eax               /* B8 imm32: the immediate is at offset 1 */
    ret
.equ FAR_ROUTINE_SIZE, . - far_routine

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

    .section .rodata
ok_message:
    .asciz "smc32: patched immediate, next instruction, copied routine and far page OK; sum "
loop_message:
    .asciz "smc32: the self-patching loop computed the wrong sum\n"
next_message:
    .asciz "smc32: the next instruction ran without its patch\n"
copy_message:
    .asciz "smc32: the routine copied over another was not the one that ran\n"
far_message:
    .asciz "smc32: the routine patched on another page ran unpatched\n"

    .bss
    .balign 64
buffer:
    .skip 64                            /* executed: code in the data segment */
    .balign 4096
far_page:
    .skip 64
