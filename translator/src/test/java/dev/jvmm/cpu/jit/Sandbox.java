package dev.jvmm.cpu.jit;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.decode.OpcodeTable;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.Interpreter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sandbox guest for the random-sequence oracle: two identical 2 MiB machines in flat 32-bit
 * protected mode (paging off, so units read RAM without the soft TLB, or on, identity mapped with
 * one 4 MiB page, so every access goes through it) or 64-bit long mode (identity-mapped with one
 * 2 MiB page). A code sequence runs
 * on one machine through the interpreter and on the other through a freshly translated unit
 * (plus interpreter steps for whatever the unit hands back), then registers, flags and the data
 * and stack pages are compared.
 */
final class Sandbox implements AutoCloseable {
    static final long CODE = 0x10000, DATA = 0x20000, STACK_PAGE = 0x30000, STACK_TOP = 0x30800;
    static final int MAX_STEPS = 400;

    final int mode;
    /** Paging on (always in 64-bit mode). */
    final boolean paging;
    private final GuestMemory refMem = GuestMemory.create(GuestMemory.MIN_RAM);
    private final GuestMemory jitMem = GuestMemory.create(GuestMemory.MIN_RAM);
    private final Cpu ref = new Cpu(refMem);
    private final Interpreter refInterp = new Interpreter(ref, null);
    private final Cpu jit = new Cpu(jitMem);
    private final Interpreter jitInterp = new Interpreter(jit, null);
    private final JitRuntime rt;
    long unitsRun, insnsCompiled;
    private long checks;
    /** Soft-TLB misses are handled inside the unit (as under lockstep) instead of leaving it. */
    boolean missCallsInUnit;
    /** Why the last unit run left ({@code CompiledUnit.EXIT_*}). */
    int lastExit = -1;

    Sandbox(int mode) {
        this(mode, RawMemory.UNSAFE != null);
    }

    /** {@code rawMemory}: units access RAM directly ({@link RawMemory}) rather than through the segment. */
    Sandbox(int mode, boolean rawMemory) {
        this(mode, rawMemory, mode == 64);
    }

    /** {@code paging}: in 32-bit mode, turn paging on (identity mapped) so units use the soft TLB. */
    Sandbox(int mode, boolean rawMemory, boolean paging) {
        this.mode = mode;
        this.paging = paging || mode == 64;
        this.rt = new JitRuntime(jitInterp, rawMemory);
        for (GuestMemory m : List.of(refMem, jitMem)) {
            if (mode == 64) { // PML4 at 0x1000 -> PDPT 0x2000 -> PD 0x3000 -> one 2 MiB page at 0
                m.write64(0x1000, 0x2000 | 3);
                m.write64(0x2000, 0x3000 | 3);
                m.write64(0x3000, 0x83);
            } else if (paging) { // page directory at 0x1000: one 4 MiB page at 0 (CR4.PSE)
                m.write32(0x1000, 0x83);
            }
        }
    }

    /** Marks {@code pa}'s page of the jit machine as holding translated code (its writes must take the slow path). */
    void markCodePage(long pa) {
        jitMem.markCodePage(pa);
    }

    CpuState initialState(SplittableRandom rnd) {
        CpuState s = new CpuState();
        int dataAttr = SegmentState.P | SegmentState.S | 0x3 | SegmentState.DB | SegmentState.G;
        int codeAttr = SegmentState.P | SegmentState.S | 0xB | SegmentState.G | (mode == 64 ? SegmentState.L : SegmentState.DB);
        for (int i = 0; i < 6; i++) s.seg[i] = new SegmentState(i == 1 ? 8 : 16, 0, 0xFFFF_FFFF, i == 1 ? codeAttr : dataAttr);
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET | (paging ? ControlBits.CR0_PG : 0);
        if (mode == 64) {
            s.cr3 = 0x1000;
            s.cr4 = 1 << 5;
            s.efer = Msr.EFER_LME | Msr.EFER_LMA;
        } else if (paging) {
            s.cr3 = 0x1000;
            s.cr4 = 1 << 4; // PSE
        }
        s.gdtLimit = 0xFFFF;
        s.idtLimit = 0; // any exception escalates to a (deterministic) shutdown
        for (int r = 0; r < 16; r++) {
            long v = rnd.nextLong();
            s.gpr[r] = mode == 64 ? v : v & 0xFFFF_FFFFL;
        }
        s.gpr[3] = DATA;
        s.gpr[4] = STACK_TOP;
        s.rip = CODE;
        s.rflags = 2 | (rnd.nextLong() & 0x8D5);
        return s;
    }

