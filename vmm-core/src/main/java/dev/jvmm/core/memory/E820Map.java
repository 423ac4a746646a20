package dev.jvmm.core.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * The PC's physical memory map as the BIOS call INT 15h/E820 reports it: which ranges are RAM the OS
 * may use and which are reserved. It is the one description of guest RAM that every consumer shares:
 * the Linux zero page, the PVH start-info memory map, the multiboot memory map and the firmware's
 * {@code etc/e820} file.
 *
 * <p>{@link #forRam(long)} gives what a PC with jvmm's RAM layout reports (the same shape SeaBIOS gives
 * QEMU guests): conventional memory up to the extended BIOS data area, the BIOS area
 * 0xE0000-0xFFFFF reserved (ACPI's RSDP is searched for there), the VGA/option-ROM window
 * 0xA0000-0xDFFFF left out as a hole, and RAM from 1 MiB to the end. {@link #reserve} carves ranges
 * out of RAM for tables a device places there (ACPI tables, for instance). Entries are kept sorted
 * and never overlap.
 */
public final class E820Map {
    /** Entry types (ACPI 6.5, table 15.1 "Address Range Types"). */
    public static final int RAM = 1, RESERVED = 2, ACPI_RECLAIMABLE = 3, ACPI_NVS = 4;

    /** Where conventional memory ends: the EBDA occupies the last KiB below 640 KiB. */
    public static final long EBDA = 0x9FC00;
    /** The VGA window and option ROMs: not listed at all (a hole). */
    public static final long VGA_HOLE = 0xA0000;
    /** The system BIOS area, 0xE0000-0xFFFFF, reserved. */
    public static final long BIOS_AREA = 0xE0000;
    public static final long ONE_MIB = 0x100000;

    /** One range: {@code [base, base + length)} of {@code type}. */
    public record Entry(long base, long length, int type) {
        public long end() {
            return base + length;
        }
    }

    private final List<Entry> entries;

    private E820Map(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The map of a PC with {@code ramSize} bytes of RAM starting at address 0 (at least 1 MiB). */
    public static E820Map forRam(long ramSize) {
        if (ramSize <= ONE_MIB) throw new IllegalArgumentException("the PC memory map needs more than 1 MiB of RAM");
        return new E820Map(List.of(
                new Entry(0, EBDA, RAM),
                new Entry(EBDA, VGA_HOLE - EBDA, RESERVED),
                new Entry(BIOS_AREA, ONE_MIB - BIOS_AREA, RESERVED),
                new Entry(ONE_MIB, ramSize - ONE_MIB, RAM)));
    }

    /** This map with {@code [base, base + length)} marked {@code type}, split out of whatever it overlapped. */
    public E820Map reserve(long base, long length, int type) {
        if (length <= 0 || base < 0) throw new IllegalArgumentException("empty or negative e820 range");
        if (type == RAM) throw new IllegalArgumentException("reserve() marks ranges as not RAM");
        long end = base + length;
        List<Entry> out = new ArrayList<>();
        boolean placed = false;
        for (Entry e : entries) {
            if (e.end() <= base || e.base() >= end) {
                if (!placed && e.base() >= end) {
                    out.add(new Entry(base, length, type));
                    placed = true;
                }
                out.add(e);
                continue;
            }
            if (e.base() < base) out.add(new Entry(e.base(), base - e.base(), e.type()));
            if (!placed) {
                out.add(new Entry(base, length, type));
                placed = true;
            }
            if (e.end() > end) out.add(new Entry(end, e.end() - end, e.type()));
        }
        if (!placed) out.add(new Entry(base, length, type));
        return new E820Map(out);
    }

    /** The entries in address order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The highest address {@code a} such that {@code [a - length, a)} lies in one RAM entry, does not reach
     * above {@code limit} and does not start below {@code floor}; -1 if there is none.
     */
    public long highestRamEnd(long length, long floor, long limit) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.type() != RAM) continue;
            long top = Math.min(e.end(), limit);
            long bottom = Math.max(e.base(), floor);
            if (top - bottom >= length) return top;
        }
        return -1;
    }

    /** Bytes of RAM the map lists. */
    public long ramBytes() {
        long sum = 0;
        for (Entry e : entries) if (e.type() == RAM) sum += e.length();
        return sum;
    }

    /** Whether {@code [base, base + length)} lies inside one RAM entry. */
    public boolean isRam(long base, long length) {
        for (Entry e : entries) {
            if (e.type() == RAM && base >= e.base() && base + length <= e.end()) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            String kind = switch (e.type()) {
                case RAM -> "RAM";
                case RESERVED -> "reserved";
                case ACPI_RECLAIMABLE -> "ACPI data";
                case ACPI_NVS -> "ACPI NVS";
                default -> "type " + e.type();
            };
            sb.append(String.format("%s[0x%x-0x%x] %s", sb.isEmpty() ? "" : ", ", e.base(), e.end() - 1, kind));
        }
        return sb.toString();
    }
}
