/*
 * uart-loopback - checks the 16550A's registers through its loopback mode (MCR bit 4), in
 * which the transmitter feeds the receiver and the modem-control outputs feed the modem-status
 * inputs (National Semiconductor PC16550D datasheet, "Modem Control Register"). Prints one
 * line at the end, after leaving loopback (in loopback nothing reaches the wire).
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 LSR after init is not THRE|TEMT;
 *   4 IIR does not show FIFOs enabled and no interrupt pending (0xC1); 5 the scratch register
 *   does not keep a value; 6 MSR does not mirror MCR (all four outputs on); 7 MSR does not
 *   mirror MCR (DTR only -> DSR only); 8 a looped-back byte never set LSR.DR; 9 the byte read
 *   back differs; 10 LSR.DR still set after reading the only byte; 11 a 16-byte burst did
 *   not come back in order; 12 a 17th byte did not set LSR.OE (overrun); 13 reading LSR did
 *   not clear OE.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ UART_IIR,      2               /* interrupt identification (read) */
.equ UART_MSR,      6
.equ UART_SCR,      7
.equ MCR_LOOP,      0x10
.equ LSR_OE,        0x02
.equ FIFO_DEPTH,    16
.equ POLL_LIMIT,    100000

/* AL = register \reg of COM1. */
.macro UART_IN reg
    mov $(COM1 + \reg), %dx
    inb %dx, %al
.endm

/* Exit with \code after printing the failure line. */
.macro FAIL code
    mov $\code, %edi
    jmp fail
.endm

    MULTIBOOT_ENTRY uart-loopback

    /* Wait until the transmitter is idle (the entry code printed nothing, but be exact). */
1:  UART_IN UART_LSR
    and $(UART_LSR_THRE | UART_LSR_TEMT), %al
    cmp $(UART_LSR_THRE | UART_LSR_TEMT), %al
    jne 1b
    UART_IN UART_LSR
    and $0x9f, %al                  /* ignore THRE/TEMT: nothing else (DR, errors) may be set */
    jz 2f
    FAIL 3
2:
    UART_IN UART_IIR
    cmp $0xc1, %al                  /* bits 7:6 = FIFOs enabled, bit 0 = no interrupt pending */
    je 3f
    FAIL 4
3:
    PC_UART_OUT UART_SCR, 0x5a
    UART_IN UART_SCR
    cmp $0x5a, %al
    je 4f
    FAIL 5
4:
    /* Loopback: MSR bits 7:4 (DCD, RI, DSR, CTS) follow MCR (OUT2, OUT1, DTR, RTS). */
    PC_UART_OUT UART_MCR, MCR_LOOP | 0x0f
    UART_IN UART_MSR
    and $0xf0, %al
    cmp $0xf0, %al
    je 5f
    FAIL 6
5:
    PC_UART_OUT UART_MCR, MCR_LOOP | 0x01   /* DTR alone */
    UART_IN UART_MSR
    and $0xf0, %al
    cmp $0x20, %al                  /* DSR */
    je 6f
    FAIL 7
6:
    call drain_receiver

    /* One byte there and back. */
    mov $0xa5, %al
    call serial_putc
    call wait_data_ready
    jnc 7f
    FAIL 8
7:  UART_IN UART_RBR
    cmp $0xa5, %al
    je 8f
    FAIL 9
8:  UART_IN UART_LSR
    test $UART_LSR_DR, %al
    jz 9f
    FAIL 10
9:
    /* A burst of FIFO_DEPTH bytes fits the receive FIFO and comes back in order. */
    xor %ebx, %ebx
10: mov %bl, %al
    add $0x30, %al
    call serial_putc
    inc %ebx
    cmp $FIFO_DEPTH, %ebx
    jne 10b
    xor %ebx, %ebx
11: call wait_data_ready
    jc 12f
    UART_IN UART_RBR
    mov %bl, %ah
    add $0x30, %ah
    cmp %ah, %al
    jne 12f
    inc %ebx
    cmp $FIFO_DEPTH, %ebx
    jne 11b
    jmp 13f
12: FAIL 11
13:
    /* One byte more than the FIFO holds: the receiver overruns (LSR.OE), and reading LSR
     * clears the error bits. */
    xor %ebx, %ebx
14: mov %bl, %al
    call serial_putc
    inc %ebx
    cmp $FIFO_DEPTH + 1, %ebx
    jne 14b
    UART_IN UART_LSR
    test $LSR_OE, %al
    jnz 15f
    FAIL 12
15: UART_IN UART_LSR
    test $LSR_OE, %al
    jz 16f
    FAIL 13
16:
    call drain_receiver
    PC_UART_OUT UART_MCR, 0x03      /* leave loopback: DTR | RTS */
    mov $ok_message, %esi
    call serial_puts
    PC_EXIT $0

fail:                               /* EDI = exit code */
    PC_UART_OUT UART_MCR, 0x03
    mov $fail_message, %esi
    call serial_puts
    mov %edi, %eax
    call put_dec32
    mov $'\n', %al
    call serial_putc
    PC_EXIT %edi

/* Polls LSR.DR; CF=0 when data is ready, CF=1 after POLL_LIMIT polls. Clobbers ECX, AL, DX. */
wait_data_ready:
    mov $POLL_LIMIT, %ecx
1:  UART_IN UART_LSR
    test $UART_LSR_DR, %al
    jnz 2f
    loop 1b
    stc
    ret
2:  clc
    ret

/* Reads RBR until LSR.DR is clear. */
drain_receiver:
1:  UART_IN UART_LSR
    test $UART_LSR_DR, %al
    jz 2f
    UART_IN UART_RBR
    jmp 1b
2:  ret

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

    .section .rodata
ok_message:
    .asciz "uart-loopback: 16550 loopback, scratch, MSR mirror, FIFO and overrun OK\n"
fail_message:
    .asciz "uart-loopback: check failed, exit code "
