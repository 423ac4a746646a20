package dev.jvmm.core.memory;

import dev.jvmm.core.bus.MmioBus;
import dev.jvmm.core.bus.MmioDevice;
import dev.jvmm.core.sys.NativeMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Guest physical memory: RAM as one mmap'd {@link MemorySegment} (the same bytes /dev/kvm maps),
 * plus ROM windows and MMIO holes, with the A20 gate.
 *
 * <h2>Physical map</h2>
 * RAM occupies {@code [0, ramSize)}. Inside it, pages can be turned into MMIO holes (their accesses
 * go to the {@link MmioBus}) or marked as holding translated code (writes notify the
 * {@link CodeWriteListener}). Above RAM, ROM windows and MMIO devices may be placed; any other
 * physical address reads as all ones and ignores writes, as an unclaimed bus cycle does on a PC.
 * No guest address ever reaches host memory outside the RAM mapping: every access is range-checked.
 *
 * <h2>Fast path</h2>
 * An access that stays inside one ordinary RAM page is one bounds check, one table load and one
 * segment access; everything else (page-crossing, MMIO, ROM, code pages, beyond RAM) takes the
 * byte-wise slow path.
 *
 * <h2>A20</h2>
 * With the A20 gate off (as after reset), physical address bit 20 is forced to zero, so real-mode
 * {@code FFFF:0010} wraps to 0 as on an 8086. jvmm starts guests with A20 on, as QEMU does for a
 * {@code -kernel} boot; the i8042 and port 0x92 models switch it.
 */
public final class GuestMemory implements AutoCloseable {
    public static final long PAGE_SIZE = 4096;
    /** Smallest RAM jvmm accepts: room for a real-mode guest, its stack and the boot structures. */
    public static final long MIN_RAM = 2L << 20;
    /** Largest RAM: RAM is one contiguous block below the 32-bit PCI/APIC hole at 0xC0000000. */
    public static final long MAX_RAM = 3L << 30;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Page kinds; reads are fast for kind <= CODE, writes only for kind == RAM. */
    static final byte RAM = 0, CODE = 1, MMIO = 2;

    private record Rom(long base, MemorySegment bytes) {}

    private final MemorySegment ram;
    private final long ramSize;
    private final byte[] pageKinds;
    /** RAM below this address holds no MMIO page ({@link #plainRamEnd}). */
    private long plainRamEnd;
    private final MmioBus mmio = new MmioBus();
    private final List<Rom> roms = new ArrayList<>();
    private long a20Mask = -1L;
    /** Who hears writes to code pages: one translation cache per vCPU (copy-on-write: read on every such write). */
    private volatile CodeWriteListener[] codeWriteListeners = {};
    /** Held by the atomic operations the segment cannot do in one instruction (see {@link #compareAndExchange}). */
    private final Object splitLock = new Object();
    private final java.util.concurrent.atomic.AtomicInteger codePagesMarked = new java.util.concurrent.atomic.AtomicInteger();
    private boolean closed;

    private final Arena arena;

    private GuestMemory(Arena arena, MemorySegment ram) {
        this.arena = arena;
        this.ram = ram;
        this.ramSize = ram.byteSize();
        this.pageKinds = new byte[(int) (ramSize / PAGE_SIZE)];
        this.plainRamEnd = ramSize;
    }

    /** Maps {@code ramBytes} of zeroed guest RAM; the size must be a multiple of 4 KiB within [MIN_RAM, MAX_RAM]. */
    public static GuestMemory create(long ramBytes) {
        if (ramBytes < MIN_RAM || ramBytes > MAX_RAM) {
            throw new MemoryConfigException(String.format("guest RAM must be between %d MiB and %d MiB, not %s",
                    MIN_RAM >> 20, MAX_RAM >> 20, describeSize(ramBytes)));
        }
        if (ramBytes % PAGE_SIZE != 0) {
            throw new MemoryConfigException("guest RAM must be a multiple of 4 KiB, not " + ramBytes + " bytes");
        }
        Arena arena = Arena.ofShared();
        return new GuestMemory(arena, NativeMemory.mapAnonymous(ramBytes, arena));
    }

