package dev.jvmm.cpu.interp;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.fpu.X87;
import dev.jvmm.cpu.mmu.Mmu;

/**
 * The interpreter's CPU state and its memory path: registers, eager RFLAGS, segment registers
 * with their hidden descriptor caches, control registers and MSRs, plus segmented memory access
 * (limit and type checks, SDM vol. 3 §5.3) on top of the {@link Mmu}. Fields are public so the
 * translator can generate code that reads and writes them directly.
 *
 * <p>Segment arrays are indexed ES, CS, SS, DS, FS, GS, then LDTR (6) and TR (7).
 */
public final class Cpu {
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5, LDTR = 6, TR = 7;
    public static final long CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100, IF = 0x200,
            DF = 0x400, OF = 0x800, IOPL = 0x3000, NT = 0x4000, RF = 0x10000, VM = 0x20000, AC = 0x40000,
            VIF = 0x80000, VIP = 0x100000, ID = 0x200000;
    public static final long ARITH = CF | PF | AF | ZF | SF | OF;

    public final long[] gpr = new long[16];
    /** Set while a LOCK-ed instruction runs on a machine with several vCPUs: its memory operand is accessed atomically. */
    AtomicOperand atomic;
    public long rip;
    /** RFLAGS, always up to date (eager flags). Bit 1 is always set. */
    public long flags = 2;
    public final int[] segSel = new int[8];
    public final long[] segBase = new long[8];
    /** Byte-granular effective limits. */
    public final long[] segLimit = new long[8];
    /** Attributes in {@link SegmentState}'s layout. */
    public final int[] segAttr = new int[8];
    public long gdtBase, idtBase;
    public int gdtLimit = 0xFFFF, idtLimit = 0xFFFF;
    public long cr0 = ControlBits.CR0_ET, cr2, cr3, cr4, cr8, efer;
    public final long[] dr = new long[8];
    public long star, lstar, cstar, sfmask, kernelGsBase, sysenterCs, sysenterEsp, sysenterEip, tscAux;
    public long pat = 0x0007_0406_0007_0406L, apicBase = 0xFEE0_0900L, miscEnable = 1;
    public long tscOffset;
    /** AMD's PerfEvtSel0-3 and PerfCtr0-3 (Msr.K7_EVNTSEL0..K7_PERFCTR3): stored, never counting. */
    public final long[] k7PerfMsrs = new long[8];
    /**
     * The time the TSC counts, in nanoseconds: the vCPU sets it to the machine clock's, so the TSC is a
     * 1 GHz constant-rate counter on the same time base as the PIT, the RTC and the APIC timer (host time,
     * or retired instructions under a virtual clock). A CPU without a vCPU (tests, lockstep's shadow)
     * counts retired instructions, which is what a virtual clock at 1 ns per instruction gives too.
     */
    public java.util.function.LongSupplier tscNanos = () -> this.instructions;
    /**
     * Cycles retired instructions took beyond one each, for a virtual clock (which advances one
     * nanosecond per cycle): only PAUSE adds here, {@link #PAUSE_STALL_CYCLES} each. Spin-wait loops
     * (PAUSE; RDTSC; compare) then see time pass at about a real CPU's rate instead of 8 ns per
     * iteration, which is what guests that wait a TSC interval between IPIs (kvm-unit-tests apic) and
     * Linux's delay loops assume. Not part of the architectural state; the host clock ignores it.
     */
    public long stallCycles;
    /**
     * The cycles a PAUSE takes beyond one: Intel's optimization reference manual gives PAUSE a latency of
     * about 140 cycles from the Skylake microarchitecture on (about 10 before).
     */
    public static final int PAUSE_STALL_CYCLES = 139;
    public int cpl;
    /** 16, 32 or 64: the current code size. */
    public int mode = 16;
    public boolean halted;
    /** Interrupts are held off until after the next instruction (STI, MOV SS, POP SS). */
    public boolean interruptShadow;
    /** An NMI handler is running: further NMIs wait until the next IRET (SDM vol. 3 §6.7.1). */
    public boolean nmiBlocked;
    public long instructions;
    /** DR7 enables a breakpoint: memory accesses and instruction starts are checked. */
    public boolean debugArmed;
    /** A debugger watching data accesses (gdb watchpoints), or null; setting it arms {@link #debugArmed}. */
    public dev.jvmm.core.engine.MemoryWatch debuggerWatch;
    /** {@code -d int}: told of every interrupt and exception delivered, or null. */
    public dev.jvmm.core.engine.InterruptTrace interruptTrace;
    /** DR6 B0-B3 bits of data breakpoints hit by the current instruction (delivered as a #DB trap after it). */
    public int dataBreakpointHits;

