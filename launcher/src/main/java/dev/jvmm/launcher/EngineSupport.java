package dev.jvmm.launcher;

import dev.jvmm.guests.Guest;
import dev.jvmm.guests.Need;
import dev.jvmm.kvm.KvmEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * What each engine can give a guest, asked per {@link Need}: {@code jvmm list} names the engines a bundled
 * guest cannot pass on, {@code jvmm run} warns before booting one there, and tests skip such a guest with
 * the reason printed, instead of keeping lists of guest names. The one place to change when an engine
 * learns something.
 */
final class EngineSupport {
    private EngineSupport() {}

    /** Whether {@code engine} (interp, jit, lockstep or kvm) lacks {@code need} on this machine. */
    static boolean lacks(String engine, Need need) {
        boolean kvm = engine.equals("kvm");
        return switch (need) {
            case LOCAL_APIC -> false; // every engine drives the same userspace local APIC
            // PVM hands every x87 and every SSE instruction to the Java fallback: far too slow
            case X87, FLOATING_POINT -> kvm && KvmEngine.describeHost().startsWith("PVM");
            case A20_GATE -> kvm;
            case SERIAL_INPUT -> false; // every engine takes typed input; a run without any never ends
            case PAGING_32BIT, KERNEL_IO_AFTER_USER_MODE, FAR_JUMP_LIMIT_CHECK -> kvm && KvmEngine.describeHost().startsWith("PVM");
        };
    }

    /** Why {@code engine} cannot pass {@code guest}, or null if it can. */
    static String missing(Guest guest, String engine) {
        for (Need need : guest.needs()) {
            if (lacks(engine, need)) return guest.name() + " needs " + need.description() + ", which " + engine + " lacks here";
        }
        return null;
    }

    /** The engines among {@code engines} that cannot pass {@code guest}, in order. */
    static List<String> cannotPass(Guest guest, List<String> engines) {
        List<String> lacking = new ArrayList<>();
        for (String engine : engines) {
            if (missing(guest, engine) != null) lacking.add(engine);
        }
        return lacking;
    }
}
