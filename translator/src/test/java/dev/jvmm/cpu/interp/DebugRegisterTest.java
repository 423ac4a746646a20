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

/** Instruction and data breakpoints, DR6 status bits, RF, and the single-step trap (debug-32.S). */
class DebugRegisterTest {
    private final GuestMemory mem = GuestMemory.create(4L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void breakpointsAndSingleStep() throws IOException {
        byte[] code;
        try (InputStream in = getClass().getResourceAsStream("debug-32.bin")) {
            code = in.readAllBytes();
        }
        mem.writeBytes(0x10000, code, 0, code.length);
        long handler = mem.read32(0x10100), target = mem.read32(0x10104);
        mem.write64(0x1008, 0x00cf9a000000ffffL);
        mem.write64(0x1010, 0x00cf92000000ffffL);
        mem.write64(0x2000 + 8, (handler & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | ((handler >>> 16) << 48));
        CpuState s = new CpuState();
        s.cr0 = ControlBits.CR0_PE | ControlBits.CR0_ET;
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
        for (int n = 0; n < 100 && !cpu.halted; n++) in.step();
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
