/*
 * lapic-timer - the local APIC (Intel SDM Vol. 3A, chapter 12 "Advanced Programmable Interrupt
 * Controller"): finds it through CPUID and the IA32_APIC_BASE MSR, enables it through the
 * spurious-interrupt vector register, runs its timer in periodic mode (divide by 16, vector
 * 0x40) and counts TICKS interrupts, sleeping in HLT, with an EOI write after each. The 8259s
 * are masked first, so only the APIC interrupts. Its registers are 32-bit MMIO at 0xFEE00000.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 CPUID says no APIC; 4 IA32_APIC_BASE is not
 *   0xFEE00000 with the enable bit; 5 the version register is not an integrated APIC's
 *   (0x10-0x1F); 6 the current-count register does not move; 7 a CPU exception; 8 an
 *   unexpected vector.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ TICKS,            50
.equ TIMER_VECTOR,     0x40
.equ SPURIOUS_VECTOR,  0xff
.equ MSR_APIC_BASE,    0x1b
.equ APIC_BASE_ENABLE, 1 << 11
.equ APIC,             0xfee00000
.equ APIC_VERSION,     APIC + 0x030
.equ APIC_EOI,         APIC + 0x0b0
.equ APIC_SVR,         APIC + 0x0f0     /* spurious-interrupt vector register */
.equ APIC_LVT_TIMER,   APIC + 0x320
.equ APIC_TIMER_INIT,  APIC + 0x380     /* initial count */
.equ APIC_TIMER_COUNT, APIC + 0x390     /* current count */
.equ APIC_TIMER_DIV,   APIC + 0x3e0
.equ SVR_ENABLE,       1 << 8
.equ LVT_PERIODIC,     1 << 17
.equ LVT_MASKED,       1 << 16
.equ DIVIDE_BY_16,     0x3
.equ INITIAL_COUNT,    100000

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY lapic-timer
    call pm32_load_gdt

    mov $1, %eax
    cpuid
    test $1 << 9, %edx                  /* CPUID.01H:EDX.APIC */
    jnz 1f
    FAIL 3, no_apic_message
1:  mov $MSR_APIC_BASE, %ecx
    rdmsr
    and $0xfffff000 | APIC_BASE_ENABLE, %eax
    cmp $APIC | APIC_BASE_ENABLE, %eax
    je 2f
    FAIL 4, base_message
2:  mov APIC_VERSION, %eax
    and $0xf0, %eax                     /* 0x1X: integrated APIC (0x0X was the 82489DX) */
    cmp $0x10, %eax
    je 3f
    FAIL 5, version_message
3:
    mov $0xff, %al                      /* mask both 8259s: interrupts come from the APIC only */
    outb %al, $0x21
    outb %al, $0xa1

    xor %eax, %eax                      /* IDT: every vector unexpected, then the two we use */
4:  mov $unexpected, %edx
    cmp $32, %eax
    jae 5f
    mov $exception, %edx
5:  call idt_set_gate
    inc %eax
    cmp $IDT_ENTRIES, %eax
    jne 4b
    mov $TIMER_VECTOR, %eax
    mov $timer, %edx
    call idt_set_gate
    mov $SPURIOUS_VECTOR, %eax
    mov $spurious, %edx
    call idt_set_gate
    call idt_load

    movl $SVR_ENABLE | SPURIOUS_VECTOR, APIC_SVR
    movl $DIVIDE_BY_16, APIC_TIMER_DIV
    movl $LVT_PERIODIC | TIMER_VECTOR, APIC_LVT_TIMER
    movl $INITIAL_COUNT, APIC_TIMER_INIT     /* writing the initial count starts the timer */

    mov APIC_TIMER_COUNT, %ebx
    mov $1000000, %ecx
6:  cmp APIC_TIMER_COUNT, %ebx
    jne 7f
    loop 6b
    FAIL 6, count_message
7:
    sti
8:  hlt
    cmpl $TICKS, ticks
    jb 8b
    cli
    movl $LVT_MASKED, APIC_LVT_TIMER    /* stop it */

    mov $done_message, %esi
    call serial_puts
    mov ticks, %eax
    call put_dec32
    mov $done_message_tail, %esi
    call serial_puts
    PC_EXIT $0

timer:
    incl ticks
    movl $0, APIC_EOI                   /* any value: end of interrupt */
    iret

spurious:                               /* no EOI for the spurious vector (SDM 12.9) */
    iret

exception:
    mov $exception_message, %esi
    call serial_puts
    PC_EXIT $7

unexpected:
    mov $unexpected_message, %esi
    call serial_puts
    PC_EXIT $8

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

    .section .rodata
done_message:
    .asciz "lapic-timer: counted "
done_message_tail:
    .asciz " periodic local APIC timer interrupts on vector 0x40\n"
no_apic_message:
    .asciz "lapic-timer: CPUID reports no local APIC\n"
base_message:
    .asciz "lapic-timer: IA32_APIC_BASE is not 0xFEE00000, enabled\n"
version_message:
    .asciz "lapic-timer: the version register is not an integrated local APIC's\n"
count_message:
    .asciz "lapic-timer: the current-count register does not move\n"
exception_message:
    .asciz "lapic-timer: unexpected CPU exception\n"
unexpected_message:
    .asciz "lapic-timer: interrupt on an unexpected vector\n"

    .bss
    .balign 4
ticks:
    .skip 4
