package dev.jvmm.kvm;

import dev.jvmm.core.memory.GuestMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * How guest RAM is cut into KVM memory slots. KVM must not back the pages GuestMemory treats as
 * MMIO holes (a guest access there has to exit to the device model), so RAM is mapped as one slot
 * per run of ordinary pages: slot 0 is the whole of RAM when there is no hole.
 */
public final class RamSlots {
    /** One KVM memory slot: guest physical {@code [start, start + size)}, backed by RAM at the same offset. */
    public record Slot(int number, long start, long size) {}

    private RamSlots() {}

    public static List<Slot> of(GuestMemory memory) {
        List<Slot> slots = new ArrayList<>();
        long ramSize = memory.ramSize();
        if (memory.isRam(0, ramSize)) {
            slots.add(new Slot(0, 0, ramSize));
            return slots;
        }
        long runStart = -1;
        for (long pa = 0; pa <= ramSize; pa += GuestMemory.PAGE_SIZE) {
            boolean ram = pa < ramSize && memory.isRam(pa, GuestMemory.PAGE_SIZE);
            if (ram && runStart < 0) runStart = pa;
            if (!ram && runStart >= 0) {
                slots.add(new Slot(slots.size(), runStart, pa - runStart));
                runStart = -1;
            }
        }
        return slots;
    }
}
