package dev.jvmm.launcher.gdb;

import dev.jvmm.core.engine.DebugWatchpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * gdb's watchpoints as x86 debug registers: each watched range becomes the aligned 1-, 2-, 4- or
 * 8-byte pieces DR0-DR3 can hold (SDM vol. 3, 18.2.5), in order, so slot numbers map back to the
 * watchpoint that owns them. Write watchpoints watch writes; read and access ones reads and writes.
 */
final class DebugRegisterWatch {
    private static final int REGISTERS = 4;

    private DebugRegisterWatch() {}

    static boolean fits(List<GdbSession.Watchpoint> watchpoints) {
        int n = 0;
        for (GdbSession.Watchpoint w : watchpoints) n += pieces(w).size();
        return n <= REGISTERS;
    }

    static List<DebugWatchpoint> slots(List<GdbSession.Watchpoint> watchpoints) {
        List<DebugWatchpoint> all = new ArrayList<>();
        for (GdbSession.Watchpoint w : watchpoints) all.addAll(pieces(w));
        return all;
    }

    /** The DR6 bits (B0-B3) that belong to watchpoint {@code index} of {@code watchpoints}. */
    static int slotMask(List<GdbSession.Watchpoint> watchpoints, int index) {
        int first = 0;
        for (int i = 0; i < index; i++) first += pieces(watchpoints.get(i)).size();
        int count = pieces(watchpoints.get(index)).size();
        return ((1 << count) - 1) << first;
    }

    /** The largest aligned pieces, low address first, that cover the watched range. */
    static List<DebugWatchpoint> pieces(GdbSession.Watchpoint w) {
        List<DebugWatchpoint> out = new ArrayList<>();
        long at = w.address();
        long end = w.address() + w.length();
        boolean writesOnly = w.type() == GdbSession.Watchpoint.WRITE;
        while (at < end && out.size() <= REGISTERS) {
            int size = 8;
            while (size > 1 && ((at & (size - 1)) != 0 || at + size > end)) size >>= 1;
            out.add(new DebugWatchpoint(at, size, writesOnly));
            at += size;
        }
        return out;
    }
}
