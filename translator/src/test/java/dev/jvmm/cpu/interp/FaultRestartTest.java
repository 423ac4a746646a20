package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.bus.PortBus;
import dev.jvmm.core.cpu.ControlBits;
import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.cpu.SegmentState;
import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import java.io.InputStream;
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
        byte[] code;
        try (InputStream in = getClass().getResourceAsStream("cow-32.bin")) {
            code = in.readAllBytes();
        }
        mem.writeBytes(0x10000, code, 0, code.length);
        long handler = mem.read32(0x10100) & 0xFFFF_FFFFL;
        mem.write64(0x1008, 0x00cf9a000000ffffL);
        mem.write64(0x1010, 0x00cf92000000ffffL);
        mem.write64(0x2000 + 14 * 8, (handler & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | ((handler >>> 16) << 48));
        mem.write32(0x20000, 0x83);               // 0-4 MiB: writable 4 MiB page
        mem.write32(0x20004, 0x400000 | 0x81);    // 4-8 MiB: read-only 4 MiB page
        mem.write32(0x400000, 0x100);
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET | ControlBits.CR0_PG | ControlBits.CR0_WP;
        s.cr3 = 0x20000;
        s.cr4 = ControlBits.CR4_PSE;
        s.seg[CpuState.CS] = SegmentState.fromDescriptor(0x08, mem.read64(0x1008));
        SegmentState data = SegmentState.fromDescriptor(0x10, mem.read64(0x1010));
        for (int seg : new int[] {CpuState.ES, CpuState.SS, CpuState.DS, CpuState.FS, CpuState.GS}) s.seg[seg] = data;
        s.gdtBase = 0x1000;
        s.gdtLimit = 0x17;
        s.idtBase = 0x2000;
        s.idtLimit = 0x7FF;
        s.rip = 0x10000;
        s.gpr[CpuState.RSP] = 0x9000;
        Cpu cpu = new Cpu(mem);
        cpu.setState(s);
        Interpreter in = new Interpreter(cpu, new PortBus());
        for (int n = 0; n < 50 && !cpu.halted; n++) in.step();
        assertEquals(1, mem.read32(0x5000), "one #PF");
        assertEquals(0x111, mem.read32(0x400000), "0x100 + 0x10 + CF");
        assertEquals(0x111, cpu.gpr[CpuState.RBX]);
        assertEquals(0x9000, cpu.gpr[CpuState.RSP]);
    }
}
