package dev.jvmm.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvmm.core.cpu.Msr;
import dev.jvmm.core.irq.InterruptController;
import dev.jvmm.core.memory.GuestMemory;
import dev.jvmm.cpu.CpuException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CPU sends a local APIC's MSRs and CPUID bits to its interrupt-controller view. */
class InterruptControllerRegistersTest {
    private final GuestMemory mem = GuestMemory.create(2L << 20);
    private final Cpu cpu = new Cpu(mem);
    private final List<String> writes = new ArrayList<>();

    InterruptControllerRegistersTest() {
        cpu.interrupts = new InterruptController() {
            @Override public boolean interruptPending() { return false; }
            @Override public int acknowledge() { return -1; }
            @Override public boolean ownsMsr(int msr) { return msr == Msr.APIC_BASE || msr >= 0x800 && msr <= 0x8FF; }
            @Override public OptionalLong readMsr(int msr) {
                return msr == 0x802 ? OptionalLong.of(7) : msr == Msr.APIC_BASE ? OptionalLong.of(0xFEE0_0900L) : OptionalLong.empty();
            }
            @Override public boolean writeMsr(int msr, long value, long tsc) {
                writes.add(Integer.toHexString(msr) + "=" + Long.toHexString(value) + "@" + tsc);
                return msr != 0x803;
            }
            @Override public int[] cpuidLeaf1(int ebx, int ecx, int edx) {
                return new int[] {ebx | (5 << 24), ecx | (1 << 21), edx & ~(1 << 9)};
            }
            @Override public int initialApicId() { return 5; }
        };
    }

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void ownedMsrsGoToTheView() {
        assertEquals(7, Msrs.read(cpu, 0x802));
        assertEquals(0xFEE0_0900L, Msrs.read(cpu, Msr.APIC_BASE));
        CpuException e = assertThrows(CpuException.class, () -> Msrs.read(cpu, 0x808));
        assertEquals(13, e.vector, "an empty read is #GP");
        cpu.instructions = 100;
        cpu.tscOffset = 5;
        Msrs.write(cpu, 0x808, 0x20);
        assertEquals(List.of("808=20@105"), writes, "with the TSC at the write");
        assertThrows(CpuException.class, () -> Msrs.write(cpu, 0x803, 0), "a refused write is #GP");
        assertEquals(0x0007_0406_0007_0406L, Msrs.read(cpu, Msr.PAT), "other MSRs stay the CPU's");
    }

    @Test
    void cpuidAsksTheViewForApicBitsAndIds() {
        cpu.gpr[0] = 1;
        Cpuid.execute(cpu);
        assertEquals(5, cpu.gpr[3] >>> 24, "initial APIC ID in EBX[31:24]");
        assertEquals(1 << 21, cpu.gpr[1] & (1 << 21), "x2APIC");
        assertEquals(0, cpu.gpr[2] & (1 << 9), "APIC bit as the view says");
        cpu.gpr[0] = 0;
        Cpuid.execute(cpu);
        assertTrue(cpu.gpr[0] >= 0xB, "leaf 0xB is in range");
        cpu.gpr[0] = 0xB;
        cpu.gpr[1] = 0;
        Cpuid.execute(cpu);
        assertEquals(5, cpu.gpr[2], "EDX: x2APIC ID");
        assertEquals(0x100, cpu.gpr[1], "level 0 is SMT");
        assertEquals(1, cpu.gpr[3]);
        cpu.gpr[0] = 0xB;
        cpu.gpr[1] = 2;
        Cpuid.execute(cpu);
        assertEquals(0, cpu.gpr[0] | cpu.gpr[3], "an invalid level");
        assertEquals(2, cpu.gpr[1]);
    }

    @Test
    void amdLegacyPerformanceMsrsHoldTheirValues() {
        Msrs.write(cpu, Msr.K7_EVNTSEL0, 0x43_0076);
        Msrs.write(cpu, Msr.K7_PERFCTR3, -1L);
        assertEquals(0x43_0076, Msrs.read(cpu, Msr.K7_EVNTSEL0));
        assertEquals(0xFFFF_FFFF_FFFFL, Msrs.read(cpu, Msr.K7_PERFCTR3), "48-bit counter");
        assertThrows(CpuException.class, () -> Msrs.write(cpu, Msr.K7_EVNTSEL0 + 1, 1L << 32), "reserved upper half");
        assertThrows(CpuException.class, () -> Msrs.read(cpu, Msr.K7_PERFCTR3 + 1));
    }
}
