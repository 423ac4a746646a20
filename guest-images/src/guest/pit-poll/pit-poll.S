/*
 * pit-poll - the 8254 PIT without interrupts, the way Linux calibrates the TSC
 * (arch/x86/kernel/tsc.c, pit_calibrate_tsc): channel 2 is gated by port 0x61 bit 0 and its
 * output OUT2 reads back as port 0x61 bit 5. In mode 0 ("interrupt on terminal count", Intel
 * 8254 datasheet) OUT goes low when the count is written and high when it reaches zero.
 *
 * Checks, in order: the read-back command reports channel 2's programmed mode; OUT2 is low
 * after the count is written; the latched count moves; OUT2 rises within a bounded number of
 * polls. (Real 8254s also stop counting in mode 0 while the gate is low; QEMU 7.2, the
 * oracle, does not model that, so it is not checked.)
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 read-back status is not lobyte/hibyte
 *   mode 0 binary; 4 OUT2 high right after programming; 5 the count did not move;
 *   6 OUT2 never rose.
 */
    .include "pc.inc"
    .include "multiboot.inc"

    MULTIBOOT_HEADER

.equ PIT_CHANNEL2,  0x42
.equ PIT_COMMAND,   0x43
.equ PORT_B,        0x61                /* system control port B */
.equ PORT_B_GATE2,  0x01                /* timer 2 gate */
.equ PORT_B_SPEAKER, 0x02               /* speaker data enable: keep off */
.equ PORT_B_OUT2,   0x20                /* timer 2 output (read only) */
.equ COUNT,         11932               /* 10 ms at 1.193182 MHz */
.equ POLL_LIMIT,    100000000

.macro FAIL code, message
    mov $\message, %esi
    call serial_puts
    PC_EXIT $\code
.endm

    MULTIBOOT_ENTRY pit-poll

    inb $PORT_B, %al                    /* gate high, speaker off (as Linux does) */
    and $~PORT_B_SPEAKER, %al
    or $PORT_B_GATE2, %al
    outb %al, $PORT_B

    mov $0xb0, %al                      /* channel 2, lobyte/hibyte, mode 0, binary */
    outb %al, $PIT_COMMAND
    mov $COUNT & 0xff, %al
    outb %al, $PIT_CHANNEL2
    mov $COUNT >> 8, %al
    outb %al, $PIT_CHANNEL2

    mov $0xe8, %al                      /* read-back: latch status (not count) of channel 2 */
    outb %al, $PIT_COMMAND
    inb $PIT_CHANNEL2, %al              /* OUT, null count, RW(2), mode(3), BCD */
    and $0x3f, %al
    cmp $0x30, %al
    je 1f
    FAIL 3, status_message
1:
    inb $PORT_B, %al
    test $PORT_B_OUT2, %al
    jz 2f
    FAIL 4, out_high_message
2:
    call read_count
    mov %eax, %ebx
    mov $POLL_LIMIT, %ecx
3:  call read_count
    cmp %eax, %ebx
    jne 4f
    loop 3b
    FAIL 5, stuck_message
4:
    mov $POLL_LIMIT, %ecx
5:  inb $PORT_B, %al
    test $PORT_B_OUT2, %al
    jnz 6f
    loop 5b
    FAIL 6, never_message
6:
    mov $ok_message, %esi
    call serial_puts
    PC_EXIT $0

/* EAX = channel 2's count, latched (counter-latch command 0x80 = channel 2, latch). */
read_count:
    mov $0x80, %al
    outb %al, $PIT_COMMAND
    inb $PIT_CHANNEL2, %al
    mov %al, %ah
    inb $PIT_CHANNEL2, %al
    xchg %al, %ah
    movzwl %ax, %eax
    ret

    PC_SERIAL_FUNCTIONS

    .section .rodata
ok_message:
    .asciz "pit-poll: channel 2 mode 0 counted down and OUT2 rose at terminal count\n"
status_message:
    .asciz "pit-poll: read-back status of channel 2 is not lobyte/hibyte mode 0\n"
out_high_message:
    .asciz "pit-poll: OUT2 is high right after the count was written\n"
stuck_message:
    .asciz "pit-poll: the latched count of channel 2 does not move\n"
never_message:
    .asciz "pit-poll: OUT2 never rose\n"
