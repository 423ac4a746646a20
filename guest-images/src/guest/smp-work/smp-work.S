/*
 * smp-work - the CPU-bound guest of `jvmm bench smp`: ROUNDS sieves of Eratosthenes over SIEVE_SIZE
 * bytes, shared out among the CPUs fw_cfg reports (QEMU's FW_CFG_NB_CPUS, 1 to MAX_CPUS): CPU k runs
 * rounds k, k + n, k + 2n, ... in a buffer of its own, so the CPUs share nothing while they work.
 * The bootstrap processor starts the others with INIT and a start-up IPI (vector 8: a real-mode
 * trampoline copied to 0x8000 that enters 32-bit protected mode, as smp-litmus does), reads the TSC
 * when it lets them go and after the last one reported, checks that the primes found add up to
 * ROUNDS * PRIMES_BELOW, and prints
 *     smp-work: N CPUs, R rounds, T us
 * where T is the TSC cycles of the parallel part / 1000 (microseconds on jvmm, whose TSC runs at 1 GHz).
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 fw_cfg reports no CPU or more than MAX_CPUS;
 *   4 the other CPUs did not all come up; 5 the prime count is off.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ ROUNDS,           20000
.equ SIEVE_SIZE,       65536
.equ PRIMES_BELOW,     6542                /* primes below 65536 */
.equ MAX_CPUS,         4
.equ FW_CFG_SELECTOR,  0x510
.equ FW_CFG_DATA,      0x511
.equ FW_CFG_NB_CPUS,   0x05
.equ APIC,             0xfee00000
.equ APIC_ICR_LOW,     APIC + 0x300
.equ APIC_ICR_HIGH,    APIC + 0x310
.equ ICR_INIT_OTHERS,  0x000c4500          /* INIT, level assert, all excluding self */
.equ ICR_SIPI_OTHERS,  0x000c4600          /* start-up, all excluding self; | vector */
.equ TRAMPOLINE,       0x8000
.equ SIPI_VECTOR,      TRAMPOLINE >> 12
.equ AP_WAIT_LOOPS,    20000000
.equ AP_STACK_SIZE,    4096

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY smp-work
    call pm32_load_gdt

    mov $FW_CFG_SELECTOR, %dx
    mov $FW_CFG_NB_CPUS, %ax
    outw %ax, %dx
    mov $FW_CFG_DATA, %dx
    inb %dx, %al
    movzbl %al, %ecx
    inb %dx, %al
    movzbl %al, %eax
    shl $8, %eax
    or %eax, %ecx
    cmp $1, %ecx
    jb 1f
    cmp $MAX_CPUS, %ecx
    jbe 2f
1:  FAIL 3, cpus_message
2:  mov %ecx, ncpus
    cmp $1, %ecx
    je start_work

    mov $trampoline, %esi               /* the APs' real-mode entry, where the SIPI vector points */
    mov $TRAMPOLINE, %edi
    mov $(trampoline_end - trampoline), %ecx
    rep movsb
    movl $0, APIC_ICR_HIGH
    movl $ICR_INIT_OTHERS, APIC_ICR_LOW
    movl $(ICR_SIPI_OTHERS | SIPI_VECTOR), APIC_ICR_LOW
    mov ncpus, %ebx
    dec %ebx                            /* EBX = APs to wait for */
    mov $AP_WAIT_LOOPS, %ecx
3:  cmp ap_online, %ebx
    je start_work
    pause
    loop 3b
    FAIL 4, ap_message

start_work:
    rdtsc
    mov %eax, t0_low
    mov %edx, t0_high
    movl $1, go                         /* the APs start their rounds */
    xor %ebx, %ebx                      /* the BSP is CPU 0 */
    call work
    mov ncpus, %ebx
    dec %ebx
4:  cmp done_count, %ebx
    je 5f
    pause
    jmp 4b
5:  rdtsc
    sub t0_low, %eax
    sbb t0_high, %edx
    mov $1000, %ecx
    div %ecx                            /* EAX = microseconds at 1 GHz */
    mov %eax, %edi

    xor %eax, %eax                      /* the primes every CPU found */
    xor %ecx, %ecx
