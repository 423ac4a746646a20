package dev.jvmm.kvm;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.kvm.sys.KvmApi;
import dev.jvmm.kvm.sys.KvmDebugregsLayout;
import dev.jvmm.kvm.sys.KvmFpuLayout;
import dev.jvmm.kvm.sys.KvmMsrsLayout;
import dev.jvmm.kvm.sys.KvmRegsLayout;
import dev.jvmm.kvm.sys.KvmSregsLayout;
import dev.jvmm.kvm.sys.KvmTranslationLayout;
import dev.jvmm.kvm.sys.KvmVcpuEventsLayout;
import dev.jvmm.kvm.sys.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A vCPU's architectural state through the KVM ioctls: KVM_GET/SET_REGS and SREGS (converted by
 * {@link CpuStateCodec}), FPU (x87, XMM and MXCSR, {@link FpuCodec}), DEBUGREGS, VCPU_EVENTS (only for the interrupt shadow) and MSRS, plus
 * KVM_TRANSLATE for guest-virtual addresses. Used from the vCPU thread only.
 */
final class VcpuRegisters {
    /** MSRs that {@link #read()} reads besides the ones {@link #write} was given; see CpuState#msrs. */
    private static final int[] STATE_MSRS = {Msr.SYSENTER_CS, Msr.SYSENTER_ESP, Msr.SYSENTER_EIP, Msr.PAT,
            Msr.STAR, Msr.LSTAR, Msr.CSTAR, Msr.SFMASK, Msr.KERNEL_GS_BASE};

    private final int fd;
    private final MemorySegment regs;
    private final MemorySegment sregs;
    private final MemorySegment debugregs;
    private final MemorySegment events;
    private final MemorySegment fpu;
    /** KVM_CAP_DEBUGREGS / KVM_CAP_VCPU_EVENTS: DR0-7 and the interrupt shadow are part of the state. */
    private final boolean hasDebugregs, hasEvents;
    private final KvmHost host;
    private final TreeSet<Integer> msrNumbers = new TreeSet<>();

    /** Buffers come from {@code arena}, which must outlive this object. */
    /**
     * PVM's KVM_GET_FPU reads MXCSR as 0 whatever KVM_SET_FPU wrote (seen on this machine), while it
     * carries the XMM registers. It hands every SSE instruction, LDMXCSR included, to the interpreter
     * ({@link InterpreterFallback}), so MXCSR only changes on this side: where the first write does
     * not read back, the value last written stands for KVM's.
     */
    private boolean mxcsrChecked, mxcsrLost;
    private int mxcsrWritten;

    VcpuRegisters(int fd, Arena arena, boolean hasDebugregs, boolean hasEvents, KvmHost host) {
        this.fd = fd;
        this.regs = arena.allocate(KvmRegsLayout.LAYOUT);
        this.sregs = arena.allocate(KvmSregsLayout.LAYOUT);
        this.debugregs = arena.allocate(KvmDebugregsLayout.LAYOUT);
        this.events = arena.allocate(KvmVcpuEventsLayout.LAYOUT);
        this.fpu = arena.allocate(KvmFpuLayout.LAYOUT);
        this.hasDebugregs = hasDebugregs;
        this.hasEvents = hasEvents;
        this.host = host;
        for (int msr : STATE_MSRS) msrNumbers.add(msr);
    }

    /** The whole state, MSRs included. */
    CpuState read() {
        CpuState s = readWithoutMsrs();
        s.msrs.putAll(readMsrs());
        return s;
    }

    /** Loads the whole state; an MSR KVM refuses is a {@link KvmSetupException} naming it. */
    void write(CpuState s) {
        writeWithoutMsrs(s);
        if (!s.msrs.isEmpty()) writeMsrs(s.msrs);
    }

