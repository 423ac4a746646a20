package dev.jvmm.devices.pc;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.devices.pic.PicPair;
import dev.jvmm.devices.pit.Pit8254;

/**
 * What a PC BIOS leaves behind for the code it boots, for guests QEMU starts through its BIOS (a boot
 * sector, a multiboot kernel through QEMU's option ROM): jvmm has no BIOS, so this sets up the part of
 * SeaBIOS's hand-off state such guests rely on, as SeaBIOS does it ({@code src/hw/pic.c},
 * {@code src/hw/timer.c}, {@code src/post.c}):
 * <ul>
 *   <li>the 8259A pair initialised (ICW1 edge, cascade; vectors 0x08-0x0F and 0x70-0x77; 8086 mode),
 *       everything masked except IRQ0 and the cascade IRQ2;</li>
 *   <li>the PIT's channel 0 as a square wave of count 65536: IRQ0 at 18.2 Hz;</li>
 *   <li>a real-mode interrupt vector table: IRQ0 (vector 8) counts ticks in the BIOS data area
 *       (0040:006C, a 32-bit count) and sends an EOI; the other IRQ vectors (9-0x0F, 0x70-0x77) send
 *       the EOIs their IRQ needs; every other vector is a lone IRET. The handlers are a few bytes of
 *       code at {@link #HANDLERS} in the BIOS area;</li>
 *   <li>the BIOS data area's COM1/COM2 base ports and its conventional-memory size (639 KiB).</li>
 * </ul>
 * Real-mode code that enables interrupts and halts is therefore woken by the timer, as under QEMU
 * (kvm-unit-tests' {@code realmode} does {@code sti; hlt}). Not done: BIOS services (INT 10h, 13h,
 * 15h, 16h ...: their vectors only return), the tick count's midnight roll-over, the keyboard buffer,
 * the RTC and keyboard IRQs SeaBIOS also unmasks.
 */
public final class BiosHandoff {
    /** Where the interrupt handlers go: F000:E000, above the ACPI tables in the BIOS area. */
    public static final long HANDLERS = 0xFE000;
    static final int BIOS_SEGMENT = 0xF000;
    /** BIOS data area fields (segment 0x40). */
    static final long BDA_COM1 = 0x400, BDA_COM2 = 0x402, BDA_MEMORY_KIB = 0x413, BDA_TICKS = 0x46C;
    static final int MASTER_VECTORS = 0x08, SLAVE_VECTORS = 0x70;

    // The handlers, 16-bit code (offsets from HANDLERS).
    private static final byte[] IRET = {(byte) 0xCF};
    private static final byte[] TIMER = bytes(
            0x1E,                   // push ds
            0x50,                   // push ax
            0x31, 0xC0,             // xor ax, ax
            0x8E, 0xD8,             // mov ds, ax
            0xFF, 0x06, 0x6C, 0x04, // inc word [0x46c]
            0x75, 0x04,             // jnz +4
            0xFF, 0x06, 0x6E, 0x04, // inc word [0x46e]
            0xB0, 0x20,             // mov al, 0x20 (non-specific EOI)
            0xE6, 0x20,             // out 0x20, al
            0x58,                   // pop ax
            0x1F,                   // pop ds
            0xCF);                  // iret
    private static final byte[] MASTER_EOI = bytes(
            0x50, 0xB0, 0x20, 0xE6, 0x20, 0x58, 0xCF); // push ax; mov al, 0x20; out 0x20, al; pop ax; iret
    private static final byte[] SLAVE_EOI = bytes(
            0x50, 0xB0, 0x20, 0xE6, 0xA0, 0xE6, 0x20, 0x58, 0xCF); // ... out 0xa0, al; out 0x20, al ...
    static final int IRET_OFFSET = 0, TIMER_OFFSET = 0x10, MASTER_EOI_OFFSET = 0x30, SLAVE_EOI_OFFSET = 0x40;

    private BiosHandoff() {}

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int k = 0; k < values.length; k++) b[k] = (byte) values[k];
        return b;
    }

    /** Programs the PIC pair and the PIT through {@code ports} and writes the IVT, BDA and handlers into {@code memory}. */
    public static void apply(PortBus ports, GuestMemory memory) {
        long base = HANDLERS - (long) BIOS_SEGMENT * 16;
        memory.writeBytes(HANDLERS + IRET_OFFSET, IRET, 0, IRET.length);
        memory.writeBytes(HANDLERS + TIMER_OFFSET, TIMER, 0, TIMER.length);
        memory.writeBytes(HANDLERS + MASTER_EOI_OFFSET, MASTER_EOI, 0, MASTER_EOI.length);
        memory.writeBytes(HANDLERS + SLAVE_EOI_OFFSET, SLAVE_EOI, 0, SLAVE_EOI.length);
        for (int v = 0; v < 256; v++) {
            int offset = v == MASTER_VECTORS ? TIMER_OFFSET
                    : v > MASTER_VECTORS && v < MASTER_VECTORS + 8 ? MASTER_EOI_OFFSET
                    : v >= SLAVE_VECTORS && v < SLAVE_VECTORS + 8 ? SLAVE_EOI_OFFSET : IRET_OFFSET;
            memory.write32(4L * v, BIOS_SEGMENT << 16 | (int) (base + offset));
        }
        memory.write16(BDA_COM1, 0x3F8);
        memory.write16(BDA_COM2, 0x2F8);
        memory.write16(BDA_MEMORY_KIB, 639);
        memory.write32(BDA_TICKS, 0);

        int master = PicPair.MASTER_PORT, slave = PicPair.SLAVE_PORT;
        ports.write(master, 1, 0x11);              // ICW1: edge, cascade, ICW4 follows
        ports.write(slave, 1, 0x11);
        ports.write(master + 1, 1, MASTER_VECTORS); // ICW2: vector base
        ports.write(slave + 1, 1, SLAVE_VECTORS);
        ports.write(master + 1, 1, 1 << 2);         // ICW3: the slave on IR2
        ports.write(slave + 1, 1, 2);               // ICW3: the slave's cascade identity
        ports.write(master + 1, 1, 0x01);           // ICW4: 8086 mode
        ports.write(slave + 1, 1, 0x01);
        ports.write(master + 1, 1, ~0b101 & 0xFF);  // OCW1: IRQ0 and the cascade unmasked
        ports.write(slave + 1, 1, 0xFF);

        ports.write(Pit8254.BASE_PORT + 3, 1, 0x36); // channel 0, low then high byte, mode 3, binary
        ports.write(Pit8254.BASE_PORT, 1, 0);        // count 0 = 65536: 1193182 Hz / 65536 = 18.2 Hz
        ports.write(Pit8254.BASE_PORT, 1, 0);
    }
}
