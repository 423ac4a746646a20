package dev.jvmm.core.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The architectural state of one x86 CPU, as every engine loads and stores it: the exchange format
 * for handing a guest from one engine to another, for lockstep comparison, snapshots and gdb.
 *
 * <p>Engines keep their own fast internal representation (the interpreter's lazy flags, KVM's
 * {@code kvm_regs}); they convert to and from this class at the edges. Fields are public and mutable
 * on purpose: it is a plain data carrier. {@link #copy()} for a snapshot, {@link #diff} for a report.
 */
public final class CpuState {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;
    private static final String[] GPR_NAMES = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] SEG_NAMES = {"es", "cs", "ss", "ds", "fs", "gs"};

    /** General-purpose registers in encoding order (RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8-R15). */
    public final long[] gpr = new long[16];
    public long rip;
    public long rflags = ControlBits.RFLAGS_FIXED;
    /** Segment registers in encoding order (ES, CS, SS, DS, FS, GS), selector plus hidden part. */
    public final SegmentState[] seg = new SegmentState[6];
    public SegmentState ldtr = new SegmentState(0, 0, 0xFFFF, 0x82);
    public SegmentState tr = new SegmentState(0, 0, 0xFFFF, 0x8B);
    public long gdtBase, idtBase;
    public int gdtLimit = 0xFFFF, idtLimit = 0xFFFF;
    public long cr0 = ControlBits.CR0_ET, cr2, cr3, cr4, cr8;
    public long efer;
    /** XCR0, the XSAVE feature mask (SDM vol. 1 §13.3): 1 (x87 only) after reset; XSETBV writes it. */
    public long xcr0 = 1;
    public final long[] dr = new long[8];
    /** Other MSRs by number (EFER and the FS/GS bases live in their own fields). */
    public final Map<Integer, Long> msrs = new TreeMap<>();
    /** True while the CPU sits in HLT waiting for an interrupt. */
    public boolean halted;
    /** True for the one instruction after STI or MOV/POP SS during which interrupts are held off. */
    public boolean interruptShadow;
    /** The x87 FPU (immutable: replace it to change it). */
    public X87State x87 = X87State.INITIAL;
    /** XMM registers and MXCSR. */
    public final SseState sse = new SseState();

    /** A CPU in real mode with every segment at {@code cs}'s paragraph and the given IP. */
    public static CpuState realMode(int cs, int ip) {
        CpuState s = new CpuState();
        for (int i = 0; i < 6; i++) s.seg[i] = SegmentState.real(cs, i == CS);
        s.rip = ip & 0xFFFF;
        s.dr[6] = 0xFFFF0FF0L;
        s.dr[7] = 0x400;
        return s;
    }

    /**
     * An application processor started by a start-up IPI (SDM vol. 3A "MP Initialization Protocol"):
     * the INIT state, but in real mode at {@code vector << 12} with CS = {@code vector << 8}, IP = 0.
     */
    public static CpuState afterStartupIpi(int vector) {
        CpuState s = afterReset();
        int cs = (vector & 0xFF) << 8;
        s.seg[CS] = new SegmentState(cs, (long) cs << 4, 0xFFFF, SegmentState.REAL_MODE_CODE);
        s.rip = 0;
        return s;
    }

    /** The state after RESET/INIT (SDM vol. 3 table 10-1): CS=F000 base FFFF0000, IP=FFF0. */
    public static CpuState afterReset() {
        CpuState s = realMode(0, 0);
        s.seg[CS] = new SegmentState(0xF000, 0xFFFF_0000L, 0xFFFF, SegmentState.REAL_MODE_CODE);
        s.rip = 0xFFF0;
        s.gpr[RDX] = 0x600; // processor signature family 6
        s.cr0 = ControlBits.CR0_ET | ControlBits.CR0_CD | ControlBits.CR0_NW;
        return s;
    }

    public SegmentState cs() {
        return seg[CS];
    }

    public boolean protectedMode() {
        return (cr0 & ControlBits.CR0_PE) != 0;
    }

    public boolean longModeActive() {
        return (efer & Msr.EFER_LMA) != 0;
    }

    /** 16, 32 or 64: the default operand size of the code segment in the current mode. */
    public int codeBits() {
        if (longModeActive() && seg[CS].longMode()) return 64;
        if (protectedMode() && (rflags & ControlBits.VM) == 0 && seg[CS].big()) return 32;
        return 16;
    }

    /** A deep copy. */
    public CpuState copy() {
        CpuState c = new CpuState();
        System.arraycopy(gpr, 0, c.gpr, 0, 16);
        System.arraycopy(seg, 0, c.seg, 0, 6);
        System.arraycopy(dr, 0, c.dr, 0, 8);
        c.rip = rip;
        c.rflags = rflags;
        c.ldtr = ldtr;
        c.tr = tr;
        c.gdtBase = gdtBase;
        c.gdtLimit = gdtLimit;
        c.idtBase = idtBase;
        c.idtLimit = idtLimit;
        c.cr0 = cr0;
        c.cr2 = cr2;
        c.cr3 = cr3;
        c.cr4 = cr4;
        c.cr8 = cr8;
        c.efer = efer;
        c.xcr0 = xcr0;
        c.msrs.putAll(msrs);
        c.halted = halted;
        c.interruptShadow = interruptShadow;
        c.x87 = x87;
        c.sse.copyFrom(sse);
        return c;
    }

    /** Human-readable differences, "name: this -> other", empty when equal. */
    public List<String> diff(CpuState other) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) cmp(out, GPR_NAMES[i], gpr[i], other.gpr[i]);
        cmp(out, "rip", rip, other.rip);
        cmp(out, "rflags", rflags, other.rflags);
        for (int i = 0; i < 6; i++) {
            if (!java.util.Objects.equals(seg[i], other.seg[i])) out.add(SEG_NAMES[i] + ": " + seg[i] + " -> " + other.seg[i]);
        }
        if (!ldtr.equals(other.ldtr)) out.add("ldtr: " + ldtr + " -> " + other.ldtr);
        if (!tr.equals(other.tr)) out.add("tr: " + tr + " -> " + other.tr);
        cmp(out, "gdt.base", gdtBase, other.gdtBase);
        cmp(out, "gdt.limit", gdtLimit, other.gdtLimit);
        cmp(out, "idt.base", idtBase, other.idtBase);
        cmp(out, "idt.limit", idtLimit, other.idtLimit);
        cmp(out, "cr0", cr0, other.cr0);
        cmp(out, "cr2", cr2, other.cr2);
        cmp(out, "cr3", cr3, other.cr3);
        cmp(out, "cr4", cr4, other.cr4);
        cmp(out, "cr8", cr8, other.cr8);
        cmp(out, "efer", efer, other.efer);
        cmp(out, "xcr0", xcr0, other.xcr0);
        if (!msrs.equals(other.msrs)) out.add("msrs: " + msrs + " -> " + other.msrs);
        if (halted != other.halted) out.add("halted: " + halted + " -> " + other.halted);
        out.addAll(x87.diff(other.x87));
        sse.diff(out, other.sse);
        return out;
    }

    private static void cmp(List<String> out, String name, long a, long b) {
        if (a != b) out.add(String.format("%s: %x -> %x", name, a, b));
    }

    /** A register dump in the style of a crash report. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(String.format("%-3s=%016x%s", GPR_NAMES[i], gpr[i], i % 4 == 3 ? "\n" : "  "));
        }
        sb.append(String.format("rip=%016x  rflags=%08x  mode=%d-bit%n", rip, rflags, codeBits()));
        for (int i = 0; i < 6; i++) sb.append(SEG_NAMES[i]).append('=').append(seg[i]).append('\n');
        sb.append(String.format("gdt=%x/%x idt=%x/%x ldtr=%s tr=%s%n", gdtBase, gdtLimit, idtBase, idtLimit, ldtr, tr));
        sb.append(String.format("cr0=%x cr2=%x cr3=%x cr4=%x efer=%x", cr0, cr2, cr3, cr4, efer));
        return sb.toString();
    }
}
