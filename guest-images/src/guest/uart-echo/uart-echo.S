/*
 * uart-echo - interrupt-driven UART receive: the 8259A pair remapped to vectors 0x20-0x2F with
 * only IRQ 4 (COM1) unmasked, an IDT, the 16550's received-data interrupt (IER bit 0) with
 * MCR OUT2 (the PC's gate of the UART's IRQ output), STI, then HLT in a loop. The IRQ 4
 * handler checks IIR (received data available 0x4, or character timeout 0xC, the FIFO's
 * other received-data indication), drains RBR while LSR.DR is set, echoes each byte with
 * a-z made upper case, EOIs the master PIC and IRETs. After a '.' the main loop prints
 * "\nuart-echo: N bytes received by interrupt\n" and exits 0.
 *
 * It needs input typed on COM1: the catalogue's input is "hello, world.", giving
 * "HELLO, WORLD.\nuart-echo: 13 bytes received by interrupt\n". Without input it sleeps
 * in HLT for ever.
 *
 * The receive FIFO is enabled with a trigger level of 1 byte, so every byte raises the
 * received-data interrupt. The handler turns IER off while it drains and back on before
 * the EOI: a byte arriving after the handler's last LSR read then raises a fresh edge with
 * DR set, and one arriving before it is drained without leaving an edge latched in the
 * PIC, so an interrupt with nothing to read is always an error here.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 an IRQ 4 interrupt with LSR.DR clear;
 *             4 a CPU exception; 5 an interrupt on an IRQ other than 4 (all others are
 *             masked); 6 IIR did not show received data (0x4 or 0xC) in the IRQ 4 handler;
 *             7 an interrupt in the 100000-iteration wait with IF=0 before STI.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ PIC1_CMD,      0x20
.equ PIC1_DATA,     0x21
.equ PIC2_CMD,      0xa0
.equ PIC2_DATA,     0xa1
.equ PIC_EOI,       0x20
.equ IRQ_BASE,      0x20                /* IRQ 0-7 -> 0x20-0x27, IRQ 8-15 -> 0x28-0x2F */
.equ COM1_IRQ,      4
.equ UART_IIR,      2                   /* interrupt identification (read) */
.equ UART_IER_RDA,  0x01                /* received data available (and character timeout) */
.equ UART_MCR_OUT2, 0x08
.equ IIR_ID_MASK,   0x0f
.equ IIR_RDA,       0x04
.equ IIR_TIMEOUT,   0x0c

    MULTIBOOT_ENTRY uart-echo
    call pm32_load_gdt

    /* Every exception vector -> exception (exit 4), every IRQ vector -> stray_irq (exit 5),
     * except IRQ 4 -> com1 and the PIC's spurious IRQ 7 -> spurious. */
    xor %eax, %eax
1:  mov $exception, %edx
    cmp $IRQ_BASE, %eax
    jb 2f
    mov $stray_irq, %edx
2:  call idt_set_gate
    inc %eax
    cmp $IRQ_BASE + 16, %eax
    jne 1b
    mov $IRQ_BASE + COM1_IRQ, %eax
    mov $com1, %edx
    call idt_set_gate
    mov $IRQ_BASE + 7, %eax
    mov $spurious, %edx
    call idt_set_gate
    call idt_load

    /* 8259A initialisation (ICW1-ICW4) as in pit-irq: edge triggered, cascade, slave on
     * master IRQ 2, 8086 mode; then unmask IRQ 4 only. */
    mov $0x11, %al                      /* ICW1: ICW4 needed, cascade, edge */
    outb %al, $PIC1_CMD
    outb %al, $PIC2_CMD
    mov $IRQ_BASE, %al                  /* ICW2: vector base */
    outb %al, $PIC1_DATA
    mov $IRQ_BASE + 8, %al
    outb %al, $PIC2_DATA
    mov $0x04, %al                      /* ICW3 master: a slave on IRQ 2 */
    outb %al, $PIC1_DATA
    mov $0x02, %al                      /* ICW3 slave: its cascade identity is 2 */
    outb %al, $PIC2_DATA
    mov $0x01, %al                      /* ICW4: 8086/88 mode, normal EOI */
    outb %al, $PIC1_DATA
    outb %al, $PIC2_DATA
    mov $~(1 << COM1_IRQ) & 0xff, %al   /* OCW1: unmask IRQ 4 only */
    outb %al, $PIC1_DATA
    mov $0xff, %al
    outb %al, $PIC2_DATA

    /* The UART: FIFOs on with a 1-byte receive trigger (FCR 0x07 also clears both FIFOs),
     * OUT2 on so a PC's IRQ 4 is driven, then the received-data interrupt. */
    PC_UART_OUT UART_FCR, 0x07
    PC_UART_OUT UART_MCR, 0x03 | UART_MCR_OUT2
    PC_UART_OUT UART_IER, UART_IER_RDA

    /* With IF=0 nothing may be delivered, whatever the PIC and UART do meanwhile. */
    mov $100000, %ecx