6:  add results(,%ecx,8), %eax
    inc %ecx
    cmp ncpus, %ecx
    jb 6b
    cmp $(ROUNDS * PRIMES_BELOW), %eax
    je 7f
    FAIL 5, count_message

7:  mov $done_message, %esi
    call serial_puts
    mov ncpus, %eax
    call put_dec32
    mov $cpus_word, %esi
    call serial_puts
    mov $ROUNDS, %eax
    call put_dec32
    mov $rounds_word, %esi
    call serial_puts
    mov %edi, %eax
    call put_dec32
    mov $us_word, %esi
    call serial_puts
    PC_EXIT $0

/* CPU EBX's share: rounds EBX, EBX + ncpus, ...; the primes found go to results[EBX]. */
work:
    mov %ebx, %ebp                      /* EBP = round */
    xor %esi, %esi                      /* ESI = primes so far */
    mov %ebx, %edi
    shl $16, %edi                       /* SIEVE_SIZE bytes per CPU */
    add $sieve_buffers, %edi
8:  cmp $ROUNDS, %ebp
    jae 9f
    call sieve
    add %eax, %esi
    add ncpus, %ebp
    jmp 8b
9:  mov %esi, results(,%ebx,8)
    ret

/* EDI = buffer of SIEVE_SIZE bytes; returns EAX = primes below SIEVE_SIZE; clobbers ECX, EDX. */
sieve:
    xor %ecx, %ecx
10: movb $1, (%edi,%ecx)
    inc %ecx
    cmp $SIEVE_SIZE, %ecx
    jb 10b
    mov $2, %ecx                        /* ECX = candidate */
11: mov %ecx, %eax
    imul %ecx, %eax                     /* EAX = its square: the first multiple left to strike */
    cmp $SIEVE_SIZE, %eax
    jae 14f
    cmpb $0, (%edi,%ecx)
    je 13f
12: movb $0, (%edi,%eax)
    add %ecx, %eax
    cmp $SIEVE_SIZE, %eax
    jb 12b
13: inc %ecx
    jmp 11b
14: xor %eax, %eax
    mov $2, %ecx
15: movzbl (%edi,%ecx), %edx
    add %edx, %eax
    inc %ecx
    cmp $SIEVE_SIZE, %ecx
    jb 15b
    ret

/* An AP in protected mode: takes the next CPU index, counts itself in, waits for go, works, reports. */
ap_main32:
    mov $SEL_DATA32, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $1, %ebx
    lock xadd %ebx, next_index
    inc %ebx                            /* EBX = this CPU's index, 1.. */
    mov %ebx, %esp
    shl $12, %esp                       /* AP_STACK_SIZE bytes each, below ap_stacks + index * 4096 */
    add $ap_stacks, %esp
    lock incl ap_online
16: cmpl $0, go
    jne 17f
    pause
    jmp 16b
17: call work
    lock incl done_count
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
cpus_message:  .asciz "smp-work: fw_cfg reports no CPU, or more than 4\n"
ap_message:    .asciz "smp-work: not every CPU fw_cfg reports came up\n"
count_message: .asciz "smp-work: the prime count is off\n"
done_message:  .asciz "smp-work: "
cpus_word:     .asciz " CPUs, "
rounds_word:   .asciz " rounds, "
us_word:       .asciz " us\n"
    .popsection

    .pushsection .bss
    .balign 64
ncpus:        .long 0
t0_low:       .long 0
t0_high:      .long 0
    .balign 64
go:           .long 0
    .balign 64
ap_online:    .long 0
next_index:   .long 0
    .balign 64
done_count:   .long 0
    .balign 64
results:      .skip 8 * MAX_CPUS          /* one 8-byte slot per CPU */
    .balign 4096
sieve_buffers: .skip SIEVE_SIZE * MAX_CPUS
ap_stacks:    .skip AP_STACK_SIZE * MAX_CPUS
    .popsection
