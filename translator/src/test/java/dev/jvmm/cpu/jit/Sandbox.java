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
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A sandbox guest for the random-sequence oracle: two identical 2 MiB machines in flat 32-bit
 * protected mode (paging off, so units read RAM without the soft TLB, or on, identity mapped with
 * one 4 MiB page, so every access goes through it) or 64-bit long mode (identity-mapped with one
 * 2 MiB page). A code sequence runs
 * on one machine through the interpreter and on the other through a freshly translated unit
 * (plus interpreter steps for whatever the unit hands back), then registers, flags and the data
 * and stack pages are compared.
 */
public final class Sandbox implements AutoCloseable {
    public static final long CODE = 0x10000, DATA = 0x20000, STACK_PAGE = 0x30000, STACK_TOP = 0x30800;
    public static final int MAX_STEPS = 400;

    final int mode;
    /** Paging on (always in 64-bit mode). */
    final boolean paging;
    /** The code runs at CPL 3. */
    final boolean user;
    private final GuestMemory refMem = GuestMemory.create(GuestMemory.MIN_RAM);
    private final GuestMemory jitMem = GuestMemory.create(GuestMemory.MIN_RAM);
    private final Cpu ref = new Cpu(refMem);
    private final Interpreter refInterp = new Interpreter(ref, null);
    private final Cpu jit = new Cpu(jitMem);
    private final Interpreter jitInterp = new Interpreter(jit, null);
    private final JitRuntime rt;
    long unitsRun, insnsCompiled;
    private long checks;
    private Unit lastUnit;
    private byte[] lastCode;
    private UnitKey lastKey;
    /** Soft-TLB misses are handled inside the unit (as under lockstep) instead of leaving it. */
    boolean missCallsInUnit;
    /** Why the last unit run left ({@code CompiledUnit.EXIT_*}). */
    int lastExit = -1;

    public Sandbox(int mode) {
        this(mode, RawMemory.UNSAFE != null);
    }

    /** {@code rawMemory}: units access RAM directly ({@link RawMemory}) rather than through the segment. */
    public Sandbox(int mode, boolean rawMemory) {
        this(mode, rawMemory, mode == 64);
    }

    /** {@code paging}: in 32-bit mode, turn paging on (identity mapped) so units use the soft TLB. */
    public Sandbox(int mode, boolean rawMemory, boolean paging) {
        this(mode, rawMemory, paging, false);
    }

    /**
     * {@code user}: run the code at CPL 3 (segments of DPL 3, user pages), as a host process runs,
     * so privileged instructions and page-fault error codes are what the host oracle sees.
     */
    public Sandbox(int mode, boolean rawMemory, boolean paging, boolean user) {
        this.mode = mode;
        this.paging = paging || mode == 64;
        this.user = user;
        this.rt = new JitRuntime(jitInterp, rawMemory);
        int u = user ? 4 : 0;
        for (GuestMemory m : List.of(refMem, jitMem)) {
            if (mode == 64) { // PML4 at 0x1000 -> PDPT 0x2000 -> PD 0x3000 -> one 2 MiB page at 0
                m.write64(0x1000, 0x2000 | 3 | u);
                m.write64(0x2000, 0x3000 | 3 | u);
                m.write64(0x3000, 0x83 | u);
            } else if (paging) { // page directory at 0x1000: one 4 MiB page at 0 (CR4.PSE)
                m.write32(0x1000, 0x83 | u);
            }
        }
    }

    /** Marks {@code pa}'s page of the jit machine as holding translated code (its writes must take the slow path). */
    void markCodePage(long pa) {
        jitMem.markCodePage(pa);
    }

    /** Random GPRs and arithmetic flags over {@link #baseState()}; RBX points at the data page, RSP into the stack page. */
    CpuState initialState(SplittableRandom rnd) {
        CpuState s = baseState();
        for (int r = 0; r < 16; r++) {
            long v = rnd.nextLong();
            s.gpr[r] = mode == 64 ? v : v & 0xFFFF_FFFFL;
        }
        s.gpr[3] = DATA;
        s.gpr[4] = STACK_TOP;
        s.rflags = 2 | (rnd.nextLong() & 0x8D5);
        return s;
    }

    /** The sandbox's flat segments (DPL 3 if {@code user}), control registers and paging at RIP = {@link #CODE}; GPRs zero, RFLAGS 2. */
    public CpuState baseState() {
        CpuState s = new CpuState();
        int dpl = user ? 0x60 : 0;
        int dataAttr = SegmentState.P | SegmentState.S | 0x3 | SegmentState.DB | SegmentState.G | dpl;
        int codeAttr = SegmentState.P | SegmentState.S | 0xB | SegmentState.G | (mode == 64 ? SegmentState.L : SegmentState.DB) | dpl;
        int rpl = user ? 3 : 0;
        for (int i = 0; i < 6; i++) s.seg[i] = new SegmentState((i == 1 ? 8 : 16) | rpl, 0, 0xFFFF_FFFF, i == 1 ? codeAttr : dataAttr);
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
        s.rip = CODE;
        s.rflags = 2;
        return s;
    }

