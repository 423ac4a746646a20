package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults restart the instruction from the state it started with (copy-on-write style #PF, cow-32.S). */
class FaultRestartTest {
    private final GuestMemory mem = GuestMemory.create(8L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void adcOnAReadOnlyPageRestartsWithTheOriginalCarry() throws IOException {
        FlatProtectedMode.loadProgram(mem, getClass(), "cow-32.bin");
        long handler = mem.read32(0x10100) & 0xFFFF_FFFFL;
        FlatProtectedMode.interruptGate(mem, 14, handler);
        mem.write32(0x20000, 0x83);               // 0-4 MiB: writable 4 MiB page
        mem.write32(0x20004, 0x400000 | 0x81);    // 4-8 MiB: read-only 4 MiB page
        mem.write32(0x400000, 0x100);
        CpuState s = FlatProtectedMode.state(mem, 0x17);
        s.cr0 |= ControlBits.CR0_PG | ControlBits.CR0_WP;
        s.cr3 = 0x20000;
        s.cr4 = ControlBits.CR4_PSE;
        Cpu cpu = FlatProtectedMode.run(mem, s, 50);
        assertEquals(1, mem.read32(0x5000), "one #PF");
        assertEquals(0x111, mem.read32(0x400000), "0x100 + 0x10 + CF");
        assertEquals(0x111, cpu.gpr[CpuState.RBX]);
        assertEquals(0x9000, cpu.gpr[CpuState.RSP]);
    }
}
