/*
 * clock_pit.c - clock.h in the guest: the 8254 PIT's channel 0 as a 1 kHz rate generator on IRQ 0,
 * counted by an interrupt handler. The kernel loads its own GDT and IDT first (the multiboot
 * specification leaves GDTR and IDTR undefined), moves the 8259A's IRQs to vectors 0x20-0x2F,
 * unmasks IRQ 0 only and enables interrupts. A CPU exception ends the run: it prints a line and
 * exits 6 through isa-debug-exit.
 */
#include "clock.h"
#include "console.h"

#define PIT_HZ 1193182u                /* the 8254's input clock, 14.31818 MHz / 12 */
#define PIT_DIVISOR ((PIT_HZ + 500) / 1000)
#define IRQ_BASE 0x20
#define EXIT_EXCEPTION 6

static inline void outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

/* Milliseconds since clock_start(): the IRQ 0 handler adds one per tick. */
volatile uint32_t clock_ticks;

/* Flat 4 GiB code (0x08) and data (0x10) segments. */
static const uint64_t gdt[3] __attribute__((aligned(8))) = {
    0, 0x00cf9a000000ffffull, 0x00cf92000000ffffull,
};
static uint64_t idt[IRQ_BASE + 16] __attribute__((aligned(8)));

struct __attribute__((packed)) table_register {
    uint16_t limit;
    uint32_t base;
};

/* The handlers: IRQ 0 counts and sends the 8259A an EOI; the other IRQs are masked (a spurious
 * IRQ 7 needs no EOI), so they just return; an exception calls clock_exception. */
__asm__(".text\n"
        "clock_irq0:\n"
        "    push %eax\n"
        "    incl clock_ticks\n"
        "    mov $0x20, %al\n"
        "    outb %al, $0x20\n"
        "    pop %eax\n"
        "    iret\n"
        "clock_irq_other:\n"
        "    iret\n"
        "clock_fault:\n"
        "    call clock_exception\n");
extern char clock_irq0[], clock_irq_other[], clock_fault[];

void clock_exception(void) __attribute__((noreturn, used));
void clock_exception(void)
{
    console_puts("coremark: unexpected CPU exception\n");
    __asm__ volatile("outl %0, %1" : : "a"((uint32_t)EXIT_EXCEPTION), "Nd"((uint16_t)0xf4));
    for (;;)
        __asm__ volatile("cli; hlt");
}

/* A 32-bit interrupt gate (type 0xE, present, DPL 0) to handler in code segment 0x08. */
static uint64_t interrupt_gate(void *handler)
{
    uint32_t offset = (uint32_t)(uintptr_t)handler;
    return (uint64_t)((offset & 0xffff) | (0x08u << 16)) | (uint64_t)((offset & 0xffff0000u) | 0x8e00u) << 32;
}

static void load_tables(void)
{
    struct table_register gdtr = {sizeof gdt - 1, (uint32_t)(uintptr_t)gdt};
    __asm__ volatile("lgdt %0\n"
                     "ljmp $0x08, $1f\n"
                     "1: mov $0x10, %%ax\n"
                     "mov %%ax, %%ds\n"
                     "mov %%ax, %%es\n"
                     "mov %%ax, %%fs\n"
                     "mov %%ax, %%gs\n"
                     "mov %%ax, %%ss\n"
                     : : "m"(gdtr) : "eax", "memory");
    for (int v = 0; v < IRQ_BASE + 16; v++)
        idt[v] = interrupt_gate(v < IRQ_BASE ? clock_fault : v == IRQ_BASE ? clock_irq0 : clock_irq_other);
    struct table_register idtr = {sizeof idt - 1, (uint32_t)(uintptr_t)idt};
    __asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

/* 8259A initialisation as a PC OS does it: ICW1-ICW4, vectors IRQ_BASE.., then mask all but IRQ 0. */
static void init_pics(void)
{
    outb(0x20, 0x11);                  /* ICW1: edge, cascade, ICW4 follows */
    outb(0xa0, 0x11);
    outb(0x21, IRQ_BASE);              /* ICW2: vector base */
    outb(0xa1, IRQ_BASE + 8);
    outb(0x21, 0x04);                  /* ICW3: slave on IRQ 2 */
    outb(0xa1, 0x02);
    outb(0x21, 0x01);                  /* ICW4: 8086 mode */
    outb(0xa1, 0x01);
    outb(0x21, 0xfe);                  /* OCW1: IRQ 0 only */
    outb(0xa1, 0xff);
}

void clock_start(void)
{
    __asm__ volatile("cli");
    load_tables();
    init_pics();
    outb(0x43, 0x34);                  /* channel 0, lobyte/hibyte, mode 2 (rate generator), binary */
    outb(0x40, PIT_DIVISOR & 0xff);
    outb(0x40, PIT_DIVISOR >> 8);
    clock_ticks = 0;
    __asm__ volatile("sti");
}

uint32_t clock_ms(void)
{
    return clock_ticks;
}
