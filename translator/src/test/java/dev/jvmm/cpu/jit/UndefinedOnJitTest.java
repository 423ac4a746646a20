package dev.jvmm.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.clock.TimerQueue;
import dev.jvmm.core.clock.VirtualClock;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.decode.Form;
import dev.jvmm.cpu.interp.Cpu;
import dev.jvmm.cpu.interp.FlatProtectedMode;
import dev.jvmm.cpu.interp.Interpreter;
import dev.jvmm.devices.pc.PcBoard;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * No silent no-ops on jit either: instructions jvmm does not implement (UD2, an AVX instruction in
 * its VEX encoding, MOVBE, which CPUID does not report) raise #UD inside a hot, translated loop
 * exactly as often as on the interpreter alone, and {@code --stats} counts each by opcode.
 */
class UndefinedOnJitTest {
    private static final long HANDLER = 0x3000, CODE = FlatProtectedMode.CODE, DATA = 0x20000;
    private static final int PASSES = 3000;

    //       mov ecx, PASSES ; mov esi, DATA
    // loop: ud2 ; nop ; nop               0F 0B      (the handler skips 4 bytes, the NOPs with it)
    //       vaddps xmm0, xmm0, xmm1       C5 F8 58 C1 (VEX: no AVX here; LDS with a register operand before AVX)
    //       movbe eax, [esi]              0F 38 F0 06 (MOVBE: not in jvmm's CPUID)
    //       add edi, 1 ; dec ecx ; jnz loop ; hlt
    private static final byte[] CODE_BYTES = HexFormat.of().parseHex(
            "b9" + String.format("%02x%02x0000", PASSES & 0xFF, PASSES >> 8) + "be00000200"
                    + "0f0b9090" + "c5f858c1" + "0f38f006" + "83c701" + "49" + "75ee" + "f4");
    private static final long LOOP = CODE + 10;
    // #UD handler: add dword [esp], 4 ; iret
    private static final byte[] HANDLER_BYTES = HexFormat.of().parseHex("83042404" + "cf");

    @Test
    void undefinedInstructionsInATranslatedLoopRaiseAndAreCountedAsOnTheInterpreter() {
        String interpreted;
        try (GuestMemory mem = GuestMemory.create(16L << 20)) {
            CpuState start = load(mem);
            Cpu cpu = new Cpu(mem);
            cpu.setState(start);
            Interpreter in = new Interpreter(cpu, new PortBus());
            for (int n = 0; n < 20 * PASSES && !cpu.halted; n++) in.step();
            assertTrue(cpu.halted, "the interpreter ran the loop to its HLT");
            assertEquals(PASSES, cpu.gpr[7], "every pass ran to its end (EDI counts them)");
            assertEquals(PASSES, in.undefinedCount(Form.NP, 0x10B), "UD2");
            assertEquals(PASSES, in.undefinedCount(Form.NP, 0xC5), "VEX C5");
            assertEquals(PASSES, in.undefinedCount(Form.NP, 0x2F0), "MOVBE");
            interpreted = in.undefinedStats();
        }
        try (GuestMemory mem = GuestMemory.create(16L << 20)) {
            CpuState start = load(mem);
            PcBoard board = PcBoard.create(mem, new TimerQueue(new VirtualClock(1)), PcBoard.Options.defaults());
            JitVcpu vcpu = new JitVcpu(board.platform(), null, false);
            vcpu.setState(start);
            for (int n = 0; n < 20 * PASSES && !vcpu.cpu().halted; n++) {
                if (!vcpu.runUnit()) vcpu.interpretOne();
            }
            assertTrue(vcpu.cpu().halted, "the jit ran the loop to its HLT");
            assertEquals(PASSES, vcpu.cpu().gpr[7], "every pass ran to its end");
            assertTrue(vcpu.cache.lookup(LOOP, LOOP, vcpu.cpu()) != null, "the loop was translated");
            assertTrue(vcpu.stats.unitRuns > PASSES / 2, "most passes ran in units: " + vcpu.stats.unitRuns);
            assertEquals(interpreted, vcpu.interp().undefinedStats(), "the same #UD counts as on the interpreter");
            String stats = vcpu.stats();
            assertTrue(stats.contains(String.format("0F 0B (ud2) %d first at rip 0x%x", PASSES, LOOP)), stats);
            assertTrue(stats.contains(String.format("C5 (lds or VEX) %d first at rip 0x%x", PASSES, LOOP + 4)), stats);
            assertTrue(stats.contains(String.format("0F 38 F0 %d first at rip 0x%x", PASSES, LOOP + 8)), stats);
        }
    }

    /** Writes the flat GDT, the #UD gate, handler, code and data; returns the 32-bit entry state (paging off). */
    private static CpuState load(GuestMemory mem) {
        CpuState s = FlatProtectedMode.state(mem, 0x17);
        FlatProtectedMode.interruptGate(mem, 6, HANDLER);
        mem.writeBytes(HANDLER, HANDLER_BYTES, 0, HANDLER_BYTES.length);
        mem.writeBytes(CODE, CODE_BYTES, 0, CODE_BYTES.length);
        mem.write32(DATA, 0x12345678);
        s.rflags = 2;
        return s;
    }
}
