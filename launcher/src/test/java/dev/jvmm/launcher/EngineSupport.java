package dev.jvmm.launcher;

import dev.jvmm.kvm.KvmEngine;
import dev.jvmm.guests.Guest;
import dev.jvmm.guests.Need;

/**
 * What each engine can give a guest, asked per {@link Need}: tests skip (with this reason printed) a guest
 * an engine cannot run, rather than keeping lists of guest names.
 */
final class EngineSupport {
    private EngineSupport() {}

    /** Why {@code engine} cannot run {@code guest}, or null if it can. */
    static String missing(Guest guest, String engine) {
        boolean kvm = engine.equals("kvm");
        boolean pvm = kvm && KvmEngine.describeHost().startsWith("PVM");
        for (Need need : guest.needs()) {
            boolean lacking = switch (need) {
                case LOCAL_APIC -> false; // every engine drives the same userspace local APIC
                case X87 -> false;
                case FLOATING_POINT -> !kvm; // the software CPU has no SSE arithmetic yet
                case A20_GATE -> kvm;
                case SERIAL_INPUT -> true; // these tests boot with no input; translator's UartEchoGuestTest types it
                case PAGING_32BIT, KERNEL_IO_AFTER_USER_MODE, FAR_JUMP_LIMIT_CHECK -> pvm;
            };
            if (lacking) return guest.name() + " needs " + need.description() + ", which " + engine + " lacks here";
        }
        return null;
    }
}