    /** A size for a message, exactly: "3 GiB", "128 MiB", "3145729 KiB", "1000 bytes". */
    public static String describeSize(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB"};
        int u = 0;
        while (u < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            u++;
        }
        return bytes + " " + units[u];
    }

    /** The RAM mapping itself, for /dev/kvm and bulk copies. Offsets are guest physical addresses. */
    public MemorySegment ram() {
        return ram;
    }

    public long ramSize() {
        return ramSize;
    }

    public MmioBus mmio() {
        return mmio;
    }

    // ---- layout -------------------------------------------------------------------------------

    /** Places an MMIO device at {@code [base, base + length)}; pages inside RAM become holes. */
    public void mapMmio(long base, long length, MmioDevice device) {
        if ((base | length) % PAGE_SIZE != 0) {
            throw new MemoryConfigException(String.format("MMIO window 0x%x+0x%x is not page aligned", base, length));
        }
        for (Rom rom : roms) {
            if (base < rom.base + rom.bytes.byteSize() && rom.base < base + length) {
                throw new MemoryConfigException(String.format("MMIO window 0x%x overlaps a ROM at 0x%x", base, rom.base));
            }
        }
        for (byte kind : pageKinds) {
            if (kind == CODE) throw new IllegalStateException("MMIO windows must be mapped before guest code is translated");
        }
        mmio.register(base, length, device);
        if (base < plainRamEnd) plainRamEnd = base;
        for (long pa = base; pa < base + length && pa < ramSize; pa += PAGE_SIZE) {
            pageKinds[(int) (pa / PAGE_SIZE)] = MMIO;
        }
    }

    /**
     * Moves the MMIO window that starts at {@code oldBase} to {@code newBase} (a relocatable register
     * page: the local APIC's IA32_APIC_BASE). Both places must lie above RAM, where no page kinds change;
     * false (and nothing moved) if that does not hold or the new place is taken.
     */
    public synchronized boolean moveMmio(long oldBase, long newBase) {
        long length = mmio.lengthAt(oldBase);
        if (length == 0 || newBase % PAGE_SIZE != 0 || oldBase < ramSize || newBase < ramSize) return false;
        if (newBase == oldBase) return true;
        for (Rom rom : roms) {
            if (newBase < rom.base + rom.bytes.byteSize() && rom.base < newBase + length) return false;
        }
        MmioDevice device = mmio.unregister(oldBase);
        try {
            mmio.register(newBase, length, device);
            return true;
        } catch (dev.jvmm.core.bus.BusRangeException e) {
            mmio.register(oldBase, length, device);
            return false;
        }
    }

    /** Places a read-only image above RAM (writes to it are ignored, as with a real ROM). */
    public void mapRom(long base, byte[] image) {
        if (base < ramSize) {
            throw new MemoryConfigException(String.format("ROM at 0x%x would shadow RAM (RAM ends at 0x%x)", base, ramSize));
        }
        for (Rom rom : roms) {
            if (base < rom.base + rom.bytes.byteSize() && rom.base < base + image.length) {
                throw new MemoryConfigException(String.format("ROM at 0x%x overlaps the ROM at 0x%x", base, rom.base));
            }
        }
        if (mmio.claims(base) || mmio.claims(base + image.length - 1)) {
            throw new MemoryConfigException(String.format("ROM at 0x%x overlaps an MMIO window", base));
        }
        roms.add(new Rom(base, MemorySegment.ofArray(image.clone())));
    }

    /** Switches the A20 gate (i8042 output port bit 1, port 0x92 bit 1). */
    public void setA20Enabled(boolean enabled) {
        a20Mask = enabled ? -1L : ~(1L << 20);
    }

