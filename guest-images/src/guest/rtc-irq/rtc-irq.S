/*
 * rtc-irq - the MC146818's periodic interrupt through the slave 8259: register A selects 1024 Hz
 * (rate 6), register B sets PIE, and IRQ 8 reaches the CPU through the slave PIC cascaded on
 * master IRQ 2. The handler reads register C (which acknowledges the interrupt; until then the
 * RTC raises no other, MC146818A datasheet) and checks IRQF and PF, then sends EOI to the slave
 * and to the master. Counts TICKS interrupts, sleeping in HLT between them.
 *
 * Exit codes: 0 success; 2 bad multiboot magic; 3 register C lacked IRQF|PF in the handler
 *   more than once (once is a race the setup cannot avoid, see rtc_interrupt);
 *   4 a CPU exception; 5 an interrupt on an IRQ other than 8.
 */
    .include "pc.inc"
    .include "multiboot.inc"
    .include "pm32.inc"

    MULTIBOOT_HEADER

.equ TICKS,        64
.equ PIC1_CMD,     0x20
.equ PIC1_DATA,    0x21
.equ PIC2_CMD,     0xa0
.equ PIC2_DATA,    0xa1
.equ PIC_EOI,      0x20
.equ IRQ_BASE,     0x20
.equ CMOS_INDEX,   0x70
.equ CMOS_DATA,    0x71
.equ RTC_REG_A,    0x0a
.equ RTC_REG_B,    0x0b
.equ RTC_REG_C,    0x0c
.equ REG_B_PIE,    0x40
.equ REG_C_IRQF,   0x80
.equ REG_C_PF,     0x40

    MULTIBOOT_ENTRY rtc-irq
    call pm32_load_gdt

    xor %eax, %eax                      /* IDT: exceptions and stray IRQs fail; IRQ 8 counts */
1:  mov $exception, %edx
    cmp $IRQ_BASE, %eax
    jb 2f
    mov $stray_irq, %edx
2:  call idt_set_gate
    inc %eax
    cmp $IRQ_BASE + 16, %eax
    jne 1b
    mov $IRQ_BASE + 8, %eax
    mov $rtc_interrupt, %edx
    call idt_set_gate
    mov $IRQ_BASE + 7, %eax             /* spurious IRQ 7 and 15: no EOI to the PIC that did */
    mov $spurious_master, %edx          /* not really interrupt (8259A datasheet) */
    call idt_set_gate
    mov $IRQ_BASE + 15, %eax
    mov $spurious_slave, %edx
    call idt_set_gate
    call idt_load

    mov $0x11, %al                      /* 8259A pair: ICW1-4, vectors 0x20/0x28, cascade on IRQ 2 */
    outb %al, $PIC1_CMD
    outb %al, $PIC2_CMD
    mov $IRQ_BASE, %al
    outb %al, $PIC1_DATA
    mov $IRQ_BASE + 8, %al
    outb %al, $PIC2_DATA
    mov $0x04, %al
    outb %al, $PIC1_DATA
    mov $0x02, %al
    outb %al, $PIC2_DATA
    mov $0x01, %al
    outb %al, $PIC1_DATA
    outb %al, $PIC2_DATA
    mov $0xfb, %al                      /* master: only IRQ 2, the slave's cascade */
    outb %al, $PIC1_DATA
    mov $0xfe, %al                      /* slave: only IRQ 8, the RTC */
    outb %al, $PIC2_DATA

    mov $RTC_REG_A, %al                 /* rate 6: 32768 Hz >> (6 - 1) = 1024 Hz */
    call cmos_read
    and $0xf0, %al
    or $0x06, %al
    mov %al, %ah
    mov $RTC_REG_A, %al
    call cmos_write
    mov $RTC_REG_B, %al                 /* periodic interrupt enable */
    call cmos_read
    or $REG_B_PIE, %al
    mov %al, %ah
    mov $RTC_REG_B, %al
    call cmos_write
    mov $RTC_REG_C, %al                 /* drop anything pending from before */
    call cmos_read

    sti
3:  hlt
    cmpl $TICKS, ticks
    jb 3b
    cli
    mov $RTC_REG_B, %al                 /* PIE off again */
    call cmos_read
    and $~REG_B_PIE, %al
    mov %al, %ah
    mov $RTC_REG_B, %al
    call cmos_write

    mov $done_message, %esi
    call serial_puts
    mov ticks, %eax
    call put_dec32
    mov $done_message_tail, %esi
    call serial_puts
    PC_EXIT $0

/* AL = register -> AL = value. */
cmos_read:
    outb %al, $CMOS_INDEX
    inb $CMOS_DATA, %al
    ret
/* AL = register, AH = value. */
cmos_write:
    outb %al, $CMOS_INDEX
    mov %ah, %al
    outb %al, $CMOS_DATA
    ret

/* One stale interrupt is allowed: if the RTC's first edge came before the setup read register
 * C, the PIC had already latched it, and the handler then finds C empty. */
rtc_interrupt:
    push %eax
    mov $RTC_REG_C, %al                 /* reading C acknowledges the RTC */
    call cmos_read
    and $REG_C_IRQF | REG_C_PF, %al
    cmp $REG_C_IRQF | REG_C_PF, %al
    jne 1f
    incl ticks
    jmp 2f
1:  incl stale
    cmpl $1, stale
    ja 3f
2:  mov $PIC_EOI, %al                   /* EOI to the slave, then to the master (cascade) */
    outb %al, $PIC2_CMD
    outb %al, $PIC1_CMD
    pop %eax
    iret
3:  mov $register_c_message, %esi
    call serial_puts
    PC_EXIT $3

spurious_master:
    iret
spurious_slave:                         /* the master did see IRQ 2: it gets its EOI */
    push %eax
    mov $PIC_EOI, %al
    outb %al, $PIC1_CMD
    pop %eax
    iret

exception:
    mov $exception_message, %esi
    call serial_puts
    PC_EXIT $4
stray_irq:
    mov $stray_message, %esi
    call serial_puts
    PC_EXIT $5

    PC_SERIAL_FUNCTIONS
    PM32_FUNCTIONS

    .section .rodata
done_message:
    .asciz "rtc-irq: counted "
done_message_tail:
    .asciz " periodic RTC interrupts on IRQ 8 through the slave PIC, each acknowledged in register C\n"
register_c_message:
    .asciz "rtc-irq: register C lacked IRQF|PF in the interrupt handler twice\n"
exception_message:
    .asciz "rtc-irq: unexpected CPU exception\n"
stray_message:
    .asciz "rtc-irq: interrupt on an IRQ other than 8\n"

    .bss
    .balign 4
ticks:
    .skip 4
stale:
    .skip 4