    /**
     * Writes {@code after}, a state derived from {@code before} (as {@link #read()} returned it): everything
     * but the MSRs, and of those only the ones {@code before} had whose value changed (the interpreter
     * reports more MSRs than KVM was asked for; writing back values KVM gave is useless and, for some,
     * refused).
     */
    void writeChanges(CpuState before, CpuState after) {
        writeWithoutMsrs(after);
        Map<Integer, Long> changed = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : before.msrs.entrySet()) {
            Long now = after.msrs.get(e.getKey());
            if (now != null && !now.equals(e.getValue())) changed.put(e.getKey(), now);
        }
        if (!changed.isEmpty()) writeMsrs(changed);
    }

    /** KVM_GET_REGS, SREGS, DEBUGREGS and VCPU_EVENTS (for the interrupt shadow): everything but the MSRs. */
    CpuState readWithoutMsrs() {
        CpuState s = new CpuState();
        Ioctls.call("KVM_GET_REGS", fd, KvmApi.KVM_GET_REGS, regs);
        Ioctls.call("KVM_GET_SREGS", fd, KvmApi.KVM_GET_SREGS, sregs);
        CpuStateCodec.readRegs(regs, s);
        CpuStateCodec.readSregs(sregs, s);
        Ioctls.call("KVM_GET_FPU", fd, KvmApi.KVM_GET_FPU, fpu);
        s.x87 = FpuCodec.read(fpu);
        FpuCodec.readSse(fpu, s.sse);
        if (mxcsrLost) s.sse.mxcsr = mxcsrWritten;
        if (hasDebugregs) {
            Ioctls.call("KVM_GET_DEBUGREGS", fd, KvmApi.KVM_GET_DEBUGREGS, debugregs);
            for (int i = 0; i < 4; i++) s.dr[i] = debugregs.get(ValueLayout.JAVA_LONG, KvmDebugregsLayout.DB + 8L * i);
            s.dr[6] = debugregs.get(ValueLayout.JAVA_LONG, KvmDebugregsLayout.DR6);
            s.dr[7] = debugregs.get(ValueLayout.JAVA_LONG, KvmDebugregsLayout.DR7);
        }
        if (hasEvents) {
            Ioctls.call("KVM_GET_VCPU_EVENTS", fd, KvmApi.KVM_GET_VCPU_EVENTS, events);
            s.interruptShadow = events.get(ValueLayout.JAVA_BYTE, KvmVcpuEventsLayout.INTERRUPT_SHADOW) != 0;
        }
        return s;
    }

    void writeWithoutMsrs(CpuState s) {
        Ioctls.call("KVM_GET_SREGS", fd, KvmApi.KVM_GET_SREGS, sregs); // keeps apic_base, interrupt_bitmap
        CpuStateCodec.writeSregs(s, sregs);
        Ioctls.call("KVM_SET_SREGS", fd, KvmApi.KVM_SET_SREGS, sregs);
        CpuStateCodec.writeRegs(s, regs);
        Ioctls.call("KVM_SET_REGS", fd, KvmApi.KVM_SET_REGS, regs);
        Ioctls.call("KVM_GET_FPU", fd, KvmApi.KVM_GET_FPU, fpu); // keeps the padding
        FpuCodec.write(s.x87, fpu);
        FpuCodec.writeSse(s.sse, fpu);
        Ioctls.call("KVM_SET_FPU", fd, KvmApi.KVM_SET_FPU, fpu);
        mxcsrWritten = s.sse.mxcsr;
        if (!mxcsrChecked) {
            mxcsrChecked = true;
            Ioctls.call("KVM_GET_FPU", fd, KvmApi.KVM_GET_FPU, fpu);
            mxcsrLost = fpu.get(ValueLayout.JAVA_INT_UNALIGNED, KvmFpuLayout.MXCSR) != mxcsrWritten;
        }
        if (hasDebugregs) {
            debugregs.fill((byte) 0); // flags and reserved must be zero
            for (int i = 0; i < 4; i++) debugregs.set(ValueLayout.JAVA_LONG, KvmDebugregsLayout.DB + 8L * i, s.dr[i]);
            debugregs.set(ValueLayout.JAVA_LONG, KvmDebugregsLayout.DR6, s.dr[6]);
            debugregs.set(ValueLayout.JAVA_LONG, KvmDebugregsLayout.DR7, s.dr[7]);
            Ioctls.call("KVM_SET_DEBUGREGS", fd, KvmApi.KVM_SET_DEBUGREGS, debugregs);
        }
        if (hasEvents) {
            // Read-modify-write: SET applies the exception/interrupt/NMI fields unconditionally, the
            // shadow only with KVM_VCPUEVENT_VALID_SHADOW (KVM API doc, KVM_SET_VCPU_EVENTS).
            Ioctls.call("KVM_GET_VCPU_EVENTS", fd, KvmApi.KVM_GET_VCPU_EVENTS, events);
            events.set(ValueLayout.JAVA_BYTE, KvmVcpuEventsLayout.INTERRUPT_SHADOW,
                    (byte) (s.interruptShadow ? KvmVcpuEventsLayout.KVM_X86_SHADOW_INT_STI : 0));
            events.set(ValueLayout.JAVA_INT, KvmVcpuEventsLayout.FLAGS, KvmVcpuEventsLayout.KVM_VCPUEVENT_VALID_SHADOW);
            Ioctls.call("KVM_SET_VCPU_EVENTS", fd, KvmApi.KVM_SET_VCPU_EVENTS, events);
        }
    }

    /** KVM_GET_MSRS for the known list; it stops at the first MSR KVM does not have, so keep what came back. */
    private Map<Integer, Long> readMsrs() {
        List<Integer> numbers = new ArrayList<>(msrNumbers);
        Map<Integer, Long> out = new TreeMap<>();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment msrs = call.allocate(KvmMsrsLayout.size(numbers.size()), 8);
            msrs.set(ValueLayout.JAVA_INT, KvmMsrsLayout.NMSRS, numbers.size());
            for (int i = 0; i < numbers.size(); i++) {
                msrs.set(ValueLayout.JAVA_INT, KvmMsrsLayout.entry(i) + KvmMsrsLayout.ENTRY_INDEX, numbers.get(i));
            }
            int read = Ioctls.call("KVM_GET_MSRS", fd, KvmApi.KVM_GET_MSRS, msrs);
            for (int i = 0; i < read; i++) {
                out.put(numbers.get(i), msrs.get(ValueLayout.JAVA_LONG, KvmMsrsLayout.entry(i) + KvmMsrsLayout.ENTRY_DATA));
            }
        }
        return out;
    }

    private void writeMsrs(Map<Integer, Long> values) {
        List<Map.Entry<Integer, Long>> entries = new ArrayList<>(values.entrySet());
        try (Arena call = Arena.ofConfined()) {
            MemorySegment msrs = call.allocate(KvmMsrsLayout.size(entries.size()), 8);
            msrs.set(ValueLayout.JAVA_INT, KvmMsrsLayout.NMSRS, entries.size());
            for (int i = 0; i < entries.size(); i++) {
                long e = KvmMsrsLayout.entry(i);
                msrs.set(ValueLayout.JAVA_INT, e + KvmMsrsLayout.ENTRY_INDEX, entries.get(i).getKey());
                msrs.set(ValueLayout.JAVA_LONG, e + KvmMsrsLayout.ENTRY_DATA, entries.get(i).getValue());
            }
            int written = Ioctls.call("KVM_SET_MSRS", fd, KvmApi.KVM_SET_MSRS, msrs);
            if (written < entries.size()) {
                Map.Entry<Integer, Long> refused = entries.get(written);
                throw new KvmSetupException(String.format("KVM_SET_MSRS: KVM refused MSR 0x%x = 0x%x (%s)",
                        refused.getKey(), refused.getValue(), host.description()));
            }
        }
        msrNumbers.addAll(values.keySet());
    }

    /** KVM_TRANSLATE: guest linear to guest physical through the guest's current paging mode, or -1. */
    long translate(long linear) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment t = call.allocate(KvmTranslationLayout.LAYOUT);
            t.set(ValueLayout.JAVA_LONG, KvmTranslationLayout.LINEAR_ADDRESS, linear);
            if (LibC.ioctl(fd, KvmApi.KVM_TRANSLATE, t) < 0) return -1;
            if (t.get(ValueLayout.JAVA_BYTE, KvmTranslationLayout.VALID) == 0) return -1;
            return t.get(ValueLayout.JAVA_LONG, KvmTranslationLayout.PHYSICAL_ADDRESS);
        }
    }

}