    /** The x87 FPU (and, aliased onto its registers, MMX). */
    public final X87 fpu = new X87();
    /** XMM0-XMM15, two longs each: {@code xmm[2 * r]} bits 0-63, {@code xmm[2 * r + 1]} bits 64-127. */
    public final long[] xmm = new long[32];
    /** MXCSR (SDM vol. 1 §10.2.3); 0x1F80 after reset: every SSE exception masked, round to nearest. */
    public int mxcsr = 0x1F80;
    /** XCR0 (SDM vol. 1 §13.3): which state components XSAVE/XRSTOR manage; bit 0 (x87) is always set. */
    public long xcr0 = 1;

    public final GuestMemory mem;
    /**
     * This CPU's view of the interrupt controllers; with a local APIC it also owns IA32_APIC_BASE, the
     * x2APIC MSRs, IA32_TSC_DEADLINE and CR8 (MSR and CR8 accesses go there). Set by the vCPU.
     */
    public InterruptController interrupts = InterruptController.NONE;
    /**
     * How many instructions so far consulted {@link #interrupts} for a register of the CPU's own (an MSR it
     * owns, CR8 as the task priority, CPUID's APIC fields, a paravirtual IPI): outside state, like a port
     * read, that the lockstep checker's shadow CPU (which has no interrupt controller) cannot replay.
     */
    public long controllerAccesses;
    public final CpuException fault = new CpuException();
    public final Mmu mmu;

    public Cpu(GuestMemory mem) {
        this.mem = mem;
        this.mmu = new Mmu(mem, fault);
        mmu.setAlignmentCheckFlag(() -> (flags & AC) != 0); // SMAP: explicit supervisor accesses to user pages
        setState(CpuState.realMode(0, 0));
    }

    /** The time-stamp counter now (RDTSC, RDTSCP, RDMSR IA32_TSC). */
    public long tsc() {
        return tscNanos.getAsLong() + tscOffset;
    }

    // ---- modes ----

    public boolean protectedMode() {
        return (cr0 & 1) != 0;
    }

    public boolean v86() {
        return (flags & VM) != 0;
    }

    public boolean longModeActive() {
        return (efer & Msr.EFER_LMA) != 0;
    }

    /** Recomputes {@link #mode} and {@link #cpl} after CS, CR0, EFER or RFLAGS.VM changed. */
    public void updateMode() {
        if (longModeActive() && (segAttr[CS] & SegmentState.L) != 0) mode = 64;
        else if (protectedMode() && !v86() && (segAttr[CS] & SegmentState.DB) != 0) mode = 32;
        else mode = 16;
        if (!protectedMode()) cpl = 0;
        else if (v86()) cpl = 3;
    }

    public void updateMmu() {
        mmu.configure(cr0, cr3, cr4, efer);
    }

    public int stackSize() {
        return mode == 64 ? 8 : (segAttr[SS] & SegmentState.DB) != 0 ? 4 : 2;
    }

    // ---- registers ----

    public static long mask(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }

    /** Reads a register of {@code size} bytes; byte registers 4-7 are AH..BH unless a REX prefix was seen. */
    public long reg(int size, int r, boolean rex) {
        return switch (size) {
            case 1 -> (!rex && r >= 4 && r < 8) ? (gpr[r - 4] >>> 8) & 0xFF : gpr[r] & 0xFF;
            case 2 -> gpr[r] & 0xFFFF;
            case 4 -> gpr[r] & 0xFFFF_FFFFL;
            default -> gpr[r];
        };
    }

    /** Writes a register; 32-bit writes zero the upper half (SDM vol. 1 §3.4.1.1), 8/16-bit ones merge. */
    public void setReg(int size, int r, long v, boolean rex) {
        switch (size) {
            case 1 -> {
                if (!rex && r >= 4 && r < 8) gpr[r - 4] = (gpr[r - 4] & ~0xFF00L) | ((v & 0xFF) << 8);
                else gpr[r] = (gpr[r] & ~0xFFL) | (v & 0xFF);
            }
            case 2 -> gpr[r] = (gpr[r] & ~0xFFFFL) | (v & 0xFFFF);
            case 4 -> gpr[r] = v & 0xFFFF_FFFFL;
            default -> gpr[r] = v;
        }
    }

    // ---- segmentation ----

    public CpuException gp(int code) {
        return fault.raise(CpuException.GP, code);
    }

    /** Segment-limit violations so far (diagnostics: tests tell them from other #GP/#SS causes). */
    public long limitFaults;

    private CpuException limitFault(int seg) {
        limitFaults++;
        return segFault(seg);
    }

