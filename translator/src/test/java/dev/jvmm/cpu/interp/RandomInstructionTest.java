package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;
import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import dev.jvmm.cpu.decode.OpcodeTable;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random instruction sequences in a sandbox guest (real mode, 32-bit protected mode, 64-bit long
 * mode), every exception vector pointing at a HLT. Invariants after every instruction: no Java
 * exception escapes the interpreter, and the state stays architecturally well-formed (RFLAGS fixed
 * bits, RIP within the code size or canonical, CPL and selectors in range).
 */
class RandomInstructionTest {
    private static final long GDT = 0x1000, IDT = 0x2000, TSS = 0x4000, PML4 = 0x8000, CODE = 0x20000, HALT = 0x10000;
    private final GuestMemory mem = GuestMemory.create(8L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    private void tables(int mode) {
        mem.write8(HALT, 0xF4); // every handler: HLT
        mem.write8(HALT + 1, 0xEB);
        mem.write8(HALT + 2, 0xFD);
        if (mode == 16) {
            for (int v = 0; v < 256; v++) mem.write32(v * 4L, (int) ((HALT >> 4) << 16));
            return;
        }
        mem.write64(GDT + 0x08, mode == 64 ? 0x00af9a000000ffffL : 0x00cf9a000000ffffL);
        mem.write64(GDT + 0x10, 0x00cf92000000ffffL);
        mem.write64(GDT + 0x18, 0x0000_8900_0000_0067L | (TSS << 16));
        mem.write64(GDT + 0x20, 0);
        for (int v = 0; v < 256; v++) {
            long lo = (HALT & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | ((HALT >>> 16) << 48);
            if (mode == 64) {
                mem.write64(IDT + v * 16L, lo);
                mem.write64(IDT + v * 16L + 8, 0);
            } else {
                mem.write64(IDT + v * 8L, lo);
            }
        }
        mem.write64(TSS + 4, 0x9000);
        mem.write32(TSS + 8, 0x10);
        if (mode == 64) {
            mem.write64(PML4, (PML4 + 0x1000) | 3);
            mem.write64(PML4 + 0x1000, (PML4 + 0x2000) | 3);
            mem.write64(PML4 + 0x2000, 0x83);            // first 2 MiB
            mem.write64(PML4 + 0x2008, 0x200000 | 0x83); // next 2 MiB
        }
    }

    private CpuState state(int mode, Random rnd) {
        CpuState s;
        if (mode == 16) {
            s = CpuState.realMode((int) (CODE >> 4), 0);
            for (int k = 0; k < 8; k++) s.gpr[k] = rnd.nextInt(0x10000);
            s.gpr[CpuState.RSP] = 0x8000;
            s.seg[CpuState.DS] = SegmentState.real(0x3000, false);
            s.seg[CpuState.SS] = SegmentState.real(0x4000, false);
            s.rflags = 2 | (rnd.nextInt() & 0x8D5);
            return s;
        }
        s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET | (mode == 64 ? ControlBits.CR0_PG : 0);
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x08, mem.read64(GDT + 0x08));
        SegmentState data = SegmentState.fromDescriptor(0x10, mem.read64(GDT + 0x10));
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.tr = new SegmentState(0x18, TSS, 0x67, 0x8B);
        s.gdtBase = GDT;
        s.gdtLimit = 0x27;
        s.idtBase = IDT;
        s.idtLimit = mode == 64 ? 0xFFF : 0x7FF;
        if (mode == 64) {
            s.cr3 = PML4;
            s.cr4 = ControlBits.CR4_PAE;
            s.efer = Msr.EFER_LME | Msr.EFER_LMA | Msr.EFER_SCE;
        }
        for (int k = 0; k < (mode == 64 ? 16 : 8); k++) {
            // mostly small values so memory operands land in RAM
            s.gpr[k] = rnd.nextInt(4) == 0 ? rnd.nextLong() & (mode == 64 ? -1L : 0xFFFF_FFFFL) : rnd.nextInt(0x100000);
        }
        s.gpr[CpuState.RSP] = 0x70000;
        s.rip = CODE;
        s.rflags = 2 | (rnd.nextInt() & 0x8D5);
        return s;
    }

    /** Random bytes that decode to a defined instruction in {@code mode}. */
    private static int randomInstruction(Random rnd, int mode, byte[] out, int at, Decoder d, Insn insn) {
        byte[] b = new byte[16];
        while (true) {
            rnd.nextBytes(b);
            if (rnd.nextInt(3) == 0) b[0] = (byte) new int[] {0x66, 0x67, 0xF3, 0xF2, 0x2E, 0x26, 0x64, 0x48}[rnd.nextInt(8)];
            try {
                d.decode(ip -> b[(int) ip] & 0xFF, 0, mode, insn);
            } catch (CpuException e) {
                continue;
            }
            if ((insn.attrs & OpcodeTable.INVALID) != 0 || at + insn.length > out.length) continue;
            System.arraycopy(b, 0, out, at, insn.length);
            return insn.length;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64})
    void randomSequencesKeepTheStateWellFormed(int mode) {
        // -Djvmm.random.sequences=N and -Djvmm.random.seed=S for longer or different runs
        Random rnd = new Random(Long.getLong("jvmm.random.seed", 1000) + mode);
        int sequences = Integer.getInteger("jvmm.random.sequences", 3000);
        Decoder d = new Decoder();
        Insn insn = new Insn();
        PortBus ports = new PortBus();
        long executed = 0, halted = 0;
        for (int seq = 0; seq < sequences; seq++) {
            tables(mode);
            byte[] code = new byte[256];
            int n = 0;
            while (n < code.length - 16) n += randomInstruction(rnd, mode, code, n, d, insn);
            mem.writeBytes(CODE, code, 0, n);
            Cpu cpu = new Cpu(mem);
            cpu.setState(state(mode, rnd));
            Interpreter in = new Interpreter(cpu, ports);
            for (int step = 0; step < 64 && !cpu.halted && in.shutdown == null; step++) {
                long rip = cpu.rip;
                try {
                    in.step();
                } catch (RuntimeException e) {
                    fail(String.format("Java exception at %x in %d-bit code %s: %s", rip, mode,
                            HexFormat.of().formatHex(code, 0, n), e), e);
                }
                executed++;
                checkWellFormed(cpu, code, n, rip + " " + in.lastInsn());
            }
            if (cpu.halted) halted++;
        }
        System.out.printf("%d-bit: %d random instructions executed, %d sequences ended in HLT%n", mode, executed, halted);
        assertTrue(executed > 10_000);
    }

    private static void checkWellFormed(Cpu c, byte[] code, int n, String last) {
        String where = String.format(" after %s (now %x) in %s", last, c.rip, HexFormat.of().formatHex(code, 0, n));
        assertTrue((c.flags & 2) != 0 && (c.flags & 0xFFFF_FFFF_FFC0_8028L) == 0, () -> "RFLAGS " + Long.toHexString(c.flags) + where);
        assertTrue(c.mode == 16 || c.mode == 32 || c.mode == 64, where);
        if (c.mode == 64) assertTrue(((c.rip << 16) >> 16) == c.rip, () -> "non-canonical RIP" + where);
        else assertTrue(c.rip >= 0 && c.rip <= 0xFFFF_FFFFL, () -> "RIP " + Long.toHexString(c.rip) + where);
        if (!c.protectedMode()) assertTrue(c.rip <= c.segLimit[Cpu.CS], () -> "RIP beyond the CS limit" + where);
        assertTrue(c.cpl >= 0 && c.cpl <= 3, where);
        for (int s = 0; s < 8; s++) assertTrue(c.segSel[s] >= 0 && c.segSel[s] <= 0xFFFF, where);
    }
}