3:  pause
    loop 3b
    cmpl $0, received
    jne early_interrupt

    sti
4:  hlt                                 /* sleep until the UART interrupts */
    cmpb $0, done
    je 4b
    cli

    mov $done_message, %esi
    call serial_puts
    mov received, %eax
    call put_dec32
    mov $done_message_tail, %esi
    call serial_puts
    PC_EXIT $0

early_interrupt:
    mov $early_message, %esi
    call serial_puts
    PC_EXIT $7

/* IRQ 4: an interrupt gate, so IF=0 throughout. */
com1:
    push %eax
    push %edx
    mov $(COM1 + UART_IIR), %dx
    inb %dx, %al
    and $IIR_ID_MASK, %al
    cmp $IIR_RDA, %al
    je 5f
    cmp $IIR_TIMEOUT, %al
    jne not_received_data
5:  PC_UART_OUT UART_IER, 0x00          /* quiet the line while draining (see the header) */
    mov $(COM1 + UART_LSR), %dx
    inb %dx, %al
    test $UART_LSR_DR, %al
    jz no_data
6:  mov $(COM1 + UART_RBR), %dx
    inb %dx, %al
    incl received
    cmp $'.', %al
    jne 7f
    movb $1, done
7:  cmp $'a', %al
    jb 8f
    cmp $'z', %al
    ja 8f
    sub $'a' - 'A', %al
8:  call serial_putc
    mov $(COM1 + UART_LSR), %dx
    inb %dx, %al
    test $UART_LSR_DR, %al
    jnz 6b
    PC_UART_OUT UART_IER, UART_IER_RDA
    mov $PIC_EOI, %al                   /* non-specific EOI to the master */
    outb %al, $PIC1_CMD
    pop %edx
    pop %eax
    iret

no_data:
    mov $no_data_message, %esi
    call serial_puts
    PC_EXIT $3

not_received_data:
    mov $iir_message, %esi
    call serial_puts
    PC_EXIT $6

/* A spurious IRQ 7 (the PIC lost the request before INTA) gets no EOI: 8259A datasheet. */
spurious:
    iret

exception:
    mov $exception_message, %esi
    call serial_puts
    PC_EXIT $4

stray_irq:
    mov $stray_irq_message, %esi
    call serial_puts
    PC_EXIT $5

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

    .section .rodata
done_message:
    .asciz "\nuart-echo: "
done_message_tail:
    .asciz " bytes received by interrupt\n"
no_data_message:
    .asciz "\nuart-echo: IRQ 4 with LSR.DR clear\n"
iir_message:
    .asciz "\nuart-echo: IRQ 4 but IIR shows no received data\n"
early_message:
    .asciz "uart-echo: an interrupt arrived with IF=0\n"
exception_message:
    .asciz "\nuart-echo: unexpected CPU exception\n"
stray_irq_message:
    .asciz "\nuart-echo: interrupt on a masked IRQ\n"

    .bss
    .balign 4
received:
    .long 0
done:
    .byte 0