    private CpuException segFault(int seg) {
        return fault.raise(seg == SS ? CpuException.SS : CpuException.GP, 0);
    }

    /**
     * The linear address of {@code seg:offset} for an access of {@code size} bytes, after the
     * segment checks: type (write to read-only or code, read of execute-only), limit (expand-up and
     * expand-down), null segment; in 64-bit mode only FS/GS bases apply and the result must be canonical.
     * {@code offset} must already be truncated to the address size.
     */
    public long linear(int seg, long offset, int size, boolean write) {
        if (mode == 64) {
            long lin = seg >= FS ? segBase[seg] + offset : offset;
            if (((lin << 16) >> 16) != lin) throw segFault(seg);
            if ((cr0 & ControlBits.CR0_AM) != 0) alignmentCheck(lin, size);
            if (debugArmed) dataBreakpoint(lin, size, write);
            return lin;
        }
        int attr = segAttr[seg];
        long last = offset + size - 1;
        if ((attr & 0x1C) == 0x14) { // expand-down data segment
            long upper = (attr & SegmentState.DB) != 0 ? 0xFFFF_FFFFL : 0xFFFF;
            if (offset <= segLimit[seg] || last > upper) throw limitFault(seg);
        } else if (last > segLimit[seg]) {
            throw limitFault(seg);
        }
        if (protectedMode() && !v86()) {
            if ((attr & SegmentState.UNUSABLE) != 0) throw segFault(seg);
            boolean code = (attr & 8) != 0;
            if (write ? (code || (attr & 2) == 0) : (code && (attr & 2) == 0)) throw segFault(seg);
        }
        long lin = (segBase[seg] + offset) & 0xFFFF_FFFFL;
        if ((cr0 & ControlBits.CR0_AM) != 0) alignmentCheck(lin, size);
        if (debugArmed) dataBreakpoint(lin, size, write);
        return lin;
    }

    private void dataBreakpoint(long lin, int size, boolean write) {
        dataBreakpointHits |= DebugRegisters.dataHits(this, lin, size, write);
        if (debuggerWatch != null) debuggerWatch.accessed(lin, size, write);
    }

    /** #AC(0): a misaligned data access at CPL 3 with CR0.AM and RFLAGS.AC set (SDM vol. 3 §6.15, interrupt 17). */
    private void alignmentCheck(long lin, int size) {
        if ((flags & AC) != 0 && cpl == 3 && size > 1 && size <= 8 && (lin & (size - 1)) != 0) {
            throw fault.raise(CpuException.AC, 0);
        }
    }

    public int read8(int seg, long off) {
        return mmu.read8(linear(seg, off, 1, false), cpl == 3);
    }

    public int read16(int seg, long off) {
        return mmu.read16(linear(seg, off, 2, false), cpl == 3);
    }

    public int read32(int seg, long off) {
        return mmu.read32(linear(seg, off, 4, false), cpl == 3);
    }

    public long read64(int seg, long off) {
        return mmu.read64(linear(seg, off, 8, false), cpl == 3);
    }

    public long read(int seg, long off, int size) {
        if (atomic != null) return atomic.read(this, linear(seg, off, size, true), size);
        return mmu.read(linear(seg, off, size, false), size, cpl == 3);
    }

    public void write(int seg, long off, int size, long v) {
        if (atomic != null) {
            atomic.write(this, linear(seg, off, size, true), size, v);
            return;
        }
        mmu.write(linear(seg, off, size, true), size, v, cpl == 3);
    }

    /** Checks that {@code size} bytes at seg:off are writable (for read-modify-write), returning the linear address. */
    public long linearWritable(int seg, long off, int size) {
        return linear(seg, off, size, true);
    }

    /** Fetches an instruction byte at CS:ip, checking the CS limit (not in 64-bit mode) and paging. */
    public int fetch(long ip) {
        long lin;
        if (mode == 64) {
            lin = ip;
            if (((lin << 16) >> 16) != lin) throw gp(0);
        } else {
            if (ip > segLimit[CS]) {
                limitFaults++;
                throw gp(0);
            }
            lin = (segBase[CS] + ip) & 0xFFFF_FFFFL;
        }
        return mmu.fetch8(lin, cpl == 3);
    }

    /** Implicit supervisor-mode (descriptor table, TSS, IDT) reads and writes of linear memory. */
    public long sysRead(long lin, int size) {
        return mmu.readImplicit(lin, size);
    }

    public void sysWrite(long lin, int size, long v) {
        mmu.writeImplicit(lin, size, v);
    }

    // ---- stack ----

    public long sp() {
        int s = stackSize();
        return s == 8 ? gpr[4] : gpr[4] & mask(s);
    }