    /**
     * How a sequence ended on one machine: its CPU and memory afterwards, the exception the sequence
     * raised ({@code vector} -1 if none: it halted or ran out of steps; see
     * {@link Interpreter#lastRaisedVector}) and, if the translator failed, why.
     */
    public record Run(Cpu cpu, GuestMemory memory, int vector, int errorCode, String error) {}

    /** Runs {@code code} from {@code start} on both machines; returns a divergence report or null. */
    String check(byte[] code, CpuState start, byte[] data) {
        runInterpreter(code, start, data, null);
        Run translated = runTranslated(code, start, data, null);
        if (translated.error() != null) return translated.error();
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
                mode, diff, mem, start, listing(code), UnitTrace.describe(lastUnit));
    }

    /** Puts the code (then HLT to the end of its page), the data (then zeros) and a zeroed stack page into {@code m}. */
    private static void load(GuestMemory m, byte[] code, byte[] data) {
        byte[] page = new byte[4096];
        Arrays.fill(page, (byte) 0xF4); // a stray jump lands on HLT
        System.arraycopy(code, 0, page, 0, code.length);
        m.writeBytes(CODE, page, 0, page.length);
        byte[] dataPage = Arrays.copyOf(data, 4096);
        m.writeBytes(DATA, dataPage, 0, dataPage.length);
        m.writeBytes(STACK_PAGE, new byte[4096], 0, 4096);
    }

    /**
     * Runs {@code code} from {@code start} on the interpreter machine until HLT, a fault or
     * {@link #MAX_STEPS}. {@code setUp} (may be null) sets what {@link CpuState} does not carry.
     */
    public Run runInterpreter(byte[] code, CpuState start, byte[] data, Consumer<Cpu> setUp) {
        load(refMem, code, data);
        ref.setState(start);
        if (setUp != null) setUp.accept(ref);
        ref.instructions = 0;
        refInterp.shutdown = null;
        for (int n = 0; n < MAX_STEPS && !ref.halted && refInterp.shutdown == null; n++) refInterp.step();
        return ended(ref, refMem, refInterp, null);
    }

    /**
     * Runs {@code code} from {@code start} on the translator machine: as one translated unit (made
     * afresh unless {@code code} is the code of the previous call), then interpreter steps for
     * whatever the unit hands back, as {@link #runInterpreter}.
     */
    public Run runTranslated(byte[] code, CpuState start, byte[] data, Consumer<Cpu> setUp) {
        load(jitMem, code, data);
        jit.setState(start);
        if (setUp != null) setUp.accept(jit);
        jit.instructions = 0;
        rt.fastMem.flush();
        if ((checks++ & 1) == 0) { // every other sequence starts with the data and stack pages in the soft TLB: hits, not exits
            for (long warm : new long[] {DATA, STACK_PAGE}) {
                rt.fastMem.fillAfterMiss(jit, warm, false);
                rt.fastMem.fillAfterMiss(jit, warm, true);
            }
        }
        jitInterp.shutdown = null;
        try {
            UnitKey key = UnitKey.of(jit);
            if (lastUnit == null || !key.equals(lastKey) || !Arrays.equals(code, lastCode)) { // else reuse the unit
                lastUnit = null;
                Region region = Region.decode(jitMem, key, CODE, Translator.MAX_REGION_INSNS);
                region.accessMemoryThrough(rt.fastMem);
                if ((region.directEnd > 0) != (mode == 32 && !paging && region.rawMemory)) {
                    return ended(jit, jitMem, jitInterp, "the unit's memory path is not the one this sandbox tests: directEnd " + region.directEnd);
                }
                region.missCallsInUnit = missCallsInUnit;
                byte[] bytes = UnitCompiler.classBytes(region);
                lastUnit = new Unit(CODE, region, UnitCompiler.define(region, rt.fastMem, bytes, UnitCompiler.runCodeLength(bytes)));
                lastCode = code.clone();
                lastKey = key;
                insnsCompiled += lastUnit.guestInsns;
            }
            lastExit = lastUnit.code.run(jit, rt);
            unitsRun++;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            lastUnit = null;
            return ended(jit, jitMem, jitInterp, "translation or execution failed: " + e + "\n" + listing(code));
        }
        for (int n = 0; n < MAX_STEPS && !jit.halted && jitInterp.shutdown == null; n++) jitInterp.step();
        return ended(jit, jitMem, jitInterp, null);
    }

    /** Every exception ends in a shutdown here (the IDT is empty): the first one is the sequence's. */
    private static Run ended(Cpu cpu, GuestMemory mem, Interpreter in, String error) {
        boolean faulted = in.shutdown != null;
        return new Run(cpu, mem, faulted ? in.lastRaisedVector() : -1, faulted ? in.lastRaisedErrorCode() : -1, error);
    }

    /** The guest code and bytecode of the unit {@link #runTranslated} made last, for failure reports. */
    public String lastUnitTrace() {
        return UnitTrace.describe(lastUnit);
    }

    /** A mnemonic listing with the bytes of each instruction. */
    public String listing(byte[] code) {
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
