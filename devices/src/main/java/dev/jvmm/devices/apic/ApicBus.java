package dev.jvmm.devices.apic;

import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.irq.IrqChip;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The system bus between the local APICs and the IOAPIC: resolves a message's destination (physical
 * ID or broadcast, logical flat or cluster, the ICR shorthands) to local APICs and hands it to them;
 * lowest-priority messages go to the one target with the lowest task priority (ties: the lowest
 * index). Level-triggered EOIs travel the other way, to the IOAPIC's listener.
 *
 * <p>It is also the machine's {@link IrqChip}: vCPU n's view of the interrupt controllers is local APIC n.
 * Designed for N local APICs, one per vCPU; a machine has one today. Runs on the vCPU thread.
 */
public final class ApicBus implements IrqChip {
    /** The ICR destination shorthands (bits 19:18). */
    static final int NO_SHORTHAND = 0, SELF = 1, ALL_INCLUDING_SELF = 2, ALL_EXCLUDING_SELF = 3;

    private final List<LocalApic> apics = new ArrayList<>();
    private IntConsumer eoiListener = vector -> {};

    void attach(LocalApic apic) {
        apics.add(apic);
    }

    /** The local APIC of vCPU {@code index}. */
    public LocalApic apic(int index) {
        return apics.get(index);
    }

    public int size() {
        return apics.size();
    }

    @Override
    public InterruptController vcpu(int index) {
        return apic(index);
    }

    @Override
    public int vcpuCount() {
        return size();
    }

    /** Who hears a level-triggered EOI (the IOAPIC, which clears Remote IRR of entries with that vector). */
    public void setEoiListener(IntConsumer listener) {
        this.eoiListener = listener;
    }

    void broadcastEoi(int vector) {
        eoiListener.accept(vector);
    }

    /** Delivers a message from the IOAPIC (or another bus agent with no shorthand). */
    public void deliver(int destination, boolean logical, int deliveryMode, int vector, boolean level) {
        send(null, NO_SHORTHAND, new ApicMessage(destination, logical, deliveryMode, vector, level));
    }

    /** Delivers {@code message} to the one APIC whose physical ID is {@code apicId}; false if none (or it is disabled). */
    boolean sendToApicId(int apicId, ApicMessage message) {
        for (LocalApic apic : apics) {
            int id = apic.x2apicMode() ? apic.id() : apic.id() & 0xFF;
            if (id == apicId && apic.globallyEnabled()) {
                apic.receive(message);
                return true;
            }
        }
        return false;
    }

    /** Sends {@code message} from {@code source} (null: not a local APIC) using {@code shorthand}. */
    void send(LocalApic source, int shorthand, ApicMessage message) {
        List<LocalApic> targets = new ArrayList<>(apics.size());
        for (LocalApic apic : apics) {
            boolean hit = switch (shorthand) {
                case SELF -> apic == source;
                case ALL_INCLUDING_SELF -> true;
                case ALL_EXCLUDING_SELF -> apic != source;
                default -> matches(apic, message);
            };
            if (hit && apic.globallyEnabled()) targets.add(apic);
        }
        if (targets.isEmpty()) return;
        if (message.deliveryMode() == ApicRegisters.DM_LOWEST) {
            LocalApic lowest = targets.getFirst();
            for (LocalApic apic : targets) {
                if (apic.taskPriority() < lowest.taskPriority()) lowest = apic;
            }
            lowest.receive(message);
        } else {
            for (LocalApic apic : targets) apic.receive(message);
        }
    }

    private static boolean matches(LocalApic apic, ApicMessage m) {
        int dest = m.destination();
        if (apic.x2apicMode()) {
            if (dest == 0xFFFF_FFFF) return true;
            if (!m.logical()) return dest == apic.id();
            int ldr = apic.logicalDestination();
            return (dest >>> 16) == (ldr >>> 16) && (dest & ldr & 0xFFFF) != 0;
        }
        dest &= 0xFF;
        if (dest == 0xFF) return true;
        if (!m.logical()) return dest == (apic.id() & 0xFF);
        int ldr = apic.logicalDestination() >>> 24;
        if (apic.flatModel()) return (dest & ldr) != 0;
        return (dest >>> 4) == (ldr >>> 4) && (dest & ldr & 0xF) != 0;
    }
}