    public void setSp(long v) {
        setReg(stackSize(), 4, v, false);
    }

    public void push(int size, long v) {
        int ss = stackSize();
        long nsp = (gpr[4] - size) & mask(ss);
        write(SS, nsp, size, v);
        setReg(ss, 4, nsp, false);
    }

    public long pop(int size) {
        int ss = stackSize();
        long sp = gpr[4] & mask(ss);
        long v = read(SS, sp, size);
        setReg(ss, 4, sp + size, false);
        return v;
    }

    /** Reads the stack {@code depth} bytes above SP without popping. */
    public long peek(int size, long depth) {
        int ss = stackSize();
        return read(SS, (gpr[4] + depth) & mask(ss), size);
    }

    // ---- segment registers (unchecked loads) ----

    public void setSeg(int seg, int sel, long base, long limit, int attr) {
        segSel[seg] = sel & 0xFFFF;
        segBase[seg] = base;
        segLimit[seg] = limit;
        segAttr[seg] = attr;
    }

    /** A real-mode / virtual-8086 load: base = selector * 16, hidden limit and attributes kept (unreal mode). */
    public void loadSegReal(int seg, int sel) {
        segSel[seg] = sel & 0xFFFF;
        segBase[seg] = (sel & 0xFFFFL) << 4;
        if (v86()) {
            segLimit[seg] = 0xFFFF;
            segAttr[seg] = seg == CS ? SegmentState.REAL_MODE_CODE | 0x60 : SegmentState.REAL_MODE_DATA | 0x60;
        }
        if (seg == CS) updateMode();
    }

    // ---- CpuState conversion ----

    public CpuState state() {
        CpuState s = new CpuState();
        System.arraycopy(gpr, 0, s.gpr, 0, 16);
        s.rip = rip;
        s.rflags = flags | 2;
        for (int i = 0; i < 6; i++) s.seg[i] = segState(i);
        s.ldtr = segState(LDTR);
        s.tr = segState(TR);
        s.gdtBase = gdtBase;
        s.gdtLimit = gdtLimit;
        s.idtBase = idtBase;
        s.idtLimit = idtLimit;
        s.cr0 = cr0;
        s.cr2 = cr2;
        s.cr3 = cr3;
        s.cr4 = cr4;
        s.cr8 = cr8;
        s.efer = efer;
        System.arraycopy(dr, 0, s.dr, 0, 8);
        s.halted = halted;
        s.interruptShadow = interruptShadow;
        s.x87 = fpu.toState();
        Msrs.store(this, s.msrs);
        System.arraycopy(xmm, 0, s.sse.xmm, 0, 32);
        s.sse.mxcsr = mxcsr;
        s.xcr0 = xcr0;
        return s;
    }

    private SegmentState segState(int i) {
        return new SegmentState(segSel[i], segBase[i], (int) segLimit[i], segAttr[i]);
    }

    public void setState(CpuState s) {
        System.arraycopy(s.gpr, 0, gpr, 0, 16);
        rip = s.rip;
        flags = (s.rflags & 0x3F_7FD7L) | 2;
        for (int i = 0; i < 6; i++) loadSegState(i, s.seg[i]);
        loadSegState(LDTR, s.ldtr);
        loadSegState(TR, s.tr);
        gdtBase = s.gdtBase;
        gdtLimit = s.gdtLimit;
        idtBase = s.idtBase;
        idtLimit = s.idtLimit;
        cr0 = s.cr0 | ControlBits.CR0_ET;
        cr2 = s.cr2;
        cr3 = s.cr3;
        cr4 = s.cr4;
        cr8 = s.cr8;
        efer = s.efer;
        System.arraycopy(s.dr, 0, dr, 0, 8);
        debugArmed = DebugRegisters.armed(this);
        halted = s.halted;
        interruptShadow = s.interruptShadow;
        fpu.load(s.x87);
        Msrs.load(this, s.msrs);
        System.arraycopy(s.sse.xmm, 0, xmm, 0, 32);
        mxcsr = s.sse.mxcsr;
        xcr0 = s.xcr0;
        // CPL is SS.DPL in protected mode (as VMX saves it), 3 in virtual-8086 mode, 0 in real mode.
        cpl = !protectedMode() ? 0 : v86() ? 3 : (segAttr[SS] >> 5) & 3;
        updateMode();
        updateMmu();
    }

    private void loadSegState(int i, SegmentState st) {
        if (st == null) st = SegmentState.real(0, i == CS);
        setSeg(i, st.selector(), st.base(), st.limit() & 0xFFFF_FFFFL, st.attributes());
    }
}