    public boolean a20Enabled() {
        return a20Mask == -1L;
    }

    /** The mask every physical address is ANDed with; engines that inline memory access use it too. */
    public long a20Mask() {
        return a20Mask;
    }

    /** True if {@code [pa, pa + length)} is ordinary RAM (not an MMIO hole): where loaders may put bytes. */
    public boolean isRam(long pa, long length) {
        if (pa < 0 || length < 0 || pa + length > ramSize || pa + length < pa) return false;
        for (long p = pa / PAGE_SIZE; p * PAGE_SIZE < pa + length; p++) {
            if (pageKinds[(int) p] == MMIO) return false;
        }
        return true;
    }

    /** True if RAM, ROM or an MMIO device answers at {@code pa}; any other address reads as all ones. */
    public boolean isClaimed(long pa) {
        if (pa < 0) return false;
        if (pa < ramSize && pageKinds[(int) (pa >>> 12)] != MMIO) return true;
        return inRom(pa) || mmio.claims(pa);
    }

    /**
     * Where the first MMIO page inside RAM begins, or the RAM size if there is none: every page
     * below is RAM or code, so a read there needs no device lookup. The translator builds this
     * bound into units (which is why MMIO windows must be mapped before code is translated).
     */
    public long plainRamEnd() {
        return plainRamEnd;
    }

    // ---- translated-code tracking (self-modifying code) -----------------------------------------

    /** Makes {@code listener} the only one told about writes to code pages. */
    public synchronized void setCodeWriteListener(CodeWriteListener listener) {
        codeWriteListeners = new CodeWriteListener[] {listener};
    }

