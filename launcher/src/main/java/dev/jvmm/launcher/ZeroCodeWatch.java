package dev.jvmm.launcher;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.PageWalk;
import dev.jvmm.core.memory.GuestMemory;

/**
 * Notices a run without {@code --timeout} that has gone into memory holding nothing but zeros (issue 20,
 * defect 4): {@code 00 00} is {@code add [bx+si], al}, so such a guest runs for ever and prints nothing,
 * which looks like a hang. Sampled every {@link #PERIOD_MILLIS} from the run loop; when
 * {@link #SAMPLES} samples in a row find CS:RIP in zero bytes, jvmm says so once, and the guest runs on
 * (it may be what was meant). With paging on, the bytes are found through the guest's page tables;
 * an unmapped byte is not zero (fetching it faults, which is no silent loop).
 */
final class ZeroCodeWatch {
    static final long PERIOD_MILLIS = 5000;
    static final int SAMPLES = 2;
    /** How many bytes at CS:RIP must be zero. */
    private static final int WINDOW = 16;

    private int inZeros;
    private boolean told;

    /** The note to print, once, or null. */
    String sample(CpuState s, GuestMemory memory) {
        if (told) return null;
        long linear = s.seg[CpuState.CS].base() + s.rip;
        boolean zeros = allZero(s, memory, linear);
        inZeros = zeros ? inZeros + 1 : 0;
        if (inZeros < SAMPLES) return null;
        told = true;
        return String.format("note: for %d s the guest has been executing zero bytes (00 00 is add [bx+si],al), now at %04x:%x;"
                + " it will not stop by itself: is the image the one you meant? (Ctrl-A x or --timeout ends a run)",
                SAMPLES * PERIOD_MILLIS / 1000, s.seg[CpuState.CS].selector(), s.rip);
    }

    /** Whether the {@link #WINDOW} bytes from this linear address are RAM holding zeros. */
    private static boolean allZero(CpuState s, GuestMemory memory, long linear) {
        for (int i = 0; i < WINDOW; i++) {
            long physical = PageWalk.toPhysical(s, memory, linear + i);
            if (physical == PageWalk.NOT_MAPPED || !memory.isRam(physical, 1) || memory.read8(physical) != 0) return false;
        }
        return true;
    }
}
