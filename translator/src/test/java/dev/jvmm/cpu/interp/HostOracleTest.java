package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.decode.Decoder;
import dev.jvmm.cpu.decode.Insn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 64-bit integer instructions against the host CPU (an AMD EPYC): host-oracle-64.txt.gz holds
 * 4,500 random single instructions (ALU, shifts and rotates, MUL/IMUL/DIV, BT*, SHLD/SHRD,
 * BSF/BSR, MOVZX/MOVSX, CMOVcc/SETcc, BSWAP, XADD/CMPXCHG/XCHG, CBW..CQO, flag ops, LEA/MOV,
 * POPCNT, CMPXCHG8B/16B, string instructions with REP and DF, PUSH/POP/ENTER/LEAVE/PUSHF/POPF with RSP in the
 * scratch area; register and [rbx+disp8] memory forms with 16/32/64-bit operands) with the registers,
 * flags and 64 scratch bytes before and after running natively (host-oracle-gen.py and
 * host-oracle-main.c made it). host-oracle-32.txt.gz does the same for 3,000 instructions run in
 * 32-bit compatibility mode on the host (host-oracle-gen32.py; adds INC/DEC 40-4F, PUSHA/POPA,
 * DAA/DAS/AAA/AAS/AAM/AAD, XLAT), checked here in 32-bit protected mode. Flags the SDM leaves undefined for an instruction are not compared.
 */
class HostOracleTest {
    private static final long SCRATCH = 0x300000, CODE = 0x200000, PML4 = 0x10000;
    private static final long CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;
    private final GuestMemory mem = GuestMemory.create(8L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    /** The arithmetic flags that are defined after {@code insn} (SDM vol. 2, each instruction's "Flags Affected"). */
    static long definedFlags(String family, Insn insn, long rcx) {
        long all = CF | PF | AF | ZF | SF | OF;
        int bits = insn.opSize * 8;
        return switch (family) {
            case "logic" -> all & ~AF;
            case "mul" -> CF | OF;
            case "div" -> 0;
            case "bcd" -> insn.opcode == 0x27 || insn.opcode == 0x2F ? all & ~OF : AF | CF;
            case "aam" -> SF | ZF | PF;
            case "bsf" -> ZF;
            case "bt" -> CF | ZF;
            case "shift", "dshift" -> {
                int op = insn.opcode;
                int count = op == 0xD0 || op == 0xD1 ? 1 : op == 0xD2 || op == 0xD3 || op == 0x1A5 || op == 0x1AD
                        ? (int) rcx & 0xFF : (int) insn.imm & 0xFF;
                count &= insn.opSize == 8 ? 63 : 31;
                if (count == 0) yield all;
                long d = all & ~AF;
                if (count != 1) d &= ~OF;
                boolean rotate = family.equals("shift") && (insn.reg & 7) < 4;
                if (!rotate && count > bits) d = 0; // SHL/SHR/SAR/SHLD/SHRD past the operand size
                yield d;
            }
            default -> all;
        };
    }

    private CpuState sandbox32() {
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x08, 0x00cf9b000000ffffL);
        SegmentState data = SegmentState.fromDescriptor(0x10, 0x00cf93000000ffffL);
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.rip = CODE;
        return s;
    }

