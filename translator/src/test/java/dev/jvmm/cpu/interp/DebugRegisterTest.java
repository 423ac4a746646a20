package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instruction and data breakpoints, DR6 status bits, RF, and the single-step trap (debug-32.S). */
class DebugRegisterTest {
    private final GuestMemory mem = GuestMemory.create(4L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void breakpointsAndSingleStep() throws IOException {
        FlatProtectedMode.loadProgram(mem, getClass(), "debug-32.bin");
        long handler = mem.read32(0x10100), target = mem.read32(0x10104);
        FlatProtectedMode.interruptGate(mem, 1, handler);
        Cpu cpu = FlatProtectedMode.run(mem, FlatProtectedMode.state(mem, 0x17), 100);
        assertEquals(3, mem.read32(0x5100), "three #DB events");
        assertEquals(1, mem.read32(0x5000) & 0xF, "event 1: B0, the instruction breakpoint");
        assertEquals(target, mem.read32(0x5004), "a fault: saved EIP is the breakpointed instruction");
        assertEquals(2, mem.read32(0x5008) & 0xF, "event 2: B1, the data write");
        assertEquals(target + 5 + 10, mem.read32(0x500c), "a trap: saved EIP follows the write");
        assertEquals(0x4000, mem.read32(0x5010) & 0x400F, "event 3: BS, single step");
        assertEquals(0x78, cpu.gpr[CpuState.RBX], "the breakpointed MOV and the stepped INC both ran");
        assertEquals(1, mem.read16(0x6002));
    }
}
