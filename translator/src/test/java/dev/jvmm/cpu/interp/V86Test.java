package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvmm.core.cpu.CpuState;
import dev.jvmm.core.memory.GuestMemory;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Virtual-8086 mode: IRET in, real-mode addressing, INT to a ring-0 handler and back, #GP out (v86-32.S). */
class V86Test {
    private final GuestMemory mem = GuestMemory.create(4L << 20);

    @AfterEach
    void close() {
        mem.close();
    }

    private static long gate(long offset, int dpl) {
        return (offset & 0xFFFF) | (0x08L << 16) | ((0x8EL | dpl << 5) << 40) | ((offset >>> 16) << 48);
    }

    @Test
    void enterInterruptAndLeaveVirtual8086Mode() throws IOException {
        byte[] code = FlatProtectedMode.loadProgram(mem, getClass(), "v86-32.bin");
        long h30 = mem.read32(0x10200), hgp = mem.read32(0x10204);
        int from = mem.read32(0x10208) - 0x10000, to = mem.read32(0x1020c) - 0x10000;
        mem.writeBytes(0x20000, code, from, to - from); // the 8086 code at 2000:0000
        CpuState s = FlatProtectedMode.state(mem, 0x2F);
        mem.write64(0x1028, 0x0000_8900_0000_0067L | (0x4000L << 16)); // the TSS at 0x4000
        mem.write32(0x4004, 0x8000); // ESP0
        mem.write32(0x4008, 0x10);   // SS0
        mem.write64(0x2000 + 0x30 * 8, gate(h30, 3));
        mem.write64(0x2000 + 13 * 8, gate(hgp, 0));
        Cpu cpu = FlatProtectedMode.run(mem, s, 100);
        assertEquals(0x1234, mem.read16(0x20010), "real-mode addressing through DS=0x2000");
        assertEquals(0x1234, mem.read16(0x28ffe), "push through SS=0x2800");
        assertEquals(0x8000 - 36, mem.read32(0x5000), "ring-0 ESP: nine dwords pushed");
        assertEquals(0, mem.read32(0x5004), "ES nulled in the handler");
        assertEquals(9, mem.read32(0x5008), "saved IP: after MOV, MOV, PUSH, INT 0x30 (3+3+1+2 bytes)");
        assertEquals(0x20000, mem.read32(0x500c) & 0x20000, "saved EFLAGS has VM");
        assertEquals(0x0FFE, mem.read32(0x5010), "saved V86 SP");
        assertEquals(0x2000, mem.read32(0x5014), "saved DS");
        assertEquals(0x3000, mem.read32(0x5018), "saved GS");
        assertEquals(0x1234, mem.read16(0x20012), "AX after IRET back to V86");
        assertEquals(0, mem.read32(0x5020), "#GP(0) for HLT at CPL 3");
        assertEquals(to - from - 1, mem.read32(0x5024), "EIP of the HLT");
        assertEquals(0, cpu.cpl);
        assertEquals(0, cpu.flags & Cpu.VM);
    }
}