    private CpuState sandbox() {
        mem.write64(PML4, (PML4 + 0x1000) | 3);
        mem.write64(PML4 + 0x1000, (PML4 + 0x2000) | 3);
        mem.write64(PML4 + 0x2000, 0x83);
        mem.write64(PML4 + 0x2008, 0x200000 | 0x83);
        mem.write64(0x1008, 0x00af9a000000ffffL);
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET | ControlBits.CR0_PG;
        s.cr4 = ControlBits.CR4_PAE;
        s.cr3 = PML4;
        s.efer = Msr.EFER_LME | Msr.EFER_LMA;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x08, 0x00af9b000000ffffL);
        SegmentState data = SegmentState.fromDescriptor(0x10, 0x00cf93000000ffffL);
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.gdtBase = 0x1000;
        s.gdtLimit = 0x17;
        s.rip = CODE;
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 32})
    void randomInstructionsMatchTheHostCpu(int mode) throws IOException {
        List<String> failures = new ArrayList<>();
        int n = 0;
        Decoder decoder = new Decoder();
        CpuState base = mode == 64 ? sandbox() : sandbox32();
        long regMask = mode == 64 ? -1L : 0xFFFF_FFFFL;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                getClass().getResourceAsStream("host-oracle-" + mode + ".txt.gz")), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) continue;
                String[] io = line.split(" \\| ");
                String[] in = io[0].split(" ");
                String[] out = io[1].split(" ");
                byte[] code = HexFormat.of().parseHex(in[0]);
                String family = in[1];
                String[] regsIn = in[2].split(","), regsOut = out[0].split(",");
                long flagsIn = Long.parseUnsignedLong(in[3], 16);
                byte[] scratchIn = HexFormat.of().parseHex(in[4]), scratchOut = HexFormat.of().parseHex(out[1]);
                long scratchAt = SCRATCH + 64L * n;
                mem.writeBytes(CODE, code, 0, code.length);
                mem.write8(CODE + code.length, 0xF4);
                mem.writeBytes(scratchAt, scratchIn, 0, 64);
                CpuState s = base.copy();
                for (int k = 0; k < 16; k++) s.gpr[k] = Long.parseUnsignedLong(regsIn[k], 16);
                boolean stackCase = s.gpr[CpuState.RSP] != 0; // RSP points into the scratch area
                if (!stackCase) s.gpr[CpuState.RSP] = 0x8000;
                s.rflags = 0x202 | flagsIn;
                Cpu cpu = new Cpu(mem);
                cpu.setState(s);
                Interpreter interp = new Interpreter(cpu, new PortBus());
                interp.step();
                Insn insn = decoder.decode(ip -> code[(int) ip] & 0xFF, 0, mode, new Insn());
                StringBuilder diff = new StringBuilder();
                if (family.equals("dshift") && definedFlags(family, insn, s.gpr[CpuState.RCX]) == 0) {
                    n++; // SHLD/SHRD count above the operand size: the result is undefined (SDM "SHLD")
                    continue;
                }
                if (interp.lastVector() >= 0) diff.append("exception ").append(interp.lastVector()).append("; ");
                for (int k = 0; k < (mode == 64 ? 16 : 8); k++) {
                    if (k == 4 && !stackCase) continue;
                    long want = Long.parseUnsignedLong(regsOut[k], 16);
                    if (want != (cpu.gpr[k] & regMask)) diff.append(String.format("r%d=%x want %x; ", k, cpu.gpr[k], want));
                }
                long defined = definedFlags(family, insn, s.gpr[CpuState.RCX]);
                long wantFlags = Long.parseUnsignedLong(regsOut[16], 16);
                if (((cpu.flags ^ wantFlags) & defined) != 0) {
                    diff.append(String.format("flags=%x want %x (compared %x); ", cpu.flags, wantFlags, defined));
                }
                for (int b = 0; b < 64; b++) {
                    int got = mem.read8(scratchAt + b);
                    if (got != (scratchOut[b] & 0xFF)) {
                        diff.append(String.format("[scratch+%d]=%02x want %02x; ", b, got, scratchOut[b] & 0xFF));
                        break;
                    }
                }
                if (!diff.isEmpty()) failures.add(String.format("#%d %s (%s, %s): %s", n, in[0], family, insn, diff));
                n++;
            }
        }
        System.out.println(mode + "-bit: " + n + " host-oracle cases, " + failures.size() + " differ");
        failures.forEach(System.out::println);
        assertEquals(List.of(), failures.subList(0, Math.min(30, failures.size())));
    }
}
