/*
 * smp-litmus - x86-TSO litmus tests on two CPUs (Intel SDM Vol. 3A 9.2 "Memory Ordering"; the
 * litmus names are Sewell et al., "x86-TSO", CACM 2010). The bootstrap processor starts the second
 * CPU with INIT and a start-up IPI (SDM 9.4 "MP Initialization"; vector 8: a real-mode trampoline
 * copied to 0x8000 that enters 32-bit protected mode), then both run ROUNDS rounds. In each round:
 *   SB+MFENCE  CPU0: x = 1; MFENCE; r0 = y     CPU1: y = 1; MFENCE; r1 = x    never r0 = r1 = 0
 *   MP         CPU0: data = 1; flag = 1        CPU1: r2 = flag; r3 = data     never r2 = 1, r3 = 0
 *   counter    both: LOCK INCL counter, four times; at the end counter = 8 * ROUNDS
 *   spinlock   both: XCHG-acquire, a plain load/add/store of shared, a plain-store release;
 *              at the end shared = 2 * ROUNDS
 * CPU0 resets x, y, data, flag before it releases CPU1 into round i (store start_round = i) and
 * reads CPU1's r1..r3 after CPU1 stored done_round = i: TSO keeps each CPU's stores in order.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 the second CPU never came up (a one-CPU machine);
 *   4 SB+MFENCE saw r0 = r1 = 0; 5 MP saw the flag without the data; 6 the LOCK-ed counter is off;
 *   7 the spinlock's counter is off.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ ROUNDS,           20000
.equ APIC,             0xfee00000
.equ APIC_ICR_LOW,     APIC + 0x300
.equ APIC_ICR_HIGH,    APIC + 0x310
.equ ICR_INIT_OTHERS,  0x000c4500          /* INIT, level assert, all excluding self */
.equ ICR_SIPI_OTHERS,  0x000c4600          /* start-up, all excluding self; | vector */
.equ TRAMPOLINE,       0x8000
.equ SIPI_VECTOR,      TRAMPOLINE >> 12
.equ AP_WAIT_LOOPS,    20000000

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY smp-litmus
    call pm32_load_gdt

    mov $trampoline, %esi               /* the AP's real-mode entry, where the SIPI vector points */
    mov $TRAMPOLINE, %edi
    mov $(trampoline_end - trampoline), %ecx
    rep movsb

    movl $0, APIC_ICR_HIGH
    movl $ICR_INIT_OTHERS, APIC_ICR_LOW
    movl $(ICR_SIPI_OTHERS | SIPI_VECTOR), APIC_ICR_LOW
    mov $AP_WAIT_LOOPS, %ecx
1:  cmpl $0, ap_online
    jne 2f
    pause
    loop 1b
    FAIL 3, no_ap_message

2:  mov $1, %ebx                        /* EBX = round */
round0:
    movl $0, x
    movl $0, y
    movl $0, data
    movl $0, flag
    mov %ebx, start_round               /* CPU1 may start round EBX */
    /* SB+MFENCE */
    movl $1, x
    mfence
    mov y, %esi                         /* r0 */
    /* MP */
    movl $1, data
    movl $1, flag
    call shared_work
3:  cmp %ebx, done_round
    je 4f
    pause
    jmp 3b
4:  mov r1, %eax
    or %esi, %eax
    jnz 5f
    FAIL 4, sb_message
5:  cmpl $1, r2
    jne 6f
    cmpl $1, r3
    je 6f
    FAIL 5, mp_message
6:  inc %ebx
    cmp $ROUNDS, %ebx
    jbe round0

    movl $-1, start_round               /* CPU1: no more rounds */
    cmpl $(8 * ROUNDS), counter
    je 7f
    FAIL 6, counter_message
7:  cmpl $(2 * ROUNDS), shared
    je 8f
    FAIL 7, spinlock_message
8:  mov $done_message, %esi
    call serial_puts
    PC_EXIT $0

/* Both CPUs, once per round: four LOCK-ed increments, then one spinlock-protected plain increment. */
shared_work:
    lock incl counter
    lock incl counter
    lock incl counter
    lock incl counter
9:  mov $1, %eax
    xchg %eax, spinlock                 /* XCHG with memory is locked */
    test %eax, %eax
    jz 10f
    pause
    jmp 9b
10: mov shared, %eax                    /* a plain read-modify-write: only the lock keeps it exact */
    add $1, %eax
    mov %eax, shared
    movl $0, spinlock                   /* release: a plain store (TSO orders it after the above) */
    ret

/* CPU1 in protected mode: counts itself in, then follows CPU0 round by round. */
ap_main32:
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $ap_stack_top, %esp
    lock incl ap_online
    mov $1, %ebx
ap_round:
11: mov start_round, %eax
    cmp $-1, %eax
    je ap_park
    cmp %ebx, %eax
    je 12f
    pause
    jmp 11b
12: movl $1, y                          /* SB+MFENCE */
    mfence
    mov x, %eax
    mov %eax, r1
    mov flag, %eax                      /* MP: flag first, then data */
    mov data, %ecx
    mov %eax, r2
    mov %ecx, r3
    call shared_work
    mov %ebx, done_round
    inc %ebx
    jmp ap_round
ap_park:
    cli
    hlt
    jmp ap_park

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

/* Copied to TRAMPOLINE; runs there in real mode with CS = SIPI_VECTOR << 8, IP = 0. */
    .code16
trampoline:
    cli
    xor %ax, %ax
    mov %ax, %ds
    lgdtl TRAMPOLINE + (trampoline_gdt - trampoline)
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $SEL_CODE32, $ap_main32
    .balign 4
trampoline_gdt:
    .word pm32_gdt_end - pm32_gdt - 1
    .long pm32_gdt
trampoline_end:
    .code32

    .pushsection .rodata
no_ap_message:    .asciz "smp-litmus: the second CPU never came up (run with -smp 2)\n"
sb_message:       .asciz "smp-litmus: SB+MFENCE saw r0 = r1 = 0, which x86-TSO forbids\n"
mp_message:       .asciz "smp-litmus: MP saw the flag without the data, which x86-TSO forbids\n"
counter_message:  .asciz "smp-litmus: the LOCK INC counter is off\n"
spinlock_message: .asciz "smp-litmus: the XCHG spinlock lost an increment\n"
done_message:     .asciz "smp-litmus: 2 CPUs, 20000 rounds: SB+MFENCE and MP only as x86-TSO allows, LOCK INC counter and XCHG spinlock exact\n"
    .popsection

    .pushsection .bss
    .balign 64
x:            .long 0
    .balign 64
y:            .long 0
    .balign 64
data:         .long 0
    .balign 64
flag:         .long 0
    .balign 64
r1:           .long 0
r2:           .long 0
r3:           .long 0
    .balign 64
start_round:  .long 0
    .balign 64
done_round:   .long 0
    .balign 64
counter:      .long 0
    .balign 64
spinlock:     .long 0
shared:       .long 0
ap_online:    .long 0
    .balign 16
    .skip 1024
ap_stack_top:
    .popsection
