package dev.jvmm.cpu.interp;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.Msr;
import java.util.Map;
import java.util.OptionalLong;

/**
 * RDMSR/WRMSR for the MSRs jvmm models (an unknown MSR is #GP(0), as on hardware), and their
 * conversion to the {@code CpuState} MSR map. A local APIC's MSRs (IA32_APIC_BASE, x2APIC, TSC deadline)
 * go to the CPU's interrupt-controller view when it owns them. EFER writes are checked: LMA is read-only and LME
 * cannot change while paging is on.
 */
final class Msrs {
    private Msrs() {}

    /**
     * The MSRs {@link #store} puts in a {@code CpuState}: everything WRMSR can change that is not a field of
     * its own there, so a state handed to another CPU (lockstep's shadow, a snapshot) reads back the same.
     */
    static final int[] SAVED = savedMsrs();

    private static int[] savedMsrs() {
        int[] named = {Msr.STAR, Msr.LSTAR, Msr.CSTAR, Msr.SFMASK, Msr.KERNEL_GS_BASE, Msr.SYSENTER_CS,
                Msr.SYSENTER_ESP, Msr.SYSENTER_EIP, Msr.PAT, Msr.TSC_AUX, Msr.FS_BASE, Msr.GS_BASE, Msr.APIC_BASE,
                Msr.MISC_ENABLE};
        int k7 = Msr.K7_PERFCTR3 - Msr.K7_EVNTSEL0 + 1;
        int[] all = java.util.Arrays.copyOf(named, named.length + k7);
        for (int i = 0; i < k7; i++) all[named.length + i] = Msr.K7_EVNTSEL0 + i;
        return all;
    }

    static void rdmsr(Interpreter in) {
        Cpu c = in.c;
        if (c.cpl != 0) throw c.gp(0);
        int msr = (int) c.gpr[1];
        long v = read(c, msr);
        if (msr == Msr.TSC) in.ioDone = true; // time is an input from outside the CPU
        c.gpr[0] = v & 0xFFFF_FFFFL;
        c.gpr[2] = v >>> 32;
    }

    static void wrmsr(Interpreter in) {
        Cpu c = in.c;
        if (c.cpl != 0) throw c.gp(0);
        long v = (c.gpr[2] << 32) | (c.gpr[0] & 0xFFFF_FFFFL);
        write(c, (int) c.gpr[1], v);
    }

    /**
     * RDPMC (AMD APM vol. 3, "RDPMC"): ECX 0-3 selects PerfCtr0-3 (MSRs 0xC0010004-7; without CPUID's
     * PerfCtrExtCore there are no others, so any other ECX is #GP(0)). Above CPL 0 it needs CR4.PCE. The
     * counters hold what WRMSR last wrote: jvmm counts no events.
     */
    static void rdpmc(Interpreter in) {
        Cpu c = in.c;
        if (c.cpl != 0 && (c.cr4 & ControlBits.CR4_PCE) == 0) throw c.gp(0);
        long counter = c.gpr[1] & 0xFFFF_FFFFL;
        if (counter > 3) throw c.gp(0);
        long v = c.k7PerfMsrs[Msr.K7_PERFCTR0 - Msr.K7_EVNTSEL0 + (int) counter];
        c.gpr[0] = v & 0xFFFF_FFFFL;
        c.gpr[2] = v >>> 32;
    }

    private static boolean canonical(long v) {
        return ((v << 16) >> 16) == v;
    }

    static long read(Cpu c, int msr) {
        if (c.interrupts.ownsMsr(msr)) {
            c.controllerAccesses++;
            OptionalLong v = c.interrupts.readMsr(msr);
            if (v.isEmpty()) throw c.gp(0);
            return v.getAsLong();
        }
        return switch (msr) {
            case Msr.TSC -> c.tsc();
            case Msr.APIC_BASE -> c.apicBase;
            case Msr.MTRRCAP, Msr.MCG_CAP, Msr.MCG_STATUS, Msr.K8_INT_PENDING_MSG -> 0;
            case Msr.SYSENTER_CS -> c.sysenterCs;
            case Msr.SYSENTER_ESP -> c.sysenterEsp;
            case Msr.SYSENTER_EIP -> c.sysenterEip;
            case Msr.MISC_ENABLE -> c.miscEnable;
            case Msr.PAT -> c.pat;
            case Msr.EFER -> c.efer;
            case Msr.STAR -> c.star;
            case Msr.LSTAR -> c.lstar;
            case Msr.CSTAR -> c.cstar;
            case Msr.SFMASK -> c.sfmask;
            case Msr.FS_BASE -> c.segBase[Cpu.FS];
            case Msr.GS_BASE -> c.segBase[Cpu.GS];
            case Msr.KERNEL_GS_BASE -> c.kernelGsBase;
            case Msr.TSC_AUX -> c.tscAux;
            default -> {
                if (msr >= Msr.K7_EVNTSEL0 && msr <= Msr.K7_PERFCTR3) yield c.k7PerfMsrs[msr - Msr.K7_EVNTSEL0];
                throw c.gp(0);
            }
        };
    }

