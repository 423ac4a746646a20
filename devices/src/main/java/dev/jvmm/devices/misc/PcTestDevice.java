package dev.jvmm.devices.misc;

import dev.jvmm.core.bus.MmioDevice;
import dev.jvmm.core.bus.PortDevice;
import dev.jvmm.core.irq.GsiRouting;

/**
 * QEMU's {@code pc-testdev} ({@code hw/misc/pc-testdev.c}), which kvm-unit-tests use to poke the machine:
 * <ul>
 *   <li>ports 0xe0-0xe3: a 32-bit scratch register, any width at any byte offset;</li>
 *   <li>ports 0xe4-0xe7: "flush page" (a 32-bit write of an address; QEMU re-protects the host page to
 *       test KVM's MMU; nothing to do here);</li>
 *   <li>ports 0xe8-0xeb: the same scratch register, accessed a byte at a time;</li>
 *   <li>ports 0x2000-0x2017: one byte port per GSI 0-23; writing drives the line to {@code value != 0};</li>
 *   <li>MMIO 0xff000000-0xff00ffff: 64 KiB of memory-like storage ({@link #iomem()}).</li>
 * </ul>
 * Opt-in with {@code -device pc-testdev}, as in QEMU. Runs on the vCPU thread.
 */
public final class PcTestDevice {
    public static final int SCRATCH_PORT = 0xE0, PORT_COUNT = 12, IRQ_PORT = 0x2000, IRQ_PORT_COUNT = 24;
    public static final long IOMEM_BASE = 0xFF00_0000L, IOMEM_SIZE = 0x10000;

    private final GsiRouting gsis;
    private int scratch;
    private final byte[] iomemBytes = new byte[(int) IOMEM_SIZE];

    public PcTestDevice(GsiRouting gsis) {
        this.gsis = gsis;
    }

    /** Ports 0xe0-0xeb. */
    public PortDevice ports() {
        return new PortDevice() {
            @Override
            public int read(int offset, int size) {
                if (offset >= 4 && offset < 8) return 0;
                int shift = (offset & 3) * 8;
                return (int) ((scratch & 0xFFFF_FFFFL) >>> shift);
            }

            @Override
            public void write(int offset, int size, int value) {
                if (offset >= 4 && offset < 8) return; // flush page: no host page to re-protect
                int shift = (offset & 3) * 8;
                int bits = Math.min(size * 8, 32 - shift);
                long mask = ((1L << bits) - 1) << shift;
                scratch = (int) ((scratch & ~mask) | (((long) value << shift) & mask));
            }

            @Override
            public String name() {
                return "pc-testdev";
            }
        };
    }

    /** Ports 0x2000-0x2017: GSI n's level. */
    public PortDevice irqPorts() {
        return new PortDevice() {
            @Override
            public int read(int offset, int size) {
                return -1; // write-only: reads float high
            }

            @Override
            public void write(int offset, int size, int value) {
                if (offset < gsis.count()) gsis.line(offset).set((value & 0xFF) != 0);
            }

            @Override
            public String name() {
                return "pc-testdev-irq";
            }
        };
    }

    /** The 64 KiB MMIO window at {@link #IOMEM_BASE}. */
    public MmioDevice iomem() {
        return new MmioDevice() {
            @Override
            public long read(long offset, int size) {
                long v = 0;
                for (int i = 0; i < size && offset + i < IOMEM_SIZE; i++) {
                    v |= (iomemBytes[(int) offset + i] & 0xFFL) << (8 * i);
                }
                return v;
            }

            @Override
            public void write(long offset, int size, long value) {
                for (int i = 0; i < size && offset + i < IOMEM_SIZE; i++) {
                    iomemBytes[(int) offset + i] = (byte) (value >>> (8 * i));
                }
            }

            @Override
            public String name() {
                return "pc-testdev-iomem";
            }
        };
    }
}
