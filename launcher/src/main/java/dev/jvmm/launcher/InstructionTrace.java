package dev.jvmm.launcher;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.PageWalk;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.disasm.Disassembler;
import java.io.PrintWriter;

/**
 * {@code --trace insn}: prints every instruction before it executes — CS:RIP, its bytes and Intel
 * syntax — by single-stepping the vCPU; {@code --trace cpu} (QEMU's {@code -d cpu}) the registers
 * before each one too. Slow by design; for watching a small guest work.
 */
final class InstructionTrace {
    private static final int MAX_INSTRUCTION_LENGTH = 15;

    private final GuestMemory memory;
    private final PrintWriter out;
    private final Disassembler disassembler = new Disassembler();
    private final byte[] bytes = new byte[MAX_INSTRUCTION_LENGTH];
    private final boolean registers;

    InstructionTrace(GuestMemory memory, PrintWriter out, boolean registers) {
        this.memory = memory;
        this.out = out;
        this.registers = registers;
    }

    /** Prints the instruction the CPU in state {@code s} is about to execute. */
    void print(CpuState s) {
        if (registers) for (String line : s.toString().split("\n")) out.println("jvmm: cpu " + line);
        long linearBase = s.seg[CpuState.CS].base();
        int n = 0;
        while (n < bytes.length) {
            long physical = PageWalk.toPhysical(s, memory, linearBase + s.rip + n);
            if (physical == PageWalk.NOT_MAPPED) break;
            bytes[n++] = (byte) memory.read8(physical);
        }
        String where = String.format("%04x:%08x", s.seg[CpuState.CS].selector(), s.rip);
        if (n == 0) {
            out.println("jvmm: insn " + where + "  (code page not mapped)");
            return;
        }
        var insn = disassembler.disassemble(java.util.Arrays.copyOf(bytes, n), s.rip, s.codeBits());
        out.printf("jvmm: insn %s  %-24s %s%n", where, insn.hexBytes(), insn.text());
    }
}