    static void write(Cpu c, int msr, long v) {
        if (c.interrupts.ownsMsr(msr)) {
            c.controllerAccesses++;
            if (!c.interrupts.writeMsr(msr, v, c.tsc())) throw c.gp(0);
            return;
        }
        switch (msr) {
            case Msr.TSC -> c.tscOffset = v - c.tscNanos.getAsLong();
            case Msr.APIC_BASE -> c.apicBase = v;
            case Msr.SYSENTER_CS -> c.sysenterCs = v & 0xFFFF;
            case Msr.SYSENTER_ESP -> c.sysenterEsp = v;
            case Msr.SYSENTER_EIP -> c.sysenterEip = v;
            case Msr.MISC_ENABLE -> c.miscEnable = v;
            case Msr.MCG_STATUS -> {
                if (v != 0) throw c.gp(0); // no bank can have signalled an error
            }
            case Msr.PAT -> c.pat = v;
            case Msr.EFER -> {
                long allowed = Msr.EFER_SCE | Msr.EFER_LME | Msr.EFER_NXE;
                if ((v & ~(allowed | Msr.EFER_LMA)) != 0) throw c.gp(0);
                boolean paging = (c.cr0 & (1L << 31)) != 0;
                if (paging && ((v ^ c.efer) & Msr.EFER_LME) != 0) throw c.gp(0);
                c.efer = (c.efer & Msr.EFER_LMA) | (v & allowed);
                c.updateMmu();
            }
            case Msr.STAR -> c.star = v;
            case Msr.LSTAR, Msr.CSTAR -> {
                if (!canonical(v)) throw c.gp(0);
                if (msr == Msr.LSTAR) c.lstar = v;
                else c.cstar = v;
            }
            case Msr.SFMASK -> c.sfmask = v & 0xFFFF_FFFFL;
            case Msr.FS_BASE, Msr.GS_BASE, Msr.KERNEL_GS_BASE -> {
                if (!canonical(v)) throw c.gp(0);
                if (msr == Msr.FS_BASE) c.segBase[Cpu.FS] = v;
                else if (msr == Msr.GS_BASE) c.segBase[Cpu.GS] = v;
                else c.kernelGsBase = v;
            }
            case Msr.TSC_AUX -> c.tscAux = v & 0xFFFF_FFFFL;
            default -> {
                if (msr < Msr.K7_EVNTSEL0 || msr > Msr.K7_PERFCTR3) throw c.gp(0);
                int k = msr - Msr.K7_EVNTSEL0;
                // PerfEvtSel: bits 63:32 reserved (#GP); PerfCtr: 48-bit counters.
                if (k < 4 && (v >>> 32) != 0) throw c.gp(0);
                c.k7PerfMsrs[k] = k < 4 ? v : v & 0xFFFF_FFFF_FFFFL;
            }
        }
    }

    static void store(Cpu c, Map<Integer, Long> out) {
        long accesses = c.controllerAccesses; // a state conversion is not an instruction
        for (int m : SAVED) {
            if (m != Msr.FS_BASE && m != Msr.GS_BASE) out.put(m, read(c, m));
        }
        c.controllerAccesses = accesses;
    }

    static void load(Cpu c, Map<Integer, Long> in) {
        long accesses = c.controllerAccesses;
        for (Map.Entry<Integer, Long> e : in.entrySet()) {
            int m = e.getKey();
            if (m == Msr.FS_BASE || m == Msr.GS_BASE || m == Msr.EFER) continue;
            try {
                write(c, m, e.getValue());
            } catch (dev.jvmm.cpu.CpuException ignored) {
                // an MSR jvmm does not model, or an invalid value: dropped
            }
        }
        c.controllerAccesses = accesses;
    }
}
