package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RF bit of the EFLAGS image an exception pushes (SDM vol. 3 §17.3.1.1): 1 for every fault-class
 * exception except an instruction-breakpoint #DB, 0 for traps (INT3, the single-step #DB); the handler
 * itself always starts with RF=0.
 */
class ResumeFlagTest {
    private static final long HANDLER = 0x11000;
    private final GuestMemory mem = GuestMemory.create(4L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    /** Runs {@code hex} with every vector's gate on a HLT; returns the CPU halted in the handler. */
    private Cpu run(String hex, long eflags) {
        byte[] code = HexFormat.of().parseHex(hex);
        mem.writeBytes(FlatProtectedMode.CODE, code, 0, code.length);
        mem.write8(HANDLER, 0xF4);
        for (int v = 0; v < 32; v++) FlatProtectedMode.interruptGate(mem, v, HANDLER);
        CpuState s = FlatProtectedMode.state(mem, 0x17);
        s.rflags = eflags;
        Cpu cpu = FlatProtectedMode.run(mem, s, 10);
        assertEquals(HANDLER + 1, cpu.rip, "the handler ran");
        assertEquals(0, cpu.flags & Cpu.RF, "the handler runs with RF clear");
        return cpu;
    }

    private long pushedFlags(Cpu cpu, boolean errorCode) {
        return mem.read32(cpu.gpr[CpuState.RSP] + (errorCode ? 12 : 8));
    }

    @Test
    void invalidOpcodePushesResumeFlagSet() {
        Cpu cpu = run("0f0b", 0x2); // UD2
        assertEquals(FlatProtectedMode.CODE, mem.read32(cpu.gpr[CpuState.RSP]), "a fault: the saved EIP is the UD2");
        assertEquals(Cpu.RF, pushedFlags(cpu, false) & Cpu.RF);
    }

    @Test
    void generalProtectionWithErrorCodePushesResumeFlagSet() {
        Cpu cpu = run("66b83412" + "8ed8", 0x2); // mov ax, 0x1234; mov ds, ax: an LDT selector without an LDT
        assertEquals(0x1234, mem.read32(cpu.gpr[CpuState.RSP]), "error code: the selector (an LDT one, and there is no LDT)");
        assertEquals(Cpu.RF, pushedFlags(cpu, true) & Cpu.RF);
    }

    @Test
    void breakpointTrapPushesResumeFlagClear() {
        Cpu cpu = run("cc", 0x2); // INT3
        assertEquals(FlatProtectedMode.CODE + 1, mem.read32(cpu.gpr[CpuState.RSP]), "a trap: the saved EIP follows INT3");
        assertEquals(0, pushedFlags(cpu, false) & Cpu.RF);
    }

    @Test
    void singleStepTrapPushesResumeFlagClear() {
        Cpu cpu = run("90", 0x2 | Cpu.TF); // NOP with TF=1
        assertEquals(FlatProtectedMode.CODE + 1, mem.read32(cpu.gpr[CpuState.RSP]));
        assertEquals(0, pushedFlags(cpu, false) & Cpu.RF);
    }
}
