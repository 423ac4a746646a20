package dev.jvmm.launcher;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.PageWalk;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Notices a run without {@code --timeout} that has gone where there is no program (issue 20, defect 4),
 * which looks like a hang: it prints nothing and will never stop by itself.
 * <ul>
 *   <li>memory holding nothing but zeros: {@code 00 00} is {@code add [bx+si], al}, so the guest
 *       walks on through it for ever;</li>
 *   <li>an address no RAM, ROM or device claims: it reads as all ones, {@code FF FF} is #UD, and a
 *       guest whose handler is there too (or whose IDT points back there) faults on the same bytes
 *       for ever.</li>
 * </ul>
 * Sampled every {@link #PERIOD_MILLIS} from the run loop; when {@link #SAMPLES} samples in a row find
 * CS:RIP in one of them, jvmm says so once, and the guest runs on (it may be what was meant). With
 * paging on, the bytes are found through the guest's page tables; an unmapped byte is neither (fetching
 * it faults, which is no silent loop by itself).
 */
final class RunawayCodeWatch {
    static final long PERIOD_MILLIS = 5000;
    static final int SAMPLES = 2;
    /** How many bytes at CS:RIP must be zero. */
    private static final int WINDOW = 16;

    private enum Place { CODE, ZEROS, UNCLAIMED }

    private Place last = Place.CODE;
    private int inRow;
    private boolean told;

    /** The note to print, once, or null. */
    String sample(CpuState s, GuestMemory memory) {
        if (told) return null;
        long linear = s.seg[CpuState.CS].base() + s.rip;
        Place place = placeOf(s, memory, linear);
        inRow = place == Place.CODE || place != last ? 1 : inRow + 1;
        last = place;
        if (place == Place.CODE || inRow < SAMPLES) return null;
        told = true;
        String where = String.format("now at %04x:%x", s.seg[CpuState.CS].selector(), s.rip);
        String what = place == Place.ZEROS
                ? "executing zero bytes (00 00 is add [bx+si],al), " + where
                : String.format("executing at physical address 0x%x, where no RAM, ROM or device is (it reads as all ones,"
                        + " FF FF is an invalid opcode), %s", PageWalk.toPhysical(s, memory, linear), where);
        return String.format("note: for %d s the guest has been %s; it will not stop by itself:"
                + " is the image the one you meant? (Ctrl-A x or --timeout ends a run)", SAMPLES * PERIOD_MILLIS / 1000, what);
    }

    private static Place placeOf(CpuState s, GuestMemory memory, long linear) {
        long first = PageWalk.toPhysical(s, memory, linear);
        if (first != PageWalk.NOT_MAPPED && !memory.isClaimed(first)) return Place.UNCLAIMED;
        for (int i = 0; i < WINDOW; i++) {
            long physical = PageWalk.toPhysical(s, memory, linear + i);
            if (physical == PageWalk.NOT_MAPPED || !memory.isRam(physical, 1) || memory.read8(physical) != 0) return Place.CODE;
        }
        return Place.ZEROS;
    }
}
