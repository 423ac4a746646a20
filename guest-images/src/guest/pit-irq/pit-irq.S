/*
 * pit-irq - counts timer interrupts: 8259A PIC pair remapped to vectors 0x20-0x2F, 8254 PIT
 * channel 0 as a 1 kHz rate generator on IRQ 0, an IDT, STI and HLT until the handler has
 * counted TICKS interrupts.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 the PIT counter never changed (read back
 *             through the latch command); 4 a CPU exception; 5 an interrupt on an IRQ other
 *             than 0 (all others are masked); 6 a tick arrived while interrupts were disabled.
 *
 * This guest returns from a 32-bit interrupt handler with IRET, which PVM's /dev/kvm on the
 * development host does not survive; the interpreter/translator engines and QEMU do.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ TICKS,         100
.equ PIC1_CMD,      0x20
.equ PIC1_DATA,     0x21
.equ PIC2_CMD,      0xa0
.equ PIC2_DATA,     0xa1
.equ PIC_EOI,       0x20
.equ IRQ_BASE,      0x20                /* IRQ 0-7 -> 0x20-0x27, IRQ 8-15 -> 0x28-0x2F */
.equ PIT_CHANNEL0,  0x40
.equ PIT_COMMAND,   0x43
.equ PIT_HZ,        1193182             /* the 8254's input clock, 14.31818 MHz / 12 */
.equ PIT_DIVISOR,   (PIT_HZ + 500) / 1000   /* 1193 -> 1000.15 Hz */

    MULTIBOOT_ENTRY pit-irq
    call pm32_load_gdt

    /* Every exception vector -> exception (exit 4), every IRQ vector -> stray_irq (exit 5),
     * except IRQ 0 -> timer and the PIC's spurious IRQ 7 -> spurious. */
    xor %eax, %eax
1:  mov $exception, %edx
    cmp $IRQ_BASE, %eax
    jb 2f
    mov $stray_irq, %edx
2:  call idt_set_gate
    inc %eax
    cmp $IRQ_BASE + 16, %eax
    jne 1b
    mov $IRQ_BASE + 0, %eax
    mov $timer, %edx
    call idt_set_gate
    mov $IRQ_BASE + 7, %eax
    mov $spurious, %edx
    call idt_set_gate
    call idt_load

    /* 8259A initialisation (ICW1-ICW4), as every PC OS does to move the IRQs off the
     * exception vectors: edge triggered, cascade, slave on master IRQ 2, 8086 mode. */
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
    mov $0xfe, %al                      /* OCW1: unmask IRQ 0 only */
    outb %al, $PIC1_DATA
    mov $0xff, %al
    outb %al, $PIC2_DATA

    /* PIT channel 0, lobyte/hibyte access, mode 2 (rate generator), binary. */
    mov $0x34, %al
    outb %al, $PIT_COMMAND
    mov $PIT_DIVISOR & 0xff, %al
    outb %al, $PIT_CHANNEL0
    mov $PIT_DIVISOR >> 8, %al
    outb %al, $PIT_CHANNEL0

    /* The counter must run: latch it (counter-latch command 0x00) until two reads differ. */
    call read_pit_counter
    mov %eax, %esi
    mov $1000000, %ecx
3:  call read_pit_counter
    cmp %eax, %esi
    jne counting
    loop 3b
    mov $pit_stuck_message, %esi
    call serial_puts
    PC_EXIT $3

counting:
    /* With IF=0 the PIC may raise IRQ 0, but the CPU must not take it. */
    mov $100000, %ecx
4:  pause
    loop 4b
    cmpl $0, ticks
    jne early_tick

    sti
5:  hlt                                 /* sleep until the next interrupt */
    cmpl $TICKS, ticks
    jb 5b
    cli

    mov $done_message, %esi
    call serial_puts
    mov ticks, %eax
    call put_dec32
    mov $done_message_tail, %esi
    call serial_puts
    PC_EXIT $0

early_tick:
    mov $early_tick_message, %esi
    call serial_puts
    PC_EXIT $6

/* Returns channel 0's current count in EAX (16 bits). */
read_pit_counter:
    mov $0x00, %al                      /* counter latch command for channel 0 */
    outb %al, $PIT_COMMAND
    inb $PIT_CHANNEL0, %al              /* low byte, then high byte of the latched value */
    mov %al, %ah
    inb $PIT_CHANNEL0, %al
    xchg %al, %ah
    movzwl %ax, %eax
    ret

timer:
    push %eax
    incl ticks
    mov $PIC_EOI, %al                   /* non-specific EOI to the master */
    outb %al, $PIC1_CMD
    pop %eax
    iret

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
    .asciz "pit-irq: counted "
done_message_tail:
    .asciz " timer interrupts on IRQ 0\n"
pit_stuck_message:
    .asciz "pit-irq: PIT channel 0 does not count\n"
early_tick_message:
    .asciz "pit-irq: a timer interrupt arrived with IF=0\n"
exception_message:
    .asciz "pit-irq: unexpected CPU exception\n"
stray_irq_message:
    .asciz "pit-irq: interrupt on a masked IRQ\n"

    .bss
    .balign 4
ticks:
    .long 0