    /** Adds a listener told about writes to code pages (each vCPU's translation cache adds its own). */
    public synchronized void addCodeWriteListener(CodeWriteListener listener) {
        CodeWriteListener[] old = codeWriteListeners;
        CodeWriteListener[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = listener;
        codeWriteListeners = grown;
    }

    private void codeWritten(long pa, int size) {
        for (CodeWriteListener l : codeWriteListeners) l.codeWritten(pa, size);
    }

    /** Marks the RAM page holding {@code pa} as containing translated code: its writes take the slow path. */
    public void markCodePage(long pa) {
        if (pa >= 0 && pa < ramSize && pageKinds[(int) (pa / PAGE_SIZE)] == RAM) {
            pageKinds[(int) (pa / PAGE_SIZE)] = CODE;
            codePagesMarked.incrementAndGet();
        }
    }

    /**
     * Counts {@link #markCodePage} changes: a vCPU whose soft TLB may map a page for fast writes drops
     * those entries when another vCPU's translator marks a page (the count is read with a volatile read,
     * so the vCPU also sees the new mark).
     */
    public int codePagesMarked() {
        return codePagesMarked.get();
    }

    /** Undoes {@link #markCodePage} once the page's translations are gone. */
    public void unmarkCodePage(long pa) {
        if (pa >= 0 && pa < ramSize && pageKinds[(int) (pa / PAGE_SIZE)] == CODE) {
            pageKinds[(int) (pa / PAGE_SIZE)] = RAM;
        }
    }

    public boolean isCodePage(long pa) {
        return pa >= 0 && pa < ramSize && pageKinds[(int) (pa / PAGE_SIZE)] == CODE;
    }

    // ---- accesses -----------------------------------------------------------------------------

    private boolean fastRead(long pa, int size) {
        return pa >= 0 && pa <= ramSize - size && (pa & (PAGE_SIZE - 1)) <= PAGE_SIZE - size
                && pageKinds[(int) (pa >>> 12)] <= CODE;
    }

    private boolean fastWrite(long pa, int size) {
        return pa >= 0 && pa <= ramSize - size && (pa & (PAGE_SIZE - 1)) <= PAGE_SIZE - size
                && pageKinds[(int) (pa >>> 12)] == RAM;
    }

    public int read8(long pa) {
        pa &= a20Mask;
        if (fastRead(pa, 1)) return ram.get(ValueLayout.JAVA_BYTE, pa) & 0xFF;
        return (int) slowRead(pa, 1);
    }

    public int read16(long pa) {
        pa &= a20Mask;
        if (fastRead(pa, 2)) return ram.get(U16, pa) & 0xFFFF;
        return (int) slowRead(pa, 2);
    }

    public int read32(long pa) {
        pa &= a20Mask;
        if (fastRead(pa, 4)) return ram.get(U32, pa);
        return (int) slowRead(pa, 4);
    }

    public long read64(long pa) {
        pa &= a20Mask;
        if (fastRead(pa, 8)) return ram.get(U64, pa);
        return slowRead(pa, 8);
    }

    public void write8(long pa, int value) {
        pa &= a20Mask;
        if (fastWrite(pa, 1)) ram.set(ValueLayout.JAVA_BYTE, pa, (byte) value);
        else slowWrite(pa, 1, value);
    }

    public void write16(long pa, int value) {
        pa &= a20Mask;
        if (fastWrite(pa, 2)) ram.set(U16, pa, (short) value);
        else slowWrite(pa, 2, value);
    }

    public void write32(long pa, int value) {
        pa &= a20Mask;
        if (fastWrite(pa, 4)) ram.set(U32, pa, value);
        else slowWrite(pa, 4, value);
    }

    public void write64(long pa, long value) {
        pa &= a20Mask;
        if (fastWrite(pa, 8)) ram.set(U64, pa, value);
        else slowWrite(pa, 8, value);
    }

    /** Reads {@code size} (1, 2, 4, 8) bytes, zero-extended. */
    public long read(long pa, int size) {
        return switch (size) {
            case 1 -> read8(pa);
            case 2 -> read16(pa);
            case 4 -> read32(pa) & 0xFFFF_FFFFL;
            case 8 -> read64(pa);
            default -> throw new IllegalArgumentException("access size " + size);
        };
    }

    public void write(long pa, int size, long value) {
        switch (size) {
            case 1 -> write8(pa, (int) value);
            case 2 -> write16(pa, (int) value);
            case 4 -> write32(pa, (int) value);
            case 8 -> write64(pa, value);
            default -> throw new IllegalArgumentException("access size " + size);
        }
    }

    // ---- atomic operations (LOCK-prefixed instructions, XCHG with memory) ---------------------------

    private static final java.lang.invoke.VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();

    /**
     * Atomically: if the {@code size} (1, 2, 4, 8) bytes at {@code pa} hold {@code expected}, replaces them
     * with {@code value}; returns what they held (equal to {@code expected} if and only if it wrote). In RAM,
     * an operand inside one aligned 8-byte word is a compare-and-set of that word on the segment, atomic
     * against every other vCPU's accesses; one that crosses a word (a split lock) or is not in RAM (MMIO,
     * ROM) is read and written holding a lock, so atomic only against other atomic operations. A changed
     * code page is reported as a write is.
     */
    public long compareAndExchange(long pa, int size, long expected, long value) {
        pa &= a20Mask;
        long mask = size == 8 ? -1L : (1L << (size * 8)) - 1;
        expected &= mask;
        value &= mask;
        long word = pa & ~7L;
        if (pa >= 0 && pa <= ramSize - size && (pa & 7) + size <= 8 && pageKinds[(int) (pa >>> 12)] <= CODE) {
            int shift = (int) (pa & 7) * 8;
            while (true) {
                long w = (long) WORD.getVolatile(ram, word);
                long old = (w >>> shift) & mask;
                if (old != expected) return old;
                long updated = size == 8 ? value : (w & ~(mask << shift)) | (value << shift);
                if (WORD.compareAndSet(ram, word, w, updated)) {
                    if (old != value && pageKinds[(int) (pa >>> 12)] == CODE) codeWritten(pa, size);
                    return old;
                }
            }
        }
        synchronized (splitLock) {
            long old = read(pa, size);
            if (old == expected) write(pa, size, value);
            return old;
        }
    }

    /** Copies guest bytes out (through the same map as the CPU: holes read as all ones). */
    public void readBytes(long pa, byte[] dst, int offset, int length) {
        for (int i = 0; i < length; i++) dst[offset + i] = (byte) read8(pa + i);
    }

    /** Copies bytes into guest memory as the CPU would write them. */
    public void writeBytes(long pa, byte[] src, int offset, int length) {
        if (isRam(pa & a20Mask, length) && a20Mask == -1L) {
            boolean code = false;
            for (long p = pa / PAGE_SIZE; p * PAGE_SIZE < pa + length; p++) code |= pageKinds[(int) p] == CODE;
            MemorySegment.copy(src, offset, ram, ValueLayout.JAVA_BYTE, pa, length);
            if (code) codeWritten(pa, length);
            return;
        }
        for (int i = 0; i < length; i++) write8(pa + i, src[offset + i]);
    }

    /** An access within one page that an MMIO device takes whole (a register access is not split into bytes). */
    private boolean wholeMmioAccess(long pa, int size) {
        if (pa < 0 || (pa & (PAGE_SIZE - 1)) > PAGE_SIZE - size) return false;
        if (pa < ramSize) return pageKinds[(int) (pa >>> 12)] == MMIO;
        return mmio.claims(pa) && !inRom(pa);
    }

    private boolean inRom(long pa) {
        for (Rom rom : roms) {
            if (pa - rom.base >= 0 && pa - rom.base < rom.bytes.byteSize()) return true;
        }
        return false;
    }

    private long slowRead(long pa, int size) {
        if (wholeMmioAccess(pa, size)) return mmio.read(pa, size);
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) readByteSlow((pa + i) & a20Mask) << (8 * i);
        }
        return value;
    }

    private int readByteSlow(long pa) {
        if (pa >= 0 && pa < ramSize) {
            if (pageKinds[(int) (pa >>> 12)] == MMIO) return (int) mmio.read(pa, 1) & 0xFF;
            return ram.get(ValueLayout.JAVA_BYTE, pa) & 0xFF;
        }
        for (Rom rom : roms) {
            long off = pa - rom.base;
            if (off >= 0 && off < rom.bytes.byteSize()) return rom.bytes.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
        }
        if (pa >= 0 && mmio.claims(pa)) return (int) mmio.read(pa, 1) & 0xFF;
        return 0xFF;
    }

    private void slowWrite(long pa, int size, long value) {
        if (wholeMmioAccess(pa, size)) {
            mmio.write(pa, size, value);
            return;
        }
        boolean touchedCode = false;
        for (int i = 0; i < size; i++) {
            touchedCode |= writeByteSlow((pa + i) & a20Mask, (int) (value >>> (8 * i)));
        }
        if (touchedCode) codeWritten(pa, size);
    }

    /** Writes one byte; returns true if it landed on a code page. */
    private boolean writeByteSlow(long pa, int value) {
        if (pa >= 0 && pa < ramSize) {
            byte kind = pageKinds[(int) (pa >>> 12)];
            if (kind == MMIO) {
                mmio.write(pa, 1, value & 0xFF);
                return false;
            }
            ram.set(ValueLayout.JAVA_BYTE, pa, (byte) value);
            return kind == CODE;
        }
        for (Rom rom : roms) {
            if (pa - rom.base >= 0 && pa - rom.base < rom.bytes.byteSize()) return false; // ROM ignores writes
        }
        if (pa >= 0 && mmio.claims(pa)) mmio.write(pa, 1, value & 0xFF);
        return false;
    }

    /** Unmaps guest RAM; later accesses throw {@link IllegalStateException}. Close a KVM VM using it first. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }
}