    /** Runs {@code code} from {@code start} on both machines; returns a divergence report or null. */
    String check(byte[] code, CpuState start, byte[] data) {
        byte[] page = new byte[4096];
        java.util.Arrays.fill(page, (byte) 0xF4); // a stray jump lands on HLT
        System.arraycopy(code, 0, page, 0, code.length);
        for (GuestMemory m : List.of(refMem, jitMem)) {
            m.writeBytes(CODE, page, 0, page.length);
            m.writeBytes(DATA, data, 0, data.length);
            m.writeBytes(STACK_PAGE, new byte[4096], 0, 4096);
        }
        ref.setState(start);
        ref.instructions = 0;
        refInterp.shutdown = null;
        for (int n = 0; n < MAX_STEPS && !ref.halted && refInterp.shutdown == null; n++) refInterp.step();

        jit.setState(start);
        jit.instructions = 0;
        rt.fastMem.flush();
        if ((checks++ & 1) == 0) { // every other sequence starts with the data and stack pages in the soft TLB: hits, not exits
            for (long warm : new long[] {DATA, STACK_PAGE}) {
                rt.fastMem.fillAfterMiss(jit, warm, false);
                rt.fastMem.fillAfterMiss(jit, warm, true);
            }
        }
        jitInterp.shutdown = null;
        Unit unit = null;
        try {
            Region region = Region.decode(jitMem, UnitKey.of(jit), CODE, Translator.MAX_REGION_INSNS);
            region.accessMemoryThrough(rt.fastMem);
            if ((region.directEnd > 0) != (mode == 32 && !paging && region.rawMemory)) {
                return "the unit's memory path is not the one this sandbox tests: directEnd " + region.directEnd;
            }
            region.missCallsInUnit = missCallsInUnit;
            byte[] bytes = UnitCompiler.classBytes(region);
            unit = new Unit(CODE, region, UnitCompiler.define(region, rt.fastMem, bytes, UnitCompiler.runCodeLength(bytes)));
            insnsCompiled += unit.guestInsns;
            lastExit = unit.code.run(jit, rt);
            unitsRun++;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "translation or execution failed: " + e + "\n" + listing(code);
        }
        for (int n = 0; n < MAX_STEPS && !jit.halted && jitInterp.shutdown == null; n++) jitInterp.step();

        List<String> diff = ref.state().diff(jit.state());
        StringBuilder mem = new StringBuilder();
        for (long base : new long[] {DATA, STACK_PAGE}) {
            for (int k = 0; k < 4096; k++) {
                int a = refMem.read8(base + k), b = jitMem.read8(base + k);
                if (a != b) mem.append(String.format(" [%x] interp %02x jit %02x", base + k, a, b));
            }
        }
        if (ref.instructions != jit.instructions) mem.append(" instructions " + ref.instructions + " vs " + jit.instructions);
        if (diff.isEmpty() && mem.isEmpty()) return null;
        return String.format("%d-bit sequence diverged%nregisters (interp -> jit): %s%nmemory:%s%nstart:%n%s%ncode:%n%s%n%s",
                mode, diff, mem, start, listing(code), UnitTrace.describe(unit));
    }

    /** A mnemonic listing with the bytes of each instruction. */
    String listing(byte[] code) {
        StringBuilder sb = new StringBuilder();
        Decoder d = new Decoder();
        Insn insn = new Insn();
        int off = 0;
        while (off < code.length) {
            final int base = off;
            try {
                d.decode(ip -> code[(int) (ip - CODE)] & 0xFF, CODE + off, mode, insn);
            } catch (RuntimeException e) {
                break;
            }
            StringBuilder hex = new StringBuilder();
            for (int k = 0; k < insn.length; k++) hex.append(String.format("%02x ", code[base + k] & 0xFF));
            sb.append(String.format("  %x: %-36s %s%n", CODE + off, hex, OpcodeTable.mnemonic(insn)));
            off += insn.length;
        }
        return sb.toString();
    }

    @Override
    public void close() {
        refMem.close();
        jitMem.close();
    }
}
